"""Every write to the fund's books, one module a subject; the names are used from here
(`from scholarships import services`, then `services.donate(...)`).

- ledger: money in, spending and reversals, under the fund's lock;
- donations: a donor's gift, with its receipt and what it came from;
- pledges: promises to give, their cancellation and reminders;
- books: the fund's own record and its donors;
- imports: donation lists from Excel;
- statements: bank statements' credits as bank-transfer donations.

An entry already written is never changed: the database refuses it (migrations 0002, 0004
and 0005)."""

from scholarships.services.books import (
    DONOR_FIELDS,
    FUND_FIELDS,
    create_donor,
    create_fund,
    update_donor,
    update_fund,
)
from scholarships.services.donations import donate
from scholarships.services.imports import (
    KEPT_ERRORS,
    donate_many,
    donation_import_checking,
    donation_import_finished,
    donation_import_progress,
    donation_import_writing,
    start_donation_import,
)
from scholarships.services.ledger import record_donation, reverse, spend
from scholarships.services.pledges import cancel_pledge, pledge, remind
from scholarships.services.statements import import_statement

__all__ = [
    "DONOR_FIELDS",
    "FUND_FIELDS",
    "KEPT_ERRORS",
    "cancel_pledge",
    "create_donor",
    "create_fund",
    "donate",
    "donate_many",
    "donation_import_checking",
    "donation_import_finished",
    "donation_import_progress",
    "donation_import_writing",
    "import_statement",
    "pledge",
    "record_donation",
    "remind",
    "reverse",
    "spend",
    "start_donation_import",
    "update_donor",
    "update_fund",
]
