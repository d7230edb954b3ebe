"""What the units and people bring to the officers' front page (organizations/officers.py):
the roles a person holds, a word for an account without one, roles ending soon (one's own,
and the city's for those who manage roles), and the menu's "My units" and "Administration"."""

import datetime

import pytest
from django.urls import reverse

from organizations.models import Role
from organizations.services import end_role
from tests.campaigns.factories import freeze_today

DASHBOARD = "portal:dashboard"
TODAY = datetime.date(2024, 9, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    return freeze_today(monkeypatch, TODAY)


@pytest.fixture
def leaving(units, make_person):
    """An officer of Phường An Biên whose role ends on 10/10/2024, in 20 days."""
    person = make_person("leaving", Role.OFFICER, units.an_bien, full_name="Đinh Thị Yến")
    end_role(person.memberships.get(), ends_on=datetime.date(2024, 10, 10), reason="Nghỉ hưu")
    return person


@pytest.fixture
def staying_a_while(units, make_person):
    """An officer of Phường Nam Sơn whose role ends on 30/11/2024, in 71 days."""
    person = make_person("staying", Role.OFFICER, units.nam_son, full_name="Lương Văn Tâm")
    end_role(person.memberships.get(), ends_on=datetime.date(2024, 11, 30), reason="Luân chuyển")
    return person


def due_counts(client):
    response = client.get(reverse(DASHBOARD))
    return {item.key: item.count for item in response.context["officers_due"]}


def test_a_role_ending_within_30_days_is_due_for_its_holder(leaving, client_for):
    client = client_for(leaving)

    response = client.get(reverse(DASHBOARD))

    due = {item.key: item for item in response.context["officers_due"]}
    assert due["organizations.own_roles_ending"].count == 1
    assert due["organizations.own_roles_ending"].url == reverse("organizations_portal:my-units")
    assert "of your roles ends within 30 days" in response.content.decode()
    assert "until 10/10/2024" in response.content.decode()


def test_a_role_ending_later_is_not_due(staying_a_while, client_for):
    assert "organizations.own_roles_ending" not in due_counts(client_for(staying_a_while))


def test_staff_count_the_citys_roles_ending_soon_and_find_them_in_the_admin(
    leaving, staying_a_while, staff_client
):
    response = staff_client.get(reverse(DASHBOARD))

    due = {item.key: item for item in response.context["officers_due"]}
    assert due["organizations.roles_ending"].count == 1
    listed = staff_client.get(due["organizations.roles_ending"].url)
    assert [m.user.username for m in listed.context["cl"].result_list] == ["leaving"]


def test_officers_do_not_count_the_citys_roles(leaving, officer_le_chan_client):
    assert "organizations.roles_ending" not in due_counts(officer_le_chan_client)


def test_the_units_panel_lists_my_roles_and_what_they_let_me_do(officer_le_chan_client, units):
    response = officer_le_chan_client.get(reverse(DASHBOARD))

    held = response.context["held"]
    assert [item["membership"].unit for item in held] == [units.le_chan]
    text = response.content.decode()
    assert "You enter the activities, results and reports of this unit" in text
    assert units.le_chan.get_absolute_url() in text


def test_an_account_without_a_role_gets_the_word_and_no_units_panel(nobody_client):
    response = nobody_client.get(reverse(DASHBOARD))

    panels = [shown.panel.key for shown in response.context["officers_main"]]
    assert panels == ["organizations.no_role"]
    assert response.context["officers_side"] == []


@pytest.mark.parametrize(
    ("who", "sees_admin"),
    [
        ("staff_client", True),
        ("treasurer_client", True),
        ("officer_le_chan_client", False),
        ("nobody_client", False),
    ],
)
def test_the_menu_leads_to_the_administration_only_those_who_may_use_it(request, who, sees_admin):
    client = request.getfixturevalue(who)

    calendar = client.get(reverse("campaigns:calendar")).content.decode()
    assert (f'href="{reverse("admin:index")}"' in calendar) is sees_admin
    mine = client.get(reverse("organizations_portal:my-units")).content.decode()
    assert f'href="{reverse("organizations_portal:my-units")}" aria-current="page"' in mine
