"""ISBN rules (validation and normalisation to ISBN-13) and barcodes as scanned
(pure, no database)."""

import re
from functools import lru_cache
from operator import mul

from stdnum import isbn

ISBN_CANDIDATE = re.compile(r"[0-9Xx][0-9Xx\- ]{8,20}[0-9Xx]")
ISBN10_WEIGHTS = range(1, 10)


def isbn13(value: str) -> str | None:
    """The ISBN-13 of a valid ISBN-10 or -13 in ``value`` (hyphens, spaces and
    trailing qualifiers like "(pbk.)" allowed); ``None`` when it is not valid."""
    match = ISBN_CANDIDATE.search(value or "")
    if not match:
        return None
    compact = re.sub(r"[\- ]", "", match.group()).upper()
    if is_normalised_isbn13(compact):
        return compact
    if not isbn.is_valid(compact):
        return None
    return isbn.to_isbn13(compact)


def is_normalised_isbn13(value) -> bool:
    """Whether ``value`` is already an ISBN-13 as ``isbn13`` gives it (13 digits,
    978 or 979, right check digit): far cheaper than ``stdnum``'s checks."""
    return isinstance(value, str) and _is_normalised_isbn13(value)


@lru_cache(maxsize=64)
def _is_normalised_isbn13(value: str) -> bool:
    """``is_normalised_isbn13`` of a string (remembered: an import asks it of
    each ISBN as it maps, checks and indexes the record)."""
    if not (len(value) == 13 and value.isdigit()):
        return False
    total = sum(map(int, value[0:12:2])) + 3 * sum(map(int, value[1:12:2]))
    return value[:3] in ("978", "979") and (10 - total % 10) % 10 == int(value[12])


def isbn10(value: str) -> str:
    """The ISBN-10 of a 978 ISBN-13: computed here for the usual normalised
    ones (``stdnum`` checks and cleans first, which costs more than indexing the
    rest of a record), by ``stdnum`` for anything else."""
    if is_normalised_isbn13(value):
        digits = value[3:12]
        check = sum(map(mul, ISBN10_WEIGHTS, map(int, digits))) % 11
        return digits + ("X" if check == 10 else str(check))
    return isbn.to_isbn10(value)


def normalise_isbns(values) -> tuple[list[str], list[str]]:
    """``(valid ISBN-13s without repeats, values that are not valid ISBNs)``."""
    valid, invalid = [], []
    for value in values or []:
        normalised = isbn13(str(value))
        if normalised is None:
            invalid.append(str(value))
        elif normalised not in valid:
            valid.append(normalised)
    return valid, invalid


def isbn_display(value: str) -> str:
    """An ISBN-13 with its hyphens where the ranges are known."""
    try:
        return isbn.format(value)
    except Exception:
        return value


def barcode_clean(barcode: str) -> str:
    """A typed or scanned barcode without surrounding blanks or scanner noise,
    in capitals (as copies' barcodes are stored)."""
    text = (barcode or "").strip()
    if not text.isprintable():
        text = "".join(ch for ch in text if ch.isprintable())
    return text.upper()
