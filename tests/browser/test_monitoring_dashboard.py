"""Reading the district dashboard in a browser: sort the libraries by loans,
open a library's figures (charts drawn on the server, each with its table),
and no serious accessibility problem on either page."""

import pytest
from playwright.sync_api import expect

from pustaka.circulation.services import checkout
from tests.browser.test_desk_journey import sign_in_with_keyboard

pytestmark = pytest.mark.browser


def test_the_office_sorts_the_dashboard_and_opens_a_librarys_figures(
    page, live_server, accessibility_problems, admin, manager_a, library_a, library_b,
    member_a, item_a,
):  # fmt: skip
    checkout(actor=manager_a, library=library_a, member=member_a, barcode=item_a.barcode)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    sign_in_with_keyboard(page, live_server, "admin")

    page.goto(f"{live_server.url}/staff/monitoring/")
    loans = page.get_by_role("columnheader", name="Loans")
    loans.get_by_role("link").click()
    expect(page.get_by_role("columnheader", name="Loans")).to_have_attribute(
        "aria-sort", "descending"
    )
    first_library = page.locator("table tbody tr").first.get_by_role("rowheader")
    expect(first_library).to_contain_text(library_a.name)

    first_library.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(library_a.name)
    expect(page.locator("figure.chart svg").first).to_be_visible()
    expect(page.get_by_role("table", name="The figures per period")).to_be_visible()

    cookies = page.context.cookies()
    for path in ["/staff/monitoring/", f"/staff/monitoring/{library_a.code}/"]:
        assert accessibility_problems(f"{live_server.url}{path}", cookies) == [], path
