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
``core.rows``); a copy's record and library keys are those of the objects
already made, not converted again. Each record's copies are left where a
prefetch leaves them: ``record.items.all()`` gives them without a query, as
before; a copy's library has its key, code and name (any other field is read
if asked for). 20 records with their 39 copies: ~1.4 ms.
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
    records, items, libraries = _columns(*map(_plain, (Record, Item, Library)))
    by_key = {row[0]: records.instance(row) for row in record_rows}  # the key as read
    _attach_copies(by_key, copy_rows, items, libraries)
    by_id = {record.pk: record for record in by_key.values()}
    return [by_id[key] for key in keys if key in by_id]


def _attach_copies(by_key: dict, rows: list, items: "_Columns", libraries: "_Columns") -> None:
    """Each copy of ``rows`` (its columns, then its library's) on its record
    and its library, as ``prefetch_related("items__library")`` leaves them;
    ``by_key``: the records by their key as the statements read it, which
    also names a copy's record (its key is the record's, not converted again)."""
    copies: dict = {key: [] for key in by_key}
    seen: dict = {}
    record_link, library_link = Item._meta.get_field("record"), Item._meta.get_field("library")
    record_at, library_at = items.position("record_id"), items.position("library_id")
    for row in rows:
        record, library = by_key[row[record_at]], seen.get(row[library_at])
        if library is None:
            library = seen[row[library_at]] = libraries.instance(row)
        item = items.instance(row, record_id=record.pk, library_id=library.pk)
        library_link.set_cached_value(item, library)
        record_link.set_cached_value(item, record)
        copies[row[record_at]].append(item)
    every_copy = Item._base_manager.all()
    for key, record in by_key.items():
        _prefetched(record, copies[key], every_copy, record_link)


def _prefetched(record: Record, items: list[Item], every_copy, link) -> None:
    """``items`` as the record's prefetched copies: ``record.items.all()``
    gives them; a filter on it is a query of the record's copies. The
    queryset is narrowed to the record's copies as a prefetch narrows it (the
    filter deferred until its query is asked for), without the related
    manager's ``_apply_rel_filters``, which costs four times as much."""
    queryset = every_copy._chain()
    queryset._deferred_filter = False, (), {link.name: record}
    queryset._known_related_objects = {link: {record.pk: record}}
    queryset._result_cache = items
    queryset._prefetch_done = True
    record.__dict__.setdefault("_prefetched_objects_cache", {})["items"] = queryset


class _Columns:
    """One model's columns in a statement's rows, from ``start``: their
    attribute names, and the converters of those that have any."""

    def __init__(self, model, names, *, plain: bool, start: int = 0, given: tuple = ()):
        """``plain``: made without ``__init__`` (see ``_plain``); ``given``: the
        attributes whose values the caller gives (not converted)."""
        db = connections[DEFAULT_DB_ALIAS]
        fields = [model._meta.get_field(name) for name in names]
        self.model, self.start, self.end = model, start, start + len(fields)
        self.names = [field.attname for field in fields]
        self.converters = []
        for position, field in enumerate(fields):
            column = field.get_col(model._meta.db_table)
            functions = (*db.ops.get_db_converters(column), *field.get_db_converters(db))
            if functions and field.attname not in given:
                self.converters.append((position, functions, column))
        self.given = [(self.names.index(name), name) for name in given]
        self.plain = plain

    def position(self, name: str) -> int:
        """Where the column of attribute ``name`` is in a row."""
        return self.start + self.names.index(name)

    def instance(self, row, **given):
        """The instance the row's columns make, as ``Model.from_db`` makes it."""
        db = connections[DEFAULT_DB_ALIAS]
        values = list(row[self.start : self.end])
        for position, functions, column in self.converters:
            value = values[position]
            for convert in functions:
                value = convert(value, column, db)
            values[position] = value
        for position, name in self.given:
            values[position] = given[name]
        if not self.plain:
            return self.model.from_db(DEFAULT_DB_ALIAS, self.names, values)
        instance = self.model.__new__(self.model)
        state = ModelState()
        state.adding, state.db = False, DEFAULT_DB_ALIAS
        instance.__dict__.update(zip(self.names, values, strict=True), _state=state)
        return instance


def _plain(model) -> bool:
    """Whether nothing listens to ``model``'s instances being made (asked at
    every read, as ``core.rows`` asks before every write)."""
    return not (pre_init.has_listeners(model) or post_init.has_listeners(model))


@lru_cache(maxsize=8)
def _columns(record: bool, item: bool, library: bool) -> tuple[_Columns, _Columns, _Columns]:
    """The records' columns, and in the copies' statement the copies' and
    their libraries' (each made without ``__init__`` when its flag is set)."""
    items = _Columns(Item, _all(Item), plain=item, given=("record_id", "library_id"))
    libraries = _Columns(Library, LIBRARY_FIELDS, plain=library, start=items.end)
    return _Columns(Record, _all(Record), plain=record), items, libraries


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
