"""The portal's settings: laptop defaults, and a production mode that refuses to start half-set.

Production mode is tried in a fresh Python process with a clean environment, the way a
server starts the portal, because the settings module is read once per process.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "khuyenhoc.haiphong.example.vn",
    "DATABASE_URL": "postgres://portal:secret@db.example.vn:5432/portal",
    "MAILER_URL": "smtp+tls://portal:secret@mail.example.vn:587",
    "PORTAL_BASE_URL": "https://khuyenhoc.haiphong.example.vn",
}
# What production cannot guess, each named when it is missing.
REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "MAILER_URL", "PORTAL_BASE_URL")


def start_portal(overrides, code="import django; django.setup()"):
    """Run `code` in a new process configured only by `overrides` (no .env, no shell env).

    Each setting is given explicitly, an empty string standing for "not set", so that a
    developer's `.env` file (read with setdefault) cannot fill in what the test leaves out.
    """
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PORTAL_DEMO": "",
        **overrides,
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_without(name):
    return {**PRODUCTION, name: ""}


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_without_setting_stops_at_startup_naming_it(missing):
    result = start_portal(production_without(missing))

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured")
    assert missing in last_line
    others = set(REQUIRED) - {missing}
    assert not any(name in last_line for name in others)


def test_production_with_everything_missing_names_every_setting():
    result = start_portal({"DEBUG": "False"})

    assert result.returncode != 0
    for name in REQUIRED:
        assert name in result.stderr


def test_production_with_console_mailer_is_refused():
    result = start_portal({**PRODUCTION, "MAILER_URL": "consolemail://"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "MAILER_URL" in result.stderr


@pytest.mark.parametrize(
    "address",
    [
        "khuyenhoc.haiphong.example.vn",
        "//khuyenhoc.haiphong.example.vn",
        "ftp://khuyenhoc.haiphong.example.vn",
        "https://",
        "https://khuyenhoc.haiphong.example.vn/portal",
        "https://khuyenhoc.haiphong.example.vn?lang=vi",
        "https://khuyenhoc.haiphong.example.vn:port",
        "https://khuyen hoc.haiphong.example.vn",
    ],
)
def test_a_public_address_that_is_no_absolute_http_url_is_refused(address):
    result = start_portal({**PRODUCTION, "PORTAL_BASE_URL": address})

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured")
    assert "PORTAL_BASE_URL" in last_line
    assert repr(address) in last_line


def test_production_with_demo_mode_is_refused():
    result = start_portal({**PRODUCTION, "PORTAL_DEMO": "True"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "PORTAL_DEMO" in result.stderr


def test_production_with_every_setting_passes_deploy_check(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "LANG": "C.UTF-8",
            "PORTAL_DEMO": "",
            **PRODUCTION,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRINT_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
from common.links import public_reverse
database = settings.DATABASES["default"]
print(json.dumps({
    "engine": database["ENGINE"],
    "name": str(database["NAME"]),
    "host": database.get("HOST", ""),
    "port": database.get("PORT", ""),
    "user": database.get("USER", ""),
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
    "mailer": settings.MAILERS["default"],
    "ssl_redirect": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "hsts": getattr(settings, "SECURE_HSTS_SECONDS", 0),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "proxy_header": getattr(settings, "SECURE_PROXY_SSL_HEADER", None),
    "debug": settings.DEBUG,
    "link": public_reverse("campaigns_portal:activity", args=[7]),
}))
"""


def read_settings(overrides):
    result = start_portal(overrides, PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_laptop_defaults_use_sqlite_beside_manage_py():
    values = read_settings({"DATABASE_URL": ""})

    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["staticfiles"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert values["mailer"]["BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["link"] == "http://127.0.0.1:8000/portal/activities/7/"
    assert values["debug"] is True


def test_database_url_selects_postgresql():
    values = read_settings(
        {"DATABASE_URL": "postgres://portal:secret@db.example.vn:6543/khuyenhoc"}
    )

    assert values["engine"] == "django.db.backends.postgresql"
    assert (values["name"], values["host"], values["port"], values["user"]) == (
        "khuyenhoc",
        "db.example.vn",
        6543,
        "portal",
    )


def test_production_mode_is_secure_behind_a_tls_proxy():
    values = read_settings(PRODUCTION)

    assert values["staticfiles"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["ssl_redirect"] is True
    assert values["hsts"] >= 60 * 60 * 24 * 365
    assert values["session_cookie_secure"] is True
    assert values["csrf_cookie_secure"] is True
    assert values["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["mailer"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["mailer"]["OPTIONS"]["host"] == "mail.example.vn"
    assert values["mailer"]["OPTIONS"]["port"] == 587
    assert values["mailer"]["OPTIONS"]["use_tls"] is True
    assert values["debug"] is False


def test_production_links_lead_to_the_public_address():
    values = read_settings({**PRODUCTION, "PORTAL_BASE_URL": "https://khuyenhoc.haiphong.vn/"})

    assert values["link"] == "https://khuyenhoc.haiphong.vn/portal/activities/7/"


def test_demo_mode_shows_no_debug_pages_and_stays_a_laptop():
    values = read_settings({"DEBUG": "True", "PORTAL_DEMO": "True", "DATABASE_URL": ""})

    assert values["debug"] is False
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["staticfiles"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert values["mailer"]["BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["ssl_redirect"] is False


def test_language_and_time_are_vietnamese_first():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


def test_content_security_policy_allows_nothing_inline_or_foreign():
    policy = settings.SECURE_CSP
    for directive in ("default-src", "script-src", "style-src"):
        assert policy[directive] == ["'self'"], directive
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_database_is_the_one_this_run_expects():
    """Proves which database the whole session ran on.

    CI sets PORTAL_EXPECT_DB=postgresql for its PostgreSQL run, and PORTAL_DB_PROOF to a
    file it reads afterwards: a run that silently fell back to SQLite fails here, and a run
    in which this test did not happen leaves no proof behind.
    """
    url = os.environ.get("DATABASE_URL", "")
    implied = "postgresql" if url.startswith(("postgres", "pgsql")) else "sqlite"
    expected = os.environ.get("PORTAL_EXPECT_DB") or implied

    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)

    proof = os.environ.get("PORTAL_DB_PROOF")
    if proof:
        version = connection.pg_version if connection.vendor == "postgresql" else ""
        Path(proof).write_text(
            f"{connection.vendor} {connection.settings_dict['NAME']} {version}\n", encoding="utf-8"
        )
