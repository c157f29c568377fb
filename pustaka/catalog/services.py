"""Every change to the union catalogue: records, their ISBNs and MARC, copies."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.catalog.identifiers import normalise_isbns
from pustaka.catalog.models import Item, Record, RecordIsbn, RecordMarc
from pustaka.catalog.search.documents import index_records, unindex_records
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import insert_logged, update_logged
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


@transaction.atomic
def record_create(*, actor, fields: dict, marc: bytes | None = None) -> Record:
    """Describe a new record in the union catalogue (and keep its original MARC)."""
    if not access_for(actor).can_catalogue:
        raise NotPermitted
    record = Record(**_record_fields_clean(fields))
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
    changed = update_logged(
        record,
        actor=actor,
        changes=_record_fields_clean(changes, partial=True),
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
    unknown = set(details) - ITEM_FIELDS
    if unknown:
        raise Invalid(fields={name: [_("Unknown field.")] for name in sorted(unknown)})
    barcode = _barcode_clean(barcode) or codes_mint(library=library, name=BARCODE_COUNTER)[0]
    if Item.objects.filter(barcode=barcode).exists():
        raise Invalid(fields={"barcode": [_("Another copy already has this barcode.")]})
    item = Item(record=record, library=library, barcode=barcode, **details)
    return insert_logged(item, actor=actor)


@transaction.atomic
def item_update(*, actor, item: Item, changes: dict) -> list[str]:
    """Change a copy's call number, shelf, acquisition, condition or status."""
    if not access_for(actor).can_manage_items(item.library_id):
        raise NotPermitted
    return update_logged(item, actor=actor, changes=changes, allowed=ITEM_FIELDS)


@transaction.atomic
def item_withdraw(*, actor, item: Item) -> None:
    """Withdraw a copy from the collection (weeded, given away); kept for history."""
    if not access_for(actor).can_manage_items(item.library_id):
        raise NotPermitted
    if item.status == Item.Status.ON_LOAN:
        raise Invalid(_("This copy is on loan: take it back first."), code="item_on_loan")
    update_logged(item, actor=actor, changes={"status": Item.Status.WITHDRAWN}, allowed={"status"})


def _record_fields_clean(fields: dict, *, partial: bool = False) -> dict:
    """Check and normalise record fields: known names, a title, ISBNs as ISBN-13,
    authors and subjects as lists, a plausible year."""
    unknown = set(fields) - RECORD_FIELDS
    if unknown:
        raise Invalid(fields={name: [_("Unknown field.")] for name in sorted(unknown)})
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


def _barcode_clean(barcode: str) -> str:
    """A typed or scanned barcode without surrounding blanks or scanner noise."""
    return "".join(ch for ch in (barcode or "").strip() if ch.isprintable()).upper()


def _isbns_save(record: Record) -> None:
    RecordIsbn.objects.bulk_create(
        [RecordIsbn(record=record, isbn=value) for value in record.isbns], ignore_conflicts=True
    )
