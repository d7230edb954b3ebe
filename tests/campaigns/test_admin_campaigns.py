"""Campaigns in the admin: their focus areas and key dates, state changes through the buttons
and actions (never the form), and every edit in the campaign's history. Fixtures:
tests/conftest.py.
"""

import datetime

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from campaigns.models import Campaign, CampaignState, FocusArea
from common.history import audit
from tests.admin_forms import admin_post_data
from tests.campaigns.factories import make_campaign
from tests.campaigns.pages import page_messages

# --- campaigns ---------------------------------------------------------------------------


def campaign_url(campaign, name="change"):
    return reverse(f"admin:campaigns_campaign_{name}", args=[campaign.pk])


def test_campaign_page_shows_focus_areas_key_dates_and_allowed_moves(staff_client, campaign):
    page = staff_client.get(campaign_url(campaign))

    assert page.status_code == 200
    assert page.context["inline_admin_formsets"][0].formset.model is FocusArea
    assert [
        form.instance.position for form in page.context["inline_admin_formsets"][0].formset.forms
    ] == [1, 7]
    assert "Possible next states: closed." in page.text
    assert 'value="closed"' in page.text
    assert 'value="archived"' not in page.text


def test_campaign_state_changes_through_the_buttons(staff_client, staff, campaign):
    response = staff_client.post(
        campaign_url(campaign, "state"), {"to": "closed", "reason": "Hết tháng."}
    )

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.CLOSED
    entry = audit.history_of(campaign).first()
    assert (entry.action, entry.actor, entry.reason) == ("closed", staff, "Hết tháng.")

    refused = staff_client.post(campaign_url(campaign, "state"), {"to": "draft"}, follow=True)
    assert "“Tháng Khuyến học năm 2024”: A campaign that is “closed” cannot become “draft”." in (
        page_messages(refused)
    )
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.CLOSED


def test_campaign_state_cannot_be_edited_in_the_form(staff_client, campaign):
    page = staff_client.get(campaign_url(campaign))

    assert "state" not in page.context["adminform"].form.fields


def test_campaign_actions_report_each_campaign(staff_client, campaign):
    draft = make_campaign(2025, state=CampaignState.DRAFT, focus_areas=())

    staff_client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "close_selected", ACTION_CHECKBOX_NAME: [campaign.pk, draft.pk]},
    )

    campaign.refresh_from_db()
    draft.refresh_from_db()
    assert (campaign.state, draft.state) == (CampaignState.CLOSED, CampaignState.DRAFT)


def test_campaign_edit_is_recorded_in_its_history(staff_client, staff, campaign, units):
    data = admin_post_data(staff_client.get(campaign_url(campaign)))
    data["plan_issuer"] = "UBND thành phố Hải Phòng"
    data["participants"] = [str(units.le_chan.pk), str(units.kien_an.pk)]

    response = staff_client.post(campaign_url(campaign), data)

    assert response.status_code == 302
    entry = audit.history_of(campaign).first()
    assert (entry.action, entry.actor) == ("changed", staff)
    assert entry.changes == {
        "plan_issuer": ["", "UBND thành phố Hải Phòng"],
        "participants": [[], ["Quận Kiến An", "Quận Lê Chân"]],
    }
    assert "UBND thành phố Hải Phòng" in staff_client.get(campaign_url(campaign)).text


def test_staff_add_a_campaign_with_its_focus_areas_and_key_dates(staff_client, staff, units):
    data = {
        "year": "2025",
        "title": "Tháng Khuyến học năm 2025",
        "plan_number": "",
        "plan_issuer": "",
        "starts_on": "2025-09-05",
        "ends_on": "2025-10-05",
        "theme": "",
        "lifelong_learning_theme": "",
        "focus_areas-TOTAL_FORMS": "2",
        "focus_areas-INITIAL_FORMS": "0",
        "focus_areas-0-position": "1",
        "focus_areas-0-short_title": "Tuyên truyền",
        "focus_areas-0-title": "Tuyên truyền về công tác khuyến học",
        "focus_areas-1-position": "2",
        "focus_areas-1-short_title": "Ban Chỉ đạo",
        "focus_areas-1-title": "Kiện toàn Ban Chỉ đạo xây dựng xã hội học tập",
        "key_dates-TOTAL_FORMS": "1",
        "key_dates-INITIAL_FORMS": "0",
        "key_dates-0-title": "Ngày Khuyến học Việt Nam",
        "key_dates-0-starts_on": "2025-10-02",
    }

    response = staff_client.post(reverse("admin:campaigns_campaign_add"), data)

    assert response.status_code == 302
    campaign = Campaign.objects.get(year=2025)
    assert campaign.state == CampaignState.DRAFT
    assert [area.short_title for area in campaign.focus_areas.all()] == [
        "Tuyên truyền",
        "Ban Chỉ đạo",
    ]
    assert campaign.key_dates.get().starts_on == datetime.date(2025, 10, 2)
    entry = audit.history_of(campaign).get()
    assert (entry.action, entry.actor) == ("created", staff)
    assert entry.changes["title"] == [None, "Tháng Khuyến học năm 2025"]
    assert "plan_number" not in entry.changes
