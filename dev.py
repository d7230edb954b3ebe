#!/usr/bin/env python3
"""Set up and run the portal on a laptop: `python3 dev.py run` or `python3 dev.py test`.

Needs only Python 3.12 or newer and access to the package index. Creates `.venv/`,
installs the dependencies declared in pyproject.toml (again only when they change), and then:

  run    migrate SQLite, load the demo data and serve http://127.0.0.1:8000
         (another address as argument: `python3 dev.py run 127.0.0.1:8100`; links in
         mails and in the calendar feed name the address served, and `0.0.0.0:8000`, for
         a training room, serves the whole network and names this machine's network
         address). The demo shows the portal's own error pages, never Django's debug
         pages; for those, run `.venv/bin/python manage.py runserver` instead.
  test   run the whole test suite (extra arguments go to pytest: `-k login`, `-x`);
         on PostgreSQL with DATABASE_URL=postgres://... in the environment
  setup  only create .venv and install (what CI does first)
"""

import contextlib
import hashlib
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MINIMUM = (3, 12)
DEFAULT_ADDRESS = "127.0.0.1:8000"
# Addresses that make runserver listen on every interface.
EVERY_INTERFACE = {"0", "0.0.0.0", "::", "[::]"}
LAPTOP_HOSTS = ["127.0.0.1", "localhost"]


def fail(message):
    print(f"dev.py: {message}", file=sys.stderr)
    sys.exit(1)


def venv_python():
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirements():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["dev"]]


def ensure_environment():
    if sys.version_info < MINIMUM:
        found = ".".join(map(str, sys.version_info[:3]))
        fail(
            f"Python 3.12 or newer is needed; found {found}. Run this script with a newer python3."
        )
    python = venv_python()
    if not python.exists():
        print("Creating the virtual environment in .venv …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    wanted = requirements()
    stamp = VENV / ".portal-requirements"
    digest = hashlib.sha256("\n".join(wanted).encode()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print("Installing the dependencies …", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True
        )
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *wanted], check=True)
        stamp.write_text(digest)
    return python


def manage(python, *args, env=None):
    subprocess.run([str(python), "manage.py", *args], cwd=ROOT, check=True, env=env)


def split_address(address):
    """(host, port) of runserver's address argument: `8100`, `127.0.0.1:8100`, `[::1]:8100`."""
    if address.isdigit():
        return "127.0.0.1", address
    host, _colon, port = address.rpartition(":")
    if not host or not port.isdigit():
        fail(
            f"`{address}` is not an address to serve: give PORT or HOST:PORT, e.g. 127.0.0.1:8100."
        )
    return host, port


def network_address():
    """This machine's address on its network (that of the interface its traffic leaves by),
    or None without a network. Connecting a UDP socket sends nothing."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): never a real host
            return probe.getsockname()[0]
    except OSError:
        return None


def user_setting(name, environ):
    """The value the user gave `name`, in the shell or in `.env`, or "" when none."""
    if environ.get(name):
        return environ[name]
    dotenv = ROOT / ".env"
    if dotenv.is_file():
        for line in dotenv.read_text(encoding="utf-8").splitlines():
            key, equals, value = line.strip().removeprefix("export ").partition("=")
            if equals and key.strip() == name and value.strip().strip("'\""):
                return value.strip()
    return ""


def quick_start_environment(args, environ):
    """(environment, address to listen on, URL to print) of `run [ADDRESS]`.

    Links that leave the portal (mails, the calendar feed) start with PORTAL_BASE_URL, so it
    is the address served, unless the user set one. Listening on every interface (a training
    room) names the machine by its network address, which the other computers can open
    without any name service, and lets requests for it through ALLOWED_HOSTS.
    """
    address = args[0] if args else DEFAULT_ADDRESS
    host, port = split_address(address)
    env = {**environ, "DEBUG": "True", "PORTAL_DEMO": "True"}
    env.pop("DATABASE_URL", None)  # the quick start is SQLite, whatever the shell says
    if host in EVERY_INTERFACE:
        host = network_address() or "127.0.0.1"
    if not user_setting("PORTAL_BASE_URL", environ):
        env["PORTAL_BASE_URL"] = f"http://{host}:{port}"
    if not user_setting("ALLOWED_HOSTS", environ):
        env["ALLOWED_HOSTS"] = ",".join(dict.fromkeys([*LAPTOP_HOSTS, host]))
    return env, address, f"http://{host}:{port}/"


def run(python, args):
    env, address, url = quick_start_environment(args, os.environ)
    manage(python, "migrate", "--no-input", env=env)
    manage(python, "load_demo", env=env)
    print(f"\nThe portal runs at {url} (stop it with Ctrl+C).\n", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        manage(python, "runserver", address, env=env)


def test(python, args):
    env = {**os.environ, "DEBUG": "True"}
    env.pop("PORTAL_DEMO", None)
    result = subprocess.run([str(python), "-m", "pytest", *args], cwd=ROOT, env=env)
    sys.exit(result.returncode)


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test", "setup"}:
        print(__doc__)
        sys.exit(2)
    command, args = sys.argv[1], sys.argv[2:]
    try:
        python = ensure_environment()
        if command == "run":
            run(python, args)
        elif command == "test":
            test(python, args)
    except subprocess.CalledProcessError as error:
        fail(f"`{' '.join(map(str, error.cmd))}` failed (exit status {error.returncode}).")


if __name__ == "__main__":
    main()
