"""The Study Promotion Fund in the staff's admin: funds and their ledgers (books.py), donors
and donations (donors.py), pledges (pledges.py) and the bank statements imported
(statements.py).

Money is never deleted, by anyone: a ledger entry is corrected by a reversing entry (the
"Reverse this entry" page, services.reverse), donations, statements and their credits are
read-only, pledges are cancelled with a reason. Funds and donors are edited through the
services, with their history on the record's page."""

from . import books, donors, pledges, statements  # noqa: F401
