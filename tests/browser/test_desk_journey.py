"""The circulation desk with the keyboard alone: a volunteer scans a member
card, lends two books, takes one back and renews the other; after every
scan the focus is back in the scan field, and success and refusal are told
apart by role and mark, not by colour."""

import pytest
from playwright.sync_api import expect

from pustaka.circulation.models import Loan
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


def press_until_focused(page, key: str, target, limit: int = 20) -> None:
    """Press ``key`` (Tab, Shift+Tab) until ``target`` has the focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{key} never reached {target}")


def scan(page, barcode: str) -> None:
    """Type a barcode and Enter, as a keyboard-wedge scanner does, then wait
    until htmx has swapped and set up the answer (a scan typed while the
    fresh form is still settling would be sent without htmx: still right, but
    a whole page)."""
    settled(page)
    page.keyboard.type(barcode)
    page.keyboard.press("Enter")
    settled(page)


def settled(page) -> None:
    page.wait_for_function(
        "() => document.readyState === 'complete' && "
        "!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


def test_lend_return_and_renew_with_the_keyboard_alone(
    page, live_server, volunteer_a, member_a, item_a, item_a2
):
    sign_in_with_keyboard(page, live_server, "relawan_a")
    page.goto(f"{live_server.url}/staff/desk/")

    # the member field has the focus: scan the card
    expect(page.locator("#id_member")).to_be_focused()
    scan(page, member_a.number)
    expect(page.locator("#member-name")).to_contain_text("Siti Rahmawati")
    scan_field = page.locator("#id_barcode")
    expect(scan_field).to_be_focused()

    # two books, one scan after the other; htmx swaps the working area in
    # place (the page is not loaded again) once it has set the page up
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
    page.evaluate("window.deskPageMark = 1")
    announcement = page.locator("#desk-live")
    for item in (item_a, item_a2):
        scan(page, item.barcode)
        expect(announcement.locator("[role=status]")).to_contain_text(f"({item.barcode})")
        expect(announcement.locator("[role=status]")).to_contain_text("✓")
        expect(scan_field).to_be_focused()
        expect(scan_field).to_have_value("")
    expect(page.locator(".desk-loans tbody tr")).to_have_count(2)
    assert page.evaluate("window.deskPageMark") == 1

    # the same copy again is refused, as an alert with a cross
    scan(page, item_a.barcode)
    expect(announcement.locator("[role=alert]")).to_contain_text("✗")
    expect(announcement.locator("[role=status]")).to_have_count(0)
    expect(scan_field).to_be_focused()

    # Return mode is just before the scan field: take the first book back
    press_until_focused(page, "Shift+Tab", page.locator(".desk-modes a").nth(1))
    page.keyboard.press("Enter")
    expect(page.locator(".desk-modes a").nth(1)).to_have_attribute("aria-current", "page")
    expect(scan_field).to_be_focused()
    scan(page, item_a.barcode)
    expect(announcement.locator("[role=status]")).to_contain_text(f"({item_a.barcode})")
    expect(announcement.locator(".next")).to_be_visible()
    expect(scan_field).to_be_focused()

    # back to lending for the same member: "Renew all" follows the scan field
    press_until_focused(page, "Shift+Tab", page.locator(".desk-modes a").first)
    page.keyboard.press("Enter")
    expect(page.locator(".desk-modes a").first).to_have_attribute("aria-current", "page")
    expect(scan_field).to_be_focused()
    expect(page.locator(".desk-loans tbody tr")).to_have_count(1)
    press_until_focused(page, "Tab", page.locator(".desk-actions button"))
    page.keyboard.press("Enter")
    expect(announcement.locator("[role=status]")).to_contain_text(f"({item_a2.barcode})")
    expect(scan_field).to_be_focused()

    still_lent = Loan.objects.get(member=member_a, returned_at__isnull=True)
    assert (still_lent.item_id, still_lent.renewals) == (item_a2.pk, 1)
    assert Loan.objects.get(item=item_a).returned_at is not None
