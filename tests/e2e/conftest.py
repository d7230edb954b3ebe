"""Browser tests: real Chromium, driven by Playwright, against pytest-django's live server.

The system's Chromium (Debian package `chromium`, /usr/bin/chromium) is used; Playwright's own
browser download is never needed. Without Chromium these tests are skipped with a visible
reason, unless PORTAL_REQUIRE_BROWSER=1 (as in CI), which turns the skip into a failure.

Every page opened here is watched: a Content Security Policy violation on any page a test
visits fails the test. Fixtures and helpers for the tests in this folder:

    page                    a fresh browser context per test, desktop width, Vietnamese
                            (the portal's default: no language chosen yet)
    phone_page              the same at a phone's width (390 × 844, touch)
    open_page(width=..., height=..., language=None|"en"|"vi", mobile=False)
                            one more page in a fresh context, e.g. a second person
    url(path)               the live server's absolute address of `path`
    visit(page, path)       open `path`, wait for it, check it loaded with no CSP violation
    log_in(page, user_or_username, password)
                            sign in through the login form (the personas' password is
                            the `persona_password` fixture of tests/conftest.py)
    screenshot(page, name)  a full-page PNG in tests/e2e/artifacts/<name>.png (gitignored)
    assert_accessible(page) axe-core's WCAG 2.0/2.1 A and AA rules; fails listing violations
                            (tags=WCAG22_TAGS adds WCAG 2.2 AA: target size and the rest)
    assert_no_csp_violations(page)
    follow(page, locator)   click a link or button that loads a new page, wait for it, check
                            it loaded without an error status or a CSP violation
    sign_in_from(page, path, user, password)
                            open a page that needs signing in, sign in on the login form it
                            leads to, land back on the page
    field(page, label)      a form field by its label

The world of the scenarios (tests/e2e/test_activity_flow.py, test_bulk_upload.py):

    campaign_2024           the 2024 Month of Study Promotion, open for entries, with its
                            eight focus areas (FOCUS_AREAS) and Ngày Khuyến học

axe-core is vendored in tests/e2e/vendor/ (MPL-2.0) and loaded as an init script, which
the page's own CSP does not govern: `page.add_script_tag` would be refused by it.
"""

import contextlib
import datetime
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from campaigns.models import Campaign, CampaignState, FocusArea, KeyDate

# Playwright's sync API keeps an event loop running in the test thread; Django would take
# every ORM call made by a test (creating a persona, say) for one made from async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
AXE = HERE / "vendor" / "axe.min.js"
ARTIFACTS = HERE / "artifacts"
CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
# Quiet on a closed network: no update checks, sync, QUIC probes or first-run pages.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WCAG22_TAGS = [*AXE_TAGS, "wcag22aa"]

FOCUS_AREAS = [
    ("Tuyên truyền về công tác khuyến học, khuyến tài", "Tuyên truyền"),
    ("Kiện toàn Ban Chỉ đạo xây dựng xã hội học tập", "Ban Chỉ đạo"),
    ("Phát triển tổ chức Khuyến học và hội viên", "Tổ chức, hội viên"),
    ("Triển khai Quyết định 1373/QĐ-TTg và Nghị quyết 09/2023/NQ-HĐND", "QĐ 1373, NQ 09"),
    ("Phát động Tuần lễ hưởng ứng học tập suốt đời", "Tuần lễ học tập suốt đời"),
    ("Xây dựng các mô hình học tập theo Thông tư 24 và 25", "Mô hình học tập"),
    ("Vận động Quỹ Khuyến học, khuyến tài", "Quỹ Khuyến học"),
    (
        "Hỗ trợ học sinh, sinh viên vượt khó; khen thưởng người học tập xuất sắc",
        "Hỗ trợ, khen thưởng",
    ),
]

# Reports every CSP violation of every document in the context to Python, through a binding
# that survives navigations (an in-page list would be lost with the page that held it).
CSP_WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__portalCspViolation({
    page: document.location.href,
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  });
});
"""


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Launch options for pytest-playwright's `browser`: the system's Chromium."""
    if not CHROMIUM.exists():
        message = (
            f"Chromium not found at {CHROMIUM}: install it with "
            "`apt-get install chromium` (Debian) or set PORTAL_CHROMIUM to its path."
        )
        if os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " PORTAL_REQUIRE_BROWSER=1 makes this a failure.")
        pytest.skip(message)
    return {"executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args():
    """Every context: a reader in Hải Phòng (the viewport is chosen by `open_page`)."""
    return {"locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def url(live_server):
    def make(path="/"):
        return live_server.url + path

    return make


@pytest.fixture
def csp_violations():
    """Every CSP violation seen in this test's browser contexts."""
    return []


@pytest.fixture
def open_page(new_context, live_server, csp_violations):
    """open_page(width=1280, height=900, language=None, mobile=False): a page in a new context."""
    pages = []

    def make(*, width=DESKTOP["width"], height=DESKTOP["height"], language=None, mobile=False):
        options = {"viewport": {"width": width, "height": height}}
        if mobile:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
        context = new_context(**options)
        context.expose_binding(
            "__portalCspViolation", lambda _source, violation: csp_violations.append(violation)
        )
        context.add_init_script(script=CSP_WATCH)
        context.add_init_script(path=AXE)
        if language:
            context.add_cookies(
                [{"name": "portal_language", "value": language, "url": live_server.url}]
            )
        page = context.new_page()
        page.on("console", lambda message: _note_console_csp(message, csp_violations))
        pages.append(page)
        return page

    yield make
    for page in pages:
        # A page that crashed or navigated away mid-flush has nothing more to report.
        with contextlib.suppress(PlaywrightError):
            if not page.is_closed():
                _flush(page)
    assert csp_violations == [], "Content Security Policy violations: " + _describe(csp_violations)


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def phone_page(open_page):
    return open_page(width=PHONE["width"], height=PHONE["height"], mobile=True)


def _note_console_csp(message, violations):
    # Chromium also writes violations to the console; some (a blocked inline handler
    # before the page's own listener exists) may only show there.
    if message.type == "error" and "Content Security Policy" in message.text:
        violations.append({"console": message.text, "page": message.page.url})


def _flush(page):
    """Let events the page has queued (violation reports) reach Python."""
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")


def _describe(violations):
    return "\n".join(str(violation) for violation in violations)


@pytest.fixture
def assert_no_csp_violations(csp_violations):
    def check(page):
        _flush(page)
        assert csp_violations == [], "Content Security Policy violations: " + _describe(
            csp_violations
        )

    return check


@pytest.fixture
def visit(url, assert_no_csp_violations):
    """visit(page, path): open a page of the portal; fails on an error status or CSP violation."""

    def go(page, path="/", *, status=200):
        response = page.goto(url(path), wait_until="load")
        assert response is not None
        assert response.status == status, f"{path}: {response.status}"
        assert_no_csp_violations(page)
        return response

    return go


@pytest.fixture
def log_in(visit):
    """log_in(page, user_or_username, password): sign in through the login form."""

    def sign_in(page, user, password, *, next_path=None):
        username = getattr(user, "username", user)
        path = "/accounts/login/" + (f"?next={next_path}" if next_path else "")
        visit(page, path)
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.locator("#id_password").press("Enter")
        assert "/accounts/login/" not in page.url, f"{username} could not sign in"

    return sign_in


@pytest.fixture
def screenshot():
    """screenshot(page, name): save a full-page PNG in tests/e2e/artifacts/."""

    def take(page, name):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def assert_accessible():
    """assert_accessible(page, exclude=(), tags=AXE_TAGS): no axe-core violation of the
    rules under `tags` (WCAG 2.0/2.1 A and AA unless told) on the page."""

    def check(page, *, exclude=(), tags=AXE_TAGS):
        assert page.evaluate("() => typeof window.axe === 'object'"), "axe-core not loaded"
        result = page.evaluate(
            """([tags, exclude]) => axe.run(
                   {exclude: exclude.map((selector) => [selector])},
                   {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}
               )""",
            [list(tags), list(exclude)],
        )
        violations = result["violations"]
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']}\n"
            + "\n".join(f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"])
            for v in violations
        )
        assert violations == [], f"Accessibility violations on {page.url}:\n{report}"

    return check


@pytest.fixture
def follow(assert_no_csp_violations):
    """follow(page, locator): click a link or button that loads a new page, wait for it,
    and check it loaded without an error status or a CSP violation."""

    def click(page, locator):
        expect(locator).to_be_visible()
        with page.expect_navigation(wait_until="load") as navigation:
            locator.click()
        response = navigation.value
        assert response is not None, page.url
        assert response.ok, f"{page.url}: {response.status}"
        assert_no_csp_violations(page)

    return click


@pytest.fixture
def sign_in_from(visit, follow):
    """sign_in_from(page, path, user, password): open a page that needs signing in (a
    bookmark, say), get the login form instead, sign in, land back on the page."""

    def sign_in(page, path, user, password):
        visit(page, path)
        assert "/accounts/login/" in page.url, f"{path} did not ask {user.username} to sign in"
        field(page, "User name").fill(user.username)
        field(page, "Password").fill(password)
        follow(page, page.get_by_role("button", name="Sign in"))
        assert page.url.endswith(path), f"{user.username} landed on {page.url}, not {path}"

    return sign_in


def field(page, label):
    """A form field by its label ("Venue", not the commune's "…of the venue")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


@pytest.fixture
def campaign_2024(units):
    """The 2024 Month of Study Promotion, open for entries, with its eight focus areas."""
    campaign = Campaign.objects.create(
        year=2024,
        title="Tháng Khuyến học năm 2024",
        plan_number="204/KH-UBND",
        plan_date=datetime.date(2024, 8, 28),
        plan_issuer="UBND thành phố Hải Phòng",
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2024, 10, 5),
        lifelong_learning_theme="Phát triển văn hóa đọc để thúc đẩy học tập suốt đời",
        state=CampaignState.OPEN,
    )
    campaign.participants.set([units.le_chan, units.kien_an, units.department])
    for position, (title, short_title) in enumerate(FOCUS_AREAS, start=1):
        FocusArea.objects.create(
            campaign=campaign, position=position, title=title, short_title=short_title
        )
    KeyDate.objects.create(
        campaign=campaign, title="Ngày Khuyến học Việt Nam", starts_on=datetime.date(2024, 10, 2)
    )
    return campaign


@pytest.fixture
def pending_uploads(tmp_path, monkeypatch):
    """Uploads waiting between their preview and confirmation are kept in the test's own
    temporary folder."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
