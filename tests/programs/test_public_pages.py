"""Public pages of the programmes: coming activities with registration (plain
forms, JavaScript off), places as counts and never names, stories published
with consent; the library and district pages show them."""

import datetime

from django.utils import timezone

from pustaka.programs import services
from pustaka.programs.models import Registration
from tests.core.html import asset_urls, text
from tests.programs.fixtures import activity_fields, image_upload

REGISTRANT = {"name": "Rahmawati Lahang", "phone": "0812-3333-4444", "gender": "female"}


def test_an_activity_page_shows_places_as_counts_never_names(english, registration_a, waiting_a):
    activity = registration_a.activity
    page = english.get(f"/kegiatan/{activity.pk}/")
    assert page.status_code == 200
    shown = text(page.text)
    assert "2 of 2 places taken · 1 person waiting" in shown
    for registrant in Registration.objects.all():
        assert registrant.name not in page.text
        assert registrant.phone not in page.text
    assert "Join the waiting list" in shown


def test_register_without_javascript_then_the_waiting_list(english, activity_a):
    url = f"/kegiatan/{activity_a.pk}/"
    form = english.get(url).text
    assert 'name="homepage"' in form and "csrfmiddlewaretoken" in form
    # when three people register for two places
    answers = []
    for number in range(3):
        values = {**REGISTRANT, "name": f"Orang {number}", "phone": f"0812-{number}"}
        answers.append(english.post(url, {**values, "age_group": "19-35"}, follow=True))
    # then the first two have places and the third waits, told in words
    assert "You are registered: a place is kept for you." in answers[0].text
    assert "you are number 1 on the waiting list" in answers[2].text
    assert list(Registration.objects.values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
        "waiting",
    ]
    assert "Orang 0" not in answers[2].text


def test_a_registration_form_with_mistakes_comes_back(english, activity_a):
    values = {"name": "Ani", "gender": "female", "age_group": "6-12"}
    page = english.post(f"/kegiatan/{activity_a.pk}/", values)
    assert page.status_code == 200
    assert "Give a phone number or an e-mail address." in page.text
    assert not Registration.objects.exists()


def test_a_robot_filling_the_honeypot_is_not_registered(english, activity_a):
    values = {**REGISTRANT, "age_group": "19-35", "homepage": "http://spam.example"}
    page = english.post(f"/kegiatan/{activity_a.pk}/", values)
    assert page.status_code == 200
    assert not Registration.objects.exists()


def test_a_past_activity_takes_no_registration(english, manager_a, library_a):
    starts = timezone.now() - datetime.timedelta(days=2)
    past = services.activity_create(
        actor=manager_a,
        library=library_a,
        fields=activity_fields(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)),
    )
    page = english.get(f"/kegiatan/{past.pk}/")
    assert "Registration is closed." in page.text
    english.post(f"/kegiatan/{past.pk}/", {**REGISTRANT, "age_group": "19-35"})
    assert not Registration.objects.exists()


def test_only_public_activities_are_listed(english, manager_a, library_a, activity_a, activity_b):
    hidden = services.activity_create(
        actor=manager_a,
        library=library_a,
        fields=activity_fields(title="Rapat pengurus", is_public=False),
    )
    listing = text(english.get("/kegiatan/").text)
    assert "Kelas komputer untuk ibu-ibu" in listing and "Klub baca anak" in listing
    assert "Rapat pengurus" not in listing
    assert english.get(f"/kegiatan/{hidden.pk}/").status_code == 404
    one = text(english.get("/kegiatan/?perpustakaan=DSA").text)
    assert "Kelas komputer" in one and "Klub baca anak" not in one


def test_library_and_home_pages_show_coming_activities_and_stories(
    english, activity_a, registration_a, published_story_a
):
    library = text(english.get("/perpustakaan/DSA/").text)
    assert "Coming activities" in library and "Kelas komputer untuk ibu-ibu" in library
    assert "1 of 2 places taken" in library
    assert "Stories of change" in library and "Dari kelas komputer ke toko daring" in library
    home = text(english.get("/").text)
    assert "Kelas komputer untuk ibu-ibu" in home
    assert "Nurul Hidayah" not in library + home


def test_a_published_story_names_the_person_only_as_they_agreed(
    english, programs_files, manager_b, story_b
):
    services.story_consent_record(
        actor=manager_b,
        story=story_b,
        given_on=datetime.date(2026, 1, 6),
        given_by="Pak Rusdi",
        statement="Setuju.",
    )
    photo = image_upload(640, 480)
    services.photo_add(actor=manager_b, story=story_b, image=photo, description="Membaca")
    services.story_publish(actor=manager_b, story=story_b)
    page = english.get(f"/cerita/{story_b.pk}/")
    assert page.status_code == 200
    assert "Anaknya kini membaca setiap sore." in page.text
    assert "Pak Rusdi" not in page.text
    assert 'alt="Membaca"' in page.text


def test_public_pages_are_light_and_load_nothing_from_outside(
    english, activity_a, published_story_a
):
    for url in [
        "/kegiatan/",
        f"/kegiatan/{activity_a.pk}/",
        "/cerita/",
        f"/cerita/{published_story_a.pk}/",
    ]:
        page = english.get(url)
        assert page.status_code == 200, url
        assert len(page.content) < 20_000, url
        assert all(address.startswith("/") for address in asset_urls(page.text)), url
        assert "<script" not in page.text, url
