"""The quick start script at the project's root (dev.py), loaded as a module for the tests of
what `python3 dev.py run` starts. It is a script, not a package module, hence the loader."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
dev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev)


def quick_start_environment(*args, environ=None):
    """What `python3 dev.py run ARGS` gives manage.py: (environment, address, printed URL),
    from an empty shell environment unless one is given."""
    return dev.quick_start_environment(list(args), environ or {})
