"""The programmes' services: attendance counted the same both ways, the
registration capacity and waiting list, consent before publishing, who may
change what, photos and documents."""

import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from pustaka.core.abuse import RateLimited
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.models import ChangeLog
from pustaka.programs import queries, services
from pustaka.programs.models import Activity, Registration, VillageFund
from tests.programs.fixtures import activity_fields, category, image_upload, pdf_upload

# Twelve people: who they are, as (gender, age group, disability).
PEOPLE = [
    ("female", "19-35", "no"),
    ("female", "19-35", "no"),
    ("female", "19-35", "yes"),
    ("female", "36-59", "no"),
    ("female", "36-59", ""),
    ("female", "6-12", "no"),
    ("male", "6-12", "no"),
    ("male", "6-12", "no"),
    ("male", "13-18", "yes"),
    ("male", "60+", "no"),
    ("male", "60+", ""),
    ("male", "19-35", "no"),
]


def _register(activity, name, **fields):
    values = {"phone": f"0812-{name}", "gender": "female", "age_group": "19-35"} | fields
    return services.registration_submit(activity=activity, name=name, **values)


def _activity(manager, library, **fields):
    return services.activity_create(
        actor=manager, library=library, fields=activity_fields(**fields)
    )


# Attendance -----------------------------------------------------------------


def test_named_and_counted_attendance_add_up_the_same_way(manager_a, library_a):
    # given the same twelve people at two activities: named at one, counted at the other
    named = _activity(manager_a, library_a, title="Named")
    counted = _activity(manager_a, library_a, title="Counted")
    for gender, age_group, disability in PEOPLE:
        services.participant_add_person(
            actor=manager_a,
            activity=named,
            gender=gender,
            age_group=age_group,
            disability=disability,
        )
    cells = {}
    for person in PEOPLE:
        cells[person] = cells.get(person, 0) + 1
    services.attendance_counts_set(actor=manager_a, activity=counted, counts=cells)
    # when both are added up
    by_named = queries.attendance_of(Activity.objects.filter(pk=named.pk))
    by_counted = queries.attendance_of(Activity.objects.filter(pk=counted.pk))
    # then they agree cell by cell and along each dimension
    assert by_named.cells == by_counted.cells == cells
    assert by_named.total == by_counted.total == 12
    assert [row[::2] for row in by_named.by_gender] == [("female", 6), ("male", 6)]
    assert [row[::2] for row in by_counted.by_age_group] == [
        ("6-12", 3),
        ("13-18", 1),
        ("19-35", 4),
        ("36-59", 2),
        ("60+", 2),
    ]
    assert [row[::2] for row in by_counted.by_disability] == [("yes", 2), ("no", 8), ("", 2)]


def test_attendance_of_both_ways_adds_together_per_library(
    manager_a, library_a, manager_b, library_b
):
    # given library A names 2 people and counts 5 more at another activity; B counts 3
    named = _activity(manager_a, library_a)
    services.participant_add_person(actor=manager_a, activity=named, gender="male", age_group="60+")
    services.participant_add_person(actor=manager_a, activity=named, gender="male", age_group="60+")
    counted = _activity(manager_a, library_a)
    services.attendance_counts_set(
        actor=manager_a, activity=counted, counts={("male", "60+", ""): 5}
    )
    other = _activity(manager_b, library_b)
    services.attendance_counts_set(
        actor=manager_b, activity=other, counts={("female", "0-5", "no"): 3}
    )
    # when added up by library
    totals = queries.attendance_totals(Activity.objects.all(), group_by=("library_id",))
    # then
    assert totals == {
        (library_a.pk, "male", "60+", ""): 7,
        (library_b.pk, "female", "0-5", "no"): 3,
    }


def test_a_member_is_counted_as_they_were_on_the_day(manager_a, activity_a, member_a, regions):
    # given a member with a declared disability and a village
    from pustaka.members import services as member_services

    member_services.member_update(
        actor=manager_a,
        member=member_a,
        changes={"disability": "visual", "village": regions["64.02.01.2006"]},
    )
    # when their card is scanned
    participant = services.participant_add_member(
        actor=manager_a, activity=activity_a, number=f" {member_a.number.lower()} "
    )
    # then the participant keeps the member's figures
    assert (participant.gender, participant.age_group, participant.disability) == (
        "female",
        "36-59",
        "yes",
    )
    assert participant.village == regions["64.02.01.2006"]
    # and a second scan is refused in words
    with translation.override("en"), pytest.raises(Invalid) as refused:
        services.participant_add_member(
            actor=manager_a, activity=activity_a, number=member_a.number
        )
    assert refused.value.fields["number"] == ["Siti Rahmawati is on the list already."]


def test_an_unknown_card_is_refused(manager_a, activity_a, db):
    with pytest.raises(Invalid) as refused:
        services.participant_add_member(actor=manager_a, activity=activity_a, number="XX-1")
    assert refused.value.code == "unknown_member"


def test_counts_replace_the_grid_and_a_removed_participant_no_longer_counts(
    volunteer_a, activity_a, participant_a
):
    services.attendance_counts_set(
        actor=volunteer_a,
        activity=activity_a,
        counts={("female", "6-12", ""): 4, ("male", "6-12", ""): 3},
    )
    # when the grid is set again with one cell only and the walk-in is removed
    services.attendance_counts_set(
        actor=volunteer_a, activity=activity_a, counts={("male", "6-12", ""): 5}
    )
    services.participant_remove(actor=volunteer_a, participant=participant_a)
    # then
    attendance = queries.attendance_of(Activity.objects.filter(pk=activity_a.pk))
    assert attendance.cells == {("male", "6-12", ""): 5}


def test_counts_refuse_negative_and_unknown_cells(volunteer_a, activity_a):
    with pytest.raises(Invalid):
        services.attendance_counts_set(
            actor=volunteer_a, activity=activity_a, counts={("male", "6-12", ""): -1}
        )
    with pytest.raises(Invalid):
        services.attendance_counts_set(
            actor=volunteer_a, activity=activity_a, counts={("other", "6-12", ""): 1}
        )


# Registration -----------------------------------------------------------------


def test_registrations_fill_the_places_then_wait(activity_a):
    # given an activity with 2 places
    first, second = _register(activity_a, "Satu"), _register(activity_a, "Dua")
    # when two more register
    third, fourth = _register(activity_a, "Tiga"), _register(activity_a, "Empat")
    # then the first two have places and the others wait, in order
    assert [first.status, second.status] == ["confirmed", "confirmed"]
    assert [third.status, fourth.status] == ["waiting", "waiting"]
    assert [queries.waiting_place(third), queries.waiting_place(fourth)] == [1, 2]
    assert queries.places_taken(activity_a) == 2


def test_a_cancelled_place_goes_to_the_first_waiting(volunteer_a, activity_a):
    # given a full activity with two waiting
    first, _second = _register(activity_a, "Satu"), _register(activity_a, "Dua")
    third, fourth = _register(activity_a, "Tiga"), _register(activity_a, "Empat")
    # when the first cancels
    moved = services.registration_cancel(actor=volunteer_a, registration=first)
    # then the first waiting moves up and the other is next in line
    assert moved == [third]
    third.refresh_from_db(), fourth.refresh_from_db(), first.refresh_from_db()
    assert (first.status, third.status, fourth.status) == ("cancelled", "confirmed", "waiting")
    assert queries.waiting_place(fourth) == 1
    assert queries.places_taken(activity_a) == 2


def test_cancelling_a_waiting_registration_moves_nobody(volunteer_a, activity_a):
    _register(activity_a, "Satu"), _register(activity_a, "Dua")
    third, fourth = _register(activity_a, "Tiga"), _register(activity_a, "Empat")
    assert services.registration_cancel(actor=volunteer_a, registration=third) == []
    assert queries.waiting_place(fourth) == 1


def test_more_places_let_the_waiting_move_up(manager_a, activity_a):
    _register(activity_a, "Satu"), _register(activity_a, "Dua")
    third, fourth = _register(activity_a, "Tiga"), _register(activity_a, "Empat")
    services.activity_update(actor=manager_a, activity=activity_a, changes={"capacity": 3})
    third.refresh_from_db(), fourth.refresh_from_db()
    assert (third.status, fourth.status) == ("confirmed", "waiting")


def test_registration_is_refused_when_closed(manager_a, library_a, db):
    past = timezone.now() - datetime.timedelta(days=3)
    closed = [
        _activity(manager_a, library_a, is_public=False),
        _activity(manager_a, library_a, capacity=None),
        _activity(manager_a, library_a, starts_at=past, ends_at=past + datetime.timedelta(hours=1)),
        _activity(manager_a, library_a, status="cancelled"),
    ]
    for activity in closed:
        with pytest.raises(Invalid) as refused:
            _register(activity, "Satu")
        assert refused.value.code == "closed"
    assert not Registration.objects.exists()


def test_registration_needs_a_contact_and_is_taken_once(activity_a):
    with pytest.raises(Invalid) as refused:
        _register(activity_a, "Satu", phone="")
    assert set(refused.value.fields) == {"phone"}
    _register(activity_a, "Satu", phone="0812")
    with pytest.raises(Invalid) as again:
        _register(activity_a, "satu", phone="0812")
    assert again.value.code == "registered"


def test_registration_honeypot_and_rate_limit(activity_a):
    with pytest.raises(Invalid) as robot:
        _register(activity_a, "Robot", honeypot="http://spam.example")
    assert robot.value.code == "honeypot"
    for number in range(5):
        _register(activity_a, f"Orang {number}", client="same-address")
    with pytest.raises(RateLimited):
        _register(activity_a, "Orang 6", client="same-address")


def test_a_registration_turns_into_attendance_once(volunteer_a, registration_a):
    participant = services.registration_attend(actor=volunteer_a, registration=registration_a)
    assert (participant.name, participant.gender, participant.age_group) == (
        "Nurul Hidayah",
        "female",
        "19-35",
    )
    with pytest.raises(Invalid):
        services.registration_attend(actor=volunteer_a, registration=registration_a)


# Stories ----------------------------------------------------------------------


def test_a_story_without_consent_cannot_be_published(manager_a, story_a):
    with pytest.raises(Invalid) as refused:
        services.story_publish(actor=manager_a, story=story_a)
    assert refused.value.code == "no_consent"
    story_a.refresh_from_db()
    assert story_a.status == "draft"
    assert not queries.stories_published().exists()


def test_a_consented_story_is_published_until_consent_is_withdrawn(manager_a, consented_story_a):
    services.story_publish(actor=manager_a, story=consented_story_a)
    assert list(queries.stories_published()) == [consented_story_a]
    # when the person withdraws consent
    services.story_consent_withdraw(
        actor=manager_a, story=consented_story_a, withdrawn_on=datetime.date(2026, 3, 1)
    )
    # then it is off the public pages and cannot be published again
    assert not queries.stories_published().exists()
    with pytest.raises(Invalid) as refused:
        services.story_publish(actor=manager_a, story=consented_story_a)
    assert refused.value.code == "no_consent"


def test_consent_needs_who_and_what(manager_a, story_a):
    with pytest.raises(Invalid) as refused:
        services.story_consent_record(
            actor=manager_a,
            story=story_a,
            given_on=datetime.date(2026, 2, 1),
            given_by="",
            statement="",
        )
    assert set(refused.value.fields) == {"given_by", "statement"}


def test_a_story_names_its_person(manager_a, library_a, db):
    with pytest.raises(Invalid) as refused:
        services.story_create(
            actor=manager_a,
            library=library_a,
            fields={
                "title": "Cerita",
                "what_changed": "Banyak.",
                "happened_on": datetime.date(2026, 1, 1),
                "theme": "other",
            },
        )
    assert set(refused.value.fields) == {"person_name"}


# Who may do what ----------------------------------------------------------------


def test_staff_of_another_library_change_nothing(
    manager_b, activity_a, partner_a, story_a, registration_a
):
    refusals = [
        lambda: services.activity_update(
            actor=manager_b, activity=activity_a, changes={"title": "X"}
        ),
        lambda: services.participant_add_person(
            actor=manager_b, activity=activity_a, gender="male", age_group="60+"
        ),
        lambda: services.registration_cancel(actor=manager_b, registration=registration_a),
        lambda: services.partner_update(actor=manager_b, partner=partner_a, changes={"name": "X"}),
        lambda: services.story_update(actor=manager_b, story=story_a, changes={"title": "X"}),
        lambda: services.activity_delete(actor=manager_b, activity=activity_a),
    ]
    for refused in refusals:
        with pytest.raises(NotPermitted):
            refused()


def test_volunteers_record_but_do_not_delete(volunteer_a, activity_a, story_a):
    services.activity_update(actor=volunteer_a, activity=activity_a, changes={"status": "done"})
    with pytest.raises(NotPermitted):
        services.activity_delete(actor=volunteer_a, activity=activity_a)
    with pytest.raises(NotPermitted):
        services.story_delete(actor=volunteer_a, story=story_a)


def test_the_district_viewer_changes_nothing(viewer, library_a, activity_a):
    with pytest.raises(NotPermitted):
        services.activity_create(actor=viewer, library=library_a, fields=activity_fields())
    with pytest.raises(NotPermitted):
        services.partner_create(actor=viewer, library=None, fields={"name": "X", "kind": "ngo"})


def test_categories_and_district_partners_are_the_offices(manager_a, admin):
    with pytest.raises(NotPermitted):
        services.activity_category_create(actor=manager_a, code="sport", name="Olahraga")
    with pytest.raises(NotPermitted):
        services.partner_create(actor=manager_a, library=None, fields={"name": "X", "kind": "ngo"})
    sport = services.activity_category_create(actor=admin, code="sport", name="Olahraga")
    assert sport.position == 10


def test_a_category_no_longer_in_use_is_refused_for_new_activities(admin, manager_a, library_a):
    # given an activity of a category the office then stops using
    old = _activity(manager_a, library_a, category=category("other"))
    services.activity_category_update(
        actor=admin, category=category("other"), changes={"is_active": False}
    )
    # then a new activity may not take it, but the old one is still edited
    with pytest.raises(Invalid) as refused:
        _activity(manager_a, library_a, category=category("other"))
    assert set(refused.value.fields) == {"category"}
    changed = services.activity_update(actor=manager_a, activity=old, changes={"status": "done"})
    assert changed == ["status"]


def test_an_activity_takes_partners_of_its_library_or_the_district(
    admin, manager_a, library_a, partner_a, partner_b
):
    district = services.partner_create(
        actor=admin, library=None, fields={"name": "Bank Kaltimtara", "kind": "business"}
    )
    activity = services.activity_create(
        actor=manager_a, library=library_a, fields=activity_fields(), partners=[partner_a, district]
    )
    assert set(queries.activity_partners(activity)) == {partner_a, district}
    with pytest.raises(Invalid):
        services.activity_update(
            actor=manager_a, activity=activity, changes={}, partners=[partner_b]
        )
    changed = services.activity_update(
        actor=manager_a, activity=activity, changes={}, partners=[district]
    )
    assert changed == ["partners"]
    assert list(queries.activity_partners(activity)) == [district]


def test_an_activity_cannot_end_before_it_starts(manager_a, library_a, db):
    starts = timezone.now()
    with pytest.raises(Invalid) as refused:
        _activity(
            manager_a, library_a, starts_at=starts, ends_at=starts - datetime.timedelta(hours=1)
        )
    assert set(refused.value.fields) == {"ends_at"}


# Partners, contributions, village fund --------------------------------------------


def test_contributions_need_their_amount_or_hours(manager_a, partner_a, library_a):
    day = datetime.date(2026, 4, 1)
    with pytest.raises(Invalid) as money:
        services.contribution_create(
            actor=manager_a,
            partner=partner_a,
            library=library_a,
            fields={"kind": "money", "given_on": day},
        )
    assert set(money.value.fields) == {"value_idr"}
    with pytest.raises(Invalid) as time:
        services.contribution_create(
            actor=manager_a,
            partner=partner_a,
            library=library_a,
            fields={"kind": "volunteer_time", "given_on": day},
        )
    assert set(time.value.fields) == {"hours"}


def test_a_contribution_comes_from_a_partner_of_the_library(manager_b, partner_a, library_b):
    with pytest.raises(Invalid) as refused:
        services.contribution_create(
            actor=manager_b,
            partner=partner_a,
            library=library_b,
            fields={"kind": "goods", "given_on": datetime.date(2026, 4, 1)},
        )
    assert set(refused.value.fields) == {"partner"}


def test_the_village_fund_is_one_amount_per_library_and_year(manager_a, library_a):
    services.village_fund_set(actor=manager_a, library=library_a, year=2025, amount_idr=20_000_000)
    services.village_fund_set(actor=manager_a, library=library_a, year=2025, amount_idr=22_500_000)
    assert list(VillageFund.objects.values_list("year", "amount_idr")) == [(2025, 22_500_000)]
    with pytest.raises(Invalid):
        services.village_fund_set(actor=manager_a, library=library_a, year=2010, amount_idr=1)


# Photos and documents -------------------------------------------------------------


def test_a_photo_is_made_small(programs_files, volunteer_a, activity_a):
    photo = services.photo_add(
        actor=volunteer_a, activity=activity_a, image=image_upload(4000, 3000), description="Kelas"
    )
    with Image.open(photo.image.path) as kept:
        assert kept.size == (800, 600)
        assert kept.format == "JPEG"
    assert str(programs_files / "media") in photo.image.path


def test_a_photo_needs_a_description_and_an_image(programs_files, volunteer_a, activity_a):
    with pytest.raises(Invalid) as undescribed:
        services.photo_add(
            actor=volunteer_a, activity=activity_a, image=image_upload(), description=" "
        )
    assert set(undescribed.value.fields) == {"description"}
    text = SimpleUploadedFile("foto.jpg", b"not an image")
    with pytest.raises(Invalid) as unreadable:
        services.photo_add(actor=volunteer_a, activity=activity_a, image=text, description="Foto")
    assert set(unreadable.value.fields) == {"image"}


def test_documents_are_kept_outside_the_public_media(programs_files, document_a):
    path = document_a.file.path
    assert path.startswith(str(programs_files / "private"))
    assert document_a.file.name.endswith(".pdf") and "daftar" not in document_a.file.name
    assert document_a.title == "Daftar hadir"


def test_a_web_page_named_pdf_is_refused(programs_files, volunteer_a, activity_a):
    fake = pdf_upload("laporan.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(Invalid) as refused:
        services.document_add(actor=volunteer_a, activity=activity_a, upload=fake)
    assert refused.value.code == "file_type"
    program = pdf_upload("setup.exe", b"MZ\x90\x00")
    with pytest.raises(Invalid):
        services.document_add(actor=volunteer_a, activity=activity_a, upload=program)


def test_a_deleted_document_leaves_no_file(
    programs_files, volunteer_a, document_a, django_capture_on_commit_callbacks
):
    path = document_a.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(actor=volunteer_a, document=document_a)
    assert not os.path.exists(path)


# Registrants' contacts ------------------------------------------------------


def test_registrants_contacts_are_forgotten_30_days_after_the_activity(
    activity_a, registration_a, activity_b
):
    other = _register(activity_b, "Sari", email="sari@example.id")
    ends = timezone.localdate(activity_a.ends_at)
    cleared_early = services.registrations_forget_contacts(today=ends + datetime.timedelta(days=30))

    cleared = services.registrations_forget_contacts(today=ends + datetime.timedelta(days=31))
    again = services.registrations_forget_contacts(today=ends + datetime.timedelta(days=31))

    registration_a.refresh_from_db()
    assert (cleared_early, cleared, again) == (0, 2, 0)
    assert (registration_a.name, registration_a.phone, registration_a.email) == (
        "Nurul Hidayah",
        "",
        "",
    )
    logged = ChangeLog.objects.filter(entity="programs.registration")
    assert logged.count() == 4  # each registration created, then its contacts cleared
    written = " ".join(f"{row.fields} {row.previous}" for row in logged)
    assert "0812-1111-2222" not in written and "sari@example.id" not in written
    assert Registration.objects.get(pk=other.pk).gender == "female"
