"""The members services: registration, changes, renewal, blocks, consent,
anonymisation and categories, with who may do what."""

import datetime

import pytest

from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.models import AuditLog, ChangeLog
from pustaka.members import queries, services
from pustaka.members.models import Member, MemberCategory
from tests.members.fixtures import CONSENT, register

TODAY = datetime.date(2026, 3, 2)
NIK = "6402064302850001"  # a woman born 3 February 1985


def register_nik(actor, library, nik=NIK, name="Nur Aini", **kwargs):
    return services.member_register(
        actor=actor,
        library=library,
        fields={"name": name, "gender": "female", "birth_date": datetime.date(1985, 2, 3)},
        consent_statement=CONSENT,
        nik=nik,
        today=TODAY,
        **kwargs,
    )


def test_register_mints_library_numbers_in_sequence(manager_a, library_a):
    first = register(manager_a, library_a, "Siti Rahmawati")
    second = register(manager_a, library_a, "Dewi Lestari")
    assert (first.number, second.number) == ("DSA-000001", "DSA-000002")


def test_register_keeps_a_typed_card_number_in_capitals(manager_a, library_a):
    member = services.member_register(
        actor=manager_a,
        library=library_a,
        fields={"name": "Rudi Hartono"},
        consent_statement=CONSENT,
        number=" dsa-lama-0042 ",
    )
    assert member.number == "DSA-LAMA-0042"


def test_register_refuses_a_number_already_taken(manager_a, library_a, member_a):
    with pytest.raises(Invalid) as error:
        services.member_register(
            actor=manager_a,
            library=library_a,
            fields={"name": "Rudi"},
            consent_statement=CONSENT,
            number=member_a.number,
        )
    assert "number" in error.value.fields


def test_register_sets_expiry_from_the_category(manager_a, library_a):
    seniors = MemberCategory.objects.get(code="seniors")
    member = services.member_register(
        actor=manager_a,
        library=library_a,
        fields={"name": "Kakek Jaang", "category": seniors},
        consent_statement=CONSENT,
        today=TODAY,
    )
    assert member.expires_on == datetime.date(2028, 3, 2)


def test_register_keeps_only_the_nik_hash_and_last_four(manager_a, library_a):
    member = register_nik(manager_a, library_a)
    assert member.nik_last4 == "0001"
    assert len(member.nik_hash) == 64
    assert NIK not in member.nik_hash


def test_register_refuses_a_nik_that_does_not_match_the_member(manager_a, library_a):
    with pytest.raises(Invalid) as error:
        register_nik(manager_a, library_a, nik="6402060302850001")  # a man's NIK
    assert list(error.value.fields) == ["nik"]
    assert not Member.objects.exists()


def test_minor_needs_a_parent_or_guardian_consent(manager_a, library_a):
    fields = {"name": "Putri Lahang", "birth_date": datetime.date(2015, 6, 1)}
    with pytest.raises(Invalid) as error:
        services.member_register(
            actor=manager_a,
            library=library_a,
            fields=fields,
            consent_statement=CONSENT,
            today=TODAY,
        )
    assert list(error.value.fields) == ["consent_given_by"]
    member = services.member_register(
        actor=manager_a,
        library=library_a,
        fields=fields,
        consent_statement=CONSENT,
        consent_given_by="Yuliana Lahang",
        guardian_relation="ibu",
        today=TODAY,
    )
    consent = member.consents.get()
    assert (consent.given_by, consent.guardian_relation) == ("Yuliana Lahang", "ibu")


def test_register_needs_consent(manager_a, library_a):
    with pytest.raises(Invalid) as error:
        services.member_register(
            actor=manager_a, library=library_a, fields={"name": "A"}, consent_statement=" "
        )
    assert list(error.value.fields) == ["consent"]


def test_staff_of_another_library_cannot_register_there(manager_b, library_a, viewer):
    for actor in (manager_b, viewer):
        with pytest.raises(NotPermitted):
            register(actor, library_a, "Siti")


def test_update_changes_details_and_audits_field_names_only(manager_a, member_a):
    changed = services.member_update(
        actor=manager_a, member=member_a, changes={"phone": "0812-1111-2222", "occupation": "guru"}
    )
    assert sorted(changed) == ["occupation", "phone"]
    member_a.refresh_from_db()
    assert member_a.phone == "0812-1111-2222"
    audit = AuditLog.objects.get(action="member.update")
    assert audit.detail == {"fields": ["occupation", "phone"]}
    assert audit.actor == manager_a


def test_update_replaces_and_removes_the_nik(manager_a, library_a):
    member = register_nik(manager_a, library_a)
    old_hash = member.nik_hash
    services.member_update(
        actor=manager_a, member=member, changes={}, nik="6402064302850777", today=TODAY
    )
    assert (member.nik_last4, member.nik_hash != old_hash) == ("0777", True)
    services.member_update(actor=manager_a, member=member, changes={}, nik="", today=TODAY)
    member.refresh_from_db()
    assert (member.nik_hash, member.nik_last4) == ("", "")


def test_update_checks_a_new_nik_against_a_new_birth_date(manager_a, member_a):
    with pytest.raises(Invalid) as error:
        services.member_update(
            actor=manager_a,
            member=member_a,
            changes={"birth_date": datetime.date(1990, 5, 18)},
            nik="6402065705900001",  # born 17 May 1990, a woman
        )
    assert list(error.value.fields) == ["nik"]


def test_update_making_a_member_a_minor_needs_a_guardian(manager_a, member_a):
    with pytest.raises(Invalid) as error:
        services.member_update(
            actor=manager_a,
            member=member_a,
            changes={"birth_date": datetime.date(2015, 1, 1)},
            today=TODAY,
        )
    assert list(error.value.fields) == ["birth_date"]


def test_other_library_cannot_update(manager_b, member_a):
    with pytest.raises(NotPermitted):
        services.member_update(actor=manager_b, member=member_a, changes={"phone": "1"})


def test_renew_before_expiry_extends_from_the_expiry(manager_a, member_a):
    member_a.expires_on = datetime.date(2026, 4, 10)
    new = services.member_renew(actor=manager_a, member=member_a, today=TODAY)
    assert new == datetime.date(2027, 4, 10)


def test_renew_after_expiry_starts_today(manager_a, member_a):
    member_a.expires_on = datetime.date(2025, 12, 31)
    new = services.member_renew(actor=manager_a, member=member_a, today=TODAY)
    assert new == datetime.date(2027, 3, 2)
    member_a.refresh_from_db()
    assert member_a.expires_on == new


def test_block_and_unblock_with_reasons(manager_a, volunteer_a, member_a):
    services.member_block(actor=volunteer_a, member=member_a, reason="3 buku terlambat")
    member_a.refresh_from_db()
    assert member_a.is_blocked and member_a.blocked_reason == "3 buku terlambat"
    assert queries.member_by_number(manager_a, member_a.number).is_blocked
    services.member_unblock(actor=manager_a, member=member_a, reason="Buku sudah kembali")
    member_a.refresh_from_db()
    assert (member_a.is_blocked, member_a.blocked_reason) == (False, "")
    details = list(
        AuditLog.objects.filter(entity_id=str(member_a.pk), action__contains="block")
        .order_by("occurred_at")
        .values_list("action", "detail")
    )
    assert details == [
        ("member.block", {"reason": "3 buku terlambat"}),
        ("member.unblock", {"reason": "Buku sudah kembali"}),
    ]


def test_block_needs_a_reason_and_unblock_a_blocked_member(manager_a, member_a):
    with pytest.raises(Invalid):
        services.member_block(actor=manager_a, member=member_a, reason="  ")
    with pytest.raises(Invalid):
        services.member_unblock(actor=manager_a, member=member_a, reason="tidak diblokir")


def test_consent_withdraw_dates_every_consent_in_force(manager_a, member_a):
    assert services.consent_withdraw(actor=manager_a, member=member_a, today=TODAY) == 1
    assert member_a.consents.get().withdrawn_on == TODAY
    with pytest.raises(Invalid):
        services.consent_withdraw(actor=manager_a, member=member_a, today=TODAY)


def test_anonymise_wipes_the_person_and_keeps_the_row(manager_a, library_a, regions):
    member = services.member_register(
        actor=manager_a,
        library=library_a,
        fields={
            "name": "Putri Lahang",
            "gender": "female",
            "birth_date": datetime.date(2014, 6, 1),
            "phone": "0812-3333-4444",
            "email": "putri@example.id",
            "address": "RT 03 Rebaq Rinding",
            "village": regions["64.02.01.2006"],
            "occupation": "pelajar",
            "disability": "visual",
        },
        consent_statement=CONSENT,
        consent_given_by="Yuliana Lahang",
        guardian_relation="ibu",
        today=TODAY,
    )
    services.member_block(actor=manager_a, member=member, reason="Putri menghilangkan buku")
    number = member.number

    services.member_anonymise(actor=manager_a, member=member, today=TODAY)

    member = Member.objects.get(pk=member.pk)
    assert member.name == "Anggota anonim"
    assert member.number != number and member.number.startswith("ANON-")
    assert (member.phone, member.email, member.address, member.occupation) == ("", "", "", "")
    assert (member.birth_date, member.disability, member.nik_hash, member.nik_last4) == (
        None,
        "",
        "",
        "",
    )
    assert (member.blocked_at, member.blocked_reason) == (None, "")
    assert member.status == Member.Status.ANONYMISED
    # kept: the home library, category, village and gender (figures), not the person
    assert (member.library_id, member.village, member.gender) == (
        library_a.pk,
        regions["64.02.01.2006"],
        "female",
    )
    consent = member.consents.get()
    assert (consent.given_by, consent.guardian_relation, consent.withdrawn_on) == ("", "", TODAY)
    assert AuditLog.objects.filter(action="member.anonymise", entity_id=str(member.pk)).exists()
    # and the change log no longer names her either
    logged = str(list(ChangeLog.objects.values_list("fields", "previous")))
    for text in ("Putri Lahang", "Yuliana", "0812-3333-4444", "putri@example.id", number, "RT 03"):
        assert text not in logged


def test_anonymise_keeps_visits_counted_without_the_person(manager_a, library_a, member_a):
    from pustaka.visits import services as visits
    from pustaka.visits.queries import visit_counts

    visit = visits.visit_log_member(
        actor=manager_a, library=library_a, number=member_a.number, purpose="read"
    )
    session = visits.computer_session_log(
        actor=manager_a, library=library_a, purpose="jobs", minutes=30, number=member_a.number
    )
    day = visit.visited_on
    before = visit_counts(manager_a, library=library_a, start=day, end=day)

    services.member_anonymise(actor=manager_a, member=member_a)

    visit.refresh_from_db()
    session.refresh_from_db()
    assert (visit.member, session.member) == (None, None)
    assert visit_counts(manager_a, library=library_a, start=day, end=day) == before


def test_anonymise_unlinks_activities_and_takes_the_story_off_the_site(
    manager_a, library_a, member_a, activity_a
):
    import datetime as dt

    from pustaka.programs import services as programs
    from pustaka.programs.models import Story

    taken = programs.participant_add_member(
        actor=manager_a, activity=activity_a, number=member_a.number
    )
    story = programs.story_create(
        actor=manager_a,
        library=library_a,
        fields={
            "title": "Membaca lagi",
            "member": member_a,
            "shown_as": "Bu Siti, petani",
            "what_changed": "Kini membacakan buku untuk cucunya.",
            "happened_on": dt.date(2026, 2, 10),
            "theme": "education",
        },
    )
    programs.story_consent_record(
        actor=manager_a,
        story=story,
        given_on=dt.date(2026, 2, 12),
        given_by="Siti Rahmawati",
        statement="Saya setuju.",
    )
    programs.story_publish(actor=manager_a, story=story)

    services.member_anonymise(actor=manager_a, member=member_a)

    taken.refresh_from_db()
    story = Story.objects.get(pk=story.pk)
    assert (taken.member, taken.gender) == (None, member_a.gender)
    assert (story.member, story.shown_as, story.consent_given_by) == (None, "", "")
    assert story.status == Story.Status.DRAFT and story.consent_withdrawn_on is not None
    logged = str(list(ChangeLog.objects.filter(entity="programs.story").values("fields")))
    assert "Bu Siti" not in logged and "Siti Rahmawati" not in logged


def test_export_lists_the_members_visits(manager_a, library_a, member_a):
    from pustaka.visits import services as visits

    visits.visit_log_member(
        actor=manager_a, library=library_a, number=member_a.number, purpose="study"
    )

    data = services.member_export(actor=manager_a, member=member_a, file_format="json")

    assert [(entry["library"], entry["purpose"]) for entry in data["visits"]] == [("DSA", "study")]
    assert data["activities"] == [] and data["stories"] == []


def test_anonymised_member_cannot_change_or_be_found_by_number(manager_a, member_a):
    number = member_a.number
    services.member_anonymise(actor=manager_a, member=member_a)
    with pytest.raises(Invalid):
        services.member_update(actor=manager_a, member=member_a, changes={"name": "Siti"})
    with pytest.raises(queries.Http404):
        queries.member_by_number(manager_a, number)


def test_volunteer_cannot_anonymise_or_export(volunteer_a, member_a):
    with pytest.raises(NotPermitted):
        services.member_anonymise(actor=volunteer_a, member=member_a)
    with pytest.raises(NotPermitted):
        services.member_export(actor=volunteer_a, member=member_a, file_format="json")


def test_export_is_audited_and_holds_details_and_consents(manager_a, member_a):
    data = services.member_export(actor=manager_a, member=member_a, file_format="json")
    assert data["member"]["name"] == "Siti Rahmawati"
    assert data["member"]["number"] == member_a.number
    assert "nik_hash" not in data["member"]
    assert data["consents"][0]["statement"] == CONSENT
    assert data["loans"] == [] and data["holds"] == []
    audit = AuditLog.objects.get(action="member.export")
    assert (audit.actor, audit.entity_id, audit.detail) == (
        manager_a,
        str(member_a.pk),
        {"format": "json"},
    )


def test_possible_duplicates_by_nik_across_the_district(manager_a, manager_b, library_a, library_b):
    register_nik(manager_a, library_a)
    nik_hash = services.nik_fields(NIK, birth_date=None, gender="")["nik_hash"]
    found = queries.possible_duplicates(nik_hash=nik_hash)
    assert [(d.member.library_code, d.same_nik) for d in found] == [("DSA", True)]
    assert not hasattr(found[0].member, "phone")


def test_possible_duplicates_by_name_and_birth_date(member_a):
    found = queries.possible_duplicates(
        name="  siti   RAHMAWATI ", birth_date=datetime.date(1990, 5, 17)
    )
    assert [(d.member.number, d.same_name_and_birth_date) for d in found] == [
        (member_a.number, True)
    ]
    assert queries.possible_duplicates(name="Siti Rahmawati", birth_date=TODAY) == []
    assert queries.possible_duplicates(name="Siti Rahmawati") == []


def test_categories_are_for_the_office(admin, manager_a):
    with pytest.raises(NotPermitted):
        services.member_category_create(actor=manager_a, code="guru", name="Guru")
    category = services.member_category_create(actor=admin, code=" Guru ", name="Guru")
    assert category.code == "guru"
    with pytest.raises(Invalid):
        services.member_category_create(actor=admin, code="guru", name="Guru lagi")
    services.member_category_update(
        actor=admin, category=category, changes={"membership_months": 36}
    )
    category.refresh_from_db()
    assert category.membership_months == 36
