"""Builders for the tests of the public register (test_register.py, test_certificate.py,
test_public_privacy.py): the city after 1/7/2025 with a ward formed from two 2024 wards,
recognitions through the services or written directly.

Plain functions, not fixtures: each test module makes its own fixtures from them."""

import datetime
import re

from learning_models import services
from learning_models.models import Recognition
from learning_models.states import Level, Title
from organizations.models import UnitKind, UnitPredecessor
from organizations.services import rebuild_ancestry
from tests.learning_models.steps import fill_and_file

REFORM_DAY = datetime.date(2025, 7, 1)


def city_2025(units, make_unit):
    """The city from 1/7/2025 (a new row with the same code) and Phường An Biên formed that
    day from the 2024 wards An Biên and Dư Hàng Kênh. Returns (city, ward)."""
    city = make_unit("31", "Thành phố Hải Phòng", UnitKind.CITY, valid_from=REFORM_DAY)
    ward = make_unit("11372", "Phường An Biên", UnitKind.WARD, city, valid_from=REFORM_DAY)
    for old in (units.an_bien, units.du_hang_kenh):
        UnitPredecessor.objects.create(unit=ward, predecessor=old)
    rebuild_ancestry()
    return city, ward


def recognition(unit, **fields):
    """A recognition row written directly (for volume and for past years)."""
    values = {
        "title": Title.COMMUNITY_COMMUNE,
        "level": Level.ONE,
        "year": 2024,
        "decision_number": "12/QĐ-PGDĐT",
        "decision_date": datetime.date(2025, 3, 20),
        "signed_by": "Trưởng phòng Giáo dục và Đào tạo",
        "authority": "Phòng Giáo dục và Đào tạo quận",
        "valid_until": datetime.date(2027, 12, 31),
    }
    values.update(fields)
    return Recognition.objects.create(unit=unit, **values)


def recognise_through_services(
    unit,
    *,
    by,
    title=Title.COMMUNITY_COMMUNE,
    year=2025,
    decision_number="45/QĐ-UBND",
    decision_date=None,
    signed_by="Chủ tịch Ủy ban nhân dân phường",
    team="",
    note="",
):
    """A dossier registered, self-assessed (every indicator met), filed with its report and
    cover letter, appraised and recognised, each step through the services, by `by` (who
    may edit and appraise: the association's staff)."""
    services.load_catalogue()
    dossier = services.register(unit=unit, title=title, level=Level.ONE, year=year, by=by)
    if team:
        services.set_team(dossier, team=team, by=by)
    fill_and_file(dossier, by=by, note=note)
    for move in ("self_assess", "submit", "start_appraisal"):
        services.make_move(dossier, name=move, by=by, notify=False)
    dossier.refresh_from_db()
    return services.recognise(
        dossier,
        by=by,
        decision_number=decision_number,
        decision_date=decision_date or datetime.date(2026, 3, 1),
        signed_by=signed_by,
    )


def page_text(response):
    """A public page's HTML, once it answered 200."""
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def register_listing(response):
    """The unit names of the register's rows."""
    table = page_text(response).split('class="data lm-register"', 1)
    if len(table) == 1:
        return []
    body = table[1].split("</table>", 1)[0]
    return re.findall(r'class="lm-register__unit"><a href="[^"]+">([^<]+)</a>', body)
