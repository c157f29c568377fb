"""The labels page: chosen copies of one's own library become a label PDF."""

from pustaka.catalog import services as catalog_services


def label_post(client, library, **data):
    form = {"library": library.pk, "sheet": "a4_3x8", "start_position": 1, **data}
    return client.post("/staff/catalog/labels/", form, HTTP_ACCEPT_LANGUAGE="en")


def test_scanned_barcodes_give_a_pdf(client_for, manager_a, library_a, item_a):
    response = label_post(client_for(manager_a), library_a, barcodes=f"{item_a.barcode.lower()}\n")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_copies_added_today_give_a_pdf(client_for, manager_a, library_a, item_a):
    today = item_a.created_at.date().isoformat()

    response = label_post(client_for(manager_a), library_a, added_since=today)

    assert response["Content-Type"] == "application/pdf"


def test_another_librarys_barcode_is_refused_by_name(
    client_for, manager_a, manager_b, record, library_a, library_b
):
    other = catalog_services.item_create(actor=manager_b, record=record, library=library_b)

    response = label_post(client_for(manager_a), library_a, barcodes=other.barcode)

    assert response.status_code == 200
    assert f"Not copies of this library: {other.barcode}" in response.text


def test_manager_cannot_choose_another_library(client_for, manager_a, library_b):
    response = label_post(client_for(manager_a), library_b, added_since="2026-01-01")

    assert "Select a valid choice" in response.text
