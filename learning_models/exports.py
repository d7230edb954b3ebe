"""Dossiers and recognitions as django-import-export exports them, for the admin: they
are filed and decided through the services, never imported. Every cell is written as text
(common.spreadsheets.writing, the admin's formats)."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field
from import_export.widgets import DateTimeWidget, DateWidget

from learning_models.models import Dossier, Recognition
from learning_models.states import LEVEL_LABEL, TITLE_LABEL

_DATE = DateWidget(format="%d/%m/%Y")
_MOMENT = DateTimeWidget(format="%d/%m/%Y %H:%M")


def _yes_no(value):
    if value is None:
        return ""
    return gettext("met") if value else gettext("not met")


class DossierResource(resources.ModelResource):
    """Dossiers for the association's reports (export only)."""

    id = Field(attribute="id", column_name=_("ID"))
    unit_code = Field(attribute="unit__code", column_name=_("unit code"))
    unit_name = Field(attribute="unit__name", column_name=_("unit"))
    title = Field(column_name=TITLE_LABEL)
    level = Field(column_name=LEVEL_LABEL)
    year = Field(attribute="year", column_name=_("assessment year"))
    criteria_set = Field(column_name=_("criteria set"))
    state = Field(column_name=_("state"))
    registered_on = Field(attribute="registered_on", column_name=_("registered on"), widget=_DATE)
    submitted_at = Field(attribute="submitted_at", column_name=_("submitted"), widget=_MOMENT)
    self_result = Field(column_name=_("self-assessment result"))
    appraised_result = Field(column_name=_("appraisal result"))
    decision_reason = Field(attribute="decision_reason", column_name=_("reasons of the decision"))

    class Meta:
        model = Dossier
        fields = (
            "id",
            "unit_code",
            "unit_name",
            "title",
            "level",
            "year",
            "criteria_set",
            "state",
            "registered_on",
            "submitted_at",
            "self_result",
            "appraised_result",
            "decision_reason",
        )
        export_order = fields

    def dehydrate_title(self, dossier):
        return str(dossier.get_title_display())

    def dehydrate_level(self, dossier):
        return str(dossier.get_level_display())

    def dehydrate_criteria_set(self, dossier):
        return str(dossier.criteria_set)

    def dehydrate_state(self, dossier):
        return str(dossier.get_state_display())

    def dehydrate_self_result(self, dossier):
        return _yes_no(dossier.self_result)

    def dehydrate_appraised_result(self, dossier):
        return _yes_no(dossier.appraised_result)


RECOGNITION_STATUS = {
    "revoked": _("revoked"),
    "expired": _("expired"),
    "not_yet": _("not yet in force"),
    "valid": _("in force"),
}


class RecognitionResource(resources.ModelResource):
    """Recognition decisions for the association's reports (export only)."""

    code = Field(attribute="code", column_name=_("verification code"))
    unit_code = Field(attribute="unit__code", column_name=_("unit code"))
    unit_name = Field(attribute="unit__name", column_name=_("unit"))
    title = Field(column_name=TITLE_LABEL)
    level = Field(column_name=LEVEL_LABEL)
    year = Field(attribute="year", column_name=_("assessment year"))
    decision_number = Field(attribute="decision_number", column_name=_("decision number"))
    decision_date = Field(attribute="decision_date", column_name=_("decision date"), widget=_DATE)
    signed_by = Field(attribute="signed_by", column_name=_("signed by"))
    authority = Field(attribute="authority", column_name=_("deciding authority"))
    valid_until = Field(attribute="valid_until", column_name=_("valid until"), widget=_DATE)
    status = Field(column_name=_("status"))
    revoked_at = Field(attribute="revoked_at", column_name=_("revoked"), widget=_MOMENT)
    revoked_reason = Field(attribute="revoked_reason", column_name=_("why revoked"))

    class Meta:
        model = Recognition
        fields = (
            "code",
            "unit_code",
            "unit_name",
            "title",
            "level",
            "year",
            "decision_number",
            "decision_date",
            "signed_by",
            "authority",
            "valid_until",
            "status",
            "revoked_at",
            "revoked_reason",
        )
        export_order = fields

    def dehydrate_title(self, recognition):
        return str(recognition.get_title_display())

    def dehydrate_level(self, recognition):
        return str(recognition.get_level_display())

    def dehydrate_status(self, recognition):
        return str(RECOGNITION_STATUS[recognition.status_on(timezone.localdate())])
