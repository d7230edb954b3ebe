"""Bulk entry from Excel in the officers' area: the template and the upload page.

The upload reads the file with organizations.importing.tables.read_table (anything that is
not a table becomes a message, never a server error) and hands the rows to
campaigns.upload.import_activities, which creates every activity or none.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns import selectors, upload
from campaigns.forms.portal import UploadForm, open_campaigns
from campaigns.upload_template import build_template
from organizations import permissions
from organizations.importing.tables import TableError, read_table
from organizations.permissions import Action

_SESSION_KEY = "portal_upload_created"


@login_required
def upload_page(request):
    campaigns = list(open_campaigns())
    current = selectors.current_campaign()
    default = current if current in campaigns else (campaigns[0] if campaigns else None)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"campaign": default.pk if default else None},
    )
    context = {
        "may_enter": permissions.can(request.user, Action.EDIT_UNIT_WORK),
        "form": form,
        "campaigns": campaigns,
        "columns": upload.COLUMNS,
        "max_rows": upload.MAX_ROWS,
        "max_megabytes": upload.MAX_BYTES // (1024 * 1024),
    }
    if request.method == "POST" and form.is_valid():
        campaign, file = form.cleaned_data["campaign"], form.cleaned_data["file"]
        try:
            dataset = read_table(
                file,
                filename=file.name,
                required_columns=upload.REQUIRED_HEADERS,
                max_bytes=upload.MAX_BYTES,
                max_rows=upload.MAX_ROWS,
            )
        except TableError as error:
            form.add_error("file", error.message)
        else:
            report = upload.import_activities(dataset, campaign=campaign, by=request.user)
            if report.ok:
                request.session[_SESSION_KEY] = [activity.pk for activity in report.activities]
                messages.success(
                    request,
                    ngettext(
                        "%(count)s draft activity was created from %(name)s.",
                        "%(count)s draft activities were created from %(name)s.",
                        report.created,
                    )
                    % {"count": report.created, "name": file.name},
                )
                return redirect("portal-upload")
            context["errors"] = upload.error_rows(report, dataset)
            context["file_name"] = file.name
    created_ids = request.session.pop(_SESSION_KEY, None) if request.method == "GET" else None
    if created_ids:
        # Only what the user may still see: the session holds ids, not permissions.
        context["created"] = list(
            selectors.activities_visible_to(request.user)
            .filter(pk__in=created_ids)
            .order_by("starts_on", "start_time", "pk")
        )
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
        return redirect("portal-upload")
    response = HttpResponse(
        build_template(campaign, request.user),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"mau-nhap-hoat-dong-{campaign.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
