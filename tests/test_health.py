"""/healthz: what the load balancer and the monitoring ask before sending visitors."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def assert_never_cached(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate", "private", "max-age=0"} <= cache_control
    assert "Expires" in response


@pytest.mark.django_db
def test_healthz_with_database_answers_200(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert_never_cached(response)


@pytest.mark.django_db
def test_healthz_when_database_fails_answers_503(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    # Nothing about the server (addresses, error text) leaks to whoever asks.
    assert b"127.0.0.1" not in response.content
    assert_never_cached(response)


@pytest.mark.django_db
def test_healthz_is_public(client):
    assert client.get("/healthz").status_code == 200


PROBE = """
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="khuyenhoc.haiphong.example.vn")
home = client.get("/")
print(client.get("/healthz").status_code, home.status_code, home.get("Location"))
"""


def test_healthz_in_production_answers_plain_http_probes(tmp_path):
    """Behind the TLS proxy every page redirects to https, but the balancer's plain-HTTP
    probe of /healthz must get its answer, not a redirect."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "LANG": "C.UTF-8",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "False",
            "PORTAL_DEMO": "",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "khuyenhoc.haiphong.example.vn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
            "MAILER_URL": "smtp://mail.example.vn:25",
            "PORTAL_BASE_URL": "https://khuyenhoc.haiphong.example.vn",
            "LOG_LEVEL": "ERROR",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    health, home, location = result.stdout.strip().splitlines()[-1].split()
    assert health == "200"
    assert home == "301"
    assert location == "https://khuyenhoc.haiphong.example.vn/"
