"""The page every other page stands on: Vietnamese first, a language switch, a skip link,
a strict Content Security Policy, and nothing fetched from another host."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
APPS = ("config", "organizations", "campaigns", "learning_models", "scholarships")


class PageParser(HTMLParser):
    """Collects the elements the tests below look at."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def find(self, tag, **wanted):
        return [
            attrs
            for name, attrs in self.elements
            if name == tag and all(attrs.get(key) == value for key, value in wanted.items())
        ]


def parse(response):
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def visitor(db):
    """An anonymous visitor whose browser never chose a language."""
    return Client()


def test_home_page_is_vietnamese_by_default(visitor):
    response = visitor.get("/")

    assert response.status_code == 200
    assert parse(response).find("html")[0]["lang"] == "vi"
    assert response["Content-Language"] == "vi"


def test_browser_asking_for_english_still_gets_vietnamese(visitor):
    # Many Vietnamese readers' browsers are set to English; only the switch changes language.
    response = visitor.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert parse(response).find("html")[0]["lang"] == "vi"


def test_language_switch_changes_to_english_and_back(visitor):
    switched = visitor.get(reverse("switch-language", args=["en"]), {"next": "/calendar/"})

    assert switched.status_code == 302
    assert switched["Location"] == "/calendar/"
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    english = visitor.get("/")
    assert parse(english).find("html")[0]["lang"] == "en"
    assert english["Content-Language"] == "en"
    assert "Hai Phong Study Promotion Association" in english.content.decode()

    visitor.get(reverse("switch-language", args=["vi"]), {"next": "/"})

    assert parse(visitor.get("/")).find("html")[0]["lang"] == "vi"


def test_language_switch_refuses_other_hosts_and_unknown_languages(visitor):
    away = visitor.get(reverse("switch-language", args=["en"]), {"next": "https://evil.example/"})

    assert away.status_code == 302
    assert away["Location"] == "/"
    assert visitor.get(reverse("switch-language", args=["fr"])).status_code == 404


def test_language_switch_is_on_the_page_with_both_languages(visitor):
    page = parse(visitor.get("/calendar/?view=list"))

    links = {attrs["hreflang"]: attrs for attrs in page.find("a") if "hreflang" in attrs}
    assert set(links) == {"vi", "en"}
    assert links["en"]["href"] == "/language/en/?next=/calendar/%3Fview%3Dlist"
    assert links["vi"]["aria-current"] == "true"
    assert "aria-current" not in links["en"]


def test_page_names_the_association(client_for):
    response = client_for(None, language="en").get("/")
    page = parse(response)

    assert "Hai Phong Study Promotion Association" in response.content.decode()
    assert page.find("a", href="/", **{"class": "brand"})


@pytest.mark.parametrize(
    ("path", "current"),
    [("/", "/"), ("/calendar/", "/calendar/"), ("/fund/", "/fund/"),
     ("/fund/receipts/check/", "/fund/"), ("/learning-models/", "/learning-models/")],
)  # fmt: skip
def test_the_site_menu_reaches_every_public_section_and_marks_the_current_one(
    visitor, path, current
):
    page = parse(visitor.get(path))

    menu = [attrs for tag, attrs in page.elements if tag == "a" and "href" in attrs]
    hrefs = {attrs["href"] for attrs in menu}
    assert {"/", "/calendar/", "/learning-models/", "/fund/"} <= hrefs
    assert [attrs["href"] for attrs in menu if attrs.get("aria-current") == "page"] == [current]


def test_skip_link_leads_to_main_content(visitor):
    page = parse(visitor.get("/"))

    first_link = next(attrs for tag, attrs in page.elements if tag == "a")
    assert first_link["href"] == "#main"
    assert page.find("main", id="main")


def test_page_fits_a_phone_screen(visitor):
    page = parse(visitor.get("/"))

    viewport = page.find("meta", name="viewport")
    assert viewport
    assert "width=device-width" in viewport[0]["content"]


def test_pages_carry_a_strict_content_security_policy(visitor):
    for path in ("/", reverse("accounts:login")):
        response = visitor.get(path)
        policy = response["Content-Security-Policy"]

        assert "'unsafe-inline'" not in policy
        assert "'unsafe-eval'" not in policy
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_page_has_no_inline_script_or_style(visitor):
    for path in ("/", reverse("accounts:login")):
        response = visitor.get(path)
        html = response.content.decode()
        page = parse(response)

        assert "<style" not in html
        assert all("src" in attrs for attrs in page.find("script"))
        assert not [attrs for _tag, attrs in page.elements if "style" in attrs]
        assert not [
            (tag, name) for tag, attrs in page.elements for name in attrs if name.startswith("on")
        ]


def test_page_loads_everything_from_the_portal_itself(visitor):
    page = parse(visitor.get("/"))

    loaded = [attrs["href"] for attrs in page.find("link")]
    loaded += [attrs["src"] for tag, attrs in page.elements if tag in {"img", "script"}]
    assert loaded
    assert all(url.startswith(settings.STATIC_URL) for url in loaded), loaded


# --- No external host anywhere in the portal's own templates and static files ------------

# Namespace names in SVG and XML look like addresses but are never fetched.
NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/XML/1998/namespace",
}
URL = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'<>)]*""")
# What makes a browser fetch an address on its own: src/srcset/poster/data/action
# attributes, <link href>, CSS url() and @import, JavaScript imports and fetches.
FETCHING = re.compile(
    r"""(?:\b(?:src|srcset|poster|data|action|formaction)\s*=\s*["']?\s*"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*"""
    r"""|url\(\s*["']?\s*"""
    r"""|@import\s+(?:url\(\s*)?["']?\s*"""
    r"""|\bimport\s*\(?\s*["']|\bfetch\s*\(\s*["'])$""",
    re.IGNORECASE,
)
TEXT_SUFFIXES = {".html", ".txt", ".css", ".js", ".mjs", ".svg", ".xml", ".json", ".webmanifest"}


def portal_files():
    folders = [ROOT / "templates", ROOT / "static"]
    folders += [ROOT / app / sub for app in APPS for sub in ("templates", "static")]
    for folder in folders:
        if folder.is_dir():
            yield from (
                path
                for path in sorted(folder.rglob("*"))
                if path.is_file() and path.suffix in TEXT_SUFFIXES
            )


def external_references(text):
    """(address, fetched?) for each absolute address in `text` that is not a namespace name."""
    found = []
    for match in URL.finditer(text):
        address = match.group(0)
        if address.rstrip("/") in NAMESPACES or address.startswith("//www.w3.org/"):
            continue
        if not address.startswith(("http://", "https://", "//")):
            continue
        before = text[max(0, match.start() - 200) : match.start()]
        found.append((address, bool(FETCHING.search(before))))
    return found


def test_external_reference_finder_catches_cdns_and_fonts():
    samples = {
        '<script src="https://cdn.jsdelivr.net/npm/htmx.org"></script>': True,
        '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">': True,
        "@import url('https://fonts.googleapis.com/css2?family=Inter');": True,
        "body { background: url(https://example.com/bg.png); }": True,
        '<img srcset="https://img.example.vn/a.png 2x">': True,
        '<a href="https://thuvienphapluat.vn/van-ban/">Kế hoạch</a>': False,
    }
    for text, fetched in samples.items():
        assert external_references(text) == [(URL.search(text).group(0), fetched)], text
    assert external_references('<svg xmlns="http://www.w3.org/2000/svg"></svg>') == []


def test_templates_and_static_files_fetch_nothing_from_other_hosts():
    files = list(portal_files())
    assert any(path.name == "base.html" for path in files)
    assert any(path.name == "portal.css" for path in files)

    fetched = {}
    for path in files:
        for address, is_fetched in external_references(path.read_text(encoding="utf-8")):
            if is_fetched:
                fetched.setdefault(str(path.relative_to(ROOT)), []).append(address)

    assert fetched == {}


def test_stylesheets_use_no_web_fonts():
    for path in portal_files():
        if path.suffix == ".css":
            css = path.read_text(encoding="utf-8")
            assert "@font-face" not in css, path
            assert "@import" not in css, path


# --- Static files in production: WhiteNoise, fingerprinted and compressed -----------------

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.mark.django_db
def test_production_static_files_are_fingerprinted_compressed_and_cached_forever(tmp_path):
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES=PRODUCTION_STATIC,
        WHITENOISE_AUTOREFRESH=False,
        WHITENOISE_USE_FINDERS=False,
    ):
        # The admin's and import-export's hundred files would only slow the compression.
        call_command(
            "collectstatic",
            interactive=False,
            verbosity=0,
            ignore_patterns=["admin/*", "import_export/*"],
        )
        manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
        stylesheet = manifest["css/portal.css"]
        assert re.fullmatch(r"css/portal\.[0-9a-f]{12}\.css", stylesheet)
        for suffix in ("", ".gz", ".br"):
            assert (tmp_path / f"{stylesheet}{suffix}").is_file(), suffix

        browser = Client()
        home = browser.get("/").content.decode()
        assert f'href="/static/{stylesheet}"' in home

        served = browser.get(f"/static/{stylesheet}", HTTP_ACCEPT_ENCODING="br, gzip")
        assert served.status_code == 200
        assert served["Content-Encoding"] == "br"
        assert "immutable" in served["Cache-Control"]
        assert "max-age=315360000" in served["Cache-Control"]
        served.close()
