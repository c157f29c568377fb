"""Member cards as PDF: ID-1 size (85.6 x 54 mm, a bank card), with the
library's name, the member's name, their number as Code 128 (for the desk's
scanner) and as a QR code (for a phone camera), and the expiry date. One card
on its own page, or ten to an A4 sheet with cut marks."""

import io
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pustaka.catalog.labels import BOLD, REGULAR, draw_code128, fit_text

CARD_WIDTH, CARD_HEIGHT = 85.6 * mm, 54 * mm
COLUMNS, ROWS = 2, 5
PER_PAGE = COLUMNS * ROWS
PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = (PAGE_WIDTH - COLUMNS * CARD_WIDTH) / 2
TOP = (PAGE_HEIGHT - ROWS * CARD_HEIGHT) / 2
PAD = 3 * mm
QR_SIZE = 21 * mm


@dataclass(frozen=True)
class Card:
    """What one card shows; the texts come already translated and formatted."""

    number: str
    name: str
    library_name: str
    expires: str
    category: str = ""
    heading: str = "Kartu Anggota Perpustakaan"
    expires_label: str = "Berlaku s.d."


def card_positions(count: int) -> list[tuple[int, float, float]]:
    """(page index, x, y) in points of each card's bottom-left corner on A4,
    two across and five down, row by row."""
    positions = []
    for slot in range(count):
        page, place = divmod(slot, PER_PAGE)
        row, column = divmod(place, COLUMNS)
        x = LEFT + column * CARD_WIDTH
        y = PAGE_HEIGHT - TOP - (row + 1) * CARD_HEIGHT
        positions.append((page, x, y))
    return positions


def cards_pdf(cards: list[Card], *, title: str = "Kartu anggota") -> bytes:
    """The cards ten to an A4 page, each outlined as a cutting guide."""
    if not cards:
        raise ValueError("no cards to print")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(title)
    canvas.setCreator("Pustaka")
    page = 0
    for card, (on_page, x, y) in zip(cards, card_positions(len(cards)), strict=True):
        if on_page != page:
            canvas.showPage()
            page = on_page
        draw_card(canvas, card, x, y)
    canvas.save()
    return buffer.getvalue()


def draw_card(canvas: Canvas, card: Card, x: float, y: float) -> None:
    """One card with its bottom-left corner at (x, y): outline, heading band,
    the member, then Code 128 along the bottom and the QR code on the right."""
    canvas.setLineWidth(0.3)
    canvas.setStrokeGray(0.6)
    canvas.roundRect(x, y, CARD_WIDTH, CARD_HEIGHT, 3 * mm)
    text_width = CARD_WIDTH - 2 * PAD
    top = y + CARD_HEIGHT - PAD
    canvas.setFillGray(0)
    canvas.setFont(BOLD, 8)
    canvas.drawString(x + PAD, top - 8, fit_text(card.library_name, BOLD, 8, text_width))
    canvas.setFont(REGULAR, 6.5)
    canvas.drawString(x + PAD, top - 16, fit_text(card.heading, REGULAR, 6.5, text_width))
    canvas.line(x + PAD, top - 19, x + CARD_WIDTH - PAD, top - 19)
    left_width = CARD_WIDTH - 3 * PAD - QR_SIZE
    canvas.setFont(BOLD, 11)
    canvas.drawString(x + PAD, top - 32, fit_text(card.name, BOLD, 11, left_width))
    canvas.setFont(REGULAR, 9)
    canvas.drawString(x + PAD, top - 43, card.number)
    canvas.setFont(REGULAR, 7)
    details = f"{card.expires_label} {card.expires}" if card.expires else ""
    if card.category:
        details = f"{card.category} · {details}" if details else card.category
    canvas.drawString(x + PAD, top - 53, fit_text(details, REGULAR, 7, left_width))
    draw_qr(canvas, card.number, x + CARD_WIDTH - PAD - QR_SIZE, top - 21 - QR_SIZE)
    draw_code128(canvas, card.number, x + PAD, y + PAD, CARD_WIDTH - 2 * PAD, 14 * mm)


def draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float = QR_SIZE) -> None:
    """``value`` as a QR code ``size`` points square, bottom-left corner at (x, y)
    (also the survey posters')."""
    widget = QrCodeWidget(value, barBorder=0)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size,
        size,
        transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0],
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)
