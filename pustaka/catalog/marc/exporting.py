"""MARC export of the union catalogue, or of one library's holdings, streamed in
chunks so that a large catalogue never sits in memory at once."""

from collections.abc import Iterator

from pymarc import Record as MarcRecord
from pymarc import record_to_xml

from pustaka.catalog.marc.mapping import item_fields, marc_for_export
from pustaka.catalog.marc.reading import MarcError, parse_iso2709
from pustaka.catalog.models import Item, Record, RecordMarc
from pustaka.libraries.models import Library

CHUNK_SIZE = 1000
FORMATS = ("mrc", "xml")
XML_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n'
)
XML_TAIL = b"</collection>\n"
HOLDINGS_TAGS = ("852", "952")


def marc_export(*, stream, library: Library | None = None, fmt: str = "mrc") -> int:
    """Write the catalogue (or ``library``'s holdings) to the binary ``stream``
    as ISO 2709 (``mrc``) or MARCXML (``xml``); returns the number of records."""
    _check_format(fmt)
    count = 0
    stream.write(XML_HEAD if fmt == "xml" else b"")
    for marc in export_records(library=library):
        stream.write(serialised(marc, fmt))
        count += 1
    stream.write(XML_TAIL if fmt == "xml" else b"")
    return count


def marc_export_chunks(*, library: Library | None = None, fmt: str = "mrc") -> Iterator[bytes]:
    """The export as successive byte strings, one per record (for streaming)."""
    _check_format(fmt)
    if fmt == "xml":
        yield XML_HEAD
    for marc in export_records(library=library):
        yield serialised(marc, fmt)
    if fmt == "xml":
        yield XML_TAIL


def serialised(marc: MarcRecord, fmt: str) -> bytes:
    return marc.as_marc() if fmt == "mrc" else record_to_xml(marc) + b"\n"


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown MARC format {fmt!r}")


def export_records(*, library: Library | None = None) -> Iterator[MarcRecord]:
    """The MARC of every live record (or every record ``library`` holds a copy
    of, with its copies as 952 fields), in chunks of ``CHUNK_SIZE``."""
    records = Record.objects.filter(deleted_at__isnull=True).order_by("pk")
    if library is not None:
        records = records.filter(pk__in=_held(library).values("record_id"))
    last = None
    while chunk := list((records.filter(pk__gt=last) if last else records)[:CHUNK_SIZE]):
        last = chunk[-1].pk
        ids = [record.pk for record in chunk]
        kept = dict(RecordMarc.objects.filter(record_id__in=ids).values_list("record_id", "data"))
        copies = _copies_by_record(library, ids)
        for record in chunk:
            yield _marc_of(record, kept.get(record.pk), copies.get(record.pk, []), library)


def _held(library: Library):
    """The live copies of ``library`` (withdrawn ones are no longer holdings)."""
    return Item.objects.filter(library=library, deleted_at__isnull=True).exclude(
        status=Item.Status.WITHDRAWN
    )


def _copies_by_record(library: Library | None, ids: list) -> dict:
    if library is None:
        return {}
    copies: dict = {}
    for item in _held(library).filter(record_id__in=ids).order_by("barcode"):
        copies.setdefault(item.record_id, []).append(item)
    return copies


def _marc_of(record: Record, data, copies: list[Item], library: Library | None) -> MarcRecord:
    marc = marc_for_export(record, _original(data))
    if library is not None:
        marc.remove_fields(*HOLDINGS_TAGS)
        for field in item_fields(copies, library.code):
            marc.add_ordered_field(field)
    return marc


def _original(data) -> MarcRecord | None:
    """The kept MARC, parsed; ``None`` when there is none (or it is unreadable)."""
    if not data:
        return None
    try:
        return parse_iso2709(bytes(data).rstrip(b"\x1d"))
    except MarcError:
        return None
