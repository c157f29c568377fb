"""The pure cataloguing rules: entry words of personal names and spine call numbers."""

import pytest

from pustaka.catalog.policies import call_number, entry_word, filing_title, name_is_inverted


def test_call_number_of_an_indonesian_novel():
    assert call_number("899.221", "Pramoedya Ananta Toer", "Bumi Manusia") == "899.221 PRA b"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pramoedya Ananta Toer", "Pramoedya"),
        ("Sukarno", "Sukarno"),
        ("Toer, Pramoedya Ananta", "Toer"),
        ("Donaldson, Julia", "Donaldson"),
        ("Dr. H. Bambang Sutrisno, M.Si.", "Bambang"),
        ("Prof. Dr. Ir. Agus Salim", "Agus"),
        ("Hj. Siti Rahmah, S.Pd., M.Si.", "Siti"),
        ("K.H. Ahmad Dahlan", "Ahmad"),
        ("KH Ahmad Dahlan", "Ahmad"),
        ("dr. Rina Wulandari, Sp.A.", "Rina"),
        ("Raden Ajeng Kartini", "Kartini"),
        ("Drs. Muhammad Noor Arsyad S.E.", "Muhammad"),
        ("Sri Wahyuni S.Pd", "Sri"),
        ("Tiurma Simanjuntak", "Simanjuntak"),
        ("Ir. Parlindungan Siregar, M.P.", "Siregar"),
        ("Hamka", "Hamka"),
        ("  Yohanes Lejau  ", "Yohanes"),
        ("", ""),
    ],
)
def test_entry_word_strips_titles_and_honours_inverted_and_family_names(name, expected):
    assert entry_word(name) == expected


def test_a_title_alone_is_kept_as_the_name():
    assert entry_word("Raden") == "Raden"


@pytest.mark.parametrize(
    ("name", "inverted"),
    [
        ("Toer, Pramoedya Ananta", True),
        ("Smith, John A.", True),
        ("Sri Wahyuni, S.Pd.", False),
        ("Sri Wahyuni, S.Pd., M.Si.", False),
        ("Yusuf Rahman", False),
    ],
)
def test_name_is_inverted_only_when_a_surname_comes_first(name, inverted):
    assert name_is_inverted(name) is inverted


@pytest.mark.parametrize(
    ("ddc", "name", "title", "expected"),
    [
        ("823.92", "Donaldson, Julia", "The Gruffalo", "823.92 DON g"),
        ("823.92", "Smith, John", "A Wise Duck Goes to the Sea", "823.92 SMI w"),
        ("813.6", "Walker, Alice", "An Island Storm in Lombok", "813.6 WAL i"),
        ("639.3", "Siti Aminah", "Budidaya Lele", "639.3 SIT b"),
        ("297.382", "Dr. H. Bambang Sutrisno, M.Si.", "Tuntunan Shalat", "297.382 BAM t"),
        ("899.2213", "Toer, Pramoedya Ananta", "Anak Semua Bangsa", "899.2213 TOE a"),
        ("372.7", "Tiurma Simanjuntak", "Belajar Matematika", "372.7 SIM b"),
        ("398.2", "", "Legenda Pesut Mahakam", "398.2 LEG l"),
        ("823", "O'Brien, Edna", '"Country Girls"', "823 OBR c"),
        ("", "Sutarno", "Menanam Padi", "SUT m"),
        ("959.83", "Wu, Li", "Kutai", "959.83 WU k"),
    ],
)
def test_call_number_examples(ddc, name, title, expected):
    assert call_number(ddc, name, title) == expected


def test_an_indonesian_title_keeps_its_first_word():
    assert filing_title("Si Kancil dan Buaya") == "Si Kancil dan Buaya"
    assert filing_title("Anak Semua Bangsa") == "Anak Semua Bangsa"
    assert filing_title("The Gruffalo") == "Gruffalo"
