"""Activities as a spreadsheet (django-import-export), for the association's reports.

Export only: units enter activities through the officers' area and its Excel upload, which
check every row through the services. Column headers are translated (Vietnamese for the
association's staff); dates read dd/mm/yyyy in CSV and are real dates in Excel.
"""

from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field
from import_export.widgets import DateTimeWidget, DateWidget, TimeWidget

from campaigns.models import Activity

COLUMNS = (
    "id",
    "campaign_year",
    "title",
    "organizer_name",
    "organizer_code",
    "co_organizers",
    "focus_area",
    "kind",
    "starts_on",
    "start_time",
    "ends_on",
    "end_time",
    "venue",
    "address",
    "commune",
    "state",
    "participants",
    "money_raised",
    "people_supported",
    "awards_given",
    "result_notes",
    "published_at",
)

_DATE = DateWidget(format="%d/%m/%Y")
_TIME = TimeWidget(format="%H:%M")


class ActivityResource(resources.ModelResource):
    id = Field(attribute="id", column_name=_("ID"))
    campaign_year = Field(attribute="campaign__year", column_name=_("campaign year"))
    title = Field(attribute="title", column_name=_("title"))
    organizer_name = Field(attribute="organizer__name", column_name=_("organising unit"))
    organizer_code = Field(attribute="organizer__code", column_name=_("unit code"))
    co_organizers = Field(column_name=_("co-organisers"))
    focus_area = Field(column_name=_("focus area"))
    kind = Field(column_name=_("kind"))
    starts_on = Field(attribute="starts_on", column_name=_("start date"), widget=_DATE)
    start_time = Field(attribute="start_time", column_name=_("start time"), widget=_TIME)
    ends_on = Field(attribute="ends_on", column_name=_("end date"), widget=_DATE)
    end_time = Field(attribute="end_time", column_name=_("end time"), widget=_TIME)
    venue = Field(attribute="venue", column_name=_("venue"))
    address = Field(attribute="address", column_name=_("address"))
    commune = Field(column_name=_("ward or commune"))
    state = Field(column_name=_("state"))
    participants = Field(column_name=_("participants"))
    money_raised = Field(column_name=_("money raised (VND)"))
    people_supported = Field(column_name=_("people supported"))
    awards_given = Field(column_name=_("awards given"))
    result_notes = Field(column_name=_("notes on the results"))
    published_at = Field(
        attribute="published_at",
        column_name=_("published"),
        widget=DateTimeWidget(format="%d/%m/%Y %H:%M"),
    )

    class Meta:
        model = Activity
        fields = COLUMNS
        export_order = COLUMNS

    # The queryset comes with its related rows (ActivityAdmin.get_export_queryset), so
    # none of these reads the database.

    def dehydrate_co_organizers(self, activity):
        return "; ".join(unit.name for unit in activity.co_organizers.all())

    def dehydrate_focus_area(self, activity):
        return str(activity.focus_area)

    def dehydrate_kind(self, activity):
        return str(activity.get_kind_display())

    def dehydrate_commune(self, activity):
        return activity.commune.name if activity.commune_id else ""

    def dehydrate_state(self, activity):
        return str(activity.get_state_display())

    def _result(self, activity, name):
        result = getattr(activity, "result", None)
        return getattr(result, name) if result is not None else None

    def dehydrate_participants(self, activity):
        return self._result(activity, "participants")

    def dehydrate_money_raised(self, activity):
        return self._result(activity, "money_raised")

    def dehydrate_people_supported(self, activity):
        return self._result(activity, "people_supported")

    def dehydrate_awards_given(self, activity):
        return self._result(activity, "awards_given")

    def dehydrate_result_notes(self, activity):
        return self._result(activity, "notes") or ""
