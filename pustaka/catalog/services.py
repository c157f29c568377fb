"""Every change to the union catalogue: records, their ISBNs and MARC, copies."""

import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.catalog.duplicates import duplicate_message, record_with_any_isbn
from pustaka.catalog.identifiers import barcode_clean, is_normalised_isbn13, normalise_isbns
from pustaka.catalog.marc import BatchResult, ImportEntry
from pustaka.catalog.marc.mapping import text_limits
from pustaka.catalog.models import Audience, Item, MaterialType, Record, RecordIsbn, RecordMarc
from pustaka.catalog.search.documents import (
    document_for,
    document_terms,
    holdings_refresh,
    index_documents,
    index_records,
    unindex_records,
)
from pustaka.core.bulk import built, lookups_by_index, rows_insert, values_insert
from pustaka.core.changes import changes_record_created, snapshot_json
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import (
    insert_logged,
    insert_many_logged,
    refuse_unknown_fields,
    update_logged,
)
from pustaka.libraries.models import Library
from pustaka.libraries.services import codes_mint

RECORD_FIELDS = {
    "title",
    "subtitle",
    "responsibility",
    "authors",
    "publisher",
    "place",
    "year",
    "edition",
    "isbns",
    "language",
    "ddc",
    "subjects",
    "series",
    "physical_description",
    "material_type",
    "audience",
    "notes",
    "cover",
    "control_number",
    "control_source",
}
ITEM_FIELDS = {
    "call_number",
    "shelf",
    "acquired_on",
    "source",
    "price",
    "condition",
    "status",
    "notes",
}
BARCODE_COUNTER = "barcode"
MATERIAL_TYPES = frozenset(MaterialType.values)
AUDIENCES = frozenset(["", *Audience.values])


@transaction.atomic
def record_create(*, actor, fields: dict, marc: bytes | None = None) -> Record:
    """Describe a new record in the union catalogue (and keep its original MARC)."""
    if not access_for(actor).can_catalogue:
        raise NotPermitted
    record = Record(**_record_fields_clean(fields))
    _check_isbns_are_new(record.isbns)
    insert_logged(record, actor=actor)
    _isbns_save(record)
    if marc:
        insert_logged(RecordMarc(record=record, data=marc), actor=actor)
    index_records([record])
    return record


@transaction.atomic
def record_update(*, actor, record: Record, changes: dict) -> list[str]:
    """Change a record's description; its ISBNs and search entry follow."""
    if not access_for(actor).can_catalogue:
        raise NotPermitted
    changes = _record_fields_clean(changes, partial=True)
    _check_isbns_are_new(changes.get("isbns", []), exclude=record)
    changed = update_logged(
        record,
        actor=actor,
        changes=changes,
        allowed=RECORD_FIELDS,
    )
    if "isbns" in changed:
        RecordIsbn.objects.filter(record=record).delete()
        _isbns_save(record)
    if changed:
        index_records([record])
    return changed


@transaction.atomic
def record_withdraw(*, actor, record: Record) -> None:
    """Take a record out of the catalogue once no library holds a live copy of it."""
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    live = record.items.filter(deleted_at__isnull=True).exclude(status=Item.Status.WITHDRAWN)
    if live.exists():
        raise Invalid(
            _("Libraries still hold copies of this record: withdraw the copies first."),
            code="record_has_copies",
        )
    update_logged(
        record, actor=actor, changes={"deleted_at": timezone.now()}, allowed={"deleted_at"}
    )
    unindex_records([record.pk])


@transaction.atomic
def item_create(*, actor, record: Record, library: Library, barcode: str = "", **details) -> Item:
    """Add a copy of ``record`` to ``library``: a minted barcode unless one is given."""
    if not access_for(actor).can_manage_items(library.pk):
        raise NotPermitted
    refuse_unknown_fields(details, ITEM_FIELDS)
    barcode = barcode_clean(barcode) or codes_mint(library=library, name=BARCODE_COUNTER)[0]
    if Item.objects.filter(barcode=barcode).exists():
        raise Invalid(fields={"barcode": [_("Another copy already has this barcode.")]})
    item = insert_logged(
        Item(record=record, library=library, barcode=barcode, **details), actor=actor
    )
    holdings_refresh([record.pk])
    return item


@transaction.atomic
def item_update(*, actor, item: Item, changes: dict) -> list[str]:
    """Change a copy's call number, shelf, acquisition, condition or status."""
    if not access_for(actor).can_manage_items(item.library_id):
        raise NotPermitted
    changed = update_logged(item, actor=actor, changes=changes, allowed=ITEM_FIELDS)
    if "status" in changed:
        holdings_refresh([item.record_id])
    return changed


@transaction.atomic
def item_withdraw(*, actor, item: Item) -> None:
    """Withdraw a copy from the collection (weeded, given away); kept for history."""
    if not access_for(actor).can_manage_items(item.library_id):
        raise NotPermitted
    if item.status == Item.Status.ON_LOAN:
        raise Invalid(_("This copy is on loan: take it back first."), code="item_on_loan")
    update_logged(item, actor=actor, changes={"status": Item.Status.WITHDRAWN}, allowed={"status"})
    holdings_refresh([item.record_id])


def _record_fields_clean(fields: dict, *, partial: bool = False) -> dict:
    """Check and normalise record fields: known names, a title, ISBNs as ISBN-13,
    authors and subjects as lists, a plausible year."""
    refuse_unknown_fields(fields, RECORD_FIELDS)
    cleaned = dict(fields)
    errors = {}
    if not partial or "title" in cleaned:
        cleaned["title"] = (cleaned.get("title") or "").strip()
        if not cleaned["title"]:
            errors["title"] = [_("A record needs a title.")]
    if "isbns" in cleaned:
        cleaned["isbns"], invalid = normalise_isbns(cleaned["isbns"])
        if invalid:
            errors["isbns"] = [
                _("Not a valid ISBN: %(value)s") % {"value": value} for value in invalid
            ]
    if cleaned.get("year") is not None and not 1000 <= int(cleaned["year"]) <= 2100:
        errors["year"] = [_("Give the year of publication with four digits.")]
    if errors:
        raise Invalid(fields=errors)
    return cleaned


def _check_isbns_are_new(isbns, *, exclude: Record | None = None) -> None:
    """Copy cataloguing: a book the district already describes is not described twice."""
    duplicate = record_with_any_isbn(isbns, exclude=exclude)
    if duplicate is not None:
        message = duplicate_message(*duplicate)
        raise Invalid(message, code="duplicate_isbn", fields={"isbns": [message]})


def _isbns_save(record: Record) -> None:
    RecordIsbn.objects.bulk_create(
        [RecordIsbn(record=record, isbn=value) for value in record.isbns], ignore_conflicts=True
    )


@transaction.atomic
def records_import_batch(*, actor, library: Library, entries: list[ImportEntry]) -> BatchResult:
    """Write one batch of imported MARC records and their copies, in one transaction.

    Each entry matches an existing record on control number and source, then
    on any ISBN, then (when it has neither) on an identical description. A new
    record is created with its ISBN rows and kept MARC; a match whose fields
    or MARC differ is updated; an identical one is skipped. Copies whose
    barcode is unknown are added (minted barcodes for copies without one), at
    the library their 952/852 names when it exists, else at ``library``.
    Everything is checked before the first write, so a refused entry is
    reported and a failing write leaves nothing of the batch behind.
    """
    access = access_for(actor)
    if not (access.can_catalogue and access.can_manage_items(library.pk)):
        raise NotPermitted
    result = BatchResult()
    with lookups_by_index():
        plan = _import_plan(_import_entries_checked(entries, result), result)
        copies = _import_copies(plan, library, access, result)
        _import_write(plan, copies, actor=actor)
    result.items_added = len(copies)
    return result


def import_checked(fields: dict, marc: bytes) -> dict:
    """What ``records_import_batch`` works out for an imported record of
    ``fields`` and ``marc``, as ``ImportEntry`` attributes: the fields cleaned
    as it cleans them, and the search terms (``document_terms``), key and
    change-log snapshots of a record created from them; only ``fields`` as
    they are when they are refused (the batch reports why). The import
    computes these in the process that reads the file, beside the writes."""
    try:
        cleaned = _import_fields_clean(fields)
    except Invalid:
        return {"fields": fields}
    record = built(Record, cleaned)
    kept = built(RecordMarc, {"record_id": record.pk, "data": marc})
    return {
        "fields": cleaned,
        "checked": True,
        "terms": document_terms(record),
        "record_id": record.pk.int,
        "logged": (snapshot_json(record), snapshot_json(kept)),
    }


@dataclass
class _Planned:
    """What the batch does with one record: create it, update it, or leave it;
    ``terms`` and ``logged``: the search terms and change-log snapshots of a
    record created as its entry was read (``ImportEntry``)."""

    record: Record
    fields: dict
    marc: bytes
    action: str
    entries: list = field(default_factory=list)
    terms: tuple | None = None
    logged: tuple[str, str] | None = None


def _import_entries_checked(entries, result: BatchResult) -> list[tuple[ImportEntry, dict]]:
    """``(entry, cleaned fields)`` of the entries whose fields are acceptable
    (those the reading process checked are taken as they are); the others are
    reported in ``result``."""
    checked = []
    for entry in entries:
        if entry.checked:
            checked.append((entry, entry.fields))
            continue
        try:
            cleaned = _import_fields_clean(entry.fields)
        except Invalid as error:
            messages = [str(m) for values in error.fields.values() for m in values]
            reason = "; ".join(messages) or str(error.message)
            result.errors.append((entry.position, f"{entry.label}: {reason}"))
            continue
        checked.append((entry, cleaned))
    return checked


def _import_fields_clean(fields: dict) -> dict:
    """``_record_fields_clean`` plus lengths and choices (rows are bulk-inserted
    without model validation); ISBNs already in ISBN-13 form are checked cheaply."""
    isbns = fields.get("isbns")
    if isbns and all(is_normalised_isbn13(value) for value in isbns):
        cleaned = _record_fields_clean({k: v for k, v in fields.items() if k != "isbns"})
        cleaned["isbns"] = list(dict.fromkeys(isbns))
    else:
        cleaned = _record_fields_clean(fields)
    errors = {
        name: [_("Too long: at most %(limit)s characters.") % {"limit": limit}]
        for name, limit in text_limits().items()
        if len(cleaned.get(name) or "") > limit
    }
    if cleaned.get("material_type", MaterialType.BOOK) not in MATERIAL_TYPES:
        errors["material_type"] = [_("Unknown material type.")]
    if cleaned.get("audience", "") not in AUDIENCES:
        errors["audience"] = [_("Unknown audience.")]
    if errors:
        raise Invalid(fields=errors)
    return cleaned


def _import_plan(checked, result: BatchResult) -> dict:
    """Planned writes by record key, in file order; counts go to ``result``."""
    matches = _ImportMatches(checked)
    plan: dict = {}
    for entry, fields in checked:
        record = matches.find(fields)
        planned = plan.get(record.pk) if record else None
        if planned is not None:
            _import_merge(planned, entry, fields, result)
        elif record is not None:
            plan[record.pk] = _import_existing(record, entry, fields, matches, result)
        else:
            new = _import_new_record(entry, fields)
            plan[new.pk] = _Planned(
                new, fields, entry.marc, "create", [entry], entry.terms, entry.logged
            )
            matches.remember(new, fields)
            result.imported += 1
    return plan


def _import_new_record(entry: ImportEntry, fields: dict) -> Record:
    """The record ``entry`` creates, under the key chosen as it was read."""
    if entry.record_id is None:
        return built(Record, fields)
    return built(Record, {"id": uuid.UUID(int=entry.record_id), **fields})


def _import_existing(record, entry, fields, matches, result) -> "_Planned":
    differs = _record_differs(record, fields) or matches.marc.get(record.pk) != entry.marc
    if differs:
        result.updated += 1
    else:
        result.skipped += 1
    return _Planned(record, fields, entry.marc, "update" if differs else "skip", [entry])


def _import_merge(planned: "_Planned", entry, fields, result: BatchResult) -> None:
    """A second entry for a record already planned in this batch: the later wins."""
    planned.entries.append(entry)
    if planned.fields == fields and planned.marc == entry.marc:
        result.skipped += 1
        return
    result.updated += 1
    planned.fields, planned.marc, planned.terms, planned.logged = fields, entry.marc, None, None
    if planned.action == "create":
        for name, value in fields.items():
            setattr(planned.record, name, value)
    else:
        planned.action = "update"


def _record_differs(record: Record, fields: dict) -> bool:
    return any(getattr(record, name) != value for name, value in fields.items())


class _ImportMatches:
    """Existing and just-planned records by control number, ISBN and description."""

    def __init__(self, checked):
        self.by_number, self.by_isbn, self.by_description = {}, {}, {}
        numbers = {f["control_number"] for _e, f in checked if f.get("control_number")}
        isbns = {isbn for _e, f in checked for isbn in f.get("isbns", [])}
        described = {f["title"] for _e, f in checked if not _import_identified(f)}
        live = Record.objects.filter(deleted_at__isnull=True).order_by("created_at")
        found = list(live.filter(control_number__among=numbers)) if numbers else []
        rows = RecordIsbn.objects.filter(isbn__among=isbns, record__deleted_at__isnull=True)
        by_pk = {record.pk: record for record in found}
        for row in rows.select_related("record").order_by("record__created_at") if isbns else []:
            self.by_isbn.setdefault(row.isbn, by_pk.setdefault(row.record_id, row.record))
        for record in live.filter(title__among=described) if described else []:
            record = by_pk.setdefault(record.pk, record)
            self.by_description.setdefault(_import_description(vars(record)), record)
        for record in found:
            self.by_number.setdefault((record.control_number, record.control_source), record)
        marcs = RecordMarc.objects.filter(record_id__among=by_pk).values_list("record_id", "data")
        self.marc = {record_id: bytes(data) for record_id, data in marcs}

    def find(self, fields: dict) -> Record | None:
        if fields.get("control_number"):
            key = (fields["control_number"], fields.get("control_source", ""))
            if key in self.by_number:
                return self.by_number[key]
        for isbn in fields.get("isbns", []):
            if isbn in self.by_isbn:
                return self.by_isbn[isbn]
        if not _import_identified(fields):
            return self.by_description.get(_import_description(fields))
        return None

    def remember(self, record: Record, fields: dict) -> None:
        if fields.get("control_number"):
            key = (fields["control_number"], fields.get("control_source", ""))
            self.by_number.setdefault(key, record)
        for isbn in fields.get("isbns", []):
            self.by_isbn.setdefault(isbn, record)
        if not _import_identified(fields):
            self.by_description.setdefault(_import_description(fields), record)


def _import_identified(fields: dict) -> bool:
    return bool(fields.get("control_number") or fields.get("isbns"))


def _import_description(values: dict) -> tuple:
    names = ("title", "subtitle", "responsibility", "publisher", "year", "edition")
    return tuple(values.get(name) or "" for name in names)


def _import_copies(plan: dict, library: Library, access, result: BatchResult) -> list[Item]:
    """The copies to add: known barcodes skipped, minted ones for the rest."""
    wanted = [
        (planned, entry, item, barcode_clean(item.barcode))
        for planned in plan.values()
        for entry in planned.entries
        for item in entry.items
    ]
    codes = {code for _p, _e, item, _b in wanted for code in item.library_codes}
    live = Library.objects.filter(code__in=codes, deleted_at__isnull=True).only("id", "code")
    libraries = {lib.code: lib for lib in live} if codes else {}
    barcodes = {barcode for _p, _e, _i, barcode in wanted} - {""}
    taken = set(Item.objects.filter(barcode__among=barcodes).values_list("barcode", flat=True))
    existing = [p.record.pk for p in plan.values() if p.action != "create"]
    held = set(
        Item.objects.filter(record_id__among=existing).values_list("record_id", "library_id")
    )
    copies, unnumbered = [], {}
    for planned, entry, item, barcode in wanted:
        target = next((libraries[c] for c in item.library_codes if c in libraries), None)
        if not (item.barcode or item.call_number or target):
            continue  # a holdings note ("Library has 2 copies."), not a copy
        target = target or library
        copy = _import_copy(planned, entry, item, barcode, target, access, result)
        if copy is None or copy.barcode in taken:
            continue
        if not copy.barcode and (planned.record.pk, target.pk) in held:
            continue  # copies without barcode are added once, with their record
        copies.append(copy)
        if copy.barcode:
            taken.add(copy.barcode)
        else:
            unnumbered.setdefault(target, []).append(copy)
    _import_barcodes_mint(unnumbered, taken)
    return copies


def _import_copy(planned, entry, item, barcode, target, access, result) -> Item | None:
    """The copy ``item`` describes (``barcode`` cleaned), or ``None`` when refused."""
    if not access.can_manage_items(target.pk):
        reason = _("copy not added: you may not manage the copies of %(library)s") % {
            "library": target.code
        }
        result.errors.append((entry.position, f"{entry.label}: {reason}"))
        return None
    if len(barcode) > Item._meta.get_field("barcode").max_length:
        reason = _("copy not added: its barcode is too long (%(barcode)s)") % {"barcode": barcode}
        result.errors.append((entry.position, f"{entry.label}: {reason}"))
        return None
    return built(
        Item,
        {
            "record_id": planned.record.pk,
            "library_id": target.pk,
            "barcode": barcode,
            "call_number": item.call_number[:64],
            "shelf": item.shelf[:100],
            "acquired_on": item.acquired_on,
            "price": item.price,
        },
    )


def _import_barcodes_mint(unnumbered: dict, taken: set) -> None:
    """Minted barcodes for copies without one, skipping any already printed."""
    for target, copies in unnumbered.items():
        fresh: list[str] = []
        while len(fresh) < len(copies):
            minted = codes_mint(
                library=target, name=BARCODE_COUNTER, count=len(copies) - len(fresh)
            )
            used = taken | set(
                Item.objects.filter(barcode__among=minted).values_list("barcode", flat=True)
            )
            fresh += [code for code in minted if code not in used]
        for copy, barcode in zip(copies, fresh, strict=True):
            copy.barcode = barcode
            taken.add(barcode)


def _import_write(plan: dict, copies: list[Item], *, actor) -> None:
    created = [p for p in plan.values() if p.action == "create"]
    records = [p.record for p in created]
    _import_insert(records, [p.logged and p.logged[0] for p in created], actor=actor)
    values_insert(
        RecordIsbn, ["record_id", "isbn"], [(r.pk, isbn) for r in records for isbn in r.isbns]
    )
    marcs = [built(RecordMarc, {"record_id": p.record.pk, "data": p.marc}) for p in created]
    _import_insert(marcs, [p.logged and p.logged[1] for p in created], actor=actor)
    updated = [p for p in plan.values() if p.action == "update"]
    kept = RecordMarc.objects.in_bulk([p.record.pk for p in updated])  # keyed by record
    changed = [p.record for p in updated if _import_update(p, kept.get(p.record.pk), actor=actor)]
    insert_many_logged(copies, actor=actor)
    new = {record.pk for record in records}
    index_documents(
        [document_for(p.record, p.terms) for p in created],
        new_copies=[copy for copy in copies if copy.record_id in new],
    )
    index_documents([document_for(record) for record in changed])  # new copies counted
    done = new | {record.pk for record in changed}
    holdings_refresh(copy.record_id for copy in copies if copy.record_id not in done)


def _import_insert(rows: list, snapshots: list, *, actor) -> None:
    """``insert_many_logged`` of new rows whose change-log snapshots were made
    as their entries were read (``None`` where not: a record an entry merged into)."""
    if rows:
        rows_insert(type(rows[0]), rows)
        changes_record_created(instances=rows, staff=actor, snapshots=snapshots)


def _import_update(planned: "_Planned", marc: RecordMarc | None, *, actor) -> bool:
    """Update a matched record and its kept MARC (``marc``, read with the
    batch's); whether its fields changed."""
    record = planned.record
    changed = update_logged(record, actor=actor, changes=planned.fields, allowed=RECORD_FIELDS)
    if "isbns" in changed:
        RecordIsbn.objects.filter(record=record).delete()
        _isbns_save(record)
    if marc is None:
        insert_logged(RecordMarc(record=record, data=planned.marc), actor=actor)
    elif bytes(marc.data) != planned.marc:
        # Its record was just written: asking whether it exists would be a query a row.
        update_logged(
            marc,
            actor=actor,
            changes={"data": planned.marc},
            allowed={"data"},
            exclude={"record"},
        )
    return bool(changed)
