"""Fixtures for the unit tree and roles tests (the personas and `moved_ward` are in
tests/conftest.py).

admin_form_data(response)
                the POST data an admin add/change page would send back unchanged, inline
                formsets included, so a test changes only the fields it cares about.
"""

import pytest

from tests.admin_forms import admin_post_data


@pytest.fixture
def admin_form_data():
    """admin_form_data(response) -> dict: the page's forms as the browser would post them."""
    return admin_post_data
