"""The visitor book's services and counts: a member's scan, a guest's answers
and a group's counts each counted right by gender, age group and purpose;
corrections only the same day; who may log where; computer sessions."""

import datetime

import pytest
from django.utils import timezone

from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.members import services as members_services
from pustaka.members.policies import age_group
from pustaka.visits import queries, services
from pustaka.visits.models import GroupCount, Visit
from pustaka.visits.policies import local_day
from tests.members.fixtures import CONSENT


def today() -> datetime.date:
    return local_day(timezone.now())


def counts_today(user, library) -> queries.DayVisits:
    (day,) = queries.visit_counts(user, start=today(), end=today(), library=library)
    return day


@pytest.fixture
def child_member_a(seeded, manager_a, library_a, regions):
    """A boy of ten, member of library A, from Muara Muntai Ulu, with a
    declared disability."""
    return members_services.member_register(
        actor=manager_a,
        library=library_a,
        fields={
            "name": "Rizky Saputra",
            "gender": "male",
            "birth_date": today() - datetime.timedelta(days=10 * 365 + 100),
            "village": regions["64.02.01.1001"],
            "disability": "hearing",
        },
        consent_statement=CONSENT,
        consent_given_by="Hasnah Saputra",
        guardian_relation="ibu",
    )


# -- each kind of visit, counted ------------------------------------------


def test_member_scan_counts_the_member_as_they_are_today(volunteer_a, library_a, child_member_a):
    # when the boy scans his card and says he came to study
    visit = services.visit_log_member(
        actor=volunteer_a, library=library_a, number=f" {child_member_a.number.lower()} "
    )
    services.visit_correct(actor=volunteer_a, visit=visit, changes={"purpose": "study"})
    # then the visit keeps his figures, and the day counts one boy of 6-12 who studied
    visit.refresh_from_db()
    assert (visit.kind, visit.member, visit.people) == ("member", child_member_a, 1)
    assert (visit.gender, visit.age_group, visit.disability) == ("male", "6-12", "yes")
    assert visit.village.name == "Muara Muntai Ulu"
    day = counts_today(volunteer_a, library_a)
    assert (day.entries, day.people, day.with_disability) == (1, 1, 1)
    assert day.by_gender == {"male": 1}
    assert day.by_age_group == {"6-12": 1}
    assert day.by_purpose == {"study": 1}


def test_member_scan_without_a_purpose_is_counted_as_not_said(volunteer_a, library_a, member_a):
    services.visit_log_member(actor=volunteer_a, library=library_a, number=member_a.number)
    day = counts_today(volunteer_a, library_a)
    adult = age_group(member_a.birth_date, today())
    assert (day.by_purpose, day.by_gender, day.by_age_group) == (
        {"": 1},
        {"female": 1},
        {adult: 1},
    )


def test_a_member_of_another_library_may_visit_here(volunteer_a, library_a, member_b):
    visit = services.visit_log_member(
        actor=volunteer_a, library=library_a, number=member_b.number, purpose="borrow"
    )
    assert (visit.library, visit.member, visit.gender) == (library_a, member_b, "male")


def test_expired_and_blocked_members_may_still_visit(manager_a, library_a, blocked_member_a):
    blocked_member_a.expires_on = today() - datetime.timedelta(days=3)
    blocked_member_a.save(update_fields=["expires_on"])
    visit = services.visit_log_member(
        actor=manager_a, library=library_a, number=blocked_member_a.number, purpose="read"
    )
    assert visit.member == blocked_member_a


def test_an_unknown_card_number_is_refused_in_words(volunteer_a, library_a, member_a):
    with pytest.raises(Invalid) as error:
        services.visit_log_member(actor=volunteer_a, library=library_a, number="DSA-999999")
    assert error.value.code == "unknown_member"
    assert error.value.fields == {"number": ["Tidak ada anggota dengan nomor “DSA-999999”."]}
    assert not Visit.objects.exists()


def test_guest_entry_is_counted_by_its_answers(guest_visit_a, volunteer_a, library_a):
    day = counts_today(volunteer_a, library_a)
    assert (day.entries, day.people, day.with_disability) == (1, 1, 0)
    assert (day.by_gender, day.by_age_group, day.by_purpose) == (
        {"female": 1},
        {"19-35": 1},
        {"read": 1},
    )
    assert guest_visit_a.village.name == "Rebaq Rinding"
    assert guest_visit_a.disability == ""


def test_a_guest_must_answer_gender_age_group_and_purpose(volunteer_a, library_a):
    with pytest.raises(Invalid) as error:
        services.visit_log_guest(
            actor=volunteer_a, library=library_a, gender="", age_group="", purpose=""
        )
    assert set(error.value.fields) == {"gender", "age_group", "purpose"}


def test_a_guest_answer_outside_the_lists_is_refused(volunteer_a, library_a):
    with pytest.raises(Invalid) as error:
        services.visit_log_guest(
            actor=volunteer_a, library=library_a, gender="female", age_group="20-30", purpose="read"
        )
    assert set(error.value.fields) == {"age_group"}


def test_group_entry_counts_its_headcount_by_gender_and_age_group(
    group_visit_a, volunteer_a, library_a
):
    day = counts_today(volunteer_a, library_a)
    assert (day.entries, day.people) == (1, 23)
    assert day.by_gender == {"female": 13, "male": 10}
    assert day.by_age_group == {"6-12": 22, "36-59": 1}
    assert day.by_purpose == {"activity": 23}
    assert group_visit_a.people == 23


def test_member_guest_and_group_add_up_on_one_day(
    guest_visit_a, group_visit_a, volunteer_a, library_a, child_member_a
):
    services.visit_log_member(
        actor=volunteer_a, library=library_a, number=child_member_a.number, purpose="read"
    )
    day = counts_today(volunteer_a, library_a)
    assert (day.entries, day.people, day.with_disability) == (3, 25, 1)
    assert day.by_gender == {"female": 14, "male": 11}
    assert day.by_age_group == {"6-12": 23, "19-35": 1, "36-59": 1}
    assert day.by_purpose == {"read": 2, "activity": 23}
    # the boy declared a disability; the guest and the class were not asked
    assert +day.by_disability == {"yes": 1, "": 24}
    assert sum(day.by_gender.values()) == sum(day.by_disability.values()) == day.people


def test_group_counts_are_checked(volunteer_a, library_a):
    cases = [
        ({}, "counts"),
        ({("female", "6-12"): -1}, "counts"),
        ({("other", "6-12"): 3}, "counts"),
        ({("female", "6-12"): 501}, "counts"),
    ]
    for counts, field in cases:
        with pytest.raises(Invalid) as error:
            services.visit_log_group(
                actor=volunteer_a, library=library_a, counts=counts, purpose="activity"
            )
        assert set(error.value.fields) == {field}, counts
    with pytest.raises(Invalid) as error:
        services.visit_log_group(
            actor=volunteer_a,
            library=library_a,
            counts={("male", "13-18"): 4},
            purpose="study",
            disabled_people=5,
        )
    assert set(error.value.fields) == {"disabled_people"}


def test_a_group_counts_its_people_with_a_disability(volunteer_a, library_a):
    services.visit_log_group(
        actor=volunteer_a,
        library=library_a,
        counts={("male", "19-35"): 6, ("female", "19-35"): 4},
        purpose="activity",
        description="Kelompok difabel Tenggarong",
        disabled_people=7,
    )
    day = counts_today(volunteer_a, library_a)
    assert (day.with_disability, +day.by_disability) == (7, {"yes": 7, "no": 3})


def test_counts_cover_every_day_of_the_range_and_leave_out_deleted_entries(
    volunteer_a, library_a, guest_visit_a
):
    yesterday = today() - datetime.timedelta(days=1)
    services.visit_log_guest(
        actor=volunteer_a,
        library=library_a,
        gender="male",
        age_group="60+",
        purpose="other",
        at=timezone.now() - datetime.timedelta(days=1),
    )
    deleted = services.visit_log_guest(
        actor=volunteer_a, library=library_a, gender="male", age_group="60+", purpose="read"
    )
    services.visit_delete(actor=volunteer_a, visit=deleted)
    start = today() - datetime.timedelta(days=6)
    days = queries.visit_counts(volunteer_a, start=start, end=today(), library=library_a)
    assert [day.day for day in days] == list(queries.each_day(start, today()))
    assert {day.day: day.people for day in days if day.people} == {yesterday: 1, today(): 1}
    total = queries.visit_totals(days)
    assert (total.entries, total.by_age_group) == (2, {"19-35": 1, "60+": 1})


def test_a_visit_belongs_to_its_day_in_wita():
    # 23:30 UTC on 1 March is 07:30 on 2 March in Kutai Kartanegara
    moment = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    assert local_day(moment) == datetime.date(2026, 3, 2)


def test_a_visit_cannot_be_in_the_future(volunteer_a, library_a):
    with pytest.raises(Invalid) as error:
        services.visit_log_guest(
            actor=volunteer_a,
            library=library_a,
            gender="male",
            age_group="60+",
            purpose="read",
            at=timezone.now() + datetime.timedelta(hours=1),
        )
    assert set(error.value.fields) == {"at"}


# -- who may log where --------------------------------------------------------


def test_a_volunteer_cannot_log_at_another_library(volunteer_a, library_b, member_a):
    with pytest.raises(NotPermitted):
        services.visit_log_member(actor=volunteer_a, library=library_b, number=member_a.number)
    with pytest.raises(NotPermitted):
        services.visit_log_guest(
            actor=volunteer_a, library=library_b, gender="male", age_group="60+", purpose="read"
        )
    with pytest.raises(NotPermitted):
        services.computer_session_log(
            actor=volunteer_a,
            library=library_b,
            purpose="jobs",
            minutes=30,
            gender="male",
            age_group="19-35",
        )
    assert not Visit.objects.exists()


def test_a_volunteer_cannot_see_visits_of_another_library(
    volunteer_a, guest_visit_a, guest_visit_b, library_b
):
    assert list(queries.visits_for_user(volunteer_a)) == [guest_visit_a]
    assert counts_today(volunteer_a, library_b).entries == 0


def test_a_volunteer_cannot_correct_or_delete_another_librarys_visit(volunteer_a, guest_visit_b):
    with pytest.raises(NotPermitted):
        services.visit_correct(actor=volunteer_a, visit=guest_visit_b, changes={"purpose": "read"})
    with pytest.raises(NotPermitted):
        services.visit_delete(actor=volunteer_a, visit=guest_visit_b)


def test_the_office_logs_anywhere_and_the_viewer_nowhere(admin, viewer, library_b):
    visit = services.visit_log_guest(
        actor=admin, library=library_b, gender="female", age_group="13-18", purpose="study"
    )
    assert visit.library == library_b
    with pytest.raises(NotPermitted):
        services.visit_log_guest(
            actor=viewer, library=library_b, gender="female", age_group="13-18", purpose="study"
        )
    assert [day.entries for day in queries.visit_counts(viewer, start=today(), end=today())] == [1]


# -- corrections the same day -------------------------------------------------


def test_a_guest_entry_is_corrected_the_same_day(volunteer_a, guest_visit_a):
    changed = services.visit_correct(
        actor=volunteer_a,
        visit=guest_visit_a,
        changes={"gender": "male", "purpose": "study", "age_group": "19-35"},
    )
    assert changed == ["gender", "purpose"]
    guest_visit_a.refresh_from_db()
    assert (guest_visit_a.gender, guest_visit_a.purpose) == ("male", "study")


def test_nothing_can_be_corrected_or_deleted_the_next_day(volunteer_a, admin, guest_visit_a):
    tomorrow = today() + datetime.timedelta(days=1)
    for actor in (volunteer_a, admin):
        with pytest.raises(Invalid) as error:
            services.visit_correct(
                actor=actor, visit=guest_visit_a, changes={"purpose": "study"}, today=tomorrow
            )
        assert error.value.code == "not_today"
        with pytest.raises(Invalid):
            services.visit_delete(actor=actor, visit=guest_visit_a, today=tomorrow)
    guest_visit_a.refresh_from_db()
    assert (guest_visit_a.purpose, guest_visit_a.deleted_at) == ("read", None)


def test_a_member_visit_corrects_only_its_purpose(volunteer_a, library_a, member_a):
    visit = services.visit_log_member(actor=volunteer_a, library=library_a, number=member_a.number)
    with pytest.raises(Invalid) as error:
        services.visit_correct(actor=volunteer_a, visit=visit, changes={"gender": "male"})
    assert set(error.value.fields) == {"gender"}


def test_a_group_correction_replaces_its_counts(volunteer_a, library_a, group_visit_a):
    changed = services.visit_correct(
        actor=volunteer_a,
        visit=group_visit_a,
        changes={"counts": {("female", "6-12"): 14, ("male", "13-18"): 2}},
    )
    assert changed == ["counts"]
    group_visit_a.refresh_from_db()
    assert group_visit_a.people == 16
    cells = {(row.gender, row.age_group): row.people for row in GroupCount.objects.all()}
    assert cells == {
        ("female", "6-12"): 14,
        ("male", "6-12"): 0,
        ("female", "36-59"): 0,
        ("male", "13-18"): 2,
    }
    day = counts_today(volunteer_a, library_a)
    assert (day.people, day.by_gender, day.by_age_group) == (
        16,
        {"female": 14, "male": 2},
        {"6-12": 14, "13-18": 2},
    )


def test_a_deleted_visit_cannot_be_changed_again(volunteer_a, guest_visit_a):
    services.visit_delete(actor=volunteer_a, visit=guest_visit_a)
    guest_visit_a.refresh_from_db()
    assert guest_visit_a.deleted_at is not None
    with pytest.raises(NotFound):
        services.visit_delete(actor=volunteer_a, visit=guest_visit_a)


# -- computer and internet use ------------------------------------------------


def test_computer_sessions_are_counted_by_purpose_gender_and_age_group(
    session_a, volunteer_a, library_a, member_a
):
    services.computer_session_log(
        actor=volunteer_a, library=library_a, purpose="jobs", minutes=30, number=member_a.number
    )
    (day,) = queries.session_counts(volunteer_a, start=today(), end=today(), library=library_a)
    adult = age_group(member_a.birth_date, today())
    assert (day.sessions, day.minutes) == (2, 75)
    assert day.by_purpose == {"school": 1, "jobs": 1}
    assert day.by_gender == {"male": 1, "female": 1}
    assert day.by_age_group == {"13-18": 1, adult: 1}


def test_a_computer_session_needs_minutes_purpose_and_who(volunteer_a, library_a):
    with pytest.raises(Invalid) as error:
        services.computer_session_log(actor=volunteer_a, library=library_a, purpose="", minutes=0)
    assert set(error.value.fields) == {"gender", "age_group"}
    with pytest.raises(Invalid) as error:
        services.computer_session_log(
            actor=volunteer_a,
            library=library_a,
            purpose="jobs",
            minutes=0,
            gender="male",
            age_group="19-35",
        )
    assert set(error.value.fields) == {"minutes"}


def test_a_computer_session_is_deleted_only_the_same_day(volunteer_a, session_a):
    with pytest.raises(Invalid):
        services.computer_session_delete(
            actor=volunteer_a, session=session_a, today=today() + datetime.timedelta(days=1)
        )
    services.computer_session_delete(actor=volunteer_a, session=session_a)
    (day,) = queries.session_counts(volunteer_a, start=today(), end=today())
    assert day.sessions == 0


# -- a batch of past visits ---------------------------------------------------


def test_import_records_past_visits_of_every_kind(manager_a, library_a, member_a):
    last_week = timezone.now() - datetime.timedelta(days=7)
    entries = [
        services.VisitEntry(kind="member", at=last_week, number=member_a.number, purpose="read"),
        services.VisitEntry(
            kind="guest", at=last_week, gender="male", age_group="0-5", purpose="read"
        ),
        services.VisitEntry(
            kind="group",
            at=last_week,
            purpose="activity",
            counts={("female", "13-18"): 8, ("male", "13-18"): 7},
        ),
    ]
    visits = services.visits_import(actor=manager_a, library=library_a, entries=entries)
    assert len(visits) == 3
    day = local_day(last_week)
    (counted,) = queries.visit_counts(manager_a, start=day, end=day)
    assert (counted.entries, counted.people) == (3, 17)
    assert counted.by_gender == {"female": 9, "male": 8}


def test_import_records_nothing_when_an_entry_is_wrong(manager_a, library_a):
    now = timezone.now()
    entries = [
        services.VisitEntry(kind="guest", at=now, gender="male", age_group="0-5", purpose="read"),
        services.VisitEntry(kind="member", at=now, number="NOBODY"),
        services.VisitEntry(kind="guest", at=now, gender="male", age_group="0-5"),
    ]
    with pytest.raises(Invalid) as error:
        services.visits_import(actor=manager_a, library=library_a, entries=entries)
    assert set(error.value.fields) == {"entries.1.number", "entries.2.purpose"}
    assert not Visit.objects.exists()
