"""The survey services: building a survey and its questions, templates,
opening and closing, and answers — each refusal in words; each library's
staff only for their own library's surveys."""

from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from pustaka.core.abuse import RateLimited
from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.surveys import policies, queries, services
from pustaka.surveys.models import Answer, Question, Response, Survey
from tests.surveys.fixtures import answers_for


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def refused(service, **kwargs) -> Invalid:
    with pytest.raises(Invalid) as error:
        service(**kwargs)
    return error.value


def questions(survey) -> list[Question]:
    return queries.questions_of(survey)


# -- building -------------------------------------------------------------------------


def test_library_staff_build_a_survey_of_their_own_library(volunteer_a, library_a):
    survey = services.survey_create(
        actor=volunteer_a, library=library_a, title="  Survei   pengunjung ", intro=" Halo "
    )
    assert (survey.title, survey.intro, survey.status) == ("Survei pengunjung", "Halo", "draft")
    assert (survey.kind, survey.one_per_person) == ("general", True)
    assert len(survey.token) == policies.TOKEN_LENGTH


def test_only_the_office_makes_district_surveys_and_nobody_another_librarys(
    admin, manager_a, viewer, library_a, library_b
):
    assert services.survey_create(actor=admin, library=None, title="Kabupaten").library is None
    with pytest.raises(NotPermitted):
        services.survey_create(actor=manager_a, library=None, title="Kabupaten")
    with pytest.raises(NotPermitted):
        services.survey_create(actor=manager_a, library=library_b, title="B")
    with pytest.raises(NotPermitted):
        services.survey_create(actor=viewer, library=library_a, title="A")


def test_staff_of_library_b_cannot_change_library_as_survey(manager_b, survey_a):
    with pytest.raises(NotPermitted):
        services.survey_update(actor=manager_b, survey=survey_a, changes={"title": "x"})
    with pytest.raises(NotPermitted):
        services.question_add(actor=manager_b, survey=survey_a, kind="number", text="x")
    with pytest.raises(NotPermitted):
        services.survey_open(actor=manager_b, survey=survey_a)


def test_a_survey_needs_a_title(manager_a, library_a):
    error = refused(services.survey_create, actor=manager_a, library=library_a, title="  ")
    assert error.fields == {"title": ["Give the survey a title."]}


def test_questions_are_added_at_the_end_with_options_that_fit_their_kind(manager_a, survey_a):
    question = services.question_add(
        actor=manager_a,
        survey=survey_a,
        kind="single",
        text="  Jenis kelamin ",
        options=[" Laki-laki ", "", "Perempuan"],
    )
    assert (question.position, question.text) == (7, "Jenis kelamin")
    assert question.options == ["Laki-laki", "Perempuan"]
    number = services.question_add(
        actor=manager_a, survey=survey_a, kind="number", text="Umur", options=["x", "y"]
    )
    assert number.options == []


@pytest.mark.parametrize(
    ("kind", "options", "extra", "problem"),
    [
        ("single", ["Ya"], {}, {"options": ["Give at least two options, one per line."]}),
        ("multiple", ["Ya", "Ya"], {}, {"options": ["Give each option once."]}),
        (
            "likert4",
            ["a", "b", "c"],
            {},
            {"options": ["Give a label for each of the 4 points, or none."]},
        ),
        (
            "number",
            [],
            {"min_value": 10, "max_value": 1},
            {"max_value": ["The largest number must not be smaller than the smallest."]},
        ),
        ("rating", [], {}, {"kind": ["Choose one of the kinds of question."]}),
    ],
)
def test_bad_questions_are_refused_in_words(manager_a, survey_a, kind, options, extra, problem):
    error = refused(
        services.question_add,
        actor=manager_a,
        survey=survey_a,
        kind=kind,
        text="Pertanyaan",
        options=options,
        **extra,
    )
    assert error.fields == problem


def test_a_question_changes_until_people_answer_it(manager_a, survey_open_a, survey_response_a):
    scale, choice, *_rest = questions(survey_open_a)
    services.question_update(
        actor=manager_a, question=scale, changes={"text": "Koleksi buku?", "required": False}
    )
    scale.refresh_from_db()
    assert (scale.text, scale.required) == ("Koleksi buku?", False)
    error = refused(
        services.question_update,
        actor=manager_a,
        question=choice,
        changes={"options": ["Setiap hari", "Jarang"]},
    )
    assert error.code == "answered"
    error = refused(
        services.question_update, actor=manager_a, question=scale, changes={"kind": "number"}
    )
    assert error.code == "answered"


def test_changing_a_questions_kind_drops_what_the_new_kind_has_no_use_for(manager_a, survey_a):
    choice = questions(survey_a)[1]
    services.question_update(actor=manager_a, question=choice, changes={"kind": "number"})
    choice.refresh_from_db()
    assert (choice.kind, choice.options) == ("number", [])


def test_reorder_and_remove_questions(manager_a, survey_a):
    first, second, *rest = questions(survey_a)
    services.question_reorder(
        actor=manager_a, survey=survey_a, order=[second.pk, first.pk, *[q.pk for q in rest]]
    )
    assert questions(survey_a)[:2] == [second, first]
    services.question_remove(actor=manager_a, question=first)
    assert first not in questions(survey_a)
    error = refused(services.question_reorder, actor=manager_a, survey=survey_a, order=[second.pk])
    assert error.fields == {"order": ["Give every question of the survey once."]}
    with pytest.raises(NotFound):
        services.question_remove(actor=manager_a, question=first)


# -- templates --------------------------------------------------------------------------


def test_the_skm_template_has_the_nine_elements_on_a_scale_of_four(manager_a, library_a):
    survey = services.survey_from_template(actor=manager_a, template="skm", library=library_a)
    assert (survey.kind, survey.status, survey.library) == ("skm", "draft", library_a)
    scales = [question for question in questions(survey) if question.kind == "likert4"]
    assert [question.code for question in scales] == list(policies.SKM_CODES)
    assert all(question.required and question.options == [] for question in scales)
    demographics = [question.code for question in questions(survey)[:4]]
    assert demographics == ["gender", "age_group", "education", "occupation"]
    assert not any(question.required for question in questions(survey)[:4])


def test_the_tgm_template_asks_the_five_measures_as_numbers(admin):
    survey = services.survey_from_template(
        actor=admin, template="tgm", title="TGM Kecamatan Tenggarong", language="en"
    )
    numbers = [question for question in questions(survey) if question.kind == "number"]
    assert [question.code for question in numbers] == ["FM", "DM", "JB", "FAI", "DAI"]
    assert survey.title == "TGM Kecamatan Tenggarong" and survey.library is None
    assert numbers[1].text == "On average, how many minutes a day do you read?"
    assert (numbers[1].min_value, numbers[1].max_value) == (Decimal(0), Decimal(1440))


def test_the_training_evaluation_template_for_another_app(admin):
    survey = services.survey_from_template(actor=admin, template="training_evaluation")
    assert survey.kind == Survey.Kind.TRAINING_EVALUATION
    kinds = [question.kind for question in questions(survey)]
    assert kinds[:5] == ["likert5"] * 5 and "long_text" in kinds


def test_an_unknown_template_or_language_is_refused(admin):
    error = refused(services.survey_from_template, actor=admin, template="iplm")
    assert error.fields == {"template": ["Choose one of the templates."]}
    error = refused(services.survey_from_template, actor=admin, template="skm", language="fr")
    assert error.fields == {"language": ["Choose one of the site's languages."]}


# -- opening and closing ------------------------------------------------------------------


def test_a_survey_opens_with_questions_and_closes(manager_a, library_a, survey_a):
    empty = services.survey_create(actor=manager_a, library=library_a, title="Kosong")
    assert refused(services.survey_open, actor=manager_a, survey=empty).code == "empty"
    services.survey_open(actor=manager_a, survey=survey_a)
    assert survey_a.status == "open" and survey_a.opened_at is not None
    services.survey_close(actor=manager_a, survey=survey_a)
    assert survey_a.status == "closed" and survey_a.closed_at is not None
    assert refused(services.survey_close, actor=manager_a, survey=survey_a).code == "not_open"
    services.survey_open(actor=manager_a, survey=survey_a)
    assert (survey_a.status, survey_a.closed_at) == ("open", None)


# -- answers ----------------------------------------------------------------------------


def test_an_anonymous_answer_keeps_every_answer_and_no_device_id(survey_open_a):
    response = services.response_submit(
        survey=survey_open_a,
        answers=answers_for(survey_open_a, q6="Tambah buku anak."),
        device="phone-7",
    )
    assert response.source == "online"
    key = policies.person_key(django_settings.SECRET_KEY, survey_open_a.pk, "phone-7")
    assert response.person_key == key
    rows = Answer.objects.filter(response=response).order_by("question__position", "choice")
    assert [(row.number, row.choice, row.text) for row in rows] == [
        (Decimal("4.00"), None, ""),
        (None, 0, ""),
        (None, 0, ""),
        (None, 2, ""),
        (Decimal("3.00"), None, ""),
        (None, None, "Rebaq Rinding"),
        (None, None, "Tambah buku anak."),
    ]


def test_one_answer_per_phone(survey_open_a, survey_response_a):
    error = refused(
        services.response_submit,
        survey=survey_open_a,
        answers=answers_for(survey_open_a),
        device="phone-1",
    )
    assert (error.code, str(error.message)) == (
        "answered",
        "You have answered this survey already. Thank you!",
    )
    services.response_submit(
        survey=survey_open_a, answers=answers_for(survey_open_a), device="phone-2"
    )
    assert Response.objects.filter(survey=survey_open_a).count() == 2


def test_without_the_rule_a_phone_may_answer_again(manager_a, survey_open_a, survey_response_a):
    services.survey_update(actor=manager_a, survey=survey_open_a, changes={"one_per_person": False})
    again = services.response_submit(
        survey=survey_open_a, answers=answers_for(survey_open_a), device="phone-1"
    )
    assert again.person_key == ""


def test_missing_and_bad_answers_are_refused_next_to_their_question(survey_open_a):
    scale, choice, several, number, *_rest = questions(survey_open_a)
    answers = answers_for(survey_open_a, q1="", q2="7", q3=["1", "9"], q4="-1")
    error = refused(services.response_submit, survey=survey_open_a, answers=answers, device="p")
    assert str(error.message) == "Some answers need your attention."
    assert error.fields == {
        str(scale.pk): ["Please answer this question."],
        str(choice.pk): ["Choose one of the options."],
        str(several.pk): ["Choose among the options shown."],
        str(number.pk): ["Give a number from 0 to 100."],
    }
    assert not Response.objects.exists()


def test_an_answer_to_no_question_of_the_survey_is_refused(survey_open_a, survey_b):
    other = questions(survey_b)[0]
    answers = {**answers_for(survey_open_a), str(other.pk): "3"}
    error = refused(services.response_submit, survey=survey_open_a, answers=answers, device="p")
    assert error.fields == {str(other.pk): ["This survey has no such question."]}


def test_closed_and_draft_surveys_take_no_answers(manager_a, survey_a):
    answers = answers_for(survey_a)
    error = refused(services.response_submit, survey=survey_a, answers=answers, device="p")
    assert (error.code, str(error.message)) == (
        "closed",
        "This survey is closed: it takes no more answers.",
    )
    services.survey_open(actor=manager_a, survey=survey_a)
    services.survey_close(actor=manager_a, survey=survey_a)
    assert refused(services.response_submit, survey=survey_a, answers=answers).code == "closed"


def test_robots_and_floods_are_refused(survey_open_a):
    answers = answers_for(survey_open_a)
    error = refused(
        services.response_submit, survey=survey_open_a, answers=answers, honeypot="http://spam"
    )
    assert error.code == "honeypot"
    for number in range(policies.RESPONSE_LIMIT):
        services.response_submit(
            survey=survey_open_a, answers=answers, device=f"p{number}", client="one-address"
        )
    with pytest.raises(RateLimited):
        services.response_submit(
            survey=survey_open_a, answers=answers, device="late", client="one-address"
        )


def test_staff_type_in_paper_answers_without_the_phone_rule(volunteer_a, manager_b, survey_open_a):
    answers = answers_for(survey_open_a)
    first = services.response_submit(survey=survey_open_a, answers=answers, actor=volunteer_a)
    second = services.response_submit(survey=survey_open_a, answers=answers, actor=volunteer_a)
    assert (first.source, first.person_key, second.source) == ("staff", "", "staff")
    with pytest.raises(NotPermitted):
        services.response_submit(survey=survey_open_a, answers=answers, actor=manager_b)
