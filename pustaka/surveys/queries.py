"""Reads of surveys: the staff's (their library's; the office every survey),
the public's (an open or closed survey by its link code), and the results —
counts per option, means, and the official indices — counted in SQL."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, Max, Min, Q, QuerySet, Sum
from django.http import Http404

from pustaka.core.permissions import scope_to_user
from pustaka.surveys import policies
from pustaka.surveys.models import Answer, Question, Response, Survey

TEXTS_SHOWN = 20


def surveys_for_user(user) -> QuerySet[Survey]:
    """The surveys ``user`` may see on the staff pages, newest first, with
    their number of responses."""
    surveys = scope_to_user(Survey.objects.filter(deleted_at__isnull=True), user)
    return (
        surveys.select_related("library")
        .annotate(response_count=Count("responses", filter=Q(responses__deleted_at__isnull=True)))
        .order_by("-created_at")
    )


def survey_for_user(user, survey_id) -> Survey:
    """One survey ``user`` may see; 404 for others, deleted and unknown ones."""
    surveys = scope_to_user(Survey.objects.filter(deleted_at__isnull=True), user)
    survey = surveys.select_related("library").filter(pk=survey_id).first()
    if survey is None:
        raise Http404
    return survey


def questions_of(survey: Survey) -> list[Question]:
    """The survey's questions in their order (removed ones left out)."""
    return list(survey.questions.filter(deleted_at__isnull=True).order_by("position"))


def question_of(survey: Survey, question_id) -> Question:
    question = survey.questions.filter(deleted_at__isnull=True, pk=question_id).first()
    if question is None:
        raise Http404
    question.survey = survey
    return question


def answered_questions(survey: Survey) -> set:
    """The ids of the survey's questions that have answers (their kind and
    options are fixed)."""
    answers = Answer.objects.filter(question__survey=survey, deleted_at__isnull=True)
    return set(answers.values_list("question_id", flat=True).distinct())


def survey_public(token: str) -> Survey:
    """The survey behind a public link: open or closed (a draft is not yet
    public), of the district or of an active library; else 404."""
    survey = (
        Survey.objects.filter(
            Q(library__isnull=True) | Q(library__is_active=True, library__deleted_at__isnull=True),
            token=token,
            deleted_at__isnull=True,
            status__in=[Survey.Status.OPEN, Survey.Status.CLOSED],
        )
        .select_related("library")
        .first()
    )
    if survey is None:
        raise Http404
    return survey


def survey_answered_by(survey: Survey, device: str) -> bool:
    """Whether the phone with the cookie id ``device`` has answered ``survey``
    (only surveys with one answer per person keep track)."""
    if not survey.one_per_person:
        return False
    key = policies.person_key(settings.SECRET_KEY, survey.pk, device)
    return bool(key) and Response.objects.filter(survey=survey, person_key=key).exists()


# -- results ----------------------------------------------------------------------


@dataclass
class OptionCount:
    label: str
    count: int
    percent: int


@dataclass
class QuestionResult:
    """One question's results: how many answered it, the mean (scales and
    numbers), the count of each option or scale point, the latest texts."""

    question: Question
    answered: int = 0
    mean: Decimal | None = None
    options: list[OptionCount] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    first_at: object
    last_at: object
    questions: list[QuestionResult]
    skm: policies.SkmIndex | None = None
    tgm: policies.TgmIndex | None = None


def survey_results(survey: Survey, *, texts: int | None = TEXTS_SHOWN) -> SurveyResults:
    """The results of ``survey`` as of now; ``texts``: how many of the latest
    text answers to give per question (``None``: all of them)."""
    answers = Answer.objects.filter(
        question__survey=survey, question__deleted_at__isnull=True, deleted_at__isnull=True
    )
    questions = questions_of(survey)
    results = {question.pk: QuestionResult(question) for question in questions}
    totals = _question_totals(answers, results)
    _option_counts(answers, results)
    _latest_texts(answers, results, texts)
    summary = survey.responses.filter(deleted_at__isnull=True).aggregate(
        count=Count("id"), first=Min("submitted_at"), last=Max("submitted_at")
    )
    return SurveyResults(
        survey=survey,
        responses=summary["count"],
        first_at=summary["first"],
        last_at=summary["last"],
        questions=list(results.values()),
        skm=_skm(questions, totals) if survey.kind == Survey.Kind.SKM else None,
        tgm=_tgm(answers) if survey.kind == Survey.Kind.TGM else None,
    )


def _question_totals(answers: QuerySet, results: dict) -> dict:
    """Per question: responses that answered it and the mean, in one query;
    returns the (sum, count) of each question's numbers."""
    rows = answers.values("question_id").annotate(
        answered=Count("response_id", distinct=True),
        mean=Avg("number"),
        total=Sum("number"),
        numbers=Count("number"),
    )
    totals = {}
    for row in rows:
        result = results[row["question_id"]]
        result.answered = row["answered"]
        if row["mean"] is not None:
            result.mean = Decimal(str(row["mean"])).quantize(Decimal("0.01"))
        totals[row["question_id"]] = (row["total"] or 0, row["numbers"])
    return totals


def _option_counts(answers: QuerySet, results: dict) -> None:
    """Counts of each option and scale point, every one shown (also at 0)."""
    counted = defaultdict(int)
    rows = answers.filter(
        question__kind__in=[*policies.SCALE_POINTS, Question.Kind.SINGLE, Question.Kind.MULTIPLE]
    ).values("question_id", "choice", "number")
    for row in rows.annotate(count=Count("id")).order_by():
        index = row["choice"] if row["choice"] is not None else int(row["number"]) - 1
        counted[row["question_id"], index] += row["count"]
    for result in results.values():
        question = result.question
        if question.is_scale:
            labels = policies.scale_labels(question.kind, question.options)
            labels = [f"{point} · {label}" for point, label in enumerate(labels, start=1)]
        elif question.has_options:
            labels = question.options
        else:
            continue
        result.options = [
            OptionCount(label, count, _percent(count, result.answered))
            for index, label in enumerate(labels)
            for count in [counted[question.pk, index]]
        ]


def _percent(count: int, of: int) -> int:
    return round(100 * count / of) if of else 0


def _latest_texts(answers: QuerySet, results: dict, limit: int | None) -> None:
    if limit == 0:
        return
    rows = (
        answers.filter(question__kind__in=[Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT])
        .exclude(text="")
        .order_by("-response__submitted_at")
        .values_list("question_id", "text")
    )
    for question_id, text in rows:
        texts = results[question_id].texts
        if limit is None or len(texts) < limit:
            texts.append(text)


def _skm(questions: list[Question], totals: dict) -> policies.SkmIndex:
    """The IKM from the scale-of-4 questions coded with an SKM element."""
    by_element = {
        question.code: totals.get(question.pk, (0, 0))
        for question in questions
        if question.code in policies.SKM_CODES and question.kind == Question.Kind.LIKERT4
    }
    return policies.skm_index(by_element)


def _tgm(answers: QuerySet) -> policies.TgmIndex:
    """The TGM from the number questions coded with a TGM measure."""
    rows = answers.filter(
        question__code__in=policies.TGM_CODES,
        question__kind=Question.Kind.NUMBER,
        number__isnull=False,
    ).values_list("question__code", "number")
    values = defaultdict(list)
    for code, number in rows:
        values[code].append(number)
    return policies.tgm_index(values)


def responses_table(survey: Survey, questions: list[Question]) -> list[tuple]:
    """Every response as (submitted at, source, {question id: [answers]}),
    oldest first: what the Excel export lists row by row."""
    answers = defaultdict(lambda: defaultdict(list))
    rows = Answer.objects.filter(response__survey=survey, deleted_at__isnull=True).values_list(
        "response_id", "question_id", "number", "choice", "text"
    )
    for response_id, question_id, number, choice, text in rows.order_by("choice"):
        value = choice if choice is not None else number if number is not None else text
        answers[response_id][question_id].append(value)
    responses = survey.responses.filter(deleted_at__isnull=True).order_by("submitted_at")
    return [
        (response.submitted_at, response.get_source_display(), answers[response.pk])
        for response in responses
    ]
