"""Bulk entry from Excel in the officers' area: the template and the upload page.

The upload reads the file with common.spreadsheets.reading.read_table (anything that is
not a table becomes a message, never a server error) and hands the rows to
campaigns.upload.import_activities, which creates every activity or none. When rows repeat
activities already in the portal, nothing is imported yet: the file waits server-side
(campaigns.upload_duplicates) until the officer who uploaded it chooses to import it anyway
or not (upload_decision).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from campaigns import selectors, upload, upload_duplicates
from campaigns.forms.portal import UploadForm, open_campaigns
from campaigns.models import ActivityState
from campaigns.permissions import EDIT_UNIT_WORK
from campaigns.upload_template import build_template
from common.spreadsheets.reading import TableError, read_table
from organizations import permissions

_SESSION_KEY = "portal_upload_created"


def _read(source, name):
    return read_table(
        source,
        filename=name,
        required_columns=upload.REQUIRED_HEADERS,
        max_bytes=upload.MAX_BYTES,
        max_rows=upload.MAX_ROWS,
    )


def _context(request, form, campaigns):
    return {
        "may_enter": permissions.can(request.user, EDIT_UNIT_WORK),
        "form": form,
        "campaigns": campaigns,
        "columns": upload.COLUMNS,
        "max_rows": upload.MAX_ROWS,
        "max_megabytes": upload.MAX_BYTES // (1024 * 1024),
    }


def _form(request, campaigns, data=None, files=None):
    current = selectors.current_campaign()
    default = current if current in campaigns else (campaigns[0] if campaigns else None)
    return UploadForm(data, files, initial={"campaign": default.pk if default else None})


def _imported(request, report, name):
    request.session[_SESSION_KEY] = report.upload.pk
    messages.success(
        request,
        ngettext(
            "%(count)s draft activity was created from %(name)s.",
            "%(count)s draft activities were created from %(name)s.",
            report.created,
        )
        % {"count": report.created, "name": name},
    )
    return redirect("campaigns_portal:upload")


@login_required
def upload_page(request):
    campaigns = list(open_campaigns())
    form = _form(request, campaigns, request.POST or None, request.FILES or None)
    context = _context(request, form, campaigns)
    if request.method == "POST" and form.is_valid():
        campaign, file = form.cleaned_data["campaign"], form.cleaned_data["file"]
        try:
            dataset = _read(file, file.name)
        except TableError as error:
            form.add_error("file", error.message)
        else:
            report = upload.import_activities(
                dataset, campaign=campaign, by=request.user, file_name=file.name
            )
            if report.ok and not report.duplicates:
                return _imported(request, report, file.name)
            if report.duplicates:
                file.seek(0)
                context["waiting"] = upload_duplicates.hold(
                    campaign=campaign,
                    by=request.user,
                    file_name=file.name,
                    content=file.read(upload.MAX_BYTES + 1),
                )
                context["duplicates"] = report.duplicates
                context["repeated_lines"] = len({item.line for item in report.duplicates})
            else:
                context["errors"] = upload.error_rows(report, dataset)
            context["file_name"] = file.name
    upload_pk = request.session.pop(_SESSION_KEY, None) if request.method == "GET" else None
    if isinstance(upload_pk, int):
        # Only what the user may still see: the session holds a number, not permissions.
        created = list(
            selectors.activities_visible_to(request.user)
            .filter(upload_id=upload_pk)
            .order_by("starts_on", "start_time", "pk")
        )
        context["created"] = created
        context["created_upload"] = upload_pk
        context["drafts"] = sum(1 for a in created if a.state == ActivityState.DRAFT)
    return render(request, "campaigns/portal/upload.html", context)


@login_required
@require_POST
def upload_decision(request, pk):
    """The officer's answer to "these rows are already in the portal": import anyway, or
    not. Only their own waiting upload is found; the rows are checked again on import."""
    waiting = upload_duplicates.waiting_for(request.user, pk)
    if waiting is None:
        messages.warning(
            request,
            _(
                "This upload no longer waits for a decision (an upload waits one day at "
                "most). Upload the file again."
            ),
        )
        return redirect("campaigns_portal:upload")
    name, campaign = waiting.file_name, waiting.campaign
    content = bytes(waiting.content or b"")
    upload_duplicates.release(waiting)
    if request.POST.get("decision") != "import":
        messages.info(request, _("Nothing was imported from %(name)s.") % {"name": name})
        return redirect("campaigns_portal:upload")

    campaigns = list(open_campaigns())
    form = _form(request, campaigns)
    context = _context(request, form, campaigns)
    try:
        dataset = _read(content, name)
    except TableError as error:
        messages.error(request, error.message)
        return redirect("campaigns_portal:upload")
    report = upload.import_activities(
        dataset, campaign=campaign, by=request.user, file_name=name, allow_duplicates=True
    )
    if report.ok:
        return _imported(request, report, name)
    context["errors"] = upload.error_rows(report, dataset)
    context["file_name"] = name
    return render(request, "campaigns/portal/upload.html", context)


@login_required
def upload_template(request):

    campaigns = list(open_campaigns())
    wanted = request.GET.get("campaign")
    campaign = next((c for c in campaigns if str(c.pk) == wanted), None)
    if campaign is None:
        current = selectors.current_campaign()
        campaign = current if current in campaigns else (campaigns[0] if campaigns else None)
    if campaign is None:
        messages.warning(request, _("No campaign is open for entries, so there is no template."))
        return redirect("campaigns_portal:upload")
    response = HttpResponse(
        build_template(campaign, request.user),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"mau-nhap-hoat-dong-{campaign.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
