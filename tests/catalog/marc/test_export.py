"""MARC export: the kept original comes back, edits are rebuilt, records typed
in Pustaka are built whole, a library's holdings carry its copies as 952."""

import io
import json

import pymarc
import pytest
from django.core.management import call_command
from django.utils import translation

from pustaka.catalog import services
from pustaka.catalog.marc.exporting import marc_export
from pustaka.catalog.marc.importing import marc_import
from pustaka.catalog.marc.mapping import current_fields, fields_from_marc
from pustaka.catalog.models import Record
from tests.catalog.marc.conftest import data_field, marc_bytes, marc_record


def exported(**options) -> list[pymarc.Record]:
    stream = io.BytesIO()
    marc_export(stream=stream, **options)
    return list(pymarc.MARCReader(stream.getvalue(), to_unicode=True))


def subfields(field) -> list[tuple[str, str]]:
    return [(sub.code, sub.value) for sub in field.subfields]


def test_an_edited_record_keeps_the_fields_pustaka_does_not_edit(admin, library_a):
    # given an imported record with fields Pustaka does not map
    original = marc_record(
        control_number="03-0018137",
        title="Friendly fire /",
        fields=[
            data_field("035", a="(Sirsi) a353305"),
            data_field("260", a="Hollywood, CA :", b="Blue Note,", c="1999"),
            data_field("511", a="Joe Lovano, saxophones"),
        ],
    )
    original["245"].add_subfield("h", "[sound recording]", pos=1)
    marc_import(actor=admin, source=marc_bytes(original), library=library_a)
    record = Record.objects.get()
    # when its year and subjects are edited in Pustaka
    services.record_update(
        actor=admin, record=record, changes={"year": 2001, "subjects": ["Jazz -- 1991-2000"]}
    )
    # then the export has the untouched fields as they were and the edited ones rebuilt
    (marc,) = exported()
    assert subfields(marc["035"]) == [("a", "(Sirsi) a353305")]
    assert subfields(marc["511"]) == [("a", "Joe Lovano, saxophones")]
    assert subfields(marc["245"]) == [("a", "Friendly fire /"), ("h", "[sound recording]")]
    assert marc.get_fields("260") == []
    assert subfields(marc["264"]) == [("a", "Hollywood, CA"), ("b", "Blue Note"), ("c", "2001")]
    assert subfields(marc["650"]) == [("a", "Jazz"), ("x", "1991-2000")]
    assert fields_from_marc(marc) == current_fields(record)


def test_a_record_typed_in_pustaka_is_built_whole(admin):
    # given a record catalogued by hand, without MARC
    record = services.record_create(
        actor=admin,
        fields={
            "title": "Si Kancil dan Buaya",
            "subtitle": "cerita rakyat",
            "responsibility": "diceritakan kembali oleh Dewi Lestari",
            "authors": [{"name": "Lestari, Dewi", "role": "author"}],
            "publisher": "Balai Pustaka",
            "place": "Jakarta",
            "year": 2018,
            "edition": "Cet. 3",
            "isbns": ["978-602-03-3295-6"],
            "language": "ind",
            "ddc": "398.2",
            "subjects": ["Cerita rakyat -- Indonesia"],
            "series": "Seri cerita rakyat",
            "physical_description": "32 hlm. : ilus. ; 24 cm",
            "material_type": "picture_book",
            "audience": "children",
            "notes": "Untuk anak 5-8 tahun.\n\nDongeng dari Kalimantan.",
        },
    )
    # when exported
    (marc,) = exported()
    # then reading the MARC back gives the same description, its id as 001
    fields = fields_from_marc(marc)
    assert fields.pop("control_number") == str(record.pk)
    expected = current_fields(record)
    expected.pop("control_number")
    assert fields == expected
    assert str(marc.leader)[6:8] == "am"


def test_a_librarys_export_has_its_copies_as_952(admin, library_a, library_b):
    # given a record held by both libraries and one held by B only
    held_by_both = marc_record(
        control_number="PK1",
        title="Dipegang Dua",
        fields=[
            data_field("952", a="DSA", p="A-1", o="639.3 SIT b"),
            data_field("952", a="DSB", p="B-1"),
        ],
    )
    held_by_b = marc_record(
        control_number="PK2", title="Hanya B", fields=[data_field("952", a="DSB", p="B-2")]
    )
    marc_import(actor=admin, source=marc_bytes(held_by_both, held_by_b), library=library_a)
    # when library A's holdings are exported
    (marc,) = exported(library=library_a)
    # then only its record comes, with only its copy
    assert marc["245"]["a"] == "Dipegang Dua"
    assert [subfields(field) for field in marc.get_fields("952")] == [
        [("a", "DSA"), ("p", "A-1"), ("o", "639.3 SIT b"), ("7", "available")]
    ]
    # and the union catalogue gives the records as imported
    union = exported()
    assert sorted(len(record.get_fields("952")) for record in union) == [1, 2]


def test_xml_export_is_a_marcxml_collection(admin, library_a):
    marc_import(actor=admin, source=marc_bytes(marc_record(title="Satu")), library=library_a)
    stream = io.BytesIO()
    assert marc_export(stream=stream, fmt="xml") == 1
    assert stream.getvalue().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<collection')
    (record,) = pymarc.parse_xml_to_array(io.BytesIO(stream.getvalue()))
    assert record["245"]["a"] == "Satu"


def test_import_marc_json_last_line_is_the_summary(admin, library_a, tmp_path):
    # given a file with a good and a bad record
    good = marc_bytes(marc_record(control_number="PK1"))
    path = tmp_path / "koleksi.mrc"
    path.write_bytes(good + b"00099nam a22#####")
    out = io.StringIO()
    # when imported from the command line with --json
    with translation.override("en"):
        call_command("import-marc", str(path), "--library", "dsa", "--json", stdout=out)
    # then its last line is one JSON object with exactly the agreed keys
    summary = json.loads(out.getvalue().strip().splitlines()[-1])
    assert set(summary) == {"imported", "updated", "skipped", "errors"}
    assert (summary["imported"], summary["updated"], summary["skipped"]) == (1, 0, 0)
    assert summary["errors"] == [
        {
            "position": 2,
            "reason": f"record 2 (byte {len(good)}): the record is only 17 bytes long, "
            "too short for its leader",
        }
    ]


def test_import_marc_human_output_lists_the_errors(admin, library_a, tmp_path):
    good = marc_bytes(marc_record(control_number="PK1"))
    path = tmp_path / "koleksi.mrc"
    path.write_bytes(good + b"00099nam a22#####")
    out = io.StringIO()
    with translation.override("en"):
        call_command("import-marc", str(path), "--library", "DSA", "--as", "admin", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == ("Imported 1, updated 0, skipped 0 of 2 records; 0 copies added; 1 errors.")
    assert lines[1] == (
        f"error: record 2 (byte {len(good)}): the record is only 17 bytes long, "
        "too short for its leader"
    )


def test_import_marc_refuses_an_unknown_library(admin, tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "koleksi.mrc"
    path.write_bytes(marc_bytes(marc_record()))
    with pytest.raises(CommandError, match="XYZ"):
        call_command("import-marc", str(path), "--library", "XYZ")


def test_export_marc_writes_a_librarys_holdings_to_a_file(admin, library_a, tmp_path):
    fields = [data_field("952", a="DSA", p="A-1")]
    marc_import(
        actor=admin, source=marc_bytes(marc_record(title="Satu", fields=fields)), library=library_a
    )
    marc_import(actor=admin, source=marc_bytes(marc_record(title="Lain")), library=library_a)
    output = tmp_path / "dsa.xml"
    call_command(
        "export-marc",
        "--library",
        "DSA",
        "--format",
        "xml",
        "--output",
        str(output),
        stderr=io.StringIO(),
    )
    (record,) = pymarc.parse_xml_to_array(str(output))
    assert record["245"]["a"] == "Satu"
    assert record["952"]["p"] == "A-1"
