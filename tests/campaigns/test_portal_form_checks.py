"""The officers' activity form names every problem of a submission at once, and takes a
contact phone only as a Vietnamese number, stored in one form. Fixtures:
tests/campaigns/fixtures_portal.py."""

import pytest
from django.urls import reverse

from campaigns.models import Activity
from tests.campaigns import fixtures_portal
from tests.campaigns.fixtures_portal import form_data

today = fixtures_portal.today
campaign = fixtures_portal.campaign
new_activity = fixtures_portal.new_activity


def post_new(client, units, campaign, **overrides):
    return client.post(
        reverse("campaigns_portal:activity-new"), form_data(units, campaign, **overrides)
    )


# --- every problem at once -------------------------------------------------------------------


def test_an_empty_title_and_an_end_before_the_start_are_reported_together(
    officer_le_chan_client, units, campaign
):
    response = post_new(
        officer_le_chan_client,
        units,
        campaign,
        title="",
        starts_on="2024-09-21",
        ends_on="2024-09-20",
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title"] == ["This field is required."]
    assert errors["ends_on"] == ["The end date is before the start date."]
    assert not Activity.objects.exists()


def test_every_problem_of_a_submission_is_reported_in_one_round(
    officer_le_chan_client, units, campaign
):
    response = post_new(
        officer_le_chan_client,
        units,
        campaign,
        title="",
        contact_email="khuyenhoc.lechan@",
        contact_phone="0912 345",
        starts_on="2024-10-20",
        start_time="14:00",
        end_time="09:00",
    )

    errors = response.context["form"].errors
    assert set(errors) == {"title", "contact_email", "contact_phone", "starts_on", "end_time"}
    assert errors["starts_on"] == ["20/10/2024 is outside the campaign (05/09/2024 – 05/10/2024)."]
    assert errors["end_time"] == ["The end time is before the start time."]


def test_a_broken_start_date_does_not_raise_rules_that_need_it(
    officer_le_chan_client, units, campaign
):
    response = post_new(officer_le_chan_client, units, campaign, title="", starts_on="21/13/2024")

    errors = response.context["form"].errors
    assert set(errors) == {"title", "starts_on"}


def test_editing_reports_every_problem_at_once_too(
    officer_le_chan_client, units, campaign, new_activity
):
    activity = new_activity()

    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-edit", args=[activity.pk]),
        form_data(units, campaign, title="", starts_on="2024-09-21", ends_on="2024-09-20"),
    )

    assert set(response.context["form"].errors) == {"title", "ends_on"}
    activity.refresh_from_db()
    assert activity.title == "Lễ phát động Tháng Khuyến học quận Lê Chân"


# --- the contact phone -------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["0912 345", "0912 345 678 (anh Hùng)", "1900 1234"])
def test_a_malformed_phone_is_refused_with_the_rule(officer_le_chan_client, units, campaign, typed):
    response = post_new(officer_le_chan_client, units, campaign, contact_phone=typed)

    assert response.status_code == 200
    (message,) = response.context["form"].errors["contact_phone"]
    assert "10 digits" in message
    assert "0912 345 678" in message
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+84 912 345 678", "0912 345 678"),
        ("0912.345.678", "0912 345 678"),
        ("02253856123", "0225 3856 123"),
        ("", ""),
    ],
)
def test_a_phone_is_stored_in_one_form(officer_le_chan_client, units, campaign, typed, stored):
    post_new(officer_le_chan_client, units, campaign, contact_phone=typed)

    assert Activity.objects.get().contact_phone == stored


def test_the_phone_field_says_how_to_write_it(officer_le_chan_client, campaign):
    response = officer_le_chan_client.get(reverse("campaigns_portal:activity-new"))

    field = response.context["form"]["contact_phone"]
    assert 'type="tel"' in str(field)
    assert "0912 345 678" in str(field.help_text)


# --- what the activity's page shows back ---------------------------------------------------


def test_the_history_shows_counts_grouped_and_days_as_dd_mm_yyyy(
    client_for, officer_le_chan, units, campaign, new_activity
):
    client = client_for(officer_le_chan, language=None)  # Vietnamese, as the officers see it
    activity = new_activity(expected_participants=150)
    client.post(
        reverse("campaigns_portal:activity-edit", args=[activity.pk]),
        form_data(units, campaign, expected_participants="1500", starts_on="2024-09-21"),
    )

    response = client.get(reverse("campaigns_portal:activity", args=[activity.pk]))

    changes = {c["label"]: (c["old"], c["new"]) for c in response.context["history"][0]["changes"]}
    assert changes["số người dự kiến"] == ("150", "1.500")
    assert changes["ngày bắt đầu"] == ("15/09/2024", "21/09/2024")


def test_the_form_says_the_contact_is_published_with_a_public_activity(
    officer_le_chan_client, campaign
):
    response = officer_le_chan_client.get(reverse("campaigns_portal:activity-new"))

    page = response.content.decode()
    start = page.index("<legend>Contact and publication")
    contact_set = page[start : page.index("</fieldset>", start)]
    assert "name, phone and e-mail are published with it" in contact_set
    assert 'id="id_contact_name"' in contact_set
    note_id = contact_set.split('class="fieldset__note" id="', 1)[1].split('"', 1)[0]
    assert f'aria-describedby="{note_id}"' in page
