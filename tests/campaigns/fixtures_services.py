"""Fixtures for the tests of the campaign's rules, through the services every screen calls
(campaigns.services): tests/campaigns/test_services_*.py import them.

An activity goes draft → submitted → published (or returned with a reason → submitted
again); a published activity can be changed or cancelled. A campaign goes draft → open →
closed → archived, and may be reopened. Each move is refused with a message when it is not
allowed, is recorded in the record's history with who, why and what changed, and tells the
organising unit's officers by e-mail when staff return or publish their activity.

_english            (autouse where imported) messages in English
campaign            Tháng Khuyến học 2024, open for entries, focus areas 1 and 7
new_activity(by=officer of Lê Chân, **fields)
                    a draft entered through the service
activity_in(state, **fields)
                    an activity brought to `state` by the allowed moves
history(obj)        the record's history entries, oldest first

A test module takes the fixtures by naming them, as tests/organizations/fixtures_units.py
is used: `campaign = fixtures_services.campaign`. The data come from
tests/campaigns/factories.py.
"""

import pytest
from django.utils import translation

from common.history import audit
from tests.campaigns import fixtures_portal
from tests.campaigns.factories import make_campaign


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def campaign(db):
    """Tháng Khuyến học 2024 (Kế hoạch 204/KH-UBND, 5/9–5/10/2024), open for entries."""
    return make_campaign()


# An activity is entered and moved just as in the officers' area.
new_activity = fixtures_portal.new_activity
activity_in = fixtures_portal.activity_in


def history(obj):
    return list(audit.history_of(obj).order_by("at", "pk"))
