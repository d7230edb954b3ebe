"""Error pages in the portal's own look and language, never Django's bare English ones."""

import pytest
from django.test import Client
from django.urls import path


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken)]


@pytest.mark.django_db
def test_unknown_address_gets_the_portals_404_in_vietnamese(settings):
    settings.DEBUG = False
    response = Client().get("/khong-co-trang-nay/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Trang này không tồn tại" in page
    assert 'href="/calendar/"' in page


@pytest.mark.django_db
def test_a_server_error_gets_a_calm_page_without_details(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/broken/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "Đã xảy ra sự cố" in page
    assert "RuntimeError" not in page
