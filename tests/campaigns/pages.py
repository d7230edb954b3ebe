"""The campaign's pages as the tests read and post them: the admin where the association's
staff run the campaign, the public calendar, and the officers' activity form. Plain functions
and addresses; the fixtures are in tests/conftest.py and tests/campaigns/conftest.py.

The admin (/admin/campaigns/…):

ACTIVITIES, QUEUE, EXPORT   the activities' list, the review queue, the export
SEPT_15                     a day of the 2024 campaign
change_url(activity)        the activity's page in the admin
page_messages(response)     the messages the page shows
post_action(client, url, action, activities, **data)
                            a list action as the changelist posts it

The public calendar (/calendar/) and an activity's page (/activities/<pk>/):

CALENDAR
get(client, path=CALENDAR, **params)
                            the page's text, asserting it answered 200
links_to(page, activity)    how often the page links to the activity

The officers' area (/portal/):

form_data(units, campaign, **overrides)
                            the activity form as an officer of Lê Chân fills it in
page_text(response)         the page as text
"""

import datetime

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from campaigns.models import ActivityKind

# --- the admin ---------------------------------------------------------------------------

ACTIVITIES = reverse("admin:campaigns_activity_changelist")
QUEUE = reverse("admin:campaigns_activitytoreview_changelist")
EXPORT = reverse("admin:campaigns_activity_export")
SEPT_15 = datetime.date(2024, 9, 15)


def change_url(activity):
    return reverse("admin:campaigns_activity_change", args=[activity.pk])


def page_messages(response):
    return [str(message) for message in response.context["messages"]]


def post_action(client, url, action, activities, **data):
    return client.post(
        url,
        {"action": action, ACTION_CHECKBOX_NAME: [str(a.pk) for a in activities], **data},
        follow=False,
    )


# --- the public calendar -------------------------------------------------------------------

CALENDAR = reverse("campaigns:calendar")


def get(client, path=CALENDAR, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def links_to(page, activity):
    return page.count(f'href="{activity.get_absolute_url()}"')


# --- the officers' area --------------------------------------------------------------------


def form_data(units, campaign, **overrides):
    data = {
        "title": "Hội thi “Gia đình học tập” phường An Biên",
        "kind": ActivityKind.COMPETITION.value,
        "focus_area": str(campaign.focus_areas.get(position=1).pk),
        "description": "Các gia đình trong phường thi tìm hiểu về xây dựng xã hội học tập.",
        "audience": "Hội viên khuyến học, các gia đình",
        "expected_participants": "200",
        "organizer": str(units.le_chan.pk),
        "co_organizers": [str(units.department.pk)],
        "starts_on": "2024-09-21",
        "start_time": "08:00",
        "ends_on": "",
        "end_time": "11:30",
        "venue": "Nhà văn hóa phường An Biên",
        "address": "Số 2 Trần Nguyên Hãn, An Biên, Lê Chân",
        "commune": str(units.an_bien.pk),
        "contact_name": "Nguyễn Thị Thu Hà",
        "contact_phone": "0225 3856 123",
        "contact_email": "khuyenhoc.lechan@example.vn",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def page_text(response):
    return response.content.decode()
