"""A small year of work at the two test libraries (2025, WITA), written
through the real services at the moments it happened, so each indicator can
be checked against figures counted by hand (see ``year_2025``)."""

import contextlib
import datetime
import types
from decimal import Decimal

import pytest
from django.utils import timezone

from pustaka.catalog import services as catalog_services
from pustaka.circulation import services as circulation_services
from pustaka.libraries import services as library_services
from pustaka.members import services as member_services
from pustaka.monitoring import services
from pustaka.programs import services as programs_services
from pustaka.training import services as training_services
from pustaka.visits import services as visit_services
from pustaka.visits.services import VisitEntry
from tests.members.fixtures import CONSENT
from tests.programs.fixtures import category

WITA = datetime.timezone(datetime.timedelta(hours=8))


def wita(*parts) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=WITA)


@pytest.fixture
def clock(monkeypatch):
    """``with clock(2025, 3, 31, 23, 30):`` — services think it is then (WITA)."""

    @contextlib.contextmanager
    def at(*parts):
        moment = wita(*parts)
        with monkeypatch.context() as patch:
            patch.setattr(timezone, "now", lambda: moment)
            yield moment

    return at


def _member(actor, library, name, gender, birth_date, **fields):
    return member_services.member_register(
        actor=actor,
        library=library,
        fields={"name": name, "gender": gender, "birth_date": birth_date, **fields},
        consent_statement=CONSENT,
        consent_given_by="Orang tua",
    )


@pytest.fixture
def year_2025(clock, seeded, admin, manager_a, manager_b, library_a, library_b, record, regions):  # noqa: PLR0913, PLR0915
    """Library A (open on Mondays) and B in 2025. Counted by hand:

    members of A: Ani (girl, born 2015, joined 15 Jan), Bayu (man, born
    1990, joined 10 Feb), Citra (woman, born 1960, joined 20 Apr); of B: Dedi
    (man, joined 20 Jan).
    copies: A has two of the record (catalogued 5 Jan, one acquired 1 Dec
    2024) and one of a second record (5 Jan); B one of the record (5 Jan).
    loans at A: Ani at 23:30 on 31 March (back at A on 5 April), Bayu at
    00:10 on 1 April (still out), Ani at 09:00 on 1 April (back at B on 8
    April). Ani keeps no reading history: her returned loans name nobody.
    visits at A: a woman guest of 19-35 from Rebaq Rinding to read and Bayu
    to borrow on 3 February, a class of 23 (12 girls and 10 boys of 6-12, a
    woman teacher; 2 with a disability) on 6 May. Holiday at A on Monday 17
    February. Computer sessions at A: 45 minutes on 3 February, 30 on 1 July.
    activities at A: reading club 15 March (done; counted: 8 girls of 6-12
    without a disability, 5 boys of 6-12 not asked), computer class 30 June
    23:00 (done; a woman of 19-35 with a disability, a man of 36-59 without,
    and Bayu by card), a planned one in August and a cancelled one in
    September (neither counted).
    partners: the village government gave A Rp 500,000 on 20 March, a shop
    goods worth Rp 200,000 on 1 May, a school took part in the computer
    class; the district's own partner gave the programme Rp 1,000,000 on 1
    February. Village fund of A for 2025: Rp 25,000,000.
    stories at A: 10 May with consent, 1 September without.
    training: A's manager and a volunteer, and B's manager, enrolled in a
    training with sessions on 10 and 11 March: A's manager at both, A's
    volunteer at the second, B's manager at none. Mentoring of A on 2 June:
    two action items, one done on 15 August.
    population served by A: 1,000 from 31 Dec 2024, 1,200 from 1 July 2025."""
    library_services.library_update(
        actor=admin, library=library_a, changes={"population_served": None}
    )
    with clock(2025, 1, 5, 9, 0):
        second = catalog_services.record_create(actor=admin, fields={"title": "Dongeng Kutai"})
        copies = [
            catalog_services.item_create(
                actor=manager_a,
                record=record,
                library=library_a,
                acquired_on=datetime.date(2024, 12, 1),
            ),
            catalog_services.item_create(actor=manager_a, record=record, library=library_a),
            catalog_services.item_create(actor=manager_a, record=second, library=library_a),
            catalog_services.item_create(actor=manager_b, record=record, library=library_b),
        ]
    with clock(2025, 1, 15, 9, 0):
        ani = _member(manager_a, library_a, "Ani", "female", datetime.date(2015, 6, 1))
    with clock(2025, 1, 20, 9, 0):
        _member(manager_b, library_b, "Dedi", "male", datetime.date(1980, 3, 3))
    with clock(2025, 2, 10, 9, 0):
        bayu = _member(manager_a, library_a, "Bayu", "male", datetime.date(1990, 1, 1))
    with clock(2025, 4, 20, 9, 0):
        _member(manager_a, library_a, "Citra", "female", datetime.date(1960, 5, 5))
    lend = circulation_services.checkout
    with clock(2025, 3, 31, 23, 30):
        lend(actor=manager_a, library=library_a, member=ani, barcode=copies[0].barcode)
    with clock(2025, 4, 1, 0, 10):
        lend(actor=manager_a, library=library_a, member=bayu, barcode=copies[1].barcode)
    with clock(2025, 4, 1, 9, 0):
        lend(actor=manager_a, library=library_a, member=ani, barcode=copies[2].barcode)
    with clock(2025, 4, 5, 10, 0):
        circulation_services.checkin(actor=manager_a, library=library_a, barcode=copies[0].barcode)
    with clock(2025, 4, 8, 10, 0):
        circulation_services.checkin(actor=manager_b, library=library_b, barcode=copies[2].barcode)
    with clock(2025, 11, 1, 9, 0):
        _visits_and_sessions(manager_a, library_a, bayu, regions)
        circulation_services.holiday_add(
            actor=manager_a, library=library_a, date=datetime.date(2025, 2, 17), name="Libur desa"
        )
        school = programs_services.partner_create(
            actor=manager_a, library=library_a, fields={"name": "SDN 003", "kind": "school"}
        )
        activities = _activities(manager_a, library_a, bayu, school)
        _contributions(admin, manager_a, library_a)
        _stories(manager_a, library_a)
        _training(admin, manager_a, library_a, library_b)
    with clock(2025, 7, 1, 9, 0):
        for as_of, value in (
            (datetime.date(2024, 12, 31), 1000),
            (datetime.date(2025, 7, 1), 1200),
        ):
            services.library_figure_record(
                actor=manager_a,
                library=library_a,
                kind="population_served",
                value=Decimal(value),
                as_of=as_of,
            )
    return types.SimpleNamespace(ani=ani, bayu=bayu, copies=copies, activities=activities)


def _visits_and_sessions(actor, library, bayu, regions):
    entries = [
        VisitEntry(
            kind="guest",
            at=wita(2025, 2, 3, 10, 0),
            purpose="read",
            gender="female",
            age_group="19-35",
            village=regions["64.02.01.2006"],
        ),
        VisitEntry(kind="member", at=wita(2025, 2, 3, 11, 0), purpose="borrow", number=bayu.number),
        VisitEntry(
            kind="group",
            at=wita(2025, 5, 6, 9, 0),
            purpose="activity",
            counts={("female", "6-12"): 12, ("male", "6-12"): 10, ("female", "36-59"): 1},
            description="Kelas 5",
            disabled_people=2,
        ),
    ]
    visit_services.visits_import(actor=actor, library=library, entries=entries)
    for moment, minutes in ((wita(2025, 2, 3, 10, 0), 45), (wita(2025, 7, 1, 9, 0), 30)):
        visit_services.computer_session_log(
            actor=actor,
            library=library,
            purpose="school",
            minutes=minutes,
            gender="male",
            age_group="13-18",
            at=moment,
        )


def _activity(actor, library, code, title, starts, status):
    return programs_services.activity_create(
        actor=actor,
        library=library,
        fields={
            "title": title,
            "category": category(code),
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "status": status,
        },
    )


def _activities(actor, library, bayu, school):
    reading = _activity(actor, library, "reading", "Klub baca", wita(2025, 3, 15, 10), "done")
    programs_services.attendance_counts_set(
        actor=actor,
        activity=reading,
        counts={("female", "6-12", "no"): 8, ("male", "6-12", ""): 5},
    )
    computers = _activity(
        actor, library, "digital-literacy", "Kelas komputer", wita(2025, 6, 30, 23), "done"
    )
    programs_services.activity_update(
        actor=actor, activity=computers, changes={}, partners=[school]
    )
    add_person = programs_services.participant_add_person
    add_person(
        actor=actor, activity=computers, gender="female", age_group="19-35", disability="yes"
    )
    add_person(actor=actor, activity=computers, gender="male", age_group="36-59", disability="no")
    programs_services.participant_add_member(actor=actor, activity=computers, number=bayu.number)
    _activity(actor, library, "reading", "Lomba baca", wita(2025, 8, 1, 10), "planned")
    _activity(actor, library, "children", "Mendongeng", wita(2025, 9, 1, 10), "cancelled")
    return {"reading": reading, "computers": computers}


def _contributions(admin, manager, library):
    create = programs_services.partner_create
    village = create(
        actor=manager, library=library, fields={"name": "Pemdes", "kind": "village_government"}
    )
    shop = create(actor=manager, library=library, fields={"name": "Toko", "kind": "business"})
    bank = create(actor=admin, library=None, fields={"name": "Bank Daerah", "kind": "business"})
    given = [
        (manager, village, library, "money", datetime.date(2025, 3, 20), 500_000),
        (manager, shop, library, "goods", datetime.date(2025, 5, 1), 200_000),
        (admin, bank, None, "money", datetime.date(2025, 2, 1), 1_000_000),
    ]
    for actor, partner, receiver, kind, day, value in given:
        programs_services.contribution_create(
            actor=actor,
            partner=partner,
            library=receiver,
            fields={"kind": kind, "given_on": day, "value_idr": value},
        )
    programs_services.village_fund_set(
        actor=manager, library=library, year=2025, amount_idr=25_000_000
    )


def _stories(manager, library):
    for day, title in (
        (datetime.date(2025, 5, 10), "Bisa membaca"),
        (datetime.date(2025, 9, 1), "Toko daring"),
    ):
        story = programs_services.story_create(
            actor=manager,
            library=library,
            fields={
                "title": title,
                "person_name": "Ibu Salmah",
                "what_changed": "Banyak.",
                "happened_on": day,
                "theme": "education",
            },
        )
        if day.month == 5:
            programs_services.story_consent_record(
                actor=manager, story=story, given_on=day, given_by="Ibu Salmah", statement="Setuju."
            )


def _training(admin, manager_a, library_a, library_b):
    training = training_services.training_create(
        actor=admin,
        code="BIMTEK-2025",
        title="Bimtek TPBIS",
        organiser="Dinas",
        venue="Tenggarong",
        starts_on=datetime.date(2025, 3, 10),
        ends_on=datetime.date(2025, 3, 11),
    )
    enrol = training_services.trainee_add
    manager = enrol(actor=admin, training=training, library=library_a, role="manager", name="Ana")
    volunteer = enrol(
        actor=admin, training=training, library=library_a, role="volunteer", name="Edo"
    )
    enrol(actor=admin, training=training, library=library_b, role="manager", name="Fitri")
    for day, present in ((10, [manager.pk]), (11, [manager.pk, volunteer.pk])):
        session = training_services.session_create(
            actor=admin,
            training=training,
            date=datetime.date(2025, 3, day),
            starts_at=datetime.time(9),
            ends_at=datetime.time(12),
            topic="Strategi",
        )
        training_services.session_attendance_record(actor=admin, session=session, present=present)
    visit = training_services.mentoring_visit_create(
        actor=admin,
        library=library_a,
        visited_on=datetime.date(2025, 6, 2),
        mentor_name="Pak Yusuf",
    )
    items = [
        training_services.action_item_create(
            actor=admin,
            visit=visit,
            description=text,
            owner="Ana",
            due_on=datetime.date(2025, 9, 1),
        )
        for text in ("Jadwal layanan", "Rak anak")
    ]
    training_services.action_item_set_status(
        actor=admin, item=items[0], status="done", done_on=datetime.date(2025, 8, 15)
    )
