"""The admin pages the portal changes, as the association's staff use them on a tablet: each
passes axe-core's WCAG 2.2 A and AA rules (tap targets of at least 24 × 24 px among them),
in the admin's default Vietnamese, under the strict CSP.

The pages: the activities (list, form, history, the reason page, the export), the review
queue (plain and filtered), the campaigns (list, form), the units (list, form, import,
export) and the people and their roles (lists and forms).
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from campaigns.models import ActivityState
from organizations.models import UnitKind, UnitPredecessor
from organizations.services import rebuild_ancestry
from tests.campaigns.factories import bring_to, enter_activity, make_campaign, make_key_dates
from tests.e2e.conftest import WCAG22_TAGS

pytestmark = pytest.mark.e2e

# An iPad held upright: the admin's narrow layout, as staff see it on their tablets.
TABLET = {"width": 820, "height": 1180}


@pytest.fixture
def admin_world(units, make_unit, officer_le_chan, officer_kien_an, staff):
    """The 2024 campaign with its key dates and an activity in each state the review pages
    show (the published one with a ward and a co-organiser chosen, the others without), and
    a 2025 ward formed from two of 2024, so that every kind of field is on some page."""
    campaign = make_campaign()
    make_key_dates(campaign, lifelong_learning_week=True)
    made = {}
    for state, title, fields in [
        (ActivityState.SUBMITTED, "Lễ phát động Tháng Khuyến học quận Lê Chân", {}),
        (
            ActivityState.PUBLISHED,
            "Ngày hội đọc sách phường An Biên",
            {"commune": units.an_bien, "co_organizers": [units.department]},
        ),
        (ActivityState.RETURNED, "Tọa đàm xây dựng gia đình học tập", {}),
    ]:
        made[state] = bring_to(
            enter_activity(campaign, by=officer_le_chan, title=title, **fields),
            state,
            officer=officer_le_chan,
            staff=staff,
        )
    bring_to(
        enter_activity(campaign, by=officer_kien_an, title="Trao học bổng quận Kiến An"),
        ActivityState.SUBMITTED,
        officer=officer_kien_an,
        staff=staff,
    )
    merged = make_unit(
        "11370",
        "Phường An Biên",
        UnitKind.WARD,
        units.city,
        valid_from=datetime.date(2025, 7, 1),
    )
    for ward in (units.an_bien, units.du_hang_kenh):
        UnitPredecessor.objects.create(unit=merged, predecessor=ward)
    rebuild_ancestry()
    # A paused account, for the sign-in lockout pages.
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username=officer_kien_an.username,
        ip_address="10.2.3.4",
        user_agent="Mozilla/5.0",
        failures_since_start=5,
        get_data="",
        post_data="username=" + officer_kien_an.username,
        http_accept="text/html",
        path_info="/accounts/login/",
    )
    return {
        "attempt": attempt,
        "campaign": campaign,
        "merged_unit": merged,
        "submitted": made[ActivityState.SUBMITTED],
        "published": made[ActivityState.PUBLISHED],
        "unit": units.le_chan,
        "person": officer_le_chan,
        "membership": officer_le_chan.memberships.get(),
    }


def admin_pages(world):
    """(name, path) of every admin page the portal changes."""
    submitted, published = world["submitted"], world["published"]
    queue = reverse("admin:campaigns_activitytoreview_changelist")
    return [
        ("index", reverse("admin:index")),
        ("activities", reverse("admin:campaigns_activity_changelist")),
        (
            "activities-filtered",
            reverse("admin:campaigns_activity_changelist") + "?state__exact=published",
        ),
        ("activity-change", reverse("admin:campaigns_activity_change", args=[submitted.pk])),
        ("activity-published", reverse("admin:campaigns_activity_change", args=[published.pk])),
        ("activity-history", reverse("admin:campaigns_activity_history", args=[submitted.pk])),
        ("activity-return", reverse("admin:campaigns_activity_return", args=[submitted.pk])),
        ("activity-cancel", reverse("admin:campaigns_activity_cancel", args=[published.pk])),
        ("activity-export", reverse("admin:campaigns_activity_export")),
        ("queue", queue),
        ("queue-filtered", f"{queue}?unit={world['unit'].pk}"),
        ("campaigns", reverse("admin:campaigns_campaign_changelist")),
        (
            "campaign-change",
            reverse("admin:campaigns_campaign_change", args=[world["campaign"].pk]),
        ),
        ("units", reverse("admin:organizations_unit_changelist")),
        ("unit-change", reverse("admin:organizations_unit_change", args=[world["unit"].pk])),
        ("unit-merged", reverse("admin:organizations_unit_change", args=[world["merged_unit"].pk])),
        ("unit-import", reverse("admin:organizations_unit_import")),
        ("unit-export", reverse("admin:organizations_unit_export")),
        ("people", reverse("admin:organizations_user_changelist")),
        ("person-change", reverse("admin:organizations_user_change", args=[world["person"].pk])),
        ("roles", reverse("admin:organizations_membership_changelist")),
        ("role-add", reverse("admin:organizations_membership_add")),
        (
            "role-change",
            reverse("admin:organizations_membership_change", args=[world["membership"].pk]),
        ),
        ("lockouts", reverse("admin:axes_accessattempt_changelist")),
        ("lockout", reverse("admin:axes_accessattempt_change", args=[world["attempt"].pk])),
    ]


def test_admin_pages_pass_wcag_22_on_a_tablet(
    open_page, visit, log_in, staff, persona_password, admin_world, assert_accessible, screenshot
):
    page = open_page(**TABLET, mobile=True)
    log_in(page, staff, persona_password)
    failures = []

    def check(name):
        screenshot(page, f"admin-a11y-{name}")
        try:
            assert_accessible(page, tags=WCAG22_TAGS)
        except AssertionError as error:
            failures.append(f"{name}: {error}")

    for name, path in admin_pages(admin_world):
        visit(page, path)
        check(name)

    # A row added to an inline in the browser (a predecessor, with its autocomplete box)
    # is named like the rows the server sent.
    visit(page, reverse("admin:organizations_unit_change", args=[admin_world["merged_unit"].pk]))
    page.locator("#predecessor_links-group .add-row a").click()
    rows = page.locator("#predecessor_links-group tr.dynamic-predecessor_links")
    expect(rows).to_have_count(3)  # the two predecessors and the new row
    check("unit-merged-row-added")

    assert not failures, "\n\n".join(failures)
