"""The catalogue's staff pages as librarians use them: search, adding a book,
a record and its copies, and who may change what."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pustaka.catalog import services
from pustaka.catalog.models import Item, Record
from tests.core.html import asset_urls, links, tags, text

ISBN = "9786020332956"


@pytest.fixture
def english_client_for(client_for):
    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


def record_post(**overrides):
    data = {
        "title": "Menanam Padi di Lahan Pasang Surut",
        "subtitle": "",
        "authors": "Budi Santoso\nRina Wati | ilustrator",
        "publisher": "Gramedia",
        "place": "Jakarta",
        "year": "2021",
        "edition": "",
        "isbns": "979-3062-79-7",
        "language": "ind",
        "ddc": "633.18",
        "subjects": "Padi\nPertanian\n",
        "series": "",
        "physical_description": "",
        "material_type": "book",
        "audience": "adults",
        "notes": "",
    }
    data.update(overrides)
    return data


def jpeg(width: int, height: int) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (width, height), "green").save(buffer, "JPEG")
    return SimpleUploadedFile("sampul.jpg", buffer.getvalue(), content_type="image/jpeg")


# --- search -----------------------------------------------------------------


def test_staff_navigation_links_to_the_catalogue(english_client_for, volunteer_a):
    page = english_client_for(volunteer_a).get("/staff/").text
    assert ("Catalogue", "/staff/catalog/search/") in links(page)


def test_search_page_refuses_a_page_number_too_large_for_the_database(
    english_client_for, manager_a, record, item_a
):
    response = english_client_for(manager_a).get(
        "/staff/catalog/search/", {"q": "lele", "page": "9" * 30}
    )

    assert response.status_code == 200
    assert "Budidaya Lele di Kolam Terpal" in text(response.text)


def test_search_page_lists_matches_with_copies_per_library(
    english_client_for, manager_b, record, item_a, library_b
):
    services.item_create(actor=manager_b, record=record, library=library_b)
    response = english_client_for(manager_b).get("/staff/catalog/search/", {"q": "lele"})

    page = text(response.text)
    assert "1 record found" in page
    assert "Budidaya Lele di Kolam Terpal" in page
    assert "Siti Aminah · 2019 · Book" in page
    assert "Perpustakaan Desa Rebaq Rinding (DSA): 1 available" in page
    assert "Perpustakaan Desa Bukit Biru (DSB): 1 available" in page


def test_search_page_shows_filters_with_their_counts_and_applies_them(
    english_client_for, manager_a, record, item_a, admin
):
    services.record_create(actor=admin, fields={"title": "Lele Dumbo", "language": "eng"})
    client = english_client_for(manager_a)

    page = text(client.get("/staff/catalog/search/", {"q": "lele"}).text)
    assert "2 records found" in page
    assert "Indonesian (1)" in page and "English (1)" in page
    assert "Perpustakaan Desa Rebaq Rinding (1)" in page
    assert "Available now (1)" in page

    filtered = text(client.get("/staff/catalog/search/", {"q": "lele", "language": "eng"}).text)
    assert "1 record found" in filtered
    assert "Lele Dumbo" in filtered and "Budidaya" not in filtered


def test_search_as_you_type_returns_only_the_results_part(english_client_for, manager_a, record):
    response = english_client_for(manager_a).get(
        "/staff/catalog/search/", {"q": "budid"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in response.text
    assert 'id="result-list"' in response.text
    assert "Budidaya Lele di Kolam Terpal" in response.text


def test_search_page_pages_through_many_results(english_client_for, manager_a, admin):
    for number in range(23):
        services.record_create(actor=admin, fields={"title": f"Cerita Rakyat {number:02d}"})
    client = english_client_for(manager_a)

    first = client.get("/staff/catalog/search/", {"q": "cerita", "sort": "title"}).text
    second = client.get("/staff/catalog/search/", {"q": "cerita", "sort": "title", "page": 2}).text

    assert "Page 1 of 2" in text(first)
    assert "Cerita Rakyat 19" in first and "Cerita Rakyat 20" not in first
    assert "Cerita Rakyat 20" in second and "Cerita Rakyat 22" in second


def search_page_queries(client, django_assert_max_num_queries, count: int) -> None:
    with django_assert_max_num_queries(count):
        response = client.get("/staff/catalog/search/", {"q": "kolam"})
    assert response.status_code == 200


# Baseline: session, user, staff role; hits, count, 5 facets, libraries facet, available;
# records, their copies with libraries; library names for the filters; the header's library.
SEARCH_PAGE_QUERIES = 16


def test_search_page_queries_do_not_grow_with_results(
    client_for, manager_a, library_a, admin, django_assert_max_num_queries
):
    client = client_for(manager_a)
    for number in range(1, 8):
        record = services.record_create(actor=admin, fields={"title": f"Kolam Ikan {number}"})
        services.item_create(actor=manager_a, record=record, library=library_a)
        services.item_create(actor=admin, record=record, library=library_a)
        if number == 1:
            search_page_queries(client, django_assert_max_num_queries, SEARCH_PAGE_QUERIES)
    search_page_queries(client, django_assert_max_num_queries, SEARCH_PAGE_QUERIES)


# --- adding a book ------------------------------------------------------------


def test_add_a_book_starts_with_a_focused_isbn_field(english_client_for, manager_a):
    response = english_client_for(manager_a).get("/staff/catalog/add/")
    assert response.status_code == 200
    assert 'name="isbn"' in response.text
    assert "autofocus" in response.text.split('name="isbn"')[1].split(">")[0]
    assert '<label for="id_isbn">' in response.text


def test_an_invalid_isbn_is_explained_on_its_field(english_client_for, manager_a):
    response = english_client_for(manager_a).get(
        "/staff/catalog/add/", {"isbn": "978-602-03-3295-0"}
    )
    assert "This is not a valid ISBN" in text(response.text)
    assert 'aria-invalid="true"' in response.text


def test_an_unknown_isbn_opens_the_record_form_with_the_isbn_filled_in(
    english_client_for, manager_a, record
):
    response = english_client_for(manager_a).get("/staff/catalog/add/", {"isbn": "979-3062-79-7"})
    assert "Describe a book" in text(response.text)
    assert "978-979-3062-79-2" in response.text


def test_a_manager_describes_a_new_book_then_adds_the_copy(english_client_for, manager_a):
    client = english_client_for(manager_a)

    response = client.post("/staff/catalog/add/", record_post())

    record = Record.objects.get(title="Menanam Padi di Lahan Pasang Surut")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/catalog/records/{record.pk}/copies/new/"
    assert record.authors == [
        {"name": "Budi Santoso", "role": "author"},
        {"name": "Rina Wati", "role": "illustrator"},
    ]
    assert record.isbns == ["9789793062792"]
    assert record.subjects == ["Padi", "Pertanian"]
    assert record.year == 2021 and record.audience == "adults"


def test_record_form_explains_a_bad_author_line_and_a_bad_isbn(english_client_for, manager_a):
    response = english_client_for(manager_a).post(
        "/staff/catalog/add/", record_post(authors="Budi | pelukis", isbns="12345")
    )
    page = text(response.text)
    assert response.status_code == 200
    assert "Write “Name | role” with one of the roles author, editor" in page
    assert Record.objects.count() == 0


def test_record_form_reports_an_isbn_the_service_refuses(english_client_for, manager_a):
    response = english_client_for(manager_a).post(
        "/staff/catalog/add/", record_post(isbns="978-602-03-3295-0")
    )
    assert "Not a valid ISBN: 978-602-03-3295-0" in text(response.text)
    assert Record.objects.count() == 0


def test_a_cover_image_is_made_small_and_served(english_client_for, manager_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = english_client_for(manager_a)

    client.post("/staff/catalog/add/", {**record_post(), "cover": jpeg(900, 1200)})

    record = Record.objects.get()
    with Image.open(record.cover.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (300, 400)
    assert record.cover.url.startswith("/media/covers/")
    served = client.get(record.cover.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"


def test_a_cover_can_be_replaced_and_removed(english_client_for, manager_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = english_client_for(manager_a)
    client.post("/staff/catalog/add/", {**record_post(), "cover": jpeg(200, 100)})
    record = Record.objects.get()
    url = f"/staff/catalog/records/{record.pk}/edit/"
    assert Image.open(record.cover.path).size == (200, 100), "small images are not enlarged"

    client.post(url, {**record_post(isbns="979-3062-79-7"), "cover": jpeg(1000, 800)})
    record.refresh_from_db()
    assert Image.open(record.cover.path).size == (500, 400)

    client.post(url, {**record_post(isbns="979-3062-79-7"), "cover_remove": "on"})
    record.refresh_from_db()
    assert not record.cover


def test_a_file_that_is_not_an_image_is_refused_as_cover(english_client_for, manager_a):
    upload = SimpleUploadedFile("sampul.jpg", b"not an image", content_type="image/jpeg")
    response = english_client_for(manager_a).post(
        "/staff/catalog/add/", {**record_post(), "cover": upload}
    )
    assert response.status_code == 200
    assert Record.objects.count() == 0


def test_media_outside_the_media_folder_is_not_served(client, settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "secret.txt").write_text("x")
    assert client.get("/media/../secret.txt").status_code == 404


def test_viewer_cannot_catalogue(english_client_for, viewer, record):
    client = english_client_for(viewer)

    assert client.get("/staff/catalog/add/").status_code == 403
    assert client.post("/staff/catalog/add/", record_post()).status_code == 403
    assert (
        client.post(f"/staff/catalog/records/{record.pk}/edit/", record_post()).status_code == 403
    )
    page = client.get(f"/staff/catalog/records/{record.pk}/").text
    assert "Edit record" not in page and "Add a copy" not in page
    assert Record.objects.count() == 1
    assert Record.objects.get().title == "Budidaya Lele di Kolam Terpal"


# --- the record and its copies --------------------------------------------------


def test_record_page_shows_every_librarys_copies_but_edit_links_only_for_our_own(
    english_client_for, manager_a, manager_b, library_b, record, item_a
):
    copy_b = services.item_create(
        actor=manager_b, record=record, library=library_b, call_number="639.3 SIT b", shelf="Rak 2"
    )
    response = english_client_for(manager_a).get(f"/staff/catalog/records/{record.pk}/")

    page = text(response.text)
    assert "DSB DSB-000001 639.3 SIT b Rak 2 Available" in page
    hrefs = [href for _text, href in links(response.text)]
    assert f"/staff/catalog/copies/{item_a.barcode}/edit/" in hrefs
    assert f"/staff/catalog/copies/{copy_b.barcode}/edit/" not in hrefs
    assert "Add a copy to Perpustakaan Desa Rebaq Rinding" in page
    assert "978-602-03-3295-6" in page


def test_record_edit_changes_the_description(english_client_for, volunteer_a, record):
    client = english_client_for(volunteer_a)
    form = client.get(f"/staff/catalog/records/{record.pk}/edit/")
    assert "Siti Aminah" in form.text and "978-602-03-3295-6" in form.text

    response = client.post(
        f"/staff/catalog/records/{record.pk}/edit/",
        record_post(title="Budidaya Lele", isbns="978-602-03-3295-6", authors="Siti Aminah"),
    )

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.title == "Budidaya Lele"
    assert record.authors == [{"name": "Siti Aminah", "role": "author"}]


def test_new_copy_gets_a_minted_barcode_and_the_default_call_number(
    english_client_for, manager_a, record
):
    client = english_client_for(manager_a)
    form = client.get(f"/staff/catalog/records/{record.pk}/copies/new/")
    assert 'value="639.3 SIT b"' in form.text

    response = client.post(
        f"/staff/catalog/records/{record.pk}/copies/new/",
        {
            "barcode": "",
            "call_number": "639.3 SIT b",
            "shelf": "Rak Pertanian",
            "acquired_on": "2026-01-15",
            "source": "donation",
            "price": "Rp 45.000",
            "condition": "new",
            "status": "available",
        },
    )

    item = Item.objects.get()
    assert response.status_code == 302
    assert (item.barcode, item.library.code, item.call_number) == (
        "DSA-000001",
        "DSA",
        "639.3 SIT b",
    )
    assert (item.shelf, str(item.acquired_on), item.source) == (
        "Rak Pertanian",
        "2026-01-15",
        "donation",
    )
    assert (item.price, item.condition, item.status) == (45000, "new", "available")


def test_a_scanned_barcode_is_kept_and_a_taken_one_refused(
    english_client_for, manager_a, record, item_a
):
    client = english_client_for(manager_a)
    url = f"/staff/catalog/records/{record.pk}/copies/new/"
    fields = {"condition": "good", "status": "available"}

    client.post(url, {**fields, "barcode": " inv-0042 "})
    taken = client.post(url, {**fields, "barcode": item_a.barcode})

    assert Item.objects.filter(barcode="INV-0042", library__code="DSA").exists()
    assert "Another copy already has this barcode." in text(taken.text)
    assert Item.objects.count() == 2


def test_district_office_chooses_the_library_of_a_new_copy(
    english_client_for, admin, record, library_b
):
    response = english_client_for(admin).post(
        f"/staff/catalog/records/{record.pk}/copies/new/",
        {"library": str(library_b.pk), "condition": "good", "status": "available"},
    )
    assert response.status_code == 302
    assert Item.objects.get().barcode == "DSB-000001"


def test_copy_edit_changes_shelf_and_status(english_client_for, manager_a, item_a):
    client = english_client_for(manager_a)
    response = client.post(
        f"/staff/catalog/copies/{item_a.barcode}/edit/",
        {"call_number": "639.3 SIT b", "shelf": "Rak 5", "condition": "fair", "status": "damaged"},
    )
    assert response.status_code == 302
    item_a.refresh_from_db()
    assert (item_a.shelf, item_a.condition, item_a.status) == ("Rak 5", "fair", "damaged")


def test_copy_on_loan_keeps_its_status_when_edited(english_client_for, manager_a, item_a):
    services.item_update(actor=manager_a, item=item_a, changes={"status": "on_loan"})
    client = english_client_for(manager_a)

    form = client.get(f"/staff/catalog/copies/{item_a.barcode}/edit/")
    client.post(
        f"/staff/catalog/copies/{item_a.barcode}/edit/",
        {"shelf": "Rak 1", "condition": "good", "status": "available"},
    )

    assert "Status: On loan (changed by circulation)" in text(form.text)
    item_a.refresh_from_db()
    assert (item_a.shelf, item_a.status) == ("Rak 1", "on_loan")


def test_copy_withdraw_asks_then_withdraws(english_client_for, manager_a, item_a):
    client = english_client_for(manager_a)
    url = f"/staff/catalog/copies/{item_a.barcode}/withdraw/"

    assert "Withdraw copy DSA-000001?" in text(client.get(url).text)
    item_a.refresh_from_db()
    assert item_a.status == "available"

    response = client.post(url)
    assert response.status_code == 302
    item_a.refresh_from_db()
    assert item_a.status == "withdrawn"


def test_a_copy_on_loan_cannot_be_withdrawn(english_client_for, manager_a, item_a):
    services.item_update(actor=manager_a, item=item_a, changes={"status": "on_loan"})
    response = english_client_for(manager_a).post(
        f"/staff/catalog/copies/{item_a.barcode}/withdraw/", follow=True
    )
    assert "This copy is on loan: take it back first." in text(response.text)
    item_a.refresh_from_db()
    assert item_a.status == "on_loan"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/staff/catalog/copies/{barcode}/edit/"),
        ("post", "/staff/catalog/copies/{barcode}/edit/"),
        ("get", "/staff/catalog/copies/{barcode}/withdraw/"),
        ("post", "/staff/catalog/copies/{barcode}/withdraw/"),
    ],
)
def test_manager_of_another_library_cannot_reach_our_copy(
    client_for, manager_b, item_a, method, path
):
    data = {"shelf": "Dicuri", "condition": "poor", "status": "lost"} if method == "post" else None
    response = getattr(client_for(manager_b), method)(path.format(barcode=item_a.barcode), data)

    assert response.status_code == 404
    item_a.refresh_from_db()
    assert (item_a.shelf, item_a.condition, item_a.status) == ("", "good", "available")


def test_viewer_sees_copies_but_cannot_change_them(client_for, viewer, item_a):
    client = client_for(viewer)
    assert client.get(f"/staff/catalog/copies/{item_a.barcode}/edit/").status_code == 403
    assert client.post(f"/staff/catalog/copies/{item_a.barcode}/withdraw/").status_code == 403
    item_a.refresh_from_db()
    assert item_a.status == "available"


def test_record_withdraw_waits_for_the_copies_then_removes_the_record(
    english_client_for, admin, manager_a, record, item_a
):
    client = english_client_for(admin)
    url = f"/staff/catalog/records/{record.pk}/withdraw/"

    refused = client.post(url, follow=True)
    assert "Libraries still hold copies of this record" in text(refused.text)

    services.item_withdraw(actor=manager_a, item=item_a)
    assert client.post(url).status_code == 302
    assert client.get(f"/staff/catalog/records/{record.pk}/").status_code == 404


def test_only_the_district_office_withdraws_records(client_for, manager_a, record):
    assert (
        client_for(manager_a).post(f"/staff/catalog/records/{record.pk}/withdraw/").status_code
        == 403
    )
    record.refresh_from_db()
    assert record.deleted_at is None


@pytest.mark.parametrize(
    "path",
    [
        "/staff/catalog/search/?q=lele",
        "/staff/catalog/add/?isbn=9786020332956",
        "/staff/catalog/add/?no_isbn=1",
        "/staff/catalog/records/{record}/",
        "/staff/catalog/records/{record}/copies/new/",
        "/staff/catalog/copies/DSA-000001/edit/",
    ],
)
def test_catalogue_pages_load_nothing_from_outside_and_run_no_inline_code(
    client_for, manager_a, record, item_a, path
):
    response = client_for(manager_a).get(path.format(record=record.pk))

    assert response.status_code == 200
    assert all(
        url.startswith("/") and not url.startswith("//") for url in asset_urls(response.text)
    )
    for tag, attrs in tags(response.text):
        assert not (tag == "script" and "src" not in attrs), "inline script"
        assert "style" not in attrs and not any(name.startswith("on") for name in attrs)
