"""Load test of the public pages, in one run: gunicorn, PostgreSQL and wrk on this machine.

    .venv/bin/python bench/run.py                    # the whole run, writes docs/performance.md
    .venv/bin/python bench/run.py --reuse-data       # keep the database of the previous run

What it does:

1. makes a dedicated database (`portal_bench`, on the PostgreSQL server of DATABASE_URL, by
   default postgres://postgres@127.0.0.1:5432/postgres), migrates it, loads the official
   units, generates the campaign with `--activities` activities (bench/generate.py) and
   runs VACUUM ANALYZE;
2. runs collectstatic and serves the portal with gunicorn (2 sync workers) on 127.0.0.1 in
   production mode (DEBUG=False, a random SECRET_KEY; no TLS redirect, since no proxy
   terminates TLS here) with bench/settings.py, which adds /bench/ceiling: the smallest
   Django response, through the full middleware;
3. measures each page with `wrk -t2 -c16 -d10s --latency` (a simpler Python load generator
   if wrk is missing: `apt-get install wrk`), the ceiling before each page and last;
4. times full iCal feed requests one by one and checks that a conditional request gets 304;
5. writes the figures, the ratios to the ceiling and the targets of issue 3 to
   docs/performance.md (unless --no-write).

The server is stopped by the process id this script started, whatever happens.
"""

import argparse
import datetime
import http.client
import importlib.metadata
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
OUTPUT = ROOT / "docs" / "performance.md"

# Targets of issue 3, "Speed".
MIN_RATIO = 0.25
MAX_P99_MS = 100.0
MAX_FEED_SECONDS = 1.0


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


def main(argv=None):
    args = _arguments(argv)
    python = sys.executable
    server_url = args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    bench_url = _database(server_url, args.database_name, reuse=args.reuse_data)
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = _environment(bench_url, work)
    load_before = os.getloadavg()

    if not args.reuse_data:
        _step("Migrating", [python, "manage.py", "migrate", "--noinput", "-v0"], env)
        _step(
            "Generating data",
            [python, "-m", "bench.generate", "--activities", str(args.activities), "--load-units"],
            env,
        )
        _analyze(bench_url)
    collect = [python, "manage.py", "collectstatic", "--noinput", "-v0"]
    _step("Collecting static files", collect, env)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start_gunicorn(python, port, env, args.workers)
    try:
        _wait_until_up(base, server)
        facts = _facts(bench_url)
        ceiling = Page("ceiling", "Minimal Django view (the ceiling)", "/bench/ceiling")
        pages = [
            Page("home", "Home page", "/"),
            Page("month", "Calendar, month grid", "/calendar/"),
            Page("list", "Calendar, agenda list", "/calendar/?view=list"),
            Page("activity", "Activity page", f"/activities/{facts['activity_pk']}/"),
            Page("feed", "iCal feed, every activity", "/calendar.ics"),
        ]
        # Before anything else asks for it, so that the feed is built, not read from the
        # cache (each worker has its own): the time a subscriber waits after a change.
        cold_feed = _time_feed(base, 1)
        sizes = {page.key: _check_page(base, page) for page in [ceiling, *pages]}
        wrk = shutil.which("wrk")
        # The ceiling before each page and after the last: each page is compared with the
        # ceiling measured just around it, which matters when other work on the machine
        # comes and goes during the run.
        ceilings, results = [], {}
        for page in pages:
            ceilings.append(_measure(wrk, base + ceiling.path, args, ceiling.path))
            results[page.key] = _measure(wrk, base + page.path, args, page.path)
        ceilings.append(_measure(wrk, base + ceiling.path, args, ceiling.path))
        feed = _time_feed(base, args.feed_requests)
        feed["cold"] = cold_feed["times"][0]
        conditional = _conditional(base)
    finally:
        _stop(server)
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()

    report = _report(
        pages,
        ceilings,
        results,
        sizes,
        feed,
        conditional,
        facts,
        args,
        (load_before, load_after),
        wrk,
    )
    print(report)
    if not args.no_write:
        OUTPUT.parent.mkdir(exist_ok=True)
        OUTPUT.write_text(report + _kept_notes(), encoding="utf-8")
        print(f"Written to {OUTPUT.relative_to(ROOT)}")


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--database-url", help=f"a PostgreSQL server (default {DEFAULT_SERVER})")
    parser.add_argument("--database-name", default="portal_bench")
    parser.add_argument("--reuse-data", action="store_true", help="keep the existing database")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--feed-requests", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print, do not write the doc")
    return parser.parse_args(argv)


# --- the database and the server ----------------------------------------------------


def _database(server_url, name, *, reuse):
    """The URL of the benchmark's own database, made afresh unless `reuse`."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(server_url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("The benchmark needs PostgreSQL: give a postgres:// DATABASE_URL.")
    if parts.path.lstrip("/") == name:
        raise SystemExit(f"Choose a --database-name other than the server's database {name}.")
    bench_url = parts._replace(path="/" + name).geturl()
    if reuse:
        return bench_url
    print(f"Creating database {name} ...", flush=True)
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(
            sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                sql.Identifier(name)
            )
        )
    return bench_url


def _analyze(database_url):
    """Planner statistics and the visibility map, as a database in service has them (a
    fresh one has neither, and the planner guesses badly without them)."""
    import psycopg

    print("VACUUM ANALYZE ...", flush=True)
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def _environment(database_url, work):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PORTAL_DEMO", "DJANGO_SETTINGS_MODULE", "ROOT_URLCONF"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "False",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            # Production mode wants a real mailer; the benchmark sends no mail.
            "MAILER_URL": "smtp://127.0.0.1:25",
            # No proxy terminates TLS here: plain HTTP on the loopback.
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_HSTS_SECONDS": "0",
            "STATIC_ROOT": str(work / "static"),
            "MEDIA_ROOT": str(work / "media"),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def _step(label, command, env):
    print(f"{label} ...", flush=True)
    started = time.monotonic()
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    print(f"  {time.monotonic() - started:.1f} s", flush=True)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_gunicorn(python, port, env, workers):
    command = [
        python,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--worker-tmp-dir",
        "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir(),
    ]
    print(f"Starting gunicorn on 127.0.0.1:{port} ...", flush=True)
    # Its own process group, so that stopping it also stops its workers.
    return subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)


def _wait_until_up(base, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit code {server.returncode}).")
        try:
            status, _headers, _body = _get(base + "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz in time.")


def _stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _facts(database_url):
    """What the database holds: counts, one published activity, versions."""
    import psycopg

    with psycopg.connect(database_url) as connection:

        def one(query):
            return connection.execute(query).fetchone()[0]

        return {
            "activities": one("SELECT count(*) FROM campaigns_activity"),
            "public": one(
                "SELECT count(*) FROM campaigns_activity "
                "WHERE is_public AND state IN ('published', 'cancelled')"
            ),
            "units": one("SELECT count(*) FROM organizations_unit"),
            # A published activity with co-organisers and results: the fullest page.
            "activity_pk": one(
                "SELECT a.id FROM campaigns_activity a "
                "JOIN campaigns_activityresult r ON r.activity_id = a.id "
                "WHERE a.is_public AND a.state = 'published' AND EXISTS (SELECT 1 FROM "
                "campaigns_activity_co_organizers c WHERE c.activity_id = a.id) "
                "ORDER BY a.id LIMIT 1"
            ),
            "postgresql": one("SHOW server_version"),
        }


# --- measuring ----------------------------------------------------------------------


def _get(url, headers=None, timeout=30):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _check_page(base, page):
    """The page answers 200 (else the figures would measure an error page); its size."""
    status, _headers, body = _get(base + page.path)
    if status != 200:
        raise SystemExit(f"{page.path} answered {status}: {body[:300]!r}")
    for _ in range(20):  # warm up both workers: templates, connections
        _get(base + page.path)
    return len(body)


def _measure(wrk, url, args, label):
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
                status, _headers, _body = _get(url, ACCEPT)
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


def _time_feed(base, count):
    times, size, events = [], 0, 0
    for _ in range(count):
        started = time.perf_counter()
        status, _headers, body = _get(base + "/calendar.ics")
        times.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"/calendar.ics answered {status}")
        size, events = len(body), body.count(b"BEGIN:VEVENT")
    return {"times": times, "size": size, "events": events}


def _conditional(base):
    """Both validators the feed sends, each sent back alone: 304 expected."""
    _status, headers, _body = _get(base + "/calendar.ics")
    headers = {name.lower(): value for name, value in headers.items()}
    found = {}
    for header, validator in (("if-none-match", "etag"), ("if-modified-since", "last-modified")):
        if validator in headers:
            started = time.perf_counter()
            status, _h, body = _get(base + "/calendar.ics", {header: headers[validator]})
            found[header] = (status, len(body), time.perf_counter() - started)
    return found


# --- the report ---------------------------------------------------------------------


def _machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{int(memory) / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        memory = "unknown RAM"
    system = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {memory}, {system}"


def _version(package):
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _wrk_version(wrk):
    if not wrk:
        return "not installed (Python load generator used)"
    result = subprocess.run([wrk, "-v"], capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).split("[")[0].strip() or "wrk"


def _report(pages, ceilings, results, sizes, feed, conditional, facts, args, loads, wrk):
    today = datetime.date.today().isoformat()
    ceiling_rps = [measure.requests_per_second for measure in ceilings]
    lines = [
        "# Performance of the public pages",
        "",
        "Written by `bench/run.py` (issue 3, “Speed”); run it again to refresh this page. "
        "Absolute figures depend on the machine and on what else runs on it; the ratios to "
        "the ceiling, measured in the same run, are what to compare.",
        "",
        f"- **Date**: {today}",
        f"- **Machine**: {_machine()}; load average {loads[0][0]:.2f} before the run, "
        f"{loads[1][0]:.2f} after (the load generator shares the cores with the server)",
        f"- **Software**: Python {platform.python_version()}, Django {_version('Django')}, "
        f"gunicorn {_version('gunicorn')} ({args.workers} sync workers), psycopg "
        f"{_version('psycopg')}, PostgreSQL {facts['postgresql']}, {_wrk_version(wrk)}",
        f"- **Data**: one campaign with {facts['activities']:,} activities "
        f"({facts['public']:,} on the public calendar, the others drafts, submitted or "
        f"internal), {facts['units']:,} units; `bench/generate.py`",
        f"- **Load**: `wrk -H 'Accept-Encoding: gzip' -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s --latency URL` (every browser and calendar app accepts gzip), "
        "as anonymous visitors, one address after another; the ceiling is measured before each "
        "page and after the last, and each page is compared with the two ceiling runs "
        "around it",
        "- **Settings**: production mode (DEBUG=False, ManifestStaticFilesStorage, persistent "
        "database connections), bench/settings.py adds `/bench/ceiling`; no TLS (plain HTTP "
        "on 127.0.0.1), so SECURE_SSL_REDIRECT=False",
        "",
        "## Throughput and latency",
        "",
        "| Page | Address | Size | Requests/s | p50 | p99 | Errors | Ratio to ceiling "
        "| Target met |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
        f"| Minimal Django view (the ceiling, {len(ceilings)} runs) | `/bench/ceiling` | 2 B "
        f"| {statistics.mean(ceiling_rps):,.0f} ({min(ceiling_rps):,.0f}–"
        f"{max(ceiling_rps):,.0f}) | {statistics.median(m.p50_ms for m in ceilings):.1f} ms "
        f"| {statistics.median(m.p99_ms for m in ceilings):.1f} ms "
        f"| {sum(m.errors for m in ceilings)} | 100% | — |",
    ]
    verdicts = []
    for index, page in enumerate(pages):
        measure = results[page.key]
        around = statistics.mean(ceiling_rps[index : index + 2])
        ratio = measure.requests_per_second / around
        met = ratio >= MIN_RATIO and measure.p99_ms < MAX_P99_MS and not measure.errors
        verdicts.append((page, met, ratio, measure))
        lines.append(
            f"| {page.label} | `{page.path}` | {_size(sizes[page.key])} "
            f"| {measure.requests_per_second:,.0f} | {measure.p50_ms:.1f} ms "
            f"| {measure.p99_ms:.1f} ms | {measure.errors} | {ratio:.0%} "
            f"| {'yes' if met else '**no**'} |"
        )
    times = feed["times"]
    slowest = max(feed["cold"], *times)
    feed_ok = slowest < MAX_FEED_SECONDS
    lines += [
        "",
        "Ceiling runs in order: "
        + ", ".join(f"{rps:,.0f}" for rps in ceiling_rps)
        + " requests/s. Sizes are of the response body, uncompressed (gzip is what travels).",
        "",
        "## The full iCal feed",
        "",
        f"`/calendar.ics` with no filter: {feed['events']:,} events, {_size(feed['size'])}. "
        f"The first request after the server started, which builds the feed: "
        f"{feed['cold'] * 1000:.0f} ms. Then {len(times)} requests one after another (the "
        f"feed now comes from the cache): median {statistics.median(times) * 1000:.0f} ms, "
        f"slowest {max(times) * 1000:.0f} ms.",
        "",
    ]
    for header, (status, length, seconds) in conditional.items():
        lines.append(
            f"- sent back with `{header}` only: **{status}** ({length} bytes, "
            f"{seconds * 1000:.0f} ms)"
        )
    if not conditional:
        lines.append("- the feed sent neither an ETag nor a Last-Modified header")
    not_modified = bool(conditional) and all(
        status == 304 for status, _length, _seconds in conditional.values()
    )
    lines += [
        "",
        "## Targets (issue 3)",
        "",
        "| Target | Met |",
        "|---|---|",
    ]
    for page, met, ratio, measure in verdicts:
        lines.append(
            f"| {page.label}: ≥ {MIN_RATIO:.0%} of the ceiling's throughput ({ratio:.0%}) and "
            f"p99 < {MAX_P99_MS:.0f} ms at {args.connections} connections "
            f"({measure.p99_ms:.1f} ms) | {'yes' if met else '**no**'} |"
        )
    lines += [
        f"| Full iCal feed in under {MAX_FEED_SECONDS:.0f} s (built: {feed['cold'] * 1000:.0f}"
        f" ms; slowest from the cache: {max(times) * 1000:.0f} ms) "
        f"| {'yes' if feed_ok else '**no**'} |",
        f"| 304 when nothing changed | {'yes' if not_modified else '**no**'} |",
        "",
        "## Reproduce",
        "",
        "```bash",
        "apt-get install -y wrk        # Debian's wrk; without it a slower Python client is used",
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/run.py",
        "```",
        "",
        "It makes (and drops first) the database `portal_bench` on that server, generates the "
        "data, serves the portal with gunicorn on a free port of 127.0.0.1, measures, stops the "
        "server and rewrites this file. `--reuse-data` keeps the generated database, "
        "`--no-write` only prints, `--help` lists the rest.",
        "",
    ]
    return "\n".join(lines)


# Everything from this line on in docs/performance.md is written by hand (analysis, causes,
# fixes) and kept when the figures above it are written again.
NOTES_MARKER = "<!-- Written by hand below this line; bench/run.py keeps it. -->"


def _kept_notes():
    if OUTPUT.exists():
        text = OUTPUT.read_text(encoding="utf-8")
        if NOTES_MARKER in text:
            return "\n" + text[text.index(NOTES_MARKER) :]
    return "\n" + NOTES_MARKER + "\n"


def _size(length):
    if length >= 1024 * 1024:
        return f"{length / 1024 / 1024:.1f} MB"
    if length >= 1024:
        return f"{length / 1024:.0f} kB"
    return f"{length} B"


if __name__ == "__main__":
    main()
