"""The MARC kept for a record: the bytes as read when they are already the
record as Pustaka keeps it (UTF-8 ISO 2709), else the record written anew;
both give the same bytes."""

import pytest

from pustaka.catalog.marc.importing import marc_for_storage
from pustaka.catalog.marc.reading import ReadRecord, open_marc
from tests.catalog.marc.conftest import MARC_DIR, raw_record, real_marc_files

FILES = [path.relative_to(MARC_DIR).as_posix() for path in real_marc_files()] or ["(absent)"]


def written_anew(record) -> bytes:
    record.kept = None
    return marc_for_storage(record)


def read(data: bytes) -> list:
    with open_marc(data) as marc_file:
        return [record for _position, record, _reason in marc_file]


@pytest.mark.parametrize("name", FILES)
def test_real_records_kept_as_read_are_what_writing_them_gives(name, marc_dir):
    with open_marc(marc_dir / name) as marc_file:
        records = [record for _position, record, _reason in marc_file]
    for record in records:
        if not isinstance(record, ReadRecord):  # MARCXML: always written anew
            continue
        kept = marc_for_storage(record)
        assert kept == written_anew(record)


def test_a_clean_utf8_record_is_kept_as_read():
    data = raw_record(
        [("001", b"PK1"), ("245", b"10\x1faBuku \xc3\xbcmlaut\x1fbanak")],
        leader="00000nam a2200000 a 4500",
    )
    [record] = read(data)
    assert record.kept == data
    assert marc_for_storage(record) == data


@pytest.mark.parametrize(
    "fields, leader",
    [
        ([("245", b"10\x1faJudul")], "00000nam  2200000 a 4500"),  # MARC-8 leader
        ([("245", b"1\xe9\x1faJudul")], "00000nam a2200000 a 4500"),  # non-ASCII indicator
        ([("245", b"10\x1fa\x1f\x1fbJudul")], "00000nam a2200000 a 4500"),  # empty subfield
        ([("245", b"10\x1f\xc3\xa9Judul")], "00000nam a2200000 a 4500"),  # non-ASCII code
        ([("245", b"10x\x1faJudul")], "00000nam a2200000 a 4500"),  # a third indicator
    ],
)
def test_a_record_that_reading_cleans_is_written_anew(fields, leader):
    [record] = read(raw_record([("001", b"PK1"), *fields], leader=leader))
    assert record.kept is None
    assert marc_for_storage(record) == written_anew(record)


def test_a_record_whose_leader_misstates_its_length_is_written_anew():
    data = raw_record([("001", b"PK1"), ("245", b"10\x1faJudul")])
    data = b"%05d" % (len(data) + 7) + data[5:]
    [record] = read(data)
    assert record.kept is None
    assert marc_for_storage(record)[:5] == b"%05d" % len(data)
