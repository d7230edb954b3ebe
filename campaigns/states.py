"""The states a campaign and an activity go through, and which states allow what.

The moves between the states (who may make them, what they record) are declared once, in
campaigns/workflows.py. Each state's label and tone (the badge colour) are defined here once.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("campaign state", "draft")
    OPEN = "open", pgettext_lazy("campaign state", "open")
    CLOSED = "closed", pgettext_lazy("campaign state", "closed")
    ARCHIVED = "archived", pgettext_lazy("campaign state", "archived")


class ActivityState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("activity state", "draft")
    SUBMITTED = "submitted", pgettext_lazy("activity state", "submitted for review")
    RETURNED = "returned", pgettext_lazy("activity state", "returned for changes")
    PUBLISHED = "published", pgettext_lazy("activity state", "published")
    CANCELLED = "cancelled", pgettext_lazy("activity state", "cancelled")
    DISCARDED = "discarded", pgettext_lazy("activity state", "discarded")


# States in which the organising unit may still edit the activity. A published activity
# may be changed: the change is public at once and kept in its history.
ACTIVITY_EDITABLE = {ActivityState.DRAFT, ActivityState.RETURNED, ActivityState.PUBLISHED}

# States in which results may be entered (once the activity has begun) and evidence added.
ACTIVITY_WITH_RESULTS = {ActivityState.PUBLISHED}
ACTIVITY_WITH_EVIDENCE = {ActivityState.PUBLISHED, ActivityState.CANCELLED}

# States the public sees (a cancelled activity stays on the calendar, marked).
ACTIVITY_PUBLIC = {ActivityState.PUBLISHED, ActivityState.CANCELLED}

# States the officers' lists and counts show unless discarded ones are asked for.
ACTIVITY_LISTED = set(ActivityState) - {ActivityState.DISCARDED}

TONES = {
    CampaignState.DRAFT: "",
    CampaignState.OPEN: "ok",
    CampaignState.CLOSED: "info",
    CampaignState.ARCHIVED: "",
    ActivityState.DRAFT: "",
    ActivityState.SUBMITTED: "info",
    ActivityState.RETURNED: "warn",
    ActivityState.PUBLISHED: "ok",
    ActivityState.CANCELLED: "danger",
    ActivityState.DISCARDED: "",
}

# The history types this app writes (common.history.types), by record: the stored
# action and its label. The public page shows an activity's changes and its cancellation.
ACTIVITY_HISTORY = {
    "created": _("created"),
    "changed": _("changed"),
    "submitted": _("submitted for review"),
    "published": _("published"),
    "returned": _("returned for changes"),
    "cancelled": _("cancelled"),
    "discarded": _("discarded"),
    "results_recorded": _("results recorded"),
    "evidence_added": _("evidence added"),
    "imported": _("imported from a spreadsheet"),
}
ACTIVITY_HISTORY_PUBLIC = ("changed", "cancelled")
CAMPAIGN_HISTORY = {
    "created": _("created"),
    "changed": _("changed"),
    "opened": _("opened"),
    "closed": _("closed"),
    "archived": _("archived"),
    "reopened": _("reopened"),
}
