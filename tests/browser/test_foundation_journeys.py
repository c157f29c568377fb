"""Journeys a person makes on day one: the office signs in with the keyboard,
switches language and edits a library; a manager cannot reach another library;
the public home works on a small phone with JavaScript off."""

import pytest
from playwright.sync_api import expect

from pustaka.libraries.models import Library
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in_with_keyboard(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.press("Tab")  # skip link
    page.focus("#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/staff/")


def test_office_signs_in_switches_to_english_and_edits_opening_hours(
    page, live_server, admin, library_a
):
    sign_in_with_keyboard(page, live_server, "admin")
    assert page.locator("html").get_attribute("lang") == "id"

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Libraries").first.click()
    page.get_by_role("link", name="Perpustakaan Desa Rebaq Rinding").click()
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("Tuesday").fill("08:00-12:00, 13:00-15:30")
    page.get_by_role("button", name="Save").click()

    assert page.get_by_text("Library profile saved.").is_visible()
    library_a.refresh_from_db()
    assert library_a.opening_hours["1"] == [["08:00", "12:00"], ["13:00", "15:30"]]
    page.goto(f"{live_server.url}/staff/libraries/")
    assert page.locator("html").get_attribute("lang") == "en", "the language choice sticks"


def test_library_filter_narrows_the_list_as_you_type(
    page, live_server, admin, library_a, library_b
):
    sign_in_with_keyboard(page, live_server, "admin")
    page.goto(f"{live_server.url}/staff/libraries/")
    assert page.locator("#library-rows tr").count() == 2

    page.fill("#id_q", "Bukit")

    expect(page.locator("#library-rows tr")).to_have_count(1)
    assert "Bukit Biru" in page.inner_text("#library-rows")


def test_manager_guessing_another_librarys_url_gets_not_found(
    page, live_server, manager_a, library_b
):
    sign_in_with_keyboard(page, live_server, "pengelola_a")

    response = page.goto(f"{live_server.url}/staff/libraries/{library_b.code}/edit/")

    assert response.status == 404
    assert Library.objects.get(pk=library_b.pk).name == "Perpustakaan Desa Bukit Biru"


def test_public_home_reads_on_a_small_phone_without_javascript(browser, live_server, library_a):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{live_server.url}/")

    page.get_by_role("link", name="Perpustakaan Desa Rebaq Rinding").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Perpustakaan Desa Rebaq Rinding"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, "no sideways scrolling at 320 px"
    context.close()
