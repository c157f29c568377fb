"""The journal of search-document changes: what a mark did not see, folded
to one change per document, and never a change missed because its
transaction committed after a later one (PostgreSQL)."""

import uuid

import pytest
from django.db import connection

from pustaka.catalog.models import SearchChange
from pustaka.catalog.search import journal

pytestmark = pytest.mark.django_db(transaction=True)

STATE = {
    "terms_title": "budidaya ikan",
    "terms_subject": "",
    "terms_other": "",
    "terms_notes": "",
    "material_type": "book",
    "language": "ind",
    "year": 2001,
    "ddc_hundreds": 600,
    "audience": "adults",
    "facet_key": "book|adults|600|2000|ind",
}


def current_mark():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {journal.mark_sql()}")
        return cursor.fetchone()[0]


def test_changes_of_one_document_fold_to_its_first_state():
    mark = current_mark()
    record_id = uuid.uuid4()
    journal.record_holdings([(7, record_id, "aa+")])
    journal.record_described([{"id": 7, "record_id": record_id, **STATE, "holdings": "aa"}])
    journal.record_holdings([(7, record_id, "aa bb")])
    _high, changes = journal.since(mark, 10)
    assert len(changes) == 1
    change = changes[0]
    assert change.before["holdings"] == "aa+", "the holdings before the first change"
    assert change.before["terms_title"] == "budidaya ikan", "the terms before the first described"
    assert change.now is None, "document 7 does not exist now"


def test_a_new_document_had_no_state_before():
    mark = current_mark()
    journal.record_added([type("Document", (), {"id": 9, "record_id": uuid.uuid4()})()])
    _high, changes = journal.since(mark, 10)
    assert [change.before for change in changes] == [None]


def test_more_changes_than_the_limit_give_nothing():
    mark = current_mark()
    journal.record_holdings([(number, uuid.uuid4(), "") for number in range(5)])
    assert journal.since(mark, 4) is None
    assert len(journal.since(mark, 5)[1]) == 5


def test_a_change_committed_after_a_later_one_is_not_missed():
    """Transaction A takes a change id, B takes the next and commits, a search
    marks what it saw, then A commits: A's change is still unseen by that mark."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time")
    import psycopg

    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=False,
    )
    try:
        other.execute(
            "INSERT INTO catalog_searchchange (document_id, record_id, created_at, existed, "
            "described, holdings, terms_title, terms_subject, terms_other, terms_notes, "
            "material_type, language, audience, facet_key) "
            "VALUES (1, %s, now(), true, false, '', '', '', '', '', '', '', '', '')",
            [uuid.uuid4()],
        )
        journal.record_holdings([(2, uuid.uuid4(), "")])
        mark = current_mark()
        other.commit()
    finally:
        other.close()
    _high, changes = journal.since(mark, 10)
    assert [change.document_id for change in changes] == [1]
    assert SearchChange.objects.count() == 2


def test_old_changes_are_pruned(monkeypatch):
    import datetime

    from django.utils import timezone

    monkeypatch.setattr(journal, "PRUNE_EVERY", 1)
    journal.record_holdings([(1, uuid.uuid4(), "")])
    SearchChange.objects.update(created_at=timezone.now() - datetime.timedelta(days=3))
    journal.record_holdings([(2, uuid.uuid4(), "")])
    assert list(SearchChange.objects.values_list("document_id", flat=True)) == [2]
