"""One activity through the officers' forms (/portal/activities/…): entering it as a draft
(refused with the reason when wrong), changing it with its history, submitting, seeing why
it was returned, cancelling with a reason. Fixtures: tests/campaigns/fixtures_portal.py.
"""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Activity, ActivityKind, ActivityState, Campaign, CampaignState
from common.history import audit
from tests.campaigns import fixtures_portal
from tests.campaigns.fixtures_portal import form_data, page_text

today = fixtures_portal.today
campaign = fixtures_portal.campaign
new_activity = fixtures_portal.new_activity
activity_in = fixtures_portal.activity_in


# --- entering an activity ------------------------------------------------------------------


def test_new_activity_form_offers_only_my_units_and_the_campaigns_communes(
    officer_le_chan_client, units, campaign
):
    response = officer_le_chan_client.get(reverse("campaigns_portal:activity-new"))

    form = response.context["form"]
    organizers = set(form.fields["organizer"].queryset)
    assert units.le_chan in organizers
    assert units.an_bien in organizers
    assert units.kien_an not in organizers
    assert units.department not in organizers
    assert set(form.fields["focus_area"].queryset) == set(campaign.focus_areas.all())
    text = page_text(response)
    assert '<optgroup label="Quận Lê Chân">' in text
    assert '<optgroup label="Quận Kiến An">' in text
    assert 'type="date"' in text
    assert 'type="time"' in text
    assert "leave both times empty" in text.lower()


def test_officer_creates_an_activity_as_a_draft(
    officer_le_chan_client, officer_le_chan, units, campaign
):
    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-new"), form_data(units, campaign), follow=True
    )

    activity = Activity.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "campaigns_portal:activity", args=[activity.pk]
    )
    assert activity.state == ActivityState.DRAFT
    assert activity.organizer == units.le_chan
    assert activity.ends_on == datetime.date(2024, 9, 21)
    assert activity.commune == units.an_bien
    assert list(activity.co_organizers.all()) == [units.department]
    assert activity.created_by == officer_le_chan
    assert [entry.action for entry in audit.history_of(activity)] == ["created"]
    assert "is saved" in page_text(response)


def test_an_activity_without_times_is_all_day(officer_le_chan_client, units, campaign):
    officer_le_chan_client.post(
        reverse("campaigns_portal:activity-new"),
        form_data(units, campaign, start_time="", end_time="", ends_on="2024-09-22"),
    )

    activity = Activity.objects.get()
    assert activity.all_day
    assert (activity.starts_on, activity.ends_on) == (
        datetime.date(2024, 9, 21),
        datetime.date(2024, 9, 22),
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"starts_on": "2024-09-21", "ends_on": "2024-09-20"},
            "ends_on",
            "The end date is before the start date.",
        ),
        (
            {"starts_on": "2024-10-20"},
            "starts_on",
            "20/10/2024 is outside the campaign (05/09/2024 – 05/10/2024).",
        ),
        (
            {"start_time": "14:00", "end_time": "09:00"},
            "end_time",
            "The end time is before the start time.",
        ),
    ],
)
def test_new_activity_is_refused_with_the_reason_and_nothing_saved(
    officer_le_chan_client, units, campaign, overrides, field, message
):
    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-new"), form_data(units, campaign, **overrides)
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "Nothing was saved" in page_text(response)
    assert not Activity.objects.exists()


def test_new_activity_for_a_unit_not_mine_is_refused(officer_le_chan_client, units, campaign):
    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-new"),
        form_data(units, campaign, organizer=units.kien_an.pk),
    )

    assert response.status_code == 200
    assert "organizer" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_new_activity_form_explains_when_no_campaign_is_open(officer_le_chan_client, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)

    response = officer_le_chan_client.get(reverse("campaigns_portal:activity-new"))

    assert response.status_code == 200
    assert "No campaign is open for entries" in page_text(response)


def test_officer_changes_a_draft_and_the_history_shows_old_and_new(
    officer_le_chan_client, new_activity, units, campaign
):
    activity = new_activity()
    data = form_data(
        units,
        campaign,
        title="Lễ phát động Tháng Khuyến học năm 2024",
        kind=ActivityKind.CONFERENCE.value,
        starts_on="2024-09-15",
    )

    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-edit", args=[activity.pk]), data, follow=True
    )

    activity.refresh_from_db()
    assert activity.title == "Lễ phát động Tháng Khuyến học năm 2024"
    assert [entry.action for entry in audit.history_of(activity)] == ["changed", "created"]
    history = response.context["history"]
    title_change = next(c for c in history[0]["changes"] if c["label"] == "title")
    assert title_change == {
        "label": "title",
        "old": "Lễ phát động Tháng Khuyến học quận Lê Chân",
        "new": "Lễ phát động Tháng Khuyến học năm 2024",
    }
    kind_change = next(c for c in history[0]["changes"] if c["label"] == "kind")
    assert (kind_change["old"], kind_change["new"]) == ("ceremony", "conference or meeting")
    text = page_text(response)
    assert "The changes are saved." in text
    assert "Lễ phát động Tháng Khuyến học quận Lê Chân" in text


def test_edit_form_starts_with_the_activitys_values(officer_le_chan_client, new_activity):
    activity = new_activity()

    response = officer_le_chan_client.get(
        reverse("campaigns_portal:activity-edit", args=[activity.pk])
    )

    text = page_text(response)
    assert 'value="2024-09-15"' in text
    assert 'value="08:00"' in text
    assert activity.title in text


def test_editing_a_submitted_activity_is_refused_while_it_is_reviewed(
    officer_le_chan_client, activity_in
):
    activity = activity_in(ActivityState.SUBMITTED)

    response = officer_le_chan_client.get(
        reverse("campaigns_portal:activity-edit", args=[activity.pk]), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse(
        "campaigns_portal:activity", args=[activity.pk]
    )
    assert "being reviewed" in page_text(response)


# --- submitting, returning, cancelling -------------------------------------------------------


def test_officer_submits_a_draft(officer_le_chan_client, new_activity):
    activity = new_activity()

    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-submit", args=[activity.pk]), follow=True
    )

    activity.refresh_from_db()
    assert activity.state == ActivityState.SUBMITTED
    assert "submitted for review" in page_text(response)


def test_submit_needs_a_post(officer_le_chan_client, new_activity):
    activity = new_activity()

    response = officer_le_chan_client.get(
        reverse("campaigns_portal:activity-submit", args=[activity.pk])
    )

    assert response.status_code == 405
    activity.refresh_from_db()
    assert activity.state == ActivityState.DRAFT


def test_submitting_in_a_closed_campaign_says_why(officer_le_chan_client, new_activity, campaign):
    activity = new_activity()
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)

    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-submit", args=[activity.pk]), follow=True
    )

    activity.refresh_from_db()
    assert activity.state == ActivityState.DRAFT
    assert "is not open for entries" in page_text(response)


def test_returned_activity_shows_why_and_can_be_submitted_again(
    officer_le_chan_client, activity_in
):
    activity = activity_in(ActivityState.RETURNED)

    page = officer_le_chan_client.get(reverse("campaigns_portal:activity", args=[activity.pk]))
    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-submit", args=[activity.pk]), follow=True
    )

    text = page_text(page)
    assert "Thiếu địa chỉ cụ thể của nhà văn hóa." in text
    assert "Submit again for review" in text
    activity.refresh_from_db()
    assert activity.state == ActivityState.SUBMITTED
    assert "submitted again" in page_text(response)


def test_activity_page_offers_the_actions_of_its_state(officer_le_chan_client, activity_in):
    draft = activity_in(ActivityState.DRAFT)
    published = activity_in(ActivityState.PUBLISHED, title="Hội thảo khuyến học")

    draft_actions = officer_le_chan_client.get(
        reverse("campaigns_portal:activity", args=[draft.pk])
    ).context["actions"]
    published_actions = officer_le_chan_client.get(
        reverse("campaigns_portal:activity", args=[published.pk])
    ).context["actions"]

    assert {name for name, on in draft_actions.items() if on} == {"edit", "submit", "discard"}
    assert {name for name, on in published_actions.items() if on} == {
        "edit",
        "cancel",
        "results",
        "evidence",
    }


def test_cancelling_needs_a_reason(officer_le_chan_client, activity_in):
    activity = activity_in(ActivityState.PUBLISHED)
    url = reverse("campaigns_portal:activity-cancel", args=[activity.pk])

    refused = officer_le_chan_client.post(url, {"reason": "  "})
    done = officer_le_chan_client.post(url, {"reason": "Trùng lịch họp của quận."}, follow=True)

    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    activity.refresh_from_db()
    assert activity.state == ActivityState.CANCELLED
    assert activity.cancel_reason == "Trùng lịch họp của quận."
    assert "is cancelled" in page_text(done)


def test_a_draft_cannot_be_cancelled(officer_le_chan_client, activity_in):
    activity = activity_in(ActivityState.DRAFT)

    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-cancel", args=[activity.pk]),
        {"reason": "Không tổ chức nữa."},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    activity.refresh_from_db()
    assert activity.state == ActivityState.DRAFT
