"""A broad word's hits are kept (``search.hitlists``): its search with any
filters, sorted by relevance or newest first, is answered from them without
asking the full-text index, exactly as the database answers it (total,
facets, the records of each page), before and after the catalogue changes.

These tests run outside a test transaction (``transaction=True``): inside
one, nothing is kept or read from what is kept."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pustaka.catalog import services
from pustaka.catalog.search import backends, cache, delta, hitlists
from pustaka.catalog.search.service import SearchFilters, catalog_search

pytestmark = pytest.mark.django_db(transaction=True)

FILTERS = (
    SearchFilters(),
    SearchFilters(available=True),
    SearchFilters(libraries=("DSA",)),
    SearchFilters(libraries=("DSB",), available=True),
    SearchFilters(languages=("ind",), year_from=1990),
    SearchFilters(year_to=1995),
    SearchFilters(audiences=("children",), material_types=("book",)),
    SearchFilters(ddc_hundreds=(500,)),
)


@pytest.fixture
def catalogue(manager_a, manager_b, library_a, library_b, settings, tmp_path):
    """30 books on fish, copies at library A or B (every fifth damaged), a
    few undated; a word's hits kept from 10, no search remembered."""
    settings.PUSTAKA_SEARCH_HITLIST_MIN_HITS = 10
    settings.PUSTAKA_SEARCH_CACHE_MIN_HITS = 1_000_000
    settings.PUSTAKA_SEARCH_HITLISTS = tmp_path / "hitlists"
    items = []
    for number in range(30):
        record = services.record_create(
            actor=manager_a,
            fields={
                "title": f"Budidaya Ikan Jilid {number + 1}"
                + (" ikan lele dan ikan nila" if number % 7 == 0 else ""),
                "language": "ind" if number % 3 else "eng",
                "year": None if number % 11 == 0 else 1980 + number,
                "ddc": "639.31" if number % 2 else "597",
                "audience": "children" if number % 4 == 0 else "adults",
            },
        )
        manager, library = (manager_a, library_a) if number % 2 else (manager_b, library_b)
        item = services.item_create(actor=manager, record=record, library=library)
        if number % 5 == 0:
            services.item_update(actor=manager, item=item, changes={"status": "damaged"})
        items.append(item)
    cache.clear()
    return items


def full_text_statements(captured) -> list[str]:
    return [query["sql"] for query in captured if "MATCH" in query["sql"] or "@@" in query["sql"]]


def from_the_database(**search):
    """The search answered by the database: no list kept, nothing remembered."""
    hitlists._memory.clear()
    cache.clear()
    found = catalog_search(**search)
    cache.clear()
    return found


def answers(search) -> tuple:
    return (search.total, search.facets, [record.pk for record in search.records])


def every_search(word: str = "ikan") -> list[dict]:
    return [
        {"query": word, "filters": filters, "sort": sort, "per_page": 7, "page": page}
        for filters in FILTERS
        for sort in hitlists.SORTS
        for page in (1, 3)
    ]


def kept_answers(word: str = "ikan") -> list[tuple]:
    """Every search of the word, answered from its list: after the first
    (which may ask the index how many documents hold the word, to score a
    record that entered it on SQLite), asking no index."""
    first, *others = every_search(word)
    found = [answers(catalog_search(**first))]
    with CaptureQueriesContext(connection) as queries:
        found += [answers(catalog_search(**search)) for search in others]
    assert full_text_statements(queries.captured_queries) == []
    return found


def database_answers(word: str = "ikan") -> list[tuple]:
    return [answers(from_the_database(**search)) for search in every_search(word)]


def test_a_broad_word_gets_its_hits_kept_and_answers_as_the_database(catalogue):
    expected = database_answers()
    catalog_search(query="ikan")  # 30 hits: the task keeps them (tasks run at once here)
    assert kept_answers() == expected
    assert expected[0][0] == 30 and expected[4][0] == 24, "every fifth copy is damaged"


def test_a_narrow_word_is_not_kept(catalogue):
    catalog_search(query="lele")  # 5 hits
    with CaptureQueriesContext(connection) as queries:
        catalog_search(query="lele", filters=SearchFilters(available=True))
    assert full_text_statements(queries.captured_queries)


def test_lent_copies_added_changed_and_withdrawn_records_are_brought_in(
    catalogue, manager_a, library_a, admin
):
    catalog_search(query="ikan")
    services.item_update(actor=manager_a, item=catalogue[1], changes={"status": "damaged"})
    services.item_update(actor=manager_a, item=catalogue[5], changes={"status": "available"})
    added = services.record_create(
        actor=manager_a,
        fields={"title": "Ikan Hias Air Tawar", "language": "ind", "year": 2030, "ddc": "597"},
    )
    services.item_create(actor=manager_a, record=added, library=library_a)
    services.record_update(
        actor=manager_a, record=catalogue[3].record, changes={"title": "Beternak Ayam"}
    )
    services.record_update(
        actor=manager_a, record=catalogue[7].record, changes={"language": "ind", "year": 1999}
    )
    services.item_withdraw(actor=manager_a, item=catalogue[9])
    services.record_withdraw(actor=admin, record=catalogue[9].record)
    kept = kept_answers()
    assert kept == database_answers()
    assert kept[0][0] == 29
    newest = catalog_search(query="ikan", sort="newest")
    assert newest.records[0] == added


def test_too_many_changes_make_the_list_again(catalogue, manager_a, monkeypatch):
    catalog_search(query="ikan")
    monkeypatch.setattr(delta, "MAX_CHANGES", 2)
    for item in (catalogue[1], catalogue[3], catalogue[7]):
        services.item_update(actor=manager_a, item=item, changes={"status": "damaged"})
    with CaptureQueriesContext(connection) as queries:
        found = catalog_search(query="ikan", filters=SearchFilters(available=True))
    assert full_text_statements(queries.captured_queries), "the database answered"
    assert found.total == 21
    assert kept_answers() == database_answers(), "and the list was made again"


def test_another_process_reads_the_list_from_the_shared_folder(catalogue, manager_a):
    catalog_search(query="ikan")
    hitlists._memory.clear()
    services.item_update(actor=manager_a, item=catalogue[1], changes={"status": "damaged"})
    assert kept_answers() == database_answers()


def test_memory_keeps_the_latest_lists_within_its_bytes(catalogue, monkeypatch):
    """The bytes counted are the arrays' and those of the holdings' libraries,
    which are kept with the list: a list past the limit leaves memory, not the folder."""
    for word in ("ikan", "budidaya"):
        hitlists.made(word)
    query = delta.Query(["ikan"], SearchFilters(), "relevance", dict)
    ikan = hitlists.found("ikan", query)
    held = ikan._held()
    assert held.nbytes > 0
    assert ikan.nbytes == sum(getattr(ikan, name).nbytes for name in hitlists.ARRAYS) + held.nbytes
    monkeypatch.setattr(hitlists, "MEMORY_BYTES", ikan.nbytes + 1)
    hitlists.made("jilid")
    assert list(hitlists._memory) == [hitlists._name("jilid")]
    assert hitlists.found("ikan", query).size == 30, "read again from the folder"


def test_a_large_write_leaves_the_lists_behind(catalogue):
    catalog_search(query="ikan")
    cache._forget_and_warm()  # what an import's commit does: a new catalogue version
    query = delta.Query(["ikan"], SearchFilters(), "relevance", dict)
    assert hitlists.found("ikan", query) is not None, "made again for the commonest words"
    cache.clear()
    assert hitlists.found("ikan", query) is None


def test_the_commonest_words_and_starts_of_words_are_kept_ahead(catalogue, settings, monkeypatch):
    settings.PUSTAKA_SEARCH_HITLIST_MIN_HITS = 30
    monkeypatch.setattr(hitlists, "WARM_STARTS", 4)
    assert hitlists.warm() == ["budidaya", "ikan", "jilid", "bud", "budi", "ika", "jil"]
    assert kept_answers("budidaya") == database_answers("budidaya")
    assert kept_answers("bud") == database_answers("bud")


def test_a_start_is_kept_only_when_it_finds_enough(catalogue, settings, manager_a, monkeypatch):
    """Adding up its terms' counts may promise more than a start finds: a
    document with ``ikan`` and ``ikat`` is counted twice for ``ika``."""
    services.record_create(actor=manager_a, fields={"title": "Ikat Ikan"})
    settings.PUSTAKA_SEARCH_HITLIST_MIN_HITS = 32
    monkeypatch.setattr(hitlists, "START_LENGTHS", (3,))
    assert hitlists._broadest_starts(backends.current().term_documents()) == ["ika"]
    assert hitlists.warm() == []
    assert hitlists.found("ika", delta.Query(["ika"], SearchFilters(), "relevance", dict)) is None


def test_nothing_is_kept_inside_a_transaction(catalogue):
    from django.db import transaction

    with transaction.atomic():
        catalog_search(query="ikan")
    query = delta.Query(["ikan"], SearchFilters(), "relevance", dict)
    assert hitlists.found("ikan", query) is None
