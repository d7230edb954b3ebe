"""Learning-model records for the tests, made through the services.

recognised_dossier(units, staff, reviewer) -> Recognition
    the 2024 learning-community dossier of Phường An Biên, self-assessed, filed on
    8/1/2025 with its report and cover letter, appraised and recognised on 10/3/2025.
"""

import datetime

from django.utils import timezone

from learning_models import services
from tests.learning_models.steps import fill_and_file


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def recognised_dossier(units, staff, reviewer):
    dossier = services.register(
        unit=units.an_bien,
        title="community_commune",
        level=1,
        year=2024,
        by=staff,
        on=datetime.date(2024, 10, 1),
    )
    fill_and_file(dossier, by=staff)
    services.make_move(dossier, name="self_assess", by=staff, at=_at(datetime.date(2025, 1, 3)))
    services.make_move(dossier, name="submit", by=staff, at=_at(datetime.date(2025, 1, 8)))
    services.make_move(dossier, name="start_appraisal", by=reviewer)
    return services.recognise(
        dossier,
        by=reviewer,
        decision_number="215/QĐ-PGDĐT",
        decision_date=datetime.date(2025, 3, 10),
        signed_by="Trưởng phòng",
    )
