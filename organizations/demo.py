"""Demo data for the unit tree and the people: the official units and one account per role.

Run by `manage.py load_demo`, which refuses outside demo mode (PORTAL_DEMO=True): these
accounts have a published password and must never exist on the public portal. Running it
again duplicates nothing: accounts are found by user name, a role is given only when the
person does not hold it already, and a demo password that was changed is set back, so the
printed table stays true.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from organizations.importing import load_official_units
from organizations.models import Membership, Role, Unit, User
from organizations.services import grant_role

DEMO_PASSWORD = "KhuyenHoc-HaiPhong-2024"
# Units are looked up as they stood during the 2024 Month of Study Promotion: codes are
# reused, and Quận Lê Chân and Quận Kiến An ended on 30/6/2025.
CAMPAIGN_DAY = datetime.date(2024, 9, 15)
ROLE_START = datetime.date(2024, 8, 1)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit_code: str
    full_name: str
    position: str

    @property
    def email(self):
        return f"{self.username}@example.com"


DEMO_ACCOUNTS = (
    DemoAccount(
        "officer.lechan",
        Role.OFFICER,
        "305",
        "Nguyễn Thị Thu Hà",
        "Chuyên viên Phòng Giáo dục và Đào tạo quận Lê Chân",
    ),
    DemoAccount(
        "approver.lechan",
        Role.APPROVER,
        "305",
        "Trần Văn Hùng",
        "Trưởng phòng Giáo dục và Đào tạo quận Lê Chân",
    ),
    DemoAccount(
        "officer.kienan",
        Role.OFFICER,
        "307",
        "Phạm Minh Tuấn",
        "Chuyên viên Phòng Văn hóa và Thông tin quận Kiến An",
    ),
    DemoAccount(
        "officer.sogddt",
        Role.OFFICER,
        "SGDDT-HP",
        "Lê Thị Hồng Nhung",
        "Chuyên viên Phòng Giáo dục thường xuyên, Sở Giáo dục và Đào tạo",
    ),
    DemoAccount(
        "staff.hoi",
        Role.STAFF,
        "HKH-HP",
        "Vũ Thị Lan Anh",
        "Chuyên viên Văn phòng Hội Khuyến học thành phố",
    ),
    DemoAccount(
        "treasurer.hoi",
        Role.TREASURER,
        "HKH-HP",
        "Đỗ Thị Mai",
        "Kế toán Quỹ Khuyến học, khuyến tài thành phố",
    ),
    DemoAccount(
        "reviewer.hoi",
        Role.REVIEWER,
        "HKH-HP",
        "Hoàng Văn Nam",
        "Ủy viên Ban Thường vụ Hội Khuyến học thành phố",
    ),
)


def load(stdout):
    """Load the official units, then the demo accounts; print who can sign in and how."""
    load_official_units(stdout=stdout)
    rows = []
    for account in DEMO_ACCOUNTS:
        unit = Unit.objects.valid_on(CAMPAIGN_DAY).get(code=account.unit_code)
        user = _account(account)
        _role(user, unit, account.role)
        rows.append((account.username, Role(account.role).label, unit.name, account.full_name))
    _print_accounts(stdout, rows)
    return rows


def _account(account):
    user, _created = User.objects.update_or_create(
        username=account.username,
        defaults={
            "full_name": account.full_name,
            "position": account.position,
            "email": account.email,
            "is_active": True,
            "is_superuser": False,
        },
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _role(user, unit, role):
    holds = Membership.objects.active().filter(user=user, unit=unit, role=role).exists()
    if not holds:
        grant_role(user=user, unit=unit, role=role, starts_on=ROLE_START, note=_("Demo account"))


def _print_accounts(stdout, rows):
    headings = (_("User name"), _("Role"), _("Unit"), _("Name"))
    widths = [max(len(str(row[i])) for row in [headings, *rows]) for i in range(len(headings))]

    def line(cells):
        text = "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True))
        return "  " + text.rstrip() + "\n"

    password = _("Password (the same for every demo account): %(password)s") % {
        "password": DEMO_PASSWORD
    }
    stdout.write("\n" + _("Demo accounts (demo mode only, never on the public portal):") + "\n")
    stdout.write(line(headings))
    stdout.write(line(["-" * width for width in widths]))
    for row in rows:
        stdout.write(line(row))
    stdout.write("\n" + password + "\n")
    stdout.write(
        _("Sign in at /accounts/login/; staff, treasurer and reviewer also reach /admin/.") + "\n"
    )
