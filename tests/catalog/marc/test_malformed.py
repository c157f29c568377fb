"""Malformed input: truncated records, bad directories, bad indicators, invalid
UTF-8, MARC-8 escapes, a corrupt leader, broken XML. Good records in the same
file are imported, bad ones reported with their position, nothing half-written."""

import pytest
from django.utils import translation

from pustaka.catalog.marc import importing
from pustaka.catalog.marc.importing import marc_import
from pustaka.catalog.marc.reading import grouped
from pustaka.catalog.models import Record, RecordMarc
from pustaka.core.models import ChangeLog
from tests.catalog.marc.conftest import book, raw_record

GOOD_1 = book(1, "Budidaya Lele di Kolam Terpal")
GOOD_3 = book(3, "Cerita Rakyat Kutai")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True, params=[False, True], ids=["read_here", "read_in_second_process"])
def _reader(request, monkeypatch):
    """Every case is read in this process and in a second one, with the same outcome."""
    monkeypatch.setattr(importing, "_parallel_pays", lambda total: request.param)


def imported(admin, library, data: bytes):
    report = marc_import(actor=admin, source=data, library=library)
    titles = sorted(Record.objects.values_list("title", flat=True))
    return report, titles


def assert_only_good_ones(report, titles, *, position: int, reason: str):
    assert titles == ["Budidaya Lele di Kolam Terpal", "Cerita Rakyat Kutai"]
    assert report.imported == 2
    assert report.errors == [{"position": position, "reason": reason}]


def test_a_truncated_last_record_is_reported(admin, library_a):
    # given a file whose last record is cut in the middle
    cut = book(4, "Buku Terpotong")
    data = GOOD_1 + GOOD_3 + cut[: len(cut) // 2]
    # when imported
    report, titles = imported(admin, library_a, data)
    # then the two whole records are in and the cut one is reported at its offset
    offset = len(GOOD_1 + GOOD_3)
    assert_only_good_ones(
        report,
        titles,
        position=3,
        reason=f"record 3 (byte {offset}): "
        "the record is cut short: the file ends before the record does",
    )


def test_a_directory_entry_pointing_past_the_end_is_reported(admin, library_a):
    bad = bytearray(book(2, "Buku Rusak"))
    # the second entry (245) says its field starts at 99999 (byte 24 + 12 + 7)
    bad[24 + 12 + 7 : 24 + 12 + 12] = b"99999"
    report, titles = imported(admin, library_a, GOOD_1 + bytes(bad) + GOOD_3)
    assert_only_good_ones(
        report,
        titles,
        position=2,
        reason=f"record 2 (byte {len(GOOD_1)}): "
        "the directory points past the end of the record (field 245)",
    )


def test_a_directory_that_is_not_digits_is_reported(admin, library_a):
    bad = bytearray(book(2, "Buku Rusak"))
    bad[24 + 3 : 24 + 7] = b"x0!0"
    report, titles = imported(admin, library_a, GOOD_1 + bytes(bad) + GOOD_3)
    assert_only_good_ones(
        report,
        titles,
        position=2,
        reason=f"record 2 (byte {len(GOOD_1)}): the directory is corrupt at entry 1",
    )


def test_a_corrupt_leader_in_the_middle_is_reported_and_the_rest_imported(admin, library_a):
    bad = b"#!?&*" + book(2, "Buku Rusak")[5:12] + b"abcde" + book(2, "Buku Rusak")[17:]
    report, titles = imported(admin, library_a, GOOD_1 + bad + GOOD_3)
    assert_only_good_ones(
        report,
        titles,
        position=2,
        reason=f"record 2 (byte {len(GOOD_1)}): "
        "the leader is corrupt: its record length or base address is not a number",
    )


def test_a_wrong_record_length_in_the_leader_is_tolerated(admin, library_a):
    # the record terminator, not the leader's length, delimits a record
    wrong = b"00001" + book(2, "Panjang Salah")[5:]
    report, titles = imported(admin, library_a, GOOD_1 + wrong + GOOD_3)
    assert report.errors == []
    assert "Panjang Salah" in titles


def test_non_ascii_indicators_and_leader_bytes_are_blanked_and_imported(admin, library_a):
    # given a UTF-8 record with no-break spaces (Latin-1 0xA0) as 245 indicators
    # and in its leader
    data = raw_record(
        [("001", b"PK9"), ("245", b"\xa0\xa0\x1faBuku Indikator")],
        leader="00000nam a2200000\xa0a 4500",
    ).replace(b"\xc2\xa0", b"\xa0")
    assert b"\xa0\xa0\x1f" in data
    # when imported
    report, titles = imported(admin, library_a, data)
    # then it is in, and its kept MARC has blank indicators
    assert report.errors == []
    assert titles == ["Buku Indikator"]
    kept = bytes(RecordMarc.objects.get().data)
    assert b"  \x1faBuku Indikator" in kept
    assert kept[17] == ord(" ")
    # and a warning names the record and the field
    assert report.warnings == [
        "record 1 (byte 0): the indicators of field 245 are not valid: read as blanks"
    ]


def test_invalid_utf8_in_a_utf8_record_is_reported_with_its_byte(admin, library_a):
    # given a record that says UTF-8 (leader/09 "a") with a byte that is not UTF-8
    bad = book(2, "Buku Rusak", leader="00000nam a2200000 a 4500").replace(b"Rusak", b"R\xffsak")
    data = GOOD_1 + bad + GOOD_3
    # when imported
    report, titles = imported(admin, library_a, data)
    # then it is reported with the offset of the bad byte, and nothing of it is kept
    offset = grouped(data.index(b"\xff"))
    assert_only_good_ones(
        report,
        titles,
        position=2,
        reason=f"record 2 (byte {len(GOOD_1)}): the text is not valid UTF-8 (byte {offset})",
    )


def test_utf8_data_under_a_marc8_leader_is_read_as_utf8(admin, library_a):
    data = book(5, "Perpustakaan Désa", leader="00000nam  2200000 a 4500")
    report, titles = imported(admin, library_a, data)
    assert report.errors == []
    assert titles == ["Perpustakaan Désa"]


def test_marc8_escape_sequences_are_decoded(admin, library_a):
    # given a MARC-8 record: an ANSEL acute accent before "e", and an escape to
    # the Greek symbols set where "b" is beta, then back to ASCII
    title = b"Caf\xe2e \x1bgb\x1bs kampung"
    data = raw_record(
        [("001", b"M8"), ("245", b"10\x1fa" + title)], leader="00000nam  2200000 a 4500"
    )
    # when imported
    report, titles = imported(admin, library_a, GOOD_1 + data)
    # then it is in, decoded, and kept as UTF-8
    assert report.errors == []
    assert "Café β kampung" in titles
    kept = bytes(RecordMarc.objects.get(record__control_number="M8").data)
    assert kept[9] == ord("a")
    assert "Café β kampung".encode() in kept


def test_records_of_a_bad_file_leave_no_change_log_rows(admin, library_a):
    # given a file where every record is bad
    bad = book(2, "Buku Rusak")[:40]
    before = ChangeLog.objects.count()
    # when imported
    report, titles = imported(admin, library_a, bad)
    # then nothing was written
    assert titles == []
    assert report.imported == 0
    assert len(report.errors) == 1
    assert ChangeLog.objects.count() == before


def test_a_record_without_a_title_is_reported(admin, library_a):
    untitled = raw_record([("001", b"PK2"), ("500", b"  \x1faTanpa judul")])
    report, titles = imported(admin, library_a, GOOD_1 + untitled + GOOD_3)
    assert_only_good_ones(
        report,
        titles,
        position=2,
        reason=f"record 2 (byte {len(GOOD_1)}): A record needs a title.",
    )


XML_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def xml_record(control_number: str, title: str | bytes) -> bytes:
    title = title if isinstance(title, bytes) else title.encode()
    return (
        b"<record><leader>00000nam a2200000 a 4500</leader>\n"
        b'<controlfield tag="001">' + control_number.encode() + b"</controlfield>\n"
        b'<datafield tag="245" ind1="1" ind2="0"><subfield code="a">'
        + title
        + b"</subfield></datafield>\n</record>\n"
    )


def test_malformed_xml_is_reported_with_its_line_and_reading_resumes(admin, library_a):
    # given a collection whose second record (from line 7) has a mismatched tag on line 9
    broken = xml_record("X2", "Buku Rusak").replace(b"</subfield>", b"</subfeld>")
    data = (
        XML_HEAD
        + b'<collection xmlns="http://www.loc.gov/MARC21/slim">\n'
        + xml_record("X1", "Budidaya Lele di Kolam Terpal")
        + broken
        + xml_record("X3", "Cerita Rakyat Kutai")
        + b"</collection>\n"
    )
    # when imported
    report, titles = imported(admin, library_a, data)
    # then the records around it are in, and the broken one is reported at its line
    assert_only_good_ones(
        report,
        titles,
        position=2,
        reason="record 2 (line 7): the XML is malformed at line 9: mismatched tag",
    )


def test_a_bare_xml_record_without_collection_is_read(admin, library_a):
    report, titles = imported(admin, library_a, XML_HEAD + xml_record("X1", "Satu Saja"))
    assert (report.imported, report.errors, report.warnings) == (1, [], [])
    assert titles == ["Satu Saja"]


def test_several_xml_roots_are_read_with_a_warning(admin, library_a):
    data = XML_HEAD + xml_record("X1", "Satu") + XML_HEAD + xml_record("X2", "Dua")
    report, titles = imported(admin, library_a, data)
    assert titles == ["Dua", "Satu"]
    assert report.errors == []
    assert report.warnings == [
        "the file has 2 root elements instead of one <collection>; each was read"
    ]


def test_xml_in_latin1_is_read_by_its_declared_encoding(admin, library_a):
    data = b'<?xml version="1.0" encoding="ISO-8859-1"?>\n' + xml_record("X1", b"Caf\xe9")
    report, titles = imported(admin, library_a, data)
    assert report.errors == []
    assert titles == ["Caf\u00e9"]


def test_an_empty_file_says_so(admin, library_a):
    report, titles = imported(admin, library_a, b"\n")
    assert (report.imported, report.errors, titles) == (0, [], [])
    assert report.warnings == ["the file holds no MARC records"]


def test_bad_indicators_in_xml_are_read_as_blanks_with_a_warning(admin, library_a):
    # given a MARCXML record whose 245 has a two-letter first indicator
    record = xml_record("X1", "Budidaya Lele di Kolam Terpal").replace(
        b'tag="245" ind1="1"', b'tag="245" ind1="10"'
    )
    assert b'ind1="10"' in record
    data = XML_HEAD + b'<collection xmlns="http://www.loc.gov/MARC21/slim">\n'
    report, titles = imported(admin, library_a, data + record + b"</collection>\n")
    # then it is imported, with a warning that names it
    assert titles == ["Budidaya Lele di Kolam Terpal"]
    assert report.warnings == [
        "record 1 (line 3): the indicators of field 245 are not valid: read as blanks"
    ]
