"""The kiosk and the Visits page through the test client: a card scan, a
guest's answers and a group, with and without htmx; corrections the same
day; a volunteer sees and logs only at their own library (404 elsewhere)."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pustaka.visits import services
from pustaka.visits.models import ComputerSession, Visit

HTMX = {"HTTP_HX_REQUEST": "true"}
KIOSK = "/staff/visits/DSA/kiosk/"


@pytest.fixture
def kiosk_client(client_for, volunteer_a):
    return client_for(volunteer_a)


def guest_answers(**extra) -> dict:
    return {"gender": "male", "age_group": "13-18", "purpose": "study", **extra}


def group_answers(**extra) -> dict:
    return {
        "description": "Kelas 8 SMPN 2",
        "purpose": "read",
        "female_13_18": "14",
        "male_13_18": "11",
        "male_36_59": "1",
        **extra,
    }


# -- the kiosk -------------------------------------------------------------


def test_kiosk_home_opens_the_volunteers_own_kiosk(kiosk_client):
    response = kiosk_client.get("/staff/visits/kiosk/")
    assert response.status_code == 302
    assert response.url == KIOSK


def test_the_office_picks_a_library_and_the_viewer_may_not_log(
    client_for, admin, viewer, library_a, library_b
):
    page = client_for(admin).get("/staff/visits/kiosk/")
    assert page.status_code == 200
    assert "/staff/visits/DSB/kiosk/" in page.content.decode()
    assert client_for(viewer).get("/staff/visits/kiosk/").status_code == 403
    assert client_for(viewer).get(KIOSK).status_code == 403


def test_kiosk_is_ready_for_a_card_scan(kiosk_client):
    page = kiosk_client.get(KIOSK, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="number"' in page
    assert "autofocus" in page.split('name="number"')[1].split(">")[0]
    assert "Today: 0 visits recorded · 0 people" in page


def test_the_kiosk_shows_visitors_no_staff_menu(kiosk_client):
    page = kiosk_client.get(KIOSK, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'aria-label="Staff"' not in page and "/staff/members/" not in page
    assert "Sign out" not in page
    assert 'href="/staff/visits/DSA/">Staff: leave the visitor book</a>' in page


def test_a_card_scan_without_javascript_records_and_says_so(kiosk_client, member_a):
    response = kiosk_client.post(f"{KIOSK}member/", {"number": member_a.number.lower()})
    assert response.status_code == 302 and response.url == KIOSK
    page = kiosk_client.get(KIOSK, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    visit = Visit.objects.get()
    assert (visit.member, visit.kind, visit.purpose) == (member_a, "member", "")
    assert 'role="status"' in page and member_a.number in page
    # the member may say why they came with one tap
    assert f"/staff/visits/DSA/kiosk/{visit.pk}/purpose/" in page
    # the message is said once: a reload shows the kiosk without it
    assert member_a.number not in kiosk_client.get(KIOSK).content.decode()


def test_a_card_scan_with_htmx_swaps_the_kiosk_and_announces_it(kiosk_client, member_a):
    response = kiosk_client.post(f"{KIOSK}member/", {"number": member_a.number}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="kiosk-work"')
    assert 'id="kiosk-live" hx-swap-oob="innerHTML"' in body
    assert 'role="status"' in body and "✓" in body
    assert "autofocus" in body.split('name="number"')[1].split(">")[0]
    assert response["HX-Replace-Url"] == KIOSK


def test_a_tap_after_the_scan_notes_why_the_member_came(
    kiosk_client, volunteer_a, library_a, member_a
):
    visit = services.visit_log_member(actor=volunteer_a, library=library_a, number=member_a.number)
    response = kiosk_client.post(f"{KIOSK}{visit.pk}/purpose/", {"purpose": "borrow"}, **HTMX)
    assert response.status_code == 200
    visit.refresh_from_db()
    assert visit.purpose == "borrow"


def test_an_unknown_card_is_said_and_the_field_is_empty_again(kiosk_client, member_a):
    response = kiosk_client.post(f"{KIOSK}member/", {"number": "DSA-404404"}, **HTMX)
    body = response.content.decode()
    assert 'role="alert"' in body and "DSA-404404" in body
    assert 'value="DSA-404404"' not in body
    assert not Visit.objects.exists()


def test_an_expired_members_visit_is_recorded_with_a_word_about_the_desk(
    kiosk_client, manager_a, member_a
):
    member_a.expires_on = timezone.localdate() - datetime.timedelta(days=2)
    member_a.save(update_fields=["expires_on"])
    response = kiosk_client.post(f"{KIOSK}member/", {"number": member_a.number}, **HTMX)
    assert Visit.objects.filter(member=member_a).exists()
    assert "⚠" in response.content.decode()


def test_a_guest_taps_their_answers(kiosk_client, regions):
    village = regions["64.02.01.2006"]
    answers = guest_answers(village=str(village.pk), disability="no")
    response = kiosk_client.post(f"{KIOSK}guest/", answers)
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.kind, visit.gender, visit.age_group, visit.purpose) == (
        "guest",
        "male",
        "13-18",
        "study",
    )
    assert (visit.village, visit.disability) == (village, "no")


def test_the_guest_form_offers_the_kecamatans_villages_own_first(kiosk_client, regions):
    page = kiosk_client.get(f"{KIOSK}?mode=guest").content.decode()
    assert page.index("Rebaq Rinding") < page.index("Muara Muntai Ulu")
    assert "Bukit Biru" not in page


def test_a_guest_who_skips_a_question_is_asked_again(kiosk_client):
    response = kiosk_client.post(f"{KIOSK}guest/", {"gender": "female"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in body
    # the answer given stays chosen, and the first question left open takes the focus
    assert 'value="female" id="id_gender_0" required checked' in body
    assert 'value="0-5" autofocus' in body
    assert 'value="female" autofocus' not in body
    assert not Visit.objects.exists()


def test_a_group_is_one_entry_with_its_counts(kiosk_client, volunteer_a, library_a):
    response = kiosk_client.post(f"{KIOSK}group/", group_answers(disabled_people="2"), **HTMX)
    assert response.status_code == 200
    visit = Visit.objects.get()
    assert (visit.kind, visit.people, visit.disabled_people) == ("group", 26, 2)
    body = response.content.decode()
    assert "26" in body and "Kelas 8 SMPN 2" in body


def test_a_group_without_anyone_counted_is_refused(kiosk_client):
    response = kiosk_client.post(f"{KIOSK}group/", {"purpose": "read"}, **HTMX)
    assert 'role="alert"' in response.content.decode()
    assert not Visit.objects.exists()


# -- library A's volunteer at library B ------------------------------------


def test_a_volunteer_can_neither_log_nor_see_another_librarys_visits(
    kiosk_client, guest_visit_b, member_a
):
    assert kiosk_client.get("/staff/visits/DSB/kiosk/").status_code == 404
    assert (
        kiosk_client.post(
            "/staff/visits/DSB/kiosk/member/", {"number": member_a.number}
        ).status_code
        == 404
    )
    assert kiosk_client.post("/staff/visits/DSB/kiosk/guest/", guest_answers()).status_code == 404
    assert kiosk_client.get("/staff/visits/DSB/").status_code == 404
    correct = f"/staff/visits/DSA/{guest_visit_b.pk}/correct/"
    assert kiosk_client.get(correct).status_code == 404
    assert kiosk_client.post(f"/staff/visits/DSA/{guest_visit_b.pk}/delete/").status_code == 404
    assert kiosk_client.post(f"/staff/visits/DSB/{guest_visit_b.pk}/delete/").status_code == 404
    assert Visit.objects.count() == 1 and Visit.objects.get().deleted_at is None


# -- the Visits page -------------------------------------------------------


def test_visits_page_lists_today_with_corrections_and_the_weeks_counts(
    client_for, volunteer_a, guest_visit_a, group_visit_a, session_a
):
    page = client_for(volunteer_a).get("/staff/visits/", follow=True)
    body = page.content.decode()
    assert page.redirect_chain[-1][0] == "/staff/visits/DSA/"
    assert f"/staff/visits/DSA/{guest_visit_a.pk}/correct/" in body
    assert "Kelas 5 SDN 001 Muara Muntai" in body
    counts = body.split('id="today-counts"')[1].split("</ul>")[0]
    assert "<strong>2</strong>" in counts and "<strong>24</strong>" in counts
    assert "<strong>1</strong>" in counts  # the computer session


def test_visits_page_is_read_only_for_the_district_viewer(client_for, viewer, guest_visit_a):
    client = client_for(viewer)
    body = client.get("/staff/visits/DSA/").content.decode()
    assert "/correct/" not in body and "/kiosk/" not in body
    assert client.get(f"/staff/visits/DSA/{guest_visit_a.pk}/correct/").status_code == 403
    assert client.post(f"/staff/visits/DSA/{guest_visit_a.pk}/delete/").status_code == 403


def test_visits_page_queries_do_not_grow_with_the_visits(
    client_for, volunteer_a, library_a, group_visit_a
):
    client = client_for(volunteer_a)
    client.get("/staff/visits/DSA/")
    with CaptureQueriesContext(connection) as few:
        client.get("/staff/visits/DSA/")
    for _ in range(5):
        services.visit_log_group(
            actor=volunteer_a,
            library=library_a,
            counts={("female", "6-12"): 3},
            purpose="read",
        )
        services.visit_log_guest(
            actor=volunteer_a, library=library_a, gender="male", age_group="60+", purpose="read"
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/staff/visits/DSA/")
    assert len(many) == len(few)
    assert len(few) <= 15


def test_a_guest_entry_is_corrected_from_the_visits_page(client_for, volunteer_a, guest_visit_a):
    url = f"/staff/visits/DSA/{guest_visit_a.pk}/correct/"
    client = client_for(volunteer_a)
    assert 'value="read"' in client.get(url).content.decode()
    answers = {"gender": "female", "age_group": "36-59", "purpose": "activity"}
    response = client.post(url, answers)
    assert response.status_code == 302
    guest_visit_a.refresh_from_db()
    assert (guest_visit_a.age_group, guest_visit_a.purpose) == ("36-59", "activity")


def test_a_group_is_corrected_from_the_visits_page(client_for, volunteer_a, group_visit_a):
    url = f"/staff/visits/DSA/{group_visit_a.pk}/correct/"
    client = client_for(volunteer_a)
    form = client.get(url).content.decode()
    assert 'name="female_6_12" value="12"' in form
    response = client.post(url, group_answers(female_13_18="", male_13_18="20"))
    assert response.status_code == 302
    group_visit_a.refresh_from_db()
    assert group_visit_a.people == 21


def test_yesterdays_entry_can_no_longer_be_corrected(client_for, volunteer_a, library_a):
    visit = services.visit_log_guest(
        actor=volunteer_a,
        library=library_a,
        gender="male",
        age_group="60+",
        purpose="read",
        at=timezone.now() - datetime.timedelta(days=1),
    )
    client = client_for(volunteer_a)
    response = client.post(
        f"/staff/visits/DSA/{visit.pk}/correct/", guest_answers(), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Only today's entries can be corrected" in html.unescape(response.content.decode())
    deleted = client.post(f"/staff/visits/DSA/{visit.pk}/delete/", follow=True)
    visit.refresh_from_db()
    assert visit.deleted_at is None
    assert deleted.status_code == 200


def test_a_mistaken_entry_is_deleted_the_same_day(client_for, volunteer_a, guest_visit_a):
    response = client_for(volunteer_a).post(f"/staff/visits/DSA/{guest_visit_a.pk}/delete/")
    assert response.status_code == 302
    guest_visit_a.refresh_from_db()
    assert guest_visit_a.deleted_at is not None


def test_a_computer_session_is_recorded_and_deleted_from_the_visits_page(
    client_for, volunteer_a, member_a
):
    client = client_for(volunteer_a)
    response = client.post(
        "/staff/visits/DSA/computers/",
        {"number": member_a.number, "purpose": "jobs", "minutes": "40"},
    )
    assert response.status_code == 302
    session = ComputerSession.objects.get()
    assert (session.member, session.minutes, session.purpose) == (member_a, 40, "jobs")
    refused = client.post("/staff/visits/DSA/computers/", {"purpose": "jobs", "minutes": "40"})
    assert refused.status_code == 200 and 'class="error"' in refused.content.decode()
    client.post(f"/staff/visits/DSA/computers/{session.pk}/delete/")
    session.refresh_from_db()
    assert session.deleted_at is not None
