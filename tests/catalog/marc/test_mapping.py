"""What Pustaka reads from a MARC record (no database needed)."""

import decimal

import pytest

from pustaka.catalog.marc.mapping import fields_from_marc, items_from_marc, strip_isbd
from tests.catalog.marc.conftest import data_field, marc_record


def test_title_parts_lose_their_isbd_punctuation():
    record = marc_record(title="x")
    record.remove_fields("245")
    record.add_ordered_field(
        data_field("245", "1", "0", a="Budidaya lele :", b="panduan praktis /", c="Siti Aminah.")
    )
    fields = fields_from_marc(record)
    assert (fields["title"], fields["subtitle"], fields["responsibility"]) == (
        "Budidaya lele",
        "panduan praktis",
        "Siti Aminah",
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Judul /", "Judul"),
        ("Cerita rakyat.", "Cerita rakyat"),
        ("Smith, J.", "Smith, J."),
        ("Tunggu...", "Tunggu..."),
    ],
)
def test_strip_isbd_keeps_initials_and_ellipses(value, expected):
    assert strip_isbd(value) == expected


def test_authors_with_roles_from_e_or_4_and_author_by_default():
    record = marc_record(
        fields=[
            data_field("100", "1", " ", a="Aminah, Siti,", d="1970-"),
            data_field("700", "1", " ", a="Wijaya, Budi,", e="editor."),
            data_field("700", "1", " ", a="Lestari, Dewi.", _4="ill"),
            data_field("710", "2", " ", a="Dinas Perikanan.", b="Bidang Budidaya."),
        ]
    )
    assert fields_from_marc(record)["authors"] == [
        {"name": "Aminah, Siti", "role": "author"},
        {"name": "Wijaya, Budi", "role": "editor"},
        {"name": "Lestari, Dewi", "role": "illustrator"},
        {"name": "Dinas Perikanan. Bidang Budidaya", "role": "author"},
    ]


def test_publication_from_264_first_and_the_first_year_in_c():
    record = marc_record(
        fields=[
            data_field("260", a="Bandung :", b="Lama,", c="1999."),
            data_field(
                "264", " ", "1", a="Jakarta :", b="Gramedia Pustaka Utama,", c="c2019, cetak 2021"
            ),
        ]
    )
    fields = fields_from_marc(record)
    assert (fields["place"], fields["publisher"], fields["year"]) == (
        "Jakarta",
        "Gramedia Pustaka Utama",
        2019,
    )


def test_invalid_isbns_are_left_out_and_valid_ones_normalised():
    record = marc_record(isbn="602-03-3295-0 (pbk.)")
    record.add_ordered_field(data_field("020", a="1234567890"))
    assert fields_from_marc(record)["isbns"] == ["9786020332956"]


def test_language_from_041_else_from_the_008():
    assert fields_from_marc(marc_record())["language"] == "ind"
    record = marc_record(fields=[data_field("041", "0", " ", a="jav")])
    assert fields_from_marc(record)["language"] == "jav"


def test_subjects_join_their_subdivisions():
    record = marc_record(
        fields=[
            data_field("650", " ", "0", a="Fish culture", z="Indonesia", x="Handbooks."),
            data_field("651", " ", "0", a="Kutai Kartanegara (Indonesia)", v="Maps."),
            data_field("650", " ", "0", a="Fish culture", z="Indonesia", x="Handbooks."),
        ]
    )
    assert fields_from_marc(record)["subjects"] == [
        "Fish culture -- Indonesia -- Handbooks",
        "Kutai Kartanegara (Indonesia) -- Maps",
    ]


def test_series_notes_edition_physical_description_and_ddc():
    record = marc_record(
        fields=[
            data_field("082", "0", "4", a="639.3"),
            data_field("250", a="Cet. 2."),
            data_field("300", a="120 hlm. :", b="ilus. ;", c="21 cm."),
            data_field("490", "0", " ", a="Seri pertanian ;", v="3"),
            data_field("500", a="Indeks."),
            data_field("520", a="Panduan beternak lele."),
        ]
    )
    fields = fields_from_marc(record)
    assert fields["ddc"] == "639.3"
    assert fields["edition"] == "Cet. 2"
    assert fields["physical_description"] == "120 hlm. : ilus. ; 21 cm"
    assert fields["series"] == "Seri pertanian"
    assert fields["notes"] == "Indeks.\n\nPanduan beternak lele."


@pytest.mark.parametrize(
    "leader_type, expected",
    [
        ("am", "book"),
        ("tm", "book"),
        ("as", "magazine"),
        ("em", "map"),
        ("gm", "video"),
        ("jm", "audio"),
        ("im", "audio"),
        ("cm", "score"),
        ("km", "picture"),
        ("mm", "ebook"),
        ("rm", "other"),
    ],
)
def test_material_type_from_the_leader(leader_type, expected):
    record = marc_record(leader=f"00000n{leader_type} a2200000 a 4500")
    assert fields_from_marc(record)["material_type"] == expected


def test_audience_from_the_008_and_childrens_picture_books():
    # the builder's 008 has "j" (juvenile) at position 22
    record = marc_record()
    assert fields_from_marc(record)["audience"] == "children"
    record.add_ordered_field(data_field("655", " ", "7", a="Picture books.", _2="lcgft"))
    assert fields_from_marc(record)["material_type"] == "picture_book"


def test_control_number_and_source():
    record = marc_record(control_number=" ocm20612671 ")
    record.add_ordered_field(data_field("003", a="x"))  # not a control field: ignored
    fields = fields_from_marc(record)
    assert (fields["control_number"], fields["control_source"]) == ("ocm20612671", "")


def test_items_from_952_and_852():
    record = marc_record(
        fields=[
            data_field("852", "0", " ", a="dsa", h="639.3", i="SIT b", c="Rak 2", p="A-1"),
            data_field(
                "952", a="DSB", b="DSB", p="B-1", o="899.2", _8="FIK", d="2024-02-30", g="Rp 45.000"
            ),
        ]
    )
    first, second = items_from_marc(record)
    assert (first.library_codes, first.barcode, first.call_number, first.shelf) == (
        ("DSB",),
        "B-1",
        "899.2",
        "FIK",
    )
    assert (first.acquired_on, first.price) == (None, decimal.Decimal(45000))
    assert (second.library_codes, second.barcode, second.call_number, second.shelf) == (
        ("DSA",),
        "A-1",
        "639.3 SIT b",
        "Rak 2",
    )
