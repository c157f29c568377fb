"""Record dicts as MARC 21 bibliographic records (UTF-8, ISBD punctuation,
IndoMARC practice), and files of them in ISO 2709 or MARCXML."""

import re
from collections.abc import Iterable, Iterator

import pymarc
from pymarc import Field, Indicators, Subfield

from pustaka.catalog.demo_data.people import COUNTRY_CODES
from pustaka.catalog.policies import filing_title, name_is_inverted

LEADER_TYPES = {
    "book": "am", "picture_book": "am", "magazine": "as", "ebook": "am", "audio": "im",
    "video": "gm", "map": "em", "score": "cm", "picture": "km", "other": "om",
}  # fmt: skip
AUDIENCE_CODES = {"children": "j", "teens": "d", "adults": "e", "general": "g"}
LITERARY_FORMS = (("899.2211", "p"), ("899.2213", "1"), ("823", "1"), ("813", "1"), ("398.2", "1"))
ENTERED_ON = "261101"
LAST_TRANSACTION = "20261101000000.0"
GEOGRAPHIC = frozenset(
    {"Indonesia", "Kalimantan", "Kalimantan Timur", "Kutai Kartanegara", "Samarinda", "Tenggarong"}
)
FORM_SUBDIVISIONS = frozenset({"Peta", "Majalah", "Soal-soal", "Kamus"})
INDEX_NOTE = re.compile(r"^(Indeks|Includes index)\.$", re.MULTILINE)
GENERAL_NOTE = re.compile(r"^(Judul asli|Indeks|Includes index|Untuk anak|Teks |Text )")


def _leader(record: dict) -> str:
    kind = LEADER_TYPES.get(record["material_type"], "am")
    return f"00000n{kind} a2200000 i 4500"


def _fixed_data(record: dict) -> str:
    """Field 008: date entered, publication date, place, audience, language."""
    year = record["year"]
    dates = f"s{year:04d}    " if year else "nuuuuuuuu"
    place = COUNTRY_CODES.get(record["place"], "io ")
    audience = AUDIENCE_CODES.get(record["audience"], " ")
    kind = LEADER_TYPES.get(record["material_type"], "am")[0]
    if kind == "a":
        illustrated = "a   " if re.search(r"\bil", record["physical_description"]) else "    "
        online = "o" if record["material_type"] == "ebook" else " "
        index = "1" if INDEX_NOTE.search(record["notes"]) else "0"
        form = next(
            (code for prefix, code in LITERARY_FORMS if record["ddc"].startswith(prefix)), "0"
        )
        material = f"{illustrated}{audience}{online}     00{index} {form} "
    elif kind == "e":
        material = " " * 17
    else:
        material = f"    {audience}" + " " * 12
    return f"{ENTERED_ON}{dates}{place}{material}{record['language'] or 'und'} d"


def _name_field(tag: str, author: dict) -> Field:
    first = "1" if name_is_inverted(author["name"]) else "0"
    name = author["name"] + ("" if author["name"].endswith(",") else ",")
    return Field(
        tag, Indicators(first, " "), [Subfield("a", name), Subfield("e", author["role"] + ".")]
    )


def _title_field(record: dict, has_main_entry: bool) -> Field:
    title, subtitle, statement = record["title"], record["subtitle"], record["responsibility"]
    nonfiling = len(title) - len(filing_title(title)) if record["language"] == "eng" else 0
    subfields = [Subfield("a", title + (" :" if subtitle else " /" if statement else "."))]
    if subtitle:
        subfields.append(Subfield("b", subtitle + (" /" if statement else ".")))
    if statement:
        subfields.append(Subfield("c", statement.rstrip(".") + "."))
    return Field(
        "245", Indicators("1" if has_main_entry else "0", str(min(nonfiling, 9))), subfields
    )


def _publication_field(record: dict) -> Field:
    year = str(record["year"]) if record["year"] else "[tahun terbit tidak diketahui]"
    return Field(
        "264",
        Indicators(" ", "1"),
        [
            Subfield("a", (record["place"] or "[tempat terbit tidak diketahui]") + " :"),
            Subfield("b", (record["publisher"] or "[penerbit tidak diketahui]") + ","),
            Subfield("c", year + "."),
        ],
    )


def _physical_field(description: str) -> Field:
    """Field 300 from "vi, 124 hlm. : ilus. ; 21 cm": extent, details, size."""
    extent, _, size = description.partition(" ; ")
    extent, _, details = extent.partition(" : ")
    subfields = [Subfield("a", extent + (" :" if details else " ;" if size else ""))]
    if details:
        subfields.append(Subfield("b", details + (" ;" if size else "")))
    if size:
        subfields.append(Subfield("c", size))
    return Field("300", Indicators(" ", " "), subfields)


def _subject_field(heading: str) -> Field:
    """650 (or 651 for a place) with the "--" subdivisions as $x, $z or $v."""
    main, *subdivisions = (part.strip() for part in heading.split("--"))
    geographic = main in GEOGRAPHIC or main.endswith(")")
    subfields = [Subfield("a", main)]
    for part in subdivisions:
        code = "z" if part in GEOGRAPHIC else ("v" if part in FORM_SUBDIVISIONS else "x")
        subfields.append(Subfield(code, part))
    return Field("651" if geographic else "650", Indicators(" ", "4"), subfields)


def _note_fields(notes: str) -> list[Field]:
    """500 general notes, 504 bibliography, 520 summary, in tag order."""
    fields = []
    for line in filter(None, (line.strip() for line in notes.splitlines())):
        tag = (
            "504"
            if line.startswith("Bibliografi")
            else "500"
            if GENERAL_NOTE.match(line)
            else "520"
        )
        fields.append(Field(tag, Indicators(" ", " "), [Subfield("a", line)]))
    return sorted(fields, key=lambda field: field.tag)


def _field(tag: str, code: str, value: str, indicators=(" ", " ")) -> Field:
    return Field(tag, Indicators(*indicators), [Subfield(code, value)])


def record_as_marc(record: dict, number: int) -> pymarc.Record:
    """One record dict as MARC 21 (UTF-8) with control number PUSTAKA-DEMO-<number>."""
    marc = pymarc.Record(leader=_leader(record), force_utf8=True)
    marc.add_field(
        Field("001", data=f"PUSTAKA-DEMO-{number}"),
        Field("003", data="PUSTAKA"),
        Field("005", data=LAST_TRANSACTION),
        Field("008", data=_fixed_data(record)),
    )
    marc.add_field(*(_field("020", "a", isbn) for isbn in record["isbns"]))
    marc.add_field(
        Field("040", Indicators(" ", " "), [Subfield("a", "PUSTAKA"), Subfield("b", "ind")])
    )
    if record["ddc"]:
        marc.add_field(
            Field("082", Indicators("0", "4"), [Subfield("a", record["ddc"]), Subfield("2", "23")])
        )
    main = next((a for a in record["authors"] if a["role"] == "author"), None)
    if main:
        marc.add_field(_name_field("100", main))
    marc.add_field(_title_field(record, main is not None))
    if record["edition"]:
        marc.add_field(_field("250", "a", record["edition"].rstrip(".") + "."))
    marc.add_field(_publication_field(record))
    if record["physical_description"]:
        marc.add_field(_physical_field(record["physical_description"]))
    if record["series"]:
        marc.add_field(_field("490", "a", record["series"], ("0", " ")))
    marc.add_field(*_note_fields(record["notes"]))
    marc.add_field(*(_subject_field(heading) for heading in record["subjects"]))
    marc.add_field(*(_name_field("700", a) for a in record["authors"] if a is not main))
    return marc


def records_as_marc(records: Iterable[dict]) -> Iterator[pymarc.Record]:
    """The records as MARC 21, numbered PUSTAKA-DEMO-1, -2, ... in order."""
    for number, record in enumerate(records, start=1):
        yield record_as_marc(record, number)


def write_marc_file(path, records: Iterable[dict], *, fmt: str = "mrc") -> int:
    """Write the records to ``path`` as ISO 2709 (``"mrc"``) or MARCXML
    (``"xml"``); returns how many were written."""
    if fmt not in ("mrc", "xml"):
        raise ValueError(f"unknown MARC format {fmt!r}: use 'mrc' or 'xml'")
    count = 0
    with open(path, "wb") as handle:
        writer = pymarc.MARCWriter(handle) if fmt == "mrc" else pymarc.XMLWriter(handle)
        for marc in records_as_marc(records):
            writer.write(marc)
            count += 1
        writer.close(close_fh=False)
    return count
