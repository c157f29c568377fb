"""Change-log cases for the programmes services (collected by tests/core/test_change_log.py)."""

import datetime

from django.utils import timezone

from pustaka.programs import services
from pustaka.programs.models import ActivityPartner
from tests.change_log import Expected
from tests.programs.fixtures import activity_fields, category, image_upload, pdf_upload


def _row(instance, operation, **fields):
    return Expected(instance._meta.label_lower, str(instance.pk), operation, fields)


def _deleted(instance):
    instance.refresh_from_db()
    return _row(instance, "update", deleted_at=instance.deleted_at.isoformat())


def case_activity_category_create(admin):
    made = services.activity_category_create(actor=admin, code="Sports", name="Olahraga")
    return [_row(made, "create", code="sports", name="Olahraga", strategy="community")]


def case_activity_category_update(admin):
    reading = category("reading")
    services.activity_category_update(actor=admin, category=reading, changes={"is_active": False})
    return [_row(reading, "update", is_active=False)]


def case_activity_create(manager_a, library_a, partner_a):
    activity = services.activity_create(
        actor=manager_a, library=library_a, fields=activity_fields(), partners=[partner_a]
    )
    link = ActivityPartner.objects.get(activity=activity)
    return [
        _row(activity, "create", title="Kelas komputer untuk ibu-ibu", capacity=2),
        _row(link, "create", partner_id=str(partner_a.pk)),
    ]


def case_activity_update(manager_a, activity_a, waiting_a, partner_a):
    services.activity_update(
        actor=manager_a, activity=activity_a, changes={"capacity": 3}, partners=[partner_a]
    )
    link = ActivityPartner.objects.get(activity=activity_a)
    return [
        _row(activity_a, "update", capacity=3),
        _row(link, "create", partner_id=str(partner_a.pk)),
        _row(waiting_a, "update", status="confirmed"),
    ]


def case_activity_delete(manager_a, activity_a):
    services.activity_delete(actor=manager_a, activity=activity_a)
    return [_deleted(activity_a)]


def case_participant_add_member(volunteer_a, activity_a, member_a):
    participant = services.participant_add_member(
        actor=volunteer_a, activity=activity_a, number=member_a.number.lower()
    )
    fields = {"member_id": str(member_a.pk), "gender": "female", "age_group": "36-59"}
    return [_row(participant, "create", disability="no", name="", **fields)]


def case_participant_add_person(volunteer_a, activity_a):
    participant = services.participant_add_person(
        actor=volunteer_a,
        activity=activity_a,
        name="  Pak  Rusdi ",
        gender="male",
        age_group="60+",
        disability="yes",
    )
    return [_row(participant, "create", name="Pak Rusdi", age_group="60+", disability="yes")]


def case_participant_remove(volunteer_a, participant_a):
    services.participant_remove(actor=volunteer_a, participant=participant_a)
    return [_deleted(participant_a)]


def case_attendance_counts_set(volunteer_a, activity_a):
    services.attendance_counts_set(
        actor=volunteer_a, activity=activity_a, counts={("female", "6-12", ""): 12}
    )
    row = activity_a.counts.get()
    return [_row(row, "create", gender="female", age_group="6-12", disability="", people=12)]


def case_photo_add(programs_files, volunteer_a, activity_a):
    photo = services.photo_add(
        actor=volunteer_a, activity=activity_a, image=image_upload(), description="Peserta"
    )
    return [_row(photo, "create", description="Peserta", image=photo.image.name)]


def case_photo_delete(volunteer_a, photo_a):
    services.photo_delete(actor=volunteer_a, photo=photo_a)
    return [_deleted(photo_a)]


def case_document_add(programs_files, volunteer_a, activity_a):
    document = services.document_add(actor=volunteer_a, activity=activity_a, upload=pdf_upload())
    fields = {"title": "daftar-hadir.pdf", "content_type": "application/pdf"}
    return [_row(document, "create", file=document.file.name, **fields)]


def case_document_delete(volunteer_a, document_a):
    services.document_delete(actor=volunteer_a, document=document_a)
    return [_deleted(document_a)]


def case_registration_submit(activity_a):
    registration = services.registration_submit(
        activity=activity_a,
        name="Siti Aminah",
        email="Siti@Desa.id",
        gender="female",
        age_group="36-59",
    )
    fields = {"email": "siti@desa.id", "status": "confirmed"}
    return [_row(registration, "create", name="Siti Aminah", **fields)]


def case_registration_cancel(volunteer_a, registration_a, waiting_a):
    moved = services.registration_cancel(actor=volunteer_a, registration=registration_a)
    assert moved == [waiting_a]
    return [
        _row(registration_a, "update", status="cancelled"),
        _row(waiting_a, "update", status="confirmed"),
    ]


def case_registrations_forget_contacts(registration_a):
    ended = timezone.localdate(registration_a.activity.ends_at)
    services.registrations_forget_contacts(today=ended + datetime.timedelta(days=31))
    return [_row(registration_a, "update", phone="")]


def case_registration_attend(volunteer_a, registration_a):
    participant = services.registration_attend(actor=volunteer_a, registration=registration_a)
    fields = {"registration_id": str(registration_a.pk), "gender": "female"}
    return [_row(participant, "create", name="Nurul Hidayah", **fields)]


def case_partner_create(admin):
    partner = services.partner_create(
        actor=admin, library=None, fields={"name": "Bank Kaltimtara", "kind": "business"}
    )
    return [_row(partner, "create", name="Bank Kaltimtara", library_id=None)]


def case_partner_update(volunteer_a, partner_a):
    changes = {"mou_start": datetime.date(2026, 1, 1), "mou_end": datetime.date(2027, 12, 31)}
    services.partner_update(actor=volunteer_a, partner=partner_a, changes=changes)
    return [_row(partner_a, "update", mou_start="2026-01-01", mou_end="2027-12-31")]


def case_partner_delete(manager_a, partner_a):
    services.partner_delete(actor=manager_a, partner=partner_a)
    return [_deleted(partner_a)]


def case_contribution_create(volunteer_a, partner_a, library_a, activity_a):
    contribution = services.contribution_create(
        actor=volunteer_a,
        partner=partner_a,
        library=library_a,
        fields={
            "kind": "volunteer_time",
            "given_on": datetime.date(2026, 4, 1),
            "hours": 6,
            "activity": activity_a,
        },
    )
    fields = {"kind": "volunteer_time", "hours": "6", "activity_id": str(activity_a.pk)}
    return [_row(contribution, "create", **fields)]


def case_contribution_update(manager_a, contribution_a):
    services.contribution_update(
        actor=manager_a, contribution=contribution_a, changes={"value_idr": 7_500_000}
    )
    return [_row(contribution_a, "update", value_idr=7_500_000)]


def case_contribution_delete(manager_a, contribution_a):
    services.contribution_delete(actor=manager_a, contribution=contribution_a)
    return [_deleted(contribution_a)]


def case_village_fund_set(manager_a, library_a):
    fund = services.village_fund_set(
        actor=manager_a, library=library_a, year=2026, amount_idr=25_000_000
    )
    return [_row(fund, "create", year=2026, amount_idr=25_000_000)]


def case_story_create(volunteer_a, library_a, activity_a):
    story = services.story_create(
        actor=volunteer_a,
        library=library_a,
        fields={
            "title": "Belajar mengetik",
            "person_name": "Ani",
            "what_changed": "Bisa membuat surat lamaran.",
            "activity": activity_a,
            "happened_on": datetime.date(2026, 5, 1),
            "theme": "digital",
        },
    )
    return [_row(story, "create", title="Belajar mengetik", status="draft")]


def case_story_update(volunteer_a, story_a):
    services.story_update(actor=volunteer_a, story=story_a, changes={"theme": "social"})
    return [_row(story_a, "update", theme="social")]


def case_story_consent_record(volunteer_a, story_a):
    services.story_consent_record(
        actor=volunteer_a,
        story=story_a,
        given_on=datetime.date(2026, 2, 12),
        given_by="Ibu Salmah",
        statement="Saya setuju.",
    )
    fields = {"consent_given_on": "2026-02-12", "consent_given_by": "Ibu Salmah"}
    return [_row(story_a, "update", consent_statement="Saya setuju.", **fields)]


def case_story_consent_withdraw(volunteer_a, published_story_a):
    services.story_consent_withdraw(
        actor=volunteer_a, story=published_story_a, withdrawn_on=datetime.date(2026, 3, 1)
    )
    fields = {"consent_withdrawn_on": "2026-03-01", "status": "draft"}
    return [_row(published_story_a, "update", **fields)]


def case_story_publish(volunteer_a, consented_story_a):
    services.story_publish(actor=volunteer_a, story=consented_story_a)
    return [_row(consented_story_a, "update", status="published")]


def case_story_unpublish(volunteer_a, published_story_a):
    services.story_unpublish(actor=volunteer_a, story=published_story_a)
    return [_row(published_story_a, "update", status="draft")]


def case_story_delete(manager_a, story_a):
    services.story_delete(actor=manager_a, story=story_a)
    return [_deleted(story_a)]


CASES = {
    f"pustaka.programs.services.{case.__name__.removeprefix('case_')}": case
    for case in [
        case_activity_category_create,
        case_activity_category_update,
        case_activity_create,
        case_activity_update,
        case_activity_delete,
        case_participant_add_member,
        case_participant_add_person,
        case_participant_remove,
        case_attendance_counts_set,
        case_photo_add,
        case_photo_delete,
        case_document_add,
        case_document_delete,
        case_registration_submit,
        case_registration_cancel,
        case_registrations_forget_contacts,
        case_registration_attend,
        case_partner_create,
        case_partner_update,
        case_partner_delete,
        case_contribution_create,
        case_contribution_update,
        case_contribution_delete,
        case_village_fund_set,
        case_story_create,
        case_story_update,
        case_story_consent_record,
        case_story_consent_withdraw,
        case_story_publish,
        case_story_unpublish,
        case_story_delete,
    ]
}
