"""``field__among=values``: the rows whose field is one of many values, the
values sent as one parameter (a JSON array on SQLite, an array on PostgreSQL)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pustaka.catalog.models import Item, Record
from pustaka.core.ids import uuid7


def test_among_finds_the_rows_with_any_of_the_values(item_a, library_a):
    # given copies whose barcodes hold quotes, non-ASCII letters and a backslash
    barcodes = ['B-"1"', "B-ümlaut", "B-\\2"]
    for barcode in barcodes:
        Item.objects.create(record=item_a.record, library=library_a, barcode=barcode)
    # when they are looked for among many values, most of them unknown
    wanted = [*barcodes, *(f"X-{n}" for n in range(2000))]
    with CaptureQueriesContext(connection) as statements:
        found = set(Item.objects.filter(barcode__among=wanted).values_list("barcode", flat=True))
    # then each is found, in one statement with one parameter
    assert found == set(barcodes)
    assert len(statements.captured_queries) == 1
    assert statements.captured_queries[0]["sql"].count("X-1999") == 1


def test_among_takes_keys_as_the_field_stores_them(record, item_a):
    # given the keys of a record and a copy, as UUIDs, among keys of nothing
    others = [uuid7() for _ in range(3)]
    # then the record is found by its key, the copy by its record's
    assert list(Record.objects.filter(pk__among=[*others, record.pk])) == [record]
    assert list(Item.objects.filter(record_id__among={record.pk, *others})) == [item_a]


def test_among_nothing_finds_nothing_without_asking_the_database(record):
    with CaptureQueriesContext(connection) as statements:
        assert list(Record.objects.filter(pk__among=[])) == []
    assert statements.captured_queries == []
