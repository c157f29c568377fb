"""The demo district's catalogue: a few thousand generated records typical of
village libraries, with copies spread over the libraries, loaded through the
same MARC import a library would use (no file from outside the package)."""

import io
import random

from django.contrib.auth import get_user_model
from pymarc import Field, MARCWriter, Subfield

from pustaka.catalog.demo_data import generate_copies, generate_records
from pustaka.catalog.demo_data.marc import record_as_marc
from pustaka.catalog.marc.importing import marc_import
from pustaka.catalog.models import Record
from pustaka.libraries.models import Library

DEMO_RECORDS = 3000
DEMO_SEED = 2026
HUB_LIBRARY = "PUD"


def demo_catalogue_write(stream, count: int, library_codes: list[str], *, seed: int = DEMO_SEED):
    """Write ``count`` generated records as ISO 2709 to ``stream``, each with its
    copies as 952 fields."""
    rng = random.Random(seed)
    writer = MARCWriter(stream)
    for index, record in enumerate(generate_records(count, seed=seed), start=1):
        marc = record_as_marc(record, index)
        for copy in generate_copies(index, record, library_codes, rng):
            marc.add_field(_holding(copy))
        writer.write(marc)


def demo_catalogue_marc(count: int, library_codes: list[str], *, seed: int = DEMO_SEED) -> bytes:
    """``count`` generated records with their copies, as ISO 2709 bytes."""
    out = io.BytesIO()
    demo_catalogue_write(out, count, library_codes, seed=seed)
    return out.getvalue()


def _holding(copy: dict) -> Field:
    values = [
        ("a", copy["library_code"]),
        ("p", copy["barcode"]),
        ("o", copy["call_number"]),
        ("c", copy["shelf"]),
        ("d", copy["acquired_on"].isoformat()),
        ("g", str(copy["price"] or "")),
    ]
    subfields = [Subfield(code, value) for code, value in values if value]
    return Field(tag="952", indicators=[" ", " "], subfields=subfields)


def demo_load() -> dict:
    """Load the demo catalogue once (an installation with records keeps its own)."""
    if Record.objects.exists():
        return {"records": 0, "copies": 0}
    admin = get_user_model().objects.get(username="admin")
    codes = list(Library.objects.order_by("code").values_list("code", flat=True))
    source = demo_catalogue_marc(DEMO_RECORDS, codes)
    report = marc_import(actor=admin, source=source, library=Library.objects.get(code=HUB_LIBRARY))
    return {"records": report.imported, "copies": report.items_added}
