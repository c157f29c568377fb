"""The change log's JSON of a bulk-logged row (``changes.snapshot_json``) is
the JSON of its snapshot, whatever the types of its values."""

import datetime
import decimal
import json

import pytest

from pustaka.catalog.models import Item, RecordMarc
from pustaka.core.bulk import built
from pustaka.core.changes import snapshot, snapshot_json


def test_a_record_copy_and_marc_log_the_json_of_their_snapshot(record, library_a):
    # given rows holding UUIDs, times, dates, a price, bytes, lists, an empty file and None
    copy = built(
        Item,
        {
            "record_id": record.pk,
            "library_id": library_a.pk,
            "barcode": "B-1",
            "acquired_on": datetime.date(2024, 5, 17),
            "price": decimal.Decimal("45000"),
            "notes": 'kutip "ini" — ✓',
        },
    )
    marc = built(RecordMarc, {"record_id": record.pk, "data": bytes(range(256))})
    for row in (record, copy, marc):
        # then its logged JSON is the JSON of its snapshot
        assert snapshot_json(row) == json.dumps(snapshot(row))


def test_a_value_json_has_no_form_for_is_refused(record):
    record.subjects = {"a set"}
    with pytest.raises(TypeError):
        snapshot_json(record)
