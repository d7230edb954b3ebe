"""The admin for the pauses on signing in (django-axes' recent failed sign-ins).

Staff see each recent failure (user name, address, count), whether that user name or that
address is paused and until when, and lift a pause: for a user name from every address, or
for an address for every user name. Lifting goes through services.lift_lockout, which writes
it in each account's history; the failures are never edited or deleted by hand.
"""

from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from organizations import services, sign_in_limits
from organizations.forms import VisibleTextField


class LiftLockoutsForm(forms.Form):
    reason = VisibleTextField(
        label=_("Reason for lifting the lockout"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept in the history of each account concerned, for example “Officer confirmed "
            "by telephone”."
        ),
    )


# What each way of lifting says, by the field it lifts for.
_LIFTS = {
    "username": {
        "action": "lift_account_lockouts",
        "title": _("Lift the lockout of user names"),
        "explanation": _(
            "Signing in with these user names works again at once, from every address:"
        ),
        "done": lambda count: ngettext(
            "The lockout of %(count)d user name was lifted.",
            "The lockouts of %(count)d user names were lifted.",
            count,
        ),
    },
    "ip_address": {
        "action": "lift_address_lockouts",
        "title": _("Lift the lockout of addresses"),
        "explanation": _(
            "Signing in from these addresses works again at once, with every user name:"
        ),
        "done": lambda count: ngettext(
            "The lockout of %(count)d address was lifted.",
            "The lockouts of %(count)d addresses were lifted.",
            count,
        ),
    },
}


def _attach_lockouts(attempts):
    """Give each attempt `.lockout`: (its user name paused until, its address paused until)."""
    attempts = list(attempts)
    found = sign_in_limits.lockouts_in(
        usernames={attempt.username for attempt in attempts},
        addresses={attempt.ip_address for attempt in attempts},
    )
    for attempt in attempts:
        attempt.lockout = found.of(attempt)


def attempt_title(attempt) -> str:
    return gettext("Failed sign-ins of %(account)s from %(address)s, last at %(moment)s") % {
        "account": attempt.username or "—",
        "address": attempt.ip_address or "—",
        "moment": timezone.localtime(attempt.attempt_time).strftime("%d/%m/%Y %H:%M"),
    }


def _hour(value):
    return timezone.localtime(value).strftime("%H:%M")


@admin.register(AccessAttempt)
class FailedSignInAdmin(admin.ModelAdmin):
    list_display = ["account", "address", "failures", "last_failure", "state"]
    list_display_links = ["account"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    fields = readonly_fields = [
        "account",
        "address",
        "failures",
        "last_failure",
        "state",
        "browser",
        "page",
    ]
    actions = ["lift_account_lockouts", "lift_address_lockouts"]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        _attach_lockouts(changelist.result_list)
        return changelist

    def get_object(self, request, object_id, from_field=None):
        attempt = super().get_object(request, object_id, from_field)
        if attempt is not None:
            _attach_lockouts([attempt])
        return attempt

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # django-axes names a record "Attempted Access: <UTC time>"; the page and its
        # breadcrumbs name the account and the address, at Hải Phòng's time.
        attempt = self.get_object(request, object_id)
        if attempt is not None:
            extra_context = {**(extra_context or {}), "subtitle": attempt_title(attempt)}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("user name"), ordering="username")
    def account(self, obj):
        return obj.username or "—"

    @admin.display(description=_("IP address"), ordering="ip_address")
    def address(self, obj):
        return obj.ip_address or "—"

    @admin.display(description=_("failed sign-ins"), ordering="failures_since_start")
    def failures(self, obj):
        return obj.failures_since_start

    @admin.display(description=_("last failure"), ordering="attempt_time")
    def last_failure(self, obj):
        return timezone.localtime(obj.attempt_time).strftime("%d/%m/%Y %H:%M")

    @admin.display(description=_("lockout"))
    def state(self, obj):
        account_until, address_until = getattr(obj, "lockout", (None, None))
        parts = []
        if account_until:
            parts.append(
                gettext("user name locked until %(time)s") % {"time": _hour(account_until)}
            )
        if address_until:
            parts.append(gettext("address locked until %(time)s") % {"time": _hour(address_until)})
        return "; ".join(parts) or gettext("not locked")

    @admin.display(description=_("browser"))
    def browser(self, obj):
        return obj.user_agent

    @admin.display(description=_("page"))
    def page(self, obj):
        return obj.path_info

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Failures are forgotten by lifting a lockout (the actions), which keeps history.
        return False

    def has_lift_permission(self, request):
        return request.user.has_perm("axes.delete_accessattempt")

    @admin.action(
        description=_("Lift the lockout of the selected user names (from every address)"),
        permissions=["lift"],
    )
    def lift_account_lockouts(self, request, queryset):
        return self._lift(request, queryset, "username")

    @admin.action(
        description=_("Lift the lockout of the selected addresses (for every user name)"),
        permissions=["lift"],
    )
    def lift_address_lockouts(self, request, queryset):
        return self._lift(request, queryset, "ip_address")

    def _lift(self, request, queryset, field):
        lift = _LIFTS[field]
        targets = sorted({getattr(attempt, field) for attempt in queryset} - {None, ""})
        if "confirm" in request.POST:
            form = LiftLockoutsForm(request.POST)
            if form.is_valid():
                for target in targets:
                    services.lift_lockout(
                        **{field: target}, by=request.user, reason=form.cleaned_data["reason"]
                    )
                self.message_user(
                    request,
                    lift["done"](len(targets)) % {"count": len(targets)},
                    messages.SUCCESS,
                )
                return None
        else:
            form = LiftLockoutsForm()
        return TemplateResponse(
            request,
            "organizations/admin/lift_lockouts.html",
            {
                **self.admin_site.each_context(request),
                "title": lift["title"],
                "explanation": lift["explanation"],
                "action": lift["action"],
                "opts": self.model._meta,
                "form": form,
                "targets": targets,
                "selected": queryset.values_list("pk", flat=True),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
