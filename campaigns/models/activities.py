"""Activities units organise for the campaign, their results and evidence."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.states import ACTIVITY_PUBLIC, TONES, ActivityState
from common.attachments import extension as evidence_extension
from common.periods import HasPeriod, PeriodQuerySet, in_order_q
from common.phones import PhoneNumberField
from common.text import fold, refuse_control_characters
from organizations.models import Unit

from .campaigns import DAYS, Campaign, FocusArea
from .uploads import ActivityUpload


class ActivityKind(models.TextChoices):
    CEREMONY = "ceremony", _("ceremony")
    CONFERENCE = "conference", _("conference or meeting")
    TRAINING = "training", _("training")
    COMMUNICATION = "communication", _("communication")
    AWARD_CEREMONY = "award_ceremony", _("award ceremony")
    FUNDRAISING = "fundraising", _("fundraising")
    READING = "reading", _("reading or library event")
    COMPETITION = "competition", _("competition")
    VISIT = "visit", _("visit to students")
    OTHER = "other", _("other")


class ActivityQuerySet(PeriodQuerySet):
    period_fields = DAYS

    def public(self):
        """What citizens see: public activities that were published (cancelled ones too)."""
        return self.filter(is_public=True, state__in=ACTIVITY_PUBLIC)


def new_calendar_uid() -> str:
    """A new activity's event UID: a random UUID, as RFC 7986 (§5.3) recommends, naming no
    host, so that no address the portal is later served at can change it."""
    return str(uuid.uuid4())


class Activity(HasPeriod, models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="activities", verbose_name=_("campaign")
    )
    organizer = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="organized_activities",
        verbose_name=_("organising unit"),
    )
    co_organizers = models.ManyToManyField(
        Unit, blank=True, related_name="co_organized_activities", verbose_name=_("co-organisers")
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("focus area"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=250, validators=[refuse_control_characters])
    description = models.TextField(
        _("description"), blank=True, validators=[refuse_control_characters]
    )

    # Local (Hải Phòng) dates and times. No start time means an all-day activity.
    starts_on = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    ends_on = models.DateField(_("end date"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)

    venue = models.CharField(
        _("venue"), max_length=250, blank=True, validators=[refuse_control_characters]
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, validators=[refuse_control_characters]
    )
    commune = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_activities",
        verbose_name=_("ward or commune of the venue"),
    )
    audience = models.CharField(
        _("audience"), max_length=250, blank=True, validators=[refuse_control_characters]
    )
    expected_participants = models.PositiveIntegerField(
        _("expected participants"), null=True, blank=True
    )
    contact_name = models.CharField(
        _("contact person"), max_length=150, blank=True, validators=[refuse_control_characters]
    )
    contact_phone = PhoneNumberField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, validators=[refuse_control_characters]
    )
    is_public = models.BooleanField(
        _("show on the public calendar"),
        default=True,
        help_text=_("Internal meetings can be kept off the public calendar."),
    )

    state = models.CharField(
        _("state"), max_length=16, choices=ActivityState.choices, default=ActivityState.DRAFT
    )
    return_reason = models.TextField(
        _("reason for return"), blank=True, validators=[refuse_control_characters]
    )
    cancel_reason = models.TextField(
        _("reason for cancellation"), blank=True, validators=[refuse_control_characters]
    )
    # Raised at each change subscribers should see (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    # The event's UID in calendar apps, fixed for the life of the activity. Activities made
    # before it was stored keep the UID the feed gave them (migration 0003).
    calendar_uid = models.CharField(
        _("calendar event UID"),
        max_length=255,
        unique=True,
        editable=False,
        default=new_calendar_uid,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    upload = models.ForeignKey(
        ActivityUpload,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("imported from"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = ActivityQuerySet.as_manager()
    period_fields = DAYS

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_on", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=in_order_q(fields=DAYS, nullable=(False, False)),
                name="activity_ends_after_start",
                violation_error_message=_("The activity cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on"))
                | Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gte=models.F("start_time")),
                name="activity_same_day_ends_after_start",
                violation_error_message=_("The activity cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=False) | Q(end_time__isnull=True),
                name="activity_end_time_needs_start_time",
                violation_error_message=_("An end time needs a start time."),
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "state", "starts_on"]),
            models.Index(fields=["organizer", "state"]),
            models.Index(fields=["starts_on", "ends_on"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = self.compute_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campaigns:activity-detail", args=[self.pk])

    def compute_search_text(self):
        parts = [self.title, self.description, self.venue, self.address, self.audience]
        if self.organizer_id:
            parts.append(self.organizer.name)
        return fold(" ".join(part for part in parts if part))

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def starts_at(self):
        """The start as an aware datetime in Hải Phòng time (midnight when all-day)."""
        return _local(self.starts_on, self.start_time or datetime.time.min)

    @property
    def ends_at(self):
        """The end as an aware datetime (the end of the last day when all-day or untimed)."""
        if self.end_time is not None:
            return _local(self.ends_on, self.end_time)
        if self.start_time is not None and self.ends_on == self.starts_on:
            return self.starts_at
        return _local(self.ends_on + datetime.timedelta(days=1), datetime.time.min)

    @property
    def state_tone(self):
        return TONES.get(self.state, "")

    @property
    def is_public_now(self):
        return self.is_public and self.state in ACTIVITY_PUBLIC

    @property
    def is_cancelled(self):
        return self.state == ActivityState.CANCELLED

    def has_started(self, today=None):
        return self.starts_on <= (today or timezone.localdate())


def _local(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


class ActivityResult(models.Model):
    """What came of an activity, entered by its unit after it took place."""

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="result", verbose_name=_("activity")
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    money_raised = models.PositiveBigIntegerField(
        _("money raised (VND)"), null=True, blank=True, help_text=_("Whole đồng.")
    )
    people_supported = models.PositiveIntegerField(_("people supported"), null=True, blank=True)
    awards_given = models.PositiveIntegerField(_("awards given"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, validators=[refuse_control_characters])
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered"), default=timezone.now)

    class Meta:
        verbose_name = _("activity results")
        verbose_name_plural = _("activity results")

    def __str__(self):
        return str(self.activity)


def evidence_path(instance, filename):
    # The stored name is chosen by the portal, never by the uploader: its extension is that
    # of the type read from the file's content (common.attachments), whatever it was called.
    suffix = evidence_extension(instance.content_type)
    stamp = timezone.now()
    return f"evidence/{stamp:%Y/%m}/{instance.activity_id}-{stamp:%H%M%S%f}.{suffix}"


class Evidence(models.Model):
    """A photo or PDF showing what happened. Seen only by the unit and the association."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("activity")
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(
        _("file name"), max_length=255, validators=[refuse_control_characters]
    )
    content_type = models.CharField(
        _("file type"), max_length=100, validators=[refuse_control_characters]
    )
    size = models.PositiveIntegerField(_("size (bytes)"))
    caption = models.CharField(
        _("caption"), max_length=250, blank=True, validators=[refuse_control_characters]
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self):
        return self.content_type.startswith("image/")
