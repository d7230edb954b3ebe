"""The "my units" page and a unit's page, seen by each persona."""

import datetime

import pytest
from django.urls import reverse

from organizations.models import Role, UnitPredecessor
from organizations.services import end_role, rebuild_ancestry

pytestmark = pytest.mark.django_db

MY_UNITS = reverse("organizations_portal:my-units")


def unit_url(unit, **query):
    url = reverse("organizations_portal:unit-detail", args=[unit.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def test_unit_page_own_district_answers_200(officer_le_chan_client, units):
    response = officer_le_chan_client.get(unit_url(units.le_chan))
    assert response.status_code == 200
    assert "Quận Lê Chân" in response.text


def test_unit_page_own_ward_answers_200(officer_le_chan_client, units):
    assert officer_le_chan_client.get(unit_url(units.du_hang_kenh)).status_code == 200


@pytest.mark.parametrize("name", ["kien_an", "bac_son", "nam_son", "city", "department"])
def test_unit_page_other_units_are_refused_with_403(officer_le_chan_client, units, name):
    response = officer_le_chan_client.get(unit_url(getattr(units, name)))
    assert response.status_code == 403
    assert getattr(units, name).name not in response.text


def test_unit_page_unknown_unit_is_404(officer_le_chan_client, units):
    assert officer_le_chan_client.get("/portal/units/999999/").status_code == 404


def test_unit_page_staff_sees_both_districts(staff_client, units):
    for unit in [units.le_chan, units.kien_an, units.bac_son, units.department]:
        assert staff_client.get(unit_url(unit)).status_code == 200, unit


@pytest.mark.parametrize("persona", ["treasurer_client", "reviewer_client", "superuser_client"])
def test_unit_page_citywide_roles_see_any_district(persona, request, units):
    client = request.getfixturevalue(persona)
    assert client.get(unit_url(units.kien_an)).status_code == 200


def test_unit_page_nobody_without_role_is_refused(nobody_client, units):
    assert nobody_client.get(unit_url(units.le_chan)).status_code == 403


def test_unit_page_ended_role_is_refused(officer_le_chan, client_for, units):
    end_role(officer_le_chan.memberships.get(), reason="Nghỉ hưu")
    assert client_for(officer_le_chan).get(unit_url(units.le_chan)).status_code == 403


def test_unit_page_anonymous_is_sent_to_login(anonymous_client, units):
    response = anonymous_client.get(unit_url(units.le_chan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_unit_page_shows_parent_wards_and_people(
    officer_le_chan_client, approver_le_chan, officer_kien_an, units
):
    response = officer_le_chan_client.get(unit_url(units.le_chan))
    page = response.text
    assert response.context["parent"] == units.city
    assert response.context["day"] == datetime.date(2025, 6, 30)  # its last day
    assert [u.name for u in response.context["children"]] == [
        "Phường An Biên",
        "Phường Dư Hàng Kênh",
    ]
    assert "Nguyễn Thị Thu Hà" in page  # the officer
    assert "Trần Văn Hùng" in page  # the approver
    assert "Phạm Minh Tuấn" not in page  # Kiến An's officer
    # The wards are links; the city, which the officer may not open, is not.
    assert unit_url(units.an_bien) in page
    assert reverse("organizations_portal:unit-detail", args=[units.city.pk]) not in page
    assert "no longer exists" in page


def test_unit_page_on_a_day_shows_the_tree_of_that_day(officer_kien_an_client, moved_ward, units):
    before = officer_kien_an_client.get(unit_url(units.kien_an, on="2024-09-15"))
    after = officer_kien_an_client.get(unit_url(units.kien_an, on="2025-03-01"))
    assert "Phường Lãm Hà" not in [u.name for u in before.context["children"]]
    assert "Phường Lãm Hà" in [u.name for u in after.context["children"]]


def test_unit_page_day_outside_the_units_life_falls_back(officer_le_chan_client, units):
    response = officer_le_chan_client.get(unit_url(units.le_chan, on="2026-01-01"))
    assert response.status_code == 200
    assert response.context["day"] == datetime.date(2025, 6, 30)
    assert "did not exist on the day you asked for" in response.text
    garbage = officer_le_chan_client.get(unit_url(units.le_chan, on="15/09/2024"))
    assert garbage.status_code == 200


def test_unit_page_shows_predecessors_and_successors(
    staff_client, make_unit, units, officer_le_chan_client
):
    merged = make_unit(
        "11404",
        "Phường Lê Chân",
        "phuong",
        "31",
        valid_from=datetime.date(2025, 7, 1),
    )
    UnitPredecessor.objects.create(unit=merged, predecessor=units.an_bien)
    UnitPredecessor.objects.create(unit=merged, predecessor=units.du_hang_kenh, share="part")
    rebuild_ancestry()
    new_page = staff_client.get(unit_url(merged)).text
    assert "Formed from" in new_page
    assert unit_url(units.an_bien) in new_page
    assert "Phường Dư Hàng Kênh" in new_page
    old_page = officer_le_chan_client.get(unit_url(units.an_bien)).text
    assert "Became part of" in old_page
    assert "Phường Lê Chân" in old_page
    # The officer of the old district may not open the new ward: named, not linked.
    assert unit_url(merged) not in old_page


def test_unit_page_runs_a_fixed_number_of_queries(
    staff_client, make_person, units, django_assert_max_num_queries
):
    for index in range(8):
        make_person(f"ward_officer_{index}", Role.OFFICER, units.le_chan)
    with django_assert_max_num_queries(12):
        assert staff_client.get(unit_url(units.le_chan)).status_code == 200


def test_my_units_lists_own_district_and_its_wards(officer_le_chan_client, officer_kien_an, units):
    response = officer_le_chan_client.get(MY_UNITS)
    assert response.status_code == 200
    page = response.text
    assert "Quận Lê Chân" in page
    assert "Phường An Biên" in page
    assert "Phường Dư Hàng Kênh" in page
    assert "Unit officer" in page


def test_my_units_never_mentions_another_district(officer_le_chan_client, officer_kien_an, units):
    page = officer_le_chan_client.get(MY_UNITS).text
    for text in ["Kiến An", "Bắc Sơn", "Nam Sơn", "Phạm Minh Tuấn", unit_url(units.kien_an)]:
        assert text not in page


def test_my_units_staff_covers_the_whole_city(staff_client, units):
    page = staff_client.get(MY_UNITS).text
    assert "Hội Khuyến học thành phố Hải Phòng" in page
    assert "every unit of the city" in page
    assert unit_url(units.city) in page
    assert reverse("admin:index") in page


def test_my_units_without_role_explains_what_to_do(nobody_client, units):
    page = nobody_client.get(MY_UNITS).text
    assert "no role in any unit yet" in page


def test_my_units_anonymous_is_sent_to_login(anonymous_client):
    response = anonymous_client.get(MY_UNITS)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=" + MY_UNITS


def test_my_units_officer_has_no_admin_link(officer_le_chan_client, units):
    assert reverse("admin:index") not in officer_le_chan_client.get(MY_UNITS).text


def test_my_units_page_in_vietnamese_renders(client_for, officer_le_chan, units):
    response = client_for(officer_le_chan, language=None).get(MY_UNITS)
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert "Quận Lê Chân" in response.text


def test_unit_page_refusal_explains_in_the_portal_layout(officer_le_chan_client, units):
    response = officer_le_chan_client.get(unit_url(units.kien_an))
    assert response.status_code == 403
    assert "You may not open this page" in response.text
    assert reverse("organizations_portal:my-units") in response.text
