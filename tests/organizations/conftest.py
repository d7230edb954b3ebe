"""Fixtures for the unit tree and roles tests (the personas, `moved_ward` and `official_tree`
are in tests/conftest.py; the unit tables the import reads in tests/organizations/unit_tables.py).

admin_form_data(response)
                the POST data an admin add/change page would send back unchanged, inline
                formsets included, so a test changes only the fields it cares about.
clock           a clock standing still at 08:00 on 15/09/2024, Hải Phòng time, for Django
                and for django-axes (which counts failed sign-ins by time); move it with
                `clock.advance(minutes=16)`.
keeps_language  leaves the active language as the test found it, for tests that request
                Vietnamese pages (a request's language stays active in the thread after it).
"""

import datetime

import pytest
from django.utils import timezone, translation

from tests.admin_forms import admin_post_data

EIGHT_IN_THE_MORNING = datetime.datetime(2024, 9, 15, 1, 0, tzinfo=datetime.UTC)  # 08:00 UTC+7


@pytest.fixture
def admin_form_data():
    """admin_form_data(response) -> dict: the page's forms as the browser would post them."""
    return admin_post_data


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """Time stands still at 08:00 on 15/09/2024 (Hải Phòng) until the test moves it."""
    import axes.attempts
    import axes.handlers.proxy

    frozen = Clock(EIGHT_IN_THE_MORNING)
    # axes imported `now` by name in these two modules; everything else asks django's module.
    for module in (timezone, axes.handlers.proxy, axes.attempts):
        monkeypatch.setattr(module, "now", frozen)
    return frozen


@pytest.fixture
def keeps_language():
    """Whatever language a test's requests leave active, the next test finds the one before."""
    before = translation.get_language()
    yield
    translation.activate(before)
