"""Data for the benchmark: the 2024 campaign with thousands of activities across all units.

    python -m bench.generate --activities 5000 [--load-units] [--seed 1]

Uses the Django settings of the environment (DJANGO_SETTINGS_MODULE, DATABASE_URL). Meant for
a dedicated database (bench/run.py makes one): each run adds `--activities` more.

The text comes from the same templates as the demo (campaigns.demo.catalogue), so titles,
venues and descriptions read like real entries, with their diacritics. Organisers are drawn
from every district, ward, commune and body of the 2024 tree; most activities are
published, the others are in every other state; a quarter have co-organisers and many of
the published ones have results. Rows are written with bulk_create, which skips
Activity.save(), so `search_text` is computed here.
"""

import argparse
import datetime
import os
import random
import sys
import time

STATE_WEIGHTS = {
    "published": 85,
    "cancelled": 4,
    "submitted": 4,
    "draft": 3,
    "returned": 3,
    "discarded": 1,
}
BATCH = 1000


def generate(activities=5000, *, seed=1, stdout=None):
    """Add `activities` activities to the 2024 campaign (made and opened if missing)."""
    from django.db import transaction
    from django.utils import timezone

    from campaigns.demo import catalogue
    from campaigns.demo.bodies import BODY_ACTIVITIES
    from campaigns.demo.campaign2024 import ensure_campaign
    from campaigns.demo.plan import results_for
    from campaigns.models import Activity, ActivityResult, Campaign, CampaignState
    from organizations.models import Unit, UnitLevel

    rng = random.Random(seed)
    with transaction.atomic():
        campaign, _created = ensure_campaign()
        if campaign.state == CampaignState.DRAFT:
            Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.OPEN)
            campaign.refresh_from_db()
        day = campaign.starts_on
        valid = Unit.objects.valid_on(day)
        districts = sorted(valid.of_level(UnitLevel.DISTRICT), key=lambda unit: unit.code)
        if not districts:
            raise SystemExit("No units valid in 2024: load the official units first.")
        communes = {}
        for unit in sorted(valid.of_level(UnitLevel.COMMUNE), key=lambda unit: unit.code):
            communes.setdefault(unit.parent_code, []).append(unit)
        bodies = {unit.code: unit for unit in valid.of_level(UnitLevel.BODY)}
        body_entries = [entry for entry in BODY_ACTIVITIES if entry["body"] in bodies]
        with_communes = [district for district in districts if communes.get(district.code)]
        focus_areas = {area.position: area for area in campaign.focus_areas.all()}
        templates = list(catalogue.TEMPLATES.values())
        states = list(STATE_WEIGHTS)
        weights = list(STATE_WEIGHTS.values())
        now = timezone.now()
        today = timezone.localdate()

        rows, co_organizers, results = [], [], []
        for index in range(activities):
            if body_entries and rng.random() < 0.15:
                entry = rng.choice(body_entries)
                organizer = bodies[entry["body"]]
                fields = _from_body_entry(entry, campaign, rng)
                focus = entry["focus"]
            else:
                template = rng.choice(templates)
                needs_place = template.level == catalogue.COMMUNE or template.at_place
                district = rng.choice(with_communes if needs_place else districts)
                place = rng.choice(communes[district.code]) if needs_place else None
                organizer = place if template.level == catalogue.COMMUNE else district
                fields = catalogue.render(
                    template,
                    organizer=organizer,
                    district=district,
                    place=place,
                    starts_on=catalogue.pick_day(
                        template, campaign.year, rng, last_day=campaign.ends_on
                    ),
                    last_day=campaign.ends_on,
                    year=campaign.year,
                    llw_theme=campaign.lifelong_learning_theme,
                    rng=rng,
                )
                focus = template.focus
            state = rng.choices(states, weights)[0]
            activity = Activity(
                campaign=campaign,
                organizer=organizer,
                focus_area=focus_areas[focus],
                state=state,
                is_public=rng.random() < 0.97,
                submitted_at=None if state in {"draft", "discarded"} else now,
                published_at=now if state in {"published", "cancelled"} else None,
                cancelled_at=now if state == "cancelled" else None,
                cancel_reason="Hoãn do trùng lịch với hoạt động của thành phố."
                if state == "cancelled"
                else "",
                return_reason="Đề nghị bổ sung người liên hệ." if state == "returned" else "",
                # Some published activities were changed after publication.
                sequence=(1 if state == "cancelled" else 0) + (rng.random() < 0.1),
                **fields,
                **catalogue.contact(rng),
            )
            activity.search_text = activity.compute_search_text()
            rows.append(activity)
            if rng.random() < 0.25:
                chosen = rng.sample(list(bodies.values()), k=rng.randint(1, 2))
                co_organizers.append((index, [unit for unit in chosen if unit != organizer]))
            if state == "published" and activity.starts_on < today and rng.random() < 0.5:
                results.append((index, results_for(fields, rng)))

        Activity.objects.bulk_create(rows, batch_size=BATCH)
        links = Activity.co_organizers.through
        links.objects.bulk_create(
            [
                links(activity_id=rows[index].pk, unit_id=unit.pk)
                for index, units in co_organizers
                for unit in units
            ],
            batch_size=BATCH,
        )
        ActivityResult.objects.bulk_create(
            [ActivityResult(activity=rows[index], **values) for index, values in results],
            batch_size=BATCH,
        )
    if stdout is not None:
        stdout.write(
            f"Campaign {campaign.year}: {len(rows)} activities added "
            f"({sum(len(units) for _, units in co_organizers)} co-organiser links, "
            f"{len(results)} results); {campaign.activities.count()} in all.\n"
        )
    return campaign


def _from_body_entry(entry, campaign, rng):
    """A body's activity on another day of the month, with its own wording and times."""
    length = (entry.get("ends_on") or entry["starts_on"]) - entry["starts_on"]
    last_start = campaign.ends_on - length
    starts_on = campaign.starts_on + datetime.timedelta(
        days=rng.randint(0, (last_start - campaign.starts_on).days)
    )
    return {
        "kind": entry["kind"],
        "title": entry["title"],
        "description": entry["description"],
        "starts_on": starts_on,
        "ends_on": starts_on + length,
        "start_time": entry["start_time"],
        "end_time": entry["end_time"],
        "venue": entry["venue"].format(place="").strip(),
        "address": "Thành phố Hải Phòng",
        "audience": entry["audience"],
        "expected_participants": entry["participants"],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--load-units",
        action="store_true",
        help="load the official unit lists first when the database has no units",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from organizations.importing import load_official_units
    from organizations.models import Unit

    started = time.monotonic()
    if args.load_units and not Unit.objects.exists():
        load_official_units(stdout=sys.stdout)
    generate(args.activities, seed=args.seed, stdout=sys.stdout)
    print(f"Done in {time.monotonic() - started:.1f} s.")


if __name__ == "__main__":
    main()
