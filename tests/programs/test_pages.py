"""Staff pages of the programmes: planning, attendance by card or counts,
registrations, photos, documents, partners and stories; each library sees
and changes only its own (404 otherwise)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from pustaka.programs import queries, services
from pustaka.programs.models import Activity, Contribution, Partner, Story, VillageFund
from tests.core.html import links, text
from tests.programs.fixtures import activity_fields, category, image_upload, pdf_upload


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# --- isolation -----------------------------------------------------------------


def test_staff_of_another_library_get_404_for_everything_of_library_a(
    english_client_for,
    manager_b,
    activity_a,
    registration_a,
    participant_a,
    partner_a,
    contribution_a,
    story_a,
    document_a,
    photo_a,
):
    client = english_client_for(manager_b)
    pages = [
        f"/staff/programs/activities/{activity_a.pk}/",
        f"/staff/programs/activities/{activity_a.pk}/edit/",
        f"/staff/programs/activities/{activity_a.pk}/delete/",
        f"/staff/programs/activities/{activity_a.pk}/attendance/",
        f"/staff/programs/partners/{partner_a.pk}/",
        f"/staff/programs/contributions/{contribution_a.pk}/",
        f"/staff/programs/stories/{story_a.pk}/",
        f"/staff/programs/documents/{document_a.pk}/",
    ]
    for page in pages:
        assert client.get(page).status_code == 404, page
    actions = [
        f"/staff/programs/activities/{activity_a.pk}/attendance/person/",
        f"/staff/programs/activities/{activity_a.pk}/attendance/counts/",
        f"/staff/programs/participants/{participant_a.pk}/remove/",
        f"/staff/programs/registrations/{registration_a.pk}/cancel/",
        f"/staff/programs/registrations/{registration_a.pk}/attend/",
        f"/staff/programs/photos/{photo_a.pk}/delete/",
        f"/staff/programs/documents/{document_a.pk}/delete/",
        f"/staff/programs/contributions/{contribution_a.pk}/delete/",
        f"/staff/programs/stories/{story_a.pk}/consent/",
        f"/staff/programs/stories/{story_a.pk}/publish/",
    ]
    for action in actions:
        assert client.post(action, {"gender": "male", "age_group": "60+"}).status_code == 404
    registration_a.refresh_from_db()
    assert registration_a.status == "confirmed"
    assert queries.attendance_of(Activity.objects.all()).total == 1


def test_lists_show_only_the_own_library(
    english_client_for, manager_a, activity_a, activity_b, partner_a, partner_b, story_a, story_b
):
    client = english_client_for(manager_a)
    activities = text(client.get("/staff/programs/").text)
    assert "Kelas komputer untuk ibu-ibu" in activities and "Klub baca anak" not in activities
    partners = text(client.get("/staff/programs/partners/").text)
    assert "Pemerintah Desa Rebaq Rinding" in partners and "SDN 001" not in partners
    stories = text(client.get("/staff/programs/stories/").text)
    assert "Dari kelas komputer" in stories and "Anak-anak gemar membaca" not in stories


def test_the_office_sees_every_library(english_client_for, admin, activity_a, activity_b):
    activities = text(english_client_for(admin).get("/staff/programs/").text)
    assert "Kelas komputer untuk ibu-ibu" in activities and "Klub baca anak" in activities


def test_the_staff_menu_leads_to_activities(english_client_for, volunteer_a):
    page = english_client_for(volunteer_a).get("/staff/")
    assert ("Activities", "/staff/programs/") in links(page.text)


# --- activities ------------------------------------------------------------------


def test_plan_an_activity_with_a_partner(english_client_for, volunteer_a, partner_a):
    client = english_client_for(volunteer_a)
    form = client.get("/staff/programs/activities/new/")
    assert "Pemerintah Desa Rebaq Rinding" in form.text
    starts = timezone.now() + datetime.timedelta(days=3)
    response = client.post(
        "/staff/programs/activities/new/",
        {
            "title": "Pelatihan membuat kue",
            "category": category("skills").pk,
            "starts_at": _local(starts),
            "ends_at": _local(starts + datetime.timedelta(hours=3)),
            "target_group": "women",
            "funding": "village_fund",
            "status": "planned",
            "capacity": "15",
            "is_public": "on",
            "partners": [partner_a.pk],
        },
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response.url == f"/staff/programs/activities/{activity.pk}/"
    assert (activity.library.code, activity.capacity, activity.funding) == (
        "DSA",
        15,
        "village_fund",
    )
    assert list(activity.partners.all()) == [partner_a]
    detail = text(client.get(response.url).text)
    assert "Pemerintah Desa Rebaq Rinding" in detail and "Village fund (dana desa)" in detail


def test_an_activity_ending_before_it_starts_is_explained(english_client_for, volunteer_a, db):
    starts = timezone.now()
    page = english_client_for(volunteer_a).post(
        "/staff/programs/activities/new/",
        {
            "title": "Salah",
            "category": category("other").pk,
            "starts_at": _local(starts),
            "ends_at": _local(starts - datetime.timedelta(hours=1)),
            "target_group": "everyone",
            "status": "planned",
        },
    )
    assert page.status_code == 200
    assert "The activity cannot end before it starts." in page.text
    assert not Activity.objects.exists()


def test_the_list_groups_by_month_with_the_people_who_took_part(
    english_client_for, manager_a, library_a, activity_a, participant_a
):
    services.attendance_counts_set(
        actor=manager_a, activity=activity_a, counts={("female", "6-12", ""): 4}
    )
    page = english_client_for(manager_a).get("/staff/programs/")
    month = timezone.localtime(activity_a.starts_at).strftime("%B %Y")
    assert f"<h2>{month}</h2>" in page.text
    assert "<td>5</td>" in page.text


def test_the_activity_list_queries_do_not_grow_with_activities(
    english_client_for, manager_a, library_a
):
    client = english_client_for(manager_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("/staff/programs/?period=all").status_code == 200
        return len(context.captured_queries)

    services.activity_create(actor=manager_a, library=library_a, fields=activity_fields())
    one = count()
    for number in range(5):
        fields = activity_fields(title=f"Kegiatan {number}")
        services.activity_create(actor=manager_a, library=library_a, fields=fields)
    assert count() == one


# --- attendance ----------------------------------------------------------------------


def test_scan_cards_add_a_person_and_count_the_rest(
    english_client_for, volunteer_a, activity_a, member_a
):
    client = english_client_for(volunteer_a)
    base = f"/staff/programs/activities/{activity_a.pk}/attendance/"
    # a member's card, a walk-in, and a grid of counts
    scanned = client.post(base + "member/", {"number": member_a.number}, follow=True)
    assert "✓ Siti Rahmawati is on the list." in scanned.text
    client.post(base + "person/", {"gender": "male", "age_group": "60+", "disability": "yes"})
    counts = {"c_female_1_no": "3", "c_male_1_yes": "1", "asked": "on"}
    saved = client.post(base + "counts/", counts, follow=True)
    assert "Counts saved: 4 people." in saved.text
    # then the page adds both ways up
    attendance = queries.attendance_of(Activity.objects.filter(pk=activity_a.pk))
    assert attendance.cells == {
        ("female", "36-59", "no"): 1,
        ("male", "60+", "yes"): 1,
        ("female", "6-12", "no"): 3,
        ("male", "6-12", "yes"): 1,
    }
    assert "6 people took part." in text(saved.text)
    # and the grid shows what was saved
    assert 'name="c_female_1_no" value="3"' in saved.text


def test_an_unknown_card_is_said_in_words(english_client_for, volunteer_a, activity_a):
    page = english_client_for(volunteer_a).post(
        f"/staff/programs/activities/{activity_a.pk}/attendance/member/", {"number": "NOPE-1"}
    )
    assert page.status_code == 200
    assert "No member has the number “NOPE-1”." in page.text


def test_counts_without_asking_are_kept_as_not_asked(english_client_for, volunteer_a, activity_a):
    english_client_for(volunteer_a).post(
        f"/staff/programs/activities/{activity_a.pk}/attendance/counts/", {"c_male_3_no": "7"}
    )
    assert queries.counts_of(activity_a) == {("male", "19-35", ""): 7}


# --- registrations -----------------------------------------------------------------


def test_staff_see_registrations_cancel_one_and_the_waiting_move_up(
    english_client_for, volunteer_a, activity_a, registration_a, waiting_a
):
    client = english_client_for(volunteer_a)
    page = text(client.get(f"/staff/programs/activities/{activity_a.pk}/").text)
    assert "Nurul Hidayah" in page and "Waiting: number 1" in page
    response = client.post(
        f"/staff/programs/registrations/{registration_a.pk}/cancel/", follow=True
    )
    assert "Ani moves up from the waiting list" in response.text
    waiting_a.refresh_from_db()
    assert waiting_a.status == "confirmed"


def test_a_registration_turns_into_attendance(
    english_client_for, volunteer_a, activity_a, registration_a
):
    client = english_client_for(volunteer_a)
    client.post(f"/staff/programs/registrations/{registration_a.pk}/attend/")
    attendance = queries.attendance_of(Activity.objects.filter(pk=activity_a.pk))
    assert attendance.cells == {("female", "19-35", ""): 1}
    page = text(client.get(f"/staff/programs/activities/{activity_a.pk}/").text)
    assert "came" in page


# --- photos and documents ----------------------------------------------------------


def test_a_photo_uploaded_on_the_page_is_made_small(
    english_client_for, programs_files, volunteer_a, activity_a
):
    client = english_client_for(volunteer_a)
    client.post(
        f"/staff/programs/activities/{activity_a.pk}/photos/",
        {"image": image_upload(3200, 2400), "description": "Ibu-ibu belajar mengetik"},
    )
    photo = queries.photos_of(activity_a).get()
    with Image.open(photo.image.path) as kept:
        assert kept.size == (800, 600)
    page = client.get(f"/staff/programs/activities/{activity_a.pk}/").text
    assert f'src="{photo.image.url}" alt="Ibu-ibu belajar mengetik"' in page


def test_documents_are_for_staff_only(
    english_client_for, english, client, programs_files, volunteer_a, viewer, activity_a
):
    staff = english_client_for(volunteer_a)
    staff.post(
        f"/staff/programs/activities/{activity_a.pk}/documents/",
        {"file": pdf_upload(), "title": "Daftar hadir"},
    )
    document = queries.documents_of(activity_a).get()
    url = f"/staff/programs/documents/{document.pk}/"
    # the library's staff and the office download it
    download = staff.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Disposition"] == 'attachment; filename="Daftar hadir.pdf"'
    assert english_client_for(viewer).get(url).status_code == 200
    # a visitor is sent to sign in; the file has no address under /media/
    assert english.get(url).status_code == 302
    assert english.get(f"/media/{document.file.name}").status_code == 404
    assert english.get(f"/media/../private/{document.file.name}").status_code == 404


def test_a_disguised_document_is_refused_on_the_page(
    english_client_for, programs_files, volunteer_a, activity_a
):
    response = english_client_for(volunteer_a).post(
        f"/staff/programs/activities/{activity_a.pk}/documents/",
        {"file": pdf_upload("x.pdf", b"<html></html>")},
        follow=True,
    )
    assert "Choose a PDF, a word-processor, spreadsheet or presentation file." in response.text
    assert not queries.documents_of(activity_a).exists()


# --- partners, contributions, village fund --------------------------------------


def test_add_a_partner_and_record_its_contribution(english_client_for, volunteer_a):
    client = english_client_for(volunteer_a)
    client.post(
        "/staff/programs/partners/new/",
        {"name": "Koperasi Maju Bersama", "kind": "community_group", "mou_start": "2026-01-01"},
    )
    partner = Partner.objects.get()
    assert partner.library.code == "DSA"
    client.post(
        "/staff/programs/contributions/new/",
        {"partner": partner.pk, "kind": "goods", "given_on": "2026-02-01", "value_idr": "750000"},
    )
    contribution = Contribution.objects.get()
    assert (contribution.library.code, contribution.value_idr) == ("DSA", 750_000)
    page = text(client.get(f"/staff/programs/partners/{partner.pk}/").text)
    assert "In all: Rp 750,000 and 0 volunteer hours." in page


def test_the_village_fund_per_year(english_client_for, manager_a, manager_b, library_a):
    english_client_for(manager_a).post(
        "/staff/programs/village-fund/", {"year": "2025", "amount_idr": "15000000"}
    )
    assert VillageFund.objects.get().library == library_a
    assert "15,000,000" in english_client_for(manager_a).get("/staff/programs/village-fund/").text
    assert (
        "15,000,000" not in english_client_for(manager_b).get("/staff/programs/village-fund/").text
    )


def test_only_the_office_edits_categories(english_client_for, manager_a, admin):
    assert english_client_for(manager_a).get("/staff/programs/categories/new/").status_code == 403
    english_client_for(admin).post(
        "/staff/programs/categories/new/",
        {"code": "sport", "name": "Olahraga", "strategy": "community"},
    )
    page = text(english_client_for(manager_a).get("/staff/programs/categories/").text)
    assert "Olahraga" in page and "Literasi digital" in page


# --- stories ----------------------------------------------------------------------


def test_a_story_is_published_only_after_consent(english_client_for, manager_a, story_a, english):
    client = english_client_for(manager_a)
    base = f"/staff/programs/stories/{story_a.pk}/"
    refused = client.post(base + "publish/", follow=True)
    assert "Record the person&#x27;s consent before publishing their story." in refused.text
    assert english.get(f"/cerita/{story_a.pk}/").status_code == 404
    client.post(
        base + "consent/",
        {"given_on": "2026-02-12", "given_by": "Ibu Salmah", "statement": "Saya setuju."},
    )
    client.post(base + "publish/")
    story_a.refresh_from_db()
    assert story_a.status == "published"
    assert english.get(f"/cerita/{story_a.pk}/").status_code == 200


def test_write_a_story_of_a_member(english_client_for, volunteer_a, member_a):
    english_client_for(volunteer_a).post(
        "/staff/programs/stories/new/",
        {
            "title": "Membaca untuk cucu",
            "member_number": member_a.number,
            "what_changed": "Kini membacakan buku untuk cucunya.",
            "happened_on": "2026-03-01",
            "theme": "education",
        },
    )
    story = Story.objects.get()
    assert (story.member, story.status, story.library.code) == (member_a, "draft", "DSA")
