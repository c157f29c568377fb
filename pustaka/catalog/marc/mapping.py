"""Between MARC 21 and a record's description: ``fields_from_marc`` reads the
fields Pustaka keeps from a MARC record; ``marc_for_export`` gives the MARC of
a record back, built on its kept original so that nothing is lost."""

import datetime
import decimal
import re
from functools import cache

from pymarc import Field, Indicators, Leader, Record, Subfield

from pustaka.catalog.identifiers import normalise_isbns
from pustaka.catalog.marc import ImportItem
from pustaka.catalog.models import Audience, MaterialType
from pustaka.catalog.models import Record as CatalogueRecord

NAME_TAGS = ("100", "110", "111", "700", "710", "711")
SUBJECT_TAGS = ("600", "610", "611", "630", "650", "651")
NOTE_TAGS = ("500", "504", "505", "520")
SUBDIVISIONS = ("v", "x", "y", "z")
HEADING_CODES = {
    "600": "abcdqt",
    "610": "ab",
    "611": "acdn",
    "630": "a",
    "650": "ab",
    "651": "a",
}
AUDIENCE_CODES = {
    "a": Audience.CHILDREN,
    "b": Audience.CHILDREN,
    "c": Audience.CHILDREN,
    "j": Audience.CHILDREN,
    "d": Audience.TEENS,
    "e": Audience.ADULTS,
    "g": Audience.GENERAL,
}
AUDIENCE_FOR_EXPORT = {
    Audience.CHILDREN: "j",
    Audience.TEENS: "d",
    Audience.ADULTS: "e",
    Audience.GENERAL: "g",
}
TYPE_CODES = {
    "e": MaterialType.MAP,
    "f": MaterialType.MAP,
    "g": MaterialType.VIDEO,
    "i": MaterialType.AUDIO,
    "j": MaterialType.AUDIO,
    "c": MaterialType.SCORE,
    "d": MaterialType.SCORE,
    "k": MaterialType.PICTURE,
    "m": MaterialType.EBOOK,
}
TYPE_FOR_EXPORT = {
    MaterialType.BOOK: "am",
    MaterialType.PICTURE_BOOK: "am",
    MaterialType.MAGAZINE: "as",
    MaterialType.EBOOK: "mm",
    MaterialType.AUDIO: "im",
    MaterialType.VIDEO: "gm",
    MaterialType.MAP: "em",
    MaterialType.SCORE: "cm",
    MaterialType.PICTURE: "km",
    MaterialType.OTHER: "pm",
}
RELATOR_CODES = {
    "aut": "author",
    "edt": "editor",
    "ill": "illustrator",
    "trl": "translator",
    "cmp": "composer",
    "com": "compiler",
    "prf": "performer",
    "drt": "director",
    "pht": "photographer",
    "nrt": "narrator",
    "ctb": "contributor",
}
PICTURE_BOOK_GENRE = "picture book"
YEAR = re.compile(r"\d{4}")
INITIAL = re.compile(r"(?:^|[\s.,])[^\W\d_]\.$")
PRICE = re.compile(r"\d[\d.,]*")
THOUSANDS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
MAPPED_FIELDS = (
    "title",
    "subtitle",
    "responsibility",
    "authors",
    "publisher",
    "place",
    "year",
    "edition",
    "isbns",
    "language",
    "ddc",
    "subjects",
    "series",
    "physical_description",
    "material_type",
    "audience",
    "notes",
    "control_number",
    "control_source",
)


# --- MARC -> fields -------------------------------------------------------------


def fields_from_marc(record: Record) -> dict:
    """The description of ``record`` as the fields of a catalogue record."""
    leader = str(record.leader)
    fixed = _control(record, "008")
    title, subtitle, responsibility = _title(record)
    place, publisher, year = _publication(record)
    audience = _audience(leader, fixed)
    fields = {
        "title": title,
        "subtitle": subtitle,
        "responsibility": responsibility,
        "authors": _authors(record),
        "publisher": publisher,
        "place": place,
        "year": year,
        "edition": _joined(record.get("250"), "ab"),
        "isbns": normalise_isbns(_values(record, "020", "a"))[0],
        "language": _language(record, fixed),
        "ddc": _first(record, "082", "a").strip(),
        "subjects": _subjects(record),
        "series": _series(record),
        "physical_description": _joined(record.get("300"), "abc"),
        "material_type": _material_type(leader, audience, record),
        "audience": audience,
        "notes": _notes(record),
        "control_number": _control(record, "001").strip(),
        "control_source": _control(record, "003").strip(),
    }
    return _fitted(fields)


def strip_isbd(text: str) -> str:
    """A value without the ISBD punctuation that ends it (``"Title /"`` -> ``"Title"``)."""
    text = (text or "").strip().rstrip(" /:;=,").strip()
    if text.endswith(".") and not text.endswith("..") and not INITIAL.search(text):
        text = text[:-1]
    return text


def _control(record: Record, tag: str) -> str:
    field = record.get(tag)
    return (field.data or "") if field is not None and field.control_field else ""


def _values(record: Record, tag: str, code: str) -> list[str]:
    return [value for field in record.get_fields(tag) for value in field.get_subfields(code)]


def _first(record: Record, tag: str, code: str) -> str:
    values = _values(record, tag, code)
    return values[0] if values else ""


def _joined(field: Field | None, codes: str) -> str:
    """The ``codes`` subfields of ``field``, in order, joined by spaces, without
    the punctuation that ends the last."""
    if field is None or field.control_field:
        return ""
    parts = [value.strip() for code, value in field.subfields if code in codes]
    return strip_isbd(" ".join(part for part in parts if part))


def _title(record: Record) -> tuple[str, str, str]:
    field = record.get("245")
    if field is None or field.control_field:
        uniform = _first(record, "130", "a") or _first(record, "240", "a")
        return strip_isbd(uniform), "", ""
    title = field.get("a") or field.get("k") or _joined(field, "abfgknps")
    return strip_isbd(title), strip_isbd(field.get("b") or ""), strip_isbd(field.get("c") or "")


def _authors(record: Record) -> list[dict]:
    authors = []
    for field in record.get_fields(*NAME_TAGS):
        codes = "ab" if field.tag[1:] == "10" else "a" if field.tag[1:] == "11" else "ab"
        name = _joined(field, codes)
        if name:
            authors.append({"name": name, "role": _role(field)})
    return authors


def _role(field: Field) -> str:
    roles = [strip_isbd(value) for value in field.get_subfields("e")]
    roles = [role for role in roles if role]
    if roles:
        return ", ".join(roles)
    codes = [strip_isbd(value).lower() for value in field.get_subfields("4")]
    codes = [code for code in codes if code]
    return RELATOR_CODES.get(codes[0], codes[0]) if codes else "author"


def _publication(record: Record) -> tuple[str, str, int | None]:
    """``(place, publisher, year)`` from the 264 of publication, else 260."""
    fields = record.get_fields("264")
    chosen = next((field for field in fields if field.indicator2 == "1"), None)
    chosen = chosen or record.get("260") or (fields[0] if fields else None)
    if chosen is None:
        return "", "", None
    dates = " ".join(chosen.get_subfields("c"))
    year = next((int(y) for y in YEAR.findall(dates) if 1000 <= int(y) <= 2100), None)
    place = strip_isbd(chosen.get("a") or "").strip("[]")
    return place, strip_isbd(chosen.get("b") or ""), year


def _language(record: Record, fixed: str) -> str:
    coded = _first(record, "041", "a").strip()[:3].lower()
    if len(coded) == 3 and coded.isalpha():
        return coded
    coded = fixed[35:38].lower()
    return coded if len(coded) == 3 and coded.isalpha() else ""


def _subjects(record: Record) -> list[str]:
    subjects = []
    for field in record.get_fields(*SUBJECT_TAGS):
        heading = _joined(field, HEADING_CODES[field.tag])
        parts = [heading] if heading else []
        parts += [strip_isbd(value) for code, value in field.subfields if code in SUBDIVISIONS]
        subject = " -- ".join(part for part in parts if part)
        if subject and subject not in subjects:
            subjects.append(subject)
    return subjects


def _series(record: Record) -> str:
    for tag in ("490", "830", "440"):
        value = strip_isbd(_first(record, tag, "a"))
        if value:
            return value
    return ""


def _notes(record: Record) -> str:
    notes = []
    for field in record.get_fields(*NOTE_TAGS):
        codes = "agrtu" if field.tag == "505" else "a"
        note = " ".join(value.strip() for code, value in field.subfields if code in codes)
        if note.strip():
            notes.append(note.strip())
    return "\n\n".join(notes)


def _audience(leader: str, fixed: str) -> str:
    """Target audience (008/22), where the material type defines it."""
    kind, level = leader[6], leader[7]
    if kind in "ef" or (kind in "at" and level in "bis") or len(fixed) < 23:
        return ""
    return AUDIENCE_CODES.get(fixed[22], "")


def _material_type(leader: str, audience: str, record: Record) -> str:
    kind, level = leader[6], leader[7]
    if kind in "at":
        if kind == "a" and level in "bs":
            return MaterialType.MAGAZINE
        if kind == "a" and audience == Audience.CHILDREN and _is_picture_book(record):
            return MaterialType.PICTURE_BOOK
        return MaterialType.BOOK
    return TYPE_CODES.get(kind, MaterialType.OTHER)


def _is_picture_book(record: Record) -> bool:
    """A genre term (655, or 650 as some catalogues use) says "picture books"."""
    terms = _values(record, "655", "a") + _values(record, "650", "a")
    return any(PICTURE_BOOK_GENRE in term.casefold() for term in terms)


def _fitted(fields: dict) -> dict:
    """Text fields cut to what the catalogue stores (the MARC keeps the rest)."""
    for name, limit in text_limits().items():
        value = fields[name]
        if len(value) > limit:
            fields[name] = value[:limit].rstrip()
    return fields


@cache
def text_limits() -> dict[str, int]:
    """The longest value each mapped text field of a record may hold."""
    fields = (CatalogueRecord._meta.get_field(name) for name in MAPPED_FIELDS)
    return {
        field.name: field.max_length
        for field in fields
        if field.max_length and field.get_internal_type() in ("CharField", "TextField")
    }


# --- MARC -> copies ---------------------------------------------------------------


def items_from_marc(record: Record) -> list[ImportItem]:
    """The copies the 952 (Koha) and 852 fields of ``record`` describe."""
    items = [_item_952(field) for field in record.get_fields("952")]
    items += [_item_852(field) for field in record.get_fields("852")]
    return items


def _item_952(field: Field) -> ImportItem:
    first = dict(reversed(field.subfields))  # the first value of each code
    return ImportItem(
        library_codes=_codes(field, "ab"),
        barcode=first.get("p", "").strip(),
        call_number=first.get("o", "").strip(),
        shelf=(first.get("c") or first.get("8") or "").strip(),
        acquired_on=_date(first.get("d", "")),
        price=_price(first.get("g") or first.get("v") or ""),
    )


def _item_852(field: Field) -> ImportItem:
    call_number = " ".join(v.strip() for v in field.get_subfields("h", "i") if v.strip())
    return ImportItem(
        library_codes=_codes(field, "ab"),
        barcode=(field.get("p") or "").strip(),
        call_number=call_number or (field.get("j") or "").strip(),
        shelf=(field.get("c") or "").strip(),
    )


def _codes(field: Field, codes: str) -> tuple[str, ...]:
    values = [value.strip().upper() for code, value in field.subfields if code in codes]
    return tuple(dict.fromkeys(value for value in values if value))


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _price(value: str) -> decimal.Decimal | None:
    """A price in whole rupiah: ``"Rp 45.000"`` -> 45000, ``"12.50"`` -> 13."""
    if value.isascii() and value.isdigit():  # the common case: "45000"
        amount = decimal.Decimal(value)
        return amount if amount < 10**12 else None
    match = PRICE.search(value)
    if not match:
        return None
    text = match.group().rstrip(".,")
    if THOUSANDS.fullmatch(text):
        amount = decimal.Decimal(re.sub(r"\D", "", text))
    else:
        whole, _mark, fraction = text.replace(",", ".").rpartition(".")
        digits = re.sub(r"\D", "", whole)
        amount = decimal.Decimal(f"{digits}.{fraction}" if whole else fraction)
    amount = amount.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP)
    return amount if amount < 10**12 else None


# --- fields -> MARC ----------------------------------------------------------------


def current_fields(record: CatalogueRecord) -> dict:
    """The record's values of the fields MARC import and export map."""
    return {name: getattr(record, name) for name in MAPPED_FIELDS}


def marc_for_export(record: CatalogueRecord, original: Record | None) -> Record:
    """The MARC of ``record``: its kept ``original`` when it was not edited in
    Pustaka; with the edited fields rebuilt when it was; built from the fields
    when there is no original."""
    values = current_fields(record)
    if original is None:
        return _built_record(record, values)
    before = fields_from_marc(original)
    for names, tags, build in FIELD_GROUPS:
        if any(before[name] != values[name] for name in names):
            _replace(original, tags, build(values))
    if (
        before["material_type"] != values["material_type"]
        or before["audience"] != values["audience"]
    ):
        _set_type(original, values)
    if (before["control_number"], before["control_source"]) != (
        values["control_number"],
        values["control_source"],
    ):
        _replace(original, ("001", "003"), _control_fields(record, values))
    return original


def _replace(record: Record, tags: tuple[str, ...], fields: list[Field]) -> None:
    record.remove_fields(*tags)
    for field in fields:
        record.add_ordered_field(field)


def _built_record(record: CatalogueRecord, values: dict) -> Record:
    marc = Record()
    marc.leader = Leader(
        f"00000n{TYPE_FOR_EXPORT.get(values['material_type'], 'am')} a2200000 i 4500"
    )
    marc.fields = _control_fields(record, values)
    marc.fields.append(Field(tag="008", data=_fixed_field(record, values)))
    for _names, _tags, build in FIELD_GROUPS:
        for field in build(values):
            marc.add_ordered_field(field)
    if values["material_type"] == MaterialType.PICTURE_BOOK:
        marc.add_ordered_field(_picture_book_genre())
    return marc


def _control_fields(record: CatalogueRecord, values: dict) -> list[Field]:
    fields = [Field(tag="001", data=values["control_number"] or str(record.pk))]
    if values["control_source"]:
        fields.append(Field(tag="003", data=values["control_source"]))
    return fields


def _fixed_field(record: CatalogueRecord, values: dict) -> str:
    """A 40-character 008: date entered, year, audience and language."""
    entered = (record.created_at or datetime.datetime.now()).strftime("%y%m%d")
    year = str(values["year"]) if values["year"] else "    "
    audience = AUDIENCE_FOR_EXPORT.get(values["audience"], " ")
    language = (values["language"] or "   ")[:3].ljust(3)
    return f"{entered}s{year}    xx {' ' * 4}{audience}{' ' * 12}{language} d"


def _set_type(marc: Record, values: dict) -> None:
    """Leader/06-07 and 008/22 from the record's material type and audience."""
    leader = str(marc.leader)
    marc.leader = Leader(leader[:6] + TYPE_FOR_EXPORT[values["material_type"]] + leader[8:])
    fixed = marc.get("008")
    if fixed is not None and fixed.control_field and len(fixed.data or "") >= 23:
        code = AUDIENCE_FOR_EXPORT.get(values["audience"], " ")
        fixed.data = fixed.data[:22] + code + fixed.data[23:]
    if values["material_type"] == MaterialType.PICTURE_BOOK and not _is_picture_book(marc):
        marc.add_ordered_field(_picture_book_genre())


def _picture_book_genre() -> Field:
    subfields = [Subfield("a", "Picture books"), Subfield("2", "lcgft")]
    return Field(tag="655", indicators=Indicators(" ", "7"), subfields=subfields)


def _data_field(tag: str, pairs, indicators=(" ", " ")) -> Field:
    subfields = [Subfield(code, str(value)) for code, value in pairs if value not in ("", None)]
    return Field(tag=tag, indicators=Indicators(*indicators), subfields=subfields)


def _title_fields(values: dict) -> list[Field]:
    pairs = [("a", values["title"]), ("b", values["subtitle"]), ("c", values["responsibility"])]
    return [_data_field("245", pairs, ("1", "0"))]


def _name_fields(values: dict) -> list[Field]:
    fields = []
    for index, author in enumerate(values["authors"] or []):
        role = author.get("role") or "author"
        tag = "100" if index == 0 else "700"
        fields.append(_data_field(tag, [("a", author.get("name", "")), ("e", role)], ("1", " ")))
    return fields


def _isbn_fields(values: dict) -> list[Field]:
    return [_data_field("020", [("a", isbn)]) for isbn in values["isbns"] or []]


def _single(tag: str, name: str, code: str = "a", indicators=(" ", " ")):
    def build(values: dict) -> list[Field]:
        return [_data_field(tag, [(code, values[name])], indicators)] if values[name] else []

    return build


def _publication_fields(values: dict) -> list[Field]:
    pairs = [("a", values["place"]), ("b", values["publisher"]), ("c", values["year"])]
    return [_data_field("264", pairs, (" ", "1"))] if any(v for _c, v in pairs) else []


def _subject_fields(values: dict) -> list[Field]:
    fields = []
    for subject in values["subjects"] or []:
        heading, *subdivisions = subject.split(" -- ")
        pairs = [("a", heading)] + [("x", part) for part in subdivisions]
        fields.append(_data_field("650", pairs, (" ", "4")))
    return fields


def _note_fields(values: dict) -> list[Field]:
    notes = [note.strip() for note in (values["notes"] or "").split("\n\n")]
    return [_data_field("500", [("a", note)]) for note in notes if note]


FIELD_GROUPS = [
    (("title", "subtitle", "responsibility"), ("245",), _title_fields),
    (("authors",), NAME_TAGS, _name_fields),
    (("isbns",), ("020",), _isbn_fields),
    (("language",), ("041",), _single("041", "language")),
    (("ddc",), ("082",), _single("082", "ddc", indicators=("0", "4"))),
    (("edition",), ("250",), _single("250", "edition")),
    (("publisher", "place", "year"), ("260", "264"), _publication_fields),
    (("physical_description",), ("300",), _single("300", "physical_description")),
    (("series",), ("490",), _single("490", "series", indicators=("0", " "))),
    (("notes",), NOTE_TAGS, _note_fields),
    (("subjects",), SUBJECT_TAGS, _subject_fields),
]


def item_fields(items, library_code: str) -> list[Field]:
    """Copies as 952 fields (Koha): library, barcode, call number, shelf,
    acquisition date, price, status."""
    return [
        _data_field(
            "952",
            [
                ("a", library_code),
                ("p", item.barcode),
                ("o", item.call_number),
                ("c", item.shelf),
                ("d", item.acquired_on.isoformat() if item.acquired_on else ""),
                ("g", item.price),
                ("7", item.status),
            ],
        )
        for item in items
    ]
