"""A hybrid logical clock: orders changes across nodes whose wall clocks drift.

A value is ``physical_ms << 16 | counter``: it never goes backwards on one node
and, after ``observe`` of a remote value, stays ahead of what was seen.
"""

import threading
import time

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


class HybridLogicalClock:
    """Process-wide clock; seed it from the latest stored value on first use."""

    def __init__(self, wall=None):
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._last = 0
        self._lock = threading.Lock()

    def seed(self, value: int) -> None:
        """Never issue a value at or below ``value`` (e.g. the newest in the log)."""
        with self._lock:
            self._last = max(self._last, value)

    def now(self) -> int:
        """Return a new value greater than every value issued or observed."""
        with self._lock:
            candidate = self._wall() << COUNTER_BITS
            self._last = max(candidate, self._last + 1)
            return self._last

    def observe(self, remote: int) -> int:
        """Merge a value received from another node and return a new local one."""
        with self._lock:
            self._last = max(self._last, remote)
        return self.now()


def physical_ms(value: int) -> int:
    """The wall-clock part of a clock value, in Unix milliseconds."""
    return value >> COUNTER_BITS
