"""Spine and barcode labels as a PDF on A4 label sheets."""

import base64
import re
import zlib

import pytest

from pustaka.catalog.labels import (
    SHEETS,
    Label,
    call_number_lines,
    fit_text,
    label_positions,
    labels_pdf,
)

STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


def page_contents(pdf: bytes) -> list[str]:
    """The drawing operators of each page (reportlab writes them ASCII85 and
    Flate encoded)."""
    return [
        zlib.decompress(base64.a85decode(match.group(1).strip(), adobe=True)).decode("latin-1")
        for match in STREAM.finditer(pdf)
    ]


def make_labels(count: int) -> list[Label]:
    return [
        Label(
            barcode=f"DSA-{number:06d}",
            call_number="899.221 PRA b",
            title="Bumi Manusia",
            library_name="Perpustakaan Desa Bukit Biru",
        )
        for number in range(1, count + 1)
    ]


def test_thirty_labels_on_a_sheet_of_twenty_four_take_two_pages():
    pdf = labels_pdf(make_labels(30))
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert page_count(pdf) == 2


def test_twenty_four_labels_fill_exactly_one_page():
    assert page_count(labels_pdf(make_labels(24))) == 1


def test_each_label_shows_its_barcode_number_call_number_title_and_library():
    first, second = page_contents(labels_pdf(make_labels(30)))
    assert "(DSA-000001) Tj" in first and "(DSA-000024) Tj" in first
    assert "(DSA-000025) Tj" in second and "(DSA-000030) Tj" in second
    assert "(DSA-000025)" not in first
    for text in ("(899.221) Tj", "(PRA) Tj", "(b) Tj", "(Bumi Manusia) Tj"):
        assert first.count(text) == 24
    assert second.count("(Perpustakaan Desa Bukit Biru) Tj") == 6


def test_start_position_continues_a_partly_used_sheet():
    assert page_count(labels_pdf(make_labels(22), start_position=3)) == 1
    assert page_count(labels_pdf(make_labels(23), start_position=3)) == 2
    first, second = page_contents(labels_pdf(make_labels(2), start_position=24))
    assert "(DSA-000001) Tj" in first and "(DSA-000002) Tj" in second


def test_positions_run_row_by_row_from_the_start_position():
    assert label_positions(SHEETS["a4_3x8"], 3, start_position=23) == [
        (0, 70.0, 259.5),
        (0, 140.0, 259.5),
        (1, 0.0, 0.5),
    ]


def test_positions_on_a_sheet_with_margins_and_gaps():
    positions = label_positions(SHEETS["a4_2x7"], 3)
    assert [(page, round(left, 2), round(top, 2)) for page, left, top in positions] == [
        (0, 4.65, 15.15),
        (0, 106.25, 15.15),
        (0, 4.65, 53.25),
    ]


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_every_sheet_fits_on_a4_without_overlapping_labels(name):
    sheet = SHEETS[name]
    assert sheet.pitch_x >= sheet.label_width and sheet.pitch_y >= sheet.label_height
    assert sheet.left + (sheet.columns - 1) * sheet.pitch_x + sheet.label_width <= 210
    assert sheet.top + (sheet.rows - 1) * sheet.pitch_y + sheet.label_height <= 297


@pytest.mark.parametrize(
    ("name", "per_page"),
    [("a4_3x8", 24), ("a4_3x7", 21), ("a4_2x7", 14), ("a4_4x10", 40), ("a4_4x11", 44)],
)
def test_every_sheet_prints_a_full_page_of_labels(name, per_page):
    assert SHEETS[name].per_page == per_page
    pdf = labels_pdf(make_labels(per_page + 1), sheet=name)
    assert page_count(pdf) == 2
    assert page_contents(pdf)[0].count(") Tj") > per_page


@pytest.mark.parametrize("start", [0, 25])
def test_start_position_must_be_on_the_sheet(start):
    with pytest.raises(ValueError, match="between 1 and 24"):
        labels_pdf(make_labels(1), start_position=start)


def test_unknown_sheet_and_empty_list_are_refused():
    with pytest.raises(ValueError, match="unknown label sheet"):
        labels_pdf(make_labels(1), sheet="letter_3x10")
    with pytest.raises(ValueError, match="no labels"):
        labels_pdf([])


def test_the_same_labels_give_the_same_pdf():
    assert labels_pdf(make_labels(5)) == labels_pdf(make_labels(5))


def test_call_number_is_split_for_the_spine():
    assert call_number_lines("899.221 PRA b") == ["899.221", "PRA", "b"]
    assert call_number_lines("R 030 ENS e") == ["R", "030", "ENS", "e"]
    assert call_number_lines("") == []


def test_long_titles_are_cut_with_an_ellipsis():
    title = "Budidaya Lele Sistem Bioflok di Kolam Terpal untuk Kelompok Tani"
    assert fit_text("Bumi Manusia", "Helvetica", 6, 200) == "Bumi Manusia"
    short = fit_text(title, "Helvetica", 6, 60)
    assert short.endswith("…") and title.startswith(short[:-1])
    assert len(short) < len(title)
