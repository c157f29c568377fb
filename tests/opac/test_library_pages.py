"""A library's public page: today's status from its calendar (weekly hours
and holidays), where it is with links for a map app, what it offers, its
latest news; and the offers the staff record."""

import datetime

import pytest
from django.test import Client

from pustaka.circulation import services as circulation_services
from pustaka.core.services import api_token_create
from pustaka.libraries import services
from pustaka.news import services as news_services
from tests.core.html import asset_urls, links, text

# Library A opens on Mondays 08:00-12:00 (tests/conftest.py); 2 March 2026 is a Monday.
MONDAY = datetime.date(2026, 3, 2)


def page_at(english, clock_at, day: datetime.date, hour: int = 10) -> str:
    clock_at(day.year, day.month, day.day, hour, 0)
    return english.get("/perpustakaan/DSA/").text


def test_today_open_with_the_hours_of_today(english, clock_at, library_a):
    page = text(page_at(english, clock_at, MONDAY))
    assert "Open now · Today: 08:00-12:00" in page


def test_a_holiday_of_the_library_closes_it_all_day(english, clock_at, admin, library_a):
    circulation_services.holiday_add(
        actor=admin, library=library_a, date=MONDAY, name="Hari jadi desa"
    )
    page = text(page_at(english, clock_at, MONDAY))
    assert "Closed today · Hari jadi desa" in page
    assert "Open now" not in page


def test_a_district_holiday_closes_every_library(english, clock_at, admin, library_a):
    circulation_services.holiday_add(actor=admin, date=MONDAY, name="Nyepi")
    assert "Closed today · Nyepi" in text(page_at(english, clock_at, MONDAY))


def test_another_library_holiday_does_not_close_this_one(
    english, clock_at, admin, library_a, library_b
):
    circulation_services.holiday_add(actor=admin, library=library_b, date=MONDAY, name="Libur B")
    page = text(page_at(english, clock_at, MONDAY))
    assert "Open now" in page and "Libur B" not in page


def test_the_closed_days_of_the_coming_weeks_are_listed(english, clock_at, admin, library_a):
    circulation_services.holiday_add(
        actor=admin, date=MONDAY + datetime.timedelta(days=14), name="Idul Fitri"
    )
    circulation_services.holiday_add(
        actor=admin, library=library_a, date=MONDAY + datetime.timedelta(days=14), name="Cuti"
    )
    circulation_services.holiday_add(
        actor=admin, date=MONDAY + datetime.timedelta(days=45), name="Jauh"
    )
    page = text(page_at(english, clock_at, MONDAY))
    assert "Closed on: Monday, 16 March 2026 · Cuti, Idul Fitri" in page
    assert "Jauh" not in page, "only the coming 30 days"


def test_closed_on_a_weekday_without_hours(english, clock_at, library_a):
    page = text(page_at(english, clock_at, MONDAY + datetime.timedelta(days=1)))
    assert "Closed now · Today: closed" in page


@pytest.fixture
def located_a(admin, library_a):
    services.library_update(
        actor=admin,
        library=library_a,
        changes={"latitude": "-0.418100", "longitude": "116.987900"},
    )
    return library_a


def test_map_links_open_a_map_app_and_load_nothing(english, located_a):
    response = english.get("/perpustakaan/DSA/")
    assert "-0.418100, 116.987900" in text(response.text)
    found = links(response.text)
    assert ("Open in a map app", "geo:-0.418100,116.987900") in found
    assert (
        "Open in OpenStreetMap",
        "https://www.openstreetmap.org/?mlat=-0.418100&amp;mlon=116.987900"
        "#map=17/-0.418100/116.987900",
    ) in found
    assert all(url.startswith("/") for url in asset_urls(response.text))


def test_map_links_are_not_localised(client, located_a):
    # Indonesian writes decimals with a comma; coordinates keep their dot
    page = client.get("/perpustakaan/DSA/").text
    assert 'href="geo:-0.418100,116.987900"' in page


def test_no_location_no_map_links(english, library_a):
    assert "Open in a map app" not in english.get("/perpustakaan/DSA/").text


def test_what_the_library_offers(english, manager_a, library_a):
    services.library_update(
        actor=manager_a, library=library_a, changes={"offers": ["wifi", "lending", "children"]}
    )
    page = english.get("/perpustakaan/DSA/").text
    assert (
        '<ul class="offers"><li>Book lending</li><li>Children&#x27;s corner</li>'
        "<li>Free Wi-Fi</li></ul>"
    ) in page


def test_unknown_offers_are_refused(manager_a, library_a):
    from pustaka.core.errors import Invalid

    with pytest.raises(Invalid) as refused:
        services.library_update(actor=manager_a, library=library_a, changes={"offers": ["pool"]})
    assert list(refused.value.fields) == ["offers"]
    with pytest.raises(Invalid):
        services.library_update(
            actor=manager_a, library=library_a, changes={"offers": ["wifi", "wifi"]}
        )


def test_staff_record_offers_on_the_profile_form(client_for, manager_a, library_a):
    client = client_for(manager_a)
    form = client.get("/staff/libraries/DSA/edit/").text
    assert 'name="offers" value="computers"' in form
    data = {"name": library_a.name, "offers": ["computers", "activities"]}
    assert client.post("/staff/libraries/DSA/edit/", data).status_code == 302
    library_a.refresh_from_db()
    assert library_a.offers == ["computers", "activities"]


def test_offers_through_the_api(admin, manager_a, library_a):
    _token, secret = api_token_create(actor=admin, user=manager_a, name="web")
    response = Client(headers={"Authorization": f"Bearer {secret}"}).patch(
        "/api/v1/libraries/DSA",
        data={"offers": ["wifi", "lending"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["offers"] == ["lending", "wifi"]


def test_the_latest_news_of_the_library(english, manager_a, library_a):
    for number in range(4):
        news_services.post_create(
            actor=manager_a, library=library_a, title=f"Kabar {number}", text="x", publish=True
        )
    page = english.get("/perpustakaan/DSA/").text
    titles = [title for title, _href in links(page) if title.startswith("Kabar")]
    assert len(titles) == 3


def test_a_library_without_news_says_so(english, library_a):
    assert "No news yet." in text(english.get("/perpustakaan/DSA/").text)
