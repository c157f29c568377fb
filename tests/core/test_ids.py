"""Primary keys: UUID version 7, whose first bits are the creation time."""

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
