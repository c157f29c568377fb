"""Round trip: every real record in ../shared/data/marc imports and exports with
its fields intact, compared field by field (tag, indicators, subfields)."""

import io
import re
from collections import Counter

import pymarc
import pytest
from django.utils import translation

from pustaka.catalog.marc.exporting import marc_export
from pustaka.catalog.marc.importing import marc_import
from pustaka.catalog.models import Record
from tests.catalog.marc.conftest import MARC_DIR, UTF8_UNDER_MARC8_LEADER, real_marc_files

FILES = [path.relative_to(MARC_DIR).as_posix() for path in real_marc_files()] or ["(absent)"]


def read_with_pymarc(path) -> list[pymarc.Record]:
    """The records of a real file as pymarc reads them (the reference)."""
    if path.suffix == ".xml":
        data = re.sub(rb"<\?xml[^>]*\?>", b"", path.read_bytes())
        if b"<collection" not in data:  # several root elements: wrap them for pymarc
            data = b"<collection>" + data + b"</collection>"
        return pymarc.parse_xml_to_array(io.BytesIO(data))
    with path.open("rb") as handle:
        reader = pymarc.MARCReader(
            handle,
            to_unicode=True,
            force_utf8=path.name in UTF8_UNDER_MARC8_LEADER,
            hide_utf8_warnings=True,
        )
        return list(reader)


def comparable(record: pymarc.Record) -> tuple:
    """Leader (without length, base address and encoding) and every field."""
    leader = str(record.leader)
    fields = tuple(
        (field.tag, field.data)
        if field.control_field
        else (field.tag, *field.indicators, tuple((s.code, s.value) for s in field.subfields))
        for field in record.fields
    )
    return (leader[5:9] + leader[10:12] + leader[17:], fields)


def assert_same_records(expected: list, exported: list) -> None:
    wanted, got = Counter(map(comparable, expected)), Counter(map(comparable, exported))
    missing = wanted - got
    if missing:
        first = next(iter(missing))
        near = min(got, key=lambda other: len(set(first[1]) ^ set(other[1])))
        pytest.fail(
            f"{sum(missing.values())} record(s) changed; first one's fields lost: "
            f"{sorted(set(first[1]) - set(near[1]))[:3]}, got instead: "
            f"{sorted(set(near[1]) - set(first[1]))[:3]}, leader {first[0]!r} vs {near[0]!r}"
        )
    assert len(exported) == len(expected)


@pytest.mark.parametrize("name", FILES)
def test_every_real_record_imports_and_exports_with_its_fields_intact(
    name, marc_dir, admin, library_a
):
    # given a real file and the records pymarc reads from it
    path = marc_dir / name
    expected = read_with_pymarc(path)
    # when it is imported and the catalogue exported in both formats
    report = marc_import(actor=admin, source=path, library=library_a)
    binary, xml = io.BytesIO(), io.BytesIO()
    marc_export(stream=binary)
    marc_export(stream=xml, fmt="xml")
    # then every record came in, and comes out with the same fields
    assert report.errors == []
    assert report.imported == len(expected) == Record.objects.count()
    assert_same_records(expected, list(pymarc.MARCReader(binary.getvalue(), to_unicode=True)))
    assert_same_records(expected, pymarc.parse_xml_to_array(io.BytesIO(xml.getvalue())))


def test_several_root_elements_are_read_with_a_warning(marc_dir, admin, library_a):
    with translation.override("en"):
        report = marc_import(actor=admin, source=marc_dir / "serials_marc21.xml", library=library_a)
    assert report.imported == 7
    assert report.errors == []
    assert report.warnings == [
        "the file has 7 root elements instead of one <collection>; each was read"
    ]


def test_invalid_isbns_do_not_block_the_import_and_stay_in_the_marc(marc_dir, admin, library_a):
    # given records whose 020 fields hold wrong ISBNs
    path = marc_dir / "badisbns.xml"
    # when imported
    report = marc_import(actor=admin, source=path, library=library_a)
    # then every record is in, with only the valid ISBNs as identifiers
    assert report.imported == 10
    assert report.errors == []
    raw = [
        sub
        for rec in read_with_pymarc(path)
        for f in rec.get_fields("020")
        for sub in f.get_subfields("a")
    ]
    kept = [isbn for record in Record.objects.all() for isbn in record.isbns]
    assert raw and len(kept) < len(raw)
    assert all(len(isbn) == 13 and isbn.isdigit() for isbn in kept)
