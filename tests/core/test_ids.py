"""Primary keys: UUID version 7, whose first bits are the creation time."""

import os
import types
import uuid

from pustaka.core import ids


def freeze_ids_clock(monkeypatch, millis: list[int]):
    """Make ``uuid7`` read the given milliseconds, one per call."""
    values = iter(millis)
    monkeypatch.setattr(
        ids, "time", types.SimpleNamespace(time_ns=lambda: next(values) * 1_000_000)
    )


def test_uuid7_is_version_7_with_the_rfc_variant():
    # when
    value = ids.uuid7()
    # then
    assert isinstance(value, uuid.UUID)
    assert value.version == 7
    assert value.variant == uuid.RFC_4122


def test_uuid7_starts_with_the_creation_time_in_milliseconds(monkeypatch):
    # given a clock at 2026-03-02 02:00:00.123 UTC
    freeze_ids_clock(monkeypatch, [1_772_416_800_123])
    # when
    value = ids.uuid7()
    # then
    assert value.int >> 80 == 1_772_416_800_123


def test_uuids_made_later_sort_later(monkeypatch):
    # given three successive milliseconds, the last one a whole day later
    freeze_ids_clock(monkeypatch, [1_772_416_800_000, 1_772_416_800_001, 1_772_503_200_000])
    # when
    first, second, third = ids.uuid7(), ids.uuid7(), ids.uuid7()
    # then they sort in creation order, as numbers and as text
    assert first < second < third
    assert str(first) < str(second) < str(third)


def test_uuids_made_in_the_same_millisecond_differ(monkeypatch):
    freeze_ids_clock(monkeypatch, [1_772_416_800_000] * 1000)
    values = {ids.uuid7() for _ in range(1000)}
    assert len(values) == 1000


def test_a_forked_process_does_not_mint_the_parents_next_uuids():
    # given a parent that has drawn random bits in bulk for its next keys
    ids.uuid7()
    reading, writing = os.pipe()
    # when a forked child mints keys
    pid = os.fork()
    if pid == 0:  # the child
        os.write(writing, b"".join(ids.uuid7().bytes for _ in range(10)))
        os._exit(0)
    os.waitpid(pid, 0)
    data = os.read(reading, 160)
    os.close(reading)
    os.close(writing)
    child = {uuid.UUID(bytes=data[start : start + 16]) for start in range(0, 160, 16)}
    # then the parent's next keys are none of the child's (random bits compared, not the time)
    parent = {ids.uuid7() for _ in range(10)}
    randomness = ids.RANDOM_BITS
    assert not {u.int & randomness for u in child} & {u.int & randomness for u in parent}
