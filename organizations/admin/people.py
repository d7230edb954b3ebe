"""The admin for people and their roles in units.

Roles are granted and ended only through organizations.services (so every change is in the
person's history, with who did it and why) and are never deleted. Nobody hands out more
power than they hold (organizations.permissions.may_grant, may_manage_account): staff cannot
make a superuser, name a treasurer or set the password of someone who can do more than they.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from common.formatting import format_moment
from common.history.display import history_rows
from common.history.types import ADMIN
from organizations import permissions, selectors, services
from organizations.forms import VisibleTextField
from organizations.models import Membership, Role, UnitKind, User


def _role_refusal(request, role, user):
    """Why `request.user` may not give or end `role` for `user`, or None when they may."""
    if permissions.may_grant(request.user, role, to=user):
        return None
    if user is not None and user.pk == request.user.pk:
        return gettext("You cannot give or take away your own roles: ask another member of staff.")
    return gettext(
        "You cannot give or take away the role “%(role)s”: it allows more than your own roles "
        "do. Ask an administrator."
    ) % {"role": Role(role).label}


class MembershipGrantForm(forms.ModelForm):
    """Giving someone a role (the admin's add page)."""

    request = None  # set by MembershipAdmin.get_form

    class Meta:
        model = Membership
        fields = ["user", "unit", "role", "starts_on", "note"]
        help_texts = {
            "starts_on": _("The role takes effect on this day."),
            "note": _("For example the decision that appointed the person."),
        }

    def clean(self):
        data = super().clean()
        user, unit, role = data.get("user"), data.get("unit"), data.get("role")
        if role and self.request is not None:
            refusal = _role_refusal(self.request, role, user)
            if refusal:
                raise ValidationError(refusal)
        if (
            user
            and unit
            and role
            and Membership.objects.filter(
                user=user, unit=unit, role=role, ends_on__isnull=True
            ).exists()
        ):
            raise ValidationError(
                _("This person already holds this role in this unit."), code="duplicate"
            )
        if (
            role in permissions.CITYWIDE_ROLES - permissions.UNIT_HELD_ROLES
            and unit
            and unit.kind != UnitKind.ASSOCIATION
        ):
            self.add_error(
                "unit",
                _(
                    "The role “%(role)s” acts for the whole city and is held in the study "
                    "promotion association, not in “%(unit)s”."
                )
                % {"role": Role(role).label, "unit": unit},
            )
        return data


class MembershipEndForm(forms.ModelForm):
    """Ending a role (the admin's change page). The role itself is not edited."""

    request = None
    reason = VisibleTextField(
        label=_("Reason for ending the role"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the person's history, for example “moved to another post”."),
    )

    class Meta:
        model = Membership
        fields = ["ends_on", "note"]
        labels = {"ends_on": _("Last day in the role")}
        help_texts = {
            "ends_on": _(
                "The person keeps the role until the end of this day. To take it away at "
                "once, enter yesterday's date. Leave empty while the role goes on."
            )
        }

    def clean(self):
        data = super().clean()
        ends_on = data.get("ends_on")
        if ends_on is not None and ends_on < self.instance.starts_on:
            self.add_error("ends_on", _("The role cannot end before it starts."))
            return data
        if (ends_on is not None or "note" in self.changed_data) and self.request is not None:
            refusal = _role_refusal(self.request, self.instance.role, self.instance.user)
            if refusal:
                raise ValidationError(refusal)
        if ends_on is not None and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the role ends: it is kept in the history."))
        return data


class EndRolesForm(forms.Form):
    reason = VisibleTextField(
        label=_("Reason for ending the roles"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in each person's history."),
    )


class InForceFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("In force")),
            (
                "ending",
                gettext("In force, ending within %(days)s days")
                % {"days": selectors.ROLES_ENDING_WITHIN.days},
            ),
            ("no", _("Not in force")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.active(today)
        if self.value() == "ending":
            return queryset.filter(pk__in=selectors.roles_ending(today).values("pk"))
        if self.value() == "no":
            return queryset.exclude(pk__in=Membership.objects.active(today).values("pk"))
        return queryset


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "starts_on", "ends_on", "in_force"]
    list_filter = [InForceFilter, "role", "unit__kind"]
    list_select_related = ["user", "unit"]
    search_fields = [
        "user__username",
        "user__full_name",
        "unit__name",
        "unit__search_name",
        "unit__code",
    ]
    autocomplete_fields = ["user", "unit"]
    actions = ["end_roles"]
    readonly_fields = ["user", "unit", "role", "starts_on", "granted_by", "created_at"]

    @admin.display(boolean=True, description=_("in force"))
    def in_force(self, obj):
        return obj.is_valid_on(timezone.localdate())

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = MembershipEndForm if obj is not None else MembershipGrantForm
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        return form

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "unit", "role", "starts_on", "note"]
        if getattr(obj, "ended_before", False):
            # Why it ended is in the person's history, shown on their account.
            return [*self.readonly_fields, "ends_on", "note"]
        return [*self.readonly_fields, "ends_on", "reason", "note"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # The form writes the new end date onto the object before the page is drawn
            # again (with errors): remember whether the role had ended before this request.
            obj.ended_before = obj.ends_on is not None
        return obj

    def has_change_permission(self, request, obj=None):
        # An ended role is history: it can be read, not changed.
        if obj is not None and getattr(obj, "ended_before", obj.ends_on is not None):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # roles are ended, never deleted

    def save_model(self, request, obj, form, change):
        if not change:
            granted = services.grant_role(
                user=obj.user,
                unit=obj.unit,
                role=obj.role,
                by=request.user,
                starts_on=obj.starts_on,
                note=obj.note,
            )
            obj.pk = granted.pk
            obj.granted_by = granted.granted_by
            obj.created_at = granted.created_at
            return
        stored = Membership.objects.select_related("user", "unit").get(pk=obj.pk)
        if "note" in form.changed_data:
            services.change_role_note(stored, note=obj.note, by=request.user)
        if obj.ends_on is not None and stored.ends_on is None:
            services.end_role(
                stored, by=request.user, ends_on=obj.ends_on, reason=form.cleaned_data["reason"]
            )

    @admin.action(description=_("End the selected roles"), permissions=["change"])
    def end_roles(self, request, queryset):
        open_roles = list(queryset.filter(ends_on__isnull=True).select_related("user", "unit"))
        allowed = [m for m in open_roles if _role_refusal(request, m.role, m.user) is None]
        refused = [m for m in open_roles if m not in allowed]
        if "confirm" in request.POST:
            form = EndRolesForm(request.POST)
            if form.is_valid():
                for membership in allowed:
                    services.end_role(
                        membership, by=request.user, reason=form.cleaned_data["reason"]
                    )
                self.message_user(
                    request,
                    ngettext("%(count)d role ended.", "%(count)d roles ended.", len(allowed))
                    % {"count": len(allowed)},
                    messages.SUCCESS,
                )
                return None
        else:
            form = EndRolesForm()
        return TemplateResponse(
            request,
            "organizations/admin/end_roles.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("End roles"),
                "opts": self.model._meta,
                "form": form,
                "allowed": allowed,
                "refused": refused,
                "already_ended": len(queryset) - len(open_roles),
                "selected": queryset.values_list("pk", flat=True),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class MembershipInline(admin.TabularInline):
    """A person's roles, shown on their account; given and ended on the roles' own pages."""

    model = Membership
    fk_name = "user"
    fields = ["unit", "role", "starts_on", "ends_on", "granted_by"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("roles in units (give or end them under “Roles in units”)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "granted_by")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "position", "email", "roles_in_force", "is_active"]
    list_filter = ["is_active", "memberships__role", "is_superuser"]
    search_fields = ["username", "full_name", "email", "position"]
    filter_horizontal = []
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "position", "email", "phone")}),
        (_("Access"), {"fields": ("is_active", "is_superuser", "last_login", "date_joined")}),
        (_("History"), {"fields": ("history",)}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "full_name",
                    "position",
                    "email",
                    "phone",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined", "history"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships")

    def get_inline_instances(self, request, obj=None):
        # A new account has no roles yet: they are given afterwards, under "Roles in units".
        return super().get_inline_instances(request, obj) if obj is not None else []

    @admin.display(description=_("roles in force"))
    def roles_in_force(self, obj):
        today = timezone.localdate()
        return ", ".join(
            sorted({m.get_role_display() for m in obj.memberships.all() if m.is_valid_on(today)})
        )

    @admin.display(description=_("history"))
    def history(self, obj):
        rows = history_rows(obj, audience=ADMIN, limit=50) if obj and obj.pk else []
        if not rows:
            return gettext("Nothing recorded yet.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    format_moment(row["at"]),
                    row["action"],
                    "; ".join(
                        f"{change['field']}: {change['old']} → {change['new']}"
                        for change in row["changes"]
                    ),
                    row["reason"],
                    row["actor"],
                )
                for row in rows
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            gettext("When"),
            gettext("What"),
            gettext("Details"),
            gettext("Why"),
            gettext("By"),
            rows,
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")  # only a superuser makes another
        return fields

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or permissions.may_manage_account(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, not deleted: the history says who did what.
        return False
