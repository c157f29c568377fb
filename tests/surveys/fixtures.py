"""Surveys of the two test libraries, built through the real services."""

import pytest

from pustaka.surveys import services


def build_survey(actor, library, title="Layanan perpustakaan"):
    """A draft survey with a question of every kind (the last two optional)."""
    survey = services.survey_create(actor=actor, library=library, title=title)
    add = services.question_add
    add(actor=actor, survey=survey, kind="likert5", text="Bagaimana koleksi buku kami?")
    add(
        actor=actor,
        survey=survey,
        kind="single",
        text="Seberapa sering Anda datang?",
        options=["Setiap minggu", "Setiap bulan", "Jarang"],
    )
    add(
        actor=actor,
        survey=survey,
        kind="multiple",
        text="Layanan apa yang Anda pakai?",
        options=["Pinjam buku", "Internet", "Kegiatan"],
    )
    add(
        actor=actor,
        survey=survey,
        kind="number",
        text="Berapa buku yang Anda baca bulan ini?",
        min_value=0,
        max_value=100,
    )
    add(actor=actor, survey=survey, kind="short_text", text="Desa Anda?", required=False)
    add(actor=actor, survey=survey, kind="long_text", text="Saran Anda", required=False)
    return survey


@pytest.fixture
def survey_a(manager_a, library_a):
    """A draft survey of library A with six questions."""
    return build_survey(manager_a, library_a)


@pytest.fixture
def survey_open_a(manager_a, survey_a):
    """``survey_a``, open for answers."""
    return services.survey_open(actor=manager_a, survey=survey_a)


@pytest.fixture
def survey_b(manager_b, library_b):
    """An open survey of library B."""
    survey = build_survey(manager_b, library_b, title="Survei perpustakaan B")
    return services.survey_open(actor=manager_b, survey=survey)


def answers_for(survey, **overrides):
    """A complete, valid set of answers to a survey made by ``build_survey``,
    by position: ``overrides`` maps a question's position (``q1``..) to a value."""
    values = {
        "q1": "4",
        "q2": "0",
        "q3": ["0", "2"],
        "q4": "3",
        "q5": "Rebaq Rinding",
        "q6": "",
    }
    values.update(overrides)
    questions = survey.questions.filter(deleted_at__isnull=True).order_by("position")
    return {str(question.pk): values[f"q{question.position}"] for question in questions}


@pytest.fixture
def survey_response_a(survey_open_a):
    """One person's answers to ``survey_open_a``."""
    return services.response_submit(
        survey=survey_open_a, answers=answers_for(survey_open_a), device="phone-1", client="c1"
    )
