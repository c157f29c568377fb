"""``pustaka search``: the union catalogue from the command line, readable or as JSON."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from pustaka.catalog import services


def search(*args, language: str = "en") -> str:
    out = StringIO()
    with translation.override(language):
        call_command("search", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def two_libraries_hold_lele(record, item_a, manager_b, library_b, admin):
    services.item_create(actor=manager_b, record=record, library=library_b, barcode="LAMA-7")
    services.record_create(actor=admin, fields={"title": "Kolam Terpal untuk Pemula", "year": 2020})
    return record


def test_json_output_is_one_object_with_results_items_and_facets(two_libraries_hold_lele):
    record = two_libraries_hold_lele

    data = json.loads(search("lele", "--json"))

    assert data == {
        "total": 1,
        "page": 1,
        "per_page": 20,
        "results": [
            {
                "id": str(record.pk),
                "title": "Budidaya Lele di Kolam Terpal",
                "authors": ["Siti Aminah"],
                "year": 2019,
                "isbns": ["9786020332956"],
                "material_type": "book",
                "items": [
                    {"library": "DSA", "barcode": "DSA-000001", "status": "available"},
                    {"library": "DSB", "barcode": "LAMA-7", "status": "available"},
                ],
            }
        ],
        "facets": {
            "library": [{"value": "DSA", "count": 1}, {"value": "DSB", "count": 1}],
            "material_type": [{"value": "book", "count": 1}],
            "language": [{"value": "ind", "count": 1}],
            "audience": [],
            "ddc_hundreds": [{"value": 600, "count": 1}],
            "decade": [{"value": 2010, "count": 1}],
            "available": 1,
        },
    }


def test_library_option_keeps_records_that_library_holds(two_libraries_hold_lele):
    data = json.loads(search("kolam", "--library", "dsb", "--json"))

    assert [result["title"] for result in data["results"]] == ["Budidaya Lele di Kolam Terpal"]
    assert data["total"] == 1


def test_limit_caps_the_results_but_not_the_total(two_libraries_hold_lele):
    data = json.loads(search("kolam", "--limit", "1", "--json"))

    assert data["total"] == 2
    assert len(data["results"]) == 1


def test_no_match_gives_an_empty_object(db):
    data = json.loads(search("tidakada", "--json"))

    assert data["total"] == 0 and data["results"] == []
    assert data["facets"]["available"] == 0


def test_readable_list_shows_title_authors_isbn_and_copies(two_libraries_hold_lele):
    lines = search("lele").splitlines()

    assert lines == [
        "1 record for “lele” (showing 1).",
        "1. Budidaya Lele di Kolam Terpal / Siti Aminah (2019)",
        "   ISBN 978-602-03-3295-6",
        "   DSA      DSA-000001       available",
        "   DSB      LAMA-7           available",
    ]


def test_unknown_library_code_is_an_error(db):
    with pytest.raises(CommandError, match="No library with code XYZ"):
        search("lele", "--library", "XYZ")


def test_the_list_speaks_indonesian_by_default(two_libraries_hold_lele):
    assert search("lele", language="id").splitlines()[0] == (
        "1 cantuman untuk “lele” (menampilkan 1)."
    )
