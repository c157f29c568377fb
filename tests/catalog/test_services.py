"""Catalogue services: the rules hold whatever calls them (pages, API, imports)."""

import pytest

from pustaka.catalog import services
from pustaka.catalog.models import Record
from pustaka.core.errors import Invalid, NotPermitted


def test_second_record_with_a_known_isbn_is_refused_in_any_form(manager_b, record):
    with pytest.raises(Invalid) as refused:
        services.record_create(
            actor=manager_b, fields={"title": "Budidaya Lele", "isbns": ["978 602 03 3295 6"]}
        )

    assert refused.value.code == "duplicate_isbn"
    assert Record.objects.count() == 1


def test_updating_a_record_to_another_records_isbn_is_refused(admin, record):
    other = services.record_create(actor=admin, fields={"title": "Cerita Rakyat Kutai"})

    with pytest.raises(Invalid):
        services.record_update(actor=admin, record=other, changes={"isbns": ["9786020332956"]})

    other.refresh_from_db()
    assert other.isbns == []


def test_isbns_are_normalised_to_isbn13(admin):
    record = services.record_create(
        actor=admin, fields={"title": "Arithmetic", "isbns": ["0-306-40615-2", "9780306406157"]}
    )

    assert record.isbns == ["9780306406157"]


def test_viewer_cannot_catalogue(viewer):
    with pytest.raises(NotPermitted):
        services.record_create(actor=viewer, fields={"title": "Budidaya Lele"})


def test_minted_barcodes_follow_the_library_code(manager_a, record, library_a):
    first = services.item_create(actor=manager_a, record=record, library=library_a)
    second = services.item_create(actor=manager_a, record=record, library=library_a)

    assert (first.barcode, second.barcode) == ("DSA-000001", "DSA-000002")


def test_typed_barcode_already_in_use_is_refused(
    manager_a, manager_b, record, library_a, library_b
):
    services.item_create(actor=manager_a, record=record, library=library_a, barcode="B-100")

    with pytest.raises(Invalid):
        services.item_create(actor=manager_b, record=record, library=library_b, barcode=" b-100 ")


def test_record_with_live_copies_cannot_be_withdrawn(admin, record, item_a):
    with pytest.raises(Invalid) as refused:
        services.record_withdraw(actor=admin, record=record)

    assert refused.value.code == "record_has_copies"
