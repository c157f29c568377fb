"""Pure checks of what staff and respondents send (no database): a survey's
and a question's fields as kept, and an answer to a question, each refusal
in words."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from pustaka.core.errors import Invalid
from pustaka.surveys import policies
from pustaka.surveys.policies import (
    LIKERT4,
    LIKERT5,
    LONG_TEXT,
    MULTIPLE,
    NUMBER,
    SCALE_POINTS,
    SHORT_TEXT,
    SINGLE,
)

KINDS = (LIKERT4, LIKERT5, SINGLE, MULTIPLE, NUMBER, SHORT_TEXT, LONG_TEXT)


# -- a survey's and a question's fields -------------------------------------------------


def survey_fields_clean(fields: dict) -> dict:
    """A survey's title (spaces collapsed, required) and introduction (trimmed)."""
    fields = dict(fields)
    problems = {}
    if "title" in fields:
        fields["title"] = " ".join((fields["title"] or "").split())
        if not fields["title"]:
            problems["title"] = [_("Give the survey a title.")]
        elif len(fields["title"]) > policies.TITLE_MAX:
            problems["title"] = [_too_long(policies.TITLE_MAX)]
    if "intro" in fields:
        fields["intro"] = (fields["intro"] or "").strip()
        if len(fields["intro"]) > policies.INTRO_MAX:
            problems["intro"] = [_too_long(policies.INTRO_MAX)]
    if problems:
        raise Invalid(fields=problems)
    return fields


def _too_long(limit: int) -> str:
    return _("Keep it under %(count)s characters.") % {"count": limit}


def question_fields_clean(fields: dict) -> dict:
    """A question's fields as kept: trimmed texts, options that fit its kind
    (none for kinds without), number bounds only on numbers."""
    fields = dict(fields)
    problems = {}
    if fields["kind"] not in KINDS:
        raise Invalid(fields={"kind": [_("Choose one of the kinds of question.")]})
    fields["text"] = " ".join((fields["text"] or "").split())
    fields["help_text"] = " ".join((fields["help_text"] or "").split())
    if not fields["text"]:
        problems["text"] = [_("Write the question.")]
    elif len(fields["text"]) > policies.QUESTION_MAX:
        problems["text"] = [_too_long(policies.QUESTION_MAX)]
    if len(fields["help_text"]) > policies.HINT_MAX:
        problems["help_text"] = [_too_long(policies.HINT_MAX)]
    fields["required"] = bool(fields["required"])
    fields["options"], option_problem = _options_clean(fields["kind"], fields["options"])
    if option_problem:
        problems["options"] = [option_problem]
    bounds_problem = _bounds_clean(fields)
    if bounds_problem:
        problems["max_value"] = [bounds_problem]
    if problems:
        raise Invalid(fields=problems)
    return fields


def _options_clean(kind: str, options) -> tuple[list[str], str]:
    """The options (trimmed, blank lines dropped) and what is wrong with them."""
    options = [" ".join(str(option).split()) for option in options or ()]
    options = [option for option in options if option]
    if kind in SCALE_POINTS:
        points = SCALE_POINTS[kind]
        if options and len(options) != points:
            message = _("Give a label for each of the %(points)s points, or none.")
            return options, message % {"points": points}
    elif kind in {SINGLE, MULTIPLE}:
        if len(options) < 2:
            return options, _("Give at least two options, one per line.")
        if len(options) > policies.OPTIONS_MAX:
            return options, _("Give at most %(count)s options.") % {"count": policies.OPTIONS_MAX}
        if len(set(options)) != len(options):
            return options, _("Give each option once.")
    else:
        return [], ""
    if any(len(option) > policies.OPTION_MAX for option in options):
        return options, _("Keep each option under %(count)s characters.") % {
            "count": policies.OPTION_MAX
        }
    return options, ""


def _bounds_clean(fields: dict) -> str:
    """Number questions keep their bounds (the smallest not above the largest);
    other kinds have none."""
    if fields["kind"] != NUMBER:
        fields["min_value"] = fields["max_value"] = None
        return ""
    try:
        low, high = (_bound(fields[name]) for name in ("min_value", "max_value"))
    except (InvalidOperation, ValueError):
        return _("Give the smallest and largest numbers as numbers, or leave them empty.")
    fields["min_value"], fields["max_value"] = low, high
    if low is not None and high is not None and low > high:
        return _("The largest number must not be smaller than the smallest.")
    return ""


def _bound(value) -> Decimal | None:
    if value is None or value == "":
        return None
    number = Decimal(str(value)).quantize(Decimal("0.01"))
    if not number.is_finite() or abs(number) >= 10**10:
        raise ValueError(value)
    return number


# -- answers ------------------------------------------------------------------------


class AnswerRefused(ValueError):
    """An answer a question cannot take; the message says why, in words."""


@dataclass(frozen=True)
class Parsed:
    """One question's answer as kept: a scale point or number, chosen option
    indexes, or a text. Empty when the person left the question out."""

    number: Decimal | None = None
    choices: tuple[int, ...] = ()
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.number is None and not self.choices and not self.text


def answer_parse(question, raw) -> Parsed:
    """``raw`` (a text, a number, or a list of them from a form's checkboxes)
    as an answer to ``question`` (anything with ``kind``, ``required``,
    ``options``, ``min_value``, ``max_value``); ``AnswerRefused`` when it
    cannot be one, or is missing and required."""
    values = [_plain(value) for value in _as_list(raw)]
    values = [value for value in values if value != ""]
    parsed = _PARSERS[question.kind](question, values) if values else Parsed()
    if parsed.empty and question.required:
        raise AnswerRefused(_("Please answer this question."))
    return parsed


def _as_list(raw) -> list:
    if raw is None:
        return []
    return list(raw) if isinstance(raw, list | tuple) else [raw]


def _plain(value) -> str:
    return str(value).strip()


def _one(values: list, message: str) -> str:
    if len(values) != 1:
        raise AnswerRefused(message)
    return values[0]


def _index(value: str, count: int, message: str) -> int:
    try:
        index = int(value)
    except ValueError as error:
        raise AnswerRefused(message) from error
    if not 0 <= index < count:
        raise AnswerRefused(message)
    return index


def _scale(question, values) -> Parsed:
    points = SCALE_POINTS[question.kind]
    message = _("Choose one point of the scale, from 1 to %(points)s.") % {"points": points}
    point = _index(_one(values, message), points + 1, message)
    if point < 1:
        raise AnswerRefused(message)
    return Parsed(number=Decimal(point))


def _single(question, values) -> Parsed:
    message = _("Choose one of the options.")
    return Parsed(choices=(_index(_one(values, message), len(question.options), message),))


def _multiple(question, values) -> Parsed:
    message = _("Choose among the options shown.")
    chosen = {_index(value, len(question.options), message) for value in values}
    return Parsed(choices=tuple(sorted(chosen)))


def _number(question, values) -> Parsed:
    message = _("Give a number, such as 12 or 2,5.")
    text = _one(values, message).replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise AnswerRefused(message) from error
    if not number.is_finite() or abs(number) >= 10**10:
        raise AnswerRefused(message)
    _check_bounds(number, question.min_value, question.max_value)
    return Parsed(number=number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _check_bounds(number: Decimal, low, high) -> None:
    bounds = {"min": _shown(low), "max": _shown(high)}
    outside = (low is not None and number < low) or (high is not None and number > high)
    if not outside:
        return
    if low is not None and high is not None:
        raise AnswerRefused(_("Give a number from %(min)s to %(max)s.") % bounds)
    if low is not None:
        raise AnswerRefused(_("Give a number of at least %(min)s.") % bounds)
    raise AnswerRefused(_("Give a number of at most %(max)s.") % bounds)


def _shown(number) -> str:
    """A bound as people write it: 2,5 and 10 rather than 2.50 and 10.00."""
    if number is None:
        return ""
    text = f"{Decimal(number).normalize():f}"
    return text.replace(".", ",")


def _text(limit: int):
    def parse(question, values) -> Parsed:
        text = "\n".join(values)
        if len(text) > limit:
            raise AnswerRefused(
                _("Keep your answer under %(count)s characters.") % {"count": limit}
            )
        return Parsed(text=text)

    return parse


_PARSERS = {
    LIKERT4: _scale,
    LIKERT5: _scale,
    SINGLE: _single,
    MULTIPLE: _multiple,
    NUMBER: _number,
    SHORT_TEXT: _text(policies.SHORT_TEXT_MAX),
    LONG_TEXT: _text(policies.LONG_TEXT_MAX),
}
