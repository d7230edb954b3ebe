"""Caching of the public pages, for a city of four and a half million readers.

Public pages (the campaign's home page, the calendar, an activity's page, the iCal feed) are
read far more often than anything in them changes. Each change to what they show raises one
counter, the public generation (common.models.PublicGeneration): each app connects its own
models' saves to `bump` (in its signals.py). A cached page is kept under a key that holds the
generation, so a publication or a cancellation is public at once, and serving a cached page
costs one indexed read of that counter — whatever the cache backend, and however many
server processes share (or do not share) it.

`public_page` caches whole responses for visitors without a session (no one is signed in,
no message is waiting, so the page is the same for all of them), compressed once for
clients that accept gzip, with an ETag so that browsers get a 304 for a page they have.
A signed-in reader's page has their own menu around it: for them `cached_fragment` keeps
only the part below the header.
"""

import functools
import gzip
import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from common.models import PublicGeneration

# How long a cached page may live; its key changes with the data anyway.
PAGE_SECONDS = 60 * 60
# Smaller bodies are not worth compressing.
COMPRESS_FROM_BYTES = 1024
# Cookies that make a page personal: a session (someone signed in, or a message waiting).
PERSONAL_COOKIES = ("sessionid", "messages")


def current(request=None):
    """(generation, when it last changed). One query, once per request when given one."""
    known = getattr(request, "_public_generation", None)
    if known is not None:
        return known
    row = PublicGeneration.objects.filter(pk=1).values_list("value", "changed_at").first()
    if row is None:
        created = PublicGeneration.objects.get_or_create(pk=1)[0]
        row = (created.value, created.changed_at)
    if request is not None:
        request._public_generation = row
    return row


def bump():
    """Something public changed: raise the generation. Inside the transaction that made the
    change, so that readers see the new generation exactly when they can see the change
    (and never if it is rolled back)."""
    updated = PublicGeneration.objects.filter(pk=1).update(
        value=F("value") + 1, changed_at=timezone.now()
    )
    if not updated:
        PublicGeneration.objects.get_or_create(pk=1, defaults={"value": 1})


def generation(request) -> int:
    """The current public generation (the first half of `current`)."""
    return current(request)[0]


# What the portal's own code is made of, as far as it shapes a page: its Python modules, its
# templates, its compiled translations and its data files. Tests, benchmarks, docs and what
# a running portal writes (media, collected static files) are left out.
_CODE_SUFFIXES = {".py", ".html", ".txt", ".mo", ".toml", ".svg"}
_NOT_CODE = {".git", ".venv", "venv", "node_modules", "__pycache__", "tests", "bench", "docs",
             "media", "staticfiles", "tools", ".ci"}  # fmt: skip


@functools.cache
def code_version() -> str:
    """A fingerprint of the code that builds the public pages, the same in every process that
    runs the same code: an update that changes a template, a view, a translation or a static
    file (its fingerprinted name, in production) makes new keys and new ETags, so no cached
    page and no browser's copy outlives the layout it was built with. Read once a process."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for path in sorted(_code_files(root)):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    manifest_hash = getattr(staticfiles_storage, "manifest_hash", None)
    if manifest_hash:
        digest.update(str(manifest_hash).encode())
    return digest.hexdigest()[:16]


def _code_files(root):
    # What the running portal writes, wherever the settings put it, is data, not code.
    written = {Path(settings.MEDIA_ROOT).resolve(), Path(settings.STATIC_ROOT).resolve()}
    for folder, folders, files in os.walk(root):
        # A virtual environment, whatever its name, is the packages', not the portal's.
        folders[:] = [
            name
            for name in folders
            if name not in _NOT_CODE
            and not (Path(folder) / name / "pyvenv.cfg").exists()
            and (Path(folder) / name).resolve() not in written
        ]
        for name in files:
            if Path(name).suffix in _CODE_SUFFIXES:
                yield Path(folder) / name


def key_for(request, name, *parts):
    """A cache key naming everything a public response depends on: the code (a shared cache
    and a client's ETag outlive an update), the language, the host and the portal's public
    address (the feed's links are built on it), and the caller's parts."""
    material = "|".join(
        str(part)
        for part in (
            code_version(),
            name,
            get_language(),
            request.get_host(),
            settings.PORTAL_BASE_URL,
            *parts,
        )
    )
    return "public:" + hashlib.sha256(material.encode()).hexdigest()


def is_personal(request) -> bool:
    return any(name in request.COOKIES for name in PERSONAL_COOKIES)


def etag_for(key) -> str:
    return '"' + key.rsplit(":", 1)[-1][:32] + '"'


def public_page(view):
    """Serve the view's response from the cache for anonymous GET and HEAD requests."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or is_personal(request):
            return view(request, *args, **kwargs)
        generation, changed_at = current(request)
        today = timezone.localdate()
        key = key_for(request, view.__qualname__, generation, today, request.get_full_path())
        etag = etag_for(key)
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=int(changed_at.timestamp())
        )
        if not_modified is not None:
            _validators(not_modified, etag, changed_at)
            return not_modified
        gzip_wanted = "gzip" in request.headers.get("Accept-Encoding", "")
        cached = _cached(key, gzip_wanted)
        if cached is None:
            response = view(request, *args, **kwargs)
            if not _cacheable(request, response):
                return response
            _store(key, response)
            cached = _cached(key, gzip_wanted)
        return _respond(*cached, etag=etag, changed_at=changed_at)

    return wrapper


def cached_fragment(request, name: str, parts, build):
    """The HTML `build()` returns, from the cache when a fragment with the same `parts` was
    built before, for signed-in readers. `parts` must name everything the fragment shows
    besides what the key always holds (the language, the host, the public address): the
    public generation, the day for "today", the query."""
    key = key_for(request, "fragment:" + name, *parts)
    html = cache.get(key)
    if html is None:
        html = str(build())
        cache.set(key, html, PAGE_SECONDS)
    return mark_safe(html)


def _cacheable(request, response):
    # A page that used a CSRF token carries a secret of this visitor's: never shared.
    return (
        not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Cache-Control")


def _store(key, response):
    """Keep the body, and a gzip copy of it beside it: a client that takes gzip (every browser
    and calendar app) then costs the cache only the small copy."""
    body = response.content
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    compressed = None
    if len(body) >= COMPRESS_FROM_BYTES:
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
    cache.set_many(
        {key + ":raw": (headers, body, compressed is not None), key + ":gz": (headers, compressed)},
        PAGE_SECONDS,
    )


def _cached(key, gzip_wanted):
    """(headers, body, encoding, varies) from the cache, or None."""
    if gzip_wanted:
        entry = cache.get(key + ":gz")
        if entry is not None and entry[1] is not None:
            return entry[0], entry[1], "gzip", True
    entry = cache.get(key + ":raw")
    if entry is None:
        return None
    headers, body, has_gzip = entry
    return headers, body, None, has_gzip


def _respond(headers, body, encoding, varies, *, etag, changed_at):
    response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    if encoding:
        response["Content-Encoding"] = encoding
    if varies:
        patch_vary_headers(response, ("Accept-Encoding",))
    _validators(response, etag, changed_at)
    return response


def _validators(response, etag, changed_at):
    response["ETag"] = etag
    if changed_at is not None:
        response["Last-Modified"] = http_date(changed_at.timestamp())
