"""The official indices: the IKM from SKM answers in a period (DOMAIN.md's
worked example), the TGM with its stated scaling, the IPLM's formula (the
Sukoharjo check of DOMAIN.md) with the office's inputs, and the checklist
against the national standard for village libraries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.models import ChangeLog
from pustaka.libraries import services as library_services
from pustaka.monitoring import indices, iplm, standard
from pustaka.monitoring.checklists import checklists
from pustaka.monitoring.services import iplm_input_set
from pustaka.surveys import queries as survey_queries
from pustaka.surveys import services as survey_services
from pustaka.surveys.models import Question


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


SKM_SUMS = {
    "persyaratan": 32,
    "prosedur": 30,
    "waktu": 35,
    "biaya": 40,
    "produk": 31,
    "kompetensi": 33,
    "perilaku": 36,
    "pengaduan": 29,
    "sarana": 34,
}


def skm_survey(actor, library):
    survey = survey_services.survey_from_template(actor=actor, template="skm", library=library)
    return survey_services.survey_open(actor=actor, survey=survey)


def answer_skm(survey, sums: dict, people: int, prefix: str):
    """``people`` respondents whose answers to each element add up to ``sums``."""
    elements = [q for q in survey_queries.questions_of(survey) if q.code in sums]
    for person in range(people):
        answers = {}
        for question in elements:
            low, extra = divmod(sums[question.code], people)
            answers[str(question.pk)] = str(low + 1 if person < extra else low)
        survey_services.response_submit(survey=survey, answers=answers, device=f"{prefix}{person}")


# -- IKM -------------------------------------------------------------------------------


def test_ikm_of_a_library_is_domain_worked_example(clock, manager_a, library_a):
    # given ten respondents in 2025 whose element means are 3.2, 3.0, 3.5, 4.0,
    # 3.1, 3.3, 3.6, 2.9, 3.4 — and two who answered all 1s in January 2026
    survey = skm_survey(manager_a, library_a)
    with clock(2025, 6, 1, 10, 0):
        answer_skm(survey, SKM_SUMS, 10, "p")
    with clock(2026, 1, 2, 10, 0):
        answer_skm(survey, dict.fromkeys(SKM_SUMS, 2), 2, "late")
    # when the IKM of 2025 is read
    found = indices.skm_indices(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    # then it is 30.0 / 9 = 3.3333, 83.33 on 25-100, grade B — for the library and the district
    for key in (library_a.pk, indices.DISTRICT):
        index = found[key].index
        assert (index.ikm, index.unit, index.grade) == (Decimal("3.3333"), Decimal("83.33"), "B")
        assert found[key].respondents == 10


def test_district_ikm_pools_every_answer_of_its_libraries(
    clock, manager_a, manager_b, library_a, library_b
):
    # given library A's ten respondents (IKM 3.3333) and library B's two who answer all 4s
    with clock(2025, 6, 1, 10, 0):
        answer_skm(skm_survey(manager_a, library_a), SKM_SUMS, 10, "a")
        answer_skm(skm_survey(manager_b, library_b), dict.fromkeys(SKM_SUMS, 8), 2, "b")
    # when the year's IKM is read
    found = indices.skm_indices(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    # then B is 4.0 (grade A) and the district's NRR are the twelve answers' means:
    # (300 + 72) / 12 / 9 elements = 3.4444, 86.11 on 25-100: grade B
    assert (found[library_b.pk].index.ikm, found[library_b.pk].index.grade) == (
        Decimal("4.0000"),
        "A",
    )
    district = found[indices.DISTRICT]
    assert (district.index.ikm, district.index.unit, district.index.grade) == (
        Decimal("3.4444"),
        Decimal("86.11"),
        "B",
    )
    assert district.respondents == 12


# -- TGM -------------------------------------------------------------------------------


def test_tgm_of_the_district_uses_its_stated_scaling(clock, admin):
    # given a district TGM survey answered by one person in 2025: reading 7 times a
    # week, 60 minutes a day, 3 books a quarter, internet 7 times a week, 120 minutes
    survey = survey_services.survey_from_template(actor=admin, template="tgm", language="en")
    survey_services.survey_open(actor=admin, survey=survey)
    measures = {
        q.code: q for q in survey_queries.questions_of(survey) if q.kind == Question.Kind.NUMBER
    }
    values = {"FM": 7, "DM": 60, "JB": 3, "FAI": 7, "DAI": 120}
    with clock(2025, 8, 1, 10, 0):
        survey_services.response_submit(
            survey=survey,
            answers={str(measures[code].pk): str(value) for code, value in values.items()},
            device="p1",
        )
    # when the year's TGM is read
    found = indices.tgm_indices(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    # then each measure is scaled linearly to its ceiling (7 a week, 120 minutes,
    # 6 books = 100): 0.3 x 100 + 0.3 x 50 + 0.3 x 50 + 0.05 x 100 + 0.05 x 100 = 70
    district = found[indices.DISTRICT]
    assert district.index.value == Decimal("70.00")
    assert district.index.category == "High"
    assert [(m.code, m.score) for m in district.index.measures][:3] == [
        ("FM", Decimal("100.00")),
        ("DM", Decimal("50.00")),
        ("JB", Decimal("50.00")),
    ]
    assert set(found) == {indices.DISTRICT}


# -- IPLM -------------------------------------------------------------------------------


def test_iplm_of_the_sukoharjo_check():
    # DOMAIN.md: Sukoharjo 2022, element sum 5.029441 -> IPLM 71.85 (published)
    value = iplm.iplm_value(Decimal("5.029441"))
    assert value == Decimal("71.85")
    assert iplm.iplm_category(value) == "Medium"


@pytest.mark.parametrize(
    ("value", "category"),
    [("29.9", "Very low"), ("30", "Low"), ("49.9", "Low"), ("50", "Medium"), ("80", "High")]
    + [("89.9", "High"), ("90", "Very high"), ("100", "Very high")],
)
def test_iplm_categories(value, category):
    assert iplm.iplm_category(Decimal(value)) == category


def test_iplm_element_weights_library_types_and_corrects_by_two_and_a_half():
    # given 10 public, 5 school, 0 higher-education and 2 special libraries for 1,000 people
    figures = {"public": 10, "school": 5, "university": 0, "special": 2}
    element = iplm.iplm_element(iplm.IPLM_ELEMENTS[0], figures, 1000)
    # then UPLM = 2.5 x (0.5 x 0.01 + 0.2 x 0.005 + 0.2 x 0 + 0.1 x 0.002) = 0.0155
    assert element.value == Decimal("0.015500")
    assert [part.weighted for part in element.parts] == [
        Decimal("0.005000"),
        Decimal("0.001000"),
        Decimal("0"),
        Decimal("0.000200"),
    ]


def test_iplm_element_without_an_input_has_no_value():
    element = iplm.iplm_element(iplm.IPLM_ELEMENTS[1], {"public": 10, "school": 5}, 1000)
    assert element.value is None
    assert element.missing == ("university", "special")


def test_iplm_sums_its_seven_elements():
    figures = {"public": 100, "school": 0, "university": 0, "special": 0}
    elements = tuple(
        iplm.iplm_element(definition, figures, 1000) for definition in iplm.IPLM_ELEMENTS
    )
    # each element 2.5 x 0.5 x 0.1 = 0.125; 7 x 0.125 / 7 x 100 = 12.5
    index = iplm.iplm_index(elements, 1000)
    assert (index.total, index.value, index.category) == (
        Decimal("0.875000"),
        Decimal("12.50"),
        "Very low",
    )


def test_iplm_of_a_year_from_pustaka_and_the_office_inputs(year_2025, admin, library_a, library_b):
    # given the office's inputs for 2025: 2,000 people, the other types zero but
    # 3 school libraries with 4 staff, and one public library outside Pustaka
    zeros = dict.fromkeys(iplm.IPLM_ELEMENT_CODES, 0)
    iplm_input_set(
        actor=admin,
        year=2025,
        population=2000,
        figures={
            "school": {**zeros, "libraries": 3, "staff": 4},
            "university": zeros,
            "special": zeros,
            "public_other": {"libraries": 1},
        },
        source="BPS 2025",
    )
    # when the IPLM of 2025 is read
    result = indices.iplm_for_year(user=admin, year=2025)
    elements = {element.definition.code: element for element in result.index.elements}
    # then Pustaka's figures are counted (two libraries, four copies held,
    # 16 participants, four members) ...
    assert result.pustaka_figures["libraries"] == 2
    assert result.pustaka_figures["collection"] == 4
    assert result.pustaka_figures["participants"] == 16
    assert result.pustaka_figures["members"] == 4
    # ... the public libraries outside Pustaka added to them:
    # UPLM 1 = 2.5 x (0.5 x 3/2000 + 0.2 x 3/2000) = 0.002625
    assert elements["libraries"].value == Decimal("0.002625")
    # UPLM 2 = 2.5 x 0.5 x 4 / 2000 = 0.0025
    assert elements["collection"].value == Decimal("0.002500")
    assert result.index.value is not None
    assert result.population_source == "entered for the year"


def test_iplm_without_inputs_names_what_is_missing(year_2025, admin):
    result = indices.iplm_for_year(user=admin, year=2025)
    assert result.index.value is None
    assert result.index.elements[0].missing == ("public", "school", "university", "special")
    assert result.population_source == "not entered"


def test_iplm_takes_the_districts_population_when_none_is_entered(district, admin):
    library_services.district_update(actor=admin, district=district, changes={"population": 806964})
    result = indices.iplm_for_year(user=admin, year=2025)
    assert result.index.population == 806964
    assert result.index.elements[0].missing == ("school", "university", "special")


def test_iplm_inputs_are_the_offices_to_enter(manager_a, admin):
    with pytest.raises(NotPermitted):
        iplm_input_set(actor=manager_a, year=2025, population=1000, figures={})
    with pytest.raises(Invalid) as refused:
        iplm_input_set(
            actor=admin,
            year=2025,
            population=1000,
            figures={"school": {"staff": "-3", "nonsense": 1}, "moon": {}},
        )
    assert set(refused.value.fields) == {"school.staff", "school.nonsense", "moon"}


def test_iplm_inputs_set_again_correct_the_year_and_are_logged(admin):
    first = iplm_input_set(
        actor=admin, year=2025, population=1000, figures={"school": {"staff": 4}}
    )
    again = iplm_input_set(
        actor=admin, year=2025, population=1200, figures={"school": {"staff": "4.50"}}
    )
    assert again.pk == first.pk
    assert (again.population, again.figures) == (1200, {"school": {"staff": "4.5"}})
    rows = ChangeLog.objects.filter(entity="monitoring.iplminput", entity_id=str(first.pk))
    assert list(rows.order_by("seq").values_list("operation", flat=True)) == ["create", "update"]


# -- the national standard --------------------------------------------------------------


def facts(**changes) -> standard.LibraryFacts:
    """A library meeting every criterion Pustaka can see."""
    values = {
        "titles": 1200,
        "recent_titles": 150,
        "dated_titles": 1100,
        "children_titles": 300,
        "teen_titles": 200,
        "adult_titles": 500,
        "audience_titles": 1000,
        "encyclopedias": 1,
        "dictionaries": 2,
        "periodicals": 3,
        "floor_area": Decimal(60),
        "opening_hours": {str(day): [["08:00", "14:00"]] for day in range(6)},
        "offers": ("lending", "reading_room", "computers"),
        "loans": 400,
        "staff": 2,
        "staff_from_accounts": False,
        "manager_trained": True,
        "year": 2025,
    }
    return standard.LibraryFacts(**{**values, **changes})


def statuses(found) -> dict:
    return {criterion.code: criterion.status for criterion in standard.standard_checklist(found)}


def test_standard_met_where_pustaka_sees_it_and_unknown_where_it_cannot():
    found = statuses(facts())
    assert {code for code, status in found.items() if status == "unknown"} == {
        "collection.recorded",
        "space.permanent",
        "services.reference",
        "staff.head_education",
    }
    assert all(status == "pass" for status in found.values() if status != "unknown")


def test_standard_thresholds():
    found = statuses(
        facts(
            titles=999,
            recent_titles=99,
            teen_titles=0,
            dictionaries=0,
            periodicals=0,
            floor_area=Decimal("55.5"),
            opening_hours={"0": [["08:00", "12:00"], ["13:00", "14:30"]]},
            staff=1,
        )
    )
    assert [found[code] for code in official_codes()] == ["fail"] * len(official_codes())


def official_codes():
    return [
        "collection.titles",
        "collection.recent",
        "collection.audiences",
        "collection.reference",
        "collection.periodicals",
        "space.floor_area",
        "services.hours",
        "staff.count",
    ]


def test_standard_recent_share_is_ten_percent_of_titles():
    assert statuses(facts(titles=1000, recent_titles=100))["collection.recent"] == "pass"
    assert statuses(facts(titles=1000, recent_titles=99))["collection.recent"] == "fail"
    criteria = standard.standard_checklist(facts(titles=1000, recent_titles=100))
    recent = next(c for c in criteria if c.code == "collection.recent")
    assert "2021" in recent.requirement


def test_standard_unknown_without_profile_hours_or_services():
    found = statuses(
        facts(floor_area=None, opening_hours={}, offers=(), loans=0, staff=None, audience_titles=0)
    )
    for code in (
        "space.floor_area",
        "services.hours",
        "services.reading",
        "services.lending",
        "staff.count",
        "collection.audiences",
    ):
        assert found[code] == "unknown", code


def test_standard_lending_shown_by_loans_even_if_not_listed_as_offered():
    found = statuses(facts(offers=("reading_room",), loans=3))
    assert found["services.lending"] == "pass"
    assert statuses(facts(offers=("reading_room",), loans=0))["services.lending"] == "fail"


def test_checklist_of_a_library_from_what_pustaka_holds(year_2025, admin, library_a):
    # given library A of the hand-counted year (two titles, open Mondays 4 hours,
    # its manager at the office's training in March, no profile figures)
    checklist = checklists([library_a], datetime.date(2025, 12, 31))[0]
    found = {criterion.code: criterion for criterion in checklist.criteria}
    # then
    assert found["collection.titles"].status == "fail"
    assert found["collection.titles"].found == "2 titles"
    assert found["services.hours"].status == "fail"
    assert found["services.lending"].status == "pass"
    assert found["staff.head_training"].status == "pass"
    assert found["space.floor_area"].status == "unknown"
    assert found["staff.count"].found.startswith("1 staff account (")
    assert not checklist.meets
