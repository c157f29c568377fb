"""The change log: every service that changes synced data calls ``change_record``
inside its own transaction, so a node's history can be shipped and replayed."""

import base64
import datetime
import decimal
import json
import uuid
from functools import cache, lru_cache
from operator import attrgetter

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from pustaka.core.bulk import values_insert
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


_encode = json.JSONEncoder(default=_json_default).encode


def snapshot_json(instance: models.Model) -> str:
    """``json.dumps(snapshot(instance))``, in less time: the encoder converts
    only the values JSON has no form for (bulk imports log many rows)."""
    model = instance._meta.model
    return _encode(dict(zip(_attnames(model), _values_of(model)(instance), strict=True)))


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


def change_record(
    *,
    instance: models.Model,
    operation: str,
    staff=None,
    previous: dict | None = None,
) -> bool:
    """Append one change of ``instance`` to the log; call after saving it.
    Whether a row was written.

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
        fields,
        local_node_id(),
        next_hlc(),
        timezone.now(),
        settings.PUSTAKA_CHANGE_LOG_SCHEMA_VERSION,
        staff.pk if getattr(staff, "is_authenticated", False) else None,
    ]
    if previous is None:  # SQL NULL, as the column has no default
        values_insert(ChangeLog, CHANGE_COLUMNS, [row])
    else:
        values_insert(ChangeLog, CHANGE_COLUMNS_PREVIOUS, [[*row, previous]])
    return True


def changes_record_created(*, instances: list[models.Model], staff=None) -> None:
    """Log the creation of many rows at once (bulk imports), in one insert."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("changes_record_created must run inside the service's transaction")
    node, now = local_node_id(), timezone.now()
    staff_id = staff.pk if getattr(staff, "is_authenticated", False) else None
    version = settings.PUSTAKA_CHANGE_LOG_SCHEMA_VERSION
    create = ChangeLog.Operation.CREATE.value
    rows = [
        [
            uuid7(),
            entity_name(instance),
            str(instance.pk),
            create,
            snapshot_json(instance),
            node,
            next_hlc(),
            now,
            version,
            staff_id,
        ]
        for instance in instances
    ]
    values_insert(ChangeLog, CHANGE_COLUMNS, rows, encoded={"fields"})
