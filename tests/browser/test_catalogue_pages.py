"""The public catalogue in a real browser: no serious accessibility problem,
nothing wider than a 320 px phone, and searching works with JavaScript off."""

import pytest

from tests.opac.catalogue import add_copies, fish_book_add

pytestmark = pytest.mark.browser


@pytest.fixture
def fish_book(admin, manager_a, manager_b, library_a, library_b):
    record = fish_book_add(admin)
    add_copies(manager_a, record, library_a, 2, call_number="639.3 AMI b", shelf="Rak 3")
    add_copies(manager_b, record, library_b)
    return record


def catalogue_pages(fish_book) -> list[str]:
    return ["/katalog/", "/katalog/?q=lele&library=DSA", f"/katalog/{fish_book.pk}/"]


def test_catalogue_pages_have_no_serious_accessibility_violation(
    accessibility_problems, live_server, transactional_db, fish_book
):
    for path in catalogue_pages(fish_book):
        assert accessibility_problems(f"{live_server.url}{path}") == [], path


def test_catalogue_pages_fit_a_320_pixel_phone(browser, live_server, transactional_db, fish_book):
    context = browser.new_context(locale="id-ID", viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        for path in ["/", *catalogue_pages(fish_book)]:
            page.goto(f"{live_server.url}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, (path, width)
    finally:
        context.close()


def test_search_and_open_a_record_with_javascript_off(
    browser, live_server, transactional_db, fish_book
):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        page.get_by_role("searchbox", name="Search every library's books").fill("lele")
        page.get_by_role("search").get_by_role("button", name="Search").click()
        page.get_by_text("Filters", exact=True).click()
        page.get_by_label("Perpustakaan Desa Bukit Biru").check()
        page.get_by_role("button", name="Apply filters").click()
        assert page.get_by_role("status").inner_text() == "1 record found"
        assert "1 copy available at Perpustakaan Desa Bukit Biru" in page.inner_text("main")
        page.get_by_role("link", name="Budidaya Lele di Kolam Terpal").click()
        assert page.get_by_role("heading", level=1).inner_text().startswith("Budidaya Lele")
        assert "Rak 3" in page.inner_text("#main")
    finally:
        context.close()
