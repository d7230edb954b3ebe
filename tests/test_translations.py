"""The Vietnamese catalogue: every string translated, the compiled files matching the sources,
placeholders kept, and the pages a visitor, an officer and the association's staff open read in
Vietnamese by default and in English after the language switch.

The catalogue tests read locale/vi/LC_MESSAGES with polib only, so they need no GNU gettext;
`python tools/i18n.py update` (which does) refreshes and compiles the catalogue.
"""

import datetime
import json
import re
import tempfile
from collections import Counter
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import django
import import_export
import polib
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import ActivityKind, ActivityState, KeyDate
from tests.campaigns.factories import make_campaign, write_activity

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES"
CATALOGUES = sorted(path.stem for path in LOCALE.glob("*.po"))


def _po(domain):
    return polib.pofile(str(LOCALE / f"{domain}.po"))


def _entries(domain):
    return [entry for entry in _po(domain) if not entry.obsolete]


def _label(entry):
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


# --- the catalogue ----------------------------------------------------------------------


def test_catalogue_django_domain_exists():
    assert "django" in CATALOGUES


@pytest.mark.parametrize("domain", CATALOGUES)
def test_catalogue_every_entry_translated_and_not_fuzzy(domain):
    entries = _entries(domain)
    assert entries
    fuzzy = [_label(entry) for entry in entries if "fuzzy" in entry.flags]
    untranslated = [_label(entry) for entry in entries if not entry.translated()]
    assert fuzzy == []
    assert untranslated == []


@pytest.mark.parametrize("domain", CATALOGUES)
def test_catalogue_header_declares_vietnamese_with_one_plural_form(domain):
    catalogue = _po(domain)
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == "vi"
    assert catalogue.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert "charset=UTF-8" in catalogue.metadata["Content-Type"]
    plurals = [entry for entry in catalogue if entry.msgid_plural and not entry.obsolete]
    assert all(set(entry.msgstr_plural) == {0} for entry in plurals)


def _translations(entries):
    found = {}
    for entry in entries:
        if entry.msgid == "" or getattr(entry, "obsolete", False):
            continue
        key = (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)
        if entry.msgid_plural:
            found[key] = tuple(text for _n, text in sorted(entry.msgstr_plural.items()))
        else:
            found[key] = entry.msgstr
    return found


@pytest.mark.parametrize("domain", CATALOGUES)
def test_compiled_catalogue_holds_exactly_the_po_translations(domain):
    compiled = LOCALE / f"{domain}.mo"
    assert compiled.exists(), f"{compiled.name} is missing: run tools/i18n.py update"
    mo = polib.mofile(str(compiled))
    assert mo.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    in_mo, in_po = _translations(mo), _translations(_entries(domain))
    stale = {key: value for key, value in in_mo.items() if in_po.get(key) != value}
    missing = {key: value for key, value in in_po.items() if in_mo.get(key) != value}
    assert stale == {}, "django.mo is older than django.po: run tools/i18n.py update"
    assert missing == {}, "django.mo is older than django.po: run tools/i18n.py update"


_NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")
_POSITIONAL = re.compile(r"%(?!\()[-#0 +]*\d*(?:\.\d+)?[sdifr]")
_BRACES = re.compile(r"\{[^{}]*\}")
_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")


def _placeholders(text, *, python_format):
    found = Counter(f"%({name})" for name in _NAMED.findall(text))
    if python_format:
        found.update(_POSITIONAL.findall(_NAMED.sub("", text.replace("%%", ""))))
    found.update(_BRACES.findall(text))
    found.update(_TAGS.findall(text))
    return found


def _edges(text):
    """The spaces and line breaks a translation must keep at its ends (“ By %s ”)."""
    return (text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :])


@pytest.mark.parametrize("domain", CATALOGUES)
def test_catalogue_translations_keep_placeholders_tags_and_edges(domain):
    wrong = []
    for entry in _entries(domain):
        python_format = "python-format" in entry.flags
        # Vietnamese has one plural form: it serves every count, like the English plural.
        source = entry.msgid_plural or entry.msgid
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        expected = _placeholders(source, python_format=python_format)
        for text in translations:
            if _placeholders(text, python_format=python_format) != expected:
                wrong.append(f"placeholders: {_label(entry)!r} → {text!r}")
            if _edges(text) != _edges(source):
                wrong.append(f"leading/trailing space: {_label(entry)!r} → {text!r}")
    assert wrong == []


def test_catalogue_uses_the_portal_terms_for_states():
    """The state words the officers' area, the admin and the public calendar share."""
    states = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in _entries("django")
        if entry.msgctxt in {"activity state", "campaign state"}
    }
    assert states[("activity state", "draft")] == "bản nháp"
    assert states[("activity state", "submitted for review")] == "chờ duyệt"
    assert states[("activity state", "returned for changes")] == "bị trả lại để sửa"
    assert states[("activity state", "published")] == "đã công bố"
    assert states[("activity state", "cancelled")] == "đã hủy"
    assert states[("campaign state", "open")] == "đang mở"


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
    for domain in CATALOGUES:
        for entry in _entries(domain):
            source = _NAMED.sub(" ", f"{entry.msgid} {entry.msgid_plural}")
            english.update(word.lower() for word in _WORD.findall(_TAGS.sub(" ", source)))
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
    from tests.organizations.fixtures_units import table_csv, upload

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


# --- Django's own Vietnamese --------------------------------------------------------------

# A space before a full stop, a comma, a colon or a closing bracket ("bằng với 0 .").
_SPACE_BEFORE_MARK = re.compile(r"\s[.,:;!?)](?=\s|$)")
_PACKAGE_CATALOGUES = [
    *Path(django.__file__).parent.glob("**/locale/vi/LC_MESSAGES/django.po"),
    *Path(import_export.__file__).parent.glob("**/locale/vi/LC_MESSAGES/django.po"),
]


def test_number_below_its_minimum_is_refused_in_vietnamese_without_a_stray_space():
    with translation.override("vi"):
        with pytest.raises(ValidationError) as refused:
            forms.IntegerField(min_value=0).clean("-1")
        # Read while Vietnamese is active: the messages are lazy.
        messages = refused.value.messages

    assert messages == ["Giá trị phải lớn hơn hoặc bằng 0."]


def test_django_messages_read_in_vietnamese_without_a_space_before_punctuation():
    """Every message of Django's and django-import-export's Vietnamese catalogues, as the
    portal shows it (its own catalogue first): Django's writes "lớn hơn hoặc bằng với
    %(limit_value)s ." and a few more like it, which config/django_catalogue_gaps.py words
    again."""
    assert _PACKAGE_CATALOGUES
    flawed = []
    with translation.override("vi"):
        for path in _PACKAGE_CATALOGUES:
            for entry in polib.pofile(str(path)):
                if entry.obsolete or not entry.translated():
                    continue
                if entry.msgid_plural:
                    shown = (
                        translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                        if entry.msgctxt
                        else translation.ngettext(entry.msgid, entry.msgid_plural, 1)
                    )
                elif entry.msgctxt:
                    shown = translation.pgettext(entry.msgctxt, entry.msgid)
                else:
                    shown = translation.gettext(entry.msgid)
                if _SPACE_BEFORE_MARK.search(shown):
                    flawed.append(f"{entry.msgid!r} → {shown!r}")
    assert flawed == []


def test_admin_scripts_read_in_vietnamese_without_a_space_before_punctuation(client_for, staff):
    script = client_for(staff, language=None).get(reverse("admin:jsi18n"))

    assert script.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\});\n", script.content.decode(), re.S)
    assert found is not None
    catalogue = json.loads(found.group(1))
    shown = [text for value in catalogue.values() for text in _texts(value)]
    assert "Chọn tất cả %s" in shown
    assert [text for text in shown if _SPACE_BEFORE_MARK.search(text)] == []


def _texts(value):
    return value if isinstance(value, list) else [value]
