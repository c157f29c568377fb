"""Spine and barcode labels for a library's copies, printed as a PDF on
ready-cut A4 label sheets: the library's name, a Code 128 barcode with its
number, the call number in large type, and the title."""

import io
from dataclasses import dataclass

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Label:
    """What one label shows for one copy."""

    barcode: str
    call_number: str
    title: str = ""
    library_name: str = ""


@dataclass(frozen=True)
class Sheet:
    """An A4 sheet of ready-cut labels; every length in millimetres, measured
    from the page's top-left corner to the first label's top-left corner."""

    description: str
    columns: int
    rows: int
    label_width: float
    label_height: float
    left: float
    top: float
    pitch_x: float
    pitch_y: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


SHEETS = {
    "a4_3x8": Sheet("24 labels 70 x 37 mm (Avery 3474)", 3, 8, 70, 37, 0, 0.5, 70, 37),
    "a4_3x8_l7159": Sheet(
        "24 labels 63.5 x 33.9 mm (Avery L7159)", 3, 8, 63.5, 33.9, 7.2, 12.9, 66.0, 33.9
    ),
    "a4_3x7": Sheet("21 labels 70 x 42.3 mm (Avery 3652)", 3, 7, 70, 42.3, 0, 0.45, 70, 42.3),
    "a4_3x7_l7160": Sheet(
        "21 labels 63.5 x 38.1 mm (Avery L7160)", 3, 7, 63.5, 38.1, 7.2, 15.15, 66.0, 38.1
    ),
    "a4_2x7": Sheet(
        "14 labels 99.1 x 38.1 mm (Avery L7163)", 2, 7, 99.1, 38.1, 4.65, 15.15, 101.6, 38.1
    ),
    "a4_4x10": Sheet(
        "40 labels 45.7 x 25.4 mm (Avery L7654)", 4, 10, 45.7, 25.4, 9.75, 21.5, 48.25, 25.4
    ),
    "a4_4x11": Sheet(
        "44 labels 48.5 x 25.4 mm (Avery 3657)", 4, 11, 48.5, 25.4, 8, 8.8, 48.5, 25.4
    ),
}
PAGE_WIDTH, PAGE_HEIGHT = A4


def label_positions(
    sheet: Sheet, count: int, start_position: int = 1
) -> list[tuple[int, float, float]]:
    """Where ``count`` labels go: (page index, left, top) in millimetres, row
    by row, starting at ``start_position`` (1-based) on the first sheet so a
    partly used sheet can go through the printer again."""
    if not 1 <= start_position <= sheet.per_page:
        raise ValueError(f"start_position must be between 1 and {sheet.per_page}")
    positions = []
    for slot in range(start_position - 1, start_position - 1 + count):
        page, place = divmod(slot, sheet.per_page)
        row, column = divmod(place, sheet.columns)
        positions.append(
            (page, sheet.left + column * sheet.pitch_x, sheet.top + row * sheet.pitch_y)
        )
    return positions


def call_number_lines(call_number: str) -> list[str]:
    """The call number as the spine shows it, one part per line:
    "899.221 PRA b" gives ["899.221", "PRA", "b"]."""
    return call_number.split()


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut short with an ellipsis so that it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS if text else ""


def labels_pdf(
    labels: list[Label], *, sheet: str = "a4_3x8", start_position: int = 1, outlines: bool = False
) -> bytes:
    """The labels as a PDF on the named sheet (a key of ``SHEETS``), as many
    pages as needed. ``outlines`` draws each label's edge, for a test print
    on plain paper."""
    if sheet not in SHEETS:
        raise ValueError(f"unknown label sheet {sheet!r}; choose one of {', '.join(SHEETS)}")
    if not labels:
        raise ValueError("no labels to print")
    layout = SHEETS[sheet]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle("Label buku")
    canvas.setCreator("Pustaka")
    page = 0
    for label, (on_page, left, top) in zip(
        labels, label_positions(layout, len(labels), start_position), strict=True
    ):
        if on_page != page:
            canvas.showPage()
            page = on_page
        x, y = left * mm, PAGE_HEIGHT - (top + layout.label_height) * mm
        width, height = layout.label_width * mm, layout.label_height * mm
        if outlines:
            canvas.setLineWidth(0.25)
            canvas.rect(x, y, width, height)
        draw_label(canvas, label, x, y, width, height)
    canvas.save()
    return buffer.getvalue()


def draw_label(canvas: Canvas, label: Label, x: float, y: float, width: float, height: float):
    """One label with its bottom-left corner at (x, y), in points: the
    library's name along the top, then side by side the call number and the
    barcode on a wide label, or one under the other on a narrow one."""
    pad = min(2 * mm, height * 0.06)
    small = max(4.5, min(7.0, height / 15))
    top = y + height - pad
    canvas.setFont(REGULAR, small)
    name = fit_text(label.library_name, REGULAR, small, width - 2 * pad)
    canvas.drawString(x + pad, top - small, name)
    box = (x + pad, y + pad, width - 2 * pad, top - small * 1.4 - (y + pad))
    if width >= 55 * mm:
        _draw_side_by_side(canvas, label, box, small)
    else:
        _draw_stacked(canvas, label, box, small)


def _draw_side_by_side(canvas: Canvas, label: Label, box: tuple, small: float):
    x, y, width, height = box
    column = width * 0.32
    _draw_call_number(canvas, call_number_lines(label.call_number), (x, y, column, height))
    right = x + column + 1 * mm
    _draw_barcode_block(canvas, label, (right, y, x + width - right, height), small)


def _draw_stacked(canvas: Canvas, label: Label, box: tuple, small: float):
    x, y, width, height = box
    number_size = min(small * 1.8, height * 0.25)
    canvas.setFont(BOLD, number_size)
    canvas.drawString(
        x, y + 0.2 * number_size, fit_text(label.call_number, BOLD, number_size, width)
    )
    lower = number_size * 1.2
    _draw_barcode_block(canvas, label, (x, y + lower, width, height - lower), small)


def _draw_call_number(canvas: Canvas, lines: list[str], box: tuple):
    """The call number's parts one under the other, as large as the box
    allows, centred vertically."""
    x, y, width, height = box
    if not lines:
        return
    widest = max(stringWidth(line, BOLD, 1) for line in lines)
    size = max(5.0, min(16.0, width / widest, height / (len(lines) * 1.15)))
    leading = size * 1.15
    first_baseline = y + (height + leading * len(lines)) / 2 - size
    canvas.setFont(BOLD, size)
    for number, line in enumerate(lines):
        canvas.drawString(x, first_baseline - number * leading, line)


def _draw_barcode_block(canvas: Canvas, label: Label, box: tuple, small: float):
    """Bars, the barcode's number under them, and the title under that."""
    x, y, width, height = box
    title_height = small * 1.3 if label.title else 0
    number_height = small * 1.3
    bars_height = max(height - title_height - number_height, 4 * mm)
    draw_code128(canvas, label.barcode, x, y + title_height + number_height, width, bars_height)
    canvas.setFont(REGULAR, small)
    canvas.drawCentredString(x + width / 2, y + title_height + small * 0.35, label.barcode)
    if label.title:
        canvas.setFont(REGULAR, small)
        canvas.drawString(x, y + small * 0.25, fit_text(label.title, REGULAR, small, width))


def draw_code128(canvas: Canvas, value: str, x: float, y: float, width: float, height: float):
    """Code 128 bars centred in the box at (x, y): as wide as ``width`` allows
    (quiet zones of ten modules included), never wider than 0.33 mm a module.
    Member cards draw their number with it too."""
    modules = Code128(value, barWidth=1, quiet=False).width
    module = min(width / (modules + 20), 0.33 * mm)
    bars = Code128(value, barWidth=module, barHeight=height, quiet=False, humanReadable=False)
    bars.drawOn(canvas, x + (width - bars.width) / 2, y)
