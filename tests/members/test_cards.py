"""Member cards: ID-1 size, ten to an A4 page, number as Code 128 and QR."""

import pytest
from reportlab.lib.units import mm

from pustaka.members.cards import CARD_HEIGHT, CARD_WIDTH, Card, card_positions, cards_pdf
from tests.members.conftest import pdf_text


def make_cards(count: int) -> list[Card]:
    return [
        Card(
            number=f"DSA-{number:06d}",
            name="Siti Rahmawati",
            library_name="Perpustakaan Desa Rebaq Rinding",
            expires="02-03-2027",
        )
        for number in range(1, count + 1)
    ]


def test_card_is_id1_size():
    assert (round(CARD_WIDTH / mm, 1), round(CARD_HEIGHT / mm, 1)) == (85.6, 54.0)


def test_ten_cards_to_a_page_inside_a4():
    positions = card_positions(21)
    assert [page for page, _x, _y in positions].count(0) == 10
    assert positions[10][0] == 1 and positions[20][0] == 2
    for _page, x, y in positions:
        assert x > 0 and x + CARD_WIDTH < 210 * mm
        assert y > 0 and y + CARD_HEIGHT < 297 * mm


def test_pdf_has_one_page_per_ten_cards_and_every_number():
    pdf = cards_pdf(make_cards(11))
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 2
    text = pdf_text(pdf)
    assert "DSA-000001" in text and "DSA-000011" in text
    assert "Siti Rahmawati" in text


def test_no_cards_is_an_error():
    with pytest.raises(ValueError):
        cards_pdf([])
