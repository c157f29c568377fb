"""MARC 21 in and out of the union catalogue: robust readers (ISO 2709 and
MARCXML), the mapping between MARC fields and a record's description, the
import pipeline and the streaming export.

This module holds the shapes the import pipeline hands to the catalogue
service ``records_import_batch``: one ``ImportEntry`` per good MARC record,
with the copies (``ImportItem``) its 952/852 fields describe.
"""

import datetime
import decimal
from dataclasses import dataclass, field


@dataclass
class ImportItem:
    """A copy described by a 952 (Koha) or 852 field of an imported record."""

    library_codes: tuple[str, ...] = ()
    barcode: str = ""
    call_number: str = ""
    shelf: str = ""
    acquired_on: datetime.date | None = None
    price: decimal.Decimal | None = None


@dataclass
class ImportEntry:
    """One good MARC record, ready to be matched and written. ``checked``: its
    ``fields`` were already cleaned and accepted, and what a record created
    from them would be is known (``catalog.services.import_checked``, where
    the file is read): ``terms``, its search terms; ``record_id``, its key
    (the UUID's ``int``: a UUID costs several times more to pickle from the
    reading process); ``logged``, the change-log snapshots (JSON) of the
    record and of its kept MARC, their auto-now dates ``null`` until they
    are inserted."""

    position: int
    label: object  # names the record in messages: str(label), e.g. "record 12 (byte 34 567)"
    fields: dict
    marc: bytes
    items: list[ImportItem] = field(default_factory=list)
    terms: tuple | None = None
    checked: bool = False
    record_id: int | None = None
    logged: tuple[str, str] | None = None


@dataclass
class BatchResult:
    """What one batch of the import did; ``errors`` as ``(position, reason)``."""

    imported: int = 0
    updated: int = 0
    skipped: int = 0
    items_added: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
