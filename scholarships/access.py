"""Who may reach which of the fund's books in the officers' area: the treasurers of a fund's
unit or above record and import money (HANDLE_MONEY, a district's treasurer only its own
district's funds); the association's staff, who do not handle money, may read the books and
export them. The questions themselves are organizations.permissions'."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from organizations import permissions
from organizations.models import Role
from scholarships.models import DonationImport, Fund
from scholarships.permissions import HANDLE_MONEY


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


def get_fund_for(user, pk) -> Fund:
    """The fund `pk` if `user` may read its books (a 404 if there is none, a 403 if not)."""
    fund = Fund.objects.select_related("unit").filter(pk=pk).first()
    if fund is None:
        raise Http404
    if not may_read_books(user, fund):
        raise PermissionDenied
    return fund


def get_import_for(user, pk) -> DonationImport:
    """A donation import, for the person who started it, the treasurers of its fund and
    staff."""
    found = DonationImport.objects.select_related("fund__unit", "created_by").filter(pk=pk).first()
    if found is None:
        raise Http404
    if found.created_by_id != user.pk and not may_read_books(user, found.fund):
        raise PermissionDenied
    return found
