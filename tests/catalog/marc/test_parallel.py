"""Reading and mapping in a second process: the same import as in one process,
progress after each batch, and the reader's failures reach the importer."""

import multiprocessing
import os
import threading

import pytest
from django.utils import translation

from pustaka.catalog.marc import importing, parallel
from pustaka.catalog.marc.importing import marc_import
from pustaka.catalog.models import Item, Record
from pustaka.core.errors import NotPermitted
from tests.catalog.marc.conftest import book, data_field, marc_bytes, marc_record


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _small_batches(monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)


def a_file() -> bytes:
    """Five books with a copy each, a corrupt record third and a record whose
    fields cannot be accepted (no title) fifth."""
    books = [
        marc_record(
            control_number=f"PK{n}",
            title=f"Buku {n}",
            fields=[data_field("952", a="DSA", p=f"B{n}")],
        )
        for n in range(5)
    ]
    corrupt = b"#!?&*" + book(9, "Rusak")[5:]
    untitled = marc_record(control_number="PK9", title="")
    return marc_bytes(*books[:2]) + corrupt + marc_bytes(books[2], untitled, *books[3:])


def imported(admin, library, *, in_second_process: bool):
    seen = []
    report = marc_import(
        actor=admin,
        source=a_file(),
        library=library,
        parallel=in_second_process,
        progress=lambda so_far: seen.append((so_far.processed, so_far.imported)),
    )
    return report, seen


def test_reading_in_a_second_process_imports_the_same(admin, library_a):
    # given the file imported with the reading in this process
    here, here_progress = imported(admin, library_a, in_second_process=False)
    titles = sorted(Record.objects.values_list("title", flat=True))
    Item.objects.all().delete()
    Record.objects.all().delete()
    # when it is imported again into an empty catalogue, read in a second process
    there, there_progress = imported(admin, library_a, in_second_process=True)
    # then the report, the progress and the records are the same
    assert there == here
    assert there_progress == here_progress == [(2, 2), (5, 3), (7, 5), (7, 5)]
    assert sorted(Record.objects.values_list("title", flat=True)) == titles
    assert Item.objects.count() == 5
    assert [error["position"] for error in there.errors] == [3, 5]
    assert multiprocessing.active_children() == []


def test_a_failure_in_the_reader_is_raised_in_the_importer(admin, library_a, monkeypatch):
    def broken(position, record):
        raise RuntimeError("reader bug")

    monkeypatch.setattr(importing, "entry_from_marc", broken)
    with pytest.raises(RuntimeError, match="reader bug"):
        marc_import(actor=admin, source=a_file(), library=library_a, parallel=True)
    assert multiprocessing.active_children() == []


def test_a_reader_that_dies_is_reported(admin, library_a, monkeypatch):
    monkeypatch.setattr(importing, "entry_from_marc", lambda position, record: os._exit(3))
    with pytest.raises(parallel.ChildDied, match="exit code 3"):
        marc_import(actor=admin, source=a_file(), library=library_a, parallel=True)
    assert Record.objects.count() == 0


def test_a_refused_batch_stops_the_reader(admin, library_a, monkeypatch):
    def refused(**kwargs):
        raise NotPermitted

    monkeypatch.setattr(importing.services, "records_import_batch", refused)
    with pytest.raises(NotPermitted):
        marc_import(actor=admin, source=a_file(), library=library_a, parallel=True)
    assert multiprocessing.active_children() == []


def test_the_second_process_is_used_for_large_files_only(monkeypatch):
    monkeypatch.setattr(parallel, "can_run_in_second_process", lambda: True)
    monkeypatch.setattr(importing, "can_run_in_second_process", lambda: True)
    assert importing._parallel_pays(importing.PARALLEL_MIN_RECORDS)
    assert importing._parallel_pays(None)
    assert not importing._parallel_pays(importing.PARALLEL_MIN_RECORDS - 1)


def test_the_child_runs_ahead_and_keeps_the_order():
    # given a producer of more items than the child may make ahead
    count = parallel.AHEAD * 5

    def produce():
        for number in range(count):
            yield {"number": number, "text": "x" * 100_000}

    # when they are taken from the child, then they come in order
    assert [item["number"] for item in parallel.in_second_process(produce)] == list(range(count))
    assert multiprocessing.active_children() == []


def test_leaving_early_stops_a_child_that_is_ahead():
    def produce():
        yield from range(10_000)

    for number in parallel.in_second_process(produce):
        if number == 3:
            break
    assert multiprocessing.active_children() == []


def test_a_reader_nobody_listens_to_stops():
    # given a reader whose importer is gone (killed: its end of the pipe closed)
    receiving, sending = multiprocessing.Pipe(duplex=False)
    receiving.close()
    made = []

    def produce():
        while True:
            made.append(len(made))
            yield {"text": "x" * 100_000}

    # when it reads, in a thread of this process
    reader = threading.Thread(target=parallel._produce_into, args=(produce, sending), daemon=True)
    reader.start()
    reader.join(timeout=30)
    # then it stops soon, rather than waiting for ever on a full queue
    assert not reader.is_alive()
    assert len(made) <= parallel.AHEAD + 3
