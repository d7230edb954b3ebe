"""The officers' area's shell (common.officers): an app plugs a menu entry, a panel and a
due item in through its AppConfig's `officers_area()`, and each shows only to the people
its `visible(user)` accepts. Here a made-up app, "the fund", is installed beside the
portal's own apps; its contributions are visible to the treasurer only."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext_lazy

from common import checks, officers
from organizations import permissions
from scholarships.permissions import HANDLE_MONEY

PANEL_TEXT = "Quỹ Khuyến học, khuyến tài: 12 khoản ủng hộ chờ ghi sổ"
NAV_LABEL = "Sổ quỹ"


def handles_money(user):
    return permissions.can(user, HANDLE_MONEY)


class Calls:
    """How often the made-up app's shared read ran, per request."""

    def __init__(self):
        self.count = 0


@pytest.fixture
def calls():
    return Calls()


@pytest.fixture
def fund_app(calls):
    """The made-up app's AppConfig, as the shell sees one: a label and `officers_area()`."""

    @officers.per_request
    def donations_waiting(request):
        calls.count += 1
        return 12

    def area():
        return officers.OfficersArea(
            nav=(
                officers.NavEntry(
                    key="fund.ledger",
                    label=gettext_lazy(NAV_LABEL),
                    url_name="campaigns:calendar",
                    order=60,
                    icon="fund",
                    visible=handles_money,
                ),
            ),
            panels=(
                officers.Panel(
                    key="fund.donations",
                    template="fund/panel.html",
                    context=lambda request: {"waiting": donations_waiting(request)},
                    order=5,
                    visible=handles_money,
                ),
            ),
            due=(
                officers.DueItem(
                    key="fund.donations",
                    label=ngettext_lazy(
                        "donation to enter in the ledger",
                        "donations to enter in the ledger",
                        "count",
                    ),
                    count=donations_waiting,
                    url=lambda request: reverse("campaigns:calendar"),
                    order=5,
                    visible=handles_money,
                ),
            ),
        )

    return SimpleNamespace(label="fund", officers_area=area)


@pytest.fixture
def installed(fund_app, settings, tmp_path):
    """The portal's apps and the made-up one, its panel's template on the template path."""
    (tmp_path / "fund").mkdir()
    (tmp_path / "fund" / "panel.html").write_text(
        '<h2>Quỹ</h2><p class="fund-panel">Quỹ Khuyến học, khuyến tài: {{ waiting }} khoản '
        "ủng hộ chờ ghi sổ</p>",
        encoding="utf-8",
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    before = officers.registry()
    officers.install(officers.collect([*apps.get_app_configs(), fund_app]))
    yield
    officers.install(before)


DASHBOARD = "portal:dashboard"


def test_an_apps_panel_menu_entry_and_due_item_show_to_the_people_it_accepts(
    installed, treasurer_client
):
    response = treasurer_client.get(reverse(DASHBOARD))

    text = response.content.decode()
    assert PANEL_TEXT in text
    assert NAV_LABEL in text
    assert [(item.key, item.count) for item in response.context["officers_due"]] == [
        ("fund.donations", 12)
    ]
    assert "donations to enter in the ledger" in text


@pytest.mark.parametrize("who", ["officer_le_chan_client", "staff_client", "nobody_client"])
def test_an_apps_contributions_stay_hidden_from_the_others(installed, request, who):
    client = request.getfixturevalue(who)

    response = client.get(reverse(DASHBOARD))

    text = response.content.decode()
    assert PANEL_TEXT not in text
    assert NAV_LABEL not in text
    assert "fund.donations" not in [item.key for item in response.context["officers_due"]]


def test_the_menu_entry_is_on_every_page_of_the_person_it_accepts(
    installed, treasurer_client, officer_le_chan_client
):
    for name in ("campaigns:home", "organizations_portal:my-units"):
        assert NAV_LABEL in treasurer_client.get(reverse(name)).content.decode(), name
        assert NAV_LABEL not in officer_le_chan_client.get(reverse(name)).content.decode(), name


def test_the_shared_read_of_an_app_runs_once_a_page(installed, treasurer_client, calls):
    treasurer_client.get(reverse(DASHBOARD))  # the panel and the due item both ask
    assert calls.count == 1

    treasurer_client.get(reverse(DASHBOARD))
    assert calls.count == 2


def test_panels_and_due_items_come_in_their_order_across_apps(installed, treasurer_client):
    response = treasurer_client.get(reverse(DASHBOARD))

    panels = [shown.panel.key for shown in response.context["officers_main"]]
    assert panels[0] == "fund.donations"  # order 5, before the campaign's (10)
    assert "campaigns.campaign" in panels
    assert [shown.panel.key for shown in response.context["officers_side"]] == [
        "organizations.units"
    ]
    nav = officers.registry().nav
    assert [entry.order for entry in nav] == sorted(entry.order for entry in nav)
    keys = [entry.key for entry in nav]
    assert keys[0] == "common.dashboard"


def test_a_panel_with_nothing_to_show_is_left_out(treasurer_client):
    quiet = officers.Panel(key="fund.quiet", template="fund/none.html", context=lambda r: None)
    before = officers.registry()
    officers.install(officers.collect([*apps.get_app_configs(), _app("fund", panels=(quiet,))]))
    try:
        response = treasurer_client.get(reverse(DASHBOARD))
    finally:
        officers.install(before)

    assert response.status_code == 200
    assert "fund.quiet" not in [shown.panel.key for shown in response.context["officers_main"]]


def test_a_person_with_due_items_but_nothing_due_is_told_so(staff_client):
    response = staff_client.get(reverse(DASHBOARD))

    assert response.context["officers_due_concerned"]
    assert response.context["officers_due"] == []
    assert "Nothing is waiting for you." in response.content.decode()


def test_someone_no_due_item_concerns_gets_no_due_section(nobody_client):
    response = nobody_client.get(reverse(DASHBOARD))

    assert not response.context["officers_due_concerned"]
    assert "What is due" not in response.content.decode()


# --- what the shell refuses at start-up -----------------------------------------------


def _app(label, **contributions):
    area = officers.OfficersArea(**contributions)
    return SimpleNamespace(label=label, officers_area=lambda: area)


def _entry(key="x.entry", **fields):
    return officers.NavEntry(key=key, label="X", url_name="campaigns:home", **fields)


def test_two_apps_registering_one_key_stop_the_start_up():
    with pytest.raises(ImproperlyConfigured, match=r"'x\.entry' is registered by both a and b"):
        officers.collect([_app("a", nav=(_entry(),)), _app("b", nav=(_entry(),))])


def test_one_key_may_name_a_panel_and_a_due_item():
    found = officers.collect(
        [
            _app(
                "a",
                panels=(officers.Panel(key="a.work", template="t.html", context=dict),),
                due=(
                    officers.DueItem(
                        key="a.work", label="work", count=lambda r: 1, url=lambda r: None
                    ),
                ),
            )
        ]
    )
    assert [p.key for p in found.panels] == [d.key for d in found.due] == ["a.work"]


@pytest.mark.parametrize(
    ("contribution", "problem"),
    [
        (
            {"panels": (officers.Panel(key="a.p", template="t", context=dict, column="top"),)},
            "column 'top'",
        ),
        (
            {
                "due": (
                    officers.DueItem(
                        key="a.d", label="d", count=lambda r: 0, url=lambda r: None, tone="red"
                    ),
                )
            },
            "tone 'red'",
        ),
        ({"nav": (_entry(icon="rocket"),)}, "icon 'rocket'"),
    ],
)
def test_unknown_columns_tones_and_icons_stop_the_start_up(contribution, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        officers.collect([_app("a", **contribution)])


def test_a_hook_must_return_an_officers_area():
    with pytest.raises(ImproperlyConfigured, match="must return an OfficersArea"):
        officers.collect([SimpleNamespace(label="a", officers_area=lambda: [])])


def test_the_system_check_names_a_menu_entry_without_a_page_and_a_missing_template(db):
    before = officers.registry()
    officers.install(
        officers.collect(
            [
                _app(
                    "a",
                    nav=(officers.NavEntry(key="a.lost", label="L", url_name="no-such-page"),),
                    panels=(officers.Panel(key="a.p", template="a/none.html", context=dict),),
                )
            ]
        )
    )
    try:
        found = checks.officers_area_contributions()
    finally:
        officers.install(before)

    assert [error.id for error in found] == ["common.E001", "common.E002"]
    assert "'no-such-page'" in found[0].msg


def test_the_portals_own_contributions_pass_the_system_check():
    assert checks.officers_area_contributions() == []
