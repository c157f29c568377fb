"""The survey templates Pustaka ships (called blueprints in code, so as not to
be confused with the page templates): the evaluation of a training, the
official community satisfaction survey (SKM, PermenPANRB 14/2017: nine
elements on a scale of 4) and the reading-interest survey (TGM, its five
measures). ``services.survey_from_template`` turns one into a real survey,
in Indonesian unless another language is asked for; staff may then change
it like any survey."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from pustaka.surveys.models import Question, Survey
from pustaka.surveys.policies import SKM_CODES

K = Question.Kind


@dataclass(frozen=True)
class QuestionBlueprint:
    kind: str
    text: str
    code: str = ""
    required: bool = True
    options: tuple = ()
    help_text: str = ""
    min_value: Decimal | None = None
    max_value: Decimal | None = None


@dataclass(frozen=True)
class Blueprint:
    code: str
    kind: str
    name: str
    title: str
    intro: str
    questions: tuple[QuestionBlueprint, ...] = field(default_factory=tuple)
    one_per_person: bool = True


GENDER = QuestionBlueprint(
    K.SINGLE, _("You are"), code="gender", required=False, options=(_("Male"), _("Female"))
)
AGE_GROUP = QuestionBlueprint(
    K.SINGLE,
    _("Your age"),
    code="age_group",
    required=False,
    options=(
        _("6–12 years"),
        _("13–18 years"),
        _("19–35 years"),
        _("36–59 years"),
        _("60 years or older"),
    ),
)
EDUCATION = QuestionBlueprint(
    K.SINGLE,
    _("Your highest education"),
    code="education",
    required=False,
    options=(
        _("None or primary school (SD)"),
        _("Junior secondary school (SMP)"),
        _("Senior secondary school (SMA/SMK)"),
        _("Diploma (D1–D4)"),
        _("Bachelor's degree (S1)"),
        _("Master's degree or doctorate (S2/S3)"),
    ),
)
OCCUPATION = QuestionBlueprint(
    K.SINGLE,
    _("Your main occupation"),
    code="occupation",
    required=False,
    options=(
        _("Pupil or student"),
        _("Civil servant, army or police (PNS/TNI/POLRI)"),
        _("Private employee"),
        _("Entrepreneur or trader"),
        _("Farmer, fisher or labourer"),
        _("Looking after the home"),
        _("Other"),
    ),
)

# The nine SKM elements in the order of SKM_CODES (stored by name).
SKM_QUESTIONS = (
    # Translators: SKM U1, after PermenPANRB 14/2017: "Bagaimana pendapat Saudara tentang
    # kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"
    _("How suitable are the requirements for using the library's services?"),
    # Translators: SKM U2: "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan
    # di unit ini?"
    _("How easy are the library's procedures to follow?"),
    # Translators: SKM U3: "Bagaimana pendapat Saudara tentang kecepatan waktu dalam
    # memberikan pelayanan?"
    _("How quickly were you served?"),
    # Translators: SKM U4: "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam
    # pelayanan?"
    _("How fair are the costs or fees of the services?"),
    # Translators: SKM U5: "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan
    # antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?"
    _("How well does the service you received match the services the library announces?"),
    # Translators: SKM U6: "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas
    # dalam pelayanan?"
    _("How competent were the staff who served you?"),
    # Translators: SKM U7: "Bagaimana pendapat Saudara tentang perilaku petugas dalam
    # pelayanan terkait kesopanan dan keramahan?"
    _("How polite and friendly were the staff?"),
    # Translators: SKM U8: "Bagaimana pendapat Saudara tentang penanganan pengaduan, saran
    # dan masukan pengguna layanan?"
    _("How well are complaints, suggestions and feedback handled?"),
    # Translators: SKM U9: "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"
    _("How good are the library's facilities (rooms, seats, shelves, computers)?"),
)
SKM_HINTS = {"biaya": _("If the service is free, choose “Very good”.")}

SKM = Blueprint(
    code="skm",
    kind=Survey.Kind.SKM,
    name=_("Community satisfaction survey (SKM, 9 elements)"),
    title=_("Community satisfaction survey"),
    intro=_(
        "Help us improve the library's services: answer a few questions about your visit. "
        "It takes three minutes. Your answers are anonymous: do not write your name."
    ),
    questions=(
        GENDER,
        AGE_GROUP,
        EDUCATION,
        OCCUPATION,
        *(
            QuestionBlueprint(K.LIKERT4, text, code=code, help_text=SKM_HINTS.get(code, ""))
            for code, text in zip(SKM_CODES, SKM_QUESTIONS, strict=True)
        ),
        QuestionBlueprint(
            K.LONG_TEXT,
            _("Your suggestions for the library"),
            code="suggestions",
            required=False,
        ),
    ),
)

TGM = Blueprint(
    code="tgm",
    kind=Survey.Kind.TGM,
    name=_("Reading interest survey (TGM, 5 measures)"),
    title=_("Reading habits survey"),
    intro=_(
        "How much do people in our village read? Five short questions about your reading "
        "and internet use. Your answers are anonymous."
    ),
    questions=(
        GENDER,
        AGE_GROUP,
        QuestionBlueprint(
            K.NUMBER,
            _("How many times a week do you read (books, newspapers, magazines, on a phone)?"),
            code="FM",
            help_text=_("Write 0 if you do not read."),
            min_value=Decimal(0),
            max_value=Decimal(50),
        ),
        QuestionBlueprint(
            K.NUMBER,
            _("On average, how many minutes a day do you read?"),
            code="DM",
            min_value=Decimal(0),
            max_value=Decimal(1440),
        ),
        QuestionBlueprint(
            K.NUMBER,
            _("How many books have you read in the last three months?"),
            code="JB",
            min_value=Decimal(0),
            max_value=Decimal(200),
        ),
        QuestionBlueprint(
            K.NUMBER,
            _("How many times a week do you use the internet?"),
            code="FAI",
            help_text=_("Write 0 if you do not use it."),
            min_value=Decimal(0),
            max_value=Decimal(100),
        ),
        QuestionBlueprint(
            K.NUMBER,
            _("On average, how many minutes a day do you use the internet?"),
            code="DAI",
            min_value=Decimal(0),
            max_value=Decimal(1440),
        ),
    ),
)

TRAINING_EVALUATION = Blueprint(
    code="training_evaluation",
    kind=Survey.Kind.TRAINING_EVALUATION,
    name=_("Training evaluation"),
    title=_("Evaluation of the training"),
    intro=_("Tell the organisers what you thought of this training, to make the next one better."),
    questions=(
        QuestionBlueprint(
            K.LIKERT5, _("How useful was the training for your work?"), code="usefulness"
        ),
        QuestionBlueprint(
            K.LIKERT5, _("How relevant was the material to your library's needs?"), code="material"
        ),
        QuestionBlueprint(
            K.LIKERT5, _("How clearly did the speakers explain the material?"), code="speakers"
        ),
        QuestionBlueprint(
            K.LIKERT5,
            _("How well was the training organised (schedule, venue, meals)?"),
            code="organisation",
        ),
        QuestionBlueprint(
            K.LIKERT5,
            _("How confident are you now to apply what you learned?"),
            code="confidence",
        ),
        QuestionBlueprint(
            K.SHORT_TEXT, _("Which session was the most useful to you?"), required=False
        ),
        QuestionBlueprint(
            K.LONG_TEXT,
            _("What will you do first in your library after this training?"),
            required=False,
        ),
        QuestionBlueprint(K.LONG_TEXT, _("What should be improved?"), required=False),
    ),
)

BLUEPRINTS = {blueprint.code: blueprint for blueprint in (SKM, TGM, TRAINING_EVALUATION)}
