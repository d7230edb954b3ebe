"""Fixtures for the unit tree and roles tests (the personas are in tests/conftest.py).

moved_ward      Phường Lãm Hà under Quận Lê Chân until 31/12/2024, then (a new row with the
                same code, as the statistics office writes such moves) under Quận Kiến An
                from 1/1/2025. The move is made up; it copies how Xã Đại Bản left Huyện An
                Dương for Quận Hồng Bàng on 1/1/2025. `.before` and `.after` are the rows.
admin_form_data(response)
                the POST data an admin add/change page would send back unchanged, inline
                formsets included, so a test changes only the fields it cares about.
"""

import datetime
from types import SimpleNamespace

import pytest

from organizations.models import UnitKind
from organizations.services import rebuild_ancestry

MOVE_DAY = datetime.date(2025, 1, 1)


@pytest.fixture
def moved_ward(units, make_unit):
    before = make_unit(
        "11429",
        "Phường Lãm Hà",
        UnitKind.WARD,
        units.le_chan,
        valid_until=MOVE_DAY - datetime.timedelta(days=1),
    )
    after = make_unit(
        "11429",
        "Phường Lãm Hà",
        UnitKind.WARD,
        units.kien_an,
        valid_from=MOVE_DAY,
        valid_until=datetime.date(2025, 6, 30),
    )
    rebuild_ancestry()
    return SimpleNamespace(
        before=before,
        after=after,
        day_before=datetime.date(2024, 9, 15),
        day_after=datetime.date(2025, 3, 1),
    )


def _form_values(form):
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        key = form.add_prefix(name)
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        if isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif isinstance(value, datetime.date | datetime.datetime):
            data[key] = value.isoformat()
        else:
            data[key] = str(value)
    return data


@pytest.fixture
def admin_form_data():
    """admin_form_data(response) -> dict: the page's forms as the browser would post them."""

    def collect(response):
        context = response.context
        data = _form_values(context["adminform"].form)
        for inline in context.get("inline_admin_formsets", []):
            formset = inline.formset
            management = formset.management_form
            for name in management.fields:
                data[management.add_prefix(name)] = management[name].value()
            for form in formset.forms:
                data.update(_form_values(form))
        return data

    return collect
