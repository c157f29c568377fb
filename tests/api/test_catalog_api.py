"""The union catalogue through the API: every staff member searches and reads
every library's copies; records are described by cataloguers; a copy is changed
only by its own library or the district office."""

import pytest

from pustaka.catalog import services
from pustaka.catalog.models import Item, Record
from pustaka.core.models import ChangeLog

FORBIDDEN = {"code": "forbidden", "message": "You do not have permission to do this."}


def post(client, path, data=None):
    return client.post(f"/api/v1{path}", data=data or {}, content_type="application/json")


def patch(client, path, data):
    return client.patch(f"/api/v1{path}", data=data, content_type="application/json")


@pytest.fixture
def copy_b(record, manager_b, library_b):
    return services.item_create(actor=manager_b, record=record, library=library_b, shelf="Rak 2")


def item_json(item, **overrides):
    data = {
        "id": str(item.pk),
        "barcode": item.barcode,
        "record": str(item.record_id),
        "library": item.library.code,
        "call_number": "",
        "shelf": "",
        "acquired_on": None,
        "source": "",
        "price": None,
        "condition": "good",
        "status": "available",
        "notes": "",
    }
    return {**data, **overrides}


# --- search and read ------------------------------------------------------------


def test_search_gives_total_results_and_facets(api_client_for, manager_b, record, item_a, copy_b):
    response = api_client_for(manager_b).get("/api/v1/records", {"q": "kolam lele"})

    assert response.status_code == 200
    assert response.json() == {
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
                    {"library": "DSB", "barcode": "DSB-000001", "status": "available"},
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


def test_search_filters_repeat_and_combine(api_client_for, admin, manager_a, record, item_a):
    services.record_create(actor=admin, fields={"title": "Lele Sangkuriang", "language": "eng"})
    services.record_create(actor=admin, fields={"title": "Lele Dumbo", "language": "jav"})
    client = api_client_for(manager_a)

    both = client.get("/api/v1/records?q=lele&language=eng&language=jav&sort=title").json()
    held = client.get("/api/v1/records", {"q": "lele", "library": "dsa", "available": "true"})

    assert [r["title"] for r in both["results"]] == ["Lele Dumbo", "Lele Sangkuriang"]
    assert [r["title"] for r in held.json()["results"]] == ["Budidaya Lele di Kolam Terpal"]


def test_search_refuses_a_page_size_over_100(api_client_for, manager_a):
    response = api_client_for(manager_a).get("/api/v1/records", {"per_page": 500})
    assert response.status_code == 422
    assert response.json()["fields"] == {"per_page": ["Enter a valid value."]}


def test_record_shows_every_librarys_copies(api_client_for, manager_b, record, item_a, copy_b):
    response = api_client_for(manager_b).get(f"/api/v1/records/{record.pk}")

    data = response.json()
    assert response.status_code == 200
    assert data["authors"] == [{"name": "Siti Aminah", "role": "author"}]
    assert data["cover"] is None
    assert data["items"] == [item_json(item_a), item_json(copy_b, shelf="Rak 2")]


def test_unknown_record_is_a_json_404(api_client_for, manager_a, db):
    response = api_client_for(manager_a).get("/api/v1/records/01890a5d-ac96-774b-bcce-b302099a8057")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found."}


def test_catalogue_needs_a_token_or_session(client, record):
    assert client.get("/api/v1/records").status_code == 401
    assert client.get(f"/api/v1/records/{record.pk}").status_code == 401


# --- records ------------------------------------------------------------------


def test_cataloguer_describes_a_record(api_client_for, volunteer_a):
    response = post(
        api_client_for(volunteer_a),
        "/records",
        {
            "title": "Kancil dan Buaya",
            "authors": [{"name": "Rina Wati", "role": "illustrator"}],
            "isbns": ["979-3062-79-7"],
            "year": 2018,
            "language": "ind",
            "ddc": "398.2",
            "subjects": ["Cerita rakyat"],
            "material_type": "picture_book",
            "audience": "children",
        },
    )

    assert response.status_code == 201
    data = response.json()
    record = Record.objects.get(pk=data["id"])
    assert (data["title"], data["isbns"], data["items"]) == (
        "Kancil dan Buaya",
        ["9789793062792"],
        [],
    )
    assert record.audience == "children" and record.subjects == ["Cerita rakyat"]


def test_record_without_a_title_or_with_a_bad_isbn_is_refused(api_client_for, manager_a):
    client = api_client_for(manager_a)

    missing = post(client, "/records", {"isbns": ["9786020332956"]})
    bad = post(client, "/records", {"title": "X", "isbns": ["978-602-03-3295-0"]})
    unknown = post(client, "/records", {"title": "X", "colour": "red"})

    assert missing.status_code == 422
    assert missing.json()["fields"] == {"title": ["This field is required."]}
    assert bad.status_code == 422
    assert bad.json()["fields"] == {"isbns": ["Not a valid ISBN: 978-602-03-3295-0"]}
    assert unknown.json()["fields"] == {"colour": ["Unknown field."]}
    assert Record.objects.count() == 0


def test_viewer_cannot_describe_or_change_records(api_client_for, viewer, record):
    client = api_client_for(viewer)

    assert post(client, "/records", {"title": "X"}).json() == FORBIDDEN
    assert patch(client, f"/records/{record.pk}", {"title": "X"}).status_code == 403
    assert Record.objects.get().title == "Budidaya Lele di Kolam Terpal"


def test_patch_changes_only_the_fields_sent(api_client_for, manager_a, record):
    response = patch(
        api_client_for(manager_a), f"/records/{record.pk}", {"year": 2020, "subtitle": "Panduan"}
    )

    assert response.status_code == 200
    assert (response.json()["year"], response.json()["subtitle"]) == (2020, "Panduan")
    record.refresh_from_db()
    assert (record.year, record.subtitle, record.title) == (
        2020,
        "Panduan",
        "Budidaya Lele di Kolam Terpal",
    )


def test_record_withdraw_is_for_the_office_once_copies_are_gone(
    api_client_for, admin, manager_a, record, item_a
):
    office = api_client_for(admin)

    assert post(api_client_for(manager_a), f"/records/{record.pk}/withdraw").status_code == 403
    refused = post(office, f"/records/{record.pk}/withdraw")
    assert (refused.status_code, refused.json()["code"]) == (422, "record_has_copies")

    post(api_client_for(manager_a), f"/items/{item_a.barcode}/withdraw")
    assert post(office, f"/records/{record.pk}/withdraw").status_code == 204
    assert office.get(f"/api/v1/records/{record.pk}").status_code == 404


# --- copies -------------------------------------------------------------------


def test_manager_adds_a_copy_to_their_library_with_defaults(api_client_for, manager_a, record):
    response = post(
        api_client_for(manager_a),
        f"/records/{record.pk}/items",
        {"shelf": "Rak Pertanian", "price": 45000, "source": "donation"},
    )

    assert response.status_code == 201
    item = Item.objects.get()
    assert response.json() == item_json(
        item,
        barcode="DSA-000001",
        library="DSA",
        call_number="639.3 SIT b",
        shelf="Rak Pertanian",
        price=45000,
        source="donation",
    )


def test_a_copy_keeps_its_scanned_barcode(api_client_for, manager_a, record):
    response = post(api_client_for(manager_a), f"/records/{record.pk}/items", {"barcode": "b-77"})
    assert response.json()["barcode"] == "B-77"


def test_manager_cannot_add_a_copy_to_another_library(api_client_for, manager_a, record, library_b):
    response = post(api_client_for(manager_a), f"/records/{record.pk}/items", {"library": "DSB"})

    assert (response.status_code, response.json()) == (403, FORBIDDEN)
    assert Item.objects.count() == 0


def test_office_names_the_library_of_a_new_copy(api_client_for, admin, record, library_b):
    client = api_client_for(admin)

    missing = post(client, f"/records/{record.pk}/items", {})
    unknown = post(client, f"/records/{record.pk}/items", {"library": "ZZZ"})
    added = post(client, f"/records/{record.pk}/items", {"library": "dsb"})

    assert missing.json()["fields"] == {
        "library": ["Give the code of the library holding the copy."]
    }
    assert unknown.json()["fields"] == {"library": ["There is no library with code “ZZZ”."]}
    assert (added.status_code, added.json()["barcode"]) == (201, "DSB-000001")


def test_viewer_cannot_add_copies(api_client_for, viewer, record):
    assert post(api_client_for(viewer), f"/records/{record.pk}/items", {}).status_code == 403
    assert Item.objects.count() == 0


def test_any_staff_member_reads_a_copy_of_another_library(api_client_for, manager_b, item_a):
    response = api_client_for(manager_b).get(f"/api/v1/items/{item_a.barcode}")
    assert response.json() == item_json(item_a)


def test_manager_changes_their_own_copy(api_client_for, manager_a, item_a):
    response = patch(
        api_client_for(manager_a),
        f"/items/{item_a.barcode}",
        {"shelf": "Rak 5", "status": "damaged"},
    )

    assert response.status_code == 200
    assert response.json() == item_json(item_a, shelf="Rak 5", status="damaged")
    item_a.refresh_from_db()
    assert (item_a.shelf, item_a.status) == ("Rak 5", "damaged")


def test_manager_of_another_library_cannot_change_or_withdraw_our_copy(
    api_client_for, manager_b, item_a
):
    client = api_client_for(manager_b)
    logged_before = ChangeLog.objects.count()

    changed = patch(client, f"/items/{item_a.barcode}", {"shelf": "Dicuri", "status": "lost"})
    withdrawn = post(client, f"/items/{item_a.barcode}/withdraw")

    assert (changed.status_code, changed.json()) == (403, FORBIDDEN)
    assert (withdrawn.status_code, withdrawn.json()) == (403, FORBIDDEN)
    item_a.refresh_from_db()
    assert (item_a.shelf, item_a.status) == ("", "available")
    assert ChangeLog.objects.count() == logged_before


def test_status_of_a_copy_on_loan_follows_circulation(api_client_for, manager_a, item_a):
    services.item_update(actor=manager_a, item=item_a, changes={"status": "on_loan"})
    client = api_client_for(manager_a)

    changed = patch(client, f"/items/{item_a.barcode}", {"status": "available"})
    circulation_state = patch(client, f"/items/{item_a.barcode}", {"status": "on_hold_shelf"})
    withdrawn = post(client, f"/items/{item_a.barcode}/withdraw")

    assert changed.json()["fields"] == {
        "status": ["This copy's status follows its loan or transfer."]
    }
    assert circulation_state.status_code == 422
    assert (withdrawn.status_code, withdrawn.json()["code"]) == (422, "item_on_loan")
    item_a.refresh_from_db()
    assert item_a.status == "on_loan"


def test_withdrawing_a_copy_keeps_it_in_the_record(api_client_for, manager_a, record, item_a):
    client = api_client_for(manager_a)

    response = post(client, f"/items/{item_a.barcode}/withdraw")

    assert response.json()["status"] == "withdrawn"
    items = client.get(f"/api/v1/records/{record.pk}").json()["items"]
    assert [(i["barcode"], i["status"]) for i in items] == [("DSA-000001", "withdrawn")]


def test_unknown_barcode_is_a_json_404(api_client_for, manager_a, db):
    response = api_client_for(manager_a).get("/api/v1/items/NOPE-1")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
