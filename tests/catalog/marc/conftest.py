"""Fixtures and builders for the MARC tests: the real files beside the
repository, and small records built byte by byte for the malformed cases."""

from pathlib import Path

import pytest
from pymarc import Field, Indicators, Leader, Record, Subfield

MARC_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "marc"
# Files whose data is UTF-8 although their leader (position 9) says MARC-8.
UTF8_UNDER_MARC8_LEADER = {"FSL.marc", "map_data.mrc"}


def real_marc_files() -> list[Path]:
    """Every real MARC file of shared/data/marc (none when the folder is absent)."""
    if not MARC_DIR.is_dir():
        return []
    return sorted(path for path in MARC_DIR.rglob("*") if path.is_file())


@pytest.fixture
def marc_dir() -> Path:
    if not MARC_DIR.is_dir():
        pytest.skip(f"the real MARC files are not here: {MARC_DIR} (CI has them)")
    return MARC_DIR


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def marc_record(
    *,
    control_number: str = "",
    title: str = "Budidaya Lele di Kolam Terpal",
    isbn: str = "",
    fields: list[Field] = (),
    leader: str = "00000nam a2200000 a 4500",
) -> Record:
    """A small UTF-8 record: 001, 008, 020, 245 and any extra ``fields``."""
    record = Record()
    record.leader = Leader(leader)
    if control_number:
        record.add_field(Field(tag="001", data=control_number))
    record.add_field(Field(tag="008", data="190101s2019    io a   j      000 0 ind d"))
    if isbn:
        record.add_field(data_field("020", a=isbn))
    record.add_field(data_field("245", "1", "0", a=title))
    for field in fields:
        record.add_ordered_field(field)
    return record


def data_field(tag: str, ind1: str = " ", ind2: str = " ", **subfields) -> Field:
    pairs = [Subfield(code.lstrip("_"), value) for code, value in subfields.items()]
    return Field(tag=tag, indicators=Indicators(ind1, ind2), subfields=pairs)


def marc_bytes(*records: Record) -> bytes:
    """ISO 2709 in UTF-8 of ``records``, one after the other."""
    return b"".join(record.as_marc() for record in records)


def raw_record(
    fields: list[tuple[str, bytes]], *, leader: str = "00000nam a2200000 a 4500"
) -> bytes:
    """ISO 2709 bytes built by hand from ``(tag, field bytes)`` (data fields:
    indicators then ``\\x1f``-coded subfields), so any byte can be put anywhere."""
    directory, data = b"", b""
    for tag, body in fields:
        body += b"\x1e"
        directory += tag.encode("ascii") + b"%04d%05d" % (len(body), len(data))
        data += body
    directory += b"\x1e"
    base = 24 + len(directory)
    length = base + len(data) + 1
    head = b"%05d" % length + leader[5:12].encode() + b"%05d" % base + leader[17:].encode()
    return head + directory + data + b"\x1d"


def book(number: int, title: str, *, leader: str = "00000nam a2200000 a 4500") -> bytes:
    """A plain UTF-8 book record with control number ``PK<number>``."""
    return raw_record(
        [("001", b"PK%d" % number), ("245", b"10\x1fa" + title.encode("utf-8"))],
        leader=leader,
    )
