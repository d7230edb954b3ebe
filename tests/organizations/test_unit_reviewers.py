"""A reviewer named in a unit (a district's education office) reaches that unit and the
units under it, like a unit role, and works in the portal only; held in the association,
the role reaches the whole city and the admin."""

import pytest

from learning_models.permissions import REVIEW
from organizations import permissions
from organizations.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_reviewer(units, make_person):
    return make_person("reviewer_le_chan", Role.REVIEWER, units.le_chan, full_name="Lương Thị Bình")


def test_a_district_reviewer_reaches_its_district_only(units, district_reviewer):
    assert permissions.can(district_reviewer, REVIEW, units.an_bien)
    assert permissions.can(district_reviewer, REVIEW, units.le_chan)
    assert not permissions.can(district_reviewer, REVIEW, units.bac_son)
    assert not permissions.can(district_reviewer, REVIEW, units.department)
    assert not permissions.is_citywide(district_reviewer)
    reachable = set(permissions.units_for(district_reviewer, REVIEW))
    assert units.an_bien in reachable
    assert units.kien_an not in reachable


def test_a_district_reviewer_does_not_enter_the_admin(units, district_reviewer, client_for):
    assert not permissions.may_use_admin(district_reviewer)
    assert not permissions.has_admin_permission(district_reviewer, "learning_models")
    assert client_for(district_reviewer).get("/admin/").status_code == 403


def test_the_associations_reviewer_acts_for_the_city(units, reviewer):
    assert permissions.is_citywide(reviewer)
    assert permissions.can(reviewer, REVIEW, units.bac_son)
    assert permissions.may_use_admin(reviewer)


def test_holders_of_review_follow_where_the_role_is_held(units, district_reviewer, reviewer, staff):
    assert set(permissions.holders(REVIEW, units.an_bien, on=units.campaign_day)) == {
        district_reviewer,
        reviewer,
        staff,
    }
    assert set(permissions.holders(REVIEW, units.bac_son, on=units.campaign_day)) == {
        reviewer,
        staff,
    }
