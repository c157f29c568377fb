"""Made-up but realistic bibliographic records and copies for demos and
benchmarks: the books of village libraries in Kutai Kartanegara, generated
deterministically from a seed, and the same records as MARC 21.

A package with a part for each concern: ``people`` and ``words`` (the
vocabulary), ``themes`` (titles, classes and subjects by kind of book),
``records`` (records and copies) and ``marc`` (MARC 21 out)."""

from pustaka.catalog.demo_data.marc import record_as_marc, records_as_marc, write_marc_file
from pustaka.catalog.demo_data.records import (
    generate_copies,
    generate_records,
    isbn13,
    main_entry_name,
    natural_order,
    responsibility,
    shelf_for,
)

__all__ = [
    "generate_copies",
    "generate_records",
    "isbn13",
    "main_entry_name",
    "natural_order",
    "record_as_marc",
    "records_as_marc",
    "responsibility",
    "shelf_for",
    "write_marc_file",
]
