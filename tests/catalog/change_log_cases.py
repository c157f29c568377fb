"""Change-log cases for the catalogue services (collected by
tests/core/test_change_log.py; the writing services' cases are there)."""

CASES: dict = {}

# Public functions of the catalogue services that write nothing.
HELPERS = {
    # The checked fields and search terms of a record an import would create:
    # computed while the file is read, before anything is written.
    "pustaka.catalog.services.import_checked",
}
