"""Every change to surveys: building one (blank or from a shipped template),
its questions and their order, opening and closing it, and the answers
people send from the public page (or staff type in from paper forms).

Who may do what: the office everywhere and alone for district surveys; a
library's managers and volunteers for their own library's surveys. Anyone
may answer an open survey, without an account."""

from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pustaka.core import abuse
from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import (
    insert_logged,
    insert_many_logged,
    refuse_unknown_fields,
    update_logged,
)
from pustaka.libraries.models import Library
from pustaka.surveys import checks, policies
from pustaka.surveys.blueprints import BLUEPRINTS
from pustaka.surveys.models import Answer, Question, Response, Survey

SURVEY_FIELDS = {"title", "intro", "one_per_person"}
QUESTION_FIELDS = {"kind", "text", "help_text", "required", "options", "min_value", "max_value"}
# What a question with answers may no longer change: its answers would mean something else.
FIXED_ONCE_ANSWERED = {"kind", "options"}


# -- surveys -------------------------------------------------------------------


@transaction.atomic
def survey_create(
    *,
    actor,
    library: Library | None,
    title: str,
    intro: str = "",
    one_per_person: bool = True,
) -> Survey:
    """A new survey of ``library`` (``None``: the whole district), a draft
    without questions."""
    _check_may_manage(actor, library.pk if library else None)
    fields = checks.survey_fields_clean({"title": title, "intro": intro})
    survey = Survey(
        library=library, token=policies.new_token(), one_per_person=one_per_person, **fields
    )
    return insert_logged(survey, actor=actor)


@transaction.atomic
def survey_update(*, actor, survey: Survey, changes: dict) -> list[str]:
    """Change a survey's title, introduction or the one-answer-per-person rule.
    Returns the changed fields."""
    _survey_for_change(actor, survey)
    refuse_unknown_fields(changes, SURVEY_FIELDS)
    changes = checks.survey_fields_clean(changes)
    return update_logged(survey, actor=actor, changes=changes, allowed=SURVEY_FIELDS)


@transaction.atomic
def survey_open(*, actor, survey: Survey) -> Survey:
    """Open a draft (or a closed survey again): its link takes answers."""
    _survey_for_change(actor, survey)
    if survey.status == Survey.Status.OPEN:
        raise Invalid(_("This survey is open already."), code="open")
    if not survey.questions.filter(deleted_at__isnull=True).exists():
        raise Invalid(_("Add at least one question before opening the survey."), code="empty")
    changes = {"status": Survey.Status.OPEN, "opened_at": timezone.now(), "closed_at": None}
    update_logged(survey, actor=actor, changes=changes, allowed=set(changes))
    return survey


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    """Close an open survey: its link says so and takes no more answers."""
    _survey_for_change(actor, survey)
    if survey.status != Survey.Status.OPEN:
        raise Invalid(_("Only an open survey can be closed."), code="not_open")
    changes = {"status": Survey.Status.CLOSED, "closed_at": timezone.now()}
    update_logged(survey, actor=actor, changes=changes, allowed=set(changes))
    return survey


@transaction.atomic
def survey_from_template(
    *,
    actor,
    template: str,
    library: Library | None = None,
    title: str | None = None,
    language: str | None = None,
) -> Survey:
    """A new draft survey made from the shipped template ``template`` (a code of
    ``blueprints.BLUEPRINTS``: ``skm``, ``tgm``, ``training_evaluation``), its
    texts in ``language`` (the site's default, Indonesian, unless named).
    Other apps make their surveys here, e.g. a training's evaluation."""
    blueprint = BLUEPRINTS.get(template)
    if blueprint is None:
        raise Invalid(fields={"template": [_("Choose one of the templates.")]})
    _check_may_manage(actor, library.pk if library else None)
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise Invalid(fields={"language": [_("Choose one of the site's languages.")]})
    with translation.override(language):
        fields = {"title": title or str(blueprint.title), "intro": str(blueprint.intro)}
        fields = checks.survey_fields_clean(fields)
        questions = [
            _question_from(blueprint_question) for blueprint_question in blueprint.questions
        ]
    survey = Survey(
        library=library,
        kind=blueprint.kind,
        token=policies.new_token(),
        one_per_person=blueprint.one_per_person,
        **fields,
    )
    insert_logged(survey, actor=actor)
    for position, question in enumerate(questions, start=1):
        question.survey, question.position = survey, position
        insert_logged(question, actor=actor)
    return survey


def _question_from(blueprint_question) -> Question:
    return Question(
        kind=blueprint_question.kind,
        text=str(blueprint_question.text),
        code=blueprint_question.code,
        required=blueprint_question.required,
        options=[str(option) for option in blueprint_question.options],
        help_text=str(blueprint_question.help_text),
        min_value=blueprint_question.min_value,
        max_value=blueprint_question.max_value,
    )


def _check_may_manage(actor, library_id) -> None:
    if not policies.may_manage(access_for(actor), library_id):
        raise NotPermitted


def _survey_for_change(actor, survey: Survey) -> None:
    if survey.deleted_at is not None:
        raise NotFound
    _check_may_manage(actor, survey.library_id)


# -- questions (the builder) ----------------------------------------------------


@transaction.atomic
def question_add(
    *,
    actor,
    survey: Survey,
    kind: str,
    text: str,
    required: bool = True,
    options=(),
    help_text: str = "",
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
) -> Question:
    """Add a question at the end of ``survey``."""
    _survey_for_change(actor, survey)
    live = survey.questions.filter(deleted_at__isnull=True)
    if live.count() >= policies.QUESTIONS_MAX:
        message = _("A survey has at most %(count)s questions.") % {"count": policies.QUESTIONS_MAX}
        raise Invalid(message, code="too_many")
    fields = checks.question_fields_clean(
        {
            "kind": kind,
            "text": text,
            "required": required,
            "options": options,
            "help_text": help_text,
            "min_value": min_value,
            "max_value": max_value,
        }
    )
    last = survey.questions.aggregate(last=Max("position"))["last"] or 0
    return insert_logged(Question(survey=survey, position=last + 1, **fields), actor=actor)


@transaction.atomic
def question_update(*, actor, question: Question, changes: dict) -> list[str]:
    """Change a question; its kind and options stay once it has answers.
    Returns the changed fields."""
    _question_for_change(actor, question)
    refuse_unknown_fields(changes, QUESTION_FIELDS)
    current = {name: getattr(question, name) for name in QUESTION_FIELDS}
    fields = checks.question_fields_clean({**current, **changes})
    changed = {name for name in QUESTION_FIELDS if fields[name] != current[name]}
    if changed & FIXED_ONCE_ANSWERED and question.answers.exists():
        raise Invalid(
            _(
                "People have answered this question: its kind and options can no longer "
                "change. Add a new question instead."
            ),
            code="answered",
        )
    return update_logged(question, actor=actor, changes=fields, allowed=QUESTION_FIELDS)


@transaction.atomic
def question_remove(*, actor, question: Question) -> None:
    """Take a question off its survey (its answers stay, out of the results)."""
    _question_for_change(actor, question)
    changes = {"deleted_at": timezone.now()}
    update_logged(question, actor=actor, changes=changes, allowed=set(changes))


@transaction.atomic
def question_reorder(*, actor, survey: Survey, order: list) -> None:
    """Put ``survey``'s questions in ``order`` (every question's id, once)."""
    _survey_for_change(actor, survey)
    questions = {str(question.pk): question for question in _live_questions(survey)}
    wanted = [str(question_id) for question_id in order]
    if sorted(wanted) != sorted(questions):
        raise Invalid(fields={"order": [_("Give every question of the survey once.")]})
    for position, question_id in enumerate(wanted, start=1):
        question = questions[question_id]
        update_logged(question, actor=actor, changes={"position": position}, allowed={"position"})


def _question_for_change(actor, question: Question) -> None:
    if question.deleted_at is not None:
        raise NotFound
    _survey_for_change(actor, question.survey)


def _live_questions(survey: Survey) -> list[Question]:
    return list(survey.questions.filter(deleted_at__isnull=True).order_by("position"))


# -- responses -------------------------------------------------------------------


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    answers: dict,
    actor=None,
    device: str = "",
    honeypot: str = "",
    client: str = "",
) -> Response:
    """One person's answers to an open survey: ``answers`` maps a question's id
    to its answer (a text, a number, or a list for several choices). Every
    answer is checked against its question and each refusal named with it.

    From the public page ``actor`` is None: the honeypot and a rate limit per
    ``client`` (see ``core.abuse``) keep robots out, and where the survey
    takes one answer per person ``device`` (the random id in the phone's
    cookie) must not have answered before. Staff (``actor``) type in answers
    given on paper; no such rule applies to them."""
    if actor is None:
        abuse.honeypot_check(honeypot)
    else:
        _check_may_manage(actor, survey.library_id)
    if survey.deleted_at is not None:
        raise NotFound
    if survey.status != Survey.Status.OPEN:
        raise Invalid(_("This survey is closed: it takes no more answers."), code="closed")
    parsed = _answers_parse(_live_questions(survey), answers)
    key = ""
    if actor is None:
        if survey.one_per_person:
            key = policies.person_key(settings.SECRET_KEY, survey.pk, device)
            _check_not_answered(survey, key)
        abuse.rate_limit(
            scope="surveys.response",
            client=client,
            limit=policies.RESPONSE_LIMIT,
            window=policies.RESPONSE_WINDOW,
        )
    response = _response_insert(survey, key, actor)
    rows = [
        Answer(response=response, question=question, **values)
        for question, answer in parsed
        for values in _answer_values(answer)
    ]
    insert_many_logged(rows, actor=actor)
    return response


def _answers_parse(questions: list[Question], answers: dict) -> list:
    """(question, parsed answer) of every answered question; ``Invalid`` naming
    each question (by id) whose answer is refused, or unknown."""
    given = {str(key): value for key, value in answers.items()}
    problems = {key: [_("This survey has no such question.")] for key in given}
    parsed = []
    for question in questions:
        problems.pop(str(question.pk), None)
        try:
            answer = checks.answer_parse(question, given.get(str(question.pk)))
        except checks.AnswerRefused as refusal:
            problems[str(question.pk)] = [str(refusal)]
            continue
        if not answer.empty:
            parsed.append((question, answer))
    if problems:
        raise Invalid(_("Some answers need your attention."), fields=problems)
    if not parsed:
        raise Invalid(_("Answer at least one question."), code="empty")
    return parsed


def _check_not_answered(survey: Survey, key: str) -> None:
    if not key:
        raise Invalid(
            _("Your browser did not keep this survey's cookie: allow cookies and try again."),
            code="no_cookie",
        )
    if Response.objects.filter(survey=survey, person_key=key).exists():
        raise Invalid(_("You have answered this survey already. Thank you!"), code="answered")


def _response_insert(survey: Survey, key: str, actor) -> Response:
    """The response row; the unique index refuses a second one of the same
    phone sent at the same moment."""
    source = Response.Source.ONLINE if actor is None else Response.Source.STAFF
    response = Response(survey=survey, submitted_at=timezone.now(), source=source, person_key=key)
    try:
        with transaction.atomic():
            return insert_logged(response, actor=actor, exclude={"person_key"})
    except IntegrityError as error:
        raise Invalid(
            _("You have answered this survey already. Thank you!"), code="answered"
        ) from error


def _answer_values(answer: checks.Parsed) -> list[dict]:
    """The rows of one answer: one per option chosen, else one."""
    if answer.choices:
        return [{"choice": choice} for choice in answer.choices]
    if answer.number is not None:
        return [{"number": answer.number}]
    return [{"text": answer.text}]
