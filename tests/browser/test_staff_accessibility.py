"""axe-core on the staff pages a librarian works in every day: the desk with a
member and a loan, its work lists, the catalogue, members, loan rules and the
stock take. No serious or critical WCAG 2.2 A/AA violation."""

import pytest

from pustaka.circulation.services import checkout
from pustaka.inventory.services import stocktake_scan, stocktake_start
from tests.browser.test_desk_journey import sign_in_with_keyboard

pytestmark = pytest.mark.browser


def test_the_daily_staff_pages_have_no_serious_accessibility_violation(
    page, live_server, accessibility_problems, manager_a, library_a, member_a, item_a
):
    checkout(actor=manager_a, library=library_a, member=member_a, barcode=item_a.barcode)
    stock_take = stocktake_start(actor=manager_a, library=library_a)
    stocktake_scan(actor=manager_a, stock_take=stock_take, barcode="NOT-A-COPY")
    sign_in_with_keyboard(page, live_server, manager_a.username)
    cookies = page.context.cookies()

    paths = [
        f"/staff/desk/{library_a.code}/?member={member_a.number}",
        f"/staff/desk/{library_a.code}/?mode=return",
        "/staff/desk/lists/",
        "/staff/catalog/search/?q=a",
        f"/staff/catalog/records/{item_a.record_id}/",
        "/staff/catalog/add/",
        "/staff/members/",
        f"/staff/members/{member_a.pk}/",
        "/staff/members/register/",
        "/staff/circulation/rules/",
        "/staff/inventory/",
        f"/staff/inventory/{stock_take.pk}/",
    ]
    for path in paths:
        assert accessibility_problems(f"{live_server.url}{path}", cookies) == [], path
