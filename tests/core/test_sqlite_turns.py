"""SQLite write transactions take turns (``pustaka.core.sqlite``): the
threads of a process on its lock, other processes by asking SQLite again
until it is free. On a file database, as installations run it."""

import sqlite3
import threading

import pytest
from django.db import OperationalError, connection

from pustaka.core.sqlite.base import DatabaseWrapper, turn_for

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the turns are SQLite's backend"
)


def desk(path, *, timeout=5):
    """A connection of this process to the database file ``path``."""
    settings_dict = {
        **connection.settings_dict,
        "NAME": str(path),
        "OPTIONS": {**connection.settings_dict["OPTIONS"], "timeout": timeout},
    }
    return DatabaseWrapper(settings_dict, alias="desk")


def begin(wrapper):
    """What ``transaction.atomic`` does first on SQLite."""
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def end(wrapper, how: str):
    getattr(wrapper, how)()
    if how != "close":
        wrapper.set_autocommit(True)


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """A database file of its own (not the test database)."""
    path = tmp_path / "turns.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE scan (desk TEXT)")
    with django_db_blocker.unblock():
        yield path


@pytest.mark.parametrize("how", ["commit", "rollback", "close"])
def test_a_transaction_holds_the_turn_until_it_ends(database, how):
    wrapper = desk(database)
    begin(wrapper)
    wrapper.cursor().execute("INSERT INTO scan VALUES ('a')")
    assert turn_for(database).locked()
    end(wrapper, how)
    assert not turn_for(database).locked()
    wrapper.close()


def test_a_second_thread_begins_when_the_first_commits(database):
    first, happened = desk(database), []
    begin(first)

    def second_desk():
        wrapper = desk(database)
        begin(wrapper)
        happened.append("second began")
        end(wrapper, "commit")
        wrapper.close()

    thread = threading.Thread(target=second_desk)
    thread.start()
    thread.join(timeout=0.3)
    assert thread.is_alive(), "the second desk waits for its turn"
    happened.append("first committed")
    end(first, "commit")
    thread.join(timeout=10)
    assert happened == ["first committed", "second began"]
    first.close()


def test_another_process_writing_is_waited_for_with_sqlites_busy_timeout_kept(database):
    other_process = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    other_process.execute("BEGIN IMMEDIATE")
    wrapper, happened = desk(database, timeout=7), []
    wrapper.ensure_connection()

    def other_commits_soon():
        happened.append("other committed")
        other_process.execute("COMMIT")

    timer = threading.Timer(0.2, other_commits_soon)
    timer.start()
    begin(wrapper)
    happened.append("began")
    timeout_ms = wrapper.connection.execute("PRAGMA busy_timeout").fetchone()[0]
    end(wrapper, "commit")
    timer.join()
    wrapper.close()
    other_process.close()
    assert happened == ["other committed", "began"]
    assert timeout_ms == 7000


def test_a_transaction_gives_up_when_another_process_never_lets_go(database):
    other_process = sqlite3.connect(database, isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")
    wrapper = desk(database, timeout=0.2)
    with pytest.raises(OperationalError, match="database is locked"):
        begin(wrapper)
    assert not turn_for(database).locked()
    other_process.execute("ROLLBACK")
    other_process.close()
    wrapper.close()
