"""The import pipeline and its service: matching (control number, then ISBN),
updates, copies from 952/852, permissions, and a failing batch."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import translation

from pustaka.catalog import services
from pustaka.catalog.marc import importing
from pustaka.catalog.marc.importing import marc_import
from pustaka.catalog.models import Item, Record, RecordIsbn, RecordMarc, SearchDocument
from pustaka.catalog.search.backends import TSV_INDEX
from pustaka.catalog.search.documents import DOCUMENT_FIELDS, document_for, holdings_of
from pustaka.catalog.search.service import catalog_search
from pustaka.core.changes import snapshot
from pustaka.core.errors import NotPermitted
from pustaka.core.models import ChangeLog
from tests.catalog.marc.conftest import data_field, marc_bytes, marc_record


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def row_counts() -> tuple:
    return tuple(
        model.objects.count() for model in (Record, RecordMarc, RecordIsbn, Item, ChangeLog)
    )


def test_reimporting_the_same_file_adds_nothing(admin, library_a):
    # given a file of three records, one with a copy, already imported
    data = marc_bytes(
        marc_record(control_number="PK1", title="Satu"),
        marc_record(title="Dua", isbn="978-602-03-3295-6"),
        marc_record(control_number="PK3", title="Tiga", fields=[data_field("952", p="B-1")]),
    )
    first = marc_import(actor=admin, source=data, library=library_a)
    before = row_counts()
    # when the same file is imported again
    again = marc_import(actor=admin, source=data, library=library_a)
    # then every record is skipped and no row is added
    assert (first.imported, first.items_added) == (3, 1)
    assert (again.imported, again.updated, again.skipped, again.errors) == (0, 0, 3, [])
    assert row_counts() == before


def test_records_without_control_number_or_isbn_match_on_their_description(admin, library_a):
    data = marc_bytes(marc_record(title="Tanpa Nomor"))
    marc_import(actor=admin, source=data, library=library_a)
    again = marc_import(actor=admin, source=data, library=library_a)
    assert (again.imported, again.skipped) == (0, 1)
    assert Record.objects.count() == 1


def test_the_change_log_holds_each_new_record_and_marc_as_inserted(admin, library_a):
    # given a file of two new records, the second given twice (the later wins)
    data = marc_bytes(
        marc_record(control_number="LOG1", title="Satu"),
        marc_record(control_number="LOG2", title="Dua"),
        marc_record(control_number="LOG2", title="Dua, edisi baru"),
    )
    # when it is imported (snapshots made as the file is read, or afresh for the merged one)
    marc_import(actor=admin, source=data, library=library_a, parallel=False)
    # then each creation logged is the row as it is in the database
    for record in Record.objects.filter(control_number__in=["LOG1", "LOG2"]):
        for row in (record, RecordMarc.objects.get(record=record)):
            logged = ChangeLog.objects.get(entity_id=str(row.pk), entity=row._meta.label_lower)
            assert (logged.operation, logged.fields) == ("create", snapshot(row))


def test_a_changed_record_is_updated_and_reindexed(admin, library_a):
    # given an imported record
    marc_import(
        actor=admin, source=marc_bytes(marc_record(control_number="PK1")), library=library_a
    )
    record = Record.objects.get()
    # when a new version of it comes with another title
    changed = marc_bytes(marc_record(control_number="PK1", title="Beternak Itik Petelur"))
    report = marc_import(actor=admin, source=changed, library=library_a)
    # then the record is updated in place, its MARC replaced, and search finds it
    assert (report.imported, report.updated, report.skipped) == (0, 1, 0)
    record.refresh_from_db()
    assert record.title == "Beternak Itik Petelur"
    assert b"Beternak Itik Petelur" in bytes(RecordMarc.objects.get(record=record).data)
    assert [r.pk for r in catalog_search(query="itik").records] == [record.pk]
    assert ChangeLog.objects.filter(
        entity="catalog.record", entity_id=str(record.pk), operation="update"
    ).exists()


def test_an_isbn_finds_a_record_catalogued_by_hand(admin, library_a, record):
    # given a record typed in Pustaka (no control number), ISBN 978-602-03-3295-6
    data = marc_bytes(marc_record(control_number="ocm77", title=record.title, isbn="602-03-3295-0"))
    # when a MARC record with the same ISBN (as ISBN-10) is imported
    report = marc_import(actor=admin, source=data, library=library_a)
    # then it updates that record rather than adding another
    assert (report.imported, report.updated) == (0, 1)
    record.refresh_from_db()
    assert record.control_number == "ocm77"
    assert Record.objects.count() == 1


def test_copies_from_952_go_to_the_library_they_name(admin, library_a, library_b):
    # given a record with copies for library B, for an unknown library, without
    # barcode, and a holdings note that is not a copy
    fields = [
        data_field(
            "952", a="DSB", p="b-0001", o="639.3 SIT b", c="Rak anak", d="2024-03-01", g="45.000"
        ),
        data_field("952", a="ZZZ", p="B-0002"),
        data_field("952", o="639.3 SIT b"),
        data_field("952", a="Library has 2 copies."),
    ]
    data = marc_bytes(marc_record(control_number="PK1", fields=fields))
    # when imported into library A
    report = marc_import(actor=admin, source=data, library=library_a)
    # then each copy is at the right library with its barcode (minted when missing)
    copies = {item.barcode: item for item in Item.objects.select_related("library")}
    assert report.items_added == 3
    assert sorted(copies) == ["B-0001", "B-0002", "DSA-000001"]
    first = copies["B-0001"]
    assert (first.library, first.call_number, first.shelf) == (library_b, "639.3 SIT b", "Rak anak")
    assert (first.acquired_on.isoformat(), first.price) == ("2024-03-01", 45000)
    assert copies["B-0002"].library == library_a
    assert copies["DSA-000001"].library == library_a


def test_copies_from_852_and_reimport_adds_only_new_barcodes(admin, library_a, library_b):
    # given a record with an 852 copy at library B
    holdings = [data_field("852", b="DSB", p="X-1", h="899.221", i="AMI s", c="Fiksi")]
    marc_import(
        actor=admin,
        source=marc_bytes(marc_record(control_number="PK1", fields=holdings)),
        library=library_a,
    )
    # when the file comes again with one more copy
    more = [*holdings, data_field("852", b="DSB", p="X-2")]
    report = marc_import(
        actor=admin,
        source=marc_bytes(marc_record(control_number="PK1", fields=more)),
        library=library_a,
    )
    # then only the new copy is added, at library B
    copy = Item.objects.get(barcode="X-1")
    assert (copy.library, copy.call_number, copy.shelf) == (library_b, "899.221 AMI s", "Fiksi")
    assert report.items_added == 1
    assert sorted(Item.objects.filter(library=library_b).values_list("barcode", flat=True)) == [
        "X-1",
        "X-2",
    ]


def test_a_manager_cannot_add_copies_to_another_library(manager_a, library_a, library_b):
    # given a record with one copy for the manager's library and one for library B
    fields = [data_field("952", a="DSA", p="A-1"), data_field("952", a="DSB", p="B-1")]
    data = marc_bytes(marc_record(control_number="PK1", fields=fields))
    # when the manager of library A imports it
    report = marc_import(actor=manager_a, source=data, library=library_a)
    # then the record and the own copy are in, the other copy is reported
    assert report.imported == 1
    assert list(Item.objects.values_list("barcode", flat=True)) == ["A-1"]
    assert report.errors == [
        {
            "position": 1,
            "reason": "record 1 (byte 0): copy not added: you may not manage the copies of DSB",
        }
    ]


@pytest.mark.parametrize("who", ["viewer", "manager_b"])
def test_import_needs_the_right_to_manage_the_librarys_copies(who, request, library_a):
    actor = request.getfixturevalue(who)
    with pytest.raises(NotPermitted):
        marc_import(actor=actor, source=marc_bytes(marc_record()), library=library_a)
    assert Record.objects.count() == 0


def test_a_failing_batch_leaves_nothing_half_written(admin, library_a, record, monkeypatch):
    # given batches of two, where the second record of the first batch updates an
    # existing record and that write fails in the database
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)

    def failing_update(planned, marc, *, actor):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(services, "_import_update", failing_update)
    first = marc_record(control_number="NEW1", title="Baru Satu")
    data = marc_bytes(
        first,
        marc_record(control_number="NEW2", title="Baru Dua", isbn="978-602-03-3295-6"),
        marc_record(control_number="NEW3", title="Baru Tiga"),
    )
    before = ChangeLog.objects.count()
    # when the file is imported
    report = marc_import(actor=admin, source=data, library=library_a)
    # then nothing of the first batch is written, both its records are reported,
    # and the next batch is imported
    titles = sorted(Record.objects.values_list("title", flat=True))
    assert titles == ["Baru Tiga", "Budidaya Lele di Kolam Terpal"]
    reason = "not saved: the batch it was in could not be written (disk I/O error)"
    second_at = len(marc_bytes(first))
    assert report.errors == [
        {"position": 1, "reason": f"record 1 (byte 0): {reason}"},
        {"position": 2, "reason": f"record 2 (byte {second_at}): {reason}"},
    ]
    assert report.imported == 1
    third = Record.objects.get(title="Baru Tiga")
    new_rows = ChangeLog.objects.order_by("seq")[before:]
    assert {(row.entity, row.entity_id) for row in new_rows} == {
        ("catalog.record", str(third.pk)),
        ("catalog.recordmarc", str(third.pk)),
    }


def test_an_import_leaves_the_transaction_it_ran_in_planning_as_before(admin, library_a):
    # given an import inside a transaction that goes on after it (the demo district)
    data = marc_bytes(marc_record(control_number="PK1", title="Satu"))
    # when
    with transaction.atomic():
        marc_import(actor=admin, source=data, library=library_a)
        # then the look-ups by index were the import's only: later statements
        # may read a table through (PostgreSQL's enable_seqscan is on again)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW enable_seqscan")
                assert cursor.fetchone() == ("on",)
    assert Record.objects.filter(title="Satu").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN's pending list")
def test_an_import_leaves_no_pending_entries_for_searches_to_read(admin, library_a):
    # given a full-text index whose new entries wait in a small pending list
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [TSV_INDEX])
        assert cursor.fetchone() == (["gin_pending_list_limit=512"],)
    data = marc_bytes(*(marc_record(control_number=f"PK{n}", title=f"Buku {n}") for n in range(5)))
    # when records are imported
    marc_import(actor=admin, source=data, library=library_a)
    # then their entries are in the index itself: nothing is left to merge
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [TSV_INDEX])
        assert cursor.fetchone() == (0,)
    assert catalog_search(query="buku").total == 5


def test_progress_is_reported_after_each_batch(admin, library_a, monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    seen = []
    data = marc_bytes(*(marc_record(control_number=f"PK{n}", title=f"Buku {n}") for n in range(5)))
    marc_import(
        actor=admin,
        source=data,
        library=library_a,
        progress=lambda report: seen.append((report.processed, report.total, report.imported)),
    )
    assert seen == [(2, 5, 2), (4, 5, 4), (5, 5, 5)]


@pytest.mark.parametrize("in_second_process", [False, True])
def test_imported_records_are_indexed_as_they_are_described(admin, library_a, in_second_process):
    # given described records with copies (their search terms are computed as the
    # file is read), one of them twice in the file, the second time with another title
    described = [
        data_field("100", "1", a="Daming, Ambo,"),
        data_field("650", " ", "4", a="Cerita anak"),
        data_field("500", a="Cerita rakyat Kutai."),
        data_field("952", a=library_a.code, p="B-1"),
    ]
    data = marc_bytes(
        marc_record(control_number="PK1", title="Budidaya Lele", fields=described),
        marc_record(title="Dua", isbn="602-03-3295-0", fields=[data_field("952", p="B-2")]),
        marc_record(control_number="PK1", title="Beternak Itik Petelur", fields=described),
    )
    # when the file is imported
    report = marc_import(actor=admin, source=data, library=library_a, parallel=in_second_process)
    # then each record's search document is the one indexing it afresh gives
    assert (report.imported, report.updated, report.errors) == (2, 1, [])
    for record in Record.objects.all():
        fresh = document_for(record)
        fresh.holdings = holdings_of([record.pk])[record.pk]
        stored = SearchDocument.objects.get(record=record)
        assert [getattr(stored, name) for name in DOCUMENT_FIELDS] == [
            getattr(fresh, name) for name in DOCUMENT_FIELDS
        ]
    assert [r.title for r in catalog_search(query="itik").records] == ["Beternak Itik Petelur"]
    assert catalog_search(query="lele").total == 0
