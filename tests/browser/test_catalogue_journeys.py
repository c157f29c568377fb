"""Cataloguing journeys: a village manager adds a book the district already has
by scanning its ISBN, adds the library's copy with the keyboard only, and finds
it in the catalogue search as they type."""

import re

import pytest
from playwright.sync_api import expect

from pustaka.catalog import services
from pustaka.catalog.models import Item, Record
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in_with_keyboard(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.focus("#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/staff/")


def test_manager_adds_a_copy_of_a_book_another_library_has_and_finds_it(
    page, live_server, admin, manager_b, record, item_a
):
    services.record_create(actor=admin, fields={"title": "Kancil dan Buaya"})
    sign_in_with_keyboard(page, live_server, "pengelola_b")

    # the ISBN field has the focus: the scanner types the ISBN-10 and Enter
    page.goto(f"{live_server.url}/staff/catalog/add/")
    expect(page.locator("#id_isbn")).to_be_focused()
    page.keyboard.type("602-03-3295-0")
    page.keyboard.press("Enter")

    # the record library A catalogued is offered
    expect(page.get_by_role("heading", name="Budidaya Lele di Kolam Terpal")).to_be_visible()
    # "Add a copy to <our library>" (worded in the page's language) has the focus: Enter
    offer = page.get_by_role("link", name=re.compile("Perpustakaan Desa Bukit Biru"))
    expect(offer).to_be_focused()
    page.keyboard.press("Enter")

    # the barcode field has the focus: scan the label on the book, Tab to the shelf, Enter
    expect(page.locator("#id_barcode")).to_be_focused()
    page.keyboard.type("bb-0042")
    call_number = page.locator("#id_call_number")
    expect(call_number).to_have_value("639.3 SIT b")
    page.focus("#id_shelf")
    page.keyboard.type("Rak Perikanan")
    page.keyboard.press("Enter")

    expect(page.locator("#copies")).to_contain_text("BB-0042")
    item = Item.objects.get(barcode="BB-0042")
    assert (item.library.code, item.record_id, item.shelf) == ("DSB", record.pk, "Rak Perikanan")
    assert Record.objects.filter(isbn_rows__isbn="9786020332956").count() == 1

    # the search page finds it as the manager types, with both libraries' copies
    page.goto(f"{live_server.url}/staff/catalog/search/")
    expect(page.locator("#id_q")).to_be_focused()
    results = page.locator("#result-list")
    expect(results).to_contain_text("Kancil dan Buaya")
    page.keyboard.type("budid")
    expect(results).not_to_contain_text("Kancil dan Buaya")
    expect(results.locator("> li")).to_have_count(1)
    expect(results).to_contain_text("Budidaya Lele di Kolam Terpal")
    expect(results).to_contain_text("Perpustakaan Desa Bukit Biru (DSB)")
    expect(results).to_contain_text("Perpustakaan Desa Rebaq Rinding (DSA)")
    expect(page).to_have_url(re.compile(r"q=budid"))  # the address can be shared


def test_search_filters_work_without_javascript(
    browser, live_server, transactional_db, admin, manager_a, item_a
):
    services.record_create(actor=admin, fields={"title": "Budidaya Jamur Tiram", "language": "eng"})
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in_with_keyboard(page, live_server, "pengelola_a")

    page.goto(f"{live_server.url}/staff/catalog/search/?q=budidaya")
    results = page.locator("#result-list > li")
    expect(results).to_have_count(2)
    page.locator("#id_available").check()
    page.locator("#id_available").press("Enter")

    expect(results).to_have_count(1)
    assert "Budidaya Lele di Kolam Terpal" in page.inner_text("#result-list")
    assert "available=on" in page.url
    context.close()
