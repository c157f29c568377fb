"""Two desks lending the same copy at the same moment: exactly one succeeds.

Each desk is a thread with its own database connection, all released
together by a barrier, so the checkouts really race (a row lock on
PostgreSQL; on SQLite the write transactions begin IMMEDIATE and wait their
turn within the busy timeout). The partial unique index on open loans is the
last guard, tested by writing a second open loan directly."""

import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from pustaka.catalog import services as catalog_services
from pustaka.catalog.models import Item, SearchDocument
from pustaka.catalog.search.documents import holdings_of
from pustaka.circulation import services
from pustaka.circulation.models import Event, Loan, LoanRule
from tests.circulation.fixtures import MONDAY
from tests.members.fixtures import register

COPIES = 10
DESKS = 4
ROUNDS = 6


def race(actions: list) -> list:
    """Run ``actions`` at the same moment, each in its own thread with its own
    database connection; what each returned or raised, in order."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=30)
            results[index] = action()
        except Exception as error:  # noqa: BLE001 — every outcome is asserted below
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a desk never finished"
    return results


@contextmanager
def database_on_file(tmp_path):
    """On SQLite, connections opened inside use a copy of the test database in
    a file, as installations run it (WAL, BEGIN IMMEDIATE, busy timeout): the
    test database itself lives in memory with a shared cache, whose table
    locks fail at once instead of waiting. On PostgreSQL: the test database."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "desks.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    settings_dict = connections.settings["default"]
    in_memory = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        settings_dict["NAME"] = in_memory


def checkout_at_desk(actor, library, member, barcode):
    return lambda: services.checkout(
        actor=actor, library=library, member=member, barcode=barcode, today=MONDAY
    )


@pytest.mark.django_db(transaction=True)
def test_two_desks_lending_the_same_copy_at_once_one_succeeds(
    seeded, manager_a, volunteer_a, library_a, record, tmp_path
):
    copies = [
        catalog_services.item_create(actor=manager_a, record=record, library=library_a)
        for _ in range(COPIES)
    ]
    members = [register(manager_a, library_a, f"Anggota {index}") for index in range(DESKS)]
    desks = [manager_a, volunteer_a] * (DESKS // 2)
    LoanRule.objects.create(library=library_a, max_loans=COPIES)  # the race, not the limit

    with database_on_file(tmp_path):
        for copy in copies:
            results = race(
                [
                    checkout_at_desk(desk, library_a, member, copy.barcode)
                    for desk, member in zip(desks, members, strict=True)
                ]
            )

            loans = [result for result in results if isinstance(result, Loan)]
            refused = [result for result in results if isinstance(result, services.Refused)]
            assert len(loans) == 1, results
            assert len(refused) == DESKS - 1, results
            assert {refusal.code for error in refused for refusal in error.refusals} == {
                "not_available"
            }
            [written] = race([lambda copy=copy: written_by_checkouts(copy)])
            assert written == {
                "loans": [loans[0].pk],
                "checkout_events": 1,
                "status": "on_loan",
            }


def written_by_checkouts(copy) -> dict:
    copy.refresh_from_db()
    return {
        "loans": list(Loan.objects.filter(item=copy).values_list("pk", flat=True)),
        "checkout_events": Event.objects.filter(item=copy, kind="checkout").count(),
        "status": copy.status,
    }


@pytest.mark.django_db(transaction=True)
def test_a_return_and_a_loan_of_copies_of_one_record_at_once_keep_its_holdings_exact(
    seeded, manager_a, volunteer_a, library_a, record, tmp_path
):
    # given two copies of a record at one library, the first on loan
    lent, on_shelf = [
        catalog_services.item_create(actor=manager_a, record=record, library=library_a)
        for _ in range(2)
    ]
    members = [register(manager_a, library_a, f"Anggota {index}") for index in range(2)]
    checkout_at_desk(manager_a, library_a, members[0], lent.barcode)()

    with database_on_file(tmp_path):
        for round_ in range(ROUNDS):
            # when one desk takes the lent copy back while another lends the other one
            results = race(
                [
                    lambda barcode=lent.barcode: services.checkin(
                        actor=manager_a, library=library_a, barcode=barcode, today=MONDAY
                    ),
                    checkout_at_desk(
                        volunteer_a, library_a, members[1 - round_ % 2], on_shelf.barcode
                    ),
                ]
            )
            assert not [result for result in results if isinstance(result, Exception)], results
            # then the catalogue says a copy is on the shelf, as one is
            [(document, truth)] = race([lambda: document_and_truth(record)])
            assert document == truth == f"{library_a.pk.hex}+", round_
            lent, on_shelf = on_shelf, lent


@pytest.mark.django_db(transaction=True)
def test_a_checkout_that_waited_for_the_return_of_its_copy_is_timed_after_it(
    seeded, manager_a, volunteer_a, library_a, record, tmp_path
):
    # given a copy on loan
    copy = catalog_services.item_create(actor=manager_a, record=record, library=library_a)
    members = [register(manager_a, library_a, f"Anggota {index}") for index in range(2)]
    checkout_at_desk(manager_a, library_a, members[0], copy.barcode)()
    held = threading.Event()

    def take_back_while_another_desk_waits():
        with transaction.atomic():
            Item.objects.select_for_update().get(pk=copy.pk)
            held.set()
            time.sleep(0.3)  # the other desk scans the copy meanwhile, and waits for it
            return services.checkin(
                actor=manager_a, library=library_a, barcode=copy.barcode, today=MONDAY
            )

    def lend_once_scanned():
        held.wait(timeout=30)
        return checkout_at_desk(volunteer_a, library_a, members[1], copy.barcode)()

    # when one desk lends it while another is taking it back
    with database_on_file(tmp_path):
        returned, lent = race([take_back_while_another_desk_waits, lend_once_scanned])

    # then the new loan starts after the old one ended, as the copy's events say
    assert isinstance(lent, Loan), lent
    assert lent.checked_out_at >= returned.loan.returned_at


def document_and_truth(record) -> tuple[str, str]:
    """The holdings of ``record``'s search document, and those its copies give."""
    document = SearchDocument.objects.get(record=record).holdings
    return document, holdings_of([record.pk]).get(record.pk, "")


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_loan_of_a_copy(loan_a, member_a2, library_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.create(
            item=loan_a.item,
            member=member_a2,
            library=library_a,
            checked_out_at=timezone.now(),
            due_on=MONDAY,
        )
    assert Loan.objects.filter(item=loan_a.item, returned_at__isnull=True).count() == 1
