"""The pure rules of surveys: the phone's key, the link code, and the
official formulas (SKM/IKM per PermenPANRB 14/2017 with DOMAIN.md's worked
example, and TGM) — without a database."""

from decimal import Decimal

import pytest
from django.utils import translation

from pustaka.surveys import policies
from pustaka.surveys.policies import skm_index, tgm_index


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def test_a_phones_key_differs_per_survey_and_is_empty_without_a_cookie():
    first = policies.person_key("secret", "survey-1", "phone")
    assert first == policies.person_key("secret", "survey-1", "phone")
    assert first != policies.person_key("secret", "survey-2", "phone")
    assert "phone" not in first and len(first) == 32
    assert policies.person_key("secret", "survey-1", "") == ""


def test_link_codes_are_short_and_readable():
    token = policies.new_token()
    assert len(token) == 10
    assert set(token) <= set(policies.TOKEN_ALPHABET)
    assert not set(token) & set("0o1l")


# -- SKM / IKM -------------------------------------------------------------------


def totals_of(means, respondents=10) -> dict:
    """Element totals giving ``means`` (in U1..U9 order) over ``respondents``."""
    return {
        code: (Decimal(str(mean)) * respondents, respondents)
        for code, mean in zip(policies.SKM_CODES, means, strict=True)
    }


def test_skm_worked_example_of_the_domain():
    # 10 respondents; element means 3.2, 3.0, 3.5, 4.0, 3.1, 3.3, 3.6, 2.9, 3.4
    index = skm_index(totals_of([3.2, 3.0, 3.5, 4.0, 3.1, 3.3, 3.6, 2.9, 3.4]))
    # IKM = 30.0/9 = 3.3333, IKM_unit = 83.33, grade B (baik)
    assert index.ikm == Decimal("3.3333")
    assert index.unit == Decimal("83.33")
    assert (index.grade, index.performance) == ("B", "Good")
    assert [element.label for element in index.elements][::4] == ["U1", "U5", "U9"]
    assert index.elements[7].nrr_rounded == Decimal("2.9000")
    assert index.elements[0].weighted == Decimal("0.3556")  # 3.2 x 1/9
    assert index.missing == ()


def test_skm_weights_are_exactly_one_ninth():
    # 0.111 instead of 1/9 would give 3.996, grade A still but 99.9 not 100
    index = skm_index(totals_of([4] * 9))
    assert (index.ikm, index.unit, index.grade) == (Decimal("4.0000"), Decimal("100.00"), "A")
    assert skm_index(totals_of([1] * 9)).unit == Decimal("25.00")


@pytest.mark.parametrize(
    ("unit", "grade"),
    [
        ("25.00", "D"),
        ("64.99", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.31", "A"),
        ("100.00", "A"),
    ],
)
def test_skm_grade_boundaries_of_the_table(unit, grade):
    assert policies.skm_grade(Decimal(unit)) == grade


def test_skm_grade_reads_the_ikm_table_at_its_own_boundaries():
    # IKM 3.064 -> 76.60 (C); 3.0644 -> 76.61 (B); 3.5324 -> 88.31 (A)
    assert skm_index(totals_of([3.064] * 9, 1000)).grade == "C"
    assert skm_index(totals_of([3.0644] * 9, 10000)).grade == "B"
    assert skm_index(totals_of([3.5324] * 9, 10000)).grade == "A"
    assert skm_index(totals_of([2.5996] * 9, 10000)).grade == "D"


def test_skm_without_answers_to_an_element_has_no_index():
    totals = totals_of([3] * 9)
    del totals["pengaduan"]
    index = skm_index(totals)
    assert (index.ikm, index.unit, index.grade, index.performance) == (None, None, None, "")
    assert index.missing == ("pengaduan",)
    assert index.elements[7].answers == 0


# -- TGM -------------------------------------------------------------------------


def test_tgm_weights_the_five_scaled_measures():
    # two respondents: reading 7 and 3 times a week, 60 and 120 minutes a day,
    # 3 and 9 books a quarter, internet 7 and 0 times a week, 240 and 30 minutes a day
    answers = {"FM": [7, 3], "DM": [60, 120], "JB": [3, 9], "FAI": [7, 0], "DAI": [240, 30]}
    index = tgm_index(answers)
    scores = {measure.code: measure.score for measure in index.measures}
    # FM (100 + 42.857)/2, DM (50 + 100)/2, JB (50 + 100, capped)/2, FAI 50, DAI (100 + 25)/2
    assert scores == {
        "FM": Decimal("71.43"),
        "DM": Decimal("75.00"),
        "JB": Decimal("75.00"),
        "FAI": Decimal("50.00"),
        "DAI": Decimal("62.50"),
    }
    # 0.3 x (71.4286 + 75 + 75) + 0.05 x (50 + 62.5) = 66.43 + 5.625
    assert index.value == Decimal("72.05")
    assert index.category == "High"
    assert index.measures[2].mean == Decimal("6.00")


@pytest.mark.parametrize(
    ("value", "category"),
    [
        ("0", "Very low"),
        ("20.04", "Very low"),
        ("20.1", "Low"),
        ("40.0", "Low"),
        ("60.1", "High"),
        ("80.0", "High"),
        ("80.1", "Very high"),
        ("100", "Very high"),
    ],
)
def test_tgm_categories(value, category):
    assert policies.tgm_category(Decimal(value)) == category


def test_tgm_without_a_measure_has_no_value():
    index = tgm_index({"FM": [1], "DM": [10], "JB": [1], "FAI": [1]})
    assert (index.value, index.missing) == (None, ("DAI",))
