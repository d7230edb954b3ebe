"""Data for the learning models' part of the benchmark: recognitions of bodies over three
assessment years, and recognised families, clans, villages and citizens with their yearly
counts, 20,000 recognitions in all by default.

    python -m bench.learning_models --recognitions 20000 [--seed 1]

Units come from the tree of each year (the 2024 districts and communes, the 2025 communes
and the bodies); each unit is recognised at most once per title, level and year. The rest
of the count are households and people, spread over the communes, a few with a recorded
consent to be named. Rows are written with bulk_create.
"""

import datetime
import random

from bench.cli import generator_main

YEARS = (2023, 2024, 2025)
BATCH = 2000
FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô")
GIVEN = ("Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quang Huy")
PLACES = ("Thôn 1", "Thôn 2", "Tổ dân phố số 3", "Tổ dân phố số 5", "Thôn Đông", "Thôn Tây")


def generate(recognitions=20000, *, seed=1, stdout=None):
    from django.db import transaction

    from learning_models import services
    from learning_models.models import HouseholdCount, RecognisedHousehold, Recognition
    from learning_models.states import Title
    from organizations.models import Unit, UnitLevel

    rng = random.Random(seed)
    with transaction.atomic():
        services.load_catalogue()
        bodies, seen = [], set()
        communes_by_year = {}
        for year in YEARS:
            valid = Unit.objects.valid_on(datetime.date(year, 12, 31))  # the assessment year's tree
            communes = list(valid.of_level(UnitLevel.COMMUNE))
            communes_by_year[year] = communes
            for unit in communes:
                bodies.append((unit, Title.COMMUNITY_COMMUNE, year))
            for unit in valid.of_level(UnitLevel.DISTRICT):
                bodies.append((unit, Title.COMMUNITY_DISTRICT, year))
                bodies.append((unit, Title.LEARNING_UNIT, year))
            for unit in valid.of_level(UnitLevel.BODY):
                bodies.append((unit, Title.LEARNING_UNIT, year))
        rng.shuffle(bodies)
        body_count = min(len(bodies), recognitions // 4)
        rows = []
        for unit, title, year in bodies[:body_count]:
            level = 2 if (unit.pk, title, year - 1) in seen and rng.random() < 0.5 else 1
            seen.add((unit.pk, title, year))
            decided = datetime.date(year + 1, rng.randint(1, 5), rng.randint(1, 28))
            rows.append(
                Recognition(
                    unit=unit,
                    title=title,
                    level=level,
                    year=year,
                    decision_number=f"{rng.randint(1, 999)}/QĐ-UBND",
                    decision_date=decided,
                    signed_by="Chủ tịch Ủy ban nhân dân",
                    authority="Ủy ban nhân dân",
                    valid_until=datetime.date(year + 3, 12, 31),
                    code=f"{rng.getrandbits(32):08X}",
                )
            )
        Recognition.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)

        household_titles = (Title.FAMILY, Title.CLAN, Title.VILLAGE, Title.CITIZEN)
        households, counts = [], {}
        years = [year for year in YEARS if communes_by_year[year]]
        for _ in range(recognitions - len(rows)):
            year = rng.choice(years)
            commune = rng.choice(communes_by_year[year])
            title = rng.choices(household_titles, (60, 10, 10, 20))[0]
            name = f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN)}"
            households.append(
                RecognisedHousehold(
                    commune=commune,
                    year=year,
                    title=title,
                    name=f"Dòng họ {name.split()[0]}" if title == Title.CLAN else name,
                    place=rng.choice(PLACES),
                    public_consent=rng.random() < 0.1,
                )
            )
            counts[(commune.pk, year, title)] = counts.get((commune.pk, year, title), 0) + 1
        RecognisedHousehold.objects.bulk_create(households, batch_size=BATCH)
        HouseholdCount.objects.bulk_create(
            [
                HouseholdCount(
                    commune_id=commune_id,
                    year=year,
                    title=title,
                    recognised=recognised,
                    registered=recognised + rng.randint(0, 20),
                    total=recognised + rng.randint(20, 400),
                )
                for (commune_id, year, title), recognised in counts.items()
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
    if stdout is not None:
        stdout.write(
            f"Learning models: {len(rows)} recognitions of bodies, {len(households)} "
            f"recognised households and people, {len(counts)} yearly counts.\n"
        )


def main(argv=None):
    generator_main(generate, __doc__, count="recognitions", default=20000, argv=argv)


if __name__ == "__main__":
    main()
