"""Shared fixtures for every test package: a small Hải Phòng and the people who work in it.

The tree (fixture `units`, built in the test database, closure table rebuilt)::

    units.city           31     Thành phố Hải Phòng              (until 30/06/2025)
    units.le_chan        305    Quận Lê Chân                     (until 30/06/2025)
    units.an_bien        11371    Phường An Biên
    units.du_hang_kenh   11404    Phường Dư Hàng Kênh
    units.kien_an        307    Quận Kiến An                     (until 30/06/2025)
    units.bac_son        11434    Phường Bắc Sơn
    units.nam_son        11437    Phường Nam Sơn
    units.department     SGDDT-HP  Sở Giáo dục và Đào tạo thành phố Hải Phòng  (a body)
    units.association    HKH-HP    Hội Khuyến học thành phố Hải Phòng         (a body)

Codes, names and periods are the official ones (organizations/data/): the communes have no
known start and end on 30/06/2025 like their districts; the two bodies hang under city code 31
with open periods. `units.campaign_day` (15/09/2024) is a day inside the 2024 Month of Study
Promotion, when the whole tree above was valid.

`moved_ward` adds Phường Lãm Hà, under Quận Lê Chân until 31/12/2024 and then (a new row with
the same code, as the statistics office writes such moves) under Quận Kiến An from 1/1/2025.
The move is made up; it copies how Xã Đại Bản left Huyện An Dương for Quận Hồng Bàng on
1/1/2025. It unpacks as `before, after` (the two rows); `.day_before` and `.day_after` are a
day in each period.

The personas (each a `User` with a Vietnamese full name and position, one role from
1/1/2024, open-ended, granted through `organizations.services.grant_role`; their password is
the `persona_password` fixture):

    officer_le_chan      unit officer of Quận Lê Chân
    approver_le_chan     unit approver of Quận Lê Chân
    officer_kien_an      unit officer of Quận Kiến An
    officer_department   unit officer of Sở Giáo dục và Đào tạo
    staff                association staff (Hội Khuyến học thành phố)
    treasurer            treasurer of the association
    reviewer             reviewer of the association
    superuser            a superuser without any role
    nobody               signed in, active, but no role anywhere

Clients:

    client_for(user, language="en")   a new test client signed in as `user`; pass
                                      language=None for the portal's default (Vietnamese)
    <persona>_client                  client_for(<persona>), e.g. `officer_le_chan_client`,
                                      `staff_client`, `treasurer_client`
    anonymous_client                  nobody signed in, English pages

Clients ask for English pages by default, so that assertions on wording keep holding once the
Vietnamese translation exists; assert on data (unit names) where you can.

Factories for a test's own cases:

    make_person(username, role=None, unit=None, *, full_name="", position="", email="",
                starts_on=date(2024, 1, 1))
    make_unit(code, name, kind, parent=None or a code, *, valid_from=None, valid_until=None)
        (call `organizations.services.rebuild_ancestry()` after adding units)

The campaign, for every package that enters or reads activities (tests/campaigns/factories.py
builds its variants): `campaign` (Tháng Khuyến học 2024, 5/9–5/10, open for entries, focus
areas 1 and 7); `activity(state=SUBMITTED, *, by=officer_le_chan, **fields)`, brought to
`state` through the services; `submitted`, three activities submitted in this order. A module
turns on `today` (20/09/2024; today(day) moves it) or `_english` (messages in English) with
`pytestmark = pytest.mark.usefixtures(...)`. `official_tree` (module scope) loads the official
tree of organizations/data once for the module that asks and removes it after, so that the
small trees above never meet it; its tests run in their own transaction as usual.

Password hashing uses Django's fast MD5 hasher in tests (autouse fixture below): the real
hasher takes about a second per password and would dominate the suite's run time.
"""

import datetime
from types import SimpleNamespace
from typing import NamedTuple

import pytest
from django.test import Client
from django.utils import translation

from campaigns.models import Activity, ActivityState
from organizations.models import Role, Unit, UnitKind, User
from organizations.services import grant_role, rebuild_ancestry
from tests.campaigns.factories import bring_to, enter_activity, freeze_today, make_campaign
from tests.organizations.unit_tables import official_units_loaded

PERSONA_PASSWORD = "Hoa-phuong-do-2024"
ROLE_START = datetime.date(2024, 1, 1)
DISTRICTS_END = datetime.date(2025, 6, 30)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: pages cached by one test (under the same public
    generation, since every test's database starts alike) must not answer the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _portal_language():
    """Each test starts in the portal's language, Vietnamese, whatever the test before it
    left active (a request answered in English leaves English active in the thread), and
    leaves it so for the next."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def persona_password():
    """The password every persona signs in with."""
    return PERSONA_PASSWORD


@pytest.fixture
def make_unit(db):
    """make_unit(code, name, kind, parent=None, *, valid_from=None, valid_until=None)."""

    def make(code, name, kind, parent=None, *, valid_from=None, valid_until=None, **extra):
        parent_code = parent.code if isinstance(parent, Unit) else (parent or "")
        return Unit.objects.create(
            code=code,
            name=name,
            kind=kind,
            parent_code=parent_code,
            valid_from=valid_from,
            valid_until=valid_until,
            **extra,
        )

    return make


@pytest.fixture
def units(make_unit):
    """The small Hải Phòng described at the top of this file."""
    city = make_unit("31", "Thành phố Hải Phòng", UnitKind.CITY, valid_until=DISTRICTS_END)

    def district(code, name):
        return make_unit(code, name, UnitKind.URBAN_DISTRICT, city, valid_until=DISTRICTS_END)

    def ward(code, name, parent):
        return make_unit(code, name, UnitKind.WARD, parent, valid_until=DISTRICTS_END)

    le_chan = district("305", "Quận Lê Chân")
    kien_an = district("307", "Quận Kiến An")
    tree = SimpleNamespace(
        city=city,
        le_chan=le_chan,
        an_bien=ward("11371", "Phường An Biên", le_chan),
        du_hang_kenh=ward("11404", "Phường Dư Hàng Kênh", le_chan),
        kien_an=kien_an,
        bac_son=ward("11434", "Phường Bắc Sơn", kien_an),
        nam_son=ward("11437", "Phường Nam Sơn", kien_an),
        department=make_unit(
            "SGDDT-HP", "Sở Giáo dục và Đào tạo thành phố Hải Phòng", UnitKind.DEPARTMENT, city
        ),
        association=make_unit(
            "HKH-HP", "Hội Khuyến học thành phố Hải Phòng", UnitKind.ASSOCIATION, city
        ),
        campaign_day=datetime.date(2024, 9, 15),
    )
    rebuild_ancestry()
    return tree


class MovedWard(NamedTuple):
    before: Unit
    after: Unit
    day_before = datetime.date(2024, 9, 15)
    day_after = datetime.date(2025, 3, 1)


@pytest.fixture
def moved_ward(units, make_unit):
    """Phường Lãm Hà, under Lê Chân until 31/12/2024, then under Kiến An (see above)."""
    move_day = datetime.date(2025, 1, 1)
    before = make_unit(
        "11429",
        "Phường Lãm Hà",
        UnitKind.WARD,
        units.le_chan,
        valid_until=move_day - datetime.timedelta(days=1),
    )
    after = make_unit(
        "11429",
        "Phường Lãm Hà",
        UnitKind.WARD,
        units.kien_an,
        valid_from=move_day,
        valid_until=DISTRICTS_END,
    )
    rebuild_ancestry()
    return MovedWard(before, after)


@pytest.fixture
def make_person(db):
    """make_person(username, role=None, unit=None, *, full_name=..., position=..., ...).

    Creates an active user whose password is `persona_password`, and grants the role (when
    given) through the service, as the admin does.
    """

    def make(
        username,
        role=None,
        unit=None,
        *,
        full_name="",
        position="",
        email="",
        starts_on=ROLE_START,
        **extra,
    ):
        user = User(
            username=username,
            full_name=full_name,
            position=position,
            email=email or f"{username}@example.com",
            **extra,
        )
        user.set_password(PERSONA_PASSWORD)
        user.save()
        if role is not None:
            grant_role(user=user, unit=unit, role=role, starts_on=starts_on)
        return user

    return make


@pytest.fixture
def officer_le_chan(units, make_person):
    return make_person(
        "officer_le_chan",
        Role.OFFICER,
        units.le_chan,
        full_name="Nguyễn Thị Thu Hà",
        position="Chuyên viên Phòng Giáo dục và Đào tạo quận Lê Chân",
    )


@pytest.fixture
def approver_le_chan(units, make_person):
    return make_person(
        "approver_le_chan",
        Role.APPROVER,
        units.le_chan,
        full_name="Trần Văn Hùng",
        position="Trưởng phòng Giáo dục và Đào tạo quận Lê Chân",
    )


@pytest.fixture
def officer_kien_an(units, make_person):
    return make_person(
        "officer_kien_an",
        Role.OFFICER,
        units.kien_an,
        full_name="Phạm Minh Tuấn",
        position="Chuyên viên Phòng Văn hóa và Thông tin quận Kiến An",
    )


@pytest.fixture
def officer_department(units, make_person):
    return make_person(
        "officer_department",
        Role.OFFICER,
        units.department,
        full_name="Lê Thị Hồng Nhung",
        position="Chuyên viên Phòng Giáo dục thường xuyên, Sở Giáo dục và Đào tạo",
    )


@pytest.fixture
def staff(units, make_person):
    return make_person(
        "staff",
        Role.STAFF,
        units.association,
        full_name="Vũ Thị Lan Anh",
        position="Chuyên viên Văn phòng Hội Khuyến học thành phố",
    )


@pytest.fixture
def treasurer(units, make_person):
    return make_person(
        "treasurer",
        Role.TREASURER,
        units.association,
        full_name="Đỗ Thị Mai",
        position="Kế toán Quỹ Khuyến học, khuyến tài thành phố",
    )


@pytest.fixture
def reviewer(units, make_person):
    return make_person(
        "reviewer",
        Role.REVIEWER,
        units.association,
        full_name="Hoàng Văn Nam",
        position="Ủy viên Ban Thường vụ Hội Khuyến học thành phố",
    )


@pytest.fixture
def superuser(units, make_person):
    return make_person("superuser", full_name="Quản trị hệ thống", is_superuser=True)


@pytest.fixture
def nobody(units, make_person):
    return make_person("nobody", full_name="Bùi Văn Khách", position="Cộng tác viên")


@pytest.fixture
def client_for(db):
    """client_for(user, language="en"): a new test client signed in as `user`."""

    def make(user, language="en"):
        client = Client()
        if user is not None:
            client.force_login(user)
        if language:
            client.cookies["portal_language"] = language
        return client

    return make


@pytest.fixture
def anonymous_client(client_for):
    return client_for(None)


@pytest.fixture
def officer_le_chan_client(client_for, officer_le_chan):
    return client_for(officer_le_chan)


@pytest.fixture
def approver_le_chan_client(client_for, approver_le_chan):
    return client_for(approver_le_chan)


@pytest.fixture
def officer_kien_an_client(client_for, officer_kien_an):
    return client_for(officer_kien_an)


@pytest.fixture
def officer_department_client(client_for, officer_department):
    return client_for(officer_department)


@pytest.fixture
def staff_client(client_for, staff):
    return client_for(staff)


@pytest.fixture
def treasurer_client(client_for, treasurer):
    return client_for(treasurer)


@pytest.fixture
def reviewer_client(client_for, reviewer):
    return client_for(reviewer)


@pytest.fixture
def superuser_client(client_for, superuser):
    return client_for(superuser)


@pytest.fixture
def nobody_client(client_for, nobody):
    return client_for(nobody)


@pytest.fixture
def today(monkeypatch):
    """The portal's "today" is 20/09/2024, inside the 2024 campaign, unless a test moves it."""
    return freeze_today(monkeypatch)


@pytest.fixture
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def campaign(db):
    """Tháng Khuyến học 2024 (Kế hoạch 204/KH-UBND, 5/9–5/10/2024), open for entries."""
    return make_campaign()


@pytest.fixture
def activity(campaign, officer_le_chan, staff):
    """activity(state=..., by=officer of Lê Chân, **fields): brought to `state` through the
    services, so that its history is the real one."""

    def make(state=ActivityState.SUBMITTED, *, by=None, **fields):
        officer = by or officer_le_chan
        return bring_to(
            enter_activity(campaign, by=officer, **fields),
            state,
            officer=officer,
            staff=staff,
            return_reason="Thiếu địa chỉ.",
            cancel_reason="Hoãn vì bão.",
        )

    return make


@pytest.fixture
def submitted(activity, staff):
    """Three submitted activities, submitted in this order."""
    first = activity(title="Hội nghị triển khai Tháng Khuyến học")
    second = activity(title="Ngày hội đọc sách phường An Biên")
    third = activity(title="Trao học bổng Hoa Phượng Đỏ")
    for minutes, item in enumerate([first, second, third]):
        Activity.objects.filter(pk=item.pk).update(
            submitted_at=datetime.datetime(2024, 9, 1, 8, minutes, tzinfo=datetime.UTC)
        )
    return first, second, third


@pytest.fixture(scope="module")
def official_tree(django_db_setup, django_db_blocker):
    """The official unit tree, loaded once for the module; the load's reports."""
    with official_units_loaded(django_db_blocker) as reports:
        yield reports


@pytest.fixture
def media(settings, tmp_path):
    """MEDIA_ROOT in the test's own temporary folder (evidence files, attachments)."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def english():
    """The active language English, outside a request (the services' messages are matched
    in English; without it they speak the portal's Vietnamese)."""
    with translation.override("en"):
        yield
