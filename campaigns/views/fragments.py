"""Cached fragments of the public pages.

The home page, the calendar and an activity's page are read far more often than anything in
them changes, and rendering a month of a busy campaign costs a hundred times more than
serving it from the cache. So the part of each page below the header is kept in the cache
under a key made of everything it shows: the campaign and when it last changed, how many
public activities it has and when the latest of them changed (one cheap query), the day
(for "today"), the language, the host (the feed address shows it) and the query. Any
publication, change or cancellation changes the key, so nobody sees a stale page; what the
key does not cover (a unit renamed in the admin) shows after PAGE_CACHE_SECONDS at most.

The page around the fragment (header, language switch with its CSRF token, the signed-in
person's menu) is rendered for each request as usual.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from campaigns.models import Activity

PAGE_CACHE_SECONDS = 60 * 10


def activities_fingerprint(campaign) -> str:
    """Changes whenever a public activity of the campaign is added, changed, cancelled or
    withdrawn, or the campaign itself changes. One query over the campaign's activities
    (an aggregate over every year's would grow with the years)."""
    stats = (
        Activity.objects.public()
        .filter(campaign=campaign)
        .order_by()
        .aggregate(count=Count("pk"), last=Max("updated_at"))
    )
    last = stats["last"].isoformat() if stats["last"] else "-"
    return f"{campaign.pk}:{campaign.updated_at.isoformat()}:{stats['count']}:{last}"


def cached_fragment(request, name: str, parts, build):
    """The HTML `build()` returns, from the cache when a fragment with the same `parts` was
    built before. `parts` must name everything the fragment shows."""
    material = "|".join(str(part) for part in (name, get_language(), request.get_host(), *parts))
    key = "campaigns:page:" + hashlib.sha256(material.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = str(build())
        cache.set(key, html, PAGE_CACHE_SECONDS)
    return mark_safe(html)
