"""What the fund brings to the officers' area (common.officers): the menu's "Fund books" for
its treasurers and the association's staff, and a due item for treasurers: the
overdue pledges of the funds they handle."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext_lazy, pgettext_lazy

from common import officers
from scholarships import access, selectors


@officers.per_request
def overdue_count(request) -> int:
    funds = access.handled_funds(request.user)
    return selectors.overdue_pledges(funds, timezone.localdate()).count()


def area() -> officers.OfficersArea:
    return officers.OfficersArea(
        nav=(
            officers.NavEntry(
                key="scholarships.funds",
                label=pgettext_lazy("menu", "Fund books"),
                url_name="scholarships_portal:funds",
                order=40,
                icon="fund",
                visible=access.may_see_books,
            ),
        ),
        due=(
            officers.DueItem(
                key="scholarships.overdue_pledges",
                label=ngettext_lazy(
                    "pledge to your fund past its due date",
                    "pledges to your funds past their due date",
                    "count",
                ),
                count=overdue_count,
                url=lambda request: reverse("scholarships_portal:overdue"),
                order=55,
                tone="attention",
                visible=access.handles_money,
            ),
        ),
    )
