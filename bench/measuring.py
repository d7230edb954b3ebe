"""Measuring the public pages for bench/run.py: a page checked and warmed up, its throughput
and latency under load (wrk, or a plain threaded Python client when wrk is missing), the iCal
feed timed request by request, and the feed's answers to conditional requests.
"""

import http.client
import re
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Page:
    key: str
    label: str
    path: str


@dataclass
class Measure:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    tool: str


def http_get(url, headers=None, timeout=30):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def check_page(base, page):
    """The page answers 200 (else the figures would measure an error page); its size."""
    status, _headers, body = http_get(base + page.path)
    if status != 200:
        raise SystemExit(f"{page.path} answered {status}: {body[:300]!r}")
    for _ in range(20):  # warm up both workers: templates, connections
        http_get(base + page.path)
    return len(body)


def measure(wrk, url, args, label):
    print(f"Measuring {label} ...", flush=True)
    if wrk:
        return _measure_wrk(wrk, url, args)
    return _measure_python(url, args)


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS_MS[unit]


# Browsers and calendar apps all say they take compressed responses; so does the load.
ACCEPT = {"Accept-Encoding": "gzip"}


def _measure_wrk(wrk, url, args):
    command = [
        wrk,
        "-H",
        "Accept-Encoding: gzip",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        # wrk drops a response slower than its timeout (2 s by default) from the latencies:
        # a long one keeps every response in the percentiles.
        "--timeout",
        "30s",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", output, re.MULTILINE))
    if "50" not in percentiles:
        raise SystemExit(f"wrk measured no response of {url}:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return Measure(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_ms(percentiles["50"]),
        p99_ms=_ms(percentiles["99"]),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        errors=(int(errors.group(1)) if errors else 0)
        + (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0),
        tool="wrk",
    )


def _measure_python(url, args):
    """A plain threaded client: one connection per request (gunicorn's sync workers close
    them anyway). Weaker than wrk: with the GIL it may saturate before the server does."""
    deadline = time.monotonic() + args.duration
    latencies, errors, lock = [], [0], threading.Lock()

    def worker():
        mine, bad = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                status, _headers, _body = http_get(url, ACCEPT)
            except OSError:
                status = 0
            mine.append((time.perf_counter() - started) * 1000)
            bad += status >= 400 or status == 0
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100)
    return Measure(len(latencies) / elapsed, cuts[49], cuts[98], len(latencies), errors[0], "py")


def time_feed(base, count):
    times, size, events = [], 0, 0
    for _ in range(count):
        started = time.perf_counter()
        status, _headers, body = http_get(base + "/calendar.ics")
        times.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"/calendar.ics answered {status}")
        size, events = len(body), body.count(b"BEGIN:VEVENT")
    return {"times": times, "size": size, "events": events}


def conditional(base):
    """Both validators the feed sends, each sent back alone: 304 expected."""
    _status, headers, _body = http_get(base + "/calendar.ics")
    headers = {name.lower(): value for name, value in headers.items()}
    found = {}
    for header, validator in (("if-none-match", "etag"), ("if-modified-since", "last-modified")):
        if validator in headers:
            started = time.perf_counter()
            status, _h, body = http_get(base + "/calendar.ics", {header: headers[validator]})
            found[header] = (status, len(body), time.perf_counter() - started)
    return found
