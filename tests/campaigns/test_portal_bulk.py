"""Many activities at once in the officers' area: the list's checkboxes, one button to submit
the ticked ones for review (or discard the ticked drafts, after a confirmation), and a
summary of what went and what did not, and why. A draft can also be discarded from its own
page. Fixtures: tests/campaigns/fixtures_portal.py.
"""

import datetime
import re

import pytest
from django.urls import reverse

from campaigns.models import Activity, ActivityState
from common.history import audit
from tests.campaigns import fixtures_portal
from tests.campaigns.fixtures_portal import page_text

today = fixtures_portal.today
campaign = fixtures_portal.campaign
new_activity = fixtures_portal.new_activity
activity_in = fixtures_portal.activity_in

LIST = reverse("campaigns_portal:activities")
BULK = reverse("campaigns_portal:activities-bulk")
DONE = reverse("campaigns_portal:activities-done")


def ticked(page):
    """The activities the page offers to tick, by number."""
    return {int(pk) for pk in re.findall(r'name="activity" value="(\d+)"', page_text(page))}


def post_bulk(client, action, activities, **data):
    return client.post(
        BULK,
        {"action": action, "activity": [str(getattr(a, "pk", a)) for a in activities], **data},
        follow=True,
    )


def actions_of(activity):
    return [entry.action for entry in audit.history_of(activity).order_by("at", "pk")]


def summary(response):
    context = response.context
    return (
        [activity.title for activity in context["done"]],
        [(item["activity"].title if item["activity"] else None, item["reason"])
         for item in context["refused"]],
    )  # fmt: skip


# --- the list -----------------------------------------------------------------------------


def test_list_offers_to_tick_drafts_and_returned_activities(officer_le_chan_client, activity_in):
    draft = activity_in(ActivityState.DRAFT, title="Bản nháp")
    returned = activity_in(ActivityState.RETURNED, title="Bị trả lại")
    activity_in(ActivityState.SUBMITTED, title="Đang chờ duyệt")
    activity_in(ActivityState.PUBLISHED, title="Đã công bố")

    page = officer_le_chan_client.get(LIST)

    assert ticked(page) == {draft.pk, returned.pk}
    text = page_text(page)
    assert f'action="{BULK}"' in text
    assert "csrfmiddlewaretoken" in text
    assert "Submit the ticked ones for review" in text
    assert 'src="/static/js/select-all.js"' in text
    assert "<script>" not in text  # strict CSP: nothing inline
    assert " style=" not in text


def test_list_offers_no_ticks_to_someone_who_only_reads(reviewer_client, activity_in):
    activity_in(ActivityState.DRAFT)

    page = reviewer_client.get(LIST)

    assert len(page.context["activities"]) == 1
    assert ticked(page) == set()
    assert f'action="{BULK}"' not in page_text(page)


@pytest.mark.parametrize("count", [3, 40])
def test_list_with_checkboxes_runs_a_fixed_number_of_queries(
    officer_le_chan_client, new_activity, units, count, django_assert_max_num_queries
):
    for index in range(count):
        new_activity(
            title=f"Hoạt động số {index}",
            organizer=[units.le_chan, units.an_bien][index % 2],
            starts_on=datetime.date(2024, 9, 5) + datetime.timedelta(days=index % 30),
        )

    with django_assert_max_num_queries(9):
        page = officer_le_chan_client.get(LIST)

    assert len(ticked(page)) == count


# --- submitting the ticked ones -------------------------------------------------------------


def test_ticked_drafts_are_submitted_in_one_step_with_a_summary(
    officer_le_chan_client, new_activity
):
    drafts = [new_activity(title=f"Hoạt động khuyến học số {n}") for n in range(3)]

    response = post_bulk(
        officer_le_chan_client, "submit", drafts, next=f"{LIST}?state=draft&campaign=all"
    )

    assert response.redirect_chain == [(DONE, 302)]
    done, refused = summary(response)
    assert sorted(done) == [a.title for a in drafts]
    assert refused == []
    assert "3 activities were submitted for review" in page_text(response)
    assert f'href="{LIST}?state=draft&amp;campaign=all"' in page_text(response)
    for activity in drafts:
        activity.refresh_from_db()
        assert activity.state == ActivityState.SUBMITTED
        assert actions_of(activity) == ["created", "submitted"]


def test_the_summary_says_which_did_not_go_and_why(officer_le_chan_client, new_activity, campaign):
    ready = new_activity(title="Tọa đàm khuyến học")
    late = new_activity(title="Ngày hội đọc sách", starts_on=datetime.date(2024, 10, 4))
    campaign.ends_on = datetime.date(2024, 10, 2)
    campaign.save()

    response = post_bulk(officer_le_chan_client, "submit", [ready, late])

    assert summary(response) == (
        ["Tọa đàm khuyến học"],
        [("Ngày hội đọc sách", "04/10/2024 is outside the campaign (05/09/2024 – 02/10/2024).")],
    )
    text = page_text(response)
    assert "1 activity was not submitted" in text
    assert "1 activity was submitted for review" in text
    late.refresh_from_db()
    assert late.state == ActivityState.DRAFT


def test_the_summary_is_shown_once(officer_le_chan_client, new_activity):
    post_bulk(officer_le_chan_client, "submit", [new_activity()])

    again = officer_le_chan_client.get(DONE)

    assert (again.status_code, again["Location"]) == (302, LIST)


def test_another_districts_activities_posted_in_the_selection_are_refused(
    officer_kien_an_client, officer_kien_an, new_activity, units
):
    theirs = new_activity(title="Lễ phát động của quận Lê Chân")
    mine = new_activity(by=officer_kien_an, organizer=units.kien_an, title="Hội thảo Kiến An")

    response = post_bulk(officer_kien_an_client, "submit", [theirs, mine])

    assert summary(response) == (
        ["Hội thảo Kiến An"],
        [
            (
                None,
                "You have no role in its organising unit, or it does not exist; it was left alone.",
            )
        ],
    )
    text = page_text(response)
    assert "Lễ phát động của quận Lê Chân" not in text
    assert f"Activity no. {theirs.pk}" in text
    theirs.refresh_from_db()
    assert (theirs.state, theirs.submitted_at) == (ActivityState.DRAFT, None)
    assert actions_of(theirs) == ["created"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "submit"}, "Tick at least one activity first."),
        (
            {"action": "submit", "activity": ["12", "abc"]},
            "The selection could not be read. Reload the page and try again.",
        ),
        ({"action": "publish", "activity": ["1"]}, "Select a valid choice."),
    ],
)
def test_a_selection_that_cannot_be_read_changes_nothing(
    officer_le_chan_client, new_activity, data, message
):
    draft = new_activity()
    back = f"{LIST}?state=draft"

    response = officer_le_chan_client.post(BULK, {**data, "next": back}, follow=True)

    assert response.redirect_chain == [(back, 302)]
    assert any(message in str(m) for m in response.context["messages"])
    draft.refresh_from_db()
    assert draft.state == ActivityState.DRAFT


def test_the_way_back_never_leaves_the_portal(officer_le_chan_client):
    response = officer_le_chan_client.post(
        BULK, {"action": "submit", "next": "https://example.com/portal/"}
    )

    assert response["Location"] == LIST


def test_bulk_pages_need_signing_in(anonymous_client, new_activity):
    draft = new_activity()

    for url in (BULK, DONE, reverse("campaigns_portal:activity-discard", args=[draft.pk])):
        response = anonymous_client.post(url, {"action": "submit", "activity": [draft.pk]})
        assert response["Location"].startswith(reverse("accounts:login")), url
    draft.refresh_from_db()
    assert draft.state == ActivityState.DRAFT


def test_bulk_actions_are_posted_only(officer_le_chan_client):
    assert officer_le_chan_client.get(BULK).status_code == 405


# --- discarding the ticked drafts ---------------------------------------------------------------


def test_discarding_ticked_drafts_asks_first_then_discards_with_history(
    officer_le_chan_client, officer_le_chan, new_activity, activity_in
):
    drafts = [new_activity(title=f"Bản nháp nhập trùng {n}") for n in range(2)]
    published = activity_in(ActivityState.PUBLISHED, title="Hội nghị đã công bố")
    selection = [*drafts, published]

    asked = post_bulk(officer_le_chan_client, "discard", selection)

    assert asked.redirect_chain == []
    assert {a.title for a in asked.context["activities"]} == {a.title for a in selection}
    assert "Discard these drafts" in page_text(asked)
    assert Activity.objects.filter(state=ActivityState.DISCARDED).count() == 0

    response = post_bulk(
        officer_le_chan_client, "discard", selection, confirm="1", reason="Tải lên hai lần."
    )

    done, refused = summary(response)
    assert sorted(done) == sorted(a.title for a in drafts)
    assert refused == [
        (
            "Hội nghị đã công bố",
            "It is on the public calendar, so it cannot be discarded. If it will not take "
            "place, cancel it.",
        )
    ]
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.state == ActivityState.DISCARDED
        entry = audit.history_of(draft).order_by("at", "pk").last()
        assert (entry.action, entry.actor, entry.reason) == (
            "discarded",
            officer_le_chan,
            "Tải lên hai lần.",
        )
    published.refresh_from_db()
    assert published.state == ActivityState.PUBLISHED


def test_discarded_drafts_leave_the_list_unless_asked_for(
    officer_le_chan_client, officer_le_chan, new_activity
):
    kept = new_activity(title="Bản nháp giữ lại")
    gone = new_activity(title="Bản nháp bỏ đi")
    post_bulk(officer_le_chan_client, "discard", [gone], confirm="1")

    def titles(**params):
        page = officer_le_chan_client.get(LIST, {"campaign": "all", **params})
        return [a.title for a in page.context["activities"]]

    assert titles() == [kept.title]
    assert titles(state="draft") == [kept.title]
    assert titles(state="discarded") == [gone.title]
    counts = {
        item["state"]: item["count"]
        for item in officer_le_chan_client.get(reverse("portal:dashboard")).context["counts"]
    }
    assert "discarded" not in counts
    assert counts["draft"] == 1


def test_confirming_a_discard_of_another_districts_drafts_changes_nothing(
    officer_kien_an_client, new_activity
):
    theirs = new_activity()

    asked = post_bulk(officer_kien_an_client, "discard", [theirs])
    response = post_bulk(officer_kien_an_client, "discard", [theirs], confirm="1")

    assert asked.context["activities"] == []
    assert asked.context["unseen"] == 1
    assert theirs.title not in page_text(asked)
    assert summary(response)[0] == []
    theirs.refresh_from_db()
    assert theirs.state == ActivityState.DRAFT
    assert actions_of(theirs) == ["created"]


# --- discarding one draft from its page -----------------------------------------------------


def test_a_draft_is_discarded_from_its_page(officer_le_chan_client, officer_le_chan, new_activity):
    draft = new_activity()
    url = reverse("campaigns_portal:activity-discard", args=[draft.pk])
    page = officer_le_chan_client.get(reverse("campaigns_portal:activity", args=[draft.pk]))
    assert f'href="{url}"' in page_text(page)

    asked = officer_le_chan_client.get(url)
    response = officer_le_chan_client.post(url, {"reason": "Nhập nhầm."}, follow=True)

    assert asked.status_code == 200
    assert "Discard the draft" in page_text(asked)
    assert response.redirect_chain == [(LIST, 302)]
    assert "is discarded" in page_text(response)
    draft.refresh_from_db()
    assert draft.state == ActivityState.DISCARDED
    detail = officer_le_chan_client.get(reverse("campaigns_portal:activity", args=[draft.pk]))
    assert "This draft was discarded" in page_text(detail)
    assert not any(detail.context["actions"].values())
    last = detail.context["history"][0]["entry"]  # newest first
    assert (last.action, last.actor, last.reason) == ("discarded", officer_le_chan, "Nhập nhầm.")


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (ActivityState.SUBMITTED, "It is being reviewed by the association"),
        (ActivityState.PUBLISHED, "It is on the public calendar"),
        (ActivityState.RETURNED, "It was submitted for review before"),
    ],
)
def test_a_submitted_or_published_activity_is_not_discarded_from_its_page(
    officer_le_chan_client, activity_in, state, message
):
    activity = activity_in(state)
    url = reverse("campaigns_portal:activity-discard", args=[activity.pk])

    page = officer_le_chan_client.get(reverse("campaigns_portal:activity", args=[activity.pk]))
    response = officer_le_chan_client.post(url, {"reason": "Thử bỏ."}, follow=True)

    assert f'href="{url}"' not in page_text(page)
    assert response.redirect_chain == [
        (reverse("campaigns_portal:activity", args=[activity.pk]), 302)
    ]
    assert message in page_text(response)
    activity.refresh_from_db()
    assert activity.state == state


def test_another_district_cannot_open_the_discard_page(officer_kien_an_client, new_activity):
    draft = new_activity()
    url = reverse("campaigns_portal:activity-discard", args=[draft.pk])

    assert officer_kien_an_client.get(url).status_code == 403
    assert officer_kien_an_client.post(url, {"reason": ""}).status_code == 403
    draft.refresh_from_db()
    assert draft.state == ActivityState.DRAFT
