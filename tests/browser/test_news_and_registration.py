"""News and online registration in a real browser: no serious or critical
accessibility violation, and the journeys on a small phone with JavaScript off."""

import re

import pytest

from pustaka.libraries import services as library_services
from pustaka.members.models import Member
from pustaka.news import services as news_services
from pustaka.news.models import Comment

pytestmark = pytest.mark.browser


@pytest.fixture
def library_page_full(admin, library_a, post_a):
    """Library A with a location, offers and a published post with an approved comment."""
    library_services.library_update(
        actor=admin,
        library=library_a,
        changes={"latitude": "-0.4181", "longitude": "116.9879", "offers": ["lending", "wifi"]},
    )
    comment = news_services.comment_submit(post=post_a, name="Ibu Salmah", text="Bagus!")
    news_services.comment_moderate(actor=admin, comment=comment, decision="approved")
    return post_a


@pytest.mark.parametrize("path", ["/berita/", "/berita/{post}/", "/daftar/", "/perpustakaan/DSA/"])
def test_news_registration_and_library_pages_have_no_serious_violation(
    accessibility_problems, live_server, transactional_db, seeded, library_page_full, path
):
    url = f"{live_server.url}{path.format(post=library_page_full.pk)}"
    assert accessibility_problems(url) == []


def phone(browser, live_server):
    """A small phone with JavaScript off, reading in English."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    return context


def test_comment_on_library_news_on_a_phone_without_javascript(
    browser, live_server, transactional_db, post_a
):
    context = phone(browser, live_server)
    page = context.new_page()
    page.goto(f"{live_server.url}/perpustakaan/DSA/")

    page.get_by_role("link", name="Pelatihan budidaya lele").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label("Your name").fill("Pak Rusdi")
    page.get_by_role("textbox", name=re.compile(r"^Comment")).fill("Kapan ada pelatihan lagi?")
    page.get_by_role("button", name="Send the comment").click()

    assert "waits for moderation" in page.get_by_role("status").inner_text()
    assert Comment.objects.get().status == "pending"
    context.close()


def test_register_on_a_phone_without_javascript(
    browser, live_server, transactional_db, seeded, library_a
):
    context = phone(browser, live_server)
    page = context.new_page()
    page.goto(f"{live_server.url}/perpustakaan/DSA/")

    page.get_by_role("link", name="Become a member of this library").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label("Full name").fill("Dewi Lestari")
    page.get_by_label("Female").check()
    page.get_by_label("Date of birth").fill("1995-08-17")
    page.get_by_label("Phone or WhatsApp").fill("0812-5555-0303")
    page.get_by_label("Address").fill("RT 04 Rebaq Rinding")
    page.get_by_label("I have read the text above and agree.").check()
    page.get_by_role("button", name="Register").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Registration sent"
    member = Member.objects.get()
    assert (member.status, member.library.code) == ("pending", "DSA")
    context.close()
