"""Checks on evidence files (photos and PDFs of what an activity did).

The type is read from the file's first bytes, not from its name or from what the browser
says, so a renamed executable is refused whatever it is called. The file is then stored, and
downloaded, under the extension of that type: a PNG uploaded as "x.html" is "….png" on disk
and "x.png" when downloaded, never a page a browser or web server would run.
"""

import os
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024

_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)


# The extension of each accepted type, and the other spellings a name may already use.
EXTENSIONS = {
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/webp": ("webp",),
    "application/pdf": ("pdf",),
}


def extension(content_type: str) -> str:
    """The extension files of `content_type` are stored under ("bin" for anything else)."""
    return EXTENSIONS.get(content_type, ("bin",))[0]


def download_name(name: str, content_type: str) -> str:
    """The uploader's file name with the extension of its real type: "x.html" holding a PNG
    is downloaded as "x.png"; "anh.jpeg" holding a JPEG stays "anh.jpeg"."""
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix.lower() in EXTENSIONS.get(content_type, ()):
        return name
    return f"{stem if dot and stem else name}.{extension(content_type)}"


def sniff(head: bytes) -> str | None:
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check(upload) -> str:
    """The file's real type if it is an accepted photo or PDF; ValidationError if not."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the largest accepted is %(max)s MB.")
            % {"size": round(upload.size / 1024 / 1024, 1), "max": MAX_BYTES // 1024 // 1024}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff(head)
    if content_type is None:
        raise ValidationError(_("Only photos (JPEG, PNG, WebP) and PDF files are accepted."))
    return content_type


def clean_name(name: str) -> str:
    """The uploader's file name, kept for display only, without any path."""
    base = os.path.basename(name or "").strip() or "file"
    return re.sub(r"[\x00-\x1f]", "", base)[:200]
