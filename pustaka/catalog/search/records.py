"""A page of hits as records with their live copies and the copies' libraries,
read by two statements built once (per number of records) instead of a
queryset and a ``Prefetch``.

Building, compiling and converting the ORM's two queries cost a search page
more CPU than the search itself (20 records with their 40 copies: ~4.5 ms;
the search, remembered: ~0.5 ms). Here the statements are made once from the
models' own fields, each column is converted as the ORM converts it (the
database's converters, then the field's), and a row becomes an instance as
``Model.from_db`` would make it, without ``__init__``'s pass over every field
when nothing listens to the model's ``pre_init``/``post_init`` (see
``core.rows``). Each record's copies are left where a prefetch leaves them:
``record.items.all()`` gives them without a query, as before; a copy's
library has its key, code and name (any other field is read if asked for).
"""

import uuid
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

from pustaka.catalog.models import Item, Record
from pustaka.libraries.models import Library

LIBRARY_FIELDS = ("id", "code", "name")


def records_with_copies(record_ids: list) -> list[Record]:
    """The records of ``record_ids`` (UUIDs or their hex) in that order, each
    with its copies not deleted (by library code, then barcode) and their
    libraries; an id no record has is left out."""
    if not record_ids:
        return []
    db = connections[DEFAULT_DB_ALIAS]
    keys = [value if isinstance(value, uuid.UUID) else uuid.UUID(value) for value in record_ids]
    params = [Record._meta.pk.get_db_prep_value(key, db) for key in keys]
    records_sql, copies_sql = _statements(len(params))
    with db.cursor() as cursor:
        cursor.execute(records_sql, params)
        record_rows = cursor.fetchall()
        cursor.execute(copies_sql, params)
        copy_rows = cursor.fetchall()
    records, items, libraries = _columns()
    by_id = {}
    for row in record_rows:
        record = records.instance(row)
        by_id[record.pk] = record
    _attach_copies(by_id, copy_rows, items, libraries)
    return [by_id[key] for key in keys if key in by_id]


def _attach_copies(by_id: dict, rows: list, items: "_Columns", libraries: "_Columns") -> None:
    """Each copy of ``rows`` (its columns, then its library's) on its record
    and its library, as ``prefetch_related("items__library")`` leaves them."""
    copies: dict = {key: [] for key in by_id}
    seen: dict = {}
    record_link, library_link = Item._meta.get_field("record"), Item._meta.get_field("library")
    for row in rows:
        item = items.instance(row)
        library = seen.get(item.library_id)
        if library is None:
            library = seen[item.library_id] = libraries.instance(row)
        library_link.set_cached_value(item, library)
        record_link.set_cached_value(item, by_id[item.record_id])
        copies[item.record_id].append(item)
    for key, record in by_id.items():
        _prefetched(record, copies[key])


def _prefetched(record: Record, items: list[Item]) -> None:
    """``items`` as the record's prefetched copies: ``record.items.all()``
    gives them; a filter on it is a query of the record's copies."""
    queryset = record.items._apply_rel_filters(Item._base_manager.all())
    queryset._result_cache = items
    queryset._prefetch_done = True
    record.__dict__.setdefault("_prefetched_objects_cache", {})["items"] = queryset


class _Columns:
    """One model's columns in a statement's rows, from ``start``: their
    attribute names, and the converters of those that have any."""

    def __init__(self, model, names: tuple[str, ...], start: int = 0):
        db = connections[DEFAULT_DB_ALIAS]
        fields = [model._meta.get_field(name) for name in names]
        self.model, self.start, self.end = model, start, start + len(fields)
        self.names = [field.attname for field in fields]
        self.converters = []
        for position, field in enumerate(fields):
            column = field.get_col(model._meta.db_table)
            functions = (*db.ops.get_db_converters(column), *field.get_db_converters(db))
            if functions:
                self.converters.append((position, functions, column))
        self.plain = not (pre_init.has_listeners(model) or post_init.has_listeners(model))

    def instance(self, row):
        """The instance the row's columns make, as ``Model.from_db`` makes it."""
        db = connections[DEFAULT_DB_ALIAS]
        values = list(row[self.start : self.end])
        for position, functions, column in self.converters:
            value = values[position]
            for convert in functions:
                value = convert(value, column, db)
            values[position] = value
        if not self.plain:
            return self.model.from_db(DEFAULT_DB_ALIAS, self.names, values)
        instance = self.model.__new__(self.model)
        state = ModelState()
        state.adding, state.db = False, DEFAULT_DB_ALIAS
        instance.__dict__.update(zip(self.names, values, strict=True), _state=state)
        return instance


@lru_cache(maxsize=1)
def _columns() -> tuple[_Columns, _Columns, _Columns]:
    """The records' columns, and in the copies' statement the copies' and
    their libraries'."""
    items = _Columns(Item, _all(Item))
    return _Columns(Record, _all(Record)), items, _Columns(Library, LIBRARY_FIELDS, items.end)


def _all(model) -> tuple[str, ...]:
    return tuple(field.name for field in model._meta.concrete_fields)


@lru_cache(maxsize=64)
def _statements(count: int) -> tuple[str, str]:
    """The records' statement and their copies', for ``count`` keys."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name

    def columns(model, names):
        table = quote(model._meta.db_table)
        return [f"{table}.{quote(model._meta.get_field(name).column)}" for name in names]

    keys = ", ".join(["%s"] * count)
    record, item, library = (quote(model._meta.db_table) for model in (Record, Item, Library))
    (record_id,) = columns(Record, ("id",))
    library_id, library_code = columns(Library, ("id", "code"))
    item_library, item_record, deleted, barcode = columns(
        Item, ("library", "record", "deleted_at", "barcode")
    )
    records_sql = (
        f"SELECT {', '.join(columns(Record, _all(Record)))} FROM {record} "
        f"WHERE {record_id} IN ({keys})"
    )
    copies_sql = (
        f"SELECT {', '.join(columns(Item, _all(Item)) + columns(Library, LIBRARY_FIELDS))} "
        f"FROM {item} INNER JOIN {library} ON {library_id} = {item_library}"
        f" WHERE {item_record} IN ({keys}) AND {deleted} IS NULL"
        f" ORDER BY {library_code}, {barcode}"
    )
    return records_sql, copies_sql
