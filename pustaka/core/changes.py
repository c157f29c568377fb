"""The change log: every service that changes synced data calls ``change_record``
inside its own transaction, so a node's history can be shipped and replayed."""

import base64
import datetime
import decimal
import threading
import uuid
from contextlib import contextmanager
from functools import cache, lru_cache
from itertools import repeat
from operator import attrgetter, itemgetter

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from pustaka.core.bulk import json_encoder, values_insert
from pustaka.core.clock import HybridLogicalClock
from pustaka.core.ids import uuid7
from pustaka.core.models import ChangeLog, Node

clock = HybridLogicalClock()
_clock_seeded = False


PLAIN_JSON = frozenset({str, int, float, bool, list, dict, type(None)})


def _base64(value) -> str:
    return base64.b64encode(bytes(value)).decode("ascii")


# By exact type (no isinstance checks); a subclass takes the first base it has
# (datetime before date: a datetime is a date).
JSON_CONVERSIONS = {
    uuid.UUID: str,
    datetime.datetime: datetime.datetime.isoformat,
    datetime.date: datetime.date.isoformat,
    datetime.time: datetime.time.isoformat,
    decimal.Decimal: str,
    bytes: _base64,
    memoryview: _base64,
}


def json_value(value):
    """A model value as plain JSON (UUIDs, dates and decimals as strings)."""
    kind = type(value)
    if kind in PLAIN_JSON:
        return value
    convert = JSON_CONVERSIONS.get(kind) or next(
        (convert for base, convert in JSON_CONVERSIONS.items() if isinstance(value, base)), None
    )
    if convert is not None:
        return convert(value)
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name or ""
    return value


@cache
def _attnames(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(field.attname for field in model._meta.concrete_fields)


@cache
def _values_of(model: type[models.Model]):
    """A function giving the tuple of ``instance``'s concrete field values."""
    names = _attnames(model)
    if len(names) == 1:
        return lambda instance: (getattr(instance, names[0]),)
    return attrgetter(*names)


def snapshot(instance: models.Model) -> dict:
    """Every concrete field of ``instance`` by column name, as JSON values."""
    model = instance._meta.model
    values = _values_of(model)(instance)
    return {
        name: value if type(value) in PLAIN_JSON else json_value(value)
        for name, value in zip(_attnames(model), values, strict=True)
    }


def _json_default(value):
    """What JSON holds for ``value``, a value it has no form for."""
    convert = JSON_CONVERSIONS.get(type(value))
    if convert is not None:
        return convert(value)
    converted = json_value(value)
    if converted is value:
        raise TypeError(f"{type(value).__name__} is not JSON serializable")
    return converted


_encode = json_encoder(_json_default)


def snapshot_json(instance: models.Model) -> str:
    """``json.dumps(snapshot(instance))`` of a new row (every field's value in
    its ``__dict__``), in less time: the values are read past the fields'
    descriptors, and the encoder converts only those JSON has no form for
    (bulk imports log many rows)."""
    model = instance._meta.model
    values = _dict_values_of(model)(instance.__dict__)
    return _encode(dict(zip(_attnames(model), values, strict=True)))


@cache
def _dict_values_of(model: type[models.Model]):
    """A function giving the tuple of a new row's concrete field values from its ``__dict__``."""
    names = _attnames(model)
    if len(names) == 1:
        return lambda values: (values[names[0]],)
    return itemgetter(*names)


def entity_name(instance: models.Model) -> str:
    return instance._meta.label_lower


@lru_cache(maxsize=1)
def local_node_id() -> uuid.UUID:
    """This installation's node id, created on first use."""
    node = Node.objects.order_by("id").first()
    if node is None:
        node = Node.objects.create()
    return node.node_id


def next_hlc() -> int:
    """A new clock value, never below what this node has already logged."""
    global _clock_seeded
    if not _clock_seeded:
        newest = ChangeLog.objects.aggregate(m=models.Max("hlc"))["m"]
        clock.seed(newest or 0)
        _clock_seeded = True
    return clock.now()


CHANGE_COLUMNS = [
    "change_id",
    "entity",
    "entity_id",
    "operation",
    "fields",
    "origin_node",
    "hlc",
    "occurred_at",
    "schema_version",
    "staff_id",
]
CHANGE_COLUMNS_PREVIOUS = [*CHANGE_COLUMNS, "previous"]

# The rows ``change_record`` keeps for the batches open in this thread
# (``changes_batched``), innermost last.
_batches = threading.local()


@contextmanager
def changes_batched():
    """Keep the change-log rows written inside for one INSERT on leaving
    (inside the service's transaction, before it commits; nothing if it
    raises). Also a decorator: a desk scan logs its loan, its copy and its
    event, one statement instead of three (each a round trip on PostgreSQL)."""
    stack = _batches.__dict__.setdefault("stack", [])
    rows: list = []
    stack.append(rows)
    try:
        yield
    finally:
        stack.pop()
    if rows:
        values_insert(ChangeLog, CHANGE_COLUMNS_PREVIOUS, rows, encoded={"fields", "previous"})


def change_record(
    *,
    instance: models.Model,
    operation: str,
    staff=None,
    previous: dict | None = None,
) -> bool:
    """Append one change of ``instance`` to the log; call after saving it.
    Whether a row was written (or kept for the batch open, ``changes_batched``).

    For an update pass ``previous`` (its ``snapshot`` before the change): only
    the fields that differ are logged, and nothing when none do. The row goes
    in through ``values_insert``: the ORM's insert would cost more than the
    statement itself, several times in every scan at the desk.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("change_record must run inside the service's transaction")
    current = snapshot(instance)
    if operation == ChangeLog.Operation.UPDATE:
        fields = {
            name: value
            for name, value in current.items()
            if previous is None or previous.get(name) != value
        }
        fields.pop("updated_at", None)
        if not fields:
            return False
    else:
        fields = current
    row = [
        uuid7(),
        entity_name(instance),
        str(instance.pk),
        str(operation),
        _encode(fields),
        local_node_id(),
        next_hlc(),
        timezone.now(),
        settings.PUSTAKA_CHANGE_LOG_SCHEMA_VERSION,
        staff.pk if getattr(staff, "is_authenticated", False) else None,
        None if previous is None else _encode(previous),  # SQL NULL: the column has no default
    ]
    stack = getattr(_batches, "stack", None)
    if stack:
        stack[-1].append(row)
    else:
        values_insert(ChangeLog, CHANGE_COLUMNS_PREVIOUS, [row], encoded={"fields", "previous"})
    return True


def changes_record_created(
    *, instances: list[models.Model], staff=None, snapshots: list[str | None] | None = None
) -> None:
    """Log the creation of many rows at once (bulk imports), in one insert.

    ``snapshots``: each row's ``snapshot_json`` made before it was inserted
    by ``core.bulk.rows_insert`` (an import makes them as it reads its file),
    or ``None`` for a row to take now; the insert sets only the auto-now
    dates, which are filled in here."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("changes_record_created must run inside the service's transaction")
    count = len(instances)
    if snapshots is None:
        fields = map(snapshot_json, instances)
    else:
        fields = map(_snapshot_json_stamped, instances, snapshots)
    staff_id = staff.pk if getattr(staff, "is_authenticated", False) else None
    rows = zip(
        [uuid7() for _instance in instances],
        map(entity_name, instances),
        [str(instance.pk) for instance in instances],
        repeat(ChangeLog.Operation.CREATE.value, count),
        fields,
        repeat(local_node_id(), count),
        [next_hlc() for _instance in instances],
        repeat(timezone.now(), count),
        repeat(settings.PUSTAKA_CHANGE_LOG_SCHEMA_VERSION, count),
        repeat(staff_id, count),
        strict=True,
    )
    values_insert(ChangeLog, CHANGE_COLUMNS, list(rows), encoded={"fields"})


def _snapshot_json_stamped(instance: models.Model, before: str | None) -> str:
    """``snapshot_json(instance)`` from the one made before its auto-now dates
    were set (``null`` in it), or afresh when there is none."""
    if before is None:
        return snapshot_json(instance)
    values = instance.__dict__
    for name, unset, key in _auto_now_keys(instance._meta.model):
        before = before.replace(unset, key + _stamp_json(values[name]), 1)
    return before


@cache
def _auto_now_keys(model: type[models.Model]) -> tuple[tuple[str, str, str], ...]:
    """``(attname, its JSON member when null, its key and colon)`` of each
    auto-now date of ``model``. The first such member in a snapshot is the
    field's own: a string's quotes are escaped in JSON, and no JSON field
    (whose value could hold such a member) comes before the dates."""
    keys, json_seen = [], False
    for field in model._meta.concrete_fields:
        json_seen = json_seen or isinstance(field, models.JSONField)
        if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
            if json_seen:
                raise ValueError(f"{model.__name__}: a JSON field comes before {field.attname}")
            key = _encode(field.attname) + ": "
            keys.append((field.attname, key + "null", key))
    return tuple(keys)


@lru_cache(maxsize=16)
def _stamp_json(value: datetime.datetime) -> str:
    """An auto-now date as JSON (remembered: a bulk insert's rows share theirs)."""
    return _encode(value)
