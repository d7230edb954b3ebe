"""The portal's first pages in a real browser: they load under the strict CSP, pass the
accessibility rules, switch language, and fit a phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def html_lang(page):
    return page.locator("html").get_attribute("lang")


def assert_fits_width(page):
    """Nothing sticks out sideways: a phone reader never scrolls horizontally."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def test_home_page_renders_in_vietnamese(page, visit, assert_accessible, screenshot):
    visit(page, "/")

    assert html_lang(page) == "vi"
    assert page.locator("header .brand").is_visible()
    assert page.locator("main#main h1").is_visible()
    assert_accessible(page)
    screenshot(page, "home-desktop")


def test_language_switch_changes_to_english_and_back(page, visit, screenshot):
    visit(page, "/")

    with page.expect_navigation():
        page.get_by_role("link", name="English").click()

    assert html_lang(page) == "en"
    assert page.get_by_role("link", name="English").get_attribute("aria-current") == "true"
    assert page.get_by_text("Hai Phong Study Promotion Association").first.is_visible()
    screenshot(page, "home-desktop-en")

    with page.expect_navigation():
        page.get_by_role("link", name="Tiếng Việt").click()

    assert html_lang(page) == "vi"
    assert page.get_by_role("link", name="Tiếng Việt").get_attribute("aria-current") == "true"


def test_language_switch_keeps_the_visitor_on_the_same_page(page, visit):
    visit(page, "/accounts/login/")

    with page.expect_navigation():
        page.get_by_role("link", name="English").click()

    assert page.url.endswith("/accounts/login/")
    assert html_lang(page) == "en"


def test_skip_link_is_the_first_stop_for_keyboard_users(page, visit):
    visit(page, "/")

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("href", "#main")
    box = focused.bounding_box()
    assert box is not None
    assert box["y"] >= 0, "the skip link stays off screen when focused"

    page.keyboard.press("Enter")

    # Following an in-page link settles after the key press returns: wait for it.
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()


def test_login_page_renders_and_is_accessible(page, visit, assert_accessible, screenshot):
    visit(page, "/accounts/login/")

    assert page.locator("#id_username").is_visible()
    assert page.locator("#id_password").is_visible()
    assert_accessible(page)
    screenshot(page, "login-desktop")


def test_wrong_password_is_refused_with_a_message(page, visit, superuser, assert_accessible):
    visit(page, "/accounts/login/")
    page.fill("#id_username", superuser.username)
    page.fill("#id_password", "not-the-password")

    with page.expect_navigation():
        page.locator("#id_password").press("Enter")

    assert "/accounts/login/" in page.url
    assert page.locator(".form-errors[role=alert]").is_visible()
    assert_accessible(page)


def test_admin_as_superuser_renders_without_csp_errors(
    page, visit, log_in, superuser, persona_password, assert_accessible, screenshot
):
    log_in(page, superuser, persona_password)

    visit(page, "/admin/")

    assert page.locator("#site-name").is_visible()
    assert page.locator("#content").is_visible()
    assert_accessible(page)
    screenshot(page, "admin-desktop")


def test_admin_for_anonymous_visitor_leads_to_portal_login(page, url):
    page.goto(url("/admin/"))

    assert "/accounts/login/" in page.url
    assert page.locator("#id_username").is_visible()


@pytest.mark.parametrize(("path", "name"), [("/", "home"), ("/accounts/login/", "login")])
def test_public_pages_fit_a_phone(phone_page, visit, assert_accessible, screenshot, path, name):
    visit(phone_page, path)

    assert_fits_width(phone_page)
    assert phone_page.get_by_role("link", name="English").is_visible()
    assert_accessible(phone_page)
    screenshot(phone_page, f"{name}-phone")


def test_admin_fits_a_phone(
    phone_page, visit, log_in, superuser, persona_password, assert_accessible, screenshot
):
    log_in(phone_page, superuser, persona_password)

    visit(phone_page, "/admin/")

    assert_fits_width(phone_page)
    assert_accessible(phone_page)
    screenshot(phone_page, "admin-phone")


@pytest.mark.parametrize("width", [1280, 390])
def test_signed_in_header_names_the_person_and_signs_out(
    open_page, visit, log_in, superuser, persona_password, assert_accessible, screenshot, width
):
    page = open_page(width=width, mobile=width < 500)
    log_in(page, superuser, persona_password)
    visit(page, "/")

    assert page.locator(".site-nav__user").inner_text() == "Quản trị hệ thống"
    assert_fits_width(page)
    assert_accessible(page)
    screenshot(page, f"home-signed-in-{width}")

    with page.expect_navigation():
        page.locator(".site-nav form[action$='/logout/'] button").click()

    assert page.locator(".site-nav__user").count() == 0
    assert page.locator(".site-nav a[href^='/accounts/login/']").is_visible()
