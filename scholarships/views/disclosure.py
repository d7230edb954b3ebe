"""The fund's public disclosure at /fund/: what was raised (in the current campaign, by year,
by unit, by kind of donor, each as a chart and a table of the same numbers), what was used,
each fund's balance, and the latest gifts as their donors chose to appear; and each fund's
yearly statement of receipts and uses, as a page and as xlsx.

Cached for anonymous visitors (common.public_cache; scholarships/signals.py raises the
public generation when the books change). A fixed number of queries whatever the number of
donations: every total is summed by the database.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from campaigns import selectors as campaign_selectors
from common.public_cache import public_page
from common.strict import parse_int
from scholarships import charts
from scholarships.models import DonorKind, Fund
from scholarships.selectors import public as selectors
from scholarships.selectors import statements
from scholarships.statement_export import statement_xlsx


def _chosen_year(request, years, today):
    """The year the tables by unit and by kind of donor show: ?year= when it is one with
    gifts, else the latest such year (this year when there are none)."""
    latest = years[0] if years else today.year
    if "year" not in request.GET:
        return latest, None
    year = parse_int(request.GET["year"], minimum=statements.FIRST_YEAR, maximum=today.year)
    if year is None or year not in years:
        return latest, _("There is no year “%(year)s” in the fund's books; showing %(latest)s.") % {
            "year": request.GET["year"][:12],
            "latest": latest,
        }
    return year, None


@require_safe
@public_page
def index(request):
    today = timezone.localdate()
    campaign = campaign_selectors.current_campaign(today)
    by_year = selectors.raised_by_year()
    years = [row["year"] for row in by_year]
    year, problem = _chosen_year(request, years, today)
    kinds = dict(DonorKind.choices)
    by_kind = [
        {**row, "label": kinds.get(row["kind"], row["kind"])}
        for row in selectors.raised_by_donor_kind(year)
    ]
    by_unit = selectors.raised_by_unit(year)
    used = selectors.used_by_year()
    funds = list(selectors.funds_with_balances())
    context = {
        "campaign": campaign,
        "campaign_total": selectors.campaign_total(campaign),
        "by_year": by_year,
        "year_chart": charts.bar_chart((row["year"], row["total"]) for row in by_year),
        "year": year,
        "years": years,
        "problem": problem,
        "by_unit": by_unit,
        "unit_chart": charts.bar_chart((row["unit"], row["total"]) for row in by_unit),
        "by_kind": by_kind,
        "kind_chart": charts.bar_chart(
            (str(row["label"]).capitalize(), row["total"]) for row in by_kind
        ),
        "used": used,
        "used_total": sum(row["total"] for row in used),
        "funds": funds,
        "funds_total": {
            part: sum(getattr(fund, part) for fund in funds)
            for part in ("total", "free", "restricted")
        },
        "gifts": selectors.public_gifts(),
        "today": today,
    }
    return render(request, "scholarships/public/index.html", context)


def _fund_and_year(pk, year):
    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=pk)
    if year not in statements.statement_years(fund):
        raise Http404
    return fund, year


@require_safe
@public_page
def statement(request, pk, year):
    fund, year = _fund_and_year(pk, year)
    wanted = request.GET.get("format", "")
    if wanted == "xlsx":
        return _xlsx(fund, year)
    if wanted:
        raise Http404
    report = statements.statement(fund, year)
    context = {
        "fund": fund,
        "report": report,
        "years": list(reversed(statements.statement_years(fund))),
    }
    return render(request, "scholarships/public/statement.html", context)


@require_safe
@public_page
def statement_file(request, pk, year):
    return _xlsx(*_fund_and_year(pk, year))


def _xlsx(fund, year):
    report = statements.statement(fund, year)
    response = HttpResponse(
        statement_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="statement-fund-{fund.pk}-{year}.xlsx"'
    return response
