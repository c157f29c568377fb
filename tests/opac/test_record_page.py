"""A record's public page: its description, every copy by library with its
status in words, the queue as a count, related records, a permanent link and
schema.org data; never who borrowed or reserved a copy."""

import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from PIL import Image

from pustaka.catalog import services as catalog_services
from pustaka.circulation import services as circulation_services
from tests.core.html import cells, links, text
from tests.opac.catalogue import add_copies, add_record, fish_book_add, fish_book_stock

LIBRARY_A = "Perpustakaan Desa Rebaq Rinding"
LIBRARY_B = "Perpustakaan Desa Bukit Biru"


@pytest.fixture
def fish_book(admin):
    return fish_book_add(admin)


@pytest.fixture
def lent_fish_book(fish_book, manager_a, manager_b, library_a, library_b, member_a):
    return fish_book_stock(
        fish_book,
        manager_a=manager_a,
        manager_b=manager_b,
        library_a=library_a,
        library_b=library_b,
        member_a=member_a,
    )


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 90), "green").save(buffer, "JPEG")
    return buffer.getvalue()


def page_of(client, record):
    response = client.get(f"/katalog/{record.pk}/")
    assert response.status_code == 200
    return response.text


def json_ld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def holding_sections(html: str) -> list[tuple[str, list[list[str]]]]:
    """``(library, [[call number, shelf, status]])`` of each library's copies."""
    sections = re.findall(r'<section class="holding"[^>]*>(.*?)</section>', html, re.S)
    result = []
    for section in sections:
        library = text(re.search(r"<h3[^>]*>(.*?)</h3>", section, re.S)[1])
        rows = list(zip(cells(section, 0), cells(section, 1), cells(section, 2), strict=True))
        result.append((library, [list(row) for row in rows]))
    return result


def test_record_page_describes_the_record(english, fish_book):
    html = page_of(english, fish_book)
    page = text(html)
    assert "<title>Budidaya Lele di Kolam Terpal · Pustaka</title>" in html
    assert "Budidaya Lele di Kolam Terpal: Panduan untuk pemula" in page
    assert "Siti Aminah" in page
    for fact in (
        "Publication Jakarta: Agromedia, 2019",
        "ISBN 978-602-03-3295-6",
        "Language Indonesian",
        "DDC class 639.3",
        "Subjects Perikanan",
        "Material type Book",
        "Audience Adults",
    ):
        assert fact in page


def test_copies_by_library_with_call_number_shelf_and_status(english, lent_fish_book):
    loan_due = lent_fish_book.items.get(status="on_loan").loans.get().due_on
    html = page_of(english, lent_fish_book)
    assert holding_sections(html) == [
        (
            LIBRARY_A,
            [["639.3 AMI b", "Rak 3", "Available"], ["639.3 AMI b", "Rak 3", "Available"]],
        ),
        (
            LIBRARY_B,
            [["639.3 AMI b", "–", f"On loan, due {loan_due:%b}. {loan_due.day}, {loan_due.year}"]],
        ),
    ]
    assert (LIBRARY_A, "/perpustakaan/DSA/") in links(html)
    summary = re.search(r'<p class="availability">(.*?)</p>', html, re.S)
    assert text(summary[1]) == f"2 copies available at {LIBRARY_A} · 1 copy on loan at {LIBRARY_B}"


def test_withdrawn_copies_are_not_listed(english, fish_book, manager_a, library_a):
    kept, withdrawn = add_copies(manager_a, fish_book, library_a, 2, shelf="Rak 1")
    catalog_services.item_withdraw(actor=manager_a, item=withdrawn)
    assert holding_sections(page_of(english, fish_book)) == [
        (LIBRARY_A, [["–", "Rak 1", "Available"]])
    ]


def test_a_record_no_library_holds(english, fish_book):
    html = page_of(english, fish_book)
    assert "No library holds a copy." in text(html)
    assert "/pesan/" not in html
    assert json_ld(html).get("offers") is None


def test_the_queue_is_a_count(english, lent_fish_book, member_b, manager_a, library_a):
    assert "Nobody is waiting for this title." in text(page_of(english, lent_fish_book))
    circulation_services.hold_place(
        actor=manager_a, member=member_b, record=lent_fish_book, pickup_library=library_a
    )
    assert "1 person is waiting for this title." in text(page_of(english, lent_fish_book))


def test_reserve_leads_to_the_reservation_page(english, lent_fish_book):
    try:
        reserve = reverse("opac:reserve", args=[lent_fish_book.pk])
    except NoReverseMatch:
        reserve = None
    reserve_links = [
        href for label, href in links(page_of(english, lent_fish_book)) if label == "Reserve"
    ]
    assert reserve_links == ([reserve] if reserve else [])


def test_no_member_data_on_the_record_page(
    english, client, lent_fish_book, member_a, member_b, manager_a, library_a
):
    circulation_services.hold_place(
        actor=manager_a, member=member_b, record=lent_fish_book, pickup_library=library_a
    )
    for visitor in (english, client):
        html = page_of(visitor, lent_fish_book)
        for private in (member_a.name, member_a.number, member_b.name, member_b.number):
            assert private not in html
        assert "Siti Rahmawati" not in html  # member A, by name


def test_permanent_link_and_canonical_address(english, fish_book):
    html = page_of(english, fish_book)
    address = f"http://testserver/katalog/{fish_book.pk}/"
    assert f'<link rel="canonical" href="{address}">' in html
    assert (address, address) in links(html)
    assert "Permanent link" in text(html)


def test_json_ld_is_a_book_with_an_offer_per_library(english, lent_fish_book):
    data = json_ld(page_of(english, lent_fish_book))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Book"
    assert data["name"] == "Budidaya Lele di Kolam Terpal"
    assert data["author"] == [{"@type": "Person", "name": "Siti Aminah"}]
    assert data["isbn"] == "9786020332956"
    assert data["inLanguage"] == "id"
    assert data["datePublished"] == "2019"
    assert data["url"] == f"http://testserver/katalog/{lent_fish_book.pk}/"
    offers = {offer["offeredBy"]["name"]: offer for offer in data["offers"]}
    assert set(offers) == {LIBRARY_A, LIBRARY_B}
    assert offers[LIBRARY_A]["availability"] == "https://schema.org/InStock"
    assert offers[LIBRARY_A]["inventoryLevel"]["value"] == 2
    assert offers[LIBRARY_B]["availability"] == "https://schema.org/OutOfStock"
    assert offers[LIBRARY_B]["offeredBy"]["@id"] == "http://testserver/perpustakaan/DSB/"
    assert {offer["price"] for offer in data["offers"]} == {0}


def test_json_ld_cannot_close_its_script_element(english, admin, manager_a, library_a):
    title = "</script><script>alert(1)</script> & <!-- Lele"
    record = add_record(admin, title)
    html = page_of(english, record)
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == title


def test_a_cover_is_shown_in_the_results_and_on_the_record_page(english, admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    record = add_record(admin, "Budidaya Lele", cover=ContentFile(jpeg_bytes(), name="lele.jpg"))
    cover = record.cover.url
    results = english.get("/katalog/", {"q": "lele"}).text
    assert f'<img class="cover-thumb" src="{cover}" alt="" loading="lazy">' in results
    html = page_of(english, record)
    assert f'<img class="cover" src="{cover}" alt="Cover of Budidaya Lele">' in html
    assert json_ld(html)["image"] == f"http://testserver{cover}"
    assert english.get(cover).status_code == 200


def test_other_materials_get_their_schema_type(english, admin):
    magazine = add_record(
        admin, "Majalah Trubus", material_type="magazine", isbns=["978-602-03-3295-6"]
    )
    data = json_ld(page_of(english, magazine))
    assert data["@type"] == "Periodical"
    assert "isbn" not in data  # a property of books


def test_related_records_by_author_and_subject(english, fish_book, admin):
    same_author = add_record(
        admin, "Pakan Ikan Mandiri", authors=[{"name": "Siti Aminah"}], year=2021
    )
    same_subject = add_record(admin, "Kolam Bioflok", subjects=["Perikanan"])
    add_record(admin, "Siti Aminah dan Sungai", authors=[{"name": "Ahmad Yani"}])
    html = page_of(english, fish_book)
    page = text(html)
    assert "More by Siti Aminah Pakan Ikan Mandiri (2021)" in page
    assert "More on Perikanan Kolam Bioflok" in page
    assert ("Pakan Ikan Mandiri", f"/katalog/{same_author.pk}/") in links(html)
    assert ("Kolam Bioflok", f"/katalog/{same_subject.pk}/") in links(html)
    assert "Siti Aminah dan Sungai" not in page
    main = text(html.split("<main", 1)[1])
    assert main.count("Budidaya Lele di Kolam Terpal") == 1  # not related to itself


def test_no_related_section_when_nothing_is_related(english, fish_book):
    assert "Related" not in text(page_of(english, fish_book))


def test_withdrawn_record_is_not_found(english, admin):
    record = add_record(admin, "Buku yang ditarik")
    catalog_services.record_withdraw(actor=admin, record=record)
    response = english.get(f"/katalog/{record.pk}/")
    assert response.status_code == 404
    assert "Page not found" in response.text


# No record's key; fixed, not random: parallel test workers collect the same tests.
UNKNOWN = "0190a9c4-7b3e-7000-8000-000000000001"


@pytest.mark.parametrize("address", [f"/katalog/{UNKNOWN}/", "/katalog/not-a-record/"])
def test_unknown_record_is_not_found(english, district, address):
    assert english.get(address).status_code == 404


@pytest.mark.parametrize(("language", "words"), [("en", "Copies in the libraries"), ("id", "Buku")])
def test_record_page_renders_in_both_languages(client, lent_fish_book, language, words):
    client.cookies["django_language"] = language
    html = page_of(client, lent_fish_book)
    assert f'<html lang="{language}">' in html
    assert words in text(html)


def test_record_page_queries_do_not_grow_with_copies(
    english, fish_book, admin, manager_a, manager_b, library_a, library_b, member_a
):
    add_record(admin, "Pakan Ikan Mandiri", authors=[{"name": "Siti Aminah"}])
    add_record(admin, "Kolam Bioflok", subjects=["Perikanan"])
    (lent,) = add_copies(manager_a, fish_book, library_a)
    circulation_services.checkout(
        actor=manager_a, library=library_a, member=member_a, barcode=lent.barcode
    )

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            page_of(english, fish_book)
        return len(context.captured_queries)

    with_one = queries()
    add_copies(manager_a, fish_book, library_a, 3)
    add_copies(manager_b, fish_book, library_b, 2)
    assert queries() == with_one
    # the record, its copies, the queue, the due dates, and for each related
    # list the search, its records and their copies (PostgreSQL: one more each)
    assert with_one <= 12
