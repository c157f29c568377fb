"""Change-log cases for the survey services (collected by tests/core/test_change_log.py)."""

from pustaka.surveys import services
from pustaka.surveys.models import Answer, Question
from tests.change_log import Expected
from tests.surveys.fixtures import answers_for


def _survey(survey, operation, **fields):
    return Expected("surveys.survey", str(survey.pk), operation, fields)


def _question(question, operation, **fields):
    return Expected("surveys.question", str(question.pk), operation, fields)


def _questions(survey):
    return list(survey.questions.filter(deleted_at__isnull=True).order_by("position"))


def case_survey_create(manager_a, library_a):
    survey = services.survey_create(actor=manager_a, library=library_a, title="Survei pengunjung")
    fields = {"title": "Survei pengunjung", "status": "draft", "library_id": str(library_a.pk)}
    return [_survey(survey, "create", **fields)]


def case_survey_update(manager_a, survey_a):
    services.survey_update(actor=manager_a, survey=survey_a, changes={"one_per_person": False})
    return [_survey(survey_a, "update", one_per_person=False)]


def case_survey_open(manager_a, survey_a):
    services.survey_open(actor=manager_a, survey=survey_a)
    return [_survey(survey_a, "update", status="open")]


def case_survey_close(manager_a, survey_open_a):
    services.survey_close(actor=manager_a, survey=survey_open_a)
    return [_survey(survey_open_a, "update", status="closed")]


def case_survey_from_template(admin):
    survey = services.survey_from_template(actor=admin, template="skm", language="en")
    first, *_rest, last = _questions(survey)
    return [
        _survey(survey, "create", kind="skm", library_id=None),
        _question(first, "create", code="gender", position=1),
        _question(last, "create", code="suggestions", kind="long_text"),
    ]


def case_question_add(volunteer_a, survey_a):
    question = services.question_add(
        actor=volunteer_a, survey=survey_a, kind="likert4", text="Bagaimana ruang baca?"
    )
    return [_question(question, "create", kind="likert4", position=7)]


def case_question_update(manager_a, survey_a):
    question = _questions(survey_a)[0]
    services.question_update(
        actor=manager_a, question=question, changes={"text": "Bagaimana koleksi anak?"}
    )
    return [_question(question, "update", text="Bagaimana koleksi anak?")]


def case_question_remove(manager_a, survey_a):
    question = _questions(survey_a)[-1]
    services.question_remove(actor=manager_a, question=question)
    question.refresh_from_db()
    return [_question(question, "update", deleted_at=question.deleted_at.isoformat())]


def case_question_reorder(manager_a, survey_a):
    first, second, *rest = _questions(survey_a)
    order = [second.pk, first.pk, *[question.pk for question in rest]]
    services.question_reorder(actor=manager_a, survey=survey_a, order=order)
    return [_question(second, "update", position=1), _question(first, "update", position=2)]


def case_response_submit(survey_open_a):
    response = services.response_submit(
        survey=survey_open_a, answers=answers_for(survey_open_a), device="phone-9"
    )
    scale = Question.objects.get(survey=survey_open_a, position=1)
    answer = Answer.objects.get(response=response, question=scale)
    return [
        Expected(
            "surveys.response", str(response.pk), "create", {"survey_id": str(survey_open_a.pk)}
        ),
        Expected("surveys.answer", str(answer.pk), "create", {"number": "4"}),
    ]


CASES = {
    f"pustaka.surveys.services.{case.__name__.removeprefix('case_')}": case
    for case in [
        case_survey_create,
        case_survey_update,
        case_survey_open,
        case_survey_close,
        case_survey_from_template,
        case_question_add,
        case_question_update,
        case_question_remove,
        case_question_reorder,
        case_response_submit,
    ]
}
