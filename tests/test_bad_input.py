"""Values anybody can put in an address or a form that used to end in a server error (the
probe of the portal found them): each gets a message or a 404, and changes nothing.

"²" passes str.isdigit() but not int(); Python reads at most 4,300 digits; 2**63 overflows
the database's integer columns; a thousand-word search was a thousand LIKEs.
"""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from campaigns.models import Activity, ActivityState
from common.strict import MAX_SEARCH_WORDS, bound_search, parse_id
from tests.campaigns import fixtures_admin
from tests.campaigns.factories import freeze_today
from tests.campaigns.fixtures_portal import form_data
from tests.campaigns.test_upload import error_table, post_file, row, workbook_bytes

campaign = fixtures_admin.campaign
activity = fixtures_admin.activity
submitted = fixtures_admin.submitted

SUPERSCRIPT_TWO = "²"
HUGE = "9" * 5000
OVERFLOW = str(2**63)
THOUSAND_WORDS = " ".join(f"word{n}" for n in range(1000))
ACTIVITIES = reverse("admin:campaigns_activity_changelist")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, datetime.date(2024, 9, 20))


def _get(client, path, **params):
    client.raise_request_exception = False
    return client.get(path, params)


def _refused_lookup(response):
    """The admin's answer to filters it cannot use: the list again with ?e=1."""
    return response.status_code == 302 and response["Location"].endswith("?e=1")


# --- the shared reading -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["²", "٣", "-1", "0", "1.0", "", " ", HUGE, OVERFLOW, "1\x00"])
def test_parse_id_refuses_what_is_not_an_id(value):
    assert parse_id(value) is None


def test_parse_id_reads_ascii_digits_up_to_the_largest_bigint():
    assert parse_id(" 42 ") == 42
    assert parse_id(str(2**63 - 1)) == 2**63 - 1


def test_a_search_keeps_its_first_words_without_control_characters():
    text, cut = bound_search("a\x00b " + THOUSAND_WORDS)
    assert text.split()[:2] == ["a", "b"]
    assert len(text.split()) == MAX_SEARCH_WORDS
    assert cut


# --- the public calendar and its feed (anybody) -----------------------------------------


@pytest.mark.parametrize("value", [SUPERSCRIPT_TWO, HUGE])
@pytest.mark.parametrize("param", ["unit", "area"])
def test_calendar_reports_a_unit_or_area_that_is_no_number(
    anonymous_client, campaign, param, value
):
    response = _get(anonymous_client, "/calendar/", **{param: value})

    assert response.status_code == 200
    assert response.context["problems"]


@pytest.mark.parametrize("param", ["unit", "area"])
def test_calendar_feed_refuses_a_unit_or_area_that_is_no_number(anonymous_client, campaign, param):
    response = _get(anonymous_client, "/calendar.ics", **{param: SUPERSCRIPT_TWO})

    assert response.status_code == 400
    assert "mistakes" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/activities/{}/", "/activities/{}.ics", "/portal/activities/{}/", "/portal/units/{}/"]
)
def test_an_id_too_long_for_the_database_is_not_found(officer_le_chan_client, path):
    assert _get(officer_le_chan_client, path.format("9" * 30)).status_code == 404


# --- the officers' list and forms -------------------------------------------------------


def test_a_thousand_word_search_in_the_officers_list_uses_the_first_words(
    officer_le_chan_client, activity
):
    mine = activity(title="word3 word7 Hội thi")

    response = _get(
        officer_le_chan_client, reverse("campaigns_portal:activities"), q=THOUSAND_WORDS
    )

    assert response.status_code == 200
    assert "Only the first 10 words" in response.content.decode()
    assert response.context["activities"] == [] or mine not in response.context["activities"]


@pytest.mark.parametrize("value", ["abc", SUPERSCRIPT_TWO, HUGE, OVERFLOW])
def test_a_co_organizer_that_is_no_id_is_refused_on_the_portal_form(
    officer_le_chan_client, units, campaign, value
):
    officer_le_chan_client.raise_request_exception = False
    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-new") + f"?campaign={campaign.pk}",
        form_data(units, campaign, co_organizers=[value]),
    )

    assert response.status_code == 200
    assert "co_organizers" in response.context["form"].errors
    assert not Activity.objects.exists()


@pytest.mark.parametrize("value", ["abc", SUPERSCRIPT_TWO, OVERFLOW])
def test_a_unit_filter_that_is_no_id_is_refused_on_the_officers_list(officer_le_chan_client, value):
    response = _get(officer_le_chan_client, reverse("campaigns_portal:activities"), unit=value)

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors


def test_a_focus_area_cell_of_five_thousand_digits_refuses_the_row(
    officer_le_chan_client, campaign
):
    officer_le_chan_client.raise_request_exception = False
    response = post_file(
        officer_le_chan_client,
        campaign,
        workbook_bytes([row(**{"Nội dung trọng tâm (số)": HUGE})]),
    )

    assert response.status_code == 200
    assert not Activity.objects.exists()
    assert "no focus area" in " ".join(message for _line, _column, message in error_table(response))


# --- the staff's admin ------------------------------------------------------------------


def test_a_thousand_word_search_in_an_admin_list_uses_the_first_words(staff_client, submitted):
    response = _get(staff_client, ACTIVITIES, q=THOUSAND_WORDS)

    assert response.status_code == 200
    assert "Only the first 10 words" in response.content.decode()


def _autocomplete(client, term):
    return _get(
        client,
        reverse("admin:autocomplete"),
        app_label="campaigns",
        model_name="activity",
        field_name="co_organizers",
        term=term,
    )


def test_the_admin_autocomplete_bounds_a_thousand_word_search(staff_client, submitted):
    response = _autocomplete(staff_client, THOUSAND_WORDS)

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_the_admin_autocomplete_reads_a_nul_character_as_a_space(staff_client, submitted):
    # PostgreSQL refuses text with NUL in a query.
    response = _autocomplete(staff_client, "Lê\x00Chân")

    assert response.status_code == 200
    assert [unit["text"] for unit in response.json()["results"]] == ["Quận Lê Chân"]


@pytest.mark.parametrize("value", [SUPERSCRIPT_TWO, HUGE, "a\x00b"])
@pytest.mark.parametrize("param", ["unit", "focus_area"])
def test_an_admin_list_filter_that_cannot_be_used_is_an_invalid_lookup(
    staff_client, submitted, param, value
):
    assert _refused_lookup(_get(staff_client, ACTIVITIES, **{param: value}))


@pytest.mark.parametrize("value", [SUPERSCRIPT_TWO, HUGE, "a\x00b"])
@pytest.mark.parametrize("param", ["campaign__id__exact", "kind__exact"])
def test_an_admin_field_filter_that_cannot_be_used_is_refused_or_ignored(
    staff_client, submitted, param, value
):
    # The campaign filter falls back to every campaign, the kind finds nothing.
    assert _get(staff_client, ACTIVITIES, **{param: value}).status_code in (200, 302)


@pytest.mark.parametrize(
    "params",
    [
        {"starts_on__year": OVERFLOW},
        {"starts_on__year": HUGE},
        {"starts_on__year": "2024", "starts_on__month": OVERFLOW},
    ],
)
def test_a_date_hierarchy_year_too_big_is_an_invalid_lookup(staff_client, submitted, params):
    assert _refused_lookup(_get(staff_client, ACTIVITIES, **params))


@pytest.mark.parametrize("value", ["abc", SUPERSCRIPT_TWO, HUGE, OVERFLOW])
@pytest.mark.parametrize(
    "changelist",
    ["admin:campaigns_activity_changelist", "admin:campaigns_activitytoreview_changelist"],
)
def test_an_admin_action_on_a_selection_that_is_no_id_changes_nothing(
    staff_client, submitted, changelist, value
):
    staff_client.raise_request_exception = False
    response = staff_client.post(
        reverse(changelist),
        {"action": "publish_selected", ACTION_CHECKBOX_NAME: [str(submitted[0].pk), value]},
        follow=True,
    )

    assert response.status_code == 200
    assert "could not be read" in response.content.decode()
    assert not Activity.objects.filter(state=ActivityState.PUBLISHED).exists()


@pytest.mark.parametrize("value", ["abc", SUPERSCRIPT_TWO, OVERFLOW])
def test_an_admin_change_form_refuses_an_autocomplete_value_that_is_no_id(
    staff_client, activity, value
):
    draft = activity(ActivityState.RETURNED)
    before = (draft.organizer_id, list(draft.co_organizers.values_list("pk", flat=True)))
    staff_client.raise_request_exception = False
    response = staff_client.post(
        reverse("admin:campaigns_activity_change", args=[draft.pk]),
        {"organizer": value, "co_organizers": [value], "commune": value, "title": draft.title},
    )

    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.organizer_id, list(draft.co_organizers.values_list("pk", flat=True))) == before


@pytest.mark.parametrize("value", ["abc", SUPERSCRIPT_TWO, "9" * 30, HUGE])
def test_an_inline_row_refuses_a_choice_that_is_no_id(staff_client, units, value):
    """The rows under a record (a unit's predecessors) read their choices as strictly as
    the record's own fields: the page comes back with the row's error, nothing is saved."""
    from organizations.models import UnitPredecessor
    from tests.admin_forms import admin_post_data

    url = reverse("admin:organizations_unit_change", args=[units.an_bien.pk])
    data = admin_post_data(staff_client.get(url))
    rows = int(data["predecessor_links-TOTAL_FORMS"])
    data["predecessor_links-TOTAL_FORMS"] = str(rows + 1)
    data[f"predecessor_links-{rows}-predecessor"] = value
    links_before = UnitPredecessor.objects.count()
    staff_client.raise_request_exception = False

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "predecessor_links" in response.context["inline_admin_formsets"][0].formset.prefix
    assert any(
        form.errors.get("predecessor")
        for form in response.context["inline_admin_formsets"][0].formset.forms
    )
    assert UnitPredecessor.objects.count() == links_before


@pytest.mark.parametrize("object_id", ["9" * 30, "abc", SUPERSCRIPT_TWO])
def test_an_admin_change_page_for_an_id_that_cannot_exist_is_not_an_error(staff_client, object_id):
    response = _get(staff_client, f"/admin/campaigns/activity/{object_id}/change/")

    assert response.status_code in (302, 404)
