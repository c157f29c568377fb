"""Ranking a broad search from the hits with a word in their title (SQLite):
the ceiling ``bounds`` puts on every other hit is never below a score bm25
gives, the score ``bounds`` computes from a document's terms is bm25's own,
the narrow table a search reads (numbers of texts) follows the documents and
measures them as FTS5 does, and a page ranked from the titles is the page
ranking every hit gives."""

import pytest
from django.db import connection

from pustaka.catalog import services
from pustaka.catalog.models import Record, SearchDocument
from pustaka.catalog.search import backends, bounds, delta, journal, service, statements
from pustaka.catalog.search.service import SearchFilters, catalog_search

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the ranking from the titles is SQLite's"
)

# (title, subjects, notes) of records about rice ("padi") and others.
CORPUS = [
    *[(f"Padi Sawah {n}", ["Padi"], "") for n in ("Irigasi", "Organik", "Unggul", "Gogo")],
    *[(f"Bertanam Padi {n}", [], "") for n in ("di Pekarangan", "Hibrida", "Ladang Kering")],
    ("Kebun Sayur", ["Pertanian"], "Juga tentang padi dan palawija."),
    ("Hama Tanaman", ["Padi", "Hama"], ""),
    ("Pupuk", [], "Untuk padi."),
    ("Cerita Anak", ["Dongeng"], ""),
]


@pytest.fixture
def rice(admin, library_a):
    for title, subjects, notes in CORPUS:
        record = services.record_create(
            actor=admin,
            fields={"title": title, "subjects": subjects, "notes": notes, "language": "ind"},
        )
        services.item_create(actor=admin, record=record, library=library_a)


def fetch(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# The narrow table's rows with the texts their numbers stand for.
NAMED = (
    "SELECT f.id, k.facet_key, h.holdings, k.material_type, k.language, k.audience, "
    "k.ddc_hundreds, f.year FROM catalog_search_facets f "
    "JOIN catalog_search_facet_keys k ON k.id = f.key_id "
    "JOIN catalog_search_holdings h ON h.id = f.holdings_id"
)


def varints(blob: bytes) -> list[int]:
    values, value = [], 0
    for byte in blob:
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            values.append(value)
            value = 0
    return values


def test_the_narrow_table_follows_the_documents(rice, admin, library_a):
    record = services.record_create(actor=admin, fields={"title": "Padi Jajar Legowo"})
    copy = services.item_create(actor=admin, record=record, library=library_a)
    services.item_update(actor=admin, item=copy, changes={"status": "damaged"})
    services.record_update(actor=admin, record=record, changes={"language": "eng", "year": 2001})
    columns = "id, facet_key, holdings, material_type, language, audience, ddc_hundreds, year"

    assert sorted(fetch(f"SELECT {columns} FROM catalog_searchdocument")) == sorted(fetch(NAMED))
    withdrawn = record.search_document.id
    services.item_withdraw(actor=admin, item=copy)
    services.record_withdraw(actor=admin, record=record)
    assert not fetch("SELECT 1 FROM catalog_search_facets WHERE id = %s", [withdrawn])


def test_a_documents_length_is_fts5s(rice):
    lengths = dict(fetch("SELECT id, length FROM catalog_search_facets"))
    sizes = {
        doc_id: sum(varints(size))
        for doc_id, size in fetch("SELECT id, sz FROM catalog_search_fts_docsize")
    }

    assert lengths == sizes
    assert len(lengths) == SearchDocument.objects.count()


@pytest.mark.parametrize("query", ["padi", "pad", "pertanian", "palawija"])
def test_no_hit_without_the_words_in_its_title_scores_above_the_ceiling(rice, query):
    backend = backends.current()
    match = backend.match(service.search_words(query))
    scores = dict(
        fetch(
            f"SELECT rowid, {match.score} FROM {match.index} WHERE {match.condition}", match.params
        )
    )
    titled = {row[0] for row in fetch(match.titles, match.titles_params)}
    vocabulary = fetch(*backend.vocabulary(match.phrases))
    phrases = service._phrases(match, vocabulary)
    averages, shortest = fetch(f"SELECT {backend.index_statistics()}")[0]

    ceiling = bounds.ceiling(phrases, *backends.index_figures(averages), shortest)

    untitled = [score for doc_id, score in scores.items() if doc_id not in titled]
    assert untitled and max(untitled) <= ceiling


def refuse_to_rank_every_hit(*args, **kwargs):
    raise AssertionError("every hit was ranked")


def test_a_page_ranked_from_the_titles_is_the_page_ranking_every_hit_gives(rice, monkeypatch):
    match = backends.current().match(["padi"])
    every = [row[1] for row in fetch(*statements.ranking_statement(match, ([], []), first=3))]
    monkeypatch.setattr(service, "RANK_EVERY_HIT_BELOW", 1)
    monkeypatch.setattr(statements, "ranking_statement", refuse_to_rank_every_hit)

    found = catalog_search(query="padi", per_page=3, with_facets=False)

    assert [record.pk for record in found.records] == [Record.objects.get(pk=pk).pk for pk in every]
    assert found.total == 10


def test_a_page_the_titles_do_not_settle_is_ranked_from_every_hit(rice, monkeypatch):
    every = catalog_search(query="padi", per_page=20, with_facets=False).records
    monkeypatch.setattr(service, "RANK_EVERY_HIT_BELOW", 1)

    found = catalog_search(query="padi", per_page=9, with_facets=False)

    assert found.records == every[:9]


def test_a_word_that_is_its_only_term_scores_the_same_as_one_phrase_twice(rice):
    backend = backends.current()
    match, twice = backend.match(["padi"]), backend.match_twice("padi")
    vocabulary = fetch(*backend.vocabulary(match.phrases))

    def scores(m):
        sql = f"SELECT rowid, {m.score} FROM {m.index} WHERE {m.condition}"
        return dict(fetch(sql, m.params))

    assert service._one_term_twice(match, vocabulary)
    assert scores(twice) == scores(match)  # the same documents, the same floats
    assert not service._one_term_twice(
        backend.match(["pad"]), fetch(*backend.vocabulary([("pad", True)]))
    )


@pytest.mark.parametrize("query", ["padi", "padi sawah", "bertanam pad", "pad"])
def test_a_score_computed_from_the_terms_is_fts5s_to_the_last_bit(rice, admin, query):
    services.record_create(
        actor=admin, fields={"title": "Padi Padi Padi", "notes": "Padi, pada, padang."}
    )
    words = service.search_words(query)
    match = backends.current().match(words)
    sql = f"SELECT rowid, {match.score} FROM {match.index} WHERE {match.condition}"
    expected = dict(fetch(sql, match.params))
    states = SearchDocument.objects.filter(id__in=expected).values("id", *journal.STATE)
    hits = [journal.Change(state["id"], "", None, state, None) for state in states]

    computed = delta.Query(words, SearchFilters(), "relevance", service._libraries).keys(hits)

    assert len(expected) > 1
    assert computed == {doc_id: (score, doc_id) for doc_id, score in expected.items()}
