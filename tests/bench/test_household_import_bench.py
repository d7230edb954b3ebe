"""The household-import benchmark imports the same rows both ways and leaves nothing."""

import io

import pytest

from bench.household_import import run
from learning_models.models import RecognisedHousehold

pytestmark = pytest.mark.django_db(transaction=True)


def test_both_imports_write_every_row_and_roll_back(units, superuser):
    out = io.StringIO()
    bare_seconds, portal_seconds = run(60, stdout=out)
    assert bare_seconds > 0
    assert portal_seconds > 0
    assert "| Ratio |" in out.getvalue()
    assert not RecognisedHousehold.objects.exists()
