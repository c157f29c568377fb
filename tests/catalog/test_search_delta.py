"""The delta's own matching (in Python) agrees with the database's full-text
match and filters, document by document: a remembered search is only as
right as this agreement."""

import pytest

from pustaka.catalog import services
from pustaka.catalog.models import SearchDocument
from pustaka.catalog.search import delta, journal
from pustaka.catalog.search.service import SearchFilters, _libraries, catalog_search, search_words

TITLES = [
    ("Membaca Buku Cerita Anak", "ind", 1995, "899.221"),
    ("Buku-buku Pertanian Organik", "ind", 2012, "631.584"),
    ("Budidaya Ikan Lele di Kolam Terpal", "ind", 2019, "639.3"),
    ("Libraries and Reading Communities", "eng", 2008, "027.4"),
    ("Pembangunan Desa Mandiri", "ind", 2021, "307.72"),
    ("Étude des récifs coralliens", "fre", 1987, "577.789"),
    ("Cerita Rakyat Kutai", "ind", None, "398.2"),
]
QUERIES = [
    "buku",
    "baca",
    "pembangunan desa",
    "bu",
    "library",
    "etude",
    "cerita k",
    "lele kolam",
    "9786020000000",
    "",
]
FILTER_SETS = [
    SearchFilters(),
    SearchFilters(available=True),
    SearchFilters(libraries=("DSB",)),
    SearchFilters(libraries=("DSA", "DSB"), available=True),
    SearchFilters(languages=("ind",), year_from=2000, year_to=2020),
    SearchFilters(ddc_hundreds=(600,), material_types=("book",)),
]


@pytest.fixture
def corpus(manager_a, manager_b, library_a, library_b):
    for number, (title, language, year, ddc) in enumerate(TITLES):
        record = services.record_create(
            actor=manager_a,
            fields={"title": title, "language": language, "year": year, "ddc": ddc},
        )
        item = services.item_create(actor=manager_a, record=record, library=library_a)
        if number % 2:
            services.item_update(actor=manager_a, item=item, changes={"status": "damaged"})
        if number % 3 == 0:
            services.item_create(actor=manager_b, record=record, library=library_b)


@pytest.mark.parametrize("query", QUERIES)
def test_the_delta_matches_what_the_database_matches(corpus, query):
    states = SearchDocument.objects.values("record_id", *journal.STATE)
    for filters in FILTER_SETS:
        found = {
            record.pk
            for record in catalog_search(query=query, filters=filters, per_page=50).records
        }
        matcher = delta.Query(search_words(query), filters, "relevance", _libraries)
        matched = {state["record_id"] for state in states if matcher.matches(state)}
        assert matched == found, (query, filters)
