"""The MARC import pipeline: read the file record by record, map each good
record to a description and its copies, and hand them in batches to the
catalogue service ``records_import_batch``. Bad records are reported with
their position and reason; the others are imported."""

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial

from django.db import DatabaseError
from django.utils.translation import gettext as _
from pymarc import Leader, Record

from pustaka.catalog import services
from pustaka.catalog.marc import BatchResult, ImportEntry
from pustaka.catalog.marc.mapping import fields_from_marc, items_from_marc
from pustaka.catalog.marc.parallel import can_run_in_second_process, in_second_process
from pustaka.catalog.marc.reading import LEADER_LEN, RECORD_END, MarcFile, Position, open_marc
from pustaka.catalog.search.documents import index_tidy
from pustaka.core.errors import DomainError, NotPermitted
from pustaka.core.permissions import access_for

BATCH_SIZE = 500
PARALLEL_MIN_RECORDS = 4 * BATCH_SIZE
GC_THRESHOLD = 50_000
MAX_FIELD_LENGTH = 9999
MAX_RECORD_LENGTH = 99999
FIELD_END = b"\x1e"


@dataclass
class ReadBatch:
    """Records read and mapped: ``entries`` to write, ``errors`` as
    ``(position, reason)``, ``read`` the number of records (good or bad), and
    the ``warnings`` about the whole file (with the last batch)."""

    entries: list[ImportEntry] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    read: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import did: counts, each bad record (``position``, ``reason``),
    and warnings about the file as a whole."""

    imported: int = 0
    updated: int = 0
    skipped: int = 0
    items_added: int = 0
    processed: int = 0
    total: int | None = None
    errors: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add_error(self, position: int, reason: str) -> None:
        self.errors.append({"position": position, "reason": reason})

    def add_batch(self, result: BatchResult) -> None:
        self.imported += result.imported
        self.updated += result.updated
        self.skipped += result.skipped
        self.items_added += result.items_added
        for position, reason in result.errors:
            self.add_error(position, reason)

    def as_dict(self) -> dict:
        """The summary ``pustaka import-marc --json`` prints."""
        summary = asdict(self)
        return {key: summary[key] for key in ("imported", "updated", "skipped", "errors")}

    def as_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False)


def marc_import(
    *,
    actor,
    source,
    library,
    progress: Callable[[ImportReport], None] | None = None,
    parallel: bool | None = None,
) -> ImportReport:
    """Import the MARC file ``source`` (bytes, a path or a binary file object;
    ISO 2709 in MARC-8 or UTF-8, or MARCXML) into the union catalogue, with its
    copies at ``library`` unless their 952/852 names another library.

    ``progress`` is called with the report after each batch. ``parallel``:
    read and map the file in a second process while the batches are written
    (``None``: when the file is large enough for it to pay). When records
    were written, the full-text index is tidied for the searches after it
    (``index_tidy``).
    """
    access = access_for(actor)
    if not (access.can_catalogue and access.can_manage_items(library.pk)):
        raise NotPermitted
    report = ImportReport()
    with _fewer_collections(), open_marc(source) as marc_file:
        report.total = marc_file.total
        if parallel is None:
            parallel = _parallel_pays(marc_file.total)
        batches = partial(read_batches, marc_file, BATCH_SIZE)
        if parallel:
            batches = partial(in_second_process, batches)
        for batch in batches():
            report.processed += batch.read
            for position, reason in batch.errors:
                report.add_error(position, reason)
            report.warnings.extend(batch.warnings)
            _write(report, batch.entries, actor=actor, library=library, progress=progress)
    if report.imported or report.updated:
        index_tidy()
    if report.processed == 0:
        report.warnings.append(_("the file holds no MARC records"))
    report.errors.sort(key=lambda error: error["position"])
    return report


@contextmanager
def _fewer_collections():
    """Run the cyclic garbage collector rarely, and never over what existed before.

    An import allocates millions of objects that reference counting frees; with
    the default threshold (700) the collector ran thousands of times, each full
    run walking every object of the process: a fifth of the import's time.
    (A second thread's import may see the thresholds change: only slower.)
    """
    thresholds = gc.get_threshold()
    raise_it = thresholds[0] < GC_THRESHOLD
    if raise_it:
        gc.set_threshold(GC_THRESHOLD, *thresholds[1:])
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        if raise_it:
            gc.set_threshold(*thresholds)


def _parallel_pays(total: int | None) -> bool:
    """Whether a second process would save time: a second core, and a file of
    several batches (starting the process costs about as much as mapping a
    hundred records)."""
    return (total is None or total >= PARALLEL_MIN_RECORDS) and can_run_in_second_process()


def read_batches(marc_file: MarcFile, size: int) -> Iterator[ReadBatch]:
    """The file as batches of ``size`` good records (the bad ones reported with
    them); the last batch, maybe empty, also carries the file's warnings."""
    batch = ReadBatch()
    for position, record, reason in marc_file:
        batch.read += 1
        _collect(batch, position, record, reason)
        if len(batch.entries) >= size:
            yield batch
            batch = ReadBatch()
    batch.warnings = list(marc_file.warnings)
    yield batch


def _collect(batch: ReadBatch, position: Position, record, reason) -> None:
    """Add a good record to ``batch``; report a bad one."""
    if record is None:
        batch.errors.append((position.number, f"{position}: {reason}"))
        return
    try:
        batch.entries.append(entry_from_marc(position, record))
    except (ValueError, TypeError, KeyError, IndexError) as error:
        reason = _("the record cannot be converted (%(error)s)") % {"error": error}
        batch.errors.append((position.number, f"{position}: {reason}"))


def entry_from_marc(position: Position, record: Record) -> ImportEntry:
    """What the catalogue service needs of one good record: its fields checked,
    and the search terms, key and change-log snapshots of a record created
    from them (here, in the reading process when there is one, so the writing
    process has less to do)."""
    fields = fields_from_marc(record)
    marc = marc_for_storage(record)
    return ImportEntry(
        position=position.number,
        label=position,
        marc=marc,
        items=items_from_marc(record),
        **services.import_checked(fields, marc),
    )


def marc_for_storage(record: Record) -> bytes:
    """The record as kept: ISO 2709 in UTF-8 (leader/09 ``a``); the bytes as
    read when they are that already (``ReadRecord.kept``).

    Like pymarc's ``as_marc``, but refuses (``ValueError``) what ISO 2709
    cannot hold instead of writing a corrupt directory.
    """
    kept = getattr(record, "kept", None)
    if kept is not None:
        return kept
    directory, data, offset = [], [], 0
    for marc_field in record.fields:
        body = _field_bytes(marc_field)
        tag = marc_field.tag
        if len(body) > MAX_FIELD_LENGTH:
            raise ValueError(_("field %(tag)s is too long for MARC") % {"tag": tag})
        directory.append(b"%s%04d%05d" % (tag.encode("ascii"), len(body), offset))
        data.append(body)
        offset += len(body)
    directory_bytes = b"".join(directory) + FIELD_END
    base = LEADER_LEN + len(directory_bytes)
    length = base + offset + 1
    if length > MAX_RECORD_LENGTH:
        raise ValueError(_("the record is too long for MARC"))
    leader = str(record.leader)
    leader = f"{length:05d}{leader[5:9]}a{leader[10:12]}{base:05d}{leader[17:]}"
    record.leader = Leader(leader)
    return leader.encode("ascii") + directory_bytes + b"".join(data) + RECORD_END


def _field_bytes(marc_field) -> bytes:
    if marc_field.control_field:
        return marc_field.data.encode("utf-8") + FIELD_END
    indicators = marc_field.indicators
    text = "".join(f"\x1f{code}{value}" for code, value in marc_field.subfields)
    return f"{indicators.first}{indicators.second}{text}".encode() + FIELD_END


def _write(report: ImportReport, batch: list, *, actor, library, progress) -> None:
    """Write ``batch`` in one transaction; a refused batch is reported record by record."""
    if batch:
        try:
            report.add_batch(
                services.records_import_batch(actor=actor, library=library, entries=batch)
            )
        except NotPermitted:
            raise
        except (DatabaseError, DomainError) as error:
            reason = _("not saved: the batch it was in could not be written (%(error)s)") % {
                "error": getattr(error, "message", error)
            }
            for entry in batch:
                report.add_error(entry.position, f"{entry.label}: {reason}")
        batch.clear()
    if progress is not None:
        progress(report)
