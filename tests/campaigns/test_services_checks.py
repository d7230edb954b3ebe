"""services.check_activity: the services' rules and the model's own checks of an activity,
said together and each once, so that whoever enters an activity (a form, the admin, an
upload) learns every problem in one round. Fixtures: tests/campaigns/conftest.py.
"""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from campaigns import services
from campaigns.models import Activity
from tests.campaigns.factories import history

pytestmark = pytest.mark.usefixtures("_english")


def refusal(make, **fields):
    with pytest.raises(ValidationError) as refused:
        make(**fields)
    return refused.value.message_dict


def test_a_rule_and_a_fields_own_check_are_reported_together(new_activity):
    refused = refusal(
        new_activity,
        contact_email="khuyenhoc.lechan@",
        contact_phone="0912 345",
        starts_on=datetime.date(2024, 9, 21),
        ends_on=datetime.date(2024, 9, 20),
    )

    assert refused == {
        "contact_email": ["Enter a valid email address."],
        "contact_phone": [refused["contact_phone"][0]],
        "ends_on": ["The end date is before the start date."],
    }
    assert "10 digits" in refused["contact_phone"][0]
    assert not Activity.objects.exists()


def test_a_rule_said_by_the_services_is_not_said_again_by_the_constraint(new_activity):
    refused = refusal(
        new_activity, starts_on=datetime.date(2024, 9, 21), ends_on=datetime.date(2024, 9, 20)
    )

    assert refused == {"ends_on": ["The end date is before the start date."]}


def test_changing_an_activity_reports_every_problem_too(new_activity, officer_le_chan):
    activity = new_activity()

    refused = refusal(
        lambda **fields: services.update_activity(activity, by=officer_le_chan, **fields),
        title=" ",
        contact_phone="12345",
        starts_on=datetime.date(2024, 11, 1),
        ends_on=datetime.date(2024, 11, 1),
    )

    assert set(refused) == {"title", "contact_phone", "starts_on", "ends_on"}


def test_unreadable_fields_are_left_to_whoever_could_not_read_them(campaign, officer_le_chan):
    activity = Activity(
        campaign=campaign,
        created_by=officer_le_chan,
        organizer=officer_le_chan.memberships.get().unit,
        focus_area=campaign.focus_areas.first(),
        kind="ceremony",
        title="",
        starts_on=None,
        ends_on=None,
        contact_email="khuyenhoc.lechan@",
    )

    with pytest.raises(ValidationError) as refused:
        services.check_activity(activity, by=officer_le_chan, unreadable={"title", "starts_on"})

    assert refused.value.message_dict == {"contact_email": ["Enter a valid email address."]}


def test_a_phone_is_stored_in_its_written_form(new_activity):
    assert new_activity(contact_phone="+84 912.345.678").contact_phone == "0912 345 678"


def test_phones_already_stored_are_rewritten_once_with_history(new_activity):
    lost_zero = new_activity(title="Ngày hội đọc sách")
    unreadable = new_activity(title="Tọa đàm")
    Activity.objects.filter(pk=lost_zero.pk).update(contact_phone="912345678")
    Activity.objects.filter(pk=unreadable.pk).update(contact_phone="0912 345 (anh Hùng)")
    migration = importlib.import_module("campaigns.migrations.0004_contact_phone_vietnamese")

    migration.rewrite_phones(apps, None)

    lost_zero.refresh_from_db()
    unreadable.refresh_from_db()
    assert lost_zero.contact_phone == "0912 345 678"
    assert unreadable.contact_phone == "0912 345 (anh Hùng)"
    entry = history(lost_zero)[-1]
    assert (entry.action, entry.actor) == ("changed", None)
    assert entry.changes == {"contact_phone": ["912345678", "0912 345 678"]}
    assert [item.action for item in history(unreadable)] == ["created"]
