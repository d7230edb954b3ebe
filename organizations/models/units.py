"""The unit tree: administrative units and the bodies that take part in the campaign.

The tree changes over time (Hải Phòng lost its district level on 1/7/2025), so a unit is a
row with a validity period, and its parent is named by code: on any day the parent is the
unit with that code valid on that day. Official codes are reused, so a unit is identified
by its code *and* its start date.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.periods import PeriodQuerySet, ValidFromUntil
from common.text import fold, refuse_control_characters


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("province level")
    DISTRICT = "district", _("district level")
    COMMUNE = "commune", _("commune level")
    BODY = "body", _("agency or organisation")


class UnitKind(models.TextChoices):
    # Administrative units; the values are those of the official data files.
    CITY = "city", _("centrally governed city")
    PROVINCE = "tinh", _("province")
    URBAN_DISTRICT = "quan", _("urban district")
    RURAL_DISTRICT = "huyen", _("rural district")
    TOWN = "thi_xa", _("town")
    CITY_UNDER_CITY = "thanh_pho_thuoc_tp", _("city under the city")
    WARD = "phuong", _("ward")
    COMMUNE = "xa", pgettext_lazy("unit kind", "commune")
    TOWNSHIP = "thi_tran", _("township")
    SPECIAL_ZONE = "dac_khu", _("special zone")
    # Bodies that are not territories.
    DEPARTMENT = "department", _("department or agency")
    UNION = "union", _("union or mass organisation")
    ARMED_FORCES = "armed_forces", _("armed forces")
    ECONOMIC_ZONE = "economic_zone", _("economic zone authority")
    ASSOCIATION = "association", _("study promotion association")

    @classmethod
    def of_level(cls, level):
        return [kind for kind, kind_level in KIND_LEVEL.items() if kind_level == level]


KIND_LEVEL = {
    UnitKind.CITY: UnitLevel.PROVINCE,
    UnitKind.PROVINCE: UnitLevel.PROVINCE,
    UnitKind.URBAN_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.RURAL_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.TOWN: UnitLevel.DISTRICT,
    UnitKind.CITY_UNDER_CITY: UnitLevel.DISTRICT,
    UnitKind.WARD: UnitLevel.COMMUNE,
    UnitKind.COMMUNE: UnitLevel.COMMUNE,
    UnitKind.TOWNSHIP: UnitLevel.COMMUNE,
    UnitKind.SPECIAL_ZONE: UnitLevel.COMMUNE,
    UnitKind.DEPARTMENT: UnitLevel.BODY,
    UnitKind.UNION: UnitLevel.BODY,
    UnitKind.ARMED_FORCES: UnitLevel.BODY,
    UnitKind.ECONOMIC_ZONE: UnitLevel.BODY,
    UnitKind.ASSOCIATION: UnitLevel.BODY,
}

# The type word an administrative unit's name starts with ("Quận Lê Chân").
_TYPE_WORDS = (
    "Thành phố",
    "Tỉnh",
    "Quận",
    "Huyện",
    "Thị xã",
    "Phường",
    "Xã",
    "Thị trấn",
    "Đặc khu",
)


class UnitQuerySet(PeriodQuerySet):
    def administrative(self):
        return self.exclude(kind__in=UnitKind.of_level(UnitLevel.BODY))

    def of_level(self, level):
        return self.filter(kind__in=UnitKind.of_level(level))


class Unit(ValidFromUntil):
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_(
            "The statistics office's code for an administrative unit; for a body without "
            "one, a portal code made of letters."
        ),
        validators=[refuse_control_characters],
    )
    name = models.CharField(_("name"), max_length=200, validators=[refuse_control_characters])
    kind = models.CharField(_("kind"), max_length=24, choices=UnitKind.choices)
    parent_code = models.CharField(
        _("parent code"),
        max_length=20,
        blank=True,
        help_text=_("The code of the unit above; on each day it means the unit valid that day."),
        validators=[refuse_control_characters],
    )
    # valid_from from ValidFromUntil
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty while the unit exists.")
    )
    predecessors = models.ManyToManyField(
        "self",
        through="UnitPredecessor",
        through_fields=("unit", "predecessor"),
        symmetrical=False,
        related_name="successors",
        verbose_name=_("formed from"),
        blank=True,
    )
    source = models.TextField(_("source"), blank=True, validators=[refuse_control_characters])
    search_name = models.CharField(_("name without diacritics"), max_length=200, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta(ValidFromUntil.Meta):
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["search_name", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                condition=Q(valid_from__isnull=False),
                name="unit_code_and_start_unique",
                violation_error_message=_("A unit with this code and start date already exists."),
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_from__isnull=True),
                name="unit_code_unique_when_start_unknown",
                violation_error_message=_(
                    "A unit with this code and no start date already exists."
                ),
            ),
            *ValidFromUntil.Meta.constraints,  # unit_period_in_order
            models.CheckConstraint(condition=~Q(name=""), name="unit_name_not_empty"),
            models.CheckConstraint(condition=~Q(code=""), name="unit_code_not_empty"),
        ]
        # A unit is looked up by its code on a day: its index leads with the code.
        indexes = [models.Index(fields=["code", "valid_from"]), models.Index(fields=["kind"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations_portal:unit-detail", args=[self.pk])

    @property
    def level(self):
        return KIND_LEVEL.get(self.kind)

    @property
    def is_administrative(self):
        return self.level != UnitLevel.BODY

    @property
    def short_name(self):
        """The name without its type word: "Quận Lê Chân" -> "Lê Chân"."""
        for word in _TYPE_WORDS:
            if self.name.startswith(word + " "):
                return self.name[len(word) + 1 :]
        return self.name


class UnitShare(models.TextChoices):
    WHOLE = "whole", _("whole unit")
    PART = "part", _("part of the unit")
    REMAINDER = "remainder", _("the rest of the unit")


class UnitPredecessor(models.Model):
    """`unit` was formed (wholly or in part) from `predecessor`."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="predecessor_links", verbose_name=_("unit")
    )
    predecessor = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="successor_links",
        verbose_name=_("predecessor"),
    )
    share = models.CharField(
        _("share taken"), max_length=12, choices=UnitShare.choices, default=UnitShare.WHOLE
    )

    class Meta:
        verbose_name = _("predecessor")
        verbose_name_plural = _("predecessors")
        constraints = [
            models.UniqueConstraint(fields=["unit", "predecessor"], name="predecessor_once"),
        ]

    def __str__(self):
        return f"{self.unit} ← {self.predecessor}"


class UnitAncestry(models.Model):
    """Who is above whom, and when: a closure table rebuilt from the units.

    One row says `ancestor` is `depth` levels above `unit` from `valid_from` to
    `valid_until` (empty ends are open); every unit is its own ancestor at depth 0. It turns
    "everything in this district, as the tree stood on that day" into one indexed query.
    Never edited by hand: `organizations.services.rebuild_ancestry` writes it.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ancestry")
    ancestor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="descendancy")
    depth = models.PositiveSmallIntegerField()
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("ancestry")
        verbose_name_plural = _("ancestry")
        indexes = [
            models.Index(fields=["ancestor", "unit"]),
            models.Index(fields=["unit", "depth"]),
        ]

    def __str__(self):
        return f"{self.ancestor} ⊇ {self.unit} ({self.depth})"
