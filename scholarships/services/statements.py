"""Bank statements: their confirmed credits recorded as bank-transfer donations, once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.history import audit
from common.text import trimmed
from scholarships.models import (
    BankStatement,
    Donor,
    DonorKind,
    Method,
    Pledge,
    StatementCredit,
)
from scholarships.services.donations import donate
from scholarships.services.ledger import _lock, _require_treasurer


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
