"""The district report's tables as an Excel workbook (``xlsx.py``, written
row by row): one sheet per indicator group (``definitions.GROUPS``), a row
per library and period then the district's, a column per indicator; and a
sheet of the official indices of the period (IKM and TGM per library)."""

import datetime
from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _

from pustaka.monitoring import indices
from pustaka.monitoring.definitions import GROUPS
from pustaka.monitoring.indicators import IndicatorRow, IndicatorTable, indicators
from pustaka.monitoring.reports.district import check_district_reader
from pustaka.monitoring.reports.xlsx import Workbook

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
    book = Workbook()
    for number, (group, label) in enumerate(GROUPS.items(), start=1):
        _group_sheet(book, sheet_name(label), table, group)
        note(60 + 30 * number // len(GROUPS))
    _indices_sheet(book, sheet_name(_("Official indices")), table, start, end)
    return book.save()


def sheet_name(label) -> str:
    """A sheet's name as Excel allows it (31 characters, none of []:*?/\\)."""
    return str(label).translate(FORBIDDEN)[:SHEET_NAME_MAX]


def _group_sheet(book: Workbook, name: str, table: IndicatorTable, group: str) -> None:
    items = [item for item in table.definitions if item.group == group]
    header = [_("Library code"), _("Library"), _("Kecamatan"), _("Period"), _("From"), _("To")]
    book.add_sheet(name, [*header, *[_label(item) for item in items]], _group_rows(table, items))


def _group_rows(table: IndicatorTable, items) -> Iterator[list]:
    periods = [[period.key, period.start, period.end] for period in table.periods]
    for row in table.rows:
        library = row.library
        yield from _rows(row, periods, items, [library.code, library.name, library.kecamatan.name])
    yield from _rows(table.district, periods, items, ["", _("District"), ""])


def _label(item) -> str:
    return f"{item.label} ({item.unit})" if item.unit else str(item.label)


def _rows(row: IndicatorRow, periods: list[list], items, first: list) -> Iterator[list]:
    codes = [item.code for item in items]
    for period, values in zip(periods, row.values, strict=True):
        yield [*first, *period, *[values.get(code) for code in codes]]


def _indices_sheet(book: Workbook, name: str, table: IndicatorTable, start, end) -> None:
    skm, tgm = indices.skm_indices(start, end), indices.tgm_indices(start, end)
    header = [
        _("Library code"),
        _("Library"),
        _("SKM respondents"),
        "IKM (1–4)",
        _("IKM on 25–100"),
        _("Grade"),
        _("TGM respondents"),
        "TGM",
        _("TGM category"),
    ]
    rows = [
        [library.code, library.name, *_cells(skm.get(library.pk), tgm.get(library.pk))]
        for library in (row.library for row in table.rows)
    ]
    district = indices.DISTRICT
    rows.append(["", _("District"), *_cells(skm.get(district), tgm.get(district))])
    book.add_sheet(name, header, rows)


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
