"""Registering online on the public site with plain forms (JavaScript off):
the person becomes a pending member; consent, a honeypot and a rate limit."""

import re

import pytest

from pustaka.members.models import Consent, Member
from tests.core.html import asset_urls, text


def form_data(library, **extra) -> dict:
    return {
        "name": "Dewi Lestari",
        "gender": "female",
        "birth_date": "1995-08-17",
        "phone": "0812-5555-0303",
        "email": "",
        "address": "RT 04 Rebaq Rinding",
        "village": "",
        "library": str(library.pk),
        "consent": "on",
        "consent_given_by": "",
        "guardian_relation": "",
        "homepage": "",
        **extra,
    }


def test_the_form_works_without_javascript(english, library_a, library_b):
    page = english.get("/daftar/", {"perpustakaan": "dsa"}).text
    form = re.search(r'<form method="post" action="/daftar/"[^>]*>(.*?)</form>', page, re.S)
    assert form is not None
    assert 'name="csrfmiddlewaretoken"' in form[1]
    for name in ("name", "birth_date", "phone", "email", "address", "village", "library"):
        assert f'<label for="id_{name}">' in form[1], name
    assert "<legend>Gender <span" in form[1]
    assert 'id="consent-text"' in form[1] and "The library keeps your name" in form[1]
    assert 'name="homepage" value=""' in form[1]
    assert re.search(rf'<option value="{library_a.pk}" selected>', form[1])
    assert all(url.startswith("/") for url in asset_urls(page))


def test_registering_makes_a_pending_member(seeded, english, library_a):
    response = english.post("/daftar/", form_data(library_a), follow=True)
    assert response.redirect_chain == [("/daftar/terkirim/?perpustakaan=DSA", 302)]
    page = text(response.text)
    assert "Your registration waits for the library to confirm it." in page
    assert "Bring your identity card (KTP, KK or a student card) to Perpustakaan Desa" in page
    assert "Dewi" not in page and "0812" not in page
    member = Member.objects.get()
    assert (member.status, member.library, member.name) == ("pending", library_a, "Dewi Lestari")
    assert member.number.startswith("PENDING-")
    assert "The library keeps your name" in Consent.objects.get().statement


def test_consent_is_required(seeded, english, library_a):
    response = english.post("/daftar/", form_data(library_a, consent=""))
    assert response.status_code == 200
    assert "Your consent is needed to register." in text(response.text)
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"phone": ""}, "Give a phone number or an e-mail address"),
        ({"birth_date": "2016-04-01"}, "Under 18, a parent or guardian must agree"),
        ({"name": ""}, "This field is required."),
    ],
)
def test_what_is_missing_is_said(seeded, english, library_a, extra, message):
    response = english.post("/daftar/", form_data(library_a, **extra))
    assert message in text(response.text)
    assert not Member.objects.exists()


def test_a_minor_registers_with_a_guardian(seeded, english, library_a):
    data = form_data(
        library_a, birth_date="2016-04-01", consent_given_by="Siti Aminah", guardian_relation="ibu"
    )
    assert english.post("/daftar/", data).status_code == 302
    assert Consent.objects.get().given_by == "Siti Aminah"


def test_a_filled_honeypot_registers_nobody(seeded, english, library_a):
    response = english.post("/daftar/", form_data(library_a, homepage="http://spam.example"))
    assert "The form was not sent." in text(response.text)
    assert not Member.objects.exists()


def test_the_fourth_registration_in_an_hour_is_refused(seeded, english, library_a):
    for number in range(3):
        data = form_data(library_a, name=f"Orang {number}")
        assert english.post("/daftar/", data).status_code == 302
    response = english.post("/daftar/", form_data(library_a))
    assert "Please wait a few minutes and try again." in text(response.text)
    assert Member.objects.count() == 3


def test_the_library_page_and_the_home_page_lead_to_registration(english, library_a):
    page = english.get("/perpustakaan/DSA/").text
    assert 'href="/daftar/?perpustakaan=DSA"' in page
    assert 'href="/daftar/"' in english.get("/").text
