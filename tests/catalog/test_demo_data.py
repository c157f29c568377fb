"""The demo catalogue generator: deterministic, realistic records and copies,
and the same records as MARC 21."""

import datetime
import io
import random
from collections import Counter

import pymarc
import pytest
from stdnum import isbn

from pustaka.catalog.demo_data import (
    generate_copies,
    generate_records,
    isbn13,
    main_entry_name,
    natural_order,
    record_as_marc,
    records_as_marc,
    responsibility,
    shelf_for,
    write_marc_file,
)
from pustaka.catalog.models import Audience, Item, MaterialType, Record
from pustaka.catalog.policies import call_number, name_is_inverted

RECORD_FIELDS = {
    "title", "subtitle", "responsibility", "authors", "publisher", "place", "year", "edition",
    "isbns", "language", "ddc", "subjects", "series", "physical_description", "material_type",
    "audience", "notes",
}  # fmt: skip
ROLES = {"author", "editor", "illustrator", "translator"}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(generate_records(20_000))


def test_the_same_seed_gives_the_same_records():
    assert list(generate_records(300, seed=7)) == list(generate_records(300, seed=7))


def test_another_seed_gives_other_records():
    first = [r["title"] for r in generate_records(50, seed=1)]
    second = [r["title"] for r in generate_records(50, seed=2)]
    assert first != second


def test_records_have_exactly_the_record_fields_of_the_model(records):
    model_fields = {field.name for field in Record._meta.get_fields()}
    assert model_fields >= RECORD_FIELDS
    assert all(set(record) == RECORD_FIELDS for record in records)


def test_every_record_is_complete_and_uses_valid_choices(records):
    for record in records:
        assert record["title"] and record["ddc"] and record["subjects"] and record["publisher"]
        assert record["material_type"] in MaterialType.values
        assert record["audience"] in Audience.values
        assert record["language"] in {"ind", "eng", "jav", "bjn"}
        assert 1985 <= record["year"] <= 2026
        assert all(set(author) == {"name", "role"} for author in record["authors"])
        assert {author["role"] for author in record["authors"]} <= ROLES


def test_isbns_are_valid_and_unique(records):
    numbers = [number for record in records for number in record["isbns"]]
    assert all(isbn.is_valid(number) and len(number) == 13 for number in numbers)
    assert len(numbers) == len(set(numbers))
    assert 0.8 <= len(numbers) / len(records) <= 0.9


def test_indonesian_isbns_follow_the_publication_year():
    assert isbn13(0, 2000) == "9789791047296"
    assert isbn13(0, 2010) == "9786021047293"
    assert isbn13(1, 2020) == "9786231126481"
    assert isbn13(2, 2020, english=True) == "9781841205670"


def test_isbns_stay_unique_past_a_million_records():
    assert isbn13(1_000_000, 2010) == "9791011047290"
    assert isbn.is_valid(isbn13(1_000_000, 2010))


def test_titles_are_mostly_distinct(records):
    distinct = len({record["title"] for record in records})
    assert distinct / len(records) >= 0.95


def test_about_fifteen_percent_are_in_english(records):
    languages = Counter(record["language"] for record in records)
    assert 0.12 <= languages["eng"] / len(records) <= 0.18
    assert languages["ind"] > languages["eng"] > languages["jav"] > 0
    assert languages["bjn"] > 0


def test_material_types_are_mostly_books_with_a_few_of_each_other_kind(records):
    types = Counter(record["material_type"] for record in records)
    assert types["book"] / len(records) > 0.7
    assert types["picture_book"] > types["magazine"] > 0
    assert min(types["ebook"], types["audio"], types["video"], types["map"]) > 0


@pytest.mark.parametrize(
    ("subject", "class_prefix"),
    [
        ("Perikanan", "639"),
        ("Peternakan", "63"),
        ("Fiksi Indonesia", "899.221"),
        ("Cerita rakyat -- Kalimantan Timur", "398.2"),
        ("Al-Quran -- Tafsir", "297"),
        ("Posyandu", "362"),
        ("Menjahit", "646"),
        ("Pemasaran digital", "658"),
        ("Kutai Kartanegara -- Sejarah", "959.8"),
        ("Fiksi Inggris", "8"),
    ],
)
def test_classes_agree_with_subjects(records, subject, class_prefix):
    classes = {record["ddc"] for record in records if subject in record["subjects"]}
    assert classes
    assert all(ddc.startswith(class_prefix) for ddc in classes)


def test_picture_books_are_for_children(records):
    audiences = {r["audience"] for r in records if r["material_type"] == "picture_book"}
    assert audiences <= {"children", "general"}


def test_indonesian_names_are_mostly_in_natural_order_some_with_titles(records):
    names = [a["name"] for r in records if r["language"] == "ind" for a in r["authors"]]
    inverted = [name for name in names if name_is_inverted(name)]
    assert 0 < len(inverted) / len(names) < 0.1
    assert any(name.startswith(("Dr. ", "H. ", "Ir. ", "dr. ")) for name in names)
    assert any(name.endswith((", S.Pd.", ", M.Si.", ", S.P.")) for name in names)


def test_english_authors_are_written_surname_first(records):
    names = [a["name"] for r in records if r["language"] == "eng" for a in r["authors"]]
    assert names and all(", " in name for name in names)


def test_some_notes_mention_words_of_other_records_titles(records):
    notes = [r for r in records if "lele" in r["notes"] and "Lele" not in r["title"]]
    titles = [r for r in records if "Lele" in r["title"]]
    assert notes and titles


def test_responsibility_statement_in_indonesian():
    authors = [
        {"name": "Sri Wahyuni", "role": "author"},
        {"name": "Budi Santoso", "role": "author"},
        {"name": "Hartono, Dodo", "role": "illustrator"},
    ]
    assert (
        responsibility(authors, "ind") == "Sri Wahyuni dan Budi Santoso ; ilustrator, Dodo Hartono"
    )


def test_responsibility_statement_in_english():
    authors = [
        {"name": "Donaldson, Julia", "role": "author"},
        {"name": "Scheffler, Axel", "role": "illustrator"},
    ]
    assert responsibility(authors, "eng") == "by Julia Donaldson ; illustrated by Axel Scheffler"


def test_natural_order_leaves_degrees_in_place():
    assert natural_order("Smith, John A.") == "John A. Smith"
    assert natural_order("Sri Wahyuni, S.Pd.") == "Sri Wahyuni, S.Pd."


def test_copies_carry_the_call_number_and_valid_choices(records):
    rng = random.Random(3)
    counts = Counter()
    for index, record in enumerate(records[:3000]):
        copies = generate_copies(index, record, ["DSA", "DSB", "TBC"], rng)
        counts[len(copies)] += 1
        expected_number = call_number(record["ddc"], main_entry_name(record), record["title"])
        first_day = datetime.date(max(record["year"], 2000), 1, 1)
        for number, copy in enumerate(copies, start=1):
            assert copy["barcode"] == f"{copy['library_code']}-D{index:07d}-{number}"
            assert copy["library_code"] in {"DSA", "DSB", "TBC"}
            assert copy["call_number"] == expected_number
            assert first_day <= copy["acquired_on"] <= datetime.date(2026, 10, 31)
            assert copy["source"] in Item.Source.values
            assert copy["condition"] in Item.Condition.values
            price = copy["price"]
            assert (price is None and copy["source"] == "donation") or (
                25_000 <= price <= 150_000 and price % 500 == 0
            )
    assert set(counts) == {1, 2, 3, 4}


def test_a_work_without_an_author_files_under_its_title():
    record = {
        "ddc": "912.5983",
        "title": "Peta Kabupaten Kutai Kartanegara 2024",
        "authors": [],
        "year": 2024,
        "audience": "general",
        "material_type": "map",
    }
    assert main_entry_name(record) == ""
    copies = generate_copies(0, record, ["DSA"], random.Random(1))
    assert copies[0]["call_number"] == "912.5983 PET p"


@pytest.mark.parametrize(
    ("ddc", "audience", "material", "shelf"),
    [
        ("899.2213", "children", "picture_book", "Rak Anak"),
        ("899.2213", "adults", "book", "Rak Fiksi"),
        ("639.3", "adults", "book", "Rak 600"),
        ("912.5983", "general", "map", "Rak Referensi"),
        ("630.5", "adults", "magazine", "Rak Majalah"),
    ],
)
def test_shelf_follows_audience_and_class(ddc, audience, material, shelf):
    assert shelf_for({"ddc": ddc, "audience": audience, "material_type": material}) == shelf


# --- MARC ---------------------------------------------------------------------------

BUMI_MANUSIA = {
    "title": "Bumi Manusia",
    "subtitle": "sebuah novel",
    "responsibility": "Pramoedya Ananta Toer ; editor, Joesoef Isak",
    "authors": [
        {"name": "Pramoedya Ananta Toer", "role": "author"},
        {"name": "Isak, Joesoef", "role": "editor"},
    ],
    "publisher": "Lentera Dipantara",
    "place": "Jakarta",
    "year": 2005,
    "edition": "Cet. 2",
    "isbns": ["9789799731234"],
    "language": "ind",
    "ddc": "899.2213",
    "subjects": [
        "Fiksi Indonesia",
        "Cerita rakyat -- Kalimantan Timur",
        "Kutai Kartanegara -- Sejarah",
    ],
    "series": "Tetralogi Buru",
    "physical_description": "xii, 535 hlm. : ilus. ; 20 cm",
    "material_type": "book",
    "audience": "adults",
    "notes": "Kisah Minke di masa kolonial.\nBibliografi: hlm. 530-535.\nIndeks.",
}


def _subfields(field: pymarc.Field) -> list[tuple[str, str]]:
    return [(subfield.code, subfield.value) for subfield in field.subfields]


def test_a_record_becomes_marc_with_isbd_punctuation():
    marc = record_as_marc(BUMI_MANUSIA, 42)
    assert str(marc.leader) == "00000nam a2200000 i 4500"
    assert marc["001"].data == "PUSTAKA-DEMO-42"
    assert marc["003"].data == "PUSTAKA"
    assert marc["008"].data == "261101s2005    io a   e      001 1 ind d"
    assert marc["020"]["a"] == "9789799731234"
    assert _subfields(marc["082"]) == [("a", "899.2213"), ("2", "23")]
    assert list(marc["100"].indicators) == ["0", " "]
    assert _subfields(marc["100"]) == [("a", "Pramoedya Ananta Toer,"), ("e", "author.")]
    assert list(marc["245"].indicators) == ["1", "0"]
    assert _subfields(marc["245"]) == [
        ("a", "Bumi Manusia :"),
        ("b", "sebuah novel /"),
        ("c", "Pramoedya Ananta Toer ; editor, Joesoef Isak."),
    ]
    assert marc["250"]["a"] == "Cet. 2."
    assert list(marc["264"].indicators) == [" ", "1"]
    assert _subfields(marc["264"]) == [
        ("a", "Jakarta :"),
        ("b", "Lentera Dipantara,"),
        ("c", "2005."),
    ]
    assert _subfields(marc["300"]) == [("a", "xii, 535 hlm. :"), ("b", "ilus. ;"), ("c", "20 cm")]
    assert list(marc["490"].indicators) == ["0", " "] and marc["490"]["a"] == "Tetralogi Buru"
    assert [(f.tag, f["a"]) for f in marc.get_fields("500", "504", "520")] == [
        ("500", "Indeks."),
        ("504", "Bibliografi: hlm. 530-535."),
        ("520", "Kisah Minke di masa kolonial."),
    ]
    assert [(f.tag, _subfields(f)) for f in marc.get_fields("650", "651")] == [
        ("650", [("a", "Fiksi Indonesia")]),
        ("650", [("a", "Cerita rakyat"), ("z", "Kalimantan Timur")]),
        ("651", [("a", "Kutai Kartanegara"), ("x", "Sejarah")]),
    ]
    assert list(marc["700"].indicators) == ["1", " "]
    assert _subfields(marc["700"]) == [("a", "Isak, Joesoef,"), ("e", "editor.")]


def test_an_english_title_skips_its_article_when_filing():
    record = {**BUMI_MANUSIA, "title": "The Gruffalo", "subtitle": "", "language": "eng"}
    field = record_as_marc(record, 1)["245"]
    assert list(field.indicators) == ["1", "4"]
    assert field["a"] == "The Gruffalo /"


def test_an_edited_work_has_its_title_as_main_entry():
    record = {**BUMI_MANUSIA, "authors": [{"name": "Sri Wahyuni", "role": "editor"}]}
    marc = record_as_marc(record, 1)
    assert marc.get("100") is None
    assert marc["245"].indicators[0] == "0"
    assert marc["700"]["a"] == "Sri Wahyuni,"


@pytest.mark.parametrize(
    ("material", "leader_type"),
    [("book", "am"), ("picture_book", "am"), ("magazine", "as"), ("audio", "im"),
     ("video", "gm"), ("map", "em"), ("ebook", "am")],
)  # fmt: skip
def test_leader_type_follows_the_material(material, leader_type):
    marc = record_as_marc({**BUMI_MANUSIA, "material_type": material}, 1)
    assert str(marc.leader)[6:8] == leader_type
    assert len(marc["008"].data) == 40


def test_generated_records_title_field_holds_the_title(records):
    for record, marc in zip(records[:2000], records_as_marc(records[:2000]), strict=True):
        title_a = marc["245"]["a"]
        assert title_a.removesuffix(" :").removesuffix(" /").removesuffix(".") == record["title"]
        assert marc["008"].data[35:38] == record["language"]


def test_marc_round_trips_through_iso2709(records):
    originals = list(records_as_marc(records[:500]))
    buffer = io.BytesIO()
    writer = pymarc.MARCWriter(buffer)
    for marc in originals:
        writer.write(marc)
    writer.close(close_fh=False)
    read = list(pymarc.MARCReader(buffer.getvalue(), to_unicode=True, force_utf8=True))
    assert [m["001"].data for m in read] == [f"PUSTAKA-DEMO-{n}" for n in range(1, 501)]
    assert [m["245"].value() for m in read] == [m["245"].value() for m in originals]
    assert [m.as_marc() for m in read] == [m.as_marc() for m in originals]


def test_write_marc_file_in_both_formats(tmp_path, records):
    assert write_marc_file(tmp_path / "demo.mrc", records[:120]) == 120
    assert write_marc_file(tmp_path / "demo.xml", records[:120], fmt="xml") == 120
    with open(tmp_path / "demo.mrc", "rb") as handle:
        from_mrc = [m["245"]["a"] for m in pymarc.MARCReader(handle, to_unicode=True)]
    from_xml = [m["245"]["a"] for m in pymarc.parse_xml_to_array(str(tmp_path / "demo.xml"))]
    assert len(from_mrc) == 120
    assert from_mrc == from_xml


def test_write_marc_file_refuses_an_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="unknown MARC format"):
        write_marc_file(tmp_path / "demo.json", [BUMI_MANUSIA], fmt="json")
