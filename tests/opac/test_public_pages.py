"""The public site: the district's libraries for anyone, without signing in."""

import re

import pytest

from pustaka.libraries import services
from tests.core.html import links, text

# Monday 2 March 2026; library A opens on Mondays 08:00-12:00 (tests/conftest.py).
MONDAY = (2026, 3, 2)


@pytest.fixture
def library_a_profile(admin, library_a):
    services.library_update(
        actor=admin,
        library=library_a,
        changes={
            "address": "Jl. Poros Rebaq Rinding RT 03",
            "phone": "0812-5555-0101",
            "email": "perpus@rebaqrinding.desa.id",
            "opening_hours": {
                "0": [["08:00", "12:00"], ["13:00", "16:00"]],
                "5": [["08:00", "11:00"]],
            },
            "description": "Perpustakaan desa di tepi Sungai Mahakam.",
        },
    )
    return library_a


def kecamatan_sections(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """``(heading, [(link text, address)])`` of each kecamatan section of the home page."""
    sections = re.findall(r'<section class="kecamatan"[^>]*>(.*?)</section>', html, re.S)
    return [
        (text(re.search(r"<h2[^>]*>(.*?)</h2>", section, re.S)[1]), links(section))
        for section in sections
    ]


def test_home_lists_active_libraries_grouped_by_kecamatan(english, district, library_a, library_b):
    response = english.get("/")
    assert response.status_code == 200
    assert kecamatan_sections(response.text) == [
        ("Kecamatan Muara Muntai", [("Perpustakaan Desa Rebaq Rinding", "/perpustakaan/DSA/")]),
        ("Kecamatan Tenggarong", [("Perpustakaan Desa Bukit Biru", "/perpustakaan/DSB/")]),
    ]
    page = text(response.text)
    assert "Libraries of Kabupaten Kutai Kartanegara" in page
    assert "2 libraries serve you in the district." in page
    assert "Village library · Rebaq Rinding" in page


def test_inactive_library_is_not_listed_and_its_page_is_gone(english, admin, library_a, library_b):
    # given library B closed down by the office
    services.library_update(actor=admin, library=library_b, changes={"is_active": False})
    # when
    home = english.get("/")
    # then
    assert kecamatan_sections(home.text) == [
        ("Kecamatan Muara Muntai", [("Perpustakaan Desa Rebaq Rinding", "/perpustakaan/DSA/")]),
    ]
    assert "1 library serves you in the district." in text(home.text)
    assert english.get("/perpustakaan/DSB/").status_code == 404
    assert english.get("/perpustakaan/DSA/").status_code == 200


def test_home_without_libraries_says_so(english, district):
    page = text(english.get("/").text)
    assert "No libraries have been registered yet." in page
    assert "0 libraries serve you in the district." in page


def test_unknown_library_page_is_not_found(english, library_a):
    response = english.get("/perpustakaan/XX99/")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_library_page_shows_hours_address_and_contact(english, clock_at, library_a_profile):
    clock_at(*MONDAY, 10, 0)
    response = english.get("/perpustakaan/dsa/")
    assert response.status_code == 200
    page = text(response.text)
    assert "Perpustakaan Desa Rebaq Rinding" in page
    assert "Village library · Kecamatan Muara Muntai · Rebaq Rinding" in page
    assert (
        "Monday 08:00-12:00, 13:00-16:00 Tuesday closed Wednesday closed Thursday closed "
        "Friday closed Saturday 08:00-11:00 Sunday closed"
    ) in page
    assert "Address Jl. Poros Rebaq Rinding RT 03" in page
    assert ("0812-5555-0101", "tel:0812-5555-0101") in links(response.text)
    assert ("perpus@rebaqrinding.desa.id", "mailto:perpus@rebaqrinding.desa.id") in links(
        response.text
    )
    assert "Perpustakaan desa di tepi Sungai Mahakam." in page
    assert '<tr class="today" aria-current="date"><th scope="row">Monday</th>' in response.text


@pytest.mark.parametrize(
    ("day", "time", "status"),
    [
        (MONDAY, (9, 30), "Open now"),
        (MONDAY, (12, 30), "Closed now"),
        (MONDAY, (15, 59), "Open now"),
        (MONDAY, (16, 0), "Closed now"),
        ((2026, 3, 3), (9, 30), "Closed now"),
        ((2026, 3, 7), (10, 59), "Open now"),
        ((2026, 3, 8), (10, 0), "Closed now"),
    ],
)
def test_library_page_says_whether_it_is_open_now(
    day, time, status, english, clock_at, library_a_profile
):
    clock_at(*day, *time)
    page = text(english.get("/perpustakaan/DSA/").text)
    assert status in page
    other = "Closed now" if status == "Open now" else "Open now"
    assert other not in page


def test_library_page_marks_today_in_the_week(english, clock_at, library_a_profile):
    clock_at(2026, 3, 7, 9, 0)  # Saturday
    response = english.get("/perpustakaan/DSA/")
    assert '<tr class="today" aria-current="date"><th scope="row">Saturday</th>' in response.text
    assert response.text.count('class="today"') == 1


def test_library_without_recorded_hours_says_so(english, clock_at, library_b):
    clock_at(*MONDAY, 10, 0)
    page = text(english.get("/perpustakaan/DSB/").text)
    assert "Opening hours not yet recorded." in page
    assert "Open now" not in page and "Closed now" not in page
    assert "Monday" not in page
