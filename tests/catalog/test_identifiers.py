"""Barcodes as typed or scanned become the barcodes copies are stored under."""

import pytest

from pustaka.catalog.identifiers import barcode_clean


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
