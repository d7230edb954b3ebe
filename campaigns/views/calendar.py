"""The public calendar at /calendar/: a month grid or a list grouped by day, with filters.

Works without JavaScript: the filters are a GET form, every state of the page has its own
address (which the iCal feed also understands), and a bad value in the address is reported
on the page instead of breaking it.
"""

from itertools import groupby
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.views.decorators.http import require_safe

from campaigns.calendar_grid import GRID_COLUMNS, build_month, grid_span, last_of_month
from campaigns.forms.public import VIEW_LIST, VIEW_MONTH, CalendarForm
from campaigns.models import Campaign
from campaigns.selectors import count_public, current_campaign, public_activities
from common.public_cache import cached_fragment, generation, public_page

# Activities on one page of the list view.
LIST_PAGE_SIZE = 50


def read_query(request, *, feed=False):
    """The checked calendar query of this request, and the form that checked it.
    Two queries (the public campaigns and the current one), one more for a unit filter."""
    today = timezone.localdate()
    campaigns = list(Campaign.objects.public().order_by("-year"))
    default = current_campaign(today, public=campaigns)
    form = CalendarForm(request.GET, campaigns=campaigns, default=default, feed=feed, today=today)
    form.is_valid()
    return form, form.query()


@require_safe
@public_page
def calendar_page(request):
    form, query = read_query(request)
    campaign = query.campaign
    context = {"query": query, "campaign": campaign, "problems": form.problems()}
    if campaign is not None:
        today = timezone.localdate()
        parts = [
            generation(request),
            today,
            query.query_string(view=query.view, month=query.month, page=query.page),
        ]
        context["body"] = cached_fragment(
            request, "calendar", parts, lambda: _body(request, form, query, today)
        )
    return render(request, "campaigns/public/calendar.html", context)


def _body(request, form, query, today):
    """The calendar below its heading: filters, views, the month or the list, the feed."""
    context = {
        "form": form,
        "query": query,
        "campaign": query.campaign,
        "view": query.view,
        "VIEW_MONTH": VIEW_MONTH,
        "VIEW_LIST": VIEW_LIST,
        **_links(request, query),
    }
    activities = public_activities(query.campaign, query.filters)
    if query.view == VIEW_LIST:
        context.update(_list(activities, query))
    else:
        context.update(_month(activities, query, query.campaign, today))
    return render_to_string("campaigns/public/_calendar_body.html", context, request)


def _links(request, query):
    """Addresses of the other states of the page: same filters, another view or month."""
    month = query.month.strftime("%Y-%m") if query.month else None
    feed_query = query.query_string()
    feed_path = reverse("campaigns:calendar-ics") + (f"?{feed_query}" if feed_query else "")
    absolute_feed = request.build_absolute_uri(feed_path)
    return {
        "month_url": "?" + query.query_string(view=VIEW_MONTH, month=month),
        "list_url": "?" + query.query_string(view=VIEW_LIST, month=month),
        "previous_url": _month_url(query, query.previous_month),
        "next_url": _month_url(query, query.next_month),
        "clear_url": "?" + _without_filters(query, view=query.view, month=month),
        "feed_query": feed_query,
        "feed_url": absolute_feed,
        "webcal_url": "webcal://" + absolute_feed.split("://", 1)[1],
    }


def _without_filters(query, **extra):
    kept = {"campaign": query.params["campaign"], **extra}
    return urlencode({key: value for key, value in kept.items() if value})


def _month_url(query, month):
    if month is None:
        return None
    return "?" + query.query_string(view=query.view, month=month.strftime("%Y-%m"))


def _month(activities, query, campaign, today):
    first, last = grid_span(query.month)
    rows = (
        activities.overlapping(first, last)
        .select_related(None)
        .prefetch_related(None)
        .values_list(*GRID_COLUMNS)
    )
    month = build_month(
        query.month,
        rows,
        campaign_first=campaign.starts_on,
        campaign_last=campaign.ends_on,
        today=today,
        key_dates=campaign.key_dates.all(),
    )
    for day in month.days:
        if day.entries:
            iso = day.date.isoformat()
            day.list_query = query.query_string(view=VIEW_LIST, **{"from": iso, "to": iso})
    weekdays = [(WEEKDAYS[index], WEEKDAYS_ABBR[index]) for index in range(7)]
    counted = count_public(activities.overlapping(month.first, month.last))
    return {"month": month, "counted": counted, "weekdays": weekdays}


def _list(activities, query):
    filters = query.filters
    if filters.date_from or filters.date_to:
        first = filters.date_from or query.campaign.starts_on
        last = filters.date_to or query.campaign.ends_on
        whole_range = True
    else:
        first = max(query.month, query.campaign.starts_on)
        last = min(last_of_month(query.month), query.campaign.ends_on)
        whole_range = False
    listed = activities.overlapping(first, last).prefetch_related(None)
    counted = count_public(listed)
    paginator = Paginator(listed, LIST_PAGE_SIZE)
    paginator.count = counted.total  # counted just now: the pager need not count again
    page = paginator.get_page(query.page)
    days = [
        (day, list(items))
        for day, items in groupby(page.object_list, key=lambda a: max(a.starts_on, first))
    ]
    return {
        "page": page,
        "counted": counted,
        "days": days,
        "list_first": first,
        "list_last": last,
        "whole_range": whole_range,
        "page_urls": {
            "previous": _page_url(query, page.previous_page_number())
            if page.has_previous()
            else None,
            "next": _page_url(query, page.next_page_number()) if page.has_next() else None,
        },
        "single_day": first == last,
    }


def _page_url(query, number):
    month = query.month.strftime("%Y-%m") if query.month else None
    return "?" + query.query_string(view=VIEW_LIST, month=month, page=number)
