"""Fixtures the learning models' tests share (the personas and units are tests/conftest.py's)."""

import pytest
from django.utils import translation


@pytest.fixture
def english():
    """Messages of the services matched in English (they speak the active language, which
    outside a request is the portal's Vietnamese)."""
    with translation.override("en"):
        yield
