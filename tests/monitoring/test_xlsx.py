"""The district workbook's sheets: what openpyxl reads back from them."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from pustaka.monitoring.reports.xlsx import Workbook


def _read(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_a_sheet_reads_back_as_written():
    book = Workbook()
    rows = [
        ["DS01", "Rebaq & <Rinding>", datetime.date(2025, 3, 1), 12, 0.125, Decimal("2.5")],
        ["", None, datetime.date(1999, 12, 31), -3, True, "  spaced  "],
    ]
    book.add_sheet("Kunjungan", ["Kode", "Nama", "Dari", "Jumlah", "Rasio", "Nilai"], rows)
    sheet = _read(book.save())["Kunjungan"]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Kode", "Nama", "Dari", "Jumlah", "Rasio", "Nilai"),
        ("DS01", "Rebaq & <Rinding>", datetime.datetime(2025, 3, 1), 12, 0.125, 2.5),
        (None, None, datetime.datetime(1999, 12, 31), -3, True, "  spaced  "),
    ]
    assert [cell.font.b for cell in sheet[1]] == [True] * 6
    assert not sheet["A2"].font.b
    assert sheet["C2"].number_format == "yyyy-mm-dd"


def test_sheets_keep_their_order_and_names_and_many_columns():
    book = Workbook()
    book.add_sheet('Mitra "dan" dukungan', ["a"], [[1]])
    book.add_sheet("Profil", [f"c{n}" for n in range(30)], [list(range(30))])
    read = _read(book.save())
    assert read.sheetnames == ['Mitra "dan" dukungan', "Profil"]
    assert read["Profil"]["AD2"].value == 29


def test_characters_xml_cannot_carry_are_left_out():
    book = Workbook()
    book.add_sheet("S", ["x"], [["bel\x07 and tab\tkept"]])
    assert _read(book.save())["S"]["A2"].value == "bel and tab\tkept"
