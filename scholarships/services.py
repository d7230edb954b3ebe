"""Every write to the fund's books: donations (with their gapless receipt numbers),
spending, and reversals. Each checks that the person handles the fund's money, locks the
fund so that two treasurers acting at once are serialised, and never changes an entry
already written (the database refuses that anyway: migration 0002)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import selectors as campaign_selectors
from common.history import audit
from common.money import format_vnd
from common.text import trimmed
from organizations import permissions
from scholarships import selectors
from scholarships.models import (
    BankStatement,
    Direction,
    Donation,
    DonationImport,
    Donor,
    DonorKind,
    EntryKind,
    Fund,
    ImportState,
    LedgerEntry,
    Method,
    Pledge,
    PledgeState,
    PublicDisplay,
    ReceiptCounter,
    StatementCredit,
)
from scholarships.models.ledger import MAX_AMOUNT
from scholarships.permissions import HANDLE_MONEY


def _require_treasurer(by, fund):
    if not permissions.can(by, HANDLE_MONEY, fund.unit):
        raise PermissionDenied


def _lock(fund) -> Fund:
    return Fund.objects.select_for_update().select_related("unit").get(pk=fund.pk)


def _amount(amount) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError({"amount": _("Write the amount in whole đồng.")})
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than 0 ₫.")})
    if amount > MAX_AMOUNT:
        raise ValidationError({"amount": _("The amount is too large.")})
    return amount


def _next_receipt(fund, year) -> int:
    """The next receipt number of `fund` in `year`, under the counter's row lock."""
    counter, _created = ReceiptCounter.objects.get_or_create(fund=fund, year=year)
    ReceiptCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    return ReceiptCounter.objects.get(pk=counter.pk).last


def _entry(fund, **fields) -> LedgerEntry:
    entry = LedgerEntry(fund=fund, **fields)
    entry.full_clean(exclude=["fund", "recorded_by", "reverses"])
    entry.save()
    return entry


@transaction.atomic
def record_donation(fund, *, amount, description, by, purpose="", occurred_on=None, at=None):
    """Money in, with the next receipt number of the fund's year."""
    fund = _lock(fund)
    _require_treasurer(by, fund)
    occurred_on = occurred_on or timezone.localdate()
    description = trimmed(description)
    if not description:
        raise ValidationError({"description": _("Say who gave and what for.")})
    return _entry(
        fund,
        kind=EntryKind.DONATION,
        direction=Direction.IN,
        amount=_amount(amount),
        purpose=trimmed(purpose),
        description=description,
        occurred_on=occurred_on,
        receipt_year=occurred_on.year,
        receipt_number=_next_receipt(fund, occurred_on.year),
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )


def _refuse_overdraft(fund, purpose, amount):
    available = selectors.balance(fund, purpose=purpose)
    if amount > available:
        if purpose:
            message = _(
                "Only %(available)s is left of the money given for “%(purpose)s”; "
                "%(amount)s cannot be spent from it."
            )
        else:
            message = _(
                "Only %(available)s of the fund is free to use (money given for a named "
                "purpose is kept for it); %(amount)s cannot be spent."
            )
        raise ValidationError(
            message
            % {
                "available": format_vnd(available),
                "amount": format_vnd(amount),
                "purpose": purpose,
            }
        )


@transaction.atomic
def spend(fund, *, amount, description, by, purpose="", occurred_on=None, at=None):
    """Money out: from the money given for `purpose`, or from the fund's free money when
    no purpose is named. Refused when it would take the balance below zero."""
    fund = _lock(fund)
    _require_treasurer(by, fund)
    amount, purpose = _amount(amount), trimmed(purpose)
    description = trimmed(description)
    if not description:
        raise ValidationError({"description": _("Say what the money is spent on.")})
    _refuse_overdraft(fund, purpose, amount)
    return _entry(
        fund,
        kind=EntryKind.SPEND,
        direction=Direction.OUT,
        amount=amount,
        purpose=purpose,
        description=description,
        occurred_on=occurred_on or timezone.localdate(),
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )


@transaction.atomic
def reverse(entry, *, by, reason, at=None) -> LedgerEntry:
    """Correct `entry` by a new one moving the same amount the other way, naming it and why.
    Both stay in the ledger. A reversal is not reversed again (record the entry anew), and
    a donation already spent cannot be taken back below zero."""
    fund = _lock(entry.fund)
    _require_treasurer(by, fund)
    entry = LedgerEntry.objects.get(pk=entry.pk)
    reason = trimmed(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the entry is reversed.")})
    if entry.kind == EntryKind.REVERSAL:
        raise ValidationError(_("A reversal is not reversed: record the entry again instead."))
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This entry has already been reversed."))
    if entry.direction == Direction.IN:
        _refuse_overdraft(fund, entry.purpose, entry.amount)
    return _entry(
        fund,
        kind=EntryKind.REVERSAL,
        direction=-entry.direction,
        amount=entry.amount,
        purpose=entry.purpose,
        description=_("Reversal of: %(entry)s") % {"entry": entry.description},
        occurred_on=timezone.localdate(at) if at else timezone.localdate(),
        reverses=entry,
        reason=reason,
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )


def _links(fund, donor, purpose, pledge, campaign, activity):
    """The pledge, campaign and activity a gift names, checked: a pledge of the same fund
    and donor, still open, gives its purpose, campaign and activity; an activity gives its
    campaign, and must be a fundraising activity."""
    if pledge is not None:
        # Only the pledge's row is locked: PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer joins to its campaign and activity.
        pledge = (
            Pledge.objects.select_for_update(of=("self",))
            .select_related("campaign", "activity")
            .get(pk=pledge.pk)
        )
        if pledge.fund_id != fund.pk or pledge.donor_id != donor.pk:
            raise ValidationError({"pledge": _("That pledge is another donor's or fund's.")})
        if pledge.state != PledgeState.OPEN:
            raise ValidationError({"pledge": _("That pledge was cancelled.")})
        purpose = purpose or pledge.purpose
        if purpose != pledge.purpose:
            raise ValidationError(
                {"purpose": _("A pledge's payment goes to the pledge's purpose.")}
            )
        campaign = campaign or pledge.campaign
        activity = activity or pledge.activity
    if activity is not None:
        if not campaign_selectors.is_fundraising(activity):
            raise ValidationError({"activity": _("That activity is not a fundraising one.")})
        if campaign is not None and activity.campaign_id != campaign.pk:
            raise ValidationError({"activity": _("That activity belongs to another campaign.")})
        campaign = activity.campaign
    return pledge, purpose, campaign, activity


@transaction.atomic
def donate(
    fund,
    *,
    donor,
    amount,
    method,
    by,
    purpose="",
    in_kind="",
    occurred_on=None,
    pledge=None,
    campaign=None,
    activity=None,
    at=None,
) -> Donation:
    """A donor's gift: its money in the ledger with the next receipt number, and the
    donation that says who gave it and how. A gift in kind says what it is; its value in
    đồng is the amount. A gift may pay a pledge (wholly or in part), and name the campaign
    and the fundraising activity it was raised at."""
    method = Method(method)
    in_kind = trimmed(in_kind)
    pledge, purpose, campaign, activity = _links(
        fund, donor, trimmed(purpose), pledge, campaign, activity
    )
    if method == Method.IN_KIND and not in_kind:
        raise ValidationError({"in_kind": _("Say what was given in kind.")})
    if method != Method.IN_KIND and in_kind:
        raise ValidationError({"in_kind": _("Only a gift in kind says what was given.")})
    label = in_kind or method.label
    entry = record_donation(
        fund,
        amount=amount,
        description=_("%(donor)s: %(what)s") % {"donor": donor.name, "what": label},
        by=by,
        purpose=purpose,
        occurred_on=occurred_on,
        at=at,
    )
    donation = Donation(
        fund=entry.fund,
        donor=donor,
        entry=entry,
        method=method,
        in_kind=in_kind,
        pledge=pledge,
        campaign=campaign,
        activity=activity,
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )
    donation.full_clean(
        exclude=["fund", "donor", "entry", "recorded_by", "pledge", "campaign", "activity"]
    )
    donation.save()
    return donation


# --- pledges -------------------------------------------------------------------------------


@transaction.atomic
def pledge(
    fund,
    *,
    donor,
    amount,
    due_on,
    by,
    purpose="",
    campaign=None,
    activity=None,
    note="",
    at=None,
) -> Pledge:
    """Record a donor's promise of `amount` by `due_on`, with the next pledge number of the
    fund's year (its transfer reference)."""
    fund = _lock(fund)
    _require_treasurer(by, fund)
    amount = _amount(amount)
    if activity is not None:
        if not campaign_selectors.is_fundraising(activity):
            raise ValidationError({"activity": _("That activity is not a fundraising one.")})
        campaign = activity.campaign
    moment = at or timezone.now()
    year = timezone.localtime(moment).year
    last = (
        Pledge.objects.filter(fund=fund, year=year).order_by("-number").values_list(
            "number", flat=True
        ).first()
    )  # fmt: skip
    made = Pledge(
        fund=fund,
        donor=donor,
        amount=amount,
        due_on=due_on,
        purpose=trimmed(purpose),
        campaign=campaign,
        activity=activity,
        year=year,
        number=(last or 0) + 1,
        note=trimmed(note),
        created_by=by,
        created_at=moment,
    )
    made.full_clean(exclude=["fund", "donor", "campaign", "activity", "created_by", "token"])
    made.save()
    audit.record(made, action="created", by=by, at=at)
    return made


@transaction.atomic
def cancel_pledge(pledge, *, by, reason, at=None) -> Pledge:
    """The donor withdrew the promise, or it was recorded in error: the pledge stays, closed,
    with why. What was already paid stays in the ledger."""
    pledge = (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("fund__unit")
        .get(pk=pledge.pk)
    )
    _require_treasurer(by, pledge.fund)
    reason = trimmed(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the pledge is cancelled.")})
    if pledge.state == PledgeState.CANCELLED:
        raise ValidationError(_("This pledge was already cancelled."))
    pledge.state, pledge.cancel_reason = PledgeState.CANCELLED, reason
    pledge.save(update_fields=["state", "cancel_reason"])
    audit.record(
        pledge,
        action="cancelled",
        by=by,
        reason=reason,
        changes={"state": [PledgeState.OPEN, PledgeState.CANCELLED]},
        at=at,
    )
    return pledge


@transaction.atomic
def remind(pledge, *, by, at=None) -> Pledge:
    """Send the pledger a reminder of what is left to pay, after the commit."""
    from scholarships import tasks

    pledge = (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("fund__unit", "donor")
        .get(pk=pledge.pk)
    )
    _require_treasurer(by, pledge.fund)
    if pledge.state != PledgeState.OPEN:
        raise ValidationError(_("A cancelled pledge is not reminded."))
    if selectors.pledge_left(pledge) <= 0:
        raise ValidationError(_("This pledge is paid in full."))
    if not pledge.donor.email:
        raise ValidationError(_("The donor has no e-mail address to remind."))
    pledge.last_reminded_at = at or timezone.now()
    pledge.save(update_fields=["last_reminded_at"])
    audit.record(pledge, action="reminded", by=by, at=at)
    transaction.on_commit(lambda: tasks.remind_pledger.enqueue(pledge.pk))
    return pledge


# --- funds ---------------------------------------------------------------------------------

FUND_FIELDS = (
    "name",
    "bank_name",
    "bank_bin",
    "account_number",
    "account_name",
    "reference_prefix",
)


def _checked_fund(fund):
    for name in FUND_FIELDS:
        setattr(fund, name, trimmed(getattr(fund, name)))
    fund.full_clean(exclude=["unit"])


@transaction.atomic
def create_fund(*, unit, name, by, at=None, **bank) -> Fund:
    """Open a fund for `unit`, with its bank account (bank_name, bank_bin, account_number,
    account_name, reference_prefix)."""
    if not permissions.can(by, HANDLE_MONEY, unit):
        raise PermissionDenied
    unknown = set(bank) - set(FUND_FIELDS)
    if unknown:
        raise TypeError(f"Not a fund's field: {', '.join(sorted(unknown))}")
    fund = Fund(unit=unit, name=name, **bank)
    _checked_fund(fund)
    fund.save()
    audit.record(fund, action="created", by=by, changes=_created(fund, FUND_FIELDS), at=at)
    return fund


@transaction.atomic
def update_fund(fund, *, by, at=None, **fields) -> Fund:
    """Change a fund's name or bank account; the unit it belongs to stays."""
    unknown = set(fields) - set(FUND_FIELDS)
    if unknown:
        raise TypeError(f"Not a fund's field: {', '.join(sorted(unknown))}")
    fund = _lock(fund)
    _require_treasurer(by, fund)
    before = audit.snapshot(fund, FUND_FIELDS)
    for name, value in fields.items():
        setattr(fund, name, value)
    _checked_fund(fund)
    changes = audit.changes_between(before, audit.snapshot(fund, FUND_FIELDS))
    if changes:
        fund.save(update_fields=list(changes))
        audit.record(fund, action="changed", by=by, changes=changes, at=at)
    return fund


def _created(obj, fields) -> dict:
    """The history's changes of a new record: {field: [None, value]} for the fields set."""
    return {
        name: [None, value]
        for name, value in audit.snapshot(obj, fields).items()
        if value not in ("", None)
    }


# --- donors --------------------------------------------------------------------------------

DONOR_FIELDS = ("kind", "name", "public_display", "address", "phone", "email")


def _require_money_handler(by):
    if not permissions.can(by, HANDLE_MONEY):
        raise PermissionDenied


def _checked_donor(donor):
    for name in ("name", "address", "email"):
        setattr(donor, name, trimmed(getattr(donor, name)))
    donor.full_clean()


@transaction.atomic
def create_donor(
    *,
    kind,
    name,
    public_display=PublicDisplay.ANONYMOUS,
    address="",
    phone="",
    email="",
    by,
    at=None,
) -> Donor:
    """Record a donor: who they are, how to reach them (private), how they appear in public."""
    _require_money_handler(by)
    donor = Donor(
        kind=kind,
        name=name,
        public_display=public_display,
        address=address,
        phone=phone,
        email=email,
    )
    _checked_donor(donor)
    donor.save()
    if at is not None:
        Donor.objects.filter(pk=donor.pk).update(created_at=at)
    audit.record(donor, action="created", by=by, changes=_created(donor, DONOR_FIELDS), at=at)
    return donor


@transaction.atomic
def update_donor(donor, *, by, at=None, **fields) -> Donor:
    """Change a donor's details or their choice of how they appear in public."""
    _require_money_handler(by)
    unknown = set(fields) - set(DONOR_FIELDS)
    if unknown:
        raise TypeError(f"Not a donor's field: {', '.join(sorted(unknown))}")
    donor = Donor.objects.select_for_update().get(pk=donor.pk)
    before = audit.snapshot(donor, DONOR_FIELDS)
    for name, value in fields.items():
        setattr(donor, name, value)
    _checked_donor(donor)
    changes = audit.changes_between(before, audit.snapshot(donor, DONOR_FIELDS))
    if changes:
        donor.save(update_fields=list(changes))
        audit.record(donor, action="changed", by=by, changes=changes, at=at)
    return donor


# --- donation lists from Excel -------------------------------------------------------------


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


# --- bank statements -----------------------------------------------------------------------


@transaction.atomic
def import_statement(fund, *, file_name, sha256, layout, rows, credits, by, at=None) -> dict:
    """Record the confirmed `credits` of a bank statement (scholarships.statements.Confirmed)
    as bank-transfer donations, each on the day the bank booked it, in one transaction under
    the fund's lock; keep the statement and each recorded credit's fingerprint. A credit
    whose fingerprint the fund already holds is skipped: the same statement imported twice
    records nothing the second time. Returns {"statement", "recorded", "skipped"}."""
    fund = _lock(fund)
    _require_treasurer(by, fund)
    known = set(
        StatementCredit.objects.filter(
            fund=fund, fingerprint__in=[item.credit.fingerprint for item in credits]
        ).values_list("fingerprint", flat=True)
    )
    made, skipped = [], 0
    for item in credits:
        credit = item.credit
        if credit.fingerprint in known:
            skipped += 1
            continue
        known.add(credit.fingerprint)
        pledge, donor = item.pledge, item.donor
        if pledge is not None:
            pledge = Pledge.objects.select_related("donor").get(pk=pledge.pk, fund=fund)
            donor = pledge.donor
        elif donor is None:
            name = trimmed(item.new_name)
            if not name or item.new_kind not in DonorKind.values:
                raise ValidationError(
                    _("Line %(line)s: name the new donor and say what kind of donor it is.")
                    % {"line": credit.row}
                )
            donor = Donor(name=name, kind=item.new_kind)
            donor.full_clean()
            donor.save()
            audit.record(donor, action="created", by=by, at=at)
        donation = donate(
            fund,
            donor=donor,
            amount=credit.amount,
            method=Method.TRANSFER,
            by=by,
            occurred_on=credit.day,
            pledge=pledge,
            at=at,
        )
        made.append((credit, donation))
    statement = BankStatement.objects.create(
        fund=fund,
        file_name=trimmed(file_name)[:255],
        sha256=sha256,
        layout=layout,
        rows=rows,
        recorded=len(made),
        skipped=skipped,
        imported_by=by,
        **({"imported_at": at} if at else {}),
    )
    StatementCredit.objects.bulk_create(
        StatementCredit(
            statement=statement,
            fund=fund,
            row=credit.row,
            fingerprint=credit.fingerprint,
            booked_on=credit.day,
            amount=credit.amount,
            description=credit.description,
            bank_reference=credit.bank_reference,
            donation=donation,
        )
        for credit, donation in made
    )
    audit.record(
        fund,
        action="statement_imported",
        by=by,
        reason=_("%(file)s: %(recorded)s credits recorded, %(skipped)s already recorded.")
        % {"file": statement.file_name, "recorded": len(made), "skipped": skipped},
        at=at,
    )
    return {"statement": statement, "recorded": len(made), "skipped": skipped}
