"""Text helpers for Vietnamese: search that ignores diacritics, and name comparison."""

import re
import unicodedata

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
