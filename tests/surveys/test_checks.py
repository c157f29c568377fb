"""Answers checked against their question, per kind, without a database:
each refusal in words."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.utils import translation

from pustaka.surveys.checks import AnswerRefused, answer_parse


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@dataclass
class Q:
    kind: str
    required: bool = True
    options: list = field(default_factory=list)
    min_value: Decimal | None = None
    max_value: Decimal | None = None


def refusal(question, raw) -> str:
    with pytest.raises(AnswerRefused) as refused:
        answer_parse(question, raw)
    return str(refused.value)


def test_scale_answers_are_a_point_of_the_scale():
    assert answer_parse(Q("likert4"), "3").number == 3
    assert answer_parse(Q("likert5"), 5).number == 5
    assert refusal(Q("likert4"), "5") == "Choose one point of the scale, from 1 to 4."
    assert refusal(Q("likert5"), "0") == "Choose one point of the scale, from 1 to 5."
    assert refusal(Q("likert4"), ["1", "2"]) == "Choose one point of the scale, from 1 to 4."


def test_choices_are_indexes_of_the_options():
    options = ["Pinjam buku", "Internet", "Kegiatan"]
    assert answer_parse(Q("single", options=options), "2").choices == (2,)
    assert refusal(Q("single", options=options), "3") == "Choose one of the options."
    assert answer_parse(Q("multiple", options=options), ["2", "0", "2"]).choices == (0, 2)
    assert refusal(Q("multiple", options=options), ["1", "x"]) == "Choose among the options shown."


def test_numbers_take_a_decimal_comma_and_keep_to_their_range():
    question = Q("number", min_value=Decimal(0), max_value=Decimal("7.5"))
    assert answer_parse(question, "2,5").number == Decimal("2.50")
    assert answer_parse(question, " 7 ").number == Decimal("7.00")
    assert refusal(question, "banyak") == "Give a number, such as 12 or 2,5."
    assert refusal(question, "8") == "Give a number from 0 to 7,5."
    assert refusal(Q("number", min_value=Decimal(1)), "0") == "Give a number of at least 1."
    assert refusal(Q("number", max_value=Decimal(10)), "11") == "Give a number of at most 10."
    assert refusal(Q("number"), "nan") == "Give a number, such as 12 or 2,5."


def test_required_questions_need_an_answer_and_others_may_be_left_out():
    assert refusal(Q("short_text"), "   ") == "Please answer this question."
    assert refusal(Q("multiple", options=["a", "b"]), []) == "Please answer this question."
    assert answer_parse(Q("likert4", required=False), "").empty


def test_texts_are_kept_to_their_length():
    assert answer_parse(Q("long_text"), "  Tambah buku anak.  ").text == "Tambah buku anak."
    assert refusal(Q("short_text"), "x" * 201) == "Keep your answer under 200 characters."
