"""Text helpers for Vietnamese: search that ignores diacritics, and name comparison; what
every text field refuses (control characters) and how a required text is trimmed."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, without diacritics, spaces collapsed: "Khuyến Học" -> "khuyen hoc".

    Used for search on every database alike: the folded text is stored beside the original
    and the query is folded the same way. "đ" has no combining mark in Unicode, so it is
    mapped by hand.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped).strip().lower()


def same_name(a: str, b: str) -> bool:
    """Whether two spellings name the same unit: "Hoà Bình" and "Hòa Bình" do.

    Official sources place tone marks differently ("Thuỷ"/"Thủy"), so names are compared
    folded. It is a check beside the unit code, never a key on its own.
    """
    return fold(a) == fold(b)


# C0 control characters other than tab, LF and CR, and DEL: nobody types them, Word and
# some PDFs paste them (a vertical tab for a line break), and Excel files cannot hold them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """`text` without the control characters a spreadsheet cannot hold."""
    return CONTROL_CHARACTERS.sub("", text)


def refuse_control_characters(value):
    """Validator of every text field of the portal: no control characters."""
    if value and CONTROL_CHARACTERS.search(str(value)):
        raise ValidationError(
            _(
                "The text holds an invisible control character (often pasted from Word or a "
                "PDF). Type it again or paste it as plain text."
            ),
            code="control_characters",
        )


def _blank(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def trimmed(text: str | None) -> str:
    """`text` without the spaces and invisible format characters (zero-width space, byte
    order mark, direction marks: Unicode category Cf) around it. What is left is empty when
    nothing visible was typed, so a required reason cannot be a zero-width space."""
    text = str(text or "")
    start, end = 0, len(text)
    while start < end and _blank(text[start]):
        start += 1
    while end > start and _blank(text[end - 1]):
        end -= 1
    return text[start:end]
