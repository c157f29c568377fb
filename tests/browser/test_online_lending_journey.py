"""Online lending ("peminjaman online") as a member makes it: search from the
home page, narrow to a library, open the record, sign in, reserve the book for
pickup at a library other than their own, and follow the reservation in their
account until the desk's return makes it ready. Once with JavaScript, once
without."""

import re

import pytest
from playwright.sync_api import expect

from pustaka.circulation import services as circulation
from pustaka.circulation.models import Hold
from tests.browser.test_desk_journey import scan, sign_in_with_keyboard
from tests.opac.catalogue import add_copies, fish_book_add
from tests.opac.test_account import MEMBER_PASSWORD, with_password

pytestmark = pytest.mark.browser

LIBRARY_B = "Perpustakaan Desa Bukit Biru"


@pytest.fixture
def fish_book(admin, manager_b, library_a, library_b, member_b):
    """The fish-farming book: library B's only copy is on loan to member B."""
    record = fish_book_add(admin)
    (copy,) = add_copies(manager_b, record, library_b)
    circulation.checkout(actor=manager_b, library=library_b, member=member_b, barcode=copy.barcode)
    return record, copy


@pytest.fixture
def reader(manager_a, member_a):
    """Member A (home library A) with a password."""
    with_password(manager_a, member_a)
    return member_a


def reserve_from_the_home_page(page, base_url: str, member) -> None:
    page.goto(f"{base_url}/")
    page.get_by_role("searchbox", name="Search every library's books").fill("lele")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label(LIBRARY_B).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text("1 record found")
    page.get_by_role("link", name="Budidaya Lele di Kolam Terpal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Budidaya Lele")
    page.get_by_role("link", name=re.compile("^Reserve")).click()

    # not signed in yet: the sign-in page brings the member back to the reservation
    page.get_by_label("Member number").fill(member.number)
    page.get_by_label("Password").fill(MEMBER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pickup = page.get_by_label("Pick up at")
    pickup.select_option(pickup.locator("option", has_text=LIBRARY_B).get_attribute("value"))
    page.get_by_role("button", name=re.compile("^Reserve")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    expect(page.locator("main")).to_contain_text(
        f"Number 1 in the queue; to pick up at {LIBRARY_B}."
    )


def english_context(browser, live_server, **options):
    context = browser.new_context(locale="en-GB", **options)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    return context


def test_a_member_reserves_online_and_sees_it_ready_after_the_desk_return(
    browser, live_server, transactional_db, fish_book, reader, manager_b
):
    record, copy = fish_book
    member_context = english_context(browser, live_server)
    staff_context = browser.new_context(locale="id-ID")
    try:
        member_page = member_context.new_page()
        reserve_from_the_home_page(member_page, live_server.url, reader)
        hold = Hold.objects.get(member=reader, record=record)
        assert (hold.pickup_library.name, hold.status) == (LIBRARY_B, Hold.Status.WAITING)

        # library B's manager takes the copy back at the desk: it goes on the hold shelf
        staff_page = staff_context.new_page()
        sign_in_with_keyboard(staff_page, live_server, "pengelola_b")
        staff_page.goto(f"{live_server.url}/staff/desk/DSB/")
        staff_page.locator(".desk-modes a").nth(1).click()
        expect(staff_page.locator(".desk-modes a").nth(1)).to_have_attribute("aria-current", "page")
        scan(staff_page, copy.barcode)
        expect(staff_page.locator("#desk-live")).to_contain_text(reader.name)

        member_page.reload()
        expect(member_page.locator("main")).to_contain_text(
            re.compile(f"Ready for pickup at {LIBRARY_B} until \\d+ \\w+ \\d{{4}}")
        )
    finally:
        member_context.close()
        staff_context.close()


def test_the_same_reservation_works_with_javascript_off(
    browser, live_server, transactional_db, fish_book, reader
):
    record, copy = fish_book
    context = english_context(browser, live_server, java_script_enabled=False)
    try:
        reserve_from_the_home_page(context.new_page(), live_server.url, reader)
    finally:
        context.close()
    assert Hold.objects.filter(member=reader, record=record, status=Hold.Status.WAITING).exists()
