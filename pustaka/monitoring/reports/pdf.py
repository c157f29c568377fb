"""What the reports' PDFs share (reportlab's platypus): the A4 document with
a footer on every page, text styles in the catalogue labels' fonts, tables
of figures, small bar charts, and numbers written the active language's way."""

import io
import itertools
from collections.abc import Callable

from django.utils import formats
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from pustaka.catalog.labels import BOLD, REGULAR, fit_text

MARGIN = 15 * mm
INK = colors.HexColor("#213547")
RULE = colors.HexColor("#c8ccd0")
SHADE = colors.HexColor("#eef1f4")

STYLES = {
    "title": ParagraphStyle("title", fontName=BOLD, fontSize=17, leading=21, spaceAfter=2 * mm),
    "subtitle": ParagraphStyle("subtitle", fontName=REGULAR, fontSize=10.5, leading=14),
    "heading": ParagraphStyle(
        "heading", fontName=BOLD, fontSize=12, leading=15, spaceBefore=4 * mm, spaceAfter=1.5 * mm
    ),
    "body": ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13),
    "small": ParagraphStyle("small", fontName=REGULAR, fontSize=8, leading=10.5),
    "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5),
    "header": ParagraphStyle("header", fontName=BOLD, fontSize=7.5, leading=9.5),
    "quote": ParagraphStyle(
        "quote", fontName=REGULAR, fontSize=9.5, leading=13, leftIndent=5 * mm, textColor=INK
    ),
}


def text(value, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: nothing in it is markup)."""
    return Paragraph(escape(str(value)), STYLES[style])


def number(value, places: int = 0) -> str:
    """A figure with the active language's separators; a dash when not known."""
    if value is None:
        return "–"
    return formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def rupiah(value) -> str:
    return "–" if value is None else f"Rp {number(value)}"


def table(rows: list[list], *, header: list[str], widths: list[float], numeric_from: int = 1):
    """A table of figures: a shaded header row, numbers right-aligned from
    column ``numeric_from``; long texts wrap within their cell."""
    body = [[_cell(value) for value in row] for row in rows]
    grid = Table([[_cell(value, bold=True) for value in header], *body], colWidths=widths)
    grid.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return grid


def _cell(value, bold: bool = False):
    if isinstance(value, Paragraph):
        return value
    return Paragraph(escape(str(value)), STYLES["header" if bold else "cell"])


def bars(
    values: list, labels: list[str], *, title: str, width: float, height: float = 42 * mm
) -> Drawing:
    """A small bar chart of ``values`` (``None`` as 0) with a title above it;
    the report's tables say the same numbers."""
    drawing = Drawing(width, height)
    drawing.add(
        String(0, height - 9, fit_text(title, BOLD, 8.5, width), fontName=BOLD, fontSize=8.5)
    )
    chart = VerticalBarChart()
    chart.x, chart.y = 22, 14
    chart.width, chart.height = width - 28, height - 30
    chart.data = [[value or 0 for value in values]]
    chart.bars[0].fillColor = INK
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = axis_step(max([value or 0 for value in values], default=0))
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labelTextFormat = lambda value: number(value)
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 30 if len(labels) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    drawing.add(chart)
    return drawing


def axis_step(highest) -> int:
    """The smallest step of 1, 2, 5, 10, 20, 50... with at most four lines up to ``highest``."""
    step, factors = 1, itertools.cycle((2, 2.5, 2))
    while step * 4 < highest:
        step = int(step * next(factors))
    return step


def build(
    story: list, *, title: str, footer: str, wide: bool = False, compress: bool = True
) -> bytes:
    """The PDF of ``story`` on A4 (``wide``: landscape), each page footed
    with ``footer`` and its number. ``compress=False`` leaves the page
    streams readable (tests read the text back)."""
    buffer = io.BytesIO()
    size = landscape(A4) if wide else A4
    document = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        creator="Pustaka",
        invariant=True,
        pageCompression=1 if compress else 0,
    )
    on_page = _footer(footer, size)
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def usable_width(wide: bool = False) -> float:
    return (landscape(A4) if wide else A4)[0] - 2 * MARGIN


def _footer(words: str, size) -> Callable:
    def draw(canvas, document):
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(colors.grey)
        line = fit_text(words, REGULAR, 7.5, size[0] - 2 * MARGIN - 30 * mm)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, line)
        page = _("Page %(page)s") % {"page": document.page}
        canvas.drawRightString(size[0] - MARGIN, MARGIN - 2 * mm, page)
        canvas.restoreState()

    return draw
