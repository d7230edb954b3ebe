"""The iCalendar feed /calendar.ics (the calendar's filters, the whole campaign) and the
file of one activity, /activities/<pk>.ics.

Calendar apps poll a subscription every hour or so, mostly for nothing new. The feed's ETag
is made of its filters and the public generation (common.public_cache, one indexed
read): a client that sends it back gets a 304 without the feed being built, and a feed that
was built once is kept in the cache under that ETag. Anonymous requests (calendar apps have
no session) are served whole from the cache by `public_page`, compressed when the client
accepts it.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from campaigns import ical
from campaigns.models import Activity
from campaigns.selectors import public_activities, with_details
from campaigns.views.calendar import read_query
from common import public_cache
from common.public_cache import public_page

# Raised when the feed's layout changes, so that caches and clients drop old copies.
FEED_FORMAT = "1"
# How long a built feed stays in the cache; its key changes with the data anyway.
FEED_CACHE_SECONDS = 60 * 60 * 24
# How long clients and proxies may reuse a response before asking again.
CLIENT_MAX_AGE = 60 * 15
CONTENT_TYPE = "text/calendar; charset=utf-8"
# The calendar's name in calendar apps. Vietnamese whatever the page language: it is the
# campaign's own name.
ALL_CAMPAIGNS_NAME = "Tháng Khuyến học Hải Phòng"


def _fingerprint(*parts) -> str:
    # The public address is part of it: the events' links are built on it (their UIDs never).
    material = "|".join(str(part) for part in (FEED_FORMAT, settings.PORTAL_BASE_URL, *parts))
    return '"' + hashlib.sha256(material.encode()).hexdigest()[:40] + '"'


def _conditional(request, etag, last_modified):
    """A 304 (or 412) when the client's copy is current, else None."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is not None:
        _validators(response, etag, last_modified)
    return response


def _validators(response, etag, last_modified):
    response.headers["ETag"] = etag
    if last_modified:
        response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(response, public=True, max_age=CLIENT_MAX_AGE)


def _ics_response(body, filename, etag, last_modified):
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    _validators(response, etag, last_modified)
    return response


@require_safe
@public_page
def calendar_feed(request):
    form, query = read_query(request, feed=True)
    # How the page shows the calendar (view, month, page) means nothing to the feed.
    problems = form.problems(ignore=("view", "month", "page"))
    if problems:
        message = _("This calendar address has mistakes:") + "\n" + "\n".join(problems)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

    campaigns = (
        [query.campaign] if query.campaign else (query.campaigns if query.all_campaigns else [])
    )
    activities = public_activities(None, query.filters).filter(campaign__in=campaigns)
    generation, last_modified = public_cache.current(request)
    etag = _fingerprint(get_language(), query.query_string(), generation)
    not_modified = _conditional(request, etag, last_modified)
    if not_modified is not None:
        return not_modified

    cache_key = "campaigns:feed:" + etag.strip('"')
    body = cache.get(cache_key)
    if body is None:
        body = ical.render(
            ical.rows_of(activities),
            name=_feed_name(query),
            description_text=_feed_description(),
        )
        cache.set(cache_key, body, FEED_CACHE_SECONDS)
    year = query.campaign.year if query.campaign else "all"
    return _ics_response(body, f"thang-khuyen-hoc-{year}.ics", etag, last_modified)


def _feed_name(query):
    name = query.campaign.title if query.campaign else ALL_CAMPAIGNS_NAME
    if query.filters.unit is not None:
        name = f"{name} – {query.filters.unit.name}"
    return name


def _feed_description():
    return _("Public activities of the Month of Study Promotion in Hai Phong.")


@require_safe
@public_page
def activity_ics(request, pk):
    activity = get_object_or_404(with_details(Activity.objects.public()), pk=pk)
    etag = _fingerprint(
        get_language(), "activity", activity.pk, activity.sequence, activity.updated_at.isoformat()
    )
    not_modified = _conditional(request, etag, activity.updated_at)
    if not_modified is not None:
        return not_modified
    body = ical.render(
        [ical.EventRow.of(activity)], name=activity.title, description_text=_feed_description()
    )
    return _ics_response(body, f"hoat-dong-{activity.pk}.ics", etag, activity.updated_at)
