"""Django's SQLite backend, with write transactions that take turns without
SQLite's growing sleeps.

SQLite lets one connection write at a time. Another that wants to write
waits in SQLite's busy handler, which sleeps 1, 2, 5, 10, 15, 20, 25, 25,
25, 50, 50, 100 ms between tries: with several desks' requests waiting the
lock sits idle through most of those sleeps, and the slowest scans wait for
seconds. Here a transaction (it begins IMMEDIATE: see ``transaction_mode``)
first takes its process's turn, a lock the threads of one process (gunicorn's
``--threads``) queue on and are woken from the moment the one before them
commits; then it asks SQLite for the write lock, and while another process
holds it, asks again every millisecond. Statements outside a transaction
keep SQLite's busy handler.
"""

import threading
import time

from django.db import OperationalError
from django.db.backends.sqlite3 import base

RETRY_SECONDS = 0.001
DEFAULT_TIMEOUT = 5  # seconds, as Python's sqlite3 module waits by default

_turns: dict = {}
_turns_guard = threading.Lock()


def turn_for(name):
    """The lock of the database file ``name`` in this process."""
    with _turns_guard:
        return _turns.setdefault(str(name), threading.Lock())


class DatabaseWrapper(base.DatabaseWrapper):
    _turn = None  # the lock this connection holds during its transaction

    def _start_transaction_under_autocommit(self):
        timeout = self.settings_dict["OPTIONS"].get("timeout", DEFAULT_TIMEOUT)
        deadline = time.monotonic() + timeout
        turn = turn_for(self.settings_dict["NAME"])
        if not turn.acquire(timeout=timeout):
            raise OperationalError("database is locked")
        self._turn = turn
        try:
            self._begin(deadline, timeout)
        except BaseException:
            self._turn_over()
            raise

    def _begin(self, deadline: float, timeout: float) -> None:
        """BEGIN, asked again every ``RETRY_SECONDS`` while another process
        writes, until ``deadline``."""
        begin = f"BEGIN {self.transaction_mode or ''}".strip()
        self.connection.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    self.cursor().execute(begin)
                    return
                except OperationalError as error:
                    if "database is locked" not in str(error) or time.monotonic() > deadline:
                        raise
                time.sleep(RETRY_SECONDS)
        finally:
            self.connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")

    def _turn_over(self):
        turn, self._turn = self._turn, None
        if turn is not None:
            turn.release()

    def _commit(self):
        try:
            super()._commit()
        finally:
            self._turn_over()

    def _rollback(self):
        try:
            super()._rollback()
        finally:
            self._turn_over()

    def _close(self):
        try:
            super()._close()
        finally:
            self._turn_over()
