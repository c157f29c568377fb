"""Broad searches are remembered, and brought up to date from the journal of
changes: a remembered search runs no search statement, and after a change to
a search document (a record, a copy, a status) it answers exactly as a fresh
run would — total, facets and the records on the page.

These tests run outside a test transaction (``transaction=True``): inside
one, searches are neither remembered nor recalled."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pustaka.catalog import services
from pustaka.catalog.models import SearchChange
from pustaka.catalog.search import cache, delta, journal
from pustaka.catalog.search.service import SearchFilters, catalog_search

pytestmark = pytest.mark.django_db(transaction=True)

FILTERS = {
    "none": SearchFilters(),
    "available": SearchFilters(available=True),
    "library A": SearchFilters(libraries=("DSA",)),
    "Indonesian, 1990s on": SearchFilters(languages=("ind",), year_from=1990),
}


@pytest.fixture
def catalogue(manager_a, library_a, library_b, settings):
    """25 books on fish (each with a copy at library A), remembered from 10 hits."""
    settings.PUSTAKA_SEARCH_CACHE_MIN_HITS = 10
    items = []
    for number in range(25):
        record = services.record_create(
            actor=manager_a,
            fields={
                "title": f"Budidaya Ikan Jilid {number + 1}",
                "language": "ind" if number % 3 else "eng",
                "year": 1980 + number,
                "ddc": "639.31" if number % 2 else "597",
                "audience": "children" if number % 4 == 0 else "adults",
            },
        )
        items.append(services.item_create(actor=manager_a, record=record, library=library_a))
    cache.clear()
    return items


def search_statements(captured) -> list[str]:
    """The search statements (full-text match, facets) among ``captured`` queries."""
    return [query["sql"] for query in captured if query["sql"].lstrip().startswith("WITH")]


def full_text_statements(captured) -> list[str]:
    """The statements among ``captured`` that ask the full-text index."""
    return [query["sql"] for query in captured if "MATCH" in query["sql"] or "@@" in query["sql"]]


def fresh(**search):
    """The search run afresh, nothing remembered."""
    cache.clear()
    return catalog_search(**search)


def same_answer(remembered, run) -> bool:
    return (
        remembered.total == run.total
        and remembered.facets == run.facets
        and [record.pk for record in remembered.records] == [record.pk for record in run.records]
    )


def test_a_broad_search_is_remembered(catalogue):
    first = catalog_search(query="ikan")
    with CaptureQueriesContext(connection) as queries:
        again = catalog_search(query="ikan")
    assert search_statements(queries.captured_queries) == []
    assert again.total == first.total == 25
    assert again.facets == first.facets
    assert [record.pk for record in again.records] == [record.pk for record in first.records]
    assert all(record.items.all() for record in again.records), "copies are read live"


def test_a_later_page_inside_the_window_comes_from_memory(catalogue):
    whole = catalog_search(query="ikan", per_page=25).records
    catalog_search(query="ikan", per_page=10)
    with CaptureQueriesContext(connection) as queries:
        second = catalog_search(query="ikan", per_page=10, page=2)
    assert search_statements(queries.captured_queries) == []
    assert [record.pk for record in second.records] == [record.pk for record in whole[10:20]]


def test_a_narrow_search_is_always_run(catalogue, settings):
    settings.PUSTAKA_SEARCH_CACHE_MIN_HITS = 1000
    catalog_search(query="ikan")
    with CaptureQueriesContext(connection) as queries:
        catalog_search(query="ikan")
    assert search_statements(queries.captured_queries)


def test_nothing_is_remembered_inside_a_transaction(catalogue):
    from django.db import transaction

    with transaction.atomic():
        catalog_search(query="ikan")
        with CaptureQueriesContext(connection) as queries:
            catalog_search(query="ikan")
    assert search_statements(queries.captured_queries)


def test_a_status_change_is_brought_in_without_running_the_search(catalogue, manager_a):
    for filters in FILTERS.values():
        catalog_search(query="ikan", filters=filters)
    services.item_update(actor=manager_a, item=catalogue[0], changes={"status": "damaged"})
    with CaptureQueriesContext(connection) as queries:
        remembered = {name: catalog_search(query="ikan", filters=f) for name, f in FILTERS.items()}
    assert search_statements(queries.captured_queries) == []
    assert remembered["available"].total == 24
    assert remembered["none"].facets["available"] == 24
    for name, filters in FILTERS.items():
        assert same_answer(remembered[name], fresh(query="ikan", filters=filters)), name


def test_a_new_record_takes_its_place(catalogue, manager_a, library_a):
    for sort in ("title", "newest", "relevance"):
        catalog_search(query="ikan", sort=sort)
    record = services.record_create(
        actor=manager_a, fields={"title": "Budidaya Ikan Hias", "language": "ind", "year": 2030}
    )
    services.item_create(actor=manager_a, record=record, library=library_a)
    with CaptureQueriesContext(connection) as queries:
        by_title = catalog_search(query="ikan", sort="title")
        newest = catalog_search(query="ikan", sort="newest")
        relevance = catalog_search(query="ikan", per_page=30)
    assert search_statements(queries.captured_queries) == []
    assert by_title.records[0] == record, "'budidaya ikan hias' sorts first"
    assert newest.records[0] == record
    assert record in relevance.records and relevance.total == 26
    assert same_answer(by_title, fresh(query="ikan", sort="title"))
    assert same_answer(newest, fresh(query="ikan", sort="newest"))


def test_a_description_change_moves_a_record_between_facets(catalogue, manager_a):
    catalog_search(query="ikan")
    catalog_search(query="ikan", filters=FILTERS["Indonesian, 1990s on"])
    record = catalogue[0].record  # English, 1980
    services.record_update(
        actor=manager_a, record=record, changes={"language": "ind", "year": 1999}
    )
    services.item_update(actor=manager_a, item=catalogue[0], changes={"status": "lost"})
    for filters in (FILTERS["none"], FILTERS["Indonesian, 1990s on"]):
        remembered = catalog_search(query="ikan", filters=filters)
        assert same_answer(remembered, fresh(query="ikan", filters=filters))


def test_a_record_no_longer_matching_leaves_the_results(catalogue, manager_a):
    catalog_search(query="ikan", per_page=25)
    record = catalogue[5].record
    services.record_update(actor=manager_a, record=record, changes={"title": "Beternak Ayam"})
    remembered = catalog_search(query="ikan", per_page=25)
    assert remembered.total == 24
    assert record not in remembered.records


def test_a_withdrawn_record_leaves_the_results(catalogue, manager_a, admin):
    record = catalogue[0].record
    assert record.pk in {found.pk for found in catalog_search(query="ikan", per_page=25).records}
    services.item_withdraw(actor=manager_a, item=catalogue[0])
    services.record_withdraw(actor=admin, record=record)
    found = catalog_search(query="ikan", per_page=25)
    assert found.total == 24
    assert record.pk not in {found.pk for found in found.records}
    assert same_answer(found, fresh(query="ikan", per_page=25))


def test_too_many_changes_run_the_search_again(catalogue, manager_a, monkeypatch):
    catalog_search(query="ikan")
    monkeypatch.setattr(delta, "MAX_CHANGES", 2)
    for item in catalogue[:3]:
        services.item_update(actor=manager_a, item=item, changes={"status": "damaged"})
    with CaptureQueriesContext(connection) as queries:
        found = catalog_search(query="ikan")
    assert search_statements(queries.captured_queries)
    assert found.facets["available"] == 22


def test_a_page_past_what_is_remembered_runs_the_search(catalogue, manager_a):
    catalog_search(query="ikan", per_page=10)  # remembers all 25
    for item in catalogue[:3]:
        services.record_update(
            actor=manager_a, record=item.record, changes={"title": "Beternak Ayam"}
        )
    found = catalog_search(query="ikan", per_page=10, page=3)
    assert same_answer(found, fresh(query="ikan", per_page=10, page=3))


def test_filters_and_sorts_are_remembered_apart(catalogue):
    relevance = catalog_search(query="ikan", per_page=3).records
    newest = catalog_search(query="ikan", sort="title", per_page=3).records
    assert catalog_search(query="ikan", per_page=3).records == relevance
    assert catalog_search(query="ikan", sort="title", per_page=3).records == newest
    assert catalog_search(query="ikan", filters=SearchFilters(languages=("eng",))).total == 9


def test_a_lent_copy_keeps_its_record_in_place_without_asking_the_index(catalogue, manager_a):
    before = catalog_search(query="ikan")
    services.item_update(actor=manager_a, item=catalogue[0], changes={"status": "damaged"})
    with CaptureQueriesContext(connection) as queries:
        after = catalog_search(query="ikan")
    assert full_text_statements(queries.captured_queries) == []
    assert [record.pk for record in after.records] == [record.pk for record in before.records]
    assert after.facets["available"] == 24


def test_a_copy_back_on_the_shelf_takes_its_place_again(catalogue, manager_a):
    """On SQLite its score is computed from its terms: the index is asked
    once, for the phrases' numbers of documents, which the search keeps."""
    available = SearchFilters(available=True)
    catalog_search(query="ikan", filters=available)
    asked = []
    for status in ("damaged", "available") * 2:
        services.item_update(actor=manager_a, item=catalogue[0], changes={"status": status})
        with CaptureQueriesContext(connection) as queries:
            remembered = catalog_search(query="ikan", filters=available)
        assert search_statements(queries.captured_queries) == []
        asked.append(len(full_text_statements(queries.captured_queries)))
    if connection.vendor == "sqlite":
        assert asked == [0, 1, 0, 0]
    assert remembered.total == 25
    assert same_answer(remembered, fresh(query="ikan", filters=available))


def test_a_large_write_forgets_every_search_and_runs_the_latest_again(
    catalogue, manager_a, monkeypatch
):
    catalog_search(query="ikan", sort="title")
    monkeypatch.setattr(journal, "LIMIT", 0)
    journalled = SearchChange.objects.count()
    with CaptureQueriesContext(connection) as queries:
        services.item_update(actor=manager_a, item=catalogue[0], changes={"status": "damaged"})
    assert SearchChange.objects.count() == journalled, "nothing journalled"
    assert search_statements(queries.captured_queries), "run again once committed"
    with CaptureQueriesContext(connection) as queries:
        found = catalog_search(query="ikan", sort="title")
    assert search_statements(queries.captured_queries) == [], "warmed by the background task"
    assert found.facets["available"] == 24


def test_the_latest_broad_searches_are_kept_newest_first(monkeypatch):
    monkeypatch.setattr(cache, "RECENT_MAX", 3)
    for word in ("ikan", "padi", "lele", "ayam", "padi"):
        cache.note_recent(word, SearchFilters(languages=("ind",)), "relevance")
    assert [query for query, _filters, _sort in cache.recent()] == ["padi", "ayam", "lele"]
    assert cache.recent()[0][1]["languages"] == ["ind"]
