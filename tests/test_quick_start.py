"""`python3 dev.py run [ADDRESS]`: the demo on a laptop or in a training room.

Links that leave the portal (mails, the calendar feed) must name the address the demo is
served at, and whoever looks at the demo (the whole room, with `0.0.0.0:8000`) sees the
portal's own pages for a missing page or a bug, never Django's debug pages, while the laptop
keeps what it needs: SQLite, mail on the console, static files served.

The demo's settings are tried in a fresh Python process started with the environment dev.py
gives manage.py, because the settings module is read once per process.
"""

import json
import os
import subprocess
import sys

import pytest

from tests.dev_script import ROOT, dev, quick_start_environment


@pytest.mark.parametrize(
    ("args", "link"),
    [
        ((), "http://127.0.0.1:8000"),
        (("127.0.0.1:8100",), "http://127.0.0.1:8100"),
        (("8123",), "http://127.0.0.1:8123"),
        (("localhost:8000",), "http://localhost:8000"),
        (("[::1]:8100",), "http://[::1]:8100"),
    ],
)
def test_links_name_the_address_served(args, link):
    env, address, url = quick_start_environment(*args)

    assert env["PORTAL_BASE_URL"] == link
    assert url == link + "/"
    assert address == (args[0] if args else "127.0.0.1:8000")
    assert (env["DEBUG"], env["PORTAL_DEMO"]) == ("True", "True")
    assert "DATABASE_URL" not in env


def test_a_training_room_gets_links_to_this_machines_network_address(monkeypatch):
    monkeypatch.setattr(dev, "network_address", lambda: "192.168.1.20")

    env, address, url = quick_start_environment("0.0.0.0:8000")

    assert address == "0.0.0.0:8000"
    assert env["PORTAL_BASE_URL"] == "http://192.168.1.20:8000"
    assert url == "http://192.168.1.20:8000/"
    # The other computers ask for that host; the laptop itself still works.
    assert env["ALLOWED_HOSTS"].split(",") == ["127.0.0.1", "localhost", "192.168.1.20"]


def test_a_machine_without_network_gets_links_to_itself(monkeypatch):
    monkeypatch.setattr(dev, "network_address", lambda: None)

    env, _address, _url = quick_start_environment("0:8000")

    assert env["PORTAL_BASE_URL"] == "http://127.0.0.1:8000"


def test_the_users_own_settings_are_kept(monkeypatch, tmp_path):
    given = {"PORTAL_BASE_URL": "https://demo.khuyenhoc.vn", "ALLOWED_HOSTS": "demo.khuyenhoc.vn"}
    env, _address, _url = quick_start_environment("127.0.0.1:8100", environ=given)
    assert (env["PORTAL_BASE_URL"], env["ALLOWED_HOSTS"]) == tuple(given.values())

    # Set in .env instead, which the settings read: dev.py then passes nothing over it.
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    (tmp_path / ".env").write_text(
        "# the demo room\nPORTAL_BASE_URL = https://demo.khuyenhoc.vn\n", encoding="utf-8"
    )
    env, _address, _url = quick_start_environment("127.0.0.1:8100")
    assert "PORTAL_BASE_URL" not in env


def test_an_address_runserver_cannot_serve_stops_with_a_message(capsys):
    with pytest.raises(SystemExit):
        quick_start_environment("localhost")

    assert "give PORT or HOST:PORT" in capsys.readouterr().err


DEMO_REQUESTS = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
from common.links import public_reverse

client = Client(HTTP_HOST="127.0.0.1:8123", raise_request_exception=False)
missing = client.get("/khong-co-trang-nay/")
css = client.get("/static/css/portal.css")
with override_settings(ROOT_URLCONF="tests.test_error_pages"):
    broken = client.get("/broken/")
print(json.dumps({
    "debug": settings.DEBUG,
    "mailer": settings.MAILERS["default"]["BACKEND"],
    "database": settings.DATABASES["default"]["ENGINE"],
    "missing": [missing.status_code, missing.content.decode()],
    "broken": [broken.status_code, broken.content.decode()],
    "css": [css.status_code, css["Content-Type"].split(";")[0]],
    "link": public_reverse("campaigns_portal:activity", args=[7]),
}))
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """What the demo started by `python3 dev.py run 127.0.0.1:8123` answers."""
    env, _address, _url = quick_start_environment(
        "127.0.0.1:8123",
        environ={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", "LOG_LEVEL": "CRITICAL"},
    )
    # Every setting explicit, so that a developer's .env cannot fill one in; an empty
    # database of its own, which these requests do not even open, instead of db.sqlite3.
    database = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "MAILER_URL": "",
            "SECRET_KEY": "a-key-for-this-test-only",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", DEMO_REQUESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_demo_shows_the_portals_404_not_djangos(demo):
    status, page = demo["missing"]

    assert status == 404
    assert "Trang này không tồn tại" in page
    assert 'href="/calendar/"' in page
    assert "URLconf" not in page
    assert "Page not found (404)" not in page
    assert demo["debug"] is False


def test_demo_shows_a_calm_500_without_the_traceback(demo):
    status, page = demo["broken"]

    assert status == 500
    assert "Đã xảy ra sự cố" in page
    assert "RuntimeError" not in page
    assert "Traceback" not in page


def test_demo_keeps_what_the_laptop_needs(demo):
    assert demo["css"] == [200, "text/css"]
    assert demo["database"] == "django.db.backends.sqlite3"
    assert demo["mailer"] == "django.core.mail.backends.console.EmailBackend"


def test_demo_mails_and_feed_link_to_the_address_served(demo):
    assert demo["link"] == "http://127.0.0.1:8123/portal/activities/7/"
