"""Dossiers and recognitions in the admin: read-only records, searched and exported.

A dossier's state changes only through the services (the officers' and reviewers' pages),
so here its page shows it, with its indicator values, its files and its history. A
recognition is revoked, with a reason, through services.revoke (the "Revoke" action asks
first); nothing else about it is edited here.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from common.admin_history import PortalHistoryMixin
from common.spreadsheets.writing import TextOnlyCSV, TextOnlyXLSX
from common.strict import parse_id
from learning_models import services
from learning_models.exports import RECOGNITION_STATUS, DossierResource, RecognitionResource
from learning_models.models import Dossier, DossierFile, IndicatorValue, Recognition
from learning_models.permissions import MANAGE_CATALOGUE
from learning_models.states import BODY_TITLES, EDITABLE, TITLE_LABEL
from organizations import permissions
from organizations.models import Unit, UnitAncestry, UnitKind, UnitLevel

from .shared import ADMIN_CSS, FoldedSearchMixin, confirmation_page

# A recognition "expires soon" when it ends within this many days.
EXPIRING_DAYS = 183


class DistrictFilter(admin.SimpleListFilter):
    """Dossiers of a district: its own and those of the wards and communes under it."""

    title = _("district")
    parameter_name = "district"

    def lookups(self, request, model_admin):
        districts = Unit.objects.filter(kind__in=UnitKind.of_level(UnitLevel.DISTRICT)).order_by(
            "search_name", "valid_from"
        )
        return [(str(unit.pk), unit.name) for unit in districts]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        district = parse_id(self.value())
        if district is None:
            raise IncorrectLookupParameters(self.value())
        under = UnitAncestry.objects.filter(ancestor_id=district).values("unit_id")
        return queryset.filter(Q(unit_id=district) | Q(unit_id__in=under))


class BodyTitleFilter(admin.SimpleListFilter):
    """The titles a unit files a dossier for (households are reported in bulk)."""

    title = TITLE_LABEL
    parameter_name = "title"

    def lookups(self, request, model_admin):
        return [(title.value, title.label) for title in BODY_TITLES]

    def queryset(self, request, queryset):
        if self.value() in {title.value for title in BODY_TITLES}:
            return queryset.filter(title=self.value())
        return queryset


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class IndicatorValueInline(ReadOnlyInline):
    model = IndicatorValue
    fields = readonly_fields = [
        "indicator_code",
        "indicator_text",
        "value",
        "met",
        "note",
        "appraised_value",
        "appraised_met",
        "appraisal_note",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator__criterion")

    @admin.display(description=_("code"))
    def indicator_code(self, value):
        return value.indicator.code

    @admin.display(description=_("indicator"))
    def indicator_text(self, value):
        return value.indicator.text


class DossierFileInline(ReadOnlyInline):
    model = DossierFile
    fields = readonly_fields = ["kind", "original_name", "indicator", "file_size", "uploaded_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator__criterion")

    @admin.display(description=_("size"))
    def file_size(self, item):
        return filesizeformat(item.size)


class LateFilingForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the dossier may be filed late"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the dossier's history, for the unit and the reviewers to read."),
    )


@admin.register(Dossier)
class DossierAdmin(FoldedSearchMixin, PortalHistoryMixin, ExportMixin, admin.ModelAdmin):
    resource_classes = [DossierResource]
    formats = [TextOnlyCSV, TextOnlyXLSX]
    list_display = [
        "unit",
        "title",
        "level",
        "year",
        "state",
        "self_result",
        "appraised_result",
        "submitted_at",
    ]
    list_filter = [BodyTitleFilter, "level", "year", "state", DistrictFilter]
    # The officers' page of a dossier is learning_models_portal's, still to come.
    view_on_site = False
    list_select_related = ["unit"]
    search_fields = ["=unit__code"]
    folded_fields = ["unit__search_name"]
    search_help_text = _("Unit name, with or without diacritics (“le chan”), or exact unit code.")
    inlines = [IndicatorValueInline, DossierFileInline]
    actions = ["allow_late_filing_selected"]
    fieldsets = [
        (None, {"fields": ["unit", "title", "level", "year", "criteria_set", "state"]}),
        (_("Filing"), {"fields": ["team", "registered_on", "registered_by", "submitted_at"]}),
        (_("Late filing"), {"fields": ["late_filing_allowed_by", "late_filing_reason"]}),
        (_("Results"), {"fields": ["self_result", "appraised_result", "decision_reason"]}),
    ]
    readonly_fields = [
        "unit",
        "title",
        "level",
        "year",
        "criteria_set",
        "state",
        "team",
        "registered_on",
        "registered_by",
        "submitted_at",
        "late_filing_allowed_by",
        "late_filing_reason",
        "self_result",
        "appraised_result",
        "decision_reason",
    ]

    class Media:
        css = {"all": [ADMIN_CSS]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "criteria_set")

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("unit", "criteria_set")

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    # Filed, moved and decided only through the services.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_late_filing_permission(self, request):
        return permissions.can(request.user, MANAGE_CATALOGUE)

    @admin.action(
        description=_("Allow the selected dossiers to be filed late, with a reason"),
        permissions=["late_filing"],
    )
    def allow_late_filing_selected(self, request, queryset):
        targets = list(
            queryset.filter(state__in=EDITABLE, late_filing_allowed_by__isnull=True).select_related(
                "unit", "criteria_set"
            )
        )
        if "confirm" in request.POST:
            form = LateFilingForm(request.POST)
            if form.is_valid():
                done = 0
                for dossier in targets:
                    try:
                        services.allow_late_filing(
                            dossier, by=request.user, reason=form.cleaned_data["reason"]
                        )
                    except PermissionDenied:
                        messages.error(request, f"{dossier}: " + gettext("not allowed"))
                    except ValidationError as error:
                        messages.error(request, f"{dossier}: " + " ".join(error.messages))
                    else:
                        done += 1
                if done:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d dossier may now be filed late.",
                            "%(count)d dossiers may now be filed late.",
                            done,
                        )
                        % {"count": done},
                        messages.SUCCESS,
                    )
                return None
        else:
            form = LateFilingForm()
        return confirmation_page(
            self,
            request,
            "admin/learning_models/dossier/late_filing.html",
            {
                "title": gettext("Allow late filing"),
                "targets": targets,
                "form": form,
                "selected": queryset.values_list("pk", flat=True),
            },
        )


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("valid", _("in force")),
            ("expiring", _("in force, ending within six months")),
            ("expired", _("expired")),
            ("revoked", _("revoked")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=EXPIRING_DAYS)
        match self.value():
            case "valid":
                return queryset.in_force_on(today)
            case "expiring":
                return queryset.in_force_on(today).filter(valid_until__lte=soon)
            case "expired":
                return queryset.filter(revoked_at__isnull=True, valid_until__lt=today)
            case "revoked":
                return queryset.filter(revoked_at__isnull=False)
        return queryset


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the recognition is revoked"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the recognition's history and shown with it."),
    )


@admin.register(Recognition)
class RecognitionAdmin(FoldedSearchMixin, PortalHistoryMixin, ExportMixin, admin.ModelAdmin):
    resource_classes = [RecognitionResource]
    formats = [TextOnlyCSV, TextOnlyXLSX]
    list_display = [
        "unit",
        "title",
        "level",
        "year",
        "decision_number",
        "decision_date",
        "valid_until",
        "status",
    ]
    list_filter = [StatusFilter, BodyTitleFilter, "level", "year"]
    view_on_site = False
    list_select_related = ["unit"]
    search_fields = ["=unit__code", "decision_number", "=code"]
    folded_fields = ["unit__search_name"]
    search_help_text = _("Unit name (with or without diacritics), decision number or code.")
    actions = ["revoke_selected"]
    fields = readonly_fields = [
        "unit",
        "dossier",
        "title",
        "level",
        "year",
        "decision_number",
        "decision_date",
        "signed_by",
        "authority",
        "valid_until",
        "status",
        "code",
        "revoked_at",
        "revoked_reason",
    ]

    class Media:
        css = {"all": [ADMIN_CSS]}

    @admin.display(description=_("status"))
    def status(self, recognition):
        return RECOGNITION_STATUS[recognition.status_on(timezone.localdate())]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "dossier__unit")

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("unit")

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_revoke_permission(self, request):
        return permissions.can(request.user, MANAGE_CATALOGUE)

    @admin.action(
        description=_("Revoke the selected recognitions, with a reason"), permissions=["revoke"]
    )
    def revoke_selected(self, request, queryset):
        targets = list(queryset.filter(revoked_at__isnull=True).select_related("unit"))
        if "confirm" in request.POST:
            form = RevokeForm(request.POST)
            if form.is_valid():
                done = 0
                for recognition in targets:
                    try:
                        services.revoke(
                            recognition, by=request.user, reason=form.cleaned_data["reason"]
                        )
                    except (ValidationError, PermissionDenied) as error:
                        messages.error(
                            request,
                            f"{recognition}: "
                            + " ".join(getattr(error, "messages", [gettext("not allowed")])),
                        )
                    else:
                        done += 1
                if done:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d recognition was revoked.",
                            "%(count)d recognitions were revoked.",
                            done,
                        )
                        % {"count": done},
                        messages.SUCCESS,
                    )
                return None
        else:
            form = RevokeForm()
        return confirmation_page(
            self,
            request,
            "admin/learning_models/recognition/revoke.html",
            {
                "title": gettext("Revoke recognitions"),
                "targets": targets,
                "form": form,
                "selected": queryset.values_list("pk", flat=True),
            },
        )
