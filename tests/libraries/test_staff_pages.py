"""The staff pages of libraries, the district and accounts, as their users see them."""

import pytest

from pustaka.core.errors import NotPermitted
from pustaka.core.models import AuditLog, ChangeLog
from pustaka.libraries import services
from pustaka.libraries.models import Library
from tests.conftest import PASSWORD
from tests.core.html import cells, text


def test_staff_library_page_shows_the_opening_hours(english_client_for, manager_a, library_a):
    # given library A open on Mondays 08:00-12:00
    response = english_client_for(manager_a).get("/staff/libraries/DSA/")
    # then its staff page lists the week
    page = text(response.text)
    assert "Monday 08:00-12:00" in page
    assert "Tuesday closed" in page
    assert "Opening hours not yet recorded." not in page


def test_staff_library_page_says_when_hours_are_not_recorded(english_client_for, admin, library_b):
    page = text(english_client_for(admin).get("/staff/libraries/DSB/").text)
    assert "Opening hours not yet recorded." in page
    assert "Monday" not in page


def test_staff_library_page_lists_its_staff_for_the_manager(
    english_client_for, manager_a, volunteer_a, manager_b
):
    response = english_client_for(manager_a).get("/staff/libraries/DSA/")
    assert f"/staff/accounts/{volunteer_a.pk}/" in response.text
    assert f"/staff/accounts/{manager_b.pk}/" not in response.text
    assert "Relawan_A · Volunteer" in text(response.text)


def test_library_list_filters_by_text_and_kecamatan(client_for, admin, library_a, library_b):
    client = client_for(admin)
    assert cells(client.get("/staff/libraries/", {"q": "bukit"}).text) == ["DSB"]
    assert cells(client.get("/staff/libraries/", {"q": "dsa"}).text) == ["DSA"]
    assert cells(client.get("/staff/libraries/", {"kecamatan": "64.02.01"}).text) == ["DSA"]


def test_library_list_filter_by_htmx_returns_only_the_rows(client_for, admin, library_a, library_b):
    response = client_for(admin).get(
        "/staff/libraries/", {"q": "Rebaq"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "<td>DSA</td>" in response.text
    assert "DSB" not in response.text


def test_village_choices_follow_the_kecamatan(client_for, admin, regions):
    response = client_for(admin).get(
        "/staff/libraries/new/villages/", {"kecamatan": str(regions["64.02.06"].pk)}
    )
    assert response.status_code == 200
    assert "Sukarame" in response.text and "Bukit Biru" in response.text
    assert "Rebaq Rinding" not in response.text


def test_admin_edits_a_library_and_moves_its_code(client_for, admin, library_a):
    client = client_for(admin)
    response = client.post(
        "/staff/libraries/DSA/edit/",
        {
            "code": "ds01",
            "name": library_a.name,
            "kind": "desa",
            "kecamatan": str(library_a.kecamatan_id),
            "village": str(library_a.village_id),
            "is_active": "on",
            "hours_0": "08:00-12:00",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/libraries/DS01/"
    assert client.get("/staff/libraries/DS01/").status_code == 200
    assert client.get("/staff/libraries/DSA/").status_code == 404


def test_admin_edits_the_district(client_for, admin, district):
    response = client_for(admin).post(
        "/staff/district/",
        {
            "name": "Kabupaten Kutai Kartanegara",
            "region_code": "64.02",
            "population": "806964",
            "office_name": "Dinas Kearsipan dan Perpustakaan",
            "address": "Jl. Muso Salim No. 1, Tenggarong",
            "phone": "",
            "email": "",
        },
    )
    assert response.status_code == 302
    district.refresh_from_db()
    assert (district.population, district.office_name) == (
        806964,
        "Dinas Kearsipan dan Perpustakaan",
    )
    row = ChangeLog.objects.latest("seq")
    assert row.fields == {
        "population": 806964,
        "office_name": "Dinas Kearsipan dan Perpustakaan",
        "address": "Jl. Muso Salim No. 1, Tenggarong",
    }


def test_manager_sets_a_new_password_for_own_volunteer(client, client_for, manager_a, volunteer_a):
    response = client_for(manager_a).post(
        f"/staff/accounts/{volunteer_a.pk}/password/", {"password": "buku-baru-2026"}
    )
    assert response.status_code == 302
    volunteer_a.refresh_from_db()
    assert volunteer_a.check_password("buku-baru-2026")
    assert not volunteer_a.check_password(PASSWORD)
    audit = AuditLog.objects.get(action="staff.password")
    assert (audit.actor, audit.entity_id) == (manager_a, str(volunteer_a.pk))


def test_a_weak_password_is_refused_with_the_reason(english_client_for, manager_a, volunteer_a):
    response = english_client_for(manager_a).post(
        f"/staff/accounts/{volunteer_a.pk}/password/", {"password": "12345678"}
    )
    assert response.status_code == 200
    assert "This password is entirely numeric." in response.text
    volunteer_a.refresh_from_db()
    assert volunteer_a.check_password(PASSWORD)


def test_manager_deactivates_a_volunteer_who_then_cannot_sign_in(
    client, client_for, manager_a, volunteer_a, library_a
):
    response = client_for(manager_a).post(
        f"/staff/accounts/{volunteer_a.pk}/",
        {"first_name": "Relawan_A", "role": "volunteer", "library": str(library_a.pk)},
    )
    assert response.status_code == 302
    volunteer_a.refresh_from_db()
    assert volunteer_a.is_active is False
    signed_in = client.post("/accounts/login/", {"username": "relawan_a", "password": PASSWORD})
    assert signed_in.status_code == 200
    assert client.get("/staff/").status_code == 302


def test_nobody_deactivates_their_own_account(english_client_for, manager_a, library_a):
    response = english_client_for(manager_a).post(
        f"/staff/accounts/{manager_a.pk}/",
        {"first_name": "Pengelola_A", "role": "library_manager", "library": str(library_a.pk)},
    )
    assert response.status_code == 200
    assert "You cannot deactivate your own account." in response.text
    manager_a.refresh_from_db()
    assert manager_a.is_active is True


def test_first_admin_can_be_created_only_once(admin):
    with pytest.raises(NotPermitted):
        services.staff_create_first_admin(username="kedua", password=PASSWORD)


def test_village_choices_of_a_malformed_kecamatan_are_empty(client_for, admin, regions):
    response = client_for(admin).get("/staff/libraries/new/villages/", {"kecamatan": "abc"})
    assert response.status_code == 200
    assert response.text.count("<option") == 1


def test_library_form_with_a_malformed_kecamatan_shows_an_error(english_client_for, admin, regions):
    response = english_client_for(admin).post(
        "/staff/libraries/new/",
        {"code": "TB06", "name": "Taman Baca", "kind": "taman_baca", "kecamatan": "abc"},
    )
    assert response.status_code == 200
    assert "“abc” is not a valid UUID." in response.text
    assert not Library.objects.filter(code="TB06").exists()


def test_district_home_counts_libraries_by_kind(english_client_for, viewer, library_a, library_b):
    page = text(english_client_for(viewer).get("/staff/").text)
    assert "Kabupaten Kutai Kartanegara" in page
    assert "2 libraries 2 Village library" in page


def test_library_home_shows_own_library(english_client_for, volunteer_a):
    page = text(english_client_for(volunteer_a).get("/staff/").text)
    assert (
        "Your library Perpustakaan Desa Rebaq Rinding (DSA) · Village library · Muara Muntai"
        in (page)
    )
