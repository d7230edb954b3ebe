"""The pages a visitor, an officer and the association's staff open read in Vietnamese by
default and in English after the language switch: no English word of the interface is left
on a Vietnamese page (the catalogue itself is checked in tests/test_translations.py)."""

import datetime
import re
import tempfile
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import ActivityKind, ActivityState, KeyDate
from tests import catalogue as vi
from tests.campaigns.factories import make_campaign, write_activity

# --- pages ------------------------------------------------------------------------------


@pytest.fixture
def month(units, officer_le_chan):
    """A Month of Study Promotion under way today, with published, submitted and cancelled
    activities of Quận Lê Chân, so that the pages show their lists, badges and queues."""
    today = timezone.localdate()
    campaign = make_campaign(
        today.year,
        focus_areas=(1,),
        plan_number="204/KH-UBND",
        plan_date=today - datetime.timedelta(days=20),
        plan_issuer="Ủy ban nhân dân thành phố Hải Phòng",
        starts_on=today - datetime.timedelta(days=5),
        ends_on=today + datetime.timedelta(days=25),
        theme="Xây dựng Hải Phòng trở thành thành phố học tập.",
        lifelong_learning_theme="Phát triển văn hóa đọc góp phần thúc đẩy học tập suốt đời",
    )
    campaign.participants.set([units.le_chan, units.kien_an, units.department])
    KeyDate.objects.create(
        campaign=campaign, title="Ngày Khuyến học Việt Nam", starts_on=today + datetime.timedelta(2)
    )

    def activity(title, state, day, **extra):
        return write_activity(
            campaign,
            title,
            organizer=units.le_chan,
            kind=ActivityKind.AWARD_CEREMONY,
            starts_on=today + datetime.timedelta(days=day),
            start_time=datetime.time(8, 0),
            end_time=datetime.time(11, 30),
            venue="Nhà văn hóa phường An Biên",
            commune=units.an_bien,
            audience="Học sinh, phụ huynh",
            state=state,
            submitted_at=timezone.now() - datetime.timedelta(days=2),
            created_by=officer_le_chan,
            **extra,
        )

    return {
        "campaign": campaign,
        "published": activity("Trao học bổng Hoa Phượng Đỏ", ActivityState.PUBLISHED, 1),
        "earlier": activity("Lễ phát động Tháng Khuyến học", ActivityState.PUBLISHED, -2),
        "cancelled": activity(
            "Hội thảo văn hóa đọc",
            ActivityState.CANCELLED,
            3,
            cancel_reason="Bão số 3 đổ bộ vào thành phố.",
        ),
        "submitted": activity("Tọa đàm khuyến tài", ActivityState.SUBMITTED, 4),
        "draft": activity("Tập huấn cán bộ hội", ActivityState.DRAFT, 6),
    }


class _VisibleText(HTMLParser):
    """The words a reader sees or hears: text outside scripts and styles, and the titles,
    labels and button values a screen reader says."""

    SPOKEN = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__()
        self.chunks = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        attributes = dict(attrs)
        self.chunks.extend(attributes[name] for name in self.SPOKEN if attributes.get(name))
        if tag == "input" and attributes.get("type") in ("submit", "button", "reset"):
            self.chunks.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.chunks.append(data)


def _visible_chunks(response):
    parser = _VisibleText()
    parser.feed(response.content.decode())
    return [" ".join(chunk.split()) for chunk in parser.chunks]


_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# Words both languages write alike, and names of formats and keys.
_SHARED = {"email", "excel", "ical", "ics", "pdf", "csv", "xlsx", "jpeg", "png", "webp", "utc"}
_SHARED |= {"english", "ctrl", "mac", "id", "sso", "ldap", "json", "uuid", "csrf", "https"}


def _english_only_words():
    """Words of the English source strings that no Vietnamese translation uses."""
    english, vietnamese = set(), set()
    for domain in vi.CATALOGUES:
        for entry in vi.entries(domain):
            source = vi.NAMED.sub(" ", f"{entry.msgid} {entry.msgid_plural}")
            english.update(word.lower() for word in _WORD.findall(vi.TAGS.sub(" ", source)))
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                vietnamese.update(word.lower() for word in _WORD.findall(text))
    return {word for word in english - vietnamese - _SHARED if len(word) > 1}


_ADDRESS = re.compile(r"(?:[a-z]+:)?//\S+|(?<!\w)/[\w./?=&%-]+|\S+@\S+")


def _english_left(chunks, english_only, *, data=()):
    """Text that reads as English: a run of two English-only words, or a piece of text (a
    button, a heading, a label) made of English-only words alone. `data` (user names and
    other values typed by people) and addresses are taken out first."""
    found = []
    for chunk in chunks:
        chunk = _ADDRESS.sub(" ", chunk)
        for value in data:
            chunk = chunk.replace(value, " ")
        for run in re.split(r"[^\w'’ ]+", chunk):
            words = _WORD.findall(run)
            flags = [word.lower() in english_only for word in words]
            pairs = any(a and b for a, b in pairwise(flags))
            alone = bool(words) and all(flags) and run.strip() == " ".join(words)
            if pairs or alone:
                found.append(run.strip())
    return sorted(set(found))


@pytest.fixture
def english_only():
    return _english_only_words()


def test_english_only_words_include_the_admin_chrome(english_only):
    """The scan below knows the English words it looks for, Django's admin ones included."""
    assert {"sign", "toggle", "theme", "counts", "run"} <= english_only
    assert _english_left(["Toggle theme (current theme: auto)"], english_only)
    assert _english_left(["Run"], english_only)
    assert not _english_left(["Đăng nhập", "Thực hiện"], english_only)


def _page(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    return response


def test_public_pages_read_in_vietnamese_by_default(client_for, month, english_only):
    visitor = client_for(None, language=None)
    paths = [
        reverse("campaigns:home"),
        reverse("campaigns:calendar"),
        reverse("campaigns:calendar") + "?view=list",
        reverse("campaigns:activity-detail", args=[month["published"].pk]),
        reverse("campaigns:activity-detail", args=[month["cancelled"].pk]),
        reverse("accounts:login"),
        reverse("accounts:password_reset"),
    ]
    for path in paths:
        response = _page(visitor, path)
        text = response.content.decode()
        assert '<html lang="vi">' in text, path
        assert "Đăng nhập" in text, path
        assert "Sign in" not in text, path
        assert _english_left(_visible_chunks(response), english_only) == [], path


def test_home_calendar_and_login_show_the_portal_terms(client_for, month):
    visitor = client_for(None, language=None)
    home = _page(visitor, reverse("campaigns:home")).content.decode()
    assert "Tháng Khuyến học năm" in home
    assert "Lịch hoạt động" in home
    assert "Kế hoạch số 204/KH-UBND" in home
    assert "Hội Khuyến học thành phố Hải Phòng" in home
    calendar = _page(visitor, reverse("campaigns:calendar") + "?view=list").content.decode()
    assert "Nội dung trọng tâm" in calendar
    assert "Đã hủy" in calendar
    login = _page(visitor, reverse("accounts:login")).content.decode()
    assert "Quên mật khẩu?" in login
    assert "Tên đăng nhập" in login


def test_language_switch_turns_the_pages_into_english_and_back(client_for, month):
    visitor = client_for(None, language=None)
    for path in (
        reverse("campaigns:home"),
        reverse("campaigns:calendar"),
        reverse("accounts:login"),
    ):
        assert "Đăng nhập" in _page(visitor, path).content.decode()
    switched = visitor.get(reverse("switch-language", args=["en"]) + "?next=/")
    assert switched.status_code == 302
    assert switched["Location"] == "/"
    for path in (
        reverse("campaigns:home"),
        reverse("campaigns:calendar"),
        reverse("accounts:login"),
    ):
        text = _page(visitor, path).content.decode()
        assert '<html lang="en">' in text, path
        assert "Sign in" in text, path
        assert "Đăng nhập" not in text, path
    assert (
        "Calendar of activities" in _page(visitor, reverse("campaigns:calendar")).content.decode()
    )
    visitor.get(reverse("switch-language", args=["vi"]) + "?next=/")
    assert "Đăng nhập" in _page(visitor, reverse("campaigns:home")).content.decode()


def test_calendar_feed_labels_are_vietnamese_by_default(client_for, month):
    feed = client_for(None, language=None).get(reverse("campaigns:calendar-ics"))
    assert feed.status_code == 200
    text = feed.content.decode().replace("\r\n ", "")
    assert "Đơn vị tổ chức" in text
    assert "Organised by" not in text


def test_officers_area_reads_in_vietnamese(client_for, officer_le_chan, month, english_only):
    officer = client_for(officer_le_chan, language=None)
    paths = [
        reverse("portal:dashboard"),
        reverse("campaigns_portal:activities"),
        reverse("campaigns_portal:activity-new"),
        reverse("campaigns_portal:activity", args=[month["submitted"].pk]),
        reverse("campaigns_portal:activity", args=[month["published"].pk]),
        reverse("campaigns_portal:upload"),
        reverse("organizations_portal:my-units"),
        reverse(
            "organizations_portal:unit-detail", args=[officer_le_chan.memberships.get().unit_id]
        ),
    ]
    for path in paths:
        response = _page(officer, path)
        chunks = _visible_chunks(response)
        assert "Đăng xuất" in chunks, path
        assert _english_left(chunks, english_only, data=[officer_le_chan.username]) == [], path


def test_admin_reads_in_vietnamese_for_the_association_staff(
    client_for, staff, month, english_only
):
    client = client_for(staff, language=None)
    paths = [
        reverse("admin:index"),
        reverse("admin:campaigns_activity_changelist"),
        reverse("admin:campaigns_activitytoreview_changelist"),
        reverse("admin:campaigns_activity_change", args=[month["submitted"].pk]),
        reverse("admin:campaigns_campaign_changelist"),
    ]
    for path in paths:
        response = _page(client, path)
        chunks = _visible_chunks(response)
        found = _english_left(chunks, english_only, data=[staff.username])
        assert found == [], path
    queue = _page(client, reverse("admin:campaigns_activitytoreview_changelist"))
    assert "Thao tác:" in queue.content.decode()
    assert re.search(r"\d+\sngày", queue.content.decode())


def test_unit_import_reads_in_vietnamese_for_the_association_staff(
    client_for, staff, units, english_only, tmp_path, monkeypatch
):
    """django-import-export's upload page, a refused file's rows and the preview."""
    from organizations.importing import COLUMNS
    from organizations.models import UnitKind
    from tests.organizations.unit_tables import table_csv, upload

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    client = client_for(staff, language=None)
    path = reverse("admin:organizations_unit_import")
    good = ["11368", "Phường Cát Dài", "phuong", "305", "", "2024-12-31", "", ""]
    bad = ["11374", "", "khu_pho", "399", "", "2024-12-31", "", ""]
    pages = [_page(client, path)]
    for rows in ([good, bad], [good]):
        file = upload("don-vi.csv", table_csv(rows))
        pages.append(client.post(path, {"resource": "0", "import_file": file}))
    # Column names and kinds are written as the file writes them.
    data = [staff.username, *sorted(COLUMNS, key=len, reverse=True), *UnitKind.values]
    for response in pages:
        assert response.status_code == 200
        assert _english_left(_visible_chunks(response), english_only, data=data) == []
    assert "report" in pages[1].context
    assert "confirm_form" in pages[2].context


def test_admin_search_box_is_labelled_in_vietnamese(client_for, staff, month):
    """Django's admin/search_form.html writes the box's label (the magnifier's alt text) in
    English; the portal's copy translates it."""
    page = _page(client_for(staff, language=None), reverse("admin:campaigns_activity_changelist"))

    label = re.search(r'<label for="searchbar">(.*?)</label>', page.content.decode(), re.S)
    assert label is not None
    assert 'alt="Tìm kiếm"' in label.group(1)
    assert "Search" not in label.group(1)
