"""Copy cataloguing inside the district: a second library adding a book the union
catalogue already has gets the existing record and only adds its copy; the same
book is never described twice, whichever ISBN form is typed or scanned."""

import pytest

from pustaka.catalog import services
from pustaka.catalog.models import Item, Record
from tests.core.html import links, text

ISBN_10 = "602-03-3295-0"  # the fixture record's 978-602-03-3295-6 in its ISBN-10 form


@pytest.fixture
def english_client_for(client_for):
    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


def new_record(**overrides):
    data = {"title": "Budidaya Lele", "material_type": "book", "authors": "", "isbns": ISBN_10}
    return {**data, **overrides}


def test_second_library_scanning_a_known_isbn_adds_a_copy_to_the_existing_record(
    english_client_for, manager_b, record, item_a
):
    client = english_client_for(manager_b)

    # when library B scans the ISBN-10 printed on its copy
    offer = client.get("/staff/catalog/add/", {"isbn": ISBN_10})

    # then the record library A catalogued is offered, with a button for library B
    page = text(offer.text)
    assert "The union catalogue already has this book" in page
    assert "Budidaya Lele di Kolam Terpal" in page
    assert "Perpustakaan Desa Rebaq Rinding (DSA): 1 copy" in page
    copy_link = f"/staff/catalog/records/{record.pk}/copies/new/"
    assert ("Add a copy to Perpustakaan Desa Bukit Biru", copy_link) in links(offer.text)
    assert "Describe a book" not in page

    # when B adds its copy there
    client.post(copy_link, {"barcode": "", "condition": "good", "status": "available"})

    # then the one record has a copy in each library
    assert Record.objects.count() == 1
    assert sorted(Item.objects.filter(record=record).values_list("library__code", "barcode")) == [
        ("DSA", "DSA-000001"),
        ("DSB", "DSB-000001"),
    ]


def test_describing_a_known_isbn_again_is_refused(english_client_for, manager_b, record):
    response = english_client_for(manager_b).post("/staff/catalog/add/", new_record())

    assert response.status_code == 200
    assert (
        "The union catalogue already has “Budidaya Lele di Kolam Terpal” with ISBN "
        f"{ISBN_10}: add a copy to that record instead."
    ) in text(response.text)
    assert Record.objects.count() == 1


def test_a_known_isbn_among_several_is_found(english_client_for, manager_b, record):
    response = english_client_for(manager_b).post(
        "/staff/catalog/add/", new_record(isbns=f"979-3062-79-7\n{ISBN_10}")
    )
    assert "already has “Budidaya Lele di Kolam Terpal”" in text(response.text)
    assert Record.objects.count() == 1


def test_another_record_cannot_take_a_known_isbn(english_client_for, manager_b, record, admin):
    other = services.record_create(actor=admin, fields={"title": "Lele Dumbo"})

    response = english_client_for(manager_b).post(
        f"/staff/catalog/records/{other.pk}/edit/", new_record(title="Lele Dumbo")
    )

    assert "already has “Budidaya Lele di Kolam Terpal”" in text(response.text)
    other.refresh_from_db()
    assert other.isbns == []


def test_the_api_refuses_a_duplicate_too(api_client_for, manager_b, record):
    response = api_client_for(manager_b).post(
        "/api/v1/records",
        data={"title": "Budidaya Lele", "isbns": ["6020332950"]},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "duplicate_isbn"
    assert Record.objects.count() == 1


def test_a_withdrawn_records_isbn_may_be_described_afresh(
    english_client_for, admin, manager_b, record
):
    services.record_withdraw(actor=admin, record=record)

    offer = english_client_for(manager_b).get("/staff/catalog/add/", {"isbn": ISBN_10})
    response = english_client_for(manager_b).post("/staff/catalog/add/", new_record())

    assert "Describe a book" in text(offer.text)
    assert response.status_code == 302
    assert Record.objects.filter(deleted_at__isnull=True).get().isbns == ["9786020332956"]


@pytest.fixture
def api_client_for(client_for):
    """A signed-in session client asking for English (the API accepts the session)."""

    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make
