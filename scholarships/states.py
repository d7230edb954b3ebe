"""Labels of the fund's history types (common.history): what can happen to a pledge and to
a donor's record. Money itself needs none: each ledger entry is its own record of who, when
and why, and is never changed."""

from django.utils.translation import gettext_lazy as _

PLEDGE_HISTORY = {
    "created": _("pledge recorded"),
    "cancelled": _("pledge cancelled"),
    "reminded": _("reminder sent"),
}
DONOR_HISTORY = {
    "created": _("donor recorded"),
    "changed": _("donor's details changed"),
}
FUND_HISTORY = {
    "created": _("fund opened"),
    "changed": _("fund's details changed"),
    "statement_imported": _("bank statement imported"),
    "donations_imported": _("donation list imported"),
}
