"""Cached fragments of the public pages, for signed-in readers.

Anonymous visitors get whole pages from the cache (organizations.public_cache.public_page).
A signed-in reader's page has their own menu around it, so for them only the part below
the header is cached, under a key holding everything it shows: the public generation
(raised by any change to what public pages show), the day (for "today"), the language, the
host and the query.
"""

from django.core.cache import cache
from django.utils.safestring import mark_safe

from organizations import public_cache


def generation(request) -> int:
    return public_cache.current(request)[0]


def cached_fragment(request, name: str, parts, build):
    """The HTML `build()` returns, from the cache when a fragment with the same `parts` was
    built before. `parts` must name everything the fragment shows."""
    key = public_cache.key_for(request, "fragment:" + name, *parts)
    html = cache.get(key)
    if html is None:
        html = str(build())
        cache.set(key, html, public_cache.PAGE_SECONDS)
    return mark_safe(html)
