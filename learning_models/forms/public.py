"""The public register's query string, read by one strict form.

Anybody can type the address or follow a link shared years ago, so no value may break the
page: a bad value is reported on the page in words and left out, and the rest of the query
still applies (as the public calendar does, campaigns/forms/public.py).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.strict import bound_search, parse_id, parse_int
from learning_models.selectors import RegisterFilters, area_groups
from learning_models.states import BODY_TITLES, Level

FIRST_YEAR, LAST_YEAR = 2000, 2100

STATUS_IN_REGISTER = ""  # valid and expired, not the revoked ones
STATUS_VALID = "valid"
STATUS_EXPIRED = "expired"
STATUS_REVOKED = "revoked"
STATUS_CHOICES = [
    (STATUS_IN_REGISTER, _("All but the revoked")),
    (STATUS_VALID, pgettext_lazy("recognition status", "Valid only")),
    (STATUS_EXPIRED, pgettext_lazy("recognition status", "Expired only")),
    (STATUS_REVOKED, pgettext_lazy("recognition status", "Revoked")),
]


@dataclass
class RegisterQuery:
    """What the visitor asked for, once checked (bad parts dropped)."""

    filters: RegisterFilters
    page: int
    params: dict = field(default_factory=dict)

    def query_string(self, **extra) -> str:
        values = {**self.params, **extra}
        return urlencode({key: value for key, value in values.items() if value not in (None, "")})


class RegisterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Words from the name of the unit; accents optional."),
    )
    title = forms.ChoiceField(
        label=_("Title"),
        required=False,
        choices=[("", _("All titles")), *((t.value, t.label) for t in BODY_TITLES)],
        error_messages={"invalid_choice": _("There is no title called “%(value)s”.")},
    )
    level = forms.CharField(label=_("Level"), required=False)
    year = forms.CharField(label=_("Assessment year"), required=False)
    area = forms.CharField(
        label=_("Area"),
        required=False,
        help_text=_(
            "The city, a district (before 1/7/2025) or a ward or commune: the units that "
            "were in it on the day of their decision."
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=STATUS_CHOICES,
        error_messages={"invalid_choice": _("There is no status called “%(value)s”.")},
    )
    page = forms.CharField(label=_("Page"), required=False)

    LEVEL_CHOICES = [("", _("All levels")), *((str(v), label) for v, label in Level.choices)]

    def __init__(self, data, *, years):
        super().__init__(data)
        self.years = list(years)
        self._area_groups = None

    @property
    def area_groups(self):
        if self._area_groups is None:
            self._area_groups = area_groups()
        return self._area_groups

    def _area_by_id(self):
        return {unit.pk: unit for group in self.area_groups for unit in group.units}

    def clean_q(self):
        return bound_search(self.cleaned_data["q"])[0]

    def clean_level(self):
        value = self.cleaned_data["level"].strip()
        if not value:
            return None
        number = parse_int(value, minimum=1, maximum=2)
        if number is None:
            raise ValidationError(_("The level is 1 or 2."))
        return number

    def clean_year(self):
        value = self.cleaned_data["year"].strip()
        if not value:
            return None
        year = parse_int(value, minimum=FIRST_YEAR, maximum=LAST_YEAR)
        if year is None:
            raise ValidationError(
                _("Write the year with four digits, from %(first)s to %(last)s."),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return year

    def clean_area(self):
        value = self.cleaned_data["area"].strip()
        if not value:
            return None
        unit_id = parse_id(value)
        unit = self._area_by_id().get(unit_id) if unit_id is not None else None
        if unit is None:
            raise ValidationError(_("Choose the city, a district or a commune from the list."))
        return unit

    def clean_page(self):
        value = self.cleaned_data["page"].strip()
        if not value:
            return 1
        number = parse_int(value, minimum=1)
        if number is None:
            raise ValidationError(_("The page number must be a whole number from 1."))
        return number

    def problems(self):
        """Every problem found, as sentences naming the field."""
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else None
            for error in errors:
                messages.append(f"{label}: {error}" if label else str(error))
        return messages

    def query(self) -> RegisterQuery:
        """The checked query; call after is_valid() (whatever it returned)."""
        data = getattr(self, "cleaned_data", {})
        filters = RegisterFilters(
            query=data.get("q") or "",
            title=data.get("title") or "",
            level=data.get("level"),
            year=data.get("year"),
            area=data.get("area"),
            status=data.get("status") or STATUS_IN_REGISTER,
        )
        params = {
            "q": filters.query,
            "title": filters.title,
            "level": filters.level or "",
            "year": filters.year or "",
            "area": filters.area.pk if filters.area else "",
            "status": filters.status,
        }
        return RegisterQuery(filters=filters, page=data.get("page") or 1, params=params)
