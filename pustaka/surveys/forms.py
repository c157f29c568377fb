"""Forms of the survey pages: a survey's details, a survey from a template
and a question (staff), and the public answering form's fields, drawn by
hand so that scales and choices are fieldsets with their question as legend."""

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pustaka.surveys import policies
from pustaka.surveys.blueprints import BLUEPRINTS
from pustaka.surveys.models import Question


def _library_field(libraries) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Library"), queryset=libraries, required=False, empty_label=_("The whole district")
    )


class SurveyForm(forms.Form):
    """A survey's title, introduction and the one-answer rule; the office
    also chooses the library of a new survey."""

    title = forms.CharField(label=_("Title"), max_length=policies.TITLE_MAX)
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=policies.INTRO_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown above the questions: what the survey is for, how long it takes."),
    )
    one_per_person = forms.BooleanField(
        label=_("One answer per person"),
        required=False,
        help_text=_(
            "A phone that has answered cannot answer again. Turn it off for a survey "
            "answered on the library's own tablet."
        ),
    )

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if libraries is not None:
            self.fields["library"] = _library_field(libraries)
            self.order_fields(["library"])


class TemplateForm(forms.Form):
    """A new survey from one of the shipped templates."""

    template = forms.ChoiceField(label=_("Template"), choices=())
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=policies.TITLE_MAX,
        help_text=_("Leave empty for the template's title."),
    )
    language = forms.ChoiceField(label=_("Language of the questions"), choices=settings.LANGUAGES)

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            (code, blueprint.name) for code, blueprint in BLUEPRINTS.items()
        ]
        self.fields["language"].initial = settings.LANGUAGE_CODE
        if libraries is not None:
            self.fields["library"] = _library_field(libraries)
            self.order_fields(["library"])


class QuestionForm(forms.Form):
    """A question of the builder; options one per line."""

    text = forms.CharField(label=_("Question"), max_length=policies.QUESTION_MAX)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=Question.Kind.choices)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line. For one or several choices: the options. For a scale: the "
            "label of each point from lowest to highest, or nothing for the usual labels."
        ),
    )
    help_text = forms.CharField(label=_("Hint"), required=False, max_length=policies.HINT_MAX)
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    min_value = forms.DecimalField(
        label=_("Smallest number"), required=False, max_digits=12, decimal_places=2
    )
    max_value = forms.DecimalField(
        label=_("Largest number"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("For a number: the range an answer must be in (optional)."),
    )

    def __init__(self, *args, fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed:
            # People answered: the kind and options stay as they are.
            del self.fields["kind"]
            del self.fields["options"]

    @staticmethod
    def initial_of(question: Question) -> dict:
        return {
            "text": question.text,
            "kind": question.kind,
            "options": "\n".join(question.options),
            "help_text": question.help_text,
            "required": question.required,
            "min_value": question.min_value,
            "max_value": question.max_value,
        }

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        if "options" in data:
            data["options"] = data["options"].splitlines()
        return data


# -- the public answering form -------------------------------------------------


@dataclass
class Option:
    value: str
    label: str
    id: str
    checked: bool = False


@dataclass
class AnswerField:
    """One question as the answering page draws it."""

    question: Question
    number: int
    value: str = ""
    errors: list = field(default_factory=list)
    options: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"q-{self.question.pk}"

    @property
    def input_id(self) -> str:
        return f"id_{self.name}"

    @property
    def input_type(self) -> str:
        """radio, checkbox, number, text or textarea."""
        kind = self.question.kind
        if self.question.is_scale or kind == Question.Kind.SINGLE:
            return "radio"
        return {
            Question.Kind.MULTIPLE: "checkbox",
            Question.Kind.NUMBER: "number",
            Question.Kind.LONG_TEXT: "textarea",
        }.get(kind, "text")

    @property
    def grouped(self) -> bool:
        return self.input_type in {"radio", "checkbox"}

    @property
    def described_by(self) -> str:
        ids = [f"{self.name}-help"] if self.question.help_text else []
        ids += [f"{self.name}-error"] if self.errors else []
        return " ".join(ids)

    @property
    def max_length(self) -> int:
        if self.question.kind == Question.Kind.LONG_TEXT:
            return policies.LONG_TEXT_MAX
        return policies.SHORT_TEXT_MAX


def answer_fields(questions: list[Question], data=None, errors=None) -> list[AnswerField]:
    """The answering form's questions with what was sent (``data``, a
    QueryDict) and the refusals by question id (``errors``)."""
    errors = errors or {}
    fields = []
    for number, question in enumerate(questions, start=1):
        answer = AnswerField(question, number, errors=errors.get(str(question.pk), []))
        chosen = set(data.getlist(answer.name)) if data is not None else set()
        if answer.grouped:
            answer.options = _options(answer, chosen)
        elif data is not None:
            answer.value = data.get(answer.name, "")
        fields.append(answer)
    return fields


def _options(answer: AnswerField, chosen: set) -> list[Option]:
    question = answer.question
    if question.is_scale:
        labels = policies.scale_labels(question.kind, question.options)
        values = [str(point) for point in range(1, len(labels) + 1)]
        labels = [f"{point} · {label}" for point, label in zip(values, labels, strict=True)]
    else:
        labels = question.options
        values = [str(index) for index in range(len(labels))]
    return [
        Option(value, label, f"{answer.input_id}-{value}", value in chosen)
        for value, label in zip(values, labels, strict=True)
    ]


def answers_from_post(questions: list[Question], data) -> dict:
    """The sent answers by question id, as ``services.response_submit`` takes them."""
    answers = {}
    for question in questions:
        name = f"q-{question.pk}"
        if question.kind == Question.Kind.MULTIPLE:
            answers[str(question.pk)] = data.getlist(name)
        else:
            answers[str(question.pk)] = data.get(name, "")
    return answers
