"""Every write to a dossier: opening it, attaching a file and its moves (through the
workflow's funnel). Each checks who acts and writes the history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common import attachments
from common.history import audit
from common.text import trimmed
from organizations import permissions
from tests.example_app.dossiers.models import Dossier, DossierFile
from tests.example_app.dossiers.permissions import EDIT
from tests.example_app.dossiers.states import DossierState
from tests.example_app.dossiers.workflows import DOSSIER, may_edit


@transaction.atomic
def create_dossier(*, unit, title, by, at=None) -> Dossier:
    """A new draft dossier of one of the user's units."""
    if not permissions.can(by, EDIT, unit):
        raise PermissionDenied
    dossier = Dossier(unit=unit, title=trimmed(title))
    dossier.full_clean()
    dossier.save()
    changes = {"title": [None, dossier.title], "unit": [None, str(unit)]}
    audit.record(dossier, action="created", by=by, changes=changes, at=at)
    return dossier


@transaction.atomic
def attach_file(dossier, *, by, upload) -> DossierFile:
    """Attach a photo or PDF to a draft (its type read from its content, its size checked);
    it is stored under the extension of that type, whatever its name says."""
    dossier = DOSSIER.lock(dossier)
    if not may_edit(by, dossier):
        raise PermissionDenied
    if dossier.state != DossierState.DRAFT:
        raise ValidationError(_("Files are attached to a draft dossier only."))
    content_type = attachments.check(upload)
    item = DossierFile(
        dossier=dossier,
        original_name=attachments.clean_name(upload.name),
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    item.file.save(f"dossier.{attachments.extension(content_type)}", upload, save=False)
    item.save()
    audit.record(dossier, action="file_attached", by=by, changes={"file": [None, str(item)]})
    return item


def submit_dossier(dossier, *, by, at=None) -> Dossier:
    """Send a draft, with its files, for approval (the unit's people)."""
    return DOSSIER.make(dossier, to=DossierState.SUBMITTED, by=by, at=at)


def approve_dossier(dossier, *, by, at=None) -> Dossier:
    return DOSSIER.make(dossier, to=DossierState.APPROVED, by=by, at=at)


def return_dossier(dossier, *, by, reason, at=None) -> Dossier:
    """Send a dossier back to its unit as a draft, saying what to change."""
    return DOSSIER.make(dossier, to=DossierState.DRAFT, by=by, reason=reason, at=at)


def make_move(dossier, *, name, by, reason="") -> Dossier:
    """The move `name` (a button of the officers' page), made by the funnel."""
    return DOSSIER.make(dossier, to=DOSSIER.get(name).target, by=by, reason=reason)
