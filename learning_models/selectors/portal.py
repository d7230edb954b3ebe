"""What the dossier pages and the officers' area read: the dossiers and recognitions a
person may see, the dossiers waiting for them. Each is one query, whatever the data, and
filters in the database through organizations.permissions.unit_filter."""

import datetime

from django.db.models import Q
from django.utils import timezone

from learning_models.models import Dossier, Recognition
from learning_models.permissions import EDIT_DOSSIERS, REVIEW
from learning_models.rules import add_months
from learning_models.states import EDITABLE, WITH_REVIEWERS
from learning_models.workflows import may_appraise
from organizations import permissions
from organizations.models import Role
from organizations.permissions import VIEW_UNIT

# Recognitions are "expiring" within this many months, and stay listed this many after.
EXPIRING_MONTHS = 6
EXPIRED_MONTHS = 1


def visible_dossiers(user):
    """The dossiers of the units `user` sees (their officers, approvers and reviewers)."""
    return Dossier.objects.filter(
        permissions.unit_filter(user, VIEW_UNIT) | permissions.unit_filter(user, REVIEW)
    )


def may_see(user, dossier) -> bool:
    """Whether `user` may open the dossier's page and files: its unit's people (and those
    above), or the reviewers who may appraise it."""
    return permissions.can(user, VIEW_UNIT, dossier.unit) or may_appraise(user, dossier)


def own_review_units(user) -> list[int]:
    """The units where a reviewer named in a unit holds the role: never theirs to appraise
    (workflows.may_appraise)."""
    return [m.unit_id for m in permissions.memberships(user) if m.role == Role.REVIEWER]


def awaiting_appraisal(user):
    """Submitted, resubmitted and under-appraisal dossiers `user` may appraise: in a query
    what workflows.may_appraise says of each."""
    rows = Dossier.objects.filter(permissions.unit_filter(user, REVIEW), state__in=WITH_REVIEWERS)
    if not permissions.is_citywide(user):
        rows = rows.exclude(unit_id__in=own_review_units(user))
    return rows


def awaiting_submission(user):
    """The dossiers of `user`'s units their people have still to complete and submit."""
    return Dossier.objects.filter(permissions.unit_filter(user, EDIT_DOSSIERS), state__in=EDITABLE)


def expiring_window(today: datetime.date | None = None):
    """(the first, the last) day a recognition listed as expiring is valid until."""
    today = today or timezone.localdate()
    return add_months(today, -EXPIRED_MONTHS), add_months(today, EXPIRING_MONTHS)


def expiring_recognitions(user, today: datetime.date | None = None):
    """Recognitions of `user`'s units in force, valid until a day in the next six months,
    or expired in the last month."""
    since, until = expiring_window(today)
    return Recognition.objects.filter(
        permissions.unit_filter(user, VIEW_UNIT),
        Q(valid_until__gte=since) & Q(valid_until__lte=until),
        revoked_at__isnull=True,
    )
