"""Stock take: scan the shelves, see missing, misplaced and unknown barcodes,
mark the missing copies lost in one step."""

import pytest

from pustaka.catalog import services as catalog_services
from pustaka.catalog.models import Item
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.inventory import queries, services
from pustaka.inventory.models import StockTake


@pytest.fixture
def shelves(record, manager_a, manager_b, library_a, library_b):
    """Library A holds three copies (one on loan); library B one."""
    copies = {
        name: catalog_services.item_create(actor=manager_a, record=record, library=library_a)
        for name in ("first", "second", "lent")
    }
    catalog_services.item_update(
        actor=manager_a, item=copies["lent"], changes={"status": "on_loan"}
    )
    copies["other"] = catalog_services.item_create(
        actor=manager_b, record=record, library=library_b
    )
    return copies


def test_scans_are_classified_found_repeated_misplaced_unknown(manager_a, library_a, shelves):
    stock_take = services.stocktake_start(actor=manager_a, library=library_a)

    outcomes = [
        services.stocktake_scan(actor=manager_a, stock_take=stock_take, barcode=code).outcome
        for code in ["dsa-000001", "DSA-000001", shelves["other"].barcode, "NOPE-1"]
    ]

    assert outcomes == ["found", "repeated", "misplaced", "unknown"]
    assert queries.outcome_counts(stock_take) == {
        "found": 1,
        "repeated": 1,
        "misplaced": 1,
        "unknown": 1,
    }


def test_missing_lists_unscanned_shelf_copies_but_not_those_on_loan(manager_a, library_a, shelves):
    stock_take = services.stocktake_start(actor=manager_a, library=library_a)
    services.stocktake_scan(actor=manager_a, stock_take=stock_take, barcode="DSA-000001")

    missing = [item.barcode for item in queries.missing_items(stock_take)]

    assert missing == ["DSA-000002"]


def test_mark_missing_lost_in_one_step_then_close(manager_a, library_a, shelves):
    stock_take = services.stocktake_start(actor=manager_a, library=library_a)
    services.stocktake_scan(actor=manager_a, stock_take=stock_take, barcode="DSA-000002")

    marked = services.stocktake_mark_missing_lost(actor=manager_a, stock_take=stock_take)
    services.stocktake_close(actor=manager_a, stock_take=stock_take)

    assert marked == 1
    assert Item.objects.get(barcode="DSA-000001").status == "lost"
    assert Item.objects.get(barcode="DSA-000002").status == "available"
    assert Item.objects.get(barcode="DSA-000003").status == "on_loan"
    stock_take.refresh_from_db()
    assert (stock_take.status, stock_take.marked_lost) == ("closed", 1)
    with pytest.raises(Invalid):
        services.stocktake_scan(actor=manager_a, stock_take=stock_take, barcode="DSA-000001")


def test_only_one_open_stock_take_per_library(manager_a, library_a):
    services.stocktake_start(actor=manager_a, library=library_a)

    with pytest.raises(Invalid):
        services.stocktake_start(actor=manager_a, library=library_a)


def test_manager_cannot_stock_take_another_library(manager_b, library_a, viewer):
    for actor in (manager_b, viewer):
        with pytest.raises(NotPermitted):
            services.stocktake_start(actor=actor, library=library_a)
    assert not StockTake.objects.exists()


def test_scan_page_records_a_scan_and_shows_the_outcome(client_for, manager_a, library_a, shelves):
    client = client_for(manager_a)
    start = client.post("/staff/inventory/start/", {"library": library_a.pk})
    stock_take = StockTake.objects.get()
    assert start.url == f"/staff/inventory/{stock_take.pk}/"

    response = client.post(
        start.url, {"barcode": shelves["other"].barcode}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "⚠ Another library's copy" in response.text
    assert stock_take.scans.get().outcome == "misplaced"


def test_another_librarys_stock_take_is_not_found(client_for, manager_a, manager_b, library_a):
    stock_take = services.stocktake_start(actor=manager_a, library=library_a)
    client = client_for(manager_b)

    page = client.get(f"/staff/inventory/{stock_take.pk}/")
    scan = client.post(f"/staff/inventory/{stock_take.pk}/", {"barcode": "DSA-000001"})
    lost = client.post(f"/staff/inventory/{stock_take.pk}/mark-lost/")

    assert (page.status_code, scan.status_code, lost.status_code) == (404, 404, 404)
    assert not stock_take.scans.exists()


def test_a_scan_with_scanner_noise_finds_the_copy(manager_a, library_a, shelves):
    stock_take = services.stocktake_start(actor=manager_a, library=library_a)

    scan = services.stocktake_scan(
        actor=manager_a, stock_take=stock_take, barcode=" \x02dsa-000001\r\n"
    )

    assert (scan.barcode, scan.outcome) == ("DSA-000001", "found")


def test_marking_lost_refuses_when_the_list_changed_since_it_was_shown(
    manager_a, library_a, shelves
):
    stock_take = services.stocktake_start(actor=manager_a, library=library_a)
    shown = queries.missing_items(stock_take).count()
    services.stocktake_scan(actor=manager_a, stock_take=stock_take, barcode="DSA-000002")

    with pytest.raises(Invalid) as refusal:
        services.stocktake_mark_missing_lost(actor=manager_a, stock_take=stock_take, expected=shown)
    marked = services.stocktake_mark_missing_lost(
        actor=manager_a, stock_take=stock_take, expected=shown - 1
    )

    assert (shown, refusal.value.code, marked) == (2, "stocktake_changed", 1)
    assert Item.objects.get(barcode="DSA-000001").status == "lost"


def test_a_scan_brings_the_missing_list_and_its_button_up_to_date(
    client_for, manager_a, library_a, shelves
):
    stock_take = services.stocktake_start(actor=manager_a, library=library_a)
    client = client_for(manager_a)

    response = client.post(
        f"/staff/inventory/{stock_take.pk}/",
        {"barcode": "DSA-000001"},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    report = response.text.split('id="stocktake-report" hx-swap-oob="true"')[1]
    assert "Mark 1 missing copy as lost" in report
    assert 'name="expected" value="1"' in report
    assert "DSA-000002" in report and "DSA-000001" not in report


def test_the_missing_list_is_shown_a_page_at_a_time(
    client_for, manager_a, library_a, shelves, monkeypatch
):
    monkeypatch.setattr("pustaka.inventory.views.MISSING_PER_PAGE", 1)
    stock_take = services.stocktake_start(actor=manager_a, library=library_a)
    client = client_for(manager_a)

    first = client.get(f"/staff/inventory/{stock_take.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    second = client.get(f"/staff/inventory/{stock_take.pk}/?page=2", HTTP_ACCEPT_LANGUAGE="en")

    assert "DSA-000001" in first.text and "DSA-000002" not in first.text
    assert "DSA-000002" in second.text and "Page 2 of 2" in second.text
    assert "Mark 2 missing copies as lost" in second.text


def test_the_mark_lost_page_says_when_the_list_changed(client_for, manager_a, library_a, shelves):
    stock_take = services.stocktake_start(actor=manager_a, library=library_a)
    client = client_for(manager_a)

    response = client.post(
        f"/staff/inventory/{stock_take.pk}/mark-lost/",
        {"expected": "5"},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )

    assert "The list changed: 2 copies are missing now." in response.text
    assert not Item.objects.filter(status="lost").exists()
