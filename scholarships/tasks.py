"""Mail of the fund (run by django.tasks after the commit that asked for it): a reminder to a
pledger whose pledge is due or overdue."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from common.formatting import format_day
from common.links import public_reverse
from common.money import format_vnd


@task
def remind_pledger(pledge_id: int) -> int:
    """Remind the donor of what is left to pay of their pledge, with the page that shows its
    transfer code. Returns the number of mails sent (0 when the donor has no e-mail or
    nothing is left to pay)."""
    from scholarships import selectors
    from scholarships.models import Pledge

    pledge = Pledge.objects.select_related("fund", "donor").get(pk=pledge_id)
    left = selectors.pledge_left(pledge)
    if not pledge.donor.email or left <= 0:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        link = public_reverse("scholarships:pledge", args=[pledge.token])
        subject = _("Your pledge to %(fund)s") % {"fund": pledge.fund.name}
        body = _(
            "Dear %(donor)s,\n\nThank you for your pledge of %(amount)s to %(fund)s, due by "
            "%(due)s. %(left)s of it is still to be paid.\n\nYou can transfer it with the "
            "reference %(reference)s, or scan the VietQR code on this page: %(link)s\n\n"
            "If you have paid in the last few days, please disregard this message."
        ) % {
            "donor": pledge.donor.name,
            "amount": format_vnd(pledge.amount),
            "fund": pledge.fund.name,
            "due": format_day(pledge.due_on),
            "left": format_vnd(left),
            "reference": pledge.reference,
            "link": link,
        }
    return send_mail(subject, body, None, [pledge.donor.email])


# How often the import's page hears how many rows have been checked.
PROGRESS_EVERY = 500


@task
def import_donations(import_id: int) -> str:
    """Import the donation list waiting in a DonationImport, all rows or none, telling its
    page how far it has gone: the rows checked every PROGRESS_EVERY rows, then that they
    are being recorded. Returns the import's final state."""
    from common.spreadsheets.limits import TableError
    from common.spreadsheets.reading import read_table
    from scholarships import services
    from scholarships.donation_rows import MAX_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, REQUIRED
    from scholarships.models import DonationImport, ImportState
    from scholarships.resources import DonationImportResource

    made = DonationImport.objects.select_related("fund__unit", "created_by").get(pk=import_id)
    if made.state != ImportState.QUEUED:
        return made.state  # run already (a task delivered twice)
    with translation.override(made.language or settings.LANGUAGE_CODE):
        services.donation_import_checking(made, rows_total=0)
        try:
            dataset = read_table(
                bytes(made.content),
                filename=made.file_name,
                required_columns=REQUIRED,
                max_bytes=MAX_BYTES,
                max_rows=MAX_ROWS,
                max_unpacked_bytes=MAX_UNPACKED_BYTES,
            )
        except TableError as error:
            services.donation_import_finished(
                made, errors=[{"line": 0, "column": "", "message": str(error.message)}]
            )
            return ImportState.FAILED

        def progress(done, total):
            if done == 0:
                services.donation_import_checking(made, rows_total=total)
            else:
                services.donation_import_progress(made, rows_done=done)

        resource = DonationImportResource(
            fund=made.fund,
            progress=progress,
            writing=lambda: services.donation_import_writing(made),
        )
        resource.every = PROGRESS_EVERY
        try:
            result = resource.import_data(
                dataset,
                dry_run=False,
                raise_errors=False,
                use_transactions=False,
                user=made.created_by,
                file_name=made.file_name,
            )
        except Exception:
            services.donation_import_finished(made, errors=[_unexpected()])
            raise
        report = result.report
        errors = [
            {"line": error.line, "column": error.column, "message": error.message}
            for error in (report.sorted_errors() if report is not None else [])
        ]
        if not errors and result.has_errors():
            errors = [
                {"line": 0, "column": "", "message": _base_error(error)}
                for error in result.base_errors
            ] or [_unexpected()]
        services.donation_import_finished(made, errors=errors, result=result.recorded)
    return ImportState.DONE if result.recorded and not errors else ImportState.FAILED


def _unexpected():
    return {
        "line": 0,
        "column": "",
        "message": _("The list could not be recorded. Nothing was imported."),
    }


def _base_error(error):
    from django.core.exceptions import ValidationError

    if isinstance(error.error, ValidationError):
        return " ".join(error.error.messages)
    return str(_unexpected()["message"])
