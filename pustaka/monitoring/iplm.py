"""The community literacy development index (IPLM, Perpusnas) as pure
formulas (no database): seven elements (UPLM), each the weighted ratio of a
library figure to the district's population per library type, corrected by
2.5; the index is their mean x 100. The method has changed several times
(2021, 2023, 2024, the census-based 2025 "IPLM & TKM"): this module names its
method, and a later one replaces its constants, never a hidden number."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy

from pustaka.surveys.policies import rounded

IPLM_METHOD = "IPLM 2021 (Pedoman Pengukuran IPLM, Perpusnas 2021)"
IPLM_CORRECTION = Fraction(5, 2)  # the factor 2.5 of the 2021 method

PUBLIC, SCHOOL, UNIVERSITY, SPECIAL = "public", "school", "university", "special"
# Public libraries Pustaka does not hold (of other villages, of kecamatan):
# entered by the office and added to the public figure.
PUBLIC_OTHER = "public_other"

# Library types and their weights; Pustaka holds the public libraries.
IPLM_TYPES = (
    (PUBLIC, Fraction(1, 2), gettext_lazy("Public libraries")),
    (SCHOOL, Fraction(1, 5), gettext_lazy("School libraries")),
    (UNIVERSITY, Fraction(1, 5), gettext_lazy("Higher-education libraries")),
    (SPECIAL, Fraction(1, 10), gettext_lazy("Special libraries")),
)
# What the office enters for each element, per type (the public libraries
# outside Pustaka are added to Pustaka's own).
IPLM_INPUT_TYPES = (
    (PUBLIC_OTHER, gettext_lazy("Public libraries not in Pustaka")),
    (SCHOOL, gettext_lazy("School libraries")),
    (UNIVERSITY, gettext_lazy("Higher-education libraries")),
    (SPECIAL, gettext_lazy("Special libraries")),
)


@dataclass(frozen=True)
class IplmElementDefinition:
    """One element (UPLM) of the IPLM and the library figure it divides by the population."""

    number: int
    code: str
    name: str
    figure: str


IPLM_ELEMENTS = (
    IplmElementDefinition(
        1,
        "libraries",
        # Translators: IPLM element "Pemerataan layanan perpustakaan".
        gettext_lazy("Spread of library services"),
        gettext_lazy("Libraries (active libraries in Pustaka)"),
    ),
    IplmElementDefinition(
        2,
        "collection",
        # Translators: IPLM element "Ketercukupan koleksi".
        gettext_lazy("Sufficiency of the collection"),
        gettext_lazy("Copies held at the year's end"),
    ),
    IplmElementDefinition(
        3,
        "staff",
        # Translators: IPLM element "Ketercukupan tenaga perpustakaan".
        gettext_lazy("Sufficiency of library staff"),
        gettext_lazy("Library staff (profile figure, else staff accounts)"),
    ),
    IplmElementDefinition(
        4,
        "daily_visits",
        # Translators: IPLM element "Tingkat kunjungan masyarakat per hari".
        gettext_lazy("Visits of the community per day"),
        gettext_lazy("Visitors per opening day, added up over the libraries"),
    ),
    IplmElementDefinition(
        5,
        "standard",
        # Translators: IPLM element "Perpustakaan ber-SNP".
        gettext_lazy("Libraries meeting the national standard"),
        gettext_lazy("Libraries meeting every criterion of the national standard"),
    ),
    IplmElementDefinition(
        6,
        "participants",
        # Translators: IPLM element "Keterlibatan masyarakat dalam kegiatan sosialisasi/KIE".
        gettext_lazy("Community involvement in library activities"),
        gettext_lazy("Participants in activities in the year"),
    ),
    IplmElementDefinition(
        7,
        "members",
        # Translators: IPLM element "Anggota perpustakaan".
        gettext_lazy("Library members"),
        gettext_lazy("Members at the year's end"),
    ),
)
IPLM_ELEMENT_CODES = tuple(element.code for element in IPLM_ELEMENTS)

# (highest IPLM of the category, category); above the last: very high.
IPLM_CATEGORIES = (
    (Decimal("29.99"), gettext_lazy("Very low")),
    (Decimal("49.99"), gettext_lazy("Low")),
    (Decimal("79.99"), gettext_lazy("Medium")),
    (Decimal("89.99"), gettext_lazy("High")),
)
IPLM_HIGHEST_CATEGORY = gettext_lazy("Very high")


@dataclass(frozen=True)
class IplmPart:
    """One library type's share of an element: its figure X, X / P and the
    weighted ratio (``None`` while its figure is not entered)."""

    type: str
    name: str
    weight: Decimal
    figure: Decimal | None
    ratio: Decimal | None
    weighted: Decimal | None


@dataclass(frozen=True)
class IplmElement:
    """One element's value: UPLM = 2.5 x the weighted ratios added up
    (``None`` while a figure is missing)."""

    definition: IplmElementDefinition
    parts: tuple[IplmPart, ...]
    value: Decimal | None
    exact: Fraction | None
    missing: tuple[str, ...]


@dataclass(frozen=True)
class IplmIndex:
    elements: tuple[IplmElement, ...]
    population: int | None
    total: Decimal | None
    value: Decimal | None
    category: str
    method: str = IPLM_METHOD


def iplm_element(definition: IplmElementDefinition, figures: dict, population) -> IplmElement:
    """An element from ``figures`` (library type -> X, ``None``: not entered)
    and the population P: UPLM = 2.5 x (0.5 R_public + 0.2 R_school + 0.2
    R_university + 0.1 R_special), R = X / P."""
    parts, exact, missing = [], Fraction(0), []
    for code, weight, name in IPLM_TYPES:
        figure = figures.get(code)
        if figure is None or not population:
            parts.append(IplmPart(code, str(name), rounded(weight, 1), figure, None, None))
            missing.append(code)
            continue
        ratio = Fraction(Decimal(figure)) / Fraction(population)
        exact += weight * ratio
        parts.append(
            IplmPart(
                code,
                str(name),
                rounded(weight, 1),
                Decimal(figure),
                rounded(ratio, 6),
                rounded(weight * ratio, 6),
            )
        )
    if missing:
        return IplmElement(definition, tuple(parts), None, None, tuple(missing))
    value = IPLM_CORRECTION * exact
    return IplmElement(definition, tuple(parts), rounded(value, 6), value, ())


def iplm_index(elements: tuple[IplmElement, ...], population) -> IplmIndex:
    """IPLM = (UPLM_1 + ... + UPLM_7) / 7 x 100; none while an element is missing."""
    if any(element.exact is None for element in elements):
        return IplmIndex(elements, population, None, None, "")
    total = sum((element.exact for element in elements), Fraction(0))
    value = iplm_value(total)
    return IplmIndex(elements, population, rounded(total, 6), value, iplm_category(value))


def iplm_value(element_sum) -> Decimal:
    """The IPLM from the sum of its seven elements, rounded to two decimals."""
    exact = element_sum if isinstance(element_sum, Fraction) else Fraction(Decimal(element_sum))
    return rounded(exact / len(IPLM_ELEMENTS) * 100, 2)


def iplm_category(value: Decimal) -> str:
    value = rounded(Fraction(Decimal(value)), 2)
    return str(
        next((name for highest, name in IPLM_CATEGORIES if value <= highest), IPLM_HIGHEST_CATEGORY)
    )
