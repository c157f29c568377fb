"""The visitor book's kiosk with the keyboard alone: a volunteer records ten
visits — members scanning their cards (one with a tap for why they came),
guests answering with arrow keys and Space, and a school class counted by
gender and age — and the kiosk counts ten entries and the group's heads.
After every entry the card field has the focus again and the kiosk says in
words (a live region) what was recorded."""

import re

import pytest
from playwright.sync_api import expect

from pustaka.visits.models import Visit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in_with_keyboard(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.focus("#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/staff/")


def focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def press_until_focused(page, key: str, target, limit: int = 40) -> None:
    """Press ``key`` (Tab, Shift+Tab) until ``target`` has the focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(target):
            return
    raise AssertionError(f"{key} never reached {target}")


def settled(page) -> None:
    page.wait_for_function(
        "() => document.readyState === 'complete' && window.htmx !== undefined && "
        "!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


def recorded(page, count: int) -> None:
    """The kiosk said ✓ and is ready for the next card with ``count`` entries today."""
    settled(page)
    expect(page.locator("#kiosk-live [role=status]")).to_contain_text("✓")
    expect(page.locator("#kiosk-today")).to_contain_text(re.compile(rf"\b{count}\b"))
    card = page.locator("#id_number")
    expect(card).to_be_focused()
    expect(card).to_have_value("")


def scan_card(page, number: str, count: int) -> None:
    settled(page)
    page.keyboard.type(number)
    page.keyboard.press("Enter")
    recorded(page, count)
    expect(page.locator("#kiosk-live")).to_contain_text(number.upper())


def open_mode(page, index: int) -> None:
    """Back from the card field to a mode (1 guest, 2 group), Enter."""
    settled(page)
    press_until_focused(page, "Shift+Tab", page.locator(".kiosk-modes a").nth(index))
    page.keyboard.press("Enter")
    expect(page.locator(".kiosk-modes a").nth(index)).to_have_attribute("aria-current", "page")


def answer_as_guest(page, *, gender: int, age: int, purpose: int, village: int) -> None:
    """Choose each answer by its position with the arrow keys, then Record."""
    open_mode(page, 1)
    expect(page.locator("#id_gender_0")).to_be_focused()
    for field, position in (("gender", gender), ("age_group", age), ("purpose", purpose)):
        expect(page.locator(f"#id_{field}_0")).to_be_focused()
        page.keyboard.press("Space")
        for _ in range(position):
            page.keyboard.press("ArrowRight")
        expect(page.locator(f"#id_{field}_{position}")).to_be_checked()
        page.keyboard.press("Tab")
    # the village: "somewhere else" (the last) is chosen until an arrow picks
    # one; from it, the first arrow goes round to the library's own village
    expect(page.locator(".tap-options input[name=village]").last).to_be_focused()
    for _ in range(village):
        page.keyboard.press("ArrowRight")
    press_until_focused(page, "Tab", page.locator(".kiosk-submit"))
    page.keyboard.press("Enter")


def test_a_volunteer_records_ten_visits_with_the_keyboard_alone(
    page, live_server, volunteer_a, member_a, member_a2, regions
):
    sign_in_with_keyboard(page, live_server, "relawan_a")
    page.goto(f"{live_server.url}/staff/visits/kiosk/")
    expect(page.locator("#id_number")).to_be_focused()
    expect(page.locator("#kiosk-today")).to_contain_text(re.compile(r"\b0\b"))

    # three card scans, one after the other; the second member says why they came
    scan_card(page, member_a.number, 1)
    scan_card(page, member_a2.number, 2)
    press_until_focused(page, "Tab", page.locator(".kiosk-purpose button").nth(1))
    page.keyboard.press("Enter")
    recorded(page, 2)
    scan_card(page, member_a.number.lower(), 3)

    # five guests: female 19-35 reading from Rebaq Rinding, ...
    answer_as_guest(page, gender=0, age=3, purpose=0, village=1)
    recorded(page, 4)
    answer_as_guest(page, gender=1, age=1, purpose=4, village=0)
    recorded(page, 5)
    answer_as_guest(page, gender=1, age=2, purpose=2, village=2)
    recorded(page, 6)
    answer_as_guest(page, gender=0, age=5, purpose=1, village=1)
    recorded(page, 7)
    answer_as_guest(page, gender=0, age=1, purpose=3, village=0)
    recorded(page, 8)

    # a school class in one entry: 11 girls and 9 boys of 6-12 and their teacher
    open_mode(page, 2)
    expect(page.locator("#id_description")).to_be_focused()
    page.keyboard.type("Kelas 5 SDN 001")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # reading
    press_until_focused(page, "Tab", page.locator("#id_female_6_12"))
    page.keyboard.type("11")
    page.keyboard.press("Tab")
    page.keyboard.type("9")
    press_until_focused(page, "Tab", page.locator("#id_male_36_59"))
    page.keyboard.type("1")
    press_until_focused(page, "Tab", page.locator(".kiosk-submit"))
    page.keyboard.press("Enter")
    recorded(page, 9)
    expect(page.locator("#kiosk-live")).to_contain_text("21")

    # and a last card scan
    scan_card(page, member_a2.number, 10)

    # ten entries, and 30 people: nine on their own and a class of 21
    expect(page.locator("#kiosk-today")).to_contain_text(re.compile(r"\b10\b.*\b30\b"))
    visits = Visit.objects.all()
    assert visits.count() == 10
    assert sorted(visit.kind for visit in visits) == ["group"] + ["guest"] * 5 + ["member"] * 4
    assert sum(visit.people for visit in visits) == 30
    assert Visit.objects.get(member=member_a2, purpose="borrow")
    guests = Visit.objects.filter(kind="guest").order_by("visited_at")
    assert [(g.gender, g.age_group, g.purpose) for g in guests] == [
        ("female", "19-35", "read"),
        ("male", "6-12", "study"),
        ("male", "13-18", "internet"),
        ("female", "60+", "borrow"),
        ("female", "6-12", "activity"),
    ]
    villages = [guest.village.name if guest.village else None for guest in guests]
    assert villages == ["Rebaq Rinding", None, "Muara Muntai Ulu", "Rebaq Rinding", None]


def test_kiosk_and_visits_pages_have_no_serious_accessibility_problem(
    live_server, accessibility_problems, client_for, volunteer_a, group_visit_a, session_a, regions
):
    client = client_for(volunteer_a)
    cookies = [
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}
    ]
    for path in [
        "/staff/visits/DSA/kiosk/",
        "/staff/visits/DSA/kiosk/?mode=guest",
        "/staff/visits/DSA/kiosk/?mode=group",
        "/staff/visits/DSA/",
        f"/staff/visits/DSA/{group_visit_a.pk}/correct/",
    ]:
        assert accessibility_problems(f"{live_server.url}{path}", cookies) == [], path
