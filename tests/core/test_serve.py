"""``pustaka serve``'s number of gunicorn processes."""

from pustaka.core.management.commands.serve import default_workers


def test_two_processes_on_either_database(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert default_workers() == 2


def test_one_process_on_a_single_core(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert default_workers() == 1


def test_web_concurrency_sets_the_processes(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert default_workers() == 3
