"""The fund's admin lists run the same number of queries whatever their length (3 rows of
each kind against 30)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.scholarships.admin_world import fill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NAMES = ["fund", "ledgerentry", "donor", "donation", "pledge", "bankstatement", "statementcredit"]


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", NAMES)
def test_a_list_costs_the_same_for_few_and_many_rows(fund, treasurer, treasurer_client, name):
    url = reverse(f"admin:scholarships_{name}_changelist")
    fill(fund, treasurer, rows=3)
    few = queries(treasurer_client, url)
    few_searched = queries(treasurer_client, url, q="do son")
    fill(fund, treasurer, rows=27, start=3)
    assert queries(treasurer_client, url) == few
    assert queries(treasurer_client, url, q="do son") == few_searched
