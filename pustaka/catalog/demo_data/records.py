"""Demo records and copies: authors with their roles, publisher, year,
ISBN, physical description and notes around a drawn theme; then one to four
copies of each record spread over the district's libraries."""

import datetime
import random
from collections.abc import Iterator, Sequence

from stdnum import ean

from pustaka.catalog.demo_data.people import (
    BANJAR_KUTAI_FIRST,
    BANJAR_KUTAI_LAST,
    BATAK_FIRST,
    BATAK_MARGA,
    BUGIS_FIRST,
    BUGIS_LAST,
    COUNTRY_CODES,
    DAYAK_FIRST,
    DAYAK_LAST,
    ENGLISH_FIRST,
    ENGLISH_LAST,
    JAVANESE_FIRST,
    JAVANESE_LAST,
    JAVANESE_SINGLE,
    PREFIX_TITLES,
    PUBLISHERS,
    SUFFIX_TITLES,
    words_of,
)
from pustaka.catalog.demo_data.templates import recent_year
from pustaka.catalog.demo_data.themes import draw_theme
from pustaka.catalog.demo_data.words import ENGLISH_NOUNS, ENGLISH_PLACES
from pustaka.catalog.policies import call_number, name_is_inverted


def _indonesian_name(rng: random.Random) -> str:
    group = rng.random()
    if group < 0.3:
        return f"{rng.choice(JAVANESE_FIRST)} {rng.choice(JAVANESE_LAST)}"
    if group < 0.38:
        return rng.choice(JAVANESE_SINGLE)
    if group < 0.62:
        parts = rng.sample(BANJAR_KUTAI_FIRST, rng.choice((1, 1, 2)))
        return " ".join((*parts, rng.choice(BANJAR_KUTAI_LAST)))
    if group < 0.72:
        return f"{rng.choice(DAYAK_FIRST)} {rng.choice(DAYAK_LAST)}"
    if group < 0.82:
        return f"{rng.choice(BUGIS_FIRST)} {rng.choice(BUGIS_LAST)}"
    if group < 0.92:
        return f"{rng.choice(BATAK_FIRST)} {rng.choice(BATAK_MARGA)}"
    return f"Muhammad {rng.choice(JAVANESE_LAST)}"


def _person(rng: random.Random, *, english: bool, honorifics: str = "") -> str:
    """A name as the catalogue holds it: natural order for Indonesians (now and
    then with a title or degree, or inverted as older records did), surname
    first for English speakers."""
    if english:
        initial = f" {rng.choice('ABCDEJLMRS')}." if rng.random() < 0.2 else ""
        return f"{rng.choice(ENGLISH_LAST)}, {rng.choice(ENGLISH_FIRST)}{initial}"
    name = _indonesian_name(rng)
    draw = rng.random()
    if honorifics and draw < 0.1:
        return f"{rng.choice(PREFIX_TITLES[honorifics])} {name}"
    if honorifics and draw < 0.2:
        return f"{name}, {rng.choice(SUFFIX_TITLES[honorifics])}"
    if draw > 0.97 and " " in name:
        given, last = name.rsplit(" ", 1)
        return f"{last}, {given}"
    return name


def _authors(rng: random.Random, draft: dict) -> list[dict]:
    kind, honorifics = draft["authors"], draft["honorifics"]
    english = draft["language"] == "eng"

    def people(role: str, count: int = 1) -> list[dict]:
        return [
            {"name": _person(rng, english=english, honorifics=honorifics), "role": role}
            for _ in range(count)
        ]

    if kind == "none":
        return []
    if kind == "picture":
        return people("author") + (people("illustrator") if rng.random() < 0.7 else [])
    if kind == "fiction":
        if draft["language"] == "ind" and rng.random() < 0.08:
            author = {"name": _person(rng, english=True), "role": "author"}
            return [author, {"name": _person(rng, english=False), "role": "translator"}]
        return people("author", rng.choices((1, 2), (24, 1))[0])
    if kind == "textbook":
        return people("author", rng.randint(1, 3)) + (
            people("editor") if rng.random() < 0.2 else []
        )
    if rng.random() < 0.1:
        return people("editor", rng.randint(1, 2))
    return people("author", rng.choices((1, 2, 3), (12, 5, 1))[0])


def natural_order(name: str) -> str:
    """ "Smith, John" as "John Smith"; names in natural order stay as they are."""
    if not name_is_inverted(name):
        return name
    surname, given = (part.strip() for part in name.split(",", 1))
    return f"{given} {surname}"


RESPONSIBILITY_ROLES = {
    "ind": {"editor": "editor", "illustrator": "ilustrator", "translator": "penerjemah"},
    "eng": {"editor": "edited by", "illustrator": "illustrated by", "translator": "translated by"},
}


def _joined(names: list[str], language: str) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (" and " if language == "eng" else " dan ") + names[-1]


def responsibility(authors: list[dict], language: str) -> str:
    """The statement of responsibility as a title page gives it, in ISBD
    form: "Sri Wahyuni ; ilustrator, Budi Santoso"."""
    english = language == "eng"
    words = RESPONSIBILITY_ROLES["eng" if english else "ind"]
    statements = []
    for role in ("author", "editor", "illustrator", "translator"):
        names = [natural_order(a["name"]) for a in authors if a["role"] == role]
        if not names:
            continue
        joined = _joined(names, language)
        if role == "author":
            statements.append(f"by {joined}" if english else joined)
        else:
            statements.append(f"{words[role]} {joined}" if english else f"{words[role]}, {joined}")
    return " ; ".join(statements)


# --- the record --------------------------------------------------------------------

ISBN_PREFIXES = {"979": "978979", "602": "978602", "623": "978623", "eng": "978184"}
ISBN_BUCKETS = {"979": 0, "602": 1, "623": 2, "eng": 3}
INDONESIAN_EDITIONS = words_of("Cet. 2|Cet. 3|Cet. 5|Ed. rev.|Ed. 2|Cet. 1|Ed. 3")
ENGLISH_EDITIONS = words_of("2nd ed.|Rev. ed.|3rd ed.|New ed.")
PRELIMS = ("", "", "iv, ", "vi, ", "viii, ", "x, ", "xii, ", "xiv, ", "xvi, ", "xx, ")


def isbn13(index: int, year: int | None, *, english: bool = False) -> str:
    """A valid ISBN-13, unique per record index (up to ten million records):
    978-979 before 2007, 978-602 until 2017, 978-623 after, 978-1 abroad."""
    year = year or 2000
    bucket = "eng" if english else "979" if year < 2007 else "602" if year < 2018 else "623"
    block, rest = divmod(index, 1_000_000)
    prefix = ISBN_PREFIXES[bucket] if block == 0 else f"979{block % 10}{ISBN_BUCKETS[bucket]:02d}"
    body = f"{prefix}{(rest * 7919 + 104729) % 1_000_000:06d}"
    return body + ean.calc_check_digit(body)


def _material(rng: random.Random, draft: dict) -> str:
    draw = rng.random()
    if draft["material_type"] != "book" or draw > 0.045:
        return draft["material_type"]
    return "ebook" if draw < 0.025 else ("audio" if draw < 0.035 else "video")


def _physical(rng: random.Random, material: str, english: bool, pages: int) -> str:
    if material == "picture_book":
        size = rng.choice((21, 24, 25, 28))
        count = rng.randrange(16, 44, 4)
        return (
            f"{count} p. : col. ill. ; {size} cm"
            if english
            else f"{count} hlm. : ilus. berwarna ; {size} cm"
        )
    if material == "magazine":
        return f"{rng.randrange(40, 120, 4)} hlm. : ilus. berwarna ; 28 cm"
    if material == "map":
        return "1 peta : berwarna ; 60 x 90 cm"
    if material == "ebook":
        return f"1 sumber daring ({pages} hlm.) : ilus."
    if material == "audio":
        return f"1 cakram audio ({rng.randrange(30, 90, 5)} menit) : digital ; 12 cm"
    if material == "video":
        return f"1 cakram video ({rng.randrange(20, 90, 5)} menit) : bersuara, berwarna ; 12 cm"
    unit, ill = ("p.", "ill.") if english else ("hlm.", "ilus.")
    illustrations = f" : {ill}" if rng.random() < 0.6 else ""
    size = rng.choice((19, 20, 21, 23, 24))
    return f"{rng.choice(PRELIMS)}{pages} {unit}{illustrations} ; {size} cm"


def _notes(rng: random.Random, draft: dict, authors: list[dict], pages_hint: int) -> str:
    lines = [draft["summary"]] if draft["summary"] and rng.random() < 0.4 else []
    if any(author["role"] == "translator" for author in authors):
        noun = rng.choice(ENGLISH_NOUNS)
        lines.append(f"Judul asli: The {noun} of {rng.choice(ENGLISH_PLACES)}.")
    if draft["authors"] in ("nonfiction", "textbook") and rng.random() < 0.12:
        lines.append(f"Bibliografi: hlm. {pages_hint - 4}-{pages_hint}.")
    if draft["authors"] == "nonfiction" and rng.random() < 0.08:
        lines.append("Indeks." if draft["language"] != "eng" else "Includes index.")
    if draft["audience"] == "children" and rng.random() < 0.15:
        lines.append(f"Untuk anak usia {rng.choice(('4-6', '6-9', '7-10', '9-12'))} tahun.")
    return "\n".join(lines)


def _record(rng: random.Random, index: int) -> dict:
    draft = draw_theme(rng)
    english = draft["language"] == "eng"
    authors = _authors(rng, draft)
    year = draft["year"] or recent_year(rng)
    material = _material(rng, draft)
    publishers = PUBLISHERS[draft["publishers"]]
    if not english and draft["material_type"] == "book" and rng.random() < 0.15:
        publishers = PUBLISHERS["general"]
    publisher, place = rng.choice(publishers)
    editions = ENGLISH_EDITIONS if english else INDONESIAN_EDITIONS
    pages = rng.randrange(48, 400, 4)
    physical = _physical(rng, material, english, pages)
    with_isbn = material in ("book", "picture_book", "ebook") and rng.random() < (
        0.91 if year >= 1995 else 0.6
    )
    return {
        "title": draft["title"],
        "subtitle": draft["subtitle"],
        "responsibility": responsibility(authors, draft["language"]),
        "authors": authors,
        "publisher": publisher,
        "place": place,
        "year": year,
        "edition": rng.choice(editions) if rng.random() < 0.12 else "",
        "isbns": [isbn13(index, year, english=place in COUNTRY_CODES)] if with_isbn else [],
        "language": draft["language"],
        "ddc": draft["ddc"],
        "subjects": draft["subjects"],
        "series": draft["series"],
        "physical_description": physical,
        "material_type": material,
        "audience": draft["audience"],
        "notes": _notes(rng, draft, authors, pages),
    }


def generate_records(count: int, *, seed: int = 2026) -> Iterator[dict]:
    """``count`` records with the fields of ``catalog.Record``; the same seed
    always gives the same records."""
    rng = random.Random(seed)
    for index in range(count):
        yield _record(rng, index)


# --- copies ------------------------------------------------------------------------

SOURCES = ("purchase", "donation", "national_library", "village_fund", "district", "other")
SOURCE_WEIGHTS = (15, 30, 20, 20, 10, 5)
CONDITIONS = ("new", "good", "fair", "poor")
CONDITION_WEIGHTS = (15, 55, 22, 8)
LAST_ACQUISITION = datetime.date(2026, 10, 31)
FICTION_CLASSES = ("899.221", "823", "813", "899.222")


def main_entry_name(record: dict) -> str:
    """The first author's name, or "" for a work entered under its title
    (edited works, magazines, maps)."""
    return next((a["name"] for a in record["authors"] if a["role"] == "author"), "")


def shelf_for(record: dict) -> str:
    """The shelf a village library puts a copy on."""
    ddc = record["ddc"]
    if record["audience"] == "children":
        return "Rak Anak"
    if record["material_type"] in ("magazine", "map") or ddc.startswith("03"):
        return "Rak Referensi" if record["material_type"] != "magazine" else "Rak Majalah"
    if ddc.startswith(FICTION_CLASSES):
        return "Rak Fiksi"
    return f"Rak {ddc[0]}00"


def _copy(rng: random.Random, record: dict, code: str, barcode: str, number: str) -> dict:
    start = datetime.date(max(record["year"] or 2000, 2000), 1, 1)
    source = rng.choices(SOURCES, SOURCE_WEIGHTS)[0]
    free = source == "donation" and rng.random() < 0.6
    return {
        "library_code": code,
        "barcode": barcode,
        "call_number": number,
        "shelf": shelf_for(record),
        "acquired_on": start + datetime.timedelta(rng.randrange((LAST_ACQUISITION - start).days)),
        "source": source,
        "price": None if free else rng.randrange(50, 301) * 500,
        "condition": rng.choices(CONDITIONS, CONDITION_WEIGHTS)[0],
    }


def generate_copies(
    record_index: int, record: dict, library_codes: Sequence[str], rng: random.Random
) -> list[dict]:
    """One to four copies of a record spread over the libraries, with
    barcodes ``<CODE>-D<record index>-<n>`` that minted codes never reach."""
    count = rng.choices((1, 2, 3, 4), cum_weights=(50, 80, 93, 100))[0]
    number = call_number(record["ddc"], main_entry_name(record), record["title"])
    return [
        _copy(rng, record, code, f"{code}-D{record_index:07d}-{n + 1}", number)
        for n, code in enumerate(rng.choice(library_codes) for _ in range(count))
    ]
