"""Barcodes as typed or scanned become the barcodes copies are stored under;
ISBNs as written become ISBN-13s."""

import pytest

from pustaka.catalog.identifiers import barcode_clean, isbn13


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("kl03-d0000001-1", "KL03-D0000001-1"),
        ("  KL03-1 \n", "KL03-1"),
        ("\x02KL03-1\x03\r", "KL03-1"),
        ("KL03\x00-1", "KL03-1"),
        ("\x1b KL03 1", " KL03 1"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_barcode_loses_blanks_around_it_and_scanner_noise(typed, stored):
    assert barcode_clean(typed) == stored


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("9786231047298", "9786231047298"),
        ("978-602-03-3295-6 (pbk.)", "9786020332956"),
        ("602-03-3295-0", "9786020332956"),
        ("0-306-40615-2", "9780306406157"),
        ("080442957X", "9780804429573"),
        ("979-10-90636-07-1", "9791090636071"),
        ("9786231047299", None),
        ("9776231047298", None),
        ("tanpa ISBN", None),
    ],
)
def test_isbns_become_isbn13_or_are_refused(written, normalised):
    assert isbn13(written) == normalised
