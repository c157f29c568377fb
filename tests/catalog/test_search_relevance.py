"""Search relevance on a fixed small corpus, the same on SQLite and PostgreSQL:
Indonesian and English stemming, reduplication, folded accents, prefixes,
ranking by where a word occurs, ISBNs, filters and exact facet counts."""

import pytest

from pustaka.catalog import services
from pustaka.catalog.search.service import SearchFilters, catalog_search

# (title, fields, copies as (library, status)); created in this order.
CORPUS = [
    (
        "Ayo Baca Bersama",
        {"authors": [{"name": "Dewi Lestari", "role": "author"}], "subjects": ["Buku bergambar"],
         "language": "ind",
         "year": 2015, "ddc": "372.4", "material_type": "picture_book", "audience": "children"},
        [("A", "available")],
    ),
    (
        "Membangun Desa Mandiri",
        {"language": "ind", "year": 2020, "ddc": "307.72", "audience": "adults"},
        [("B", "available")],
    ),
    (
        "Library Management for Small Libraries",
        {"language": "eng", "year": 2010, "ddc": "025.1", "audience": "adults"},
        [("A", "on_loan")],
    ),
    (
        "Buku-Buku Cerita Anak",
        {"language": "ind", "year": 2018, "ddc": "398.2", "material_type": "picture_book",
         "audience": "children"},
        [("A", "available"), ("B", "available")],
    ),
    (
        "Étude sur la Pêche",
        {"language": "fra", "year": 1995, "ddc": "639.2", "audience": "general"},
        [],
    ),
    (
        "Budidaya Ikan Nila",
        {"language": "ind", "year": 2019, "ddc": "639.31", "audience": "adults"},
        [("B", "available")],
    ),
    (
        "Panduan Budidaya Sayuran",
        {"language": "ind", "year": 2021, "ddc": "635", "audience": "adults"},
        [("A", "available")],
    ),
    (
        "Pertanian Organik",
        {"language": "ind", "year": 2012, "ddc": "631.5", "audience": "adults"},
        [],
    ),
    (
        "Kebun Sekolah",
        {"language": "ind", "year": 2016, "ddc": "630", "audience": "teens",
         "notes": "Panduan singkat tentang pertanian untuk guru."},
        [],
    ),
    (
        "Ikan Air Tawar",
        {"language": "ind", "year": 2014, "ddc": "639.3", "subjects": ["Perikanan"]},
        [],
    ),
    (
        "Lagu Daerah Kalimantan",
        {"language": "ind", "year": 2005, "ddc": "782.42", "material_type": "audio",
         "audience": "general"},
        [("B", "withdrawn")],
    ),
    (
        "Kisah Kancil",
        {"language": "ind", "year": 2000, "ddc": "398.2", "material_type": "picture_book",
         "audience": "children", "isbns": ["978-979-3062-79-2"]},
        [("A", "lost")],
    ),
]  # fmt: skip


@pytest.fixture
def corpus(admin, library_a, library_b):
    libraries = {"A": library_a, "B": library_b}
    for title, fields, copies in CORPUS:
        record = services.record_create(actor=admin, fields={"title": title, **fields})
        for library, status in copies:
            services.item_create(
                actor=admin, record=record, library=libraries[library], status=status
            )


def titles(query="", **filters):
    result = catalog_search(query=query, filters=SearchFilters(**filters), per_page=50)
    return [record.title for record in result.records]


def facets(query="", **filters):
    return catalog_search(query=query, filters=SearchFilters(**filters), per_page=50).facets


def test_stemming_meets_the_root_word(corpus):
    assert titles("membaca") == ["Ayo Baca Bersama"]
    assert titles("pembangunan") == ["Membangun Desa Mandiri"]
    assert titles("libraries") == ["Library Management for Small Libraries"]
    assert titles("library") == ["Library Management for Small Libraries"]


def test_reduplication_finds_the_single_word_and_back(corpus):
    expected = ["Buku-Buku Cerita Anak", "Ayo Baca Bersama"]  # title before subject
    assert titles("buku-buku") == expected
    assert titles("buku") == expected


def test_accents_are_folded(corpus):
    assert titles("etude") == ["Étude sur la Pêche"]
    assert titles("ÉTUDE peche") == ["Étude sur la Pêche"]


def test_the_last_word_also_matches_as_a_prefix(corpus):
    assert titles("budid") == ["Budidaya Ikan Nila", "Panduan Budidaya Sayuran"]
    assert titles("budidaya nil") == ["Budidaya Ikan Nila"]
    assert titles("budid nila") == []


def test_a_last_word_of_one_or_two_letters_matches_only_as_a_word(corpus):
    """``ik`` starts ``ikan``, but one or two letters start too many words to
    match them all on each pause of someone typing (``text.PREFIX_MIN``)."""
    assert titles("ik") == []
    assert titles("ika") == ["Ikan Air Tawar", "Budidaya Ikan Nila"]


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_notes(corpus):
    assert titles("pertanian") == ["Pertanian Organik", "Kebun Sekolah"]
    assert titles("panduan") == ["Panduan Budidaya Sayuran", "Kebun Sekolah"]


def test_a_word_in_title_and_subject_ranks_above_the_title_alone(corpus):
    assert titles("ikan") == ["Ikan Air Tawar", "Budidaya Ikan Nila"]


def test_a_word_in_the_authors_ranks_above_the_same_word_in_the_notes(admin):
    for title, fields in [
        ("Hutan Kita", {"notes": "Agar hutan tetap lestari."}),
        ("Supernova", {"authors": [{"name": "Dewi Lestari", "role": "author"}]}),
    ]:  # the notes first: equal ranks would keep this order
        services.record_create(actor=admin, fields={"title": title, "language": "ind", **fields})

    assert titles("lestari") == ["Supernova", "Hutan Kita"]


def test_every_word_must_match(corpus):
    assert titles("ikan nila") == ["Budidaya Ikan Nila"]
    assert titles("ikan sayuran") == []


@pytest.mark.parametrize(
    "isbn", ["978-979-3062-79-2", "9789793062792", "979-3062-79-7", "9793062797"]
)
def test_an_isbn_in_either_form_finds_its_record(corpus, isbn):
    assert titles(isbn) == ["Kisah Kancil"]


def test_without_words_the_newest_records_come_first(corpus):
    assert titles() == [title for title, _fields, _copies in reversed(CORPUS)]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {"libraries": ("DSB",)},  # the withdrawn copy of the songs does not count
            ["Budidaya Ikan Nila", "Buku-Buku Cerita Anak", "Membangun Desa Mandiri"],
        ),
        (
            {"libraries": ("DSA", "DSB")},
            [
                "Kisah Kancil",
                "Panduan Budidaya Sayuran",
                "Budidaya Ikan Nila",
                "Buku-Buku Cerita Anak",
                "Library Management for Small Libraries",
                "Membangun Desa Mandiri",
                "Ayo Baca Bersama",
            ],
        ),
        (
            {"material_types": ("picture_book",)},
            ["Kisah Kancil", "Buku-Buku Cerita Anak", "Ayo Baca Bersama"],
        ),
        (
            {"languages": ("eng", "fra")},
            ["Étude sur la Pêche", "Library Management for Small Libraries"],
        ),
        (
            {"year_from": 2015, "year_to": 2019},
            ["Kebun Sekolah", "Budidaya Ikan Nila", "Buku-Buku Cerita Anak", "Ayo Baca Bersama"],
        ),
        (
            {"ddc_hundreds": (300,)},
            ["Kisah Kancil", "Buku-Buku Cerita Anak", "Membangun Desa Mandiri", "Ayo Baca Bersama"],
        ),
        (
            {"audiences": ("teens", "general")},
            ["Lagu Daerah Kalimantan", "Kebun Sekolah", "Étude sur la Pêche"],
        ),
        (
            {"available": True},  # on loan, lost and withdrawn copies are not on the shelf
            [
                "Panduan Budidaya Sayuran",
                "Budidaya Ikan Nila",
                "Buku-Buku Cerita Anak",
                "Membangun Desa Mandiri",
                "Ayo Baca Bersama",
            ],
        ),
        (
            {"available": True, "libraries": ("DSA",), "audiences": ("children",)},
            ["Buku-Buku Cerita Anak", "Ayo Baca Bersama"],
        ),
    ],
)
def test_filters_narrow_the_catalogue(corpus, filters, expected):
    assert titles(**filters) == expected


def test_filters_combine_with_words(corpus):
    assert titles("budidaya", libraries=("DSA",)) == ["Panduan Budidaya Sayuran"]
    assert titles("buku", material_types=("book",)) == []


def test_facet_counts_over_the_whole_catalogue(corpus):
    assert facets() == {
        "material_type": [("book", 8), ("picture_book", 3), ("audio", 1)],
        "language": [("ind", 10), ("eng", 1), ("fra", 1)],
        "audience": [("adults", 5), ("children", 3), ("general", 2), ("teens", 1)],
        "ddc_hundreds": [(600, 6), (300, 4), (0, 1), (700, 1)],
        "decade": [(2010, 7), (2000, 2), (2020, 2), (1990, 1)],
        "library": [("DSA", 5), ("DSB", 3)],
        "available": 5,
    }


def test_facet_counts_follow_the_query_and_filters(corpus):
    assert facets("budidaya") == {
        "material_type": [("book", 2)],
        "language": [("ind", 2)],
        "audience": [("adults", 2)],
        "ddc_hundreds": [(600, 2)],
        "decade": [(2010, 1), (2020, 1)],
        "library": [("DSA", 1), ("DSB", 1)],
        "available": 2,
    }
    assert facets("buku", libraries=("DSB",))["library"] == [("DSA", 1), ("DSB", 1)]


def test_no_match_has_no_facets(corpus):
    result = catalog_search(query="kapal selam")
    assert (result.total, result.records, result.facets) == (0, [], {})


def test_the_search_page_shows_the_same_order(corpus, client_for, admin):
    page = client_for(admin).get("/staff/catalog/search/", {"q": "pertanian"}).text
    assert page.index("Pertanian Organik") < page.index("Kebun Sekolah")
