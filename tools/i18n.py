#!/usr/bin/env python3
"""The Vietnamese catalogue: `python tools/i18n.py update` collects the portal's strings into
locale/vi/LC_MESSAGES/django.po and compiles it; `check` fails when a string of the code has
no Vietnamese translation, is fuzzy, or the compiled .mo is older than the .po. Strings of
Django and its packages that the portal translates itself are marked in
i18n/django_catalogue_gaps.py, which makemessages scans with the code.

Needs GNU gettext (xgettext, msgfmt) — on Debian the `gettext` package. The pytest suite
checks the committed catalogue without it (tests/test_translations.py).
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
IGNORE = [".venv/*", "bench/*", "tests/*", "tools/*", "node_modules/*", "staticfiles/*", "media/*"]


def manage(*args):
    python = os.environ.get("PYTHON", sys.executable)
    subprocess.run([python, "manage.py", *args], cwd=ROOT, check=True)


def collect():
    ignores = [item for pattern in IGNORE for item in ("--ignore", pattern)]
    manage("makemessages", "--locale", "vi", "--no-obsolete", "--no-location", *ignores)


def problems():
    import polib

    catalogue = polib.pofile(str(PO))
    found = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            found.append(f"untranslated: {entry.msgid!r}")
    return found


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        collect()
        manage("compilemessages", "--locale", "vi", "--ignore", ".venv")
        missing = problems()
        print(f"{len(missing)} string(s) still need a Vietnamese translation.")
        for line in missing:
            print("  " + line)
    elif command == "check":
        collect()
        missing = problems()
        if missing:
            print("Strings without a Vietnamese translation:")
            for line in missing:
                print("  " + line)
            sys.exit(1)
        print("Every string of the portal has a Vietnamese translation.")
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
