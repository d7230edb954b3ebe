"""What the city's departments, unions, armed forces, economic zone authority and the
association do in the demo month: one row per activity in
campaigns/demo/data/body-activities.csv, written out by hand.

Each row: the organising body's code (organizations/data/bodies-hai-phong.csv), kind, focus
area (its position in the plan), title, first day, last day (empty for the same day), start
and end time (empty for all day), venue (`{place}` stands for the ward or commune), audience,
description, co-organisers' codes (separated by spaces), expected participants, the ward or
commune of the venue as a district code and an index among its communes when there is one,
`no` under `public` for an internal meeting, and the reason when it was cancelled.
"""

from campaigns.demo import files
from campaigns.models import ActivityKind


def _entry(row):
    entry = {
        "body": row["body"],
        "kind": ActivityKind(row["kind"]),
        "focus": int(row["focus"]),
        "title": row["title"],
        "starts_on": files.day(row["starts_on"]),
        "start_time": files.time(row["start_time"]),
        "end_time": files.time(row["end_time"]),
        "venue": row["venue"],
        "audience": row["audience"],
        "description": row["description"],
        "participants": files.number(row["participants"]),
    }
    if row["ends_on"]:
        entry["ends_on"] = files.day(row["ends_on"])
    if row["co_organizers"]:
        entry["co"] = tuple(row["co_organizers"].split())
    if row["place_district"]:
        entry["place"] = (row["place_district"], int(row["place_index"]))
    if row["public"]:
        entry["public"] = {"yes": True, "no": False}[row["public"]]
    if row["cancel_reason"]:
        entry["cancel"] = row["cancel_reason"]
    return entry


BODY_ACTIVITIES = tuple(files.read("body-activities.csv", _entry))
