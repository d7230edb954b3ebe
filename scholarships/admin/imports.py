"""The admin's import of a donation list, on django-import-export's own flow (upload, dry
run and preview, confirmation), held to read_table's limits by GuardedImportMixin.

Mixed into the Donation admin ahead of the library's ImportMixin:

    class DonationAdmin(DonationImportMixin, ImportMixin, admin.ModelAdmin): ...

The upload form asks for the fund the list goes to (one whose money the person handles)
beside the file; the preview lists every problem by line and column, or says how many
donations the confirmation would record; the confirmation checks the whole file again and
records it through services.donate_many, all rows or none. The fund chosen at the upload is
carried to the confirmation signed for the uploader. The template of a list is offered on
the page (`admin:scholarships_donation_import_template`)."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.money import format_vnd
from common.spreadsheets.admin_import import (
    EXPIRED,
    KEEP_SECONDS,
    GuardedImportForm,
    GuardedImportMixin,
    SignedConfirmImportForm,
)
from common.strict import StrictModelChoiceField
from organizations import permissions
from scholarships import access, exports
from scholarships.donation_rows import (
    COLUMNS,
    DISPLAY_WORDS,
    KIND_WORDS,
    MAX_ROWS,
    METHOD_WORDS,
    REQUIRED,
)
from scholarships.permissions import HANDLE_MONEY
from scholarships.resources import IMPORT_FORMATS, DonationImportResource


def _fund_salt(user):
    return f"{__name__}.fund:{user.pk}"


class DonationImportForm(GuardedImportForm):
    """The library's upload form (the file's name tells its format), with the fund."""

    def __init__(self, formats, resources, *, user, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["fund"] = StrictModelChoiceField(
            label=_("Fund"),
            queryset=access.money_funds(user).order_by("name"),
            help_text=_("The fund the donations of the list go to."),
        )
        self.order_fields(["fund", "import_file"])


class DonationConfirmImportForm(SignedConfirmImportForm):
    """The library's confirm form, carrying the fund signed for the uploader."""

    fund = forms.CharField(widget=forms.HiddenInput())

    def clean_fund(self):
        try:
            pk = signing.loads(
                self.cleaned_data["fund"], salt=_fund_salt(self.user), max_age=KEEP_SECONDS
            )
        except signing.BadSignature as error:
            raise ValidationError(EXPIRED, code="expired") from error
        fund = access.money_funds(self.user).filter(pk=pk).first()
        if fund is None:
            raise ValidationError(EXPIRED, code="expired")
        return fund


class DonationImportMixin(GuardedImportMixin):
    """The import pages of the fund's donations (see the module's docstring)."""

    import_form_class = DonationImportForm
    confirm_form_class = DonationConfirmImportForm
    import_template_name = "admin/scholarships/donation_import.html"
    resource_classes = [DonationImportResource]
    import_formats = IMPORT_FORMATS
    # The history entry on the fund says who imported which list; the admin log would add
    # one entry a row.
    skip_admin_log = True

    def has_import_permission(self, request):
        return permissions.can(request.user, HANDLE_MONEY) and permissions.may_use_admin(
            request.user
        )

    def get_import_resource_classes(self, request):
        return [DonationImportResource]

    def get_import_formats(self):
        return IMPORT_FORMATS

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "import/template/",
                self.admin_site.admin_view(self.template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def template_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        return exports.template_response()

    def get_import_form_kwargs(self, request):
        kwargs = super().get_import_form_kwargs(request)
        kwargs["user"] = request.user
        return kwargs

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        fund = None
        if form is not None and form.is_bound and form.is_valid():
            fund = form.cleaned_data.get("fund")
        return {"fund": fund}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["fund"] = signing.dumps(
                import_form.cleaned_data["fund"].pk, salt=_fund_salt(request.user)
            )
        return initial

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        info = self.opts.app_label, self.opts.model_name
        context.update(
            {
                "title": gettext("Import a donation list"),
                "columns": COLUMNS,
                "required_columns": REQUIRED,
                "kind_words": KIND_WORDS,
                "method_words": METHOD_WORDS,
                "display_words": DISPLAY_WORDS,
                "max_rows": MAX_ROWS,
                "template_url": reverse(
                    "admin:{}_{}_import_template".format(*info), current_app=self.admin_site.name
                ),
            }
        )
        return context

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is not None:
            result = context.get("result")
            context["report"] = getattr(result, "report", None)
            context["title"] = gettext("Import a donation list")
        return response

    def process_result(self, result, request):
        if not result.has_errors() and not result.has_validation_errors() and result.recorded:
            return super().process_result(result, request)
        # The fund's books changed between the preview and the confirmation (a pledge was
        # cancelled): nothing was written.
        form = self.get_import_form_class(request)(
            self.get_import_formats(),
            self.get_import_resource_classes(request),
            user=request.user,
        )
        context = self.get_import_context_data()
        context.update(self.admin_site.each_context(request))
        context.update(
            {
                "form": form,
                "opts": self.model._meta,
                "media": self.media,
                "result": result,
                "report": getattr(result, "report", None),
            }
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def add_success_message(self, result, request):
        recorded = result.recorded
        receipts = ", ".join(
            gettext("%(first)s to %(last)s") % {"first": first, "last": last}
            for first, last in recorded["receipts"].values()
        )
        messages.success(
            request,
            gettext(
                "The list was imported: %(count)s donations, %(total)s in all, "
                "receipts %(receipts)s."
            )
            % {
                "count": recorded["donations"],
                "total": format_vnd(recorded["total"]),
                "receipts": receipts,
            },
        )
