"""One row written or read by a statement built once, for the desk's hot path.

The ORM builds every statement anew: a scan at the desk reads and writes a
dozen rows, and building and compiling their queries cost more CPU than the
database spent running them (a locked copy with its record: 0.8 ms through a
queryset, 0.2 ms here). The statements here are made once per model and
shape, from the model's own fields, and their rows become model instances
through ``Model.from_db`` with the database's converters, as the ORM's are.

A model something listens to (``pre_save``/``post_save``), an inherited one
or one keyed by an auto-increment is saved by the ORM instead: those are what
the short way would get wrong.
"""

import uuid
from dataclasses import dataclass
from functools import cache

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models
from django.db.models.fields import AutoFieldMixin
from django.db.models.signals import post_save, pre_save

from pustaka.core.bulk import rows_insert

KEY = models.UUIDField()


def _plain(model: type[models.Model]) -> bool:
    """Whether ``model`` can be written without ``save()``: nothing listens
    to its saves, it inherits no table, and it makes its own keys."""
    return not (
        model._meta.parents
        or isinstance(model._meta.pk, AutoFieldMixin)
        or pre_save.has_listeners(model)
        or post_save.has_listeners(model)
    )


def row_insert(instance: models.Model) -> None:
    """``instance.save(force_insert=True)``, in one prepared INSERT."""
    model = instance._meta.model
    if not _plain(model):
        instance.save(force_insert=True)
        return
    rows_insert(model, [instance])
    instance._state.adding = False
    instance._state.db = DEFAULT_DB_ALIAS


def row_update(instance: models.Model, field_names: list[str]) -> None:
    """``instance.save(update_fields=field_names)``, in one prepared UPDATE
    (``DatabaseError`` when no row has its key, as ``save()`` raises)."""
    model = instance._meta.model
    if not _plain(model):
        instance.save(update_fields=field_names)
        return
    db = connections[DEFAULT_DB_ALIAS]
    sql, fields = _update_statement(model, tuple(field_names))
    params = [field.get_db_prep_save(field.pre_save(instance, False), db) for field in fields]
    params.append(model._meta.pk.get_db_prep_value(instance.pk, db))
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        if cursor.rowcount == 0:
            raise DatabaseError("Save with update_fields did not affect any rows.")


def rows_update(model: type[models.Model], instances: list, field_names: list[str]) -> None:
    """``bulk_update(instances, field_names)``: the fields' values as the
    instances hold them, sent through one prepared UPDATE run for each row.
    Django's ``bulk_update`` builds a ``CASE`` per field and row; for a
    search document's dozen fields that took 3 ms a row."""
    if not instances:
        return
    db = connections[DEFAULT_DB_ALIAS]
    sql, fields = _update_statement(model, tuple(field_names))
    key = model._meta.pk
    rows = [
        [field.get_db_prep_save(getattr(instance, field.attname), db) for field in fields]
        + [key.get_db_prep_value(instance.pk, db)]
        for instance in instances
    ]
    with db.cursor() as cursor:
        cursor.executemany(sql, rows)


@cache
def _update_statement(model: type[models.Model], names: tuple[str, ...]):
    ops = connections[DEFAULT_DB_ALIAS].ops
    fields = [model._meta.get_field(name) for name in names]
    assignments = ", ".join(f"{ops.quote_name(field.column)} = %s" for field in fields)
    table, key = ops.quote_name(model._meta.db_table), ops.quote_name(model._meta.pk.column)
    return f"UPDATE {table} SET {assignments} WHERE {key} = %s", fields


@dataclass(frozen=True)
class _Part:
    """The columns of one model in a read's rows: where they start, its fields,
    and (for a joined row) the foreign key of the row it belongs to."""

    model: type[models.Model]
    fields: tuple
    start: int
    link: models.ForeignKey | None = None

    def instance(self, values: list):
        values = values[self.start : self.start + len(self.fields)]
        if values[0] is None:  # a nullable key pointing nowhere (LEFT JOIN)
            return None
        names = [field.attname for field in self.fields]
        return self.model.from_db(DEFAULT_DB_ALIAS, names, values)


class KeyedRead:
    """The row of ``model`` that equal values of the ``keys`` name (a unique
    key), with the rows of its ``related`` foreign
    keys (each with all its fields, or the names given) read in the same
    statement; ``null`` columns must be NULL, ``other_than`` columns must
    differ from a value given with the keys. ``lock``: locked for the rest
    of the transaction (SQLite's write transaction locks already).

    The statement is built on first use, from the models' fields::

        COPY = KeyedRead(Item, keys=("barcode",), null=("deleted_at",),
                         related={"record": ("title",)}, lock=True)
        item = COPY.one("DS01-000123")
    """

    def __init__(
        self,
        model: type[models.Model],
        *,
        keys: tuple[str, ...],
        null: tuple[str, ...] = (),
        other_than: tuple[str, ...] = (),
        related: dict[str, tuple[str, ...] | None] | None = None,
        lock: bool = False,
    ):
        self.model, self.keys, self.null, self.other_than = model, keys, null, other_than
        self.related, self.lock = related or {}, lock
        self._statement = None

    def one(self, *values):
        """The row, or None; ``values``: those of ``keys``, then of ``other_than``."""
        db = connections[DEFAULT_DB_ALIAS]
        sql, parts, params_fields, converters = self._statement or self._compile()
        params = [
            field.get_db_prep_value(value, db)
            for field, value in zip(params_fields, values, strict=True)
        ]
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        values = [
            _converted(value, column_converters, db)
            for value, column_converters in zip(row, converters, strict=True)
        ]
        main, *joined = parts
        instance = main.instance(values)
        for part in joined:
            part.link.set_cached_value(instance, part.instance(values))
        return instance

    def _compile(self) -> tuple:
        """The statement, its parts, its parameters' fields and its columns'
        converters, made on first use (the database is configured by then)."""
        db = connections[DEFAULT_DB_ALIAS]
        meta = self.model._meta
        parts = [_Part(self.model, tuple(meta.concrete_fields), 0)]
        for name, wanted in self.related.items():
            link = meta.get_field(name)
            fields = _fields(link.related_model, wanted)
            parts.append(_Part(link.related_model, fields, sum(len(p.fields) for p in parts), link))
        params_fields = [meta.get_field(name) for name in (*self.keys, *self.other_than)]
        converters = [
            _column_converters(part.model, field, db) for part in parts for field in part.fields
        ]
        self._statement = (self._sql(db, parts), parts, params_fields, converters)
        return self._statement

    def _sql(self, db, parts: list[_Part]) -> str:
        quote = db.ops.quote_name
        table = quote(self.model._meta.db_table)

        def column(model, name):
            field = model._meta.get_field(name)
            return f"{quote(model._meta.db_table)}.{quote(field.column)}"

        columns = [column(part.model, field.name) for part in parts for field in part.fields]
        joins = [
            f"{'LEFT OUTER' if part.link.null else 'INNER'} JOIN "
            f"{quote(part.model._meta.db_table)} ON {column(part.model, part.model._meta.pk.name)}"
            f" = {column(self.model, part.link.name)}"
            for part in parts[1:]
        ]
        conditions = [
            *(f"{column(self.model, name)} = %s" for name in self.keys),
            *(f"{column(self.model, name)} IS NULL" for name in self.null),
            *(f"{column(self.model, name)} <> %s" for name in self.other_than),
        ]
        sql = f"SELECT {', '.join(columns)} FROM {table} {' '.join(joins)}"
        sql += f" WHERE {' AND '.join(conditions)}"
        sql += " LIMIT 1"
        if self.lock and db.features.has_select_for_update:
            sql += (
                f" FOR UPDATE OF {table}" if db.features.has_select_for_update_of else " FOR UPDATE"
            )
        return sql


def _fields(model: type[models.Model], names: tuple[str, ...] | None) -> tuple:
    """All of ``model``'s concrete fields, or its key and those ``names``."""
    if names is None:
        return tuple(model._meta.concrete_fields)
    return (model._meta.pk, *(model._meta.get_field(name) for name in names))


def _column_converters(model: type[models.Model], field, db) -> tuple:
    column = field.get_col(model._meta.db_table)
    return (*db.ops.get_db_converters(column), *field.get_db_converters(db)), column


def _converted(value, converters, db):
    functions, column = converters
    for convert in functions:
        value = convert(value, column, db)
    return value


def first_value(sql: str, params: list):
    """The first column of the first row ``sql`` gives, None when it gives none
    (for the desk's checks, written as SQL: see the module's docstring)."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else row[0]


def key_param(value: uuid.UUID):
    """A UUID key as the database takes it in a statement's parameters."""
    return KEY.get_db_prep_value(value, connections[DEFAULT_DB_ALIAS])


def key_value(value) -> uuid.UUID | None:
    """A UUID key as a statement gives it back (SQLite: its hex)."""
    return value if value is None or isinstance(value, uuid.UUID) else uuid.UUID(value)


def for_update() -> str:
    """The clause that locks a statement's rows (SQLite's write transaction locks already)."""
    return " FOR UPDATE" if connections[DEFAULT_DB_ALIAS].features.has_select_for_update else ""
