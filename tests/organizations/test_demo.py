"""`manage.py load_demo`: the official units and one account per role, only in demo mode."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from organizations import permissions
from organizations.demo import CAMPAIGN_DAY, DEMO_ACCOUNTS, load
from organizations.models import Membership, Role, Unit, User
from tests.actions import Action

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def run_load_demo():
    out = io.StringIO()
    with translation.override("en"):
        call_command("load_demo", stdout=out)
    return out.getvalue()


def printed_accounts(output):
    """[(user name, role)] from the table, and the password printed under it."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("User name"))
    accounts = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        cells = re.split(r"\s{2,}", line.strip())
        accounts.append((cells[0], cells[1]))
    password = re.search(r"Password \(the same for every demo account\): (\S+)", output)
    return accounts, password.group(1)


def test_load_demo_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="PORTAL_DEMO=True"):
        call_command("load_demo", stdout=io.StringIO())
    assert not User.objects.exists()
    assert not Unit.objects.exists()
    assert not Membership.objects.exists()


def test_load_demo_creates_each_account_once_and_they_sign_in(settings):
    settings.DEMO_MODE = True
    first = run_load_demo()
    counts = (User.objects.count(), Membership.objects.count(), Unit.objects.count())
    second = run_load_demo()
    assert (User.objects.count(), Membership.objects.count(), Unit.objects.count()) == counts
    # the learning models add a district reviewer, the fund a district treasurer
    assert counts[:2] == (9, 9)

    accounts, password = printed_accounts(second)
    assert printed_accounts(first) == (accounts, password)
    with translation.override("en"):  # the language the table was printed in
        labels = {str(role.label) for role in Role}
    assert {role for _name, role in accounts} == labels
    for username, _role in accounts:
        client = Client()
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": password}
        )
        assert response.status_code == 302, username
        assert response["Location"] == reverse("portal:dashboard")


def test_load_demo_accounts_hold_their_roles_in_the_real_tree(settings):
    settings.DEMO_MODE = True
    load(io.StringIO())
    lechan_officer = User.objects.get(username="officer.lechan")
    le_chan = Unit.objects.valid_on(CAMPAIGN_DAY).get(code="305")
    kien_an = Unit.objects.valid_on(CAMPAIGN_DAY).get(code="307")
    assert lechan_officer.full_name == "Nguyễn Thị Thu Hà"
    assert lechan_officer.position
    ward_of_le_chan = Unit.objects.valid_on(CAMPAIGN_DAY).get(code="11404")  # Dư Hàng Kênh
    ward_of_kien_an = Unit.objects.valid_on(CAMPAIGN_DAY).get(code="11434")  # Bắc Sơn
    day = datetime.date(2024, 9, 20)
    assert permissions.can(lechan_officer, Action.EDIT_UNIT_WORK, ward_of_le_chan, on=day)
    assert not permissions.can(lechan_officer, Action.VIEW_UNIT, ward_of_kien_an)
    assert not permissions.can(lechan_officer, Action.VIEW_UNIT, kien_an)
    assert permissions.can(User.objects.get(username="officer.kienan"), Action.VIEW_UNIT, kien_an)
    assert permissions.can(User.objects.get(username="approver.lechan"), Action.SIGN_OFF, le_chan)
    staff = User.objects.get(username="staff.hoi")
    assert permissions.can(staff, Action.USE_ADMIN)
    assert permissions.can(User.objects.get(username="treasurer.hoi"), Action.HANDLE_MONEY)
    assert permissions.can(User.objects.get(username="reviewer.hoi"), Action.REVIEW)
    department = User.objects.get(username="officer.sogddt").memberships.get().unit
    assert department.code == "SGDDT-HP"
    assert staff.memberships.get().unit.code == "HKH-HP"
    assert not User.objects.filter(is_superuser=True).exists()


def test_load_demo_again_repairs_changed_passwords_and_ended_roles(settings, persona_password):
    settings.DEMO_MODE = True
    load(io.StringIO())
    user = User.objects.get(username="officer.kienan")
    user.set_password(persona_password)
    user.save()
    ended = Membership.objects.get(user__username="officer.lechan")
    ended.ends_on = datetime.date(2025, 6, 30)
    ended.save()

    out = io.StringIO()
    with translation.override("en"):
        load(out)
    _accounts, password = printed_accounts(out.getvalue())
    user.refresh_from_db()
    assert user.check_password(password)
    assert User.objects.count() == len(DEMO_ACCOUNTS)
    # The ended role stays on record; a new one is given, so the printed table holds.
    assert Membership.objects.filter(user__username="officer.lechan").count() == 2
    assert Membership.objects.active().filter(user__username="officer.lechan").count() == 1
