"""Activities in a real browser: the public pages have no serious or critical
accessibility violation; a person registers on a small phone with JavaScript
off; a volunteer takes attendance by scanning cards with the keyboard alone."""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from pustaka.programs import services
from pustaka.programs.models import Participant, Registration
from tests.conftest import PASSWORD
from tests.members.fixtures import register
from tests.programs.fixtures import activity_fields

pytestmark = pytest.mark.browser


@pytest.fixture
def categories(transactional_db):
    """The seeded categories again: a transactional test runs after others
    have emptied every table."""
    seed = importlib.import_module("pustaka.programs.migrations.0002_default_activity_categories")
    seed.add_defaults(apps, None)


@pytest.fixture
def coming(categories, manager_a, library_a):
    """A coming public activity of library A with 2 places, one taken."""
    activity = services.activity_create(
        actor=manager_a, library=library_a, fields=activity_fields()
    )
    services.registration_submit(
        activity=activity, name="Nurul Hidayah", phone="0812", gender="female", age_group="19-35"
    )
    return activity


@pytest.fixture
def published_story(categories, manager_a, library_a):
    story = services.story_create(
        actor=manager_a,
        library=library_a,
        fields={
            "title": "Dari kelas komputer ke toko daring",
            "person_name": "Hasnah",
            "shown_as": "Ibu Hasnah",
            "what_changed": "Kini menjual kuenya lewat WhatsApp.",
            "happened_on": datetime.date(2026, 2, 1),
            "theme": "economic",
        },
    )
    services.story_consent_record(
        actor=manager_a,
        story=story,
        given_on=datetime.date(2026, 2, 2),
        given_by="Hasnah",
        statement="Setuju.",
    )
    return services.story_publish(actor=manager_a, story=story)


@pytest.mark.parametrize("path", ["/kegiatan/", "/kegiatan/{activity}/", "/cerita/{story}/"])
def test_public_programme_pages_have_no_serious_violation(
    accessibility_problems,
    live_server,
    coming,
    published_story,
    path,
):
    url = live_server.url + path.format(activity=coming.pk, story=published_story.pk)
    assert accessibility_problems(url) == []


def test_register_for_an_activity_on_a_phone_without_javascript(
    browser,
    live_server,
    coming,
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/perpustakaan/DSA/")

    page.get_by_role("link", name="Kelas komputer untuk ibu-ibu").click()
    expect(page.get_by_text("1 of 2 places taken")).to_be_visible()  # the new page is shown
    assert page.evaluate("document.querySelector('main').scrollWidth") <= 320
    page.get_by_label("Your name").fill("Rahmawati Lahang")
    page.get_by_label("Phone or WhatsApp").fill("0812-3333-4444")
    page.get_by_label("Gender").select_option("female")
    page.get_by_label("Age group").select_option("36-59")
    page.get_by_role("button", name="Register").click()

    assert "a place is kept for you" in page.get_by_role("status").inner_text()
    expect(page.get_by_text("2 of 2 places taken")).to_be_visible()
    assert "Nurul Hidayah" not in page.content()
    assert Registration.objects.filter(status="confirmed").count() == 2
    context.close()


def test_a_volunteer_scans_cards_with_the_keyboard(
    browser,
    live_server,
    seeded,
    coming,
    volunteer_a,
    manager_a,
    library_a,
):
    numbers = [
        register(manager_a, library_a, name).number
        for name in ("Siti Rahmawati", "Dewi Lestari", "Ani Ningsih")
    ]
    context = browser.new_context(locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.focus("#id_username")
    page.keyboard.type(volunteer_a.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/staff/")
    page.goto(f"{live_server.url}/staff/programs/activities/{coming.pk}/attendance/")

    for count, number in enumerate(numbers, start=1):
        card = page.locator("#id_number")
        expect(card).to_be_focused()
        page.keyboard.type(number.lower())
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_contain_text("is on the list")
        expect(page.get_by_text(re.compile(rf"^{count} (person|people) took part"))).to_be_visible()

    assert Participant.objects.filter(activity=coming).count() == 3
    context.close()
