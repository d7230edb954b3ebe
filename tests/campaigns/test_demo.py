"""`manage.py load_demo`: the 2024 Month of Study Promotion with its activities."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from campaigns import selectors, services
from campaigns.models import (
    Activity,
    ActivityKind,
    ActivityResult,
    ActivityState,
    Campaign,
    CampaignState,
    FocusArea,
    KeyDate,
)
from common.history import audit
from common.models import HistoryEntry
from organizations.models import Unit, UnitLevel, User
from tests.campaigns import demo_fingerprint

pytestmark = pytest.mark.django_db

DISTRICTS_2024 = {
    "Quận Hồng Bàng",
    "Quận Ngô Quyền",
    "Quận Lê Chân",
    "Quận Hải An",
    "Quận Kiến An",
    "Quận Đồ Sơn",
    "Quận Dương Kinh",
    "Huyện Thuỷ Nguyên",
    "Huyện An Dương",
    "Huyện An Lão",
    "Huyện Kiến Thuỵ",
    "Huyện Tiên Lãng",
    "Huyện Vĩnh Bảo",
    "Huyện Cát Hải",
    "Huyện Bạch Long Vĩ",
}


def load_demo():
    out = io.StringIO()
    with override_settings(DEMO_MODE=True), translation.override("en"):
        call_command("load_demo", stdout=out)
    return out.getvalue()


def counts():
    return {
        "campaigns": Campaign.objects.count(),
        "focus areas": FocusArea.objects.count(),
        "key dates": KeyDate.objects.count(),
        "participants": Campaign.participants.through.objects.count(),
        "activities": Activity.objects.count(),
        "co-organisers": Activity.co_organizers.through.objects.count(),
        "results": ActivityResult.objects.count(),
        "history": HistoryEntry.objects.count(),
    }


# What the module's load of the demo did: its SQL statements and the work it left for after
# the commit (mails).
LOAD = {"statements": [], "pending_on_commit": []}


def _note_statement(execute, sql, params, many, context):
    LOAD["statements"].append(sql)
    return execute(sql, params, many, context)


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module (a load takes several seconds) inside a
    transaction that is rolled back when the module's tests are done; each test runs in a
    savepoint of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with connection.execute_wrapper(_note_statement):
            output = load_demo()
        LOAD["pending_on_commit"] = list(connection.run_on_commit)
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def demo(_loaded_once, db):
    return Campaign.objects.get(year=2024), _loaded_once


def test_demo_campaign_is_the_2024_plan_with_its_eight_focus_areas(demo):
    campaign, output = demo
    assert campaign.plan_number == "204/KH-UBND"
    assert campaign.plan_date.isoformat() == "2024-08-28"
    assert (campaign.starts_on.isoformat(), campaign.ends_on.isoformat()) == (
        "2024-09-05",
        "2024-10-05",
    )
    assert campaign.state == CampaignState.OPEN
    assert campaign.lifelong_learning_theme
    areas = list(campaign.focus_areas.order_by("position"))
    assert [area.position for area in areas] == list(range(1, 9))
    assert all(area.short_title and area.description for area in areas)
    assert "Tuần lễ" in areas[4].title
    assert "Quỹ Khuyến học" in areas[6].title
    spans = {
        (key.starts_on.isoformat(), key.last_day.isoformat()) for key in campaign.key_dates.all()
    }
    assert ("2024-10-02", "2024-10-02") in spans  # Ngày Khuyến học Việt Nam
    assert ("2024-10-01", "2024-10-07") in spans  # Lifelong Learning Week
    assert ("2024-09-05", "2024-09-05") in spans
    assert ("2024-10-05", "2024-10-05") in spans
    assert "Activities:" in output


def test_demo_campaign_asks_the_15_districts_and_the_city_bodies(demo):
    campaign, _output = demo
    participants = list(campaign.participants.all())
    districts = {unit.name for unit in participants if unit.level == UnitLevel.DISTRICT}
    assert districts == DISTRICTS_2024
    bodies = {unit.code for unit in participants if unit.level == UnitLevel.BODY}
    assert {"HKH-HP", "SGDDT-HP", "BQLKKT-HP", "TD-HP", "BCHQS-HP"} <= bodies


def test_demo_activities_cover_every_district_focus_area_and_kind(demo):
    campaign, _output = demo
    activities = campaign.activities.all()
    assert 120 <= activities.count() <= 170
    for district in Unit.objects.filter(name__in=DISTRICTS_2024):
        assert selectors.in_unit(activities, district).exists(), district.name
    assert set(activities.values_list("focus_area__position", flat=True)) == set(range(1, 9))
    assert set(activities.values_list("kind", flat=True)) == set(ActivityKind.values)
    by_bodies = activities.filter(organizer__kind__in=["department", "union", "armed_forces"])
    assert by_bodies.count() >= 10


def test_demo_activities_peak_in_the_first_days_of_october(demo):
    campaign, _output = demo
    activities = list(campaign.activities.all())
    first_week = [a for a in activities if a.starts_on.month == 10]
    september_days = 26  # 5/9 to 30/9
    assert len(first_week) / 5 > 2 * (len(activities) - len(first_week)) / september_days


def test_demo_activities_follow_the_rules_of_an_entry(demo):
    campaign, _output = demo
    staff = User.objects.get(username="staff.hoi")
    for activity in campaign.activities.select_related("organizer", "commune", "focus_area"):
        co_organizers = list(activity.co_organizers.all())
        # The same checks an officer's entry goes through (dates inside the campaign,
        # organiser and commune valid on the activity's date, times in order).
        services.validate_activity(activity, by=staff, co_organizers=co_organizers)
        activity.full_clean(exclude=["co_organizers"])
        assert activity.title == activity.title.strip()


def test_demo_states_give_officers_and_staff_something_to_do(demo):
    campaign, _output = demo
    activities = campaign.activities.all()
    published = activities.filter(state=ActivityState.PUBLISHED)
    assert published.count() >= 0.8 * activities.count()
    assert published.filter(result__isnull=False).exists()
    assert published.filter(result__isnull=True).exists()
    assert activities.filter(state=ActivityState.CANCELLED).exclude(cancel_reason="").count() >= 3
    assert not activities.filter(state=ActivityState.CANCELLED, cancel_reason="").exists()
    for username in ("officer.lechan", "officer.kienan"):
        due = selectors.due_for(User.objects.get(username=username))
        assert due["drafts"].exists(), username
        assert due["returned"].exclude(return_reason="").exists(), username
        assert due["results_missing"].exists(), username
    assert selectors.review_queue().count() >= 2
    money = ActivityResult.objects.exclude(money_raised=None).values_list("money_raised", flat=True)
    assert money
    assert all(amount % 500_000 == 0 for amount in money)


def test_demo_history_shows_who_entered_submitted_and_published_each_activity(demo):
    campaign, _output = demo
    staff = User.objects.get(username="staff.hoi")
    for activity in campaign.activities.filter(state=ActivityState.PUBLISHED):
        entries = list(audit.history_of(activity).order_by("at", "pk"))
        actions = [entry.action for entry in entries]
        assert actions[:3] == ["created", "submitted", "published"], activity.title
        assert all(entry.actor is not None for entry in entries)
        assert entries[2].actor == staff
        assert entries[2].at < activity.starts_at
        assert activity.published_at == entries[2].at
    officer = User.objects.get(username="officer.lechan")
    lechan = campaign.activities.filter(organizer__name="Quận Lê Chân")
    assert lechan.filter(created_by=officer).count() == lechan.count()


def test_load_demo_twice_changes_nothing(demo):
    before = counts()
    output = load_demo()
    assert counts() == before
    assert "0 added" in output


def test_demo_loads_exactly_the_recorded_2024_month(demo):
    """Campaign, focus areas, key dates, participants and the 153 activities with every
    field, co-organiser, state, result and history entry, as recorded in
    tests/campaigns/data/demo-2024-fingerprint.json."""
    recorded = demo_fingerprint.loads(
        (Path(__file__).parent / "data" / demo_fingerprint.FIXTURE).read_text(encoding="utf-8")
    )
    loaded = demo_fingerprint.fingerprint()
    assert len(loaded["activities"]) == 153
    assert {key: value for key, value in loaded.items() if key != "activities"} == {
        key: value for key, value in recorded.items() if key != "activities"
    }
    for got, expected in zip(loaded["activities"], recorded["activities"], strict=True):
        assert got == expected


def test_demo_history_is_written_once_and_never_edited(demo):
    """Every entry is added by the services, at the 2024 time it happened; none is changed
    afterwards (no UPDATE of the history table while loading)."""
    table = HistoryEntry._meta.db_table
    edits = [
        sql
        for sql in LOAD["statements"]
        if sql.lstrip().upper().startswith("UPDATE") and table in sql
    ]
    assert edits == []
    assert LOAD["statements"]  # the load was observed
    times = HistoryEntry.objects.filter(content_type__app_label="campaigns", at__year=2024).count()
    assert times == HistoryEntry.objects.filter(content_type__app_label="campaigns").count()


def test_demo_queues_no_mail(demo, mailoutbox):
    """The demo month is long over: loading it sends the demo accounts nothing."""
    assert LOAD["pending_on_commit"] == []
    assert mailoutbox == []
