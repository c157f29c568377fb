"""The lean bulk insert (``core.bulk``): one row, a few rows (an INSERT) and
many rows (a binary COPY on PostgreSQL) write what the ORM reads back."""

import datetime
import decimal
import json

import pytest
from django.core.files.base import ContentFile
from django.db.models.signals import post_init
from django.utils import timezone

from pustaka.catalog.models import Item, Record, RecordMarc
from pustaka.core import bulk, rows
from pustaka.core.ids import uuid7
from pustaka.core.models import ChangeLog

AWKWARD_TEXTS = [
    "tab\there",
    "new\nline and\rreturn",
    "back\\slash \\N \\x00",
    "quotes ' and \"",
    "Cerita rakyat Kutai — ümlaut ✓",
    "",
]
COUNTS = [1, 3, bulk.COPY_MIN_ROWS + 1]


def _record_values(index: int) -> dict:
    text = AWKWARD_TEXTS[index % len(AWKWARD_TEXTS)]
    return {
        "title": f"{index} {text}",
        "notes": text,
        "authors": [{"name": text, "role": "author"}] if index % 2 else [],
        "isbns": [f"97862310{index:05d}"],
        "subjects": [text, "Cerita anak"],
        "year": None if index % 3 == 0 else 2000 + index,
        "control_number": f"BULK-{index}",
    }


@pytest.mark.parametrize("count", COUNTS)
def test_rows_insert_writes_records_as_the_orm_reads_them(db, count):
    # given records whose texts and JSON hold tabs, line breaks, backslashes and quotes
    wanted = [_record_values(index) for index in range(count)]
    records = [bulk.built(Record, values) for values in wanted]
    # when
    bulk.rows_insert(Record, records)
    # then every value reads back as given, the dates filled in
    stored = {record.control_number: record for record in Record.objects.all()}
    assert len(stored) == count
    for values, record in zip(wanted, records, strict=True):
        row = stored[values["control_number"]]
        assert row.pk == record.pk
        assert {name: getattr(row, name) for name in values} == values
        assert row.created_at is not None and row.updated_at is not None
        assert row.deleted_at is None
        assert not row.cover


@pytest.mark.parametrize("count", COUNTS)
def test_rows_insert_writes_copies_and_marc_as_the_orm_reads_them(record, library_a, count):
    # given copies with and without dates and prices, and MARC holding every byte
    copies = [
        bulk.built(
            Item,
            {
                "record_id": record.pk,
                "library_id": library_a.pk,
                "barcode": f"B{index:04d}",
                "acquired_on": datetime.date(2024, 1, 1) + datetime.timedelta(days=index)
                if index % 2
                else None,
                "price": decimal.Decimal(1000 * index) if index % 3 else None,
                "shelf": AWKWARD_TEXTS[index % len(AWKWARD_TEXTS)],
                "deleted_at": timezone.now() if index == 2 else None,
            },
        )
        for index in range(count)
    ]
    marc = bytes(range(256)) * 3
    # when
    bulk.rows_insert(Item, copies)
    bulk.rows_insert(RecordMarc, [bulk.built(RecordMarc, {"record_id": record.pk, "data": marc})])
    # then
    stored = {item.barcode: item for item in Item.objects.filter(record=record)}
    for copy in copies:
        row = stored[copy.barcode]
        assert (row.pk, row.library_id, row.acquired_on, row.price, row.shelf) == (
            copy.pk,
            library_a.pk,
            copy.acquired_on,
            copy.price,
            copy.shelf,
        )
        assert row.deleted_at == copy.deleted_at
        assert row.status == Item.Status.AVAILABLE
    assert bytes(RecordMarc.objects.get(record=record).data) == marc


def test_values_insert_takes_json_already_encoded(db):
    # given change-log rows whose fields are JSON text, said to be encoded
    names = ["change_id", "entity", "entity_id", "operation", "fields"]
    names += ["origin_node", "hlc", "occurred_at", "schema_version"]
    now, node = timezone.now(), uuid7()
    rows = [
        (uuid7(), "catalog.record", str(index), "create", '{"title": "A\\tB"}', node, index, now, 1)
        for index in range(bulk.COPY_MIN_ROWS)
    ]
    # when
    bulk.values_insert(ChangeLog, names, rows, encoded={"fields"})
    # then they are stored as that JSON, not as JSON strings holding it
    stored = ChangeLog.objects.filter(origin_node=node).values_list("fields", flat=True)
    assert list(stored) == [{"title": "A\tB"}] * bulk.COPY_MIN_ROWS


def test_built_gives_what_the_constructor_gives(record, library_a):
    # given the values of a copy, some fields left to their defaults
    values = {"record_id": record.pk, "library_id": library_a.pk, "barcode": "B-1"}
    # when it is built directly and by the constructor
    made, constructed = bulk.built(Item, values), Item(**values)
    # then only the new ids differ, and both are new rows
    assert made.pk != constructed.pk
    assert {**vars(made), "id": None, "_state": None} == {
        **vars(constructed),
        "id": None,
        "_state": None,
    }
    assert (made._state.adding, made._state.db) == (True, None)
    assert made.record == record


def test_a_model_listened_to_at_init_is_built_by_its_constructor(record, library_a):
    seen = []

    def listener(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(listener, sender=Item)
    try:
        item = bulk.built(Item, {"record_id": record.pk, "library_id": library_a.pk})
    finally:
        post_init.disconnect(listener, sender=Item)
    assert seen == [item]


@pytest.mark.parametrize("others", [0, bulk.COPY_MIN_ROWS])
def test_values_of_other_types_go_through_the_fields_preparation(record, library_a, others):
    # given a price as an integer and as text, and a date as text (with
    # ``others`` copies more: in one COPY on PostgreSQL)
    values = {"record_id": record.pk, "library_id": library_a.pk}
    copies = [
        bulk.built(Item, {**values, "barcode": "B-1", "price": 45000}),
        bulk.built(
            Item, {**values, "barcode": "B-2", "price": "12500", "acquired_on": "2024-05-17"}
        ),
    ]
    copies += [bulk.built(Item, {**values, "barcode": f"O-{n}"}) for n in range(others)]
    # when
    bulk.rows_insert(Item, copies)
    # then they are stored as the ORM stores them
    stored = dict(Item.objects.filter(barcode__startswith="B-").values_list("barcode", "price"))
    assert stored == {"B-1": decimal.Decimal(45000), "B-2": decimal.Decimal(12500)}
    assert Item.objects.get(barcode="B-2").acquired_on == datetime.date(2024, 5, 17)
    assert Item.objects.count() == 2 + others


def test_a_column_type_without_a_binary_form_is_inserted_row_by_row(db):
    # given a model with a column of a type the binary COPY does not send (inet)
    from axes.models import AccessAttempt

    columns = ["user_agent", "ip_address", "username", "http_accept", "path_info"]
    columns += ["attempt_time", "get_data", "post_data", "failures_since_start"]
    now = timezone.now()
    rows = [
        ("agent", f"10.0.0.{n}", f"user{n}", "*/*", "/", now, "", "", 1)
        for n in range(bulk.COPY_MIN_ROWS)
    ]
    # when
    bulk.values_insert(AccessAttempt, columns, rows)
    # then every row is there, as given
    stored = AccessAttempt.objects.values_list("username", "ip_address")
    assert sorted(stored) == sorted((f"user{n}", f"10.0.0.{n}") for n in range(len(rows)))


@pytest.mark.parametrize("value", [AWKWARD_TEXTS, {"a": [1, 2.5, None, True]}, "teks", 7, None])
def test_json_encoder_gives_what_json_dumps_gives(value):
    assert bulk.json_encoder()(value) == json.dumps(value)


def test_json_encoder_refuses_what_json_has_no_form_for():
    with pytest.raises(TypeError):
        bulk.json_encoder()({"when": datetime.date(2024, 1, 1)})
    assert bulk.json_encoder(str)({"when": datetime.date(2024, 1, 1)}) == '{"when": "2024-01-01"}'


def test_a_new_file_is_saved_and_a_name_kept_as_it_is(db, settings, tmp_path):
    # given a record with a cover file not yet saved, and one naming a file
    settings.MEDIA_ROOT = tmp_path
    added = bulk.built(Record, {"title": "Baru", "control_number": "F-1"})
    added.cover = ContentFile(b"GIF89a", name="sampul.gif")
    named = bulk.built(Record, {"title": "Lama", "control_number": "F-2", "cover": "covers/a.jpg"})
    # when
    bulk.rows_insert(Record, [added, named])
    # then the new file is stored and its name written; the name is kept
    covers = dict(Record.objects.values_list("control_number", "cover"))
    assert covers["F-1"].startswith("covers/sampul") and (tmp_path / covers["F-1"]).exists()
    assert covers["F-2"] == "covers/a.jpg"


def test_rows_update_writes_what_bulk_update_writes(db):
    # given records, two of which change their texts, JSON, year and an emptied field
    records = [bulk.built(Record, _record_values(index)) for index in range(4)]
    bulk.rows_insert(Record, records)
    changed = records[1:3]
    for index, record in enumerate(changed):
        record.title = AWKWARD_TEXTS[index]
        record.subjects = ["Pertanian", AWKWARD_TEXTS[index + 1]]
        record.year = None if index else 1999
        record.notes = ""
    names = ["title", "subjects", "year", "notes"]
    # when
    rows.rows_update(Record, changed, names)
    # then the changed rows read back as they were given, the others as they were
    stored = {record.pk: record for record in Record.objects.all()}
    for record in records:
        assert {name: getattr(stored[record.pk], name) for name in names} == {
            name: getattr(record, name) for name in names
        }
    assert stored[records[0].pk].title == _record_values(0)["title"]
