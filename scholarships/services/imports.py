"""Donation lists from Excel: the whole list in one transaction, and the state of its
import in the background."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common import public_cache
from common.history import audit
from common.text import trimmed
from scholarships.models import (
    Direction,
    Donation,
    DonationImport,
    Donor,
    EntryKind,
    ImportState,
    LedgerEntry,
    Method,
    Pledge,
    PledgeState,
    ReceiptCounter,
)
from scholarships.services.ledger import _amount, _lock, _require_treasurer


def _receipt_blocks(fund, years):
    """{year: first number} after raising each year's counter by the number of receipts
    `years` asks for, under the counter's row lock: one block of consecutive numbers a
    year, without gaps."""
    firsts = {}
    for year, count in sorted(years.items()):
        counter, _created = ReceiptCounter.objects.get_or_create(fund=fund, year=year)
        counter = ReceiptCounter.objects.select_for_update().get(pk=counter.pk)
        ReceiptCounter.objects.filter(pk=counter.pk).update(last=F("last") + count)
        firsts[year] = counter.last + 1
    return firsts


def _checked_pledges(fund, rows):
    """The pledges the rows pay, locked and read again: still this fund's and open."""
    wanted = {row.pledge.pk for row in rows if row.pledge is not None}
    if not wanted:
        return {}
    pledges = {
        found.pk: found
        for found in Pledge.objects.select_for_update()
        .select_related("donor")
        .filter(pk__in=wanted)
    }
    for row in rows:
        if row.pledge is None:
            continue
        found = pledges.get(row.pledge.pk)
        if found is None or found.fund_id != fund.pk or found.state != PledgeState.OPEN:
            raise ValidationError(
                _("Line %(line)s: that pledge was cancelled.") % {"line": row.line}
            )
    return pledges


@transaction.atomic
def donate_many(fund, rows, *, by, file_name="", at=None) -> dict:
    """Record a whole donation list (scholarships.donation_rows.DonationRow, already
    checked) in one transaction: the fund locked once, a block of receipt numbers a year,
    the donors, ledger entries and donations written in bulk, one history entry on the fund.
    Lines of the list with the same donor's details are one donor; a line that pays a
    pledge is the pledge's donor's gift. Returns what was recorded: the number of donations,
    their total and the first and last receipt of each year."""
    fund = _lock(fund)
    _require_treasurer(by, fund)
    if not rows:
        raise ValidationError(_("The list has no donations to record."))
    for row in rows:
        _amount(row.amount)
    pledges = _checked_pledges(fund, rows)
    by = by if getattr(by, "is_authenticated", False) else None
    moment = at or timezone.now()
    years = {}
    for row in rows:
        years[row.occurred_on.year] = years.get(row.occurred_on.year, 0) + 1
    firsts = _receipt_blocks(fund, years)
    donors = {}
    for row in rows:
        key = row.donor_key()
        if key not in donors:
            donors[key] = (
                pledges[row.pledge.pk].donor
                if row.pledge is not None
                else Donor(
                    kind=row.kind,
                    name=row.name,
                    public_display=row.public_display,
                    address=row.address,
                    phone=row.phone,
                    email=row.email,
                )
            )
    Donor.objects.bulk_create([d for d in donors.values() if d.pk is None], batch_size=2000)
    labels = {method: str(method.label) for method in Method}
    numbers = dict(firsts)
    entries, donations = [], []
    for row in rows:
        year = row.occurred_on.year
        donor = donors[row.donor_key()]
        what = row.in_kind or labels[Method(row.method)]
        description = _("%(donor)s: %(what)s") % {"donor": donor.name, "what": what}
        entry = LedgerEntry(
            fund=fund,
            kind=EntryKind.DONATION,
            direction=Direction.IN,
            amount=row.amount,
            purpose=row.purpose,
            description=description[:500],
            occurred_on=row.occurred_on,
            receipt_year=year,
            receipt_number=numbers[year],
            recorded_by=by,
            recorded_at=moment,
        )
        numbers[year] += 1
        entries.append(entry)
        pledge_row = pledges.get(row.pledge.pk) if row.pledge is not None else None
        donations.append(
            Donation(
                fund=fund,
                donor=donor,
                entry=entry,
                method=row.method,
                in_kind=row.in_kind,
                pledge=pledge_row,
                campaign_id=pledge_row.campaign_id if pledge_row else None,
                activity_id=pledge_row.activity_id if pledge_row else None,
                recorded_by=by,
                recorded_at=moment,
            )
        )
    LedgerEntry.objects.bulk_create(entries, batch_size=2000)
    for donation in donations:
        donation.entry_id = donation.entry.pk
        donation.donor_id = donation.donor.pk
    Donation.objects.bulk_create(donations, batch_size=2000)
    # bulk_create sends no post_save: the public pages are told here (scholarships/signals.py).
    public_cache.bump()
    total = sum(row.amount for row in rows)
    receipts = {
        str(year): [f"{year}/{firsts[year]:06d}", f"{year}/{numbers[year] - 1:06d}"]
        for year in sorted(firsts)
    }
    audit.record(
        fund,
        action="donations_imported",
        by=by,
        reason=trimmed(file_name),
        changes={"donations": [None, len(rows)], "total": [None, total]},
        at=at,
    )
    return {"donations": len(rows), "donors": len(donors), "total": total, "receipts": receipts}


@transaction.atomic
def start_donation_import(fund, *, content, file_name, by, language="vi"):
    """Queue the import of a donation list into `fund` for the person who uploads it; its
    progress is then on the import's page (the task after the commit:
    tasks.import_donations)."""
    from scholarships import tasks

    _require_treasurer(by, fund)
    made = DonationImport.objects.create(
        fund=fund,
        file_name=trimmed(file_name)[:255] or "import.xlsx",
        content=content,
        language=language,
        created_by=by,
    )
    transaction.on_commit(lambda: tasks.import_donations.enqueue(made.pk))
    return made


def donation_import_checking(made, *, rows_total):
    DonationImport.objects.filter(pk=made.pk).update(
        state=ImportState.CHECKING, rows_total=rows_total, rows_done=0
    )


def donation_import_progress(made, *, rows_done):
    DonationImport.objects.filter(pk=made.pk).update(rows_done=rows_done)


def donation_import_writing(made):
    DonationImport.objects.filter(pk=made.pk).update(
        state=ImportState.IMPORTING, rows_done=F("rows_total")
    )


# At most this many problems are kept for the import's page (the count says how many).
KEPT_ERRORS = 500


def donation_import_finished(made, *, errors=(), result=None):
    """The import ended: what it recorded, or the problems found (then nothing was)."""
    errors = list(errors)
    DonationImport.objects.filter(pk=made.pk).update(
        state=ImportState.DONE if result and not errors else ImportState.FAILED,
        errors=errors[:KEPT_ERRORS],
        result={**(result or {}), "error_count": len(errors)},
        content=b"",
        finished_at=timezone.now(),
    )
