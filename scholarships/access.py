"""Fetch-and-authorise for the treasurers' pages: a view gets a fund (or one of its entries,
donations, pledges) only through these, so none can forget to ask organizations.permissions.

Two questions are asked:

- READ: may the person see the fund's books? Its treasurers (HANDLE_MONEY on the fund's
  unit: a district treasurer on the district's funds) and whoever may view the fund's
  records in the admin (the association's staff), read-only;
- HANDLE: may the person record or correct money in it? Its treasurers only.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from organizations import permissions
from organizations.models import Role
from scholarships.models import Donation, DonationImport, Fund, LedgerEntry, Pledge
from scholarships.permissions import HANDLE_MONEY

READ = "read"
HANDLE = "handle"


def reads_every_fund(user) -> bool:
    """The association's staff: they see every fund's books, and record nothing."""
    return permissions.has_admin_permission(user, "scholarships", "view") and (
        permissions.is_citywide(user)
    )


def handles_money(user) -> bool:
    """Whether the person handles some fund's money (a treasurer, on any unit)."""
    return permissions.can(user, HANDLE_MONEY)


def may_see_books(user) -> bool:
    return handles_money(user) or reads_every_fund(user)


def may_handle(user, fund) -> bool:
    return permissions.can(user, HANDLE_MONEY, fund.unit)


def may_read(user, fund) -> bool:
    return may_handle(user, fund) or reads_every_fund(user)


def _check(user, fund, action):
    allowed = may_handle(user, fund) if action == HANDLE else may_read(user, fund)
    if not allowed:
        raise PermissionDenied


def funds_for(user):
    """The funds whose books the person sees, by unit and name."""
    funds = Fund.objects.select_related("unit").order_by("unit__search_name", "name", "pk")
    if reads_every_fund(user):
        return funds
    if not handles_money(user):
        return funds.none()
    return funds.filter(permissions.unit_filter(user, HANDLE_MONEY))


def handled_funds(user):
    """The funds whose money the person handles."""
    if not handles_money(user):
        return Fund.objects.none()
    return Fund.objects.filter(permissions.unit_filter(user, HANDLE_MONEY))


def get_fund_for(user, pk, action=READ) -> Fund:
    """The fund `pk` if `user` may `action` it: 404 if there is none, 403 otherwise."""
    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=pk)
    _check(user, fund, action)
    return fund


def get_entry_for(user, pk, action=READ) -> LedgerEntry:
    entry = get_object_or_404(
        LedgerEntry.objects.select_related(
            "fund__unit", "recorded_by", "donation__donor", "reverses", "reversed_by"
        ),
        pk=pk,
    )
    _check(user, entry.fund, action)
    return entry


def get_donation_for(user, pk, action=READ) -> Donation:
    donation = get_object_or_404(
        Donation.objects.select_related(
            "fund__unit",
            "donor",
            "entry__reversed_by",
            "entry__recorded_by",
            "pledge",
            "activity",
            "campaign",
        ),
        pk=pk,
    )
    _check(user, donation.fund, action)
    return donation


def get_pledge_for(user, pk, action=READ) -> Pledge:
    pledge = get_object_or_404(
        Pledge.objects.select_related("fund__unit", "donor", "created_by", "activity"), pk=pk
    )
    _check(user, pledge.fund, action)
    return pledge


# --- donation imports and exports ---


def is_staff(user) -> bool:
    """The association's staff (or a superuser): they see every fund's books."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return any(
        m.role == Role.STAFF and permissions.acts_citywide(m) for m in permissions.memberships(user)
    )


def money_funds(user):
    """The funds whose money `user` handles (records, imports)."""
    return Fund.objects.filter(permissions.unit_filter(user, HANDLE_MONEY)).select_related("unit")


def readable_funds(user):
    """The funds whose books `user` may read and export."""
    if is_staff(user):
        return Fund.objects.select_related("unit")
    return money_funds(user)


def may_read_books(user, fund) -> bool:
    return is_staff(user) or permissions.can(user, HANDLE_MONEY, fund.unit)


def get_import_for(user, pk) -> DonationImport:
    """A donation import, for the person who started it, the treasurers of its fund and
    staff."""
    found = DonationImport.objects.select_related("fund__unit", "created_by").filter(pk=pk).first()
    if found is None:
        raise Http404
    if found.created_by_id != user.pk and not may_read_books(user, found.fund):
        raise PermissionDenied
    return found
