"""Load test of the public pages, in one run: gunicorn, PostgreSQL and wrk on this machine.

    .venv/bin/python bench/run.py                    # the whole run, writes docs/performance.md
    .venv/bin/python bench/run.py --reuse-data       # keep the database of the previous run

What it does:

1. makes a dedicated database (`portal_bench`, on the PostgreSQL server of DATABASE_URL, by
   default postgres://postgres@127.0.0.1:5432/postgres), migrates it, loads the official
   units, generates the campaign with `--activities` activities (bench/generate.py) and
   the fund's books with `--donations` donations (bench/fund.py) and runs VACUUM ANALYZE;
2. runs collectstatic and serves the portal with gunicorn (2 sync workers) on 127.0.0.1 in
   production mode (DEBUG=False, a random SECRET_KEY; no TLS redirect, since no proxy
   terminates TLS here) with bench/settings.py, which adds /bench/ceiling: the smallest
   Django response, through the full middleware;
3. measures each page with `wrk -t2 -c16 -d10s --latency` (a simpler Python load generator
   if wrk is missing: `apt-get install wrk`), the ceiling before each page and last;
4. times full iCal feed requests one by one and checks that a conditional request gets 304;
5. writes the figures, the ratios to the ceiling and the targets to
   docs/performance.md (unless --no-write).

The server is stopped by the process id this script started, whatever happens. The
measuring is in bench/measuring.py, the writing of the report in bench/report.py.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
OUTPUT = ROOT / "docs" / "performance.md"

if str(ROOT) not in sys.path:
    # Run as a script (bench/run.py), Python looks for imports beside the script, not in the
    # project: the bench package's other modules are found from the project's root.
    sys.path.insert(0, str(ROOT))

from bench import measuring  # noqa: E402
from bench.measuring import Page  # noqa: E402
from bench.report import kept_notes, render  # noqa: E402


def main(argv=None):
    args = _arguments(argv)
    python = sys.executable
    server_url = args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    bench_url = _database(server_url, args.database_name, reuse=args.reuse_data)
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = _environment(bench_url, work, base)
    load_before = os.getloadavg()

    if not args.reuse_data:
        _step("Migrating", [python, "manage.py", "migrate", "--noinput", "-v0"], env)
        _step(
            "Generating data",
            [python, "-m", "bench.generate", "--activities", str(args.activities), "--load-units"],
            env,
        )
        _step(
            "Generating learning models",
            [python, "-m", "bench.learning_models", "--recognitions", str(args.recognitions)],
            env,
        )
        _step(
            "Generating the fund's books",
            [python, "-m", "bench.fund", "--donations", str(args.donations)],
            env,
        )
        _analyze(bench_url)
    collect = [python, "manage.py", "collectstatic", "--noinput", "-v0"]
    _step("Collecting static files", collect, env)

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
            Page("register", "Learning-model register", "/learning-models/"),
            Page(
                "register_title",
                "Register, one title and year",
                "/learning-models/?title=community_commune&year=2024",
            ),
            Page(
                "register_area",
                "Register, one district",
                f"/learning-models/?area={facts['district_pk']}",
            ),
            Page("register_search", "Register, a search", "/learning-models/?q=an+duong"),
            Page("fund", "Fund, public disclosure", "/fund/"),
            Page("fund_year", "Fund disclosure, one year", "/fund/?year=2024"),
            Page(
                "fund_statement",
                "Fund, a yearly statement",
                f"/fund/{facts['city_fund_pk']}/statements/2024/",
            ),
        ]
        # Before anything else asks for it, so that the feed is built, not read from the
        # cache (each worker has its own): the time a subscriber waits after a change.
        cold_feed = measuring.time_feed(base, 1)
        sizes = {page.key: measuring.check_page(base, page) for page in [ceiling, *pages]}
        wrk = shutil.which("wrk")
        # The ceiling before each page and after the last: each page is compared with the
        # ceiling measured just around it, which matters when other work on the machine
        # comes and goes during the run.
        ceilings, results = [], {}
        for page in pages:
            ceilings.append(measuring.measure(wrk, base + ceiling.path, args, ceiling.path))
            results[page.key] = measuring.measure(wrk, base + page.path, args, page.path)
        ceilings.append(measuring.measure(wrk, base + ceiling.path, args, ceiling.path))
        feed = measuring.time_feed(base, args.feed_requests)
        feed["cold"] = cold_feed["times"][0]
        conditional = measuring.conditional(base)
    finally:
        _stop(server)
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()

    report = render(
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
        OUTPUT.write_text(report + kept_notes(OUTPUT), encoding="utf-8")
        print(f"Written to {OUTPUT.relative_to(ROOT)}")


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument(
        "--recognitions", type=int, default=20000, help="learning-model recognitions"
    )
    parser.add_argument("--donations", type=int, default=50000, help="the fund's donations")
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


def _environment(database_url, work, base):
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
            # The address gunicorn serves, which the feed's links name.
            "PORTAL_BASE_URL": base,
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
            status, _headers, _body = measuring.http_get(base + "/healthz")
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
            "recognitions": one("SELECT count(*) FROM learning_models_recognition"),
            "households": one("SELECT count(*) FROM learning_models_recognisedhousehold"),
            # The 2024 district with the most recognitions in it (the area filter's page).
            "district_pk": one(
                "SELECT u.id FROM organizations_unit u "
                "JOIN organizations_unitancestry a ON a.ancestor_id = u.id "
                "JOIN learning_models_recognition r ON r.unit_id = a.unit_id "
                "WHERE u.kind IN ('quan', 'huyen') GROUP BY u.id ORDER BY count(*) DESC, u.id "
                "LIMIT 1"
            ),
            # A published activity with co-organisers and results: the fullest page.
            "activity_pk": one(
                "SELECT a.id FROM campaigns_activity a "
                "JOIN campaigns_activityresult r ON r.activity_id = a.id "
                "WHERE a.is_public AND a.state = 'published' AND EXISTS (SELECT 1 FROM "
                "campaigns_activity_co_organizers c WHERE c.activity_id = a.id) "
                "ORDER BY a.id LIMIT 1"
            ),
            "donations": one("SELECT count(*) FROM scholarships_donation"),
            "funds": one("SELECT count(*) FROM scholarships_fund"),
            "city_fund_pk": one("SELECT min(id) FROM scholarships_fund"),
            "postgresql": one("SHOW server_version"),
        }


if __name__ == "__main__":
    main()
