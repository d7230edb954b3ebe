"""Whole public pages from the cache: the same for every anonymous visitor, never for a
signed-in one, and never stale after a change."""

import datetime
import gzip

import pytest
from django.db import transaction
from django.urls import reverse

from campaigns import services
from campaigns.models import ActivityKind
from common import public_cache
from common.models import PublicGeneration
from tests.campaigns.factories import enter_activity, publish


@pytest.fixture
def published(campaign, officer_le_chan, staff):
    activity = enter_activity(campaign, by=officer_le_chan, starts_on=datetime.date(2024, 9, 6))
    return publish(activity, officer=officer_le_chan, staff=staff)


def test_second_anonymous_visit_costs_one_query(
    anonymous_client, published, django_assert_num_queries
):
    url = reverse("campaigns:calendar") + "?view=list"
    first = anonymous_client.get(url)

    with django_assert_num_queries(1):
        second = anonymous_client.get(url)

    assert second.status_code == 200
    assert second.content == first.content
    assert "Lễ phát động Tháng Khuyến học quận Lê Chân" in second.content.decode()


def test_cached_page_is_sent_compressed_to_clients_that_accept_it(anonymous_client, published):
    url = reverse("campaigns:calendar") + "?view=list"
    plain = anonymous_client.get(url)

    packed = anonymous_client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content


def test_browser_with_the_page_gets_304(anonymous_client, published):
    url = published.get_absolute_url()
    first = anonymous_client.get(url)

    again = anonymous_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_a_publication_is_public_at_once(anonymous_client, published, officer_le_chan, staff):
    url = reverse("campaigns:calendar") + "?view=list"
    before = anonymous_client.get(url)
    activity = enter_activity(
        published.campaign,
        by=officer_le_chan,
        kind=ActivityKind.READING,
        title="Ngày hội đọc sách phường An Biên",
        starts_on=datetime.date(2024, 9, 20),
    )
    services.submit_activity(activity, by=officer_le_chan)
    assert anonymous_client.get(url).content == before.content  # a submission is not public

    services.publish_activity(activity, by=staff)

    after = anonymous_client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "Ngày hội đọc sách phường An Biên" in after.content.decode()


def test_signed_in_reader_never_gets_the_anonymous_copy(
    anonymous_client, officer_le_chan_client, officer_le_chan, published
):
    url = reverse("campaigns:calendar")
    anonymous_client.get(url)

    page = officer_le_chan_client.get(url).content.decode()

    assert officer_le_chan.full_name in page
    assert officer_le_chan.full_name not in anonymous_client.get(url).content.decode()


def test_a_page_with_a_form_token_is_not_shared(rf, db):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    tokens = []

    @public_cache.public_page
    def form_page(request):
        tokens.append(get_token(request))
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{tokens[-1]}">')

    first, second = form_page(rf.get("/form")), form_page(rf.get("/form"))

    assert len(tokens) == 2
    assert first.content != second.content


def test_rolled_back_change_leaves_the_generation(db):
    before = public_cache.current()[0]
    with transaction.atomic():
        public_cache.bump()
        assert public_cache.current()[0] == before + 1
        transaction.set_rollback(True)

    assert public_cache.current()[0] == before
    assert PublicGeneration.objects.count() <= 1


def test_an_update_of_the_code_makes_new_keys_and_etags(anonymous_client, published, monkeypatch):
    """A cached page and a browser's copy are of the code that built them: after an update
    (another template, view or translation) the browser gets the new page, not a 304."""
    url = published.get_absolute_url()
    first = anonymous_client.get(url)
    assert anonymous_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    monkeypatch.setattr(public_cache, "code_version", lambda: "the-next-release")
    after = anonymous_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]


def test_the_code_version_follows_the_code_and_nothing_else(settings, tmp_path):
    def version():
        public_cache.code_version.cache_clear()
        try:
            return public_cache.code_version()
        finally:
            public_cache.code_version.cache_clear()

    settings.BASE_DIR = tmp_path
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<h1>Quỹ Khuyến học</h1>", encoding="utf-8")
    first = version()
    assert version() == first  # the same code, the same version, in every process

    (tmp_path / "env").mkdir()
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin")
    settings.MEDIA_ROOT = tmp_path / "uploads"
    written_files = ("media/a.html", "uploads/b.txt", "tests/t.py", "docs/n.txt", "env/x.py")
    for written in written_files:
        (tmp_path / written).parent.mkdir(exist_ok=True)
        (tmp_path / written).write_text("x")
    assert version() == first  # what the portal writes, and its tests and docs, are not code

    page.write_text("<h1>Quỹ Khuyến học, khuyến tài</h1>", encoding="utf-8")
    assert version() != first
