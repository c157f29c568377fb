"""ISBN rules (validation and normalisation to ISBN-13) and barcodes as scanned
(pure, no database)."""

import re

from stdnum import isbn

ISBN_CANDIDATE = re.compile(r"[0-9Xx][0-9Xx\- ]{8,20}[0-9Xx]")


def isbn13(value: str) -> str | None:
    """The ISBN-13 of a valid ISBN-10 or -13 in ``value`` (hyphens, spaces and
    trailing qualifiers like "(pbk.)" allowed); ``None`` when it is not valid."""
    match = ISBN_CANDIDATE.search(value or "")
    if not match:
        return None
    compact = re.sub(r"[\- ]", "", match.group()).upper()
    if not isbn.is_valid(compact):
        return None
    return isbn.to_isbn13(compact)


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
    return "".join(ch for ch in (barcode or "").strip() if ch.isprintable()).upper()
