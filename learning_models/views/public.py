"""The public register of learning models at /learning-models/: the recognised bodies with
filters and the communes' yearly counts against the national targets, a recognition's entry
(reached by its verification code), its printable certificate with a QR code, a unit's
recognitions with its predecessors', and the households of a commune that agreed to be named.

Every page works without JavaScript and is cached for anonymous visitors
(common.public_cache); a bad value in the address is reported in words, never a server error.
"""

import re

import segno
from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.links import public_url
from common.public_cache import public_page
from learning_models import charts, selectors
from learning_models.forms.public import FIRST_YEAR, LAST_YEAR, RegisterForm
from learning_models.models import Recognition
from learning_models.states import HOUSEHOLD_TITLES, Title
from organizations.models import Unit, UnitLevel

# Recognitions on one page of the register.
PAGE_SIZE = 50
# A verification code: eight hexadecimal digits (models.dossiers._verification_code).
CODE = re.compile(r"[0-9A-F]{8}")
# How the certificate's QR code is drawn (segno): medium error correction, a quiet zone
# of four modules, sized by the stylesheet (viewBox only).
QR_ERROR = "m"
QR_OPTIONS = {
    "border": 4,
    "omitsize": True,
    "svgclass": "qr__code",
    "lineclass": "qr__modules",
}

# The short headings of the counts' columns (the title in full is their abbr's title).
HOUSEHOLD_COLUMNS = {
    Title.FAMILY: lambda: _("Families"),
    Title.CLAN: lambda: _("Clans"),
    Title.VILLAGE: lambda: _("Villages"),
    Title.CITIZEN: lambda: _("Citizens"),
}

STATUS_LABELS = {
    "valid": lambda: _("Valid"),
    "expired": lambda: _("Expired"),
    "revoked": lambda: _("Revoked"),
    "not_yet": lambda: _("Not yet in force"),
}


def _status(recognition, today):
    status = recognition.status_on(today)
    recognition.status = status
    recognition.status_label = STATUS_LABELS[status]()
    return recognition


# --- the register -----------------------------------------------------------------------


@require_safe
@public_page
def register(request):
    today = timezone.localdate()
    years = selectors.recognition_years()
    count_years = selectors.count_years()
    form = RegisterForm(request.GET, years=years)
    form.is_valid()
    query = form.query()
    filters = query.filters
    problems = form.problems()

    paginator = Paginator(selectors.public_recognitions(filters, today), PAGE_SIZE)
    try:
        page = paginator.page(query.page)
    except EmptyPage:
        problems.append(
            _("Page: there is no page %(asked)s; showing page %(shown)s, the last.")
            % {"asked": query.page, "shown": paginator.num_pages}
        )
        page = paginator.page(paginator.num_pages)
    rows = [_status(recognition, today) for recognition in page.object_list]

    count_year = filters.year or (count_years[0] if count_years else None)
    table = selectors.count_table(count_year, filters.area) if count_year else None
    chart = charts.progress_chart(table.targets) if table and not table.empty else None
    all_years = sorted(set(years) | set(count_years), reverse=True)
    context = {
        "form": form,
        "query": query,
        "filters": filters,
        "problems": problems,
        "page": page,
        "rows": rows,
        "years": all_years,
        "level_choices": RegisterForm.LEVEL_CHOICES,
        "count_year": count_year,
        "table": table,
        "chart": chart,
        "household_columns": [(title, HOUSEHOLD_COLUMNS[title]()) for title in HOUSEHOLD_TITLES],
        "clear_url": "?",
        "page_urls": {
            "previous": "?" + query.query_string(page=page.previous_page_number())
            if page.has_previous()
            else None,
            "next": "?" + query.query_string(page=page.next_page_number())
            if page.has_next()
            else None,
        },
        "today": today,
    }
    return render(request, "learning_models/public/register.html", context)


# --- a recognition ----------------------------------------------------------------------


def _canonical(code: str) -> str | None:
    """The code written as the register writes it (upper case), or None when `code` is not
    a verification code at all."""
    if not code.isascii() or not CODE.fullmatch(code.upper()):
        return None
    return code.upper()


def _recognition(code):
    """The recognition of a well-formed code, else a 404."""
    if _canonical(code) != code:
        raise Http404
    return get_object_or_404(Recognition.objects.select_related("unit"), code=code)


def _entry_url(request, recognition) -> str:
    """The register entry's absolute address: the portal's public address when it is set
    (as the iCal feed's links), else the address of this request."""
    path = recognition.get_absolute_url()
    if getattr(settings, "PORTAL_BASE_URL", ""):
        return public_url(path)
    return request.build_absolute_uri(path)


def _entry_context(request, code):
    recognition = _recognition(code)
    today = timezone.localdate()
    _status(recognition, today)
    return {
        "recognition": recognition,
        "unit": recognition.unit,
        "successors": selectors.successors(recognition.unit),
        "entry_url": _entry_url(request, recognition),
        "today": today,
    }


@require_safe
@public_page
def recognition(request, code):
    canonical = _canonical(code)
    if canonical is not None and canonical != code:  # typed in lower case
        return redirect("learning_models:recognition", canonical, permanent=True)
    context = _entry_context(request, code)
    return render(request, "learning_models/public/recognition.html", context)


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG."""
    return mark_safe(segno.make(url, error=QR_ERROR).svg_inline(**QR_OPTIONS))


@require_safe
@public_page
def certificate(request, code):
    canonical = _canonical(code)
    if canonical is not None and canonical != code:  # typed in lower case
        return redirect("learning_models:certificate", canonical, permanent=True)
    context = _entry_context(request, code)
    context["qr"] = qr_svg(context["entry_url"])
    return render(request, "learning_models/public/certificate.html", context)


# --- a unit -----------------------------------------------------------------------------


def _public_unit(pk):
    unit = get_object_or_404(Unit, pk=pk)
    if not selectors.has_public_view(unit):
        raise Http404
    return unit


@require_safe
@public_page
def unit(request, pk):
    unit = _public_unit(pk)
    today = timezone.localdate()
    own = [_status(r, today) for r in selectors.unit_recognitions(unit)]
    forebears = selectors.forebears(unit)
    for forebear in forebears:
        for item in forebear.recognitions:
            _status(item, today)
    context = {
        "unit": unit,
        "recognitions": own,
        "forebears": forebears,
        "has_history": any(f.recognitions for f in forebears),
        "successors": selectors.successors(unit),
        "household_years": selectors.household_years(unit)
        if unit.level == UnitLevel.COMMUNE
        else [],
        "today": today,
    }
    return render(request, "learning_models/public/unit.html", context)


@require_safe
@public_page
def households(request, pk, year):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    commune = _public_unit(pk)
    if commune.level != UnitLevel.COMMUNE:
        raise Http404
    titles = selectors.households_of(commune, year)
    context = {
        "commune": commune,
        "year": year,
        "titles": titles,
        "any_data": any(t.count or t.named or t.not_named for t in titles),
        "years": selectors.household_years(commune),
    }
    return render(request, "learning_models/public/households.html", context)
