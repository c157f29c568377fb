"""``pustaka serve``'s number of gunicorn processes."""

from django.db import connection

from pustaka.core.management.commands.serve import default_workers


def test_one_process_on_sqlite_two_on_postgresql(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert default_workers() == (1 if connection.vendor == "sqlite" else 2)


def test_web_concurrency_sets_the_processes(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert default_workers() == 3
