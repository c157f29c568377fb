"""Demo surveys: the community satisfaction survey (SKM) of two village
libraries with about thirty answers each (one still open, one closed), and
a reading-interest survey (TGM) with answers. Made from the shipped
templates and answered through the same services as the public page;
loaded once (a district with SKM or TGM surveys keeps its own)."""

import random
from functools import partial

from django.contrib.auth import get_user_model

from pustaka.libraries.models import Library
from pustaka.surveys import queries, services
from pustaka.surveys.models import Question, Survey

DEMO_SEED = 2026
# library code, manager, respondents, chances of answering 1..4 to most
# elements, whether the survey is closed at the end
SKM_SURVEYS = [
    ("DS01", "pengelola", 32, (2, 10, 45, 43), False),
    ("DS02", "pengelola2", 28, (5, 18, 52, 25), True),
]
# Elements people judge apart from the rest: the service is free; the rooms are small.
SKM_ELEMENT_CHANCES = {"biaya": (0, 3, 30, 67), "sarana": (8, 30, 45, 17)}
SUGGESTIONS = [
    "Tambah buku cerita anak dan buku pertanian.",
    "Mohon jam buka sampai sore hari.",
    "Wifi sering mati, tolong diperbaiki.",
    "Petugas ramah, terima kasih.",
    "Perlu kipas angin di ruang baca.",
    "",
    "",
    "",
]
TGM_LIBRARY, TGM_MANAGER, TGM_RESPONDENTS = "DS01", "pengelola", 24


def demo_load() -> dict:
    """Make and answer the demo surveys once."""
    accounts = {user.username: user for user in get_user_model().objects.all()}
    libraries = {library.code: library for library in Library.objects.all()}
    made = Survey.objects.filter(kind__in=[Survey.Kind.SKM, Survey.Kind.TGM]).exists()
    if made or "admin" not in accounts:
        return {"surveys": 0, "survey responses": 0}
    rng = random.Random(DEMO_SEED)
    surveys = responses = 0
    for code, manager, count, chances, close in SKM_SURVEYS:
        if code not in libraries:
            continue
        actor = accounts.get(manager, accounts["admin"])
        survey = _opened(actor, "skm", libraries[code])
        responses += _answer(survey, count, partial(_skm_answer, chances=chances, rng=rng))
        if close:
            services.survey_close(actor=actor, survey=survey)
        surveys += 1
    if TGM_LIBRARY in libraries:
        actor = accounts.get(TGM_MANAGER, accounts["admin"])
        survey = _opened(actor, "tgm", libraries[TGM_LIBRARY])
        responses += _answer(survey, TGM_RESPONDENTS, partial(_tgm_answer, rng=rng))
        surveys += 1
    return {"surveys": surveys, "survey responses": responses}


def _opened(actor, template: str, library: Library) -> Survey:
    survey = services.survey_from_template(
        actor=actor, template=template, library=library, language="id"
    )
    return services.survey_open(actor=actor, survey=survey)


def _answer(survey: Survey, count: int, answer_of) -> int:
    """``count`` people answer ``survey`` from their own phones."""
    questions = queries.questions_of(survey)
    for person in range(count):
        answers = {str(question.pk): answer_of(question) for question in questions}
        services.response_submit(
            survey=survey,
            answers=answers,
            device=f"demo-{survey.pk}-{person}",
            client=f"demo-{survey.pk}-{person}",
        )
    return count


def _demographic(question: Question, rng) -> str:
    """An option's index, or nothing (a fifth of people skip these questions)."""
    if rng.random() < 0.2:
        return ""
    return str(rng.randrange(len(question.options)))


def _skm_answer(question: Question, chances, rng):
    if question.kind == Question.Kind.SINGLE:
        return _demographic(question, rng)
    if question.kind == Question.Kind.LONG_TEXT:
        return rng.choice(SUGGESTIONS)
    weights = SKM_ELEMENT_CHANCES.get(question.code, chances)
    return str(rng.choices([1, 2, 3, 4], weights=weights)[0])


# measure code -> (lowest, highest) answer
TGM_RANGES = {"FM": (0, 7), "DM": (0, 120), "JB": (0, 6), "FAI": (0, 14), "DAI": (0, 180)}


def _tgm_answer(question: Question, rng):
    if question.kind == Question.Kind.SINGLE:
        return _demographic(question, rng)
    low, high = TGM_RANGES[question.code]
    return str(rng.randint(low, high))
