"""Copy cataloguing's guard: a book the district already describes is not
described twice; the second library adds its copy to the existing record."""

from django.utils.translation import gettext as _

from pustaka.catalog import queries
from pustaka.catalog.models import Record


def record_with_any_isbn(values, *, exclude: Record | None = None) -> tuple[str, Record] | None:
    """``(isbn as given, record)`` for the first of ``values`` another live record
    already carries (any ISBN form); ``None`` when every ISBN is new."""
    for value in values:
        found = queries.records_with_isbn(str(value))
        if exclude is not None:
            found = found.exclude(pk=exclude.pk)
        record = found.first()
        if record is not None:
            return str(value), record
    return None


def duplicate_message(value: str, record: Record) -> str:
    return _(
        "The union catalogue already has “%(title)s” with ISBN %(isbn)s: "
        "add a copy to that record instead."
    ) % {"title": record.title, "isbn": value}
