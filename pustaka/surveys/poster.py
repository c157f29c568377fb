"""A survey's poster as an A4 PDF to pin up at the library: the survey's
title, a large QR code of its public link for a phone's camera, and the link
written out for those who type it."""

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pustaka.catalog.labels import BOLD, REGULAR, fit_text
from pustaka.members.cards import draw_qr

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
QR_SIZE = 110 * mm
TITLE_SIZE = 26
TITLE_LINES = 3


@dataclass(frozen=True)
class Poster:
    """What the poster says; the texts come already translated."""

    title: str
    url: str
    owner: str
    call_to_action: str
    link_label: str
    note: str


def poster_pdf(poster: Poster) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(poster.title)
    canvas.setCreator("Pustaka")
    width = PAGE_WIDTH - 2 * MARGIN
    top = PAGE_HEIGHT - MARGIN
    canvas.setFont(REGULAR, 14)
    _centred(canvas, fit_text(poster.owner, REGULAR, 14, width), top - 14)
    y = top - 40
    lines = simpleSplit(poster.title, BOLD, TITLE_SIZE, width)[:TITLE_LINES]
    canvas.setFont(BOLD, TITLE_SIZE)
    for line in lines:
        y -= TITLE_SIZE * 1.2
        _centred(canvas, fit_text(line, BOLD, TITLE_SIZE, width), y)
    y -= 36
    canvas.setFont(REGULAR, 16)
    _centred(canvas, fit_text(poster.call_to_action, REGULAR, 16, width), y)
    y -= 12 + QR_SIZE
    draw_qr(canvas, poster.url, (PAGE_WIDTH - QR_SIZE) / 2, y, QR_SIZE)
    y -= 34
    canvas.setFont(REGULAR, 14)
    _centred(canvas, poster.link_label, y)
    y -= 24
    size = _size_to_fit(poster.url, BOLD, 16, width)
    canvas.setFont(BOLD, size)
    _centred(canvas, poster.url, y)
    canvas.setFont(REGULAR, 12)
    _centred(canvas, fit_text(poster.note, REGULAR, 12, width), MARGIN)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _centred(canvas: Canvas, text: str, y: float) -> None:
    canvas.drawCentredString(PAGE_WIDTH / 2, y, text)


def _size_to_fit(text: str, font: str, size: float, width: float) -> float:
    """The largest font size up to ``size`` at which ``text`` fits ``width``
    (a link must never be cut short)."""
    return min(size, size * width / max(stringWidth(text, font, size), 1))
