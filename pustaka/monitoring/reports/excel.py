"""The district report's tables as an Excel workbook (openpyxl, written
row by row): one sheet per indicator group (``definitions.GROUPS``), a row
per library and period then the district's, a column per indicator; and a
sheet of the official indices of the period (IKM and TGM per library)."""

import datetime
import io
from collections.abc import Callable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from pustaka.monitoring import indices
from pustaka.monitoring.definitions import GROUPS
from pustaka.monitoring.indicators import IndicatorRow, IndicatorTable, indicators
from pustaka.monitoring.reports.district import check_district_reader

BOLD = Font(bold=True)
SHEET_NAME_MAX = 31
FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def district_workbook(
    *,
    user,
    start: datetime.date,
    end: datetime.date,
    grain: str = "month",
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The tables of every library and of the district from ``start`` to
    ``end`` per ``grain`` (month, quarter or year), as an .xlsx file."""
    check_district_reader(user)
    note = progress or (lambda _percent: None)
    table = indicators(user=user, libraries=None, start=start, end=end, grain=grain)
    note(60)
    book = Workbook(write_only=True)
    for number, (group, label) in enumerate(GROUPS.items(), start=1):
        _group_sheet(book.create_sheet(sheet_name(label)), table, group)
        note(60 + 30 * number // len(GROUPS))
    _indices_sheet(book.create_sheet(sheet_name(_("Official indices"))), table, start, end)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_name(label) -> str:
    """A sheet's name as Excel allows it (31 characters, none of []:*?/\\)."""
    return str(label).translate(FORBIDDEN)[:SHEET_NAME_MAX]


def _bold(sheet, values: list) -> list:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = BOLD
        cells.append(cell)
    return cells


def _group_sheet(sheet, table: IndicatorTable, group: str) -> None:
    items = [item for item in table.definitions if item.group == group]
    header = [_("Library code"), _("Library"), _("Kecamatan"), _("Period"), _("From"), _("To")]
    sheet.append(_bold(sheet, [*header, *[_label(item) for item in items]]))
    for row in table.rows:
        library = row.library
        _rows(sheet, table, row, items, [library.code, library.name, library.kecamatan.name])
    _rows(sheet, table, table.district, items, ["", _("District"), ""])


def _label(item) -> str:
    return f"{item.label} ({item.unit})" if item.unit else str(item.label)


def _rows(sheet, table: IndicatorTable, row: IndicatorRow, items, first: list) -> None:
    for index, period in enumerate(table.periods):
        values = row.values[index]
        sheet.append(
            [
                *first,
                period.key,
                period.start,
                period.end,
                *[values.get(item.code) for item in items],
            ]
        )


def _indices_sheet(sheet, table: IndicatorTable, start, end) -> None:
    skm, tgm = indices.skm_indices(start, end), indices.tgm_indices(start, end)
    sheet.append(
        _bold(
            sheet,
            [
                _("Library code"),
                _("Library"),
                _("SKM respondents"),
                "IKM (1–4)",
                _("IKM on 25–100"),
                _("Grade"),
                _("TGM respondents"),
                "TGM",
                _("TGM category"),
            ],
        )
    )
    for row in table.rows:
        key = row.library.pk
        sheet.append([row.library.code, row.library.name, *_cells(skm.get(key), tgm.get(key))])
    district = indices.DISTRICT
    sheet.append(["", _("District"), *_cells(skm.get(district), tgm.get(district))])


def _cells(skm, tgm) -> list:
    ikm = (
        [None, None, None, None]
        if skm is None
        else [
            skm.respondents,
            skm.index.ikm,
            skm.index.unit,
            skm.index.grade,
        ]
    )
    reading = (
        [None, None, None]
        if tgm is None
        else [
            tgm.respondents,
            tgm.index.value,
            tgm.index.category or None,
        ]
    )
    return [*ikm, *reading]
