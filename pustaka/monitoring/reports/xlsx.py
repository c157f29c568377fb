"""The district workbook's sheets: rows of texts, numbers and dates under a
bold first row, streamed through openpyxl's write-only mode (no cell is kept
in memory once its row is written)."""

import io
from collections.abc import Iterable

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

BOLD = Font(bold=True)


class Workbook:
    """Sheets added one by one (``add_sheet``), then the file (``save``)."""

    def __init__(self):
        self.book = OpenpyxlWorkbook(write_only=True)

    def add_sheet(self, name: str, header: list, rows: Iterable[list]) -> None:
        """A sheet called ``name``: ``header`` in bold, then ``rows`` (``None``
        and ``""`` leave their cell empty)."""
        sheet = self.book.create_sheet(name)
        sheet.append([_bold(sheet, value) for value in header])
        for row in rows:
            sheet.append([_cell_value(value) for value in row])

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


def _bold(sheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=_cell_value(value))
    cell.font = BOLD
    return cell


def _cell_value(value):
    """``value`` as a cell takes it: empty text is no value, and text loses
    the control characters XML cannot carry (openpyxl refuses them)."""
    if value == "":
        return None
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
