"""Fixtures the learning models' tests share (the personas and the units are
tests/conftest.py's)."""

import datetime

import pytest

from learning_models import services
from learning_models.states import Level, Title
from organizations.models import Role


@pytest.fixture
def catalogue(db):
    """The shipped criteria catalogue, loaded through the service; its report."""
    return services.load_catalogue()


@pytest.fixture
def reviewer_of(units, make_person):
    """reviewer_of(unit): a reviewer named in `unit` (a district's education office)."""

    def make(unit):
        return make_person(
            f"reviewer_{unit.code}", Role.REVIEWER, unit, full_name=f"Thẩm định viên {unit.name}"
        )

    return make


@pytest.fixture
def portal_day(monkeypatch, db):
    """The dossier pages' day, 15/03/2025 (portal_world.DAY), with the catalogue loaded."""
    from tests.learning_models import portal_world

    portal_world.freeze(monkeypatch)
    services.load_catalogue()


@pytest.fixture
def le_chan_reviewer(make_person, units):
    """A reviewer of Quận Lê Chân's education office."""
    return make_person(
        "reviewer_le_chan",
        Role.REVIEWER,
        units.le_chan,
        full_name="Phạm Thị Lan",
        position="Chuyên viên Phòng Giáo dục và Đào tạo quận Lê Chân",
    )


@pytest.fixture
def submitted_an_bien(units, officer_le_chan):
    """Phường An Biên's 2025 dossier, filled, filed and submitted by Lê Chân's officer."""
    from tests.learning_models import portal_world as world

    dossier = world.register(units.an_bien, officer_le_chan)
    return world.bring_to(dossier, "submitted", officer=officer_le_chan)


@pytest.fixture
def register_rows(units):
    """Recognitions of four units: valid, expired, revoked and a learning unit."""
    from tests.learning_models.public_factories import recognition

    return {
        "an_bien": recognition(units.an_bien, decision_number="12/QĐ-PGDĐT"),
        "bac_son_expired": recognition(
            units.bac_son,
            year=2021,
            decision_number="31/QĐ-PGDĐT",
            decision_date=datetime.date(2022, 3, 28),
            valid_until=datetime.date(2024, 12, 31),
        ),
        "nam_son_revoked": recognition(
            units.nam_son,
            decision_number="40/QĐ-PGDĐT",
            revoked_at=datetime.datetime(2025, 9, 1, 8, 0, tzinfo=datetime.UTC),
            revoked_reason="Số liệu không đúng",
        ),
        "department": recognition(
            units.department,
            title=Title.LEARNING_UNIT,
            level=Level.TWO,
            year=2023,
            decision_number="102/QĐ-UBND",
            decision_date=datetime.date(2024, 2, 10),
        ),
    }
