"""Pure rules of surveys (no database): who may build a survey, how large
its parts may be, how a phone is recognised without knowing who holds it, and
the official formulas read from the answers — the community satisfaction
index (SKM/IKM, PermenPANRB 14/2017) and reading interest (TGM). The
monitoring reports reuse the formulas."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from django.utils.translation import gettext_lazy

from pustaka.core.permissions import Access

# Sizes.
TITLE_MAX = 200
INTRO_MAX = 5_000
QUESTION_MAX = 500
HINT_MAX = 300
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 2_000
OPTIONS_MAX = 30
OPTION_MAX = 200
QUESTIONS_MAX = 100

# At most RESPONSE_LIMIT answered surveys from one address in RESPONSE_WINDOW
# seconds: generous, because a whole village may share one address (the
# library's wifi, a carrier's NAT) at a survey session.
RESPONSE_LIMIT = 60
RESPONSE_WINDOW = 10 * 60

TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TOKEN_LENGTH = 10

LIKERT4, LIKERT5 = "likert4", "likert5"
SCALE_POINTS = {LIKERT4: 4, LIKERT5: 5}
SINGLE, MULTIPLE, NUMBER = "single", "multiple", "number"
SHORT_TEXT, LONG_TEXT = "short_text", "long_text"


def may_manage(access: Access, library_id) -> bool:
    """Build, open, close and type in answers: the office anywhere (alone for
    district surveys, ``library_id`` None), a library's managers and volunteers
    for their own library's surveys."""
    if library_id is None:
        return access.is_district_admin
    return access.can_manage_items(library_id)


def new_token() -> str:
    """A survey's link code: short enough to type from a poster, no 0/o or 1/l."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _index in range(TOKEN_LENGTH))


def person_key(secret: str, survey_id, device: str) -> str:
    """What a survey keeps to know a phone has answered: a keyed hash of the
    random id in the phone's cookie and the survey, so one phone's answers to
    two surveys cannot be linked. Empty when the phone sent no id."""
    if not device:
        return ""
    message = f"{survey_id}:{device}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


# -- scales ------------------------------------------------------------------

# The labels of a scale when a question gives none: the 4 points are the SKM's
# (1 tidak baik, 2 kurang baik, 3 baik, 4 sangat baik).
SCALE_LABELS = {
    LIKERT4: (
        gettext_lazy("Not good"),
        gettext_lazy("Less than good"),
        gettext_lazy("Good"),
        gettext_lazy("Very good"),
    ),
    LIKERT5: (
        gettext_lazy("Very poor"),
        gettext_lazy("Poor"),
        gettext_lazy("Fair"),
        gettext_lazy("Good"),
        gettext_lazy("Very good"),
    ),
}


def scale_labels(kind: str, options) -> list[str]:
    """The labels of a scale's points, lowest first: the question's own, or the standard ones."""
    return [str(label) for label in (options or SCALE_LABELS[kind])]


# -- the community satisfaction index (SKM/IKM), PermenPANRB 14/2017 ----------

SKM_METHOD = "PermenPANRB 14/2017"

# The nine elements, stored by name (sources disagree on the order of the
# last two); numbered U1..U9 in this order when shown.
SKM_ELEMENTS = (
    # Translators: the SKM element "Persyaratan".
    ("persyaratan", gettext_lazy("Requirements")),
    # Translators: the SKM element "Sistem, Mekanisme dan Prosedur".
    ("prosedur", gettext_lazy("Systems, mechanisms and procedures")),
    # Translators: the SKM element "Waktu Penyelesaian".
    ("waktu", gettext_lazy("Time to complete the service")),
    # Translators: the SKM element "Biaya/Tarif".
    ("biaya", gettext_lazy("Cost or fee")),
    # Translators: the SKM element "Produk Spesifikasi Jenis Pelayanan".
    ("produk", gettext_lazy("Products: the kinds of service provided")),
    # Translators: the SKM element "Kompetensi Pelaksana".
    ("kompetensi", gettext_lazy("Competence of the staff")),
    # Translators: the SKM element "Perilaku Pelaksana".
    ("perilaku", gettext_lazy("Conduct of the staff")),
    # Translators: the SKM element "Penanganan Pengaduan, Saran dan Masukan".
    ("pengaduan", gettext_lazy("Handling of complaints, suggestions and feedback")),
    # Translators: the SKM element "Sarana dan Prasarana".
    ("sarana", gettext_lazy("Facilities and infrastructure")),
)
SKM_CODES = tuple(code for code, _name in SKM_ELEMENTS)
SKM_WEIGHT = Fraction(1, len(SKM_ELEMENTS))  # exactly 1/9, not 0.111

# (highest IKM_unit of the grade, grade); above the last: A.
SKM_GRADES = ((Decimal("64.99"), "D"), (Decimal("76.60"), "C"), (Decimal("88.30"), "B"))
SKM_PERFORMANCE = {
    "A": gettext_lazy("Very good"),
    "B": gettext_lazy("Good"),
    "C": gettext_lazy("Less than good"),
    "D": gettext_lazy("Not good"),
}


@dataclass(frozen=True)
class SkmElement:
    """One element's figures: NRR is the mean of its answers (1–4)."""

    code: str
    number: int
    name: str
    answers: int
    nrr: Fraction | None

    @property
    def label(self) -> str:
        return f"U{self.number}"

    @property
    def nrr_rounded(self) -> Decimal | None:
        return None if self.nrr is None else rounded(self.nrr, 4)

    @property
    def weighted(self) -> Decimal | None:
        return None if self.nrr is None else rounded(self.nrr * SKM_WEIGHT, 4)


@dataclass(frozen=True)
class SkmIndex:
    """A service unit's IKM (1–4), its value on the 25–100 scale and its
    grade; none of them while an element has no answers (``missing``)."""

    elements: tuple[SkmElement, ...]
    ikm: Decimal | None
    unit: Decimal | None
    grade: str | None
    missing: tuple[str, ...]
    method: str = SKM_METHOD

    @property
    def performance(self) -> str:
        return str(SKM_PERFORMANCE[self.grade]) if self.grade else ""


def skm_index(totals: dict) -> SkmIndex:
    """The IKM from ``totals``: element code -> (sum of its answers, number of
    its answers). NRR_i = sum / number; IKM = sum of NRR_i x 1/9; IKM_unit =
    IKM x 25, graded A–D. Computed exactly, rounded only when shown."""
    elements = tuple(
        _skm_element(code, number, name, *totals.get(code, (0, 0)))
        for number, (code, name) in enumerate(SKM_ELEMENTS, start=1)
    )
    missing = tuple(element.code for element in elements if element.nrr is None)
    if missing:
        return SkmIndex(elements, None, None, None, missing)
    ikm = sum((element.nrr * SKM_WEIGHT for element in elements), Fraction(0))
    unit = rounded(ikm * 25, 2)
    return SkmIndex(elements, rounded(ikm, 4), unit, skm_grade(unit), ())


def _skm_element(code, number, name, total, answers) -> SkmElement:
    nrr = Fraction(Decimal(total)) / answers if answers else None
    return SkmElement(code, number, str(name), int(answers), nrr)


def skm_grade(unit: Decimal) -> str:
    """The grade of an IKM_unit (25–100) as rounded to two decimals."""
    unit = rounded(Fraction(Decimal(unit)), 2)
    return next((grade for highest, grade in SKM_GRADES if unit <= highest), "A")


def rounded(value: Fraction, places: int) -> Decimal:
    """``value`` as a decimal of ``places`` decimals, halves rounded up."""
    with localcontext() as context:
        context.prec = 40
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# -- reading interest (TGM) ---------------------------------------------------

# TGM = 0.3 FM + 0.3 DM + 0.3 JB + 0.05 FAI + 0.05 DAI, each measure scaled to
# 0–100. The official scaling is unsettled (see DOMAIN.md), so this method
# names its own: a measure's answer is scaled linearly up to a ceiling that
# counts as 100 (reading every day, two hours a day, six books a quarter), and
# the measure's score is the mean of its respondents' scaled answers.
TGM_METHOD = "TGM Perpusnas weights; Pustaka linear scaling to ceilings, 2026"


@dataclass(frozen=True)
class TgmMeasure:
    code: str
    name: str
    weight: Decimal
    ceiling: Decimal


TGM_MEASURES = (
    TgmMeasure("FM", gettext_lazy("Reading frequency (times a week)"), Decimal("0.3"), Decimal(7)),
    TgmMeasure("DM", gettext_lazy("Reading time (minutes a day)"), Decimal("0.3"), Decimal(120)),
    TgmMeasure("JB", gettext_lazy("Books read (in three months)"), Decimal("0.3"), Decimal(6)),
    TgmMeasure("FAI", gettext_lazy("Internet use (times a week)"), Decimal("0.05"), Decimal(7)),
    TgmMeasure("DAI", gettext_lazy("Internet time (minutes a day)"), Decimal("0.05"), Decimal(120)),
)
TGM_CODES = tuple(measure.code for measure in TGM_MEASURES)

# (highest TGM of the category, category); above the last: very high.
TGM_CATEGORIES = (
    (Decimal("20.0"), gettext_lazy("Very low")),
    (Decimal("40.0"), gettext_lazy("Low")),
    (Decimal("60.0"), gettext_lazy("Medium")),
    (Decimal("80.0"), gettext_lazy("High")),
)
TGM_HIGHEST_CATEGORY = gettext_lazy("Very high")


@dataclass(frozen=True)
class TgmScore:
    """One measure's figures: the mean answer and its score on 0–100."""

    code: str
    name: str
    weight: Decimal
    answers: int
    mean: Decimal | None
    score: Decimal | None


@dataclass(frozen=True)
class TgmIndex:
    measures: tuple[TgmScore, ...]
    value: Decimal | None
    category: str
    missing: tuple[str, ...]
    method: str = TGM_METHOD


def tgm_scaled(value, ceiling: Decimal) -> Fraction:
    """One answer on 0–100: linear up to ``ceiling``, which and beyond is 100."""
    value = max(Fraction(Decimal(value)), Fraction(0))
    return min(value / Fraction(ceiling), Fraction(1)) * 100


def tgm_index(answers: dict) -> TgmIndex:
    """The TGM from ``answers``: measure code -> the respondents' answers; no
    value while a measure has no answers (``missing``)."""
    values = {measure.code: list(answers.get(measure.code, ())) for measure in TGM_MEASURES}
    scores = tuple(_tgm_score(measure, values[measure.code]) for measure in TGM_MEASURES)
    missing = tuple(score.code for score in scores if score.score is None)
    if missing:
        return TgmIndex(scores, None, "", missing)
    exact = sum(
        (
            _exact_score(measure, values[measure.code]) * Fraction(measure.weight)
            for measure in TGM_MEASURES
        ),
        Fraction(0),
    )
    value = rounded(exact, 2)
    return TgmIndex(scores, value, tgm_category(value), ())


def _exact_score(measure: TgmMeasure, values: list) -> Fraction:
    """The mean of the respondents' scaled answers."""
    return sum((tgm_scaled(value, measure.ceiling) for value in values), Fraction(0)) / len(values)


def _tgm_score(measure: TgmMeasure, values: list) -> TgmScore:
    if not values:
        return TgmScore(measure.code, str(measure.name), measure.weight, 0, None, None)
    mean = sum((Fraction(Decimal(value)) for value in values), Fraction(0)) / len(values)
    score = _exact_score(measure, values)
    return TgmScore(
        measure.code,
        str(measure.name),
        measure.weight,
        len(values),
        rounded(mean, 2),
        rounded(score, 2),
    )


def tgm_category(value: Decimal) -> str:
    """The category of a TGM (0–100) as rounded to one decimal."""
    value = rounded(Fraction(Decimal(value)), 1)
    return str(
        next((name for highest, name in TGM_CATEGORIES if value <= highest), TGM_HIGHEST_CATEGORY)
    )
