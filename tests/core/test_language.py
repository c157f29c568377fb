"""Bahasa Indonesia by default; English on request, remembered in a cookie and,
for staff, on the account so it follows them to the next sign-in."""

import datetime
import re
import types
import zoneinfo

import pytest
from django.test import Client

from pustaka.core.models import ChangeLog
from tests.conftest import PASSWORD
from tests.core.html import text


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.text)[1]


def test_pages_are_in_indonesian_by_default(client, library_a):
    assert html_lang(client.get("/")) == "id"
    assert html_lang(client.get("/perpustakaan/DSA/")) == "id"
    assert html_lang(client.get("/accounts/login/")) == "id"


def test_switching_to_english_sticks_in_a_cookie(client, library_a):
    # when a visitor chooses English on the home page
    response = client.post("/language/", {"language": "en", "next": "/perpustakaan/DSA/"})
    # then they go back where they were, and pages stay in English
    assert response.status_code == 302
    assert response["Location"] == "/perpustakaan/DSA/"
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["max-age"] == 365 * 24 * 3600
    assert html_lang(client.get("/")) == "en"
    assert html_lang(client.get("/perpustakaan/DSA/")) == "en"


def test_switching_back_to_indonesian(client, db):
    client.post("/language/", {"language": "en"})
    client.post("/language/", {"language": "id"})
    assert html_lang(client.get("/")) == "id"


def test_unknown_language_changes_nothing(client, db):
    response = client.post("/language/", {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert "django_language" not in response.cookies
    assert html_lang(client.get("/")) == "id"


def test_language_switch_never_sends_visitors_to_another_site(client, db):
    response = client.post("/language/", {"language": "en", "next": "https://contoh.example/"})
    assert response["Location"] == "/"


def test_language_switch_is_a_post(client, db):
    assert client.get("/language/", {"language": "en"}).status_code == 405


def test_signed_in_choice_is_stored_on_the_account(client_for, manager_a):
    # when a signed-in manager chooses English
    client_for(manager_a).post("/language/", {"language": "en", "next": "/staff/"})
    # then it is on their account, and logged like any change
    manager_a.refresh_from_db()
    assert manager_a.language == "en"
    row = ChangeLog.objects.latest("seq")
    assert (row.entity, row.entity_id, row.fields) == (
        "core.user",
        str(manager_a.pk),
        {"language": "en"},
    )


def test_stored_choice_is_applied_at_the_next_sign_in(client_for, manager_a):
    # given a manager who chose English on another device
    client_for(manager_a).post("/language/", {"language": "en"})
    # when they sign in on a fresh browser
    browser = Client()
    assert html_lang(browser.get("/accounts/login/")) == "id"
    response = browser.post("/accounts/login/", {"username": "pengelola_a", "password": PASSWORD})
    # then the sign-in sets the language cookie and the staff pages are in English
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    assert html_lang(browser.get("/staff/")) == "en"


def test_sign_in_without_a_stored_choice_keeps_the_browsers_language(manager_a):
    browser = Client()
    browser.post("/language/", {"language": "en"})
    response = browser.post("/accounts/login/", {"username": "pengelola_a", "password": PASSWORD})
    assert response.status_code == 302
    assert "django_language" not in response.cookies
    assert html_lang(browser.get("/staff/")) == "en"


def freeze_public_clock(monkeypatch, *parts):
    moment = datetime.datetime(*parts, tzinfo=zoneinfo.ZoneInfo("Asia/Makassar"))
    monkeypatch.setattr(
        "pustaka.opac.views.timezone", types.SimpleNamespace(localtime=lambda: moment)
    )


def test_public_home_speaks_indonesian(client, district, library_a):
    page = text(client.get("/").text)
    assert "Perpustakaan Kabupaten Kutai Kartanegara" in page
    assert "Libraries of" not in page
    assert "serve you in the district" not in page
    assert "Staff sign-in" not in page


def test_library_page_says_open_now_in_indonesian(client, monkeypatch, library_a):
    freeze_public_clock(monkeypatch, 2026, 3, 2, 9, 0)  # Monday, open 08:00-12:00
    page = text(client.get("/perpustakaan/DSA/").text)
    assert "Buka sekarang" in page
    assert "Jam buka" in page
    assert "Open now" not in page and "Opening hours" not in page


def test_library_page_says_closed_now_in_indonesian(client, monkeypatch, library_a):
    freeze_public_clock(monkeypatch, 2026, 3, 2, 13, 0)  # Monday afternoon: closed
    page = text(client.get("/perpustakaan/DSA/").text)
    assert "Tutup sekarang" in page
    assert "Senin 08:00-12:00" in page
    assert "Closed now" not in page


def test_staff_pages_speak_indonesian(client_for, manager_a):
    page = text(client_for(manager_a).get("/staff/").text)
    assert "Perpustakaan Anda" in page
    assert "Keluar" in page
    assert "Your library" not in page
    assert "Sign out" not in page


@pytest.mark.parametrize("language", ["de", "en-us", "fr"])
def test_a_language_pustaka_does_not_offer_is_ignored(language, client_for, manager_a):
    # when a signed-in user posts a language Django knows but Pustaka does not offer
    response = client_for(manager_a).post("/language/", {"language": language, "next": "/"})
    # then nothing changes
    assert response.status_code == 302
    assert "django_language" not in response.cookies
    manager_a.refresh_from_db()
    assert manager_a.language == ""
