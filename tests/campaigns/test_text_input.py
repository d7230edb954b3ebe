"""Text that cannot be seen is not text: a title pasted from Word with a vertical tab is
refused with a message, and a zero-width space is no reason for a cancellation or a return.
Fixtures: tests/campaigns/fixtures_portal.py."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.admin.forms import ReasonForm
from campaigns.models import Activity, ActivityState
from tests.campaigns import fixtures_portal
from tests.campaigns.fixtures_portal import form_data

today = fixtures_portal.today
campaign = fixtures_portal.campaign
new_activity = fixtures_portal.new_activity
activity_in = fixtures_portal.activity_in

INVISIBLE = "\u200b \ufeff\u200e\n"


def test_a_title_with_a_vertical_tab_is_refused(officer_le_chan_client, units, campaign):
    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-new"),
        form_data(units, campaign, title="Lễ phát động\x0bTháng Khuyến học"),
    )

    assert response.status_code == 200
    assert "invisible control character" in str(response.context["form"].errors["title"])
    assert not Activity.objects.exists()


def test_a_title_of_a_zero_width_space_is_empty(officer_le_chan_client, units, campaign):
    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-new"), form_data(units, campaign, title=INVISIBLE)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["This field is required."]
    assert not Activity.objects.exists()


def test_a_zero_width_space_is_no_reason_to_cancel(officer_le_chan_client, activity_in):
    activity = activity_in(ActivityState.PUBLISHED)

    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-cancel", args=[activity.pk]), {"reason": INVISIBLE}
    )

    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    activity.refresh_from_db()
    assert activity.state == ActivityState.PUBLISHED


def test_the_services_refuse_an_invisible_reason(activity_in, officer_le_chan, staff):
    published = activity_in(ActivityState.PUBLISHED)
    submitted = activity_in(ActivityState.SUBMITTED)

    with pytest.raises(ValidationError):
        services.cancel_activity(published, by=officer_le_chan, reason="\u200b")
    with pytest.raises(ValidationError):
        services.return_activity(submitted, by=staff, reason="\ufeff \u200b")
    assert Activity.objects.get(pk=published.pk).state == ActivityState.PUBLISHED
    assert Activity.objects.get(pk=submitted.pk).state == ActivityState.SUBMITTED


def test_the_admin_reason_form_refuses_an_invisible_reason():
    assert not ReasonForm({"reason": "\u200b"}).is_valid()
    form = ReasonForm({"reason": "\u200b Thiếu địa điểm. \ufeff"})
    assert form.is_valid()
    assert form.cleaned_data["reason"] == "Thiếu địa điểm."
