#!/usr/bin/env python3
"""Set up and run the portal on a laptop: `python3 dev.py run` or `python3 dev.py test`.

Needs only Python 3.12 or newer and access to the package index. Creates `.venv/`,
installs the dependencies declared in pyproject.toml (again only when they change), and then:

  run    migrate SQLite, load the demo data and serve http://127.0.0.1:8000
         (another address as argument: `python3 dev.py run 0.0.0.0:8000`)
  test   run the whole test suite (extra arguments go to pytest: `-k login`, `-x`);
         on PostgreSQL with DATABASE_URL=postgres://... in the environment
  setup  only create .venv and install (what CI does first)
"""

import contextlib
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MINIMUM = (3, 12)


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


def run(python, args):
    env = {**os.environ, "DEBUG": "True", "PORTAL_DEMO": "True"}
    env.pop("DATABASE_URL", None)  # the quick start is SQLite, whatever the shell says
    manage(python, "migrate", "--no-input", env=env)
    manage(python, "load_demo", env=env)
    address = args[0] if args else "127.0.0.1:8000"
    print(f"\nThe portal runs at http://{address}/ (stop it with Ctrl+C).\n", flush=True)
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
