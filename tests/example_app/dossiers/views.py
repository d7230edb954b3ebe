"""The officers' pages of dossiers: the list with each dossier's buttons, one dossier with
its files and history, the moves, attaching a file and reading it back."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from common import attachments
from common.history.display import history_rows
from common.history.types import PORTAL
from organizations import permissions
from organizations.permissions import VIEW_UNIT
from tests.example_app.dossiers import services
from tests.example_app.dossiers.models import Dossier, DossierFile, DossierState
from tests.example_app.dossiers.workflows import DOSSIER, may_edit


class FileForm(forms.Form):
    file = forms.FileField(label=_("Photo or PDF"))


def _dossier_for(user, pk):
    """The dossier `pk` if `user` may see its unit: 404 if there is none, 403 otherwise."""
    dossier = get_object_or_404(Dossier.objects.select_related("unit"), pk=pk)
    permissions.require(user, VIEW_UNIT, dossier.unit)
    return dossier


@login_required
def dossier_list(request):
    dossiers = Dossier.objects.filter(permissions.unit_filter(request.user, VIEW_UNIT))
    rows = [(d, DOSSIER.moves_for(d, request.user)) for d in dossiers.select_related("unit")]
    return render(request, "dossiers/dossier_list.html", {"rows": rows})


@login_required
def dossier_detail(request, pk):
    dossier = _dossier_for(request.user, pk)
    may_attach = may_edit(request.user, dossier) and dossier.state == DossierState.DRAFT
    context = {
        "dossier": dossier,
        "moves": DOSSIER.moves_for(dossier, request.user),
        "files": list(dossier.files.all()),
        "history": history_rows(dossier, audience=PORTAL),
        "form": FileForm() if may_attach else None,
    }
    return render(request, "dossiers/dossier_detail.html", context)


@login_required
@require_POST
def dossier_move(request, pk, name):
    dossier = _dossier_for(request.user, pk)
    if name not in {m.name for m in DOSSIER.moves}:
        raise Http404
    try:
        services.make_move(
            dossier, name=name, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("dossiers:detail", pk=dossier.pk)


@login_required
@require_POST
def dossier_attach(request, pk):
    dossier = _dossier_for(request.user, pk)
    form = FileForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["file"])
        services.attach_file(dossier, by=request.user, upload=form.cleaned_data["file"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("dossiers:detail", pk=dossier.pk)


@login_required
def dossier_file(request, pk):
    """A dossier's file, for the people who may see its unit only; never run as a page."""
    item = get_object_or_404(DossierFile.objects.select_related("dossier__unit"), pk=pk)
    permissions.require(request.user, VIEW_UNIT, item.dossier.unit)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        content_type=item.content_type,
        as_attachment=True,
        filename=attachments.download_name(item.original_name, item.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
