"""The same spreadsheet uploaded twice: rows that repeat activities already in the portal,
and the upload held until the officer decides.

A row repeats an activity when both are of the same campaign and have the same organising
unit, the same start date and the same title, compared folded (common.text.fold:
capitals, diacritics and extra spaces do not count). The venue and the times are not part
of it: a file corrected after its first import must still be caught, and the page shows
them so that the officer can tell two real activities apart. Discarded activities do not
count. Rows are not compared with each other: only with what was there before the upload.

The import refuses such an upload and names every repeated row (campaigns.upload
.import_activities); the page then keeps the file here (an ActivityUpload waiting for its
officer, never longer than a day) and asks: import anyway, or not. Only the officer who
uploaded it can decide, and the rows go through the same checks again when imported.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from campaigns.models import Activity, ActivityState, ActivityUpload
from common.text import fold
from organizations import permissions
from organizations.permissions import VIEW_UNIT

# How long an upload waits for its officer's decision.
KEPT_FOR = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Duplicate:
    """Line `line` of the file (its title `title`) repeats the activity `existing`."""

    line: int
    title: str
    existing: Activity


class Finder:
    """Compares each activity just created by an import with those that were there before.

    Called for each row as the import creates it: the activities of the unit are read at
    its first row (one query for each organising unit of the file), leaving out those of
    the upload itself.
    """

    def __init__(self, *, campaign, by):
        self.campaign = campaign
        self.by = by
        self.known = {}  # organiser's pk -> {(start date, folded title): [activities]}
        self.found = []

    def check(self, line, activity):
        for existing in self._index(activity).get(_key(activity), []):
            self.found.append(Duplicate(line, activity.title, existing))

    def _index(self, activity):
        organizer_id = activity.organizer_id
        if organizer_id not in self.known:
            rows = (
                Activity.objects.filter(campaign=self.campaign, organizer_id=organizer_id)
                .exclude(state=ActivityState.DISCARDED)
                .exclude(pk=activity.pk)
                .exclude(upload__isnull=False, upload_id=activity.upload_id)
                .filter(permissions.unit_filter(self.by, VIEW_UNIT, field="organizer"))
                .select_related("organizer")
                .order_by("starts_on", "start_time", "pk")
            )
            index = {}
            for existing in rows:
                index.setdefault(_key(existing), []).append(existing)
            self.known[organizer_id] = index
        return self.known[organizer_id]


def _key(activity):
    return (activity.starts_on, fold(activity.title))


# --- the upload that waits -------------------------------------------------------------


def hold(*, campaign, by, file_name, content) -> ActivityUpload:
    """Keep an upload until `by` decides; their earlier waiting uploads, and anyone's
    older than KEPT_FOR, are dropped."""
    cutoff = timezone.now() - KEPT_FOR
    ActivityUpload.objects.waiting().filter(uploaded_by=by).delete()
    ActivityUpload.objects.waiting().filter(uploaded_at__lt=cutoff).delete()
    return ActivityUpload.objects.create(
        campaign=campaign, uploaded_by=by, file_name=file_name, content=bytes(content)
    )


def waiting_for(user, pk) -> ActivityUpload | None:
    """`user`'s own upload `pk`, if it still waits for their decision (anyone else's is
    not found: the number in the page's form decides nothing by itself)."""
    cutoff = timezone.now() - KEPT_FOR
    return (
        ActivityUpload.objects.waiting()
        .select_related("campaign")
        .filter(pk=pk, uploaded_by=user, uploaded_at__gte=cutoff)
        .first()
    )


def release(upload: ActivityUpload):
    """The officer decided: the waiting upload and its file go."""
    upload.delete()
