"""A refresh of the roll-up counts again only the months (and the counting
groups) a change touches, with the borrowers of their quarter and year, and
leaves the roll-up as a count of every row would (``rollup_rebuild``)."""

import datetime

from django.db import transaction

from pustaka.catalog import services as catalog_services
from pustaka.circulation import services as circulation_services
from pustaka.core.writes import update_logged
from pustaka.monitoring import counting, policies, rollup
from pustaka.monitoring.models import MonthlyBorrower, MonthlyRollup
from pustaka.programs import services as programs_services
from pustaka.visits import services as visit_services
from tests.monitoring.conftest import wita

D = datetime.date


def _recounted(change) -> set:
    """The (library id, month, code) cells the refresh after ``change()``
    wrote again; the roll-up it leaves must be the one counted from every row."""
    rollup.rollup_refresh()
    before = set(MonthlyRollup.objects.values_list("pk", flat=True))
    change()
    rollup.rollup_refresh()
    rows = MonthlyRollup.objects.values_list("pk", "library_id", "month", "code")
    recounted = {
        (library_id, month, code) for pk, library_id, month, code in rows if pk not in before
    }
    refreshed = _cells(), _named_borrowers()
    rollup.rollup_rebuild()
    assert refreshed == (_cells(), _named_borrowers())
    return recounted


def _cells() -> dict:
    rows = MonthlyRollup.objects.values_list("library_id", "month", "code", "value")
    return {(library_id, month, code): value for library_id, month, code, value in rows}


def _named_borrowers() -> set:
    return set(MonthlyBorrower.objects.values_list("library_id", "month", "member_id"))


def _logged_change(instance, admin, **changes):
    """A change to a row the services do not offer (another node's, through sync)."""
    with transaction.atomic():
        update_logged(instance, actor=admin, changes=changes, allowed=set(changes))


def test_a_loan_recounts_its_month_and_the_borrowers_of_its_quarter_and_year(
    year_2025, admin, clock, library_a
):
    copy = year_2025.copies[0]  # acquired in December 2024: lent, held as before

    def lend():
        with clock(2025, 6, 2, 10, 0):
            circulation_services.checkout(
                actor=admin, library=library_a, member=year_2025.bayu, barcode=copy.barcode
            )

    a = library_a.pk
    assert _recounted(lend) == {
        (a, D(2025, 6, 1), "loans"),
        (a, D(2025, 6, 1), "borrowers"),
        (a, D(2025, 4, 1), "borrowers.quarter"),
        (a, D(2025, 1, 1), "borrowers.year"),
    }


def test_a_copy_withdrawn_recounts_the_copies_of_the_month_it_was_acquired(
    year_2025, admin, library_a
):
    copy = year_2025.copies[0]  # acquired in December 2024

    def withdraw():
        catalog_services.item_withdraw(actor=admin, item=copy)

    cell = (library_a.pk, D(2024, 12, 1), "_collection.held_added")
    rollup.rollup_refresh()
    assert cell in _cells()
    # the month's copies counted again: none left (as a count of every row says)
    assert _recounted(withdraw) == set()
    assert cell not in _cells()


def test_a_return_at_another_library_recounts_both_libraries_months(
    year_2025, admin, manager_b, clock, library_a, library_b
):
    copy = year_2025.copies[0]
    with clock(2025, 6, 2, 10, 0):
        circulation_services.checkout(
            actor=admin, library=library_a, member=year_2025.ani, barcode=copy.barcode
        )

    def take_back():
        with clock(2025, 7, 3, 10, 0):
            circulation_services.checkin(actor=manager_b, library=library_b, barcode=copy.barcode)

    a, b = library_a.pk, library_b.pk
    assert _recounted(take_back) == {
        (b, D(2025, 7, 1), "returns"),
        # Ani keeps no history: the loan no longer names her, a borrower still
        (a, D(2025, 6, 1), "loans"),
        (a, D(2025, 6, 1), "borrowers"),
        (a, D(2025, 4, 1), "borrowers.quarter"),
        (a, D(2025, 1, 1), "borrowers.year"),
    }


def test_a_quarters_borrowers_count_a_named_member_once_and_each_unnamed_day(
    year_2025, admin, manager_a, clock, library_a, record
):
    copies = [
        catalog_services.item_create(actor=manager_a, record=record, library=library_a)
        for _ in range(4)
    ]
    lend, give_back = circulation_services.checkout, circulation_services.checkin

    def borrow_in_july_and_august():
        # Bayu's loans stay out (they name him); Ani keeps no reading history
        for (month, day), copy, member in (
            ((7, 2), copies[0], year_2025.bayu),
            ((8, 5), copies[1], year_2025.bayu),
            ((7, 3), copies[2], year_2025.ani),
            ((8, 4), copies[3], year_2025.ani),
        ):
            with clock(2025, month, day, 10, 0):
                lend(actor=admin, library=library_a, member=member, barcode=copy.barcode)
            if member == year_2025.ani:
                with clock(2025, month, day, 15, 0):
                    give_back(actor=admin, library=library_a, barcode=copy.barcode)

    _recounted(borrow_in_july_and_august)
    kept = MonthlyRollup.objects.get(
        library=library_a, month=D(2025, 7, 1), code="borrowers.quarter"
    ).value
    quarter = policies.period_parse("2025-Q3", "quarter")
    counted = counting.count(libraries=[library_a], periods=[quarter], groups=("borrowers",))
    # Bayu once, Ani's two days apart
    assert kept == counted[(library_a.pk, 0, "borrowers")] == 3
    assert _named_borrowers() >= {
        (library_a.pk, D(2025, 7, 1), year_2025.bayu.pk),
        (library_a.pk, D(2025, 8, 1), year_2025.bayu.pk),
    }


def test_a_visit_recounts_the_visits_of_its_month(year_2025, manager_a, clock, library_a):
    def visit():
        with clock(2025, 9, 9, 10, 0):
            visit_services.visit_log_guest(
                actor=manager_a, library=library_a, gender="male", age_group="60+", purpose="read"
            )

    recounted = _recounted(visit)
    assert {(library_id, month) for library_id, month, _code in recounted} == {
        (library_a.pk, D(2025, 9, 1))
    }
    assert "visits.people" in {code for _library_id, _month, code in recounted}
    assert all(code.startswith("visits.") for _library_id, _month, code in recounted)


def test_attendance_counted_again_recounts_its_activity_month(year_2025, manager_a, library_a):
    def count_again():
        programs_services.attendance_counts_set(
            actor=manager_a,
            activity=year_2025.activities["reading"],
            counts={("female", "6-12", "no"): 9, ("male", "6-12", ""): 5},
        )

    march = D(2025, 3, 1)
    assert _recounted(count_again) == {
        (library_a.pk, march, "activities"),
        (library_a.pk, march, "participants"),
    }


def test_a_member_leaving_recounts_the_months_joined_and_left(year_2025, admin, library_a):
    def leave():
        _logged_change(year_2025.bayu, admin, deleted_at=wita(2025, 8, 10, 9, 0))

    a = library_a.pk
    assert _recounted(leave) == {
        (a, D(2025, 2, 1), "members.new"),
        (a, D(2025, 8, 1), "_members.left"),
    }


def test_a_registration_moved_to_another_month_leaves_the_first(year_2025, admin, library_a):
    def move():  # Ani, the only member of A who joined in January
        _logged_change(year_2025.ani, admin, created_at=wita(2025, 3, 1, 9, 0))

    assert _recounted(move) == {(library_a.pk, D(2025, 3, 1), "members.new")}
    assert (library_a.pk, D(2025, 1, 1), "members.new") not in _cells()


def test_a_copy_acquired_in_an_earlier_month_recounts_that_month(
    year_2025, manager_a, clock, library_a, record
):
    def acquire():
        with clock(2025, 10, 1, 9, 0):
            catalog_services.item_create(
                actor=manager_a, record=record, library=library_a, acquired_on=D(2025, 3, 10)
            )

    assert _recounted(acquire) == {(library_a.pk, D(2025, 3, 1), "_collection.held_added")}


def test_an_acquisition_date_corrected_moves_the_copy_to_its_month(year_2025, manager_a, library_a):
    def correct():  # the only copy acquired in December 2024
        catalog_services.item_update(
            actor=manager_a, item=year_2025.copies[0], changes={"acquired_on": D(2025, 2, 14)}
        )

    a = library_a.pk
    assert _recounted(correct) == {(a, D(2025, 2, 1), "_collection.held_added")}
    assert (a, D(2024, 12, 1), "_collection.held_added") not in _cells()


def test_an_activity_moved_to_another_month_leaves_the_first(year_2025, manager_a, library_a):
    def move():
        starts = wita(2025, 5, 20, 10, 0)
        programs_services.activity_update(
            actor=manager_a,
            activity=year_2025.activities["reading"],
            changes={"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=2)},
        )

    a, may = library_a.pk, D(2025, 5, 1)
    assert _recounted(move) == {(a, may, "activities"), (a, may, "participants")}
    assert (a, D(2025, 3, 1), "activities") not in _cells()


def test_each_group_keeps_codes_only_it_drops_before_counting_again(
    year_2025, library_a, library_b
):
    months = policies.periods_between(D(2024, 12, 1), D(2025, 12, 31), "month")
    for group in rollup.MONTH_GROUPS:
        values = counting.count(libraries=[library_a, library_b], periods=months, groups=(group,))
        kept = {
            code
            for _library_id, _index, code in values
            if code in rollup.MONTH_CODES or code.startswith(rollup.WHOLE_CODES)
        }
        others = [
            start
            for other in rollup.MONTH_GROUPS
            if other != group
            for start in rollup.KEEPS[other]
        ]
        assert all(code.startswith(rollup.KEEPS[group]) for code in kept), group
        assert not any(code.startswith(tuple(others)) for code in kept), group
