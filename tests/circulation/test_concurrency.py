"""Two desks lending the same copy at the same moment: exactly one succeeds.

Each desk is a thread with its own database connection, all released
together by a barrier, so the checkouts really race (a row lock on
PostgreSQL; on SQLite the write transactions begin IMMEDIATE and wait their
turn within the busy timeout). The partial unique index on open loans is the
last guard, tested by writing a second open loan directly."""

import sqlite3
import threading
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from pustaka.catalog import services as catalog_services
from pustaka.circulation import services
from pustaka.circulation.models import Event, Loan, LoanRule
from tests.circulation.fixtures import MONDAY
from tests.members.fixtures import register

COPIES = 10
DESKS = 4


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
