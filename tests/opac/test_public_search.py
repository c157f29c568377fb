"""The public catalogue search: the header box on every page, filters and
facets, paging, sorting, availability in words, and forgiving bad links."""

import gzip
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pustaka.opac import views_catalogue
from tests.core.html import links, tags, text
from tests.opac.catalogue import add_copies, add_record, fish_book_add, fish_book_stock, lend

LIBRARY_A = "Perpustakaan Desa Rebaq Rinding"
LIBRARY_B = "Perpustakaan Desa Bukit Biru"


@pytest.fixture
def fish_book(admin):
    return fish_book_add(admin)


@pytest.fixture
def shelves(fish_book, manager_a, manager_b, library_a, library_b, admin):
    """Three records about lele: the fish book (two copies at A, one at B on
    loan), an English children's picture book at B, an old magazine at A."""
    picture = add_record(
        admin,
        "Lele the Little Catfish",
        authors=[{"name": "Anna Reed", "role": "author"}],
        year=2023,
        language="eng",
        ddc="823",
        material_type="picture_book",
        audience="children",
    )
    magazine = add_record(
        admin,
        "Majalah Trubus: Lele Sangkuriang",
        year=1998,
        language="ind",
        ddc="639.3",
        material_type="magazine",
    )
    add_copies(manager_b, picture, library_b)
    add_copies(manager_a, magazine, library_a)
    return {"fish": fish_book, "picture": picture, "magazine": magazine}


@pytest.fixture
def lent(shelves, manager_a, manager_b, library_a, library_b, member_a):
    fish_book_stock(
        shelves["fish"],
        manager_a=manager_a,
        manager_b=manager_b,
        library_a=library_a,
        library_b=library_b,
        member_a=member_a,
    )
    return shelves


def result_titles(html: str) -> list[str]:
    """The linked titles of the results, in order."""
    found = re.findall(r'class="result-title"><a [^>]*>(.*?)</a>', html, re.S)
    return [text(title) for title in found]


def availability_lines(html: str) -> list[str]:
    return [text(line) for line in re.findall(r'<p class="availability">(.*?)</p>', html, re.S)]


def search(client, **params):
    response = client.get("/katalog/", params)
    assert response.status_code == 200
    return response


# --- the header box ------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/perpustakaan/DSA/", "/katalog/", "/no-such-page/"])
def test_every_public_page_has_the_search_box(english, library_a, url):
    html = english.get(url).text
    form = re.search(r'<form class="site-search"[^>]*>(.*?)</form>', html, re.S)
    assert form, url
    assert 'action="/katalog/"' in form[0] and 'method="get"' in form[0]
    assert 'role="search"' in form[0]
    fields = [attrs for tag, attrs in tags(form[1]) if tag == "input"]
    assert [(field["name"], field["id"]) for field in fields] == [("q", "site-q")]
    assert '<label for="site-q"' in form[1]
    assert 'class="skip-link" href="#main"' in html and '<main id="main">' in html


def test_search_box_keeps_the_words_on_the_results_page(english, shelves):
    html = search(english, q="lele terpal").text
    assert 'id="site-q" name="q" value="lele terpal"' in html


# --- results and availability -----------------------------------------------


def test_results_show_title_authors_year_type_and_availability_in_words(english, lent):
    html = search(english, q="budidaya lele").text
    assert result_titles(html) == ["Budidaya Lele di Kolam Terpal"]
    assert "Budidaya Lele di Kolam Terpal : Panduan untuk pemula" in text(html)
    assert "Siti Aminah · 2019 · Book" in text(html)
    assert availability_lines(html) == [
        f"2 copies available at {LIBRARY_A} · 1 copy on loan at {LIBRARY_B}"
    ]
    assert "1 record found" in text(html)
    record = lent["fish"]
    assert ("Budidaya Lele di Kolam Terpal", f"/katalog/{record.pk}/") in links(html)


def test_availability_names_libraries_with_a_copy_on_the_shelf_first(
    english, fish_book, manager_a, manager_b, library_a, library_b, member_a
):
    (lent_at_a,) = add_copies(manager_a, fish_book, library_a)
    add_copies(manager_b, fish_book, library_b, 3)
    lend(manager_a, library_a, member_a, lent_at_a)
    html = search(english, q="lele").text
    assert availability_lines(html) == [
        f"3 copies available at {LIBRARY_B} · 1 copy on loan at {LIBRARY_A}"
    ]


def test_damaged_copies_are_not_available_and_lost_ones_are_not_counted(
    english, fish_book, manager_a, library_a
):
    from pustaka.catalog import services

    damaged, lost, _on_shelf = add_copies(manager_a, fish_book, library_a, 3)
    services.item_update(actor=manager_a, item=damaged, changes={"status": "damaged"})
    services.item_update(actor=manager_a, item=lost, changes={"status": "lost"})
    assert availability_lines(search(english, q="lele").text) == [
        f"1 copy available at {LIBRARY_A} · 1 copy not available now at {LIBRARY_A}"
    ]


def test_a_record_without_copies_says_none_can_be_lent(english, fish_book):
    assert availability_lines(search(english, q="lele").text) == ["No library can lend a copy now."]


def test_a_long_list_of_libraries_is_cut_short_with_a_link_to_the_record(
    english, fish_book, manager_a, manager_b, library_a, library_b, monkeypatch
):
    monkeypatch.setattr(views_catalogue, "LIBRARIES_IN_SUMMARY", 1)
    add_copies(manager_a, fish_book, library_a)
    add_copies(manager_b, fish_book, library_b)
    html = search(english, q="lele").text
    assert availability_lines(html) == [f"1 copy available at {LIBRARY_B} · and 1 more library"]
    assert ("and 1 more library", f"/katalog/{fish_book.pk}/#copies") in links(html)


def test_availability_speaks_indonesian_by_default(
    fish_book, manager_a, manager_b, library_a, library_b, monkeypatch
):
    assert availability_lines(search(Client(), q="lele").text) == [
        "Saat ini tidak ada perpustakaan yang dapat meminjamkan eksemplarnya."
    ]
    monkeypatch.setattr(views_catalogue, "LIBRARIES_IN_SUMMARY", 1)
    add_copies(manager_a, fish_book, library_a)
    add_copies(manager_b, fish_book, library_b)
    assert availability_lines(search(Client(), q="lele").text) == [
        f"1 eksemplar tersedia di {LIBRARY_B} · dan 1 perpustakaan lainnya"
    ]


# --- filters and facets -------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"library": "DSB"}, ["Budidaya Lele di Kolam Terpal", "Lele the Little Catfish"]),
        ({"library": "dsa"}, ["Budidaya Lele di Kolam Terpal", "Majalah Trubus: Lele Sangkuriang"]),
        ({"material_type": "picture_book"}, ["Lele the Little Catfish"]),
        ({"language": "eng"}, ["Lele the Little Catfish"]),
        ({"audience": "children"}, ["Lele the Little Catfish"]),
        ({"ddc": "600"}, ["Budidaya Lele di Kolam Terpal", "Majalah Trubus: Lele Sangkuriang"]),
        ({"year_from": "2000", "year_to": "2020"}, ["Budidaya Lele di Kolam Terpal"]),
        (
            {"available": "on"},
            [
                "Budidaya Lele di Kolam Terpal",
                "Lele the Little Catfish",
                "Majalah Trubus: Lele Sangkuriang",
            ],
        ),  # noqa: E501
        ({"available": "on", "library": "DSB"}, ["Lele the Little Catfish"]),
    ],
)
def test_filters_narrow_the_results(english, lent, params, titles):
    html = search(english, q="lele", sort="title", **params).text
    assert result_titles(html) == titles


def test_facets_count_the_results_and_keep_the_ticked_values(english, lent):
    html = search(english, q="lele", library="DSB").text
    page = text(html)
    assert f"Library {LIBRARY_B} (2)" in page
    assert 'name="library" value="DSB" id="id_library_DSB" checked' in html
    assert "Material type Book (1) Children&#x27;s picture book (1)" in page
    assert "Available now (2)" in page
    assert '<details class="filters" open>' in html


def test_filters_are_folded_away_when_none_is_chosen(english, lent):
    html = search(english, q="lele").text
    assert '<details class="filters">' in html
    assert "Clear filters" not in text(html)


def test_decades_link_to_a_year_range(english, lent):
    html = search(english, q="lele").text
    assert ("1990–1999", "/katalog/?q=lele&amp;year_from=1990&amp;year_to=1999") in links(html)


# --- sorting and paging ------------------------------------------------------------


def test_sorting_by_title_and_by_newest(english, shelves):
    by_title = result_titles(search(english, q="lele", sort="title").text)
    newest = result_titles(search(english, q="lele", sort="newest").text)
    assert [title[:10] for title in by_title] == ["Budidaya L", "Lele the L", "Majalah Tr"]
    assert [title[:10] for title in newest] == ["Lele the L", "Budidaya L", "Majalah Tr"]


def test_paging_through_the_results(english, shelves, monkeypatch):
    monkeypatch.setattr(views_catalogue, "PER_PAGE", 2)
    first = search(english, q="lele", sort="title").text
    second = search(english, q="lele", sort="title", page="2").text
    assert len(result_titles(first)) == 2
    assert [title[:10] for title in result_titles(second)] == ["Majalah Tr"]
    assert "Page 1 of 2" in text(first) and "Page 2 of 2" in text(second)
    assert ("Next page", "/katalog/?q=lele&amp;sort=title&amp;page=2") in links(first)
    assert ("Previous page", "/katalog/?q=lele&amp;sort=title&amp;page=1") in links(second)


def test_a_page_past_the_end_says_so(english, shelves):
    page = text(search(english, q="lele", page="7").text)
    assert "There is no page 7: the results have 1 pages." in page
    assert "Go to the first page" in page


# --- bad links, empty searches ------------------------------------------------------


def test_bad_parameters_are_left_out_with_a_message(english, lent):
    response = english.get(
        "/katalog/",
        {
            "q": "lele",
            "year_from": "abc",
            "page": "0",
            "library": "ZZ99",
            "sort": "cheapest",
            "ddc": "123",
            "material_type": "<script>",
        },
    )
    assert response.status_code == 200
    page = text(response.text)
    assert (
        "Some search options were not understood and were left out: "
        "From year, Sort by, Page, library ZZ99."
    ) in page
    assert len(result_titles(response.text)) == 3
    assert "<script>" not in response.text.split("</header>", 1)[1].replace(
        '<script type="application/ld+json">', ""
    )


@pytest.mark.parametrize(
    "params",
    [
        {"page": "9" * 30},
        {"year_from": "9" * 30},
        {"year_to": "-5"},
        {"q": "x" * 500},
        {"q": "\x00"},
        {"library": "A" * 100},
    ],
)
def test_hostile_values_never_break_the_page(english, shelves, params):
    assert english.get("/katalog/", params).status_code == 200


def test_nothing_found_suggests_what_to_try(english, shelves):
    page = text(search(english, q="kapal selam").text)
    assert "0 records found" in page
    assert "Nothing matches. Try fewer or other words, or remove a filter." in page


def test_an_empty_search_starts_with_subjects_and_new_books(english, shelves, lent):
    html = search(english).text
    page = text(html)
    assert "Search every library's books" in page
    assert ("800 Literature", "/katalog/?ddc=800") in links(html)
    titles = result_titles(html)
    assert [title[:10] for title in titles] == ["Majalah Tr", "Lele the L", "Budidaya L"]
    assert "records found" not in page


def test_a_subject_link_browses_the_class_without_words(english, shelves):
    html = search(english, ddc="800").text
    assert [title[:10] for title in result_titles(html)] == ["Lele the L"]


def test_an_empty_catalogue_says_so(english, district):
    assert "The catalogue is still empty." in text(search(english).text)


# --- privacy, languages, weight, queries ---------------------------------------------


def test_no_member_data_on_the_search_page(english, lent, member_a, member_b, manager_a, library_a):
    from pustaka.circulation import services

    services.hold_place(
        actor=manager_a, member=member_b, record=lent["fish"], pickup_library=library_a
    )
    for params in ({"q": "lele"}, {"q": "lele", "available": "on"}, {}):
        html = search(english, **params).text
        for private in (member_a.name, member_a.number, member_b.name, member_b.number):
            assert private not in html


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", ("Sort by", "Available now")), ("id", ("Urutkan menurut", "Tersedia sekarang"))],
)
def test_the_search_page_renders_in_both_languages(client, shelves, language, words):
    client.cookies["django_language"] = language
    html = search(client, q="lele").text
    assert f'<html lang="{language}">' in html
    assert all(word in text(html) for word in words)
    assert len(result_titles(html)) == 3


def test_html_is_compressed_for_browsers_that_accept_it(client, shelves):
    response = client.get("/katalog/", {"q": "lele"}, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert len(result_titles(html)) == 3
    assert len(response.content) < len(html) / 3


def test_search_queries_do_not_grow_with_results(
    english, admin, manager_a, manager_b, library_a, library_b
):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as context:
            html = search(english, q="lele", library="DSA").text
        return len(context.captured_queries), len(result_titles(html))

    for number in range(2):
        record = add_record(admin, f"Lele jilid {number}")
        add_copies(manager_a, record, library_a)
    with_two, shown_two = queries_for_page()
    for number in range(2, 8):
        record = add_record(admin, f"Lele jilid {number}")
        add_copies(manager_a, record, library_a, 2)
        add_copies(manager_b, record, library_b)
    with_eight, shown_eight = queries_for_page()
    assert (shown_two, shown_eight) == (2, 8)
    assert with_eight == with_two
    # library names, the libraries' codes, the search, the records, their
    # copies; on SQLite two more: the vocabulary of the words (bm25's bounds,
    # see catalog.search.bounds) and the names of the hits' coded facets
    assert with_two <= 7


def test_start_page_queries(english, shelves):
    with CaptureQueriesContext(connection) as context:
        search(english)
    # library names, the newest records, their copies
    assert len(context.captured_queries) == 3
