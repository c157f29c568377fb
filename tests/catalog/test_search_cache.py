"""Broad searches are remembered until the catalogue changes: a remembered
search runs no search statement, and any committed change to a search
document (a record, a copy, a status) makes the next search run afresh."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pustaka.catalog import services
from pustaka.catalog.search.service import SearchFilters, catalog_search


@pytest.fixture
def catalogue(manager_a, library_a, library_b, settings):
    """25 books on fish (each with a copy at library A), remembered from 10 hits."""
    settings.PUSTAKA_SEARCH_CACHE_MIN_HITS = 10
    items = []
    for number in range(25):
        record = services.record_create(
            actor=manager_a,
            fields={"title": f"Budidaya Ikan Jilid {number + 1}", "language": "ind"},
        )
        items.append(services.item_create(actor=manager_a, record=record, library=library_a))
    return items


def statements(captured) -> list[str]:
    """The search statements among ``captured`` queries."""
    return [query["sql"] for query in captured if "catalog_searchdocument" in query["sql"]]


def test_a_broad_search_is_remembered(catalogue):
    first = catalog_search(query="ikan")
    with CaptureQueriesContext(connection) as queries:
        again = catalog_search(query="ikan")
    assert statements(queries.captured_queries) == []
    assert again.total == first.total == 25
    assert again.facets == first.facets
    assert [record.pk for record in again.records] == [record.pk for record in first.records]
    assert all(record.items.all() for record in again.records), "copies are read live"


def test_a_later_page_inside_the_window_comes_from_memory(catalogue):
    whole = catalog_search(query="ikan", per_page=25).records
    catalog_search(query="ikan", per_page=10)
    with CaptureQueriesContext(connection) as queries:
        second = catalog_search(query="ikan", per_page=10, page=2)
    assert statements(queries.captured_queries) == []
    assert [record.pk for record in second.records] == [record.pk for record in whole[10:20]]


def test_a_narrow_search_is_always_run(catalogue, settings):
    settings.PUSTAKA_SEARCH_CACHE_MIN_HITS = 1000
    catalog_search(query="ikan")
    with CaptureQueriesContext(connection) as queries:
        catalog_search(query="ikan")
    assert statements(queries.captured_queries)


def test_a_new_record_is_found_once_committed(
    catalogue, manager_a, django_capture_on_commit_callbacks
):
    assert catalog_search(query="ikan").total == 25
    with django_capture_on_commit_callbacks(execute=True):
        services.record_create(actor=manager_a, fields={"title": "Ikan Hias", "language": "ind"})
    assert catalog_search(query="ikan").total == 26


def test_a_status_change_reaches_the_available_facet(
    catalogue, manager_a, django_capture_on_commit_callbacks
):
    filters = SearchFilters(available=True)
    assert catalog_search(query="ikan", filters=filters).total == 25
    with django_capture_on_commit_callbacks(execute=True):
        services.item_update(actor=manager_a, item=catalogue[0], changes={"status": "damaged"})
    assert catalog_search(query="ikan", filters=filters).total == 24
    assert catalog_search(query="ikan").facets["available"] == 24


def test_a_withdrawn_record_leaves_the_results(
    catalogue, manager_a, admin, django_capture_on_commit_callbacks
):
    record = catalogue[0].record
    assert record.pk in {found.pk for found in catalog_search(query="ikan", per_page=25).records}
    with django_capture_on_commit_callbacks(execute=True):
        services.item_withdraw(actor=manager_a, item=catalogue[0])
        services.record_withdraw(actor=admin, record=record)
    found = catalog_search(query="ikan", per_page=25)
    assert found.total == 24
    assert record.pk not in {found.pk for found in found.records}


def test_filters_and_sorts_are_remembered_apart(catalogue):
    relevance = catalog_search(query="ikan", per_page=3).records
    newest = catalog_search(query="ikan", sort="title", per_page=3).records
    assert catalog_search(query="ikan", per_page=3).records == relevance
    assert catalog_search(query="ikan", sort="title", per_page=3).records == newest
    assert catalog_search(query="ikan", filters=SearchFilters(languages=("eng",))).total == 0
