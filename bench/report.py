"""The report bench/run.py writes to docs/performance.md: the machine and the software, the
figures of each page against the ceiling measured around it, the iCal feed, and the targets
of the public pages; the notes written by hand below the marker are kept.
"""

import datetime
import importlib.metadata
import os
import platform
import statistics
import subprocess
from pathlib import Path

# The targets the public pages must meet.
MIN_RATIO = 0.25
MAX_P99_MS = 100.0
MAX_FEED_SECONDS = 1.0


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


def render(pages, ceilings, results, sizes, feed, conditional, facts, args, loads, wrk):
    today = datetime.date.today().isoformat()
    ceiling_rps = [measure.requests_per_second for measure in ceilings]
    lines = [
        "# Performance of the public pages",
        "",
        "Written by `bench/run.py`; run it again to refresh this page. "
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
        f"internal), {facts['units']:,} units; `bench/generate.py`. Learning models: "
        f"{facts['recognitions']:,} recognitions of bodies and {facts['households']:,} "
        "recognised households and people over three years; `bench/learning_models.py`. "
        f"The fund: {facts['donations']:,} donations to {facts['funds']:,} funds over four "
        "years, with reversals and payments; `bench/fund.py`",
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
        "## Targets",
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


def kept_notes(path):
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if NOTES_MARKER in text:
            return "\n" + text[text.index(NOTES_MARKER) :]
    return "\n" + NOTES_MARKER + "\n"


def _size(length):
    if length >= 1024 * 1024:
        return f"{length / 1024 / 1024:.1f} MB"
    if length >= 1024:
        return f"{length / 1024:.0f} kB"
    return f"{length} B"
