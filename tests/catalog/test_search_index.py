"""The search index in step with the catalogue: each record's holdings follow
its copies (added, lent, lost, withdrawn, imported) and its facet key follows
its description; counts, hits and facets of a search equal a brute-force count
over the same records, on SQLite and PostgreSQL, in a constant number of queries."""

import importlib
import random
from collections import Counter
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection, transaction

from pustaka.catalog import services
from pustaka.catalog.marc import ImportEntry, ImportItem
from pustaka.catalog.models import Item, Record, SearchDocument
from pustaka.catalog.search.service import SearchFilters, catalog_search
from pustaka.inventory import services as inventory_services


def document(record) -> SearchDocument:
    return SearchDocument.objects.get(record=record)


def held(*pairs) -> str:
    """The holdings string of ``(library, available)`` pairs."""
    tokens = sorted((library.pk.hex, available) for library, available in pairs)
    return " ".join(code + ("+" if available else "") for code, available in tokens)


def test_holdings_follow_the_copies(record, manager_a, manager_b, library_a, library_b):
    assert document(record).holdings == ""

    copy_a = services.item_create(actor=manager_a, record=record, library=library_a)
    assert document(record).holdings == held((library_a, True))

    copy_b = services.item_create(actor=manager_b, record=record, library=library_b, status="lost")
    assert document(record).holdings == held((library_a, True), (library_b, False))

    services.item_update(actor=manager_a, item=copy_a, changes={"status": "on_loan"})
    assert document(record).holdings == held((library_a, False), (library_b, False))

    services.item_update(actor=manager_b, item=copy_b, changes={"status": "available"})
    assert document(record).holdings == held((library_a, False), (library_b, True))

    services.item_withdraw(actor=manager_b, item=copy_b)
    assert document(record).holdings == held((library_a, False))


def test_one_copy_on_the_shelf_makes_the_library_available(record, manager_a, library_a):
    services.item_create(actor=manager_a, record=record, library=library_a, status="damaged")
    services.item_create(actor=manager_a, record=record, library=library_a)

    assert document(record).holdings == held((library_a, True))
    assert catalog_search(filters=SearchFilters(available=True)).records == [record]


def test_a_stock_take_marking_copies_lost_takes_them_off_the_shelf(
    record, manager_a, library_a, item_a
):
    stock_take = inventory_services.stocktake_start(actor=manager_a, library=library_a)

    inventory_services.stocktake_mark_missing_lost(actor=manager_a, stock_take=stock_take)

    assert document(record).holdings == held((library_a, False))
    assert catalog_search(filters=SearchFilters(available=True)).total == 0


def test_imported_copies_of_a_known_record_reach_its_holdings(record, manager_a, library_a):
    fields = {
        name: getattr(record, name)
        for name in ("title", "authors", "isbns", "year", "language", "ddc")
    }
    entry = ImportEntry(
        position=1,
        label="record 1",
        fields=fields,
        marc=b"00026nam a2200025 a 4500\x1e\x1d",
        items=[ImportItem(barcode="DSA-88001")],
    )

    result = services.records_import_batch(actor=manager_a, library=library_a, entries=[entry])

    assert (result.imported, result.items_added) == (0, 1)
    assert document(record).holdings == held((library_a, True))


def test_the_facet_key_follows_the_description(record, admin):
    assert document(record).facet_key == "book||600|2010|ind"

    services.record_update(
        actor=admin, record=record, changes={"year": 1998, "audience": "adults", "ddc": ""}
    )

    assert document(record).facet_key == "book|adults||1990|ind"


def test_the_migration_fills_holdings_and_facet_keys_as_the_services_do(
    record, item_a, manager_b, library_b, admin
):
    services.item_create(actor=manager_b, record=record, library=library_b, status="on_loan")
    other = services.record_create(actor=admin, fields={"title": "Tanpa Salinan"})
    written = {doc.pk: (doc.holdings, doc.facet_key) for doc in SearchDocument.objects.all()}
    SearchDocument.objects.update(holdings="", facet_key="")
    migration = importlib.import_module(
        "pustaka.catalog.migrations.0004_search_holdings_and_facet_key"
    )

    with connection.cursor() as cursor:
        migration.fill(apps, SimpleNamespace(execute=cursor.execute, connection=connection))

    filled = {doc.pk: (doc.holdings, doc.facet_key) for doc in SearchDocument.objects.all()}
    assert filled == written
    assert written[document(other).pk] == ("", "book||||")


# --- facets against a brute-force count ---------------------------------------

WORDS = ["kebun", "ikan", "cerita", "anak", "budidaya", "sayur", "desa", "lagu"]
MATERIALS = ["book", "book", "book", "picture_book", "magazine", "audio"]
LANGUAGES = ["ind", "ind", "ind", "eng", "jav", ""]
AUDIENCES = ["children", "adults", "general", "teens", ""]
DDCS = ["", "025.1", "307.72", "398.2", "635", "639.3", "782.42", "899.221"]
STATUSES = ["available", "available", "on_loan", "lost", "damaged", "withdrawn"]


@pytest.fixture
def random_corpus(admin, library_a, library_b):
    """Forty records of random words and values, with random copies."""
    rng = random.Random(2026)
    libraries = [library_a, library_b]
    for number in range(40):
        title = " ".join(rng.sample(WORDS, rng.randint(1, 3))) + f" {number}"
        fields = {
            "title": title.capitalize(),
            "material_type": rng.choice(MATERIALS),
            "language": rng.choice(LANGUAGES),
            "audience": rng.choice(AUDIENCES),
            "ddc": rng.choice(DDCS),
            "year": rng.choice([None, 1987, 1999, 2004, 2010, 2015, 2019, 2023]),
        }
        if rng.random() < 0.3:
            fields["notes"] = " ".join(rng.sample(WORDS, 2))
        record = services.record_create(actor=admin, fields=fields)
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            services.item_create(
                actor=admin, record=record, library=rng.choice(libraries), status="available"
            )
    for item in Item.objects.order_by("barcode"):
        status = rng.choice(STATUSES)
        if status == "withdrawn":
            services.item_withdraw(actor=admin, item=item)
        elif status != "available":
            services.item_update(actor=admin, item=item, changes={"status": status})


def live(record) -> list[Item]:
    return [item for item in record.items.all() if item.status != "withdrawn"]


def hundreds(ddc: str) -> int | None:
    digits = ddc.strip()[:3]
    return int(digits) // 100 * 100 if len(digits) == 3 and digits.isdigit() else None


def passes(record, filters: SearchFilters) -> bool:
    """Whether ``record`` is within ``filters``, from the records and copies."""
    ddc = hundreds(record.ddc)
    copies = [
        item
        for item in live(record)
        if (not filters.libraries or item.library.code in filters.libraries)
        and (not filters.available or item.status == "available")
    ]
    return (
        (not filters.material_types or record.material_type in filters.material_types)
        and (not filters.languages or record.language in filters.languages)
        and (not filters.audiences or record.audience in filters.audiences)
        and (not filters.ddc_hundreds or ddc in filters.ddc_hundreds)
        and (filters.year_from is None or (record.year or 0) >= filters.year_from)
        and (
            filters.year_to is None or (record.year is not None and record.year <= filters.year_to)
        )
        and (bool(copies) or not (filters.libraries or filters.available))
    )


def counted(values) -> list[tuple]:
    counts = Counter(value for value in values if value not in ("", None))
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def brute_force_facets(records: list[Record]) -> dict:
    return {
        "material_type": counted(r.material_type for r in records),
        "language": counted(r.language for r in records),
        "audience": counted(r.audience for r in records),
        "ddc_hundreds": counted(hundreds(r.ddc) for r in records),
        "decade": counted(r.year // 10 * 10 if r.year else None for r in records),
        "library": counted(
            code for r in records for code in {item.library.code for item in live(r)}
        ),
        "available": sum(any(item.status == "available" for item in live(r)) for r in records),
    }


FILTERS = [
    SearchFilters(),
    SearchFilters(libraries=("DSA",)),
    SearchFilters(libraries=("DSA", "DSB")),
    SearchFilters(available=True),
    SearchFilters(available=True, libraries=("DSB",)),
    SearchFilters(libraries=("NOPE",)),
    SearchFilters(material_types=("book", "audio"), languages=("ind",)),
    SearchFilters(audiences=("children", "teens"), year_from=2000, year_to=2019),
    SearchFilters(ddc_hundreds=(600, 300), available=True),
]


@pytest.mark.parametrize("query", ["", "kebun", "ikan", "cerita anak", "bud", "desa sayur"])
def test_hits_and_facets_equal_a_brute_force_count(random_corpus, query):
    every = Record.objects.prefetch_related("items__library")
    by_id = {record.pk: record for record in every}
    unfiltered = catalog_search(query=query, per_page=100)
    matching = [by_id[record.pk] for record in unfiltered.records]
    assert unfiltered.total == len(matching)
    if not query:
        assert len(matching) == len(by_id)
    for filters in FILTERS:
        result = catalog_search(query=query, filters=filters, per_page=100)
        expected = [record for record in matching if passes(record, filters)]
        found = [by_id[record.pk] for record in result.records]
        assert found == expected, filters  # the same records in the same order
        assert result.total == len(expected)
        assert result.facets == (brute_force_facets(expected) if expected else {}), filters


@pytest.mark.parametrize("sort", ["relevance", "newest", "title"])
def test_pages_follow_each_other_in_the_order_of_the_whole_list(random_corpus, sort):
    whole = catalog_search(query="desa", sort=sort, per_page=100).records
    pages = [catalog_search(query="desa", sort=sort, page=n, per_page=3) for n in (1, 2, 3, 4)]

    assert [record for page in pages for record in page.records] == whole[:12]
    assert {page.total for page in pages} == {len(whole)}


def test_a_search_takes_the_same_few_queries_however_many_hits(
    random_corpus, django_assert_max_num_queries
):
    # the libraries (codes of the facet), the search (on SQLite after the
    # vocabulary of its words, and then the texts of its facets' numbers),
    # the records, their copies
    with django_assert_max_num_queries(6):
        many = catalog_search(query="desa")
    with django_assert_max_num_queries(6):
        catalog_search(query="desa", filters=SearchFilters(libraries=("DSA",)))
    with django_assert_max_num_queries(2):
        catalog_search(query="kapal selam")

    assert many.total > 5
    assert all(hasattr(record, "_prefetched_objects_cache") for record in many.records)


@pytest.mark.django_db(transaction=True)
def test_a_search_outside_a_transaction_is_the_same_and_leaves_no_settings(record, item_a, admin):
    services.record_create(actor=admin, fields={"title": "Kolam Lele Bioflok"})
    assert not connection.in_atomic_block  # PostgreSQL: in a transaction with its settings

    alone = catalog_search(query="lele", filters=SearchFilters(available=True))
    with transaction.atomic():
        inside = catalog_search(query="lele", filters=SearchFilters(available=True))

    assert (alone.total, alone.records, alone.facets) == (
        inside.total,
        inside.records,
        inside.facets,
    )
    assert alone.records == [record]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone() == ("on",)
