"""The committed Vietnamese catalogue, read with polib (no GNU gettext needed), for the tests
of the catalogue and of the translated pages."""

import re
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES"
CATALOGUES = sorted(path.stem for path in LOCALE.glob("*.po"))
# A named %-placeholder, and an HTML tag, as they stand in a msgid.
NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")
TAGS = re.compile(r"</?[a-zA-Z][^>]*>")


def po(domain):
    return polib.pofile(str(LOCALE / f"{domain}.po"))


def entries(domain):
    return [entry for entry in po(domain) if not entry.obsolete]
