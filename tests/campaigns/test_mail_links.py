"""The link in the mail that tells a unit's officers their activity was returned or published.

The officer opens it the next morning, from another computer: it must lead to the portal at
the address it is really served at (PORTAL_BASE_URL), whatever machine sent the mail — on a
laptop running `python3 dev.py run 127.0.0.1:8123`, that address and port.
"""

import pytest

from campaigns import services
from campaigns.models import ActivityState
from tests.dev_script import quick_start_environment

pytestmark = pytest.mark.usefixtures("_english")


@pytest.fixture
def mail_of(activity_in, staff, mailoutbox, django_capture_on_commit_callbacks):
    """mail_of(move): the one mail the move (return or publish) of a submitted activity
    sent, and the activity."""

    def send(move, **reason):
        activity = activity_in(ActivityState.SUBMITTED)
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            move(activity, by=staff, **reason)
        [mail] = mailoutbox
        return mail, activity

    return send


def test_the_returned_mail_links_to_the_address_the_quick_start_serves(mail_of, settings):
    env, _address, _url = quick_start_environment("127.0.0.1:8123")
    settings.PORTAL_BASE_URL = env["PORTAL_BASE_URL"]

    mail, activity = mail_of(services.return_activity, reason="Thiếu thời gian kết thúc.")

    assert f"http://127.0.0.1:8123/portal/activities/{activity.pk}/" in mail.body
    assert "127.0.0.1:8000" not in mail.body


def test_the_published_mail_links_to_the_public_address(mail_of, settings):
    settings.PORTAL_BASE_URL = "https://khuyenhoc.haiphong.example.vn"

    mail, activity = mail_of(services.publish_activity)

    assert f"https://khuyenhoc.haiphong.example.vn/portal/activities/{activity.pk}/" in mail.body
    assert "127.0.0.1" not in mail.body
