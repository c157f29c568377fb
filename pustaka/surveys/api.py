"""The surveys API: surveys and their questions (the builder), opening and
closing, answers typed in by staff (from paper forms), and the results with
the official index — through the same services as the pages. People answer
without an account on the public page, not here."""

import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.libraries.queries import libraries_for_user
from pustaka.surveys import index_data, queries, services
from pustaka.surveys.blueprints import BLUEPRINTS
from pustaka.surveys.models import Question, Response, Survey

router = Router(tags=["surveys"])

READ_ERRORS = frozenset({401, 403, 404})
WRITE_ERRORS = frozenset({401, 403, 404, 422})
TemplateCode = Literal[tuple(BLUEPRINTS)]


class QuestionOut(Schema):
    id: UUID
    position: int
    kind: Question.Kind
    text: str
    help_text: str
    required: bool
    options: list[str] = Field(description="Choices; for a scale, its labels (empty: standard).")
    min_value: Decimal | None
    max_value: Decimal | None
    code: str = Field(description="An SKM element, a TGM measure or a respondent's detail.")


class SurveyOut(Schema):
    id: UUID
    library: str | None = Field(description="The library's code; null: a district survey.")
    title: str
    intro: str
    kind: Survey.Kind
    status: Survey.Status
    one_per_person: bool
    token: str = Field(description="The link code: people answer at /survei/<token>/.")
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None

    @staticmethod
    def resolve_library(obj):
        return obj.library.code if obj.library_id else None


class SurveyDetailOut(SurveyOut):
    questions: list[QuestionOut]

    @staticmethod
    def resolve_questions(obj):
        return queries.questions_of(obj)


class SurveyIn(Schema):
    """A new blank survey (a draft). ``library`` is the caller's own library
    unless the district office names one; the office leaves it out for a
    district survey."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    intro: str = ""
    one_per_person: bool = True
    library: str | None = Field(None, description="A library code (district office only).")


class TemplateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    template: TemplateCode
    title: str | None = Field(None, max_length=200, description="Default: the template's.")
    language: Literal["id", "en"] | None = Field(None, description="Default: Indonesian.")
    library: str | None = Field(None, description="A library code (district office only).")


class SurveyPatchIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, min_length=1, max_length=200)
    intro: str | None = None
    one_per_person: bool | None = None


class QuestionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: Question.Kind
    text: str = Field(min_length=1, max_length=500)
    required: bool = True
    options: list[str] = []
    help_text: str = ""
    min_value: Decimal | None = None
    max_value: Decimal | None = None


class QuestionPatchIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: Question.Kind | None = None
    text: str | None = Field(None, min_length=1, max_length=500)
    required: bool | None = None
    options: list[str] | None = None
    help_text: str | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None


class OrderIn(Schema):
    model_config = ConfigDict(extra="forbid")

    order: list[UUID] = Field(description="Every question's id, in the new order.")


class ResponseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, str | int | float | list[str | int]] = Field(
        description=(
            "Question id -> answer: a scale point (1..4 or 1..5), an option's index "
            "(from 0; a list for several choices), a number or a text."
        )
    )


class ResponseOut(Schema):
    id: UUID
    submitted_at: datetime.datetime
    source: Response.Source


class OptionCountOut(Schema):
    label: str
    count: int
    percent: int


class QuestionResultOut(Schema):
    id: UUID
    text: str
    kind: Question.Kind
    code: str
    answered: int
    mean: Decimal | None
    options: list[OptionCountOut]


class SkmElementOut(Schema):
    code: str
    label: str = Field(description="U1..U9")
    name: str
    answers: int
    nrr: Decimal | None = Field(description="The mean answer (1–4), 4 decimals.")


class SkmOut(Schema):
    method: str
    ikm: Decimal | None = Field(description="1.00–4.00; null while an element has no answers.")
    unit: Decimal | None = Field(description="IKM x 25: 25–100.")
    grade: str | None = Field(description="A, B, C or D.")
    performance: str
    missing: list[str]
    elements: list[SkmElementOut]


class TgmMeasureOut(Schema):
    code: str
    name: str
    weight: Decimal
    answers: int
    mean: Decimal | None
    score: Decimal | None = Field(description="0–100")


class TgmOut(Schema):
    method: str
    value: Decimal | None
    category: str
    missing: list[str]
    measures: list[TgmMeasureOut]


class ResultsOut(Schema):
    responses: int
    first_at: datetime.datetime | None
    last_at: datetime.datetime | None
    questions: list[QuestionResultOut]
    skm: SkmOut | None
    tgm: TgmOut | None


@router.get("/surveys", response={200: list[SurveyOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def survey_list(request):
    """The caller's surveys (the office: every survey), newest first."""
    return queries.surveys_for_user(caller(request))


@router.post("/surveys", response={201: SurveyDetailOut, WRITE_ERRORS: ErrorOut})
def survey_create(request, payload: SurveyIn):
    """A blank survey, a draft; add its questions, then open it."""
    user = caller(request)
    survey = services.survey_create(
        actor=user,
        library=_library(user, payload.library),
        title=payload.title,
        intro=payload.intro,
        one_per_person=payload.one_per_person,
    )
    return Status(201, survey)


@router.post("/surveys/from-template", response={201: SurveyDetailOut, WRITE_ERRORS: ErrorOut})
def survey_from_template(request, payload: TemplateIn):
    """A draft survey made from a shipped template: ``skm``, ``tgm`` or ``training_evaluation``."""
    user = caller(request)
    survey = services.survey_from_template(
        actor=user,
        template=payload.template,
        library=_library(user, payload.library),
        title=payload.title,
        language=payload.language,
    )
    return Status(201, survey)


@router.get("/surveys/{id}", response={200: SurveyDetailOut, READ_ERRORS: ErrorOut})
def survey_detail(request, id: UUID):
    """A survey with its questions in their order."""
    return queries.survey_for_user(caller(request), id)


@router.patch("/surveys/{id}", response={200: SurveyDetailOut, WRITE_ERRORS: ErrorOut})
def survey_update(request, id: UUID, payload: SurveyPatchIn):
    user = caller(request)
    survey = queries.survey_for_user(user, id)
    changes = payload.model_dump(exclude_unset=True)
    services.survey_update(actor=user, survey=survey, changes=changes)
    return survey


@router.post("/surveys/{id}/open", response={200: SurveyDetailOut, WRITE_ERRORS: ErrorOut})
def survey_open(request, id: UUID):
    """Open the survey: its public link takes answers."""
    user = caller(request)
    return services.survey_open(actor=user, survey=queries.survey_for_user(user, id))


@router.post("/surveys/{id}/close", response={200: SurveyDetailOut, WRITE_ERRORS: ErrorOut})
def survey_close(request, id: UUID):
    """Close the survey: it takes no more answers."""
    user = caller(request)
    return services.survey_close(actor=user, survey=queries.survey_for_user(user, id))


@router.post("/surveys/{id}/questions", response={201: QuestionOut, WRITE_ERRORS: ErrorOut})
def question_add(request, id: UUID, payload: QuestionIn):
    """Add a question at the end."""
    user = caller(request)
    survey = queries.survey_for_user(user, id)
    question = services.question_add(actor=user, survey=survey, **payload.model_dump())
    return Status(201, question)


# Before "/questions/{question_id}", which would take "order" for an id.
@router.post(
    "/surveys/{id}/questions/order", response={200: SurveyDetailOut, WRITE_ERRORS: ErrorOut}
)
def question_reorder(request, id: UUID, payload: OrderIn):
    """Put the questions in a new order."""
    user = caller(request)
    survey = queries.survey_for_user(user, id)
    services.question_reorder(actor=user, survey=survey, order=payload.order)
    return survey


@router.patch(
    "/surveys/{id}/questions/{question_id}", response={200: QuestionOut, WRITE_ERRORS: ErrorOut}
)
def question_update(request, id: UUID, question_id: UUID, payload: QuestionPatchIn):
    """Change a question; its kind and options stay once it has answers."""
    user = caller(request)
    question = queries.question_of(queries.survey_for_user(user, id), question_id)
    changes = payload.model_dump(exclude_unset=True)
    services.question_update(actor=user, question=question, changes=changes)
    return question


@router.delete(
    "/surveys/{id}/questions/{question_id}", response={204: None, WRITE_ERRORS: ErrorOut}
)
def question_remove(request, id: UUID, question_id: UUID):
    """Take a question off the survey (its answers leave the results)."""
    user = caller(request)
    question = queries.question_of(queries.survey_for_user(user, id), question_id)
    services.question_remove(actor=user, question=question)
    return Status(204, None)


@router.post("/surveys/{id}/responses", response={201: ResponseOut, WRITE_ERRORS: ErrorOut})
def response_submit(request, id: UUID, payload: ResponseIn):
    """One person's answers, typed in by staff (e.g. from a paper form)."""
    user = caller(request)
    survey = queries.survey_for_user(user, id)
    response = services.response_submit(survey=survey, answers=payload.answers, actor=user)
    return Status(201, response)


@router.get("/surveys/{id}/results", response={200: ResultsOut, READ_ERRORS: ErrorOut})
def survey_results(request, id: UUID):
    """Counts per option, means, and the IKM (SKM) or TGM of the official surveys."""
    results = queries.survey_results(queries.survey_for_user(caller(request), id), texts=0)
    return {
        "responses": results.responses,
        "first_at": results.first_at,
        "last_at": results.last_at,
        "questions": [_question_result(result) for result in results.questions],
        "skm": index_data.skm_data(results.skm) if results.skm else None,
        "tgm": index_data.tgm_data(results.tgm) if results.tgm else None,
    }


def _question_result(result) -> dict:
    question = result.question
    return {
        "id": question.pk,
        "text": question.text,
        "kind": question.kind,
        "code": question.code,
        "answered": result.answered,
        "mean": result.mean,
        "options": [vars(option) for option in result.options],
    }


def _library(user, code: str | None):
    """The survey's library: the caller's own, or the one the office names
    (``None``: a district survey)."""
    if access_for(user).library_id is not None:
        own = user.staff_role.library
        if code is not None and code.strip().upper() != own.code:
            raise NotPermitted
        return own
    if code is None:
        return None
    library = libraries_for_user(user).filter(code=code.strip().upper()).first()
    if library is None:
        raise Invalid(
            fields={"library": [_("There is no library with code “%(code)s”.") % {"code": code}]}
        )
    return library
