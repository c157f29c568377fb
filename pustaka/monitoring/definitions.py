"""The indicators: each one's code, label, group, how it adds up over time and
over the district, and which rows are behind it. Codes are stable (the API,
the command line, targets and reports use them); a breakdown adds a part to
its indicator's code: ``visits.people.gender.female``, ``participants.age.6-12``.

How each is counted is said in ``counting.py``."""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pustaka.members.policies import AGE_GROUP_CHOICES
from pustaka.monitoring.models import FigureKind
from pustaka.visits.models import Purpose

# How a figure behaves over time.
FLOW = "flow"  # counted in the period: periods and libraries add up
LEVEL = "level"  # as at the period's last day: libraries add up
RATIO = "ratio"  # one figure over another, for the district recomputed from its parts
YEARLY = "yearly"  # an amount for the year the period is in
PROFILE = "profile"  # a profile figure as at the period's last day

# How the district's figure is made from its libraries'.
SUM = "sum"  # the libraries' figures added up (and the district's own rows)
DISTINCT = "distinct"  # counted once over the district (a title two libraries hold)
NONE = "none"  # no district figure (opening hours per week, internet speed)

UNKNOWN = "unknown"
GENDERS = [("female", _("women and girls")), ("male", _("men and boys")), (UNKNOWN, _("not said"))]
AGE_GROUPS = [*AGE_GROUP_CHOICES, (UNKNOWN, _("age not known"))]
DISABILITY = [("yes", _("with a disability")), ("no", _("without")), (UNKNOWN, _("not asked"))]
# Members declare a disability only if they wish: none declared is not "without".
MEMBER_DISABILITY = [("yes", _("with a disability")), (UNKNOWN, _("none declared"))]
PURPOSES = [*Purpose.choices, (UNKNOWN, _("purpose not said"))]


@dataclass(frozen=True)
class Indicator:
    """One figure monitoring computes per library and period."""

    code: str
    label: str
    group: str
    kind: str = FLOW
    district: str = SUM
    places: int = 0  # decimal places shown
    rows: str = ""  # the drill-down listing the rows behind it ("" none)
    unit: str = ""  # "Rp", "m²", "%": said after the number
    part: str = ""  # for a breakdown, what it breaks down by (gender, age...)

    @property
    def grows(self) -> bool:
        """Whether the figure grows through a year (its target is pro rata)."""
        return self.kind == FLOW


GROUPS = {
    "visits": _("Visits"),
    "circulation": _("Loans"),
    "members": _("Members"),
    "collection": _("Collection"),
    "activities": _("Activities"),
    "computers": _("Computers and internet"),
    "partnerships": _("Partners and support"),
    "training": _("Training and mentoring"),
    "profile": _("Library profile"),
}


def _parts(base: Indicator, name: str, choices) -> list[Indicator]:
    """``base`` broken down by ``name`` (``gender``, ``age``...)."""
    return [
        Indicator(
            code=f"{base.code}.{name}.{code}",
            label=format_lazy("{base}: {part}", base=base.label, part=label),
            group=base.group,
            kind=base.kind,
            district=base.district,
            rows=base.rows,
            part=name,
        )
        for code, label in choices
    ]


def _with_people_parts(base: Indicator, *, purpose=False, disability=DISABILITY) -> list:
    parts = [base, *_parts(base, "gender", GENDERS), *_parts(base, "age", AGE_GROUPS)]
    parts += _parts(base, "disability", disability)
    if purpose:
        parts += _parts(base, "purpose", PURPOSES)
    return parts


VISITORS = Indicator("visits.people", _("Visitors"), "visits", rows="visits")
VISIT_ENTRIES = Indicator(
    "visits.entries", _("Entries in the visitor book"), "visits", rows="visits"
)
OPENING_DAYS = Indicator("opening_days", _("Opening days"), "visits")
PER_OPENING_DAY = Indicator(
    "visits.per_opening_day",
    _("Visitors per opening day"),
    "visits",
    RATIO,
    places=1,
    rows="visits",
)
MEMBERS = Indicator("members.total", _("Members"), "members", LEVEL, rows="members")
NEW_MEMBERS = Indicator("members.new", _("New members"), "members", rows="new_members")
PARTICIPANTS = Indicator("participants", _("Participants"), "activities", rows="activities")
PROFILE_LABELS = dict(FigureKind.choices)
PROFILE_UNITS = {FigureKind.FLOOR_AREA: "m²", FigureKind.BUDGET: "Rp"}
PROFILE_NOT_ADDED = {FigureKind.OPENING_HOURS, FigureKind.INTERNET}

BASE = [
    VISIT_ENTRIES,
    *_with_people_parts(VISITORS, purpose=True),
    OPENING_DAYS,
    PER_OPENING_DAY,
    Indicator("loans", _("Loans"), "circulation", rows="loans"),
    Indicator("returns", _("Returns"), "circulation", rows="returns"),
    Indicator("borrowers", _("Active borrowers"), "circulation", rows="loans"),
    *_with_people_parts(MEMBERS, disability=MEMBER_DISABILITY),
    *_with_people_parts(NEW_MEMBERS, disability=MEMBER_DISABILITY),
    Indicator("collection.titles", _("Titles"), "collection", LEVEL, DISTINCT, rows="copies"),
    Indicator("collection.copies", _("Copies"), "collection", LEVEL, rows="copies"),
    Indicator("collection.added", _("Copies added"), "collection", rows="copies_added"),
    Indicator(
        "collection.titles_per_capita",
        _("Titles per inhabitant served"),
        "collection",
        RATIO,
        places=3,
    ),
    Indicator(
        "collection.copies_per_capita",
        _("Copies per inhabitant served"),
        "collection",
        RATIO,
        places=3,
    ),
    Indicator("activities", _("Activities held"), "activities", rows="activities"),
    *_with_people_parts(PARTICIPANTS),
    Indicator("sessions", _("Computer and internet sessions"), "computers", rows="sessions"),
    Indicator("sessions.minutes", _("Minutes of computer use"), "computers", rows="sessions"),
    Indicator(
        "partners", _("Partners engaged"), "partnerships", district=DISTINCT, rows="partners"
    ),
    Indicator("contributions", _("Contributions received"), "partnerships", rows="contributions"),
    Indicator(
        "contributions.money",
        _("Contributions in money"),
        "partnerships",
        rows="contributions",
        unit="Rp",
    ),
    Indicator(
        "contributions.in_kind",
        _("Contributions in kind (value)"),
        "partnerships",
        rows="contributions",
        unit="Rp",
    ),
    Indicator("contributions.hours", _("Volunteers' hours"), "partnerships", rows="contributions"),
    Indicator("village_fund", _("Village fund allocation"), "partnerships", YEARLY, unit="Rp"),
    Indicator("stories", _("Stories of change"), "partnerships", rows="stories"),
    Indicator(
        "stories.consented", _("Stories of change with consent"), "partnerships", rows="stories"
    ),
    Indicator("trainings", _("Trainings attended"), "training", rows="trainees"),
    Indicator("mentoring.visits", _("Mentoring visits"), "training", rows="mentoring"),
    Indicator(
        "mentoring.actions_done",
        _("Mentoring action items done"),
        "training",
        rows="action_items",
    ),
    *[
        Indicator(
            f"profile.{kind}",
            PROFILE_LABELS[kind],
            "profile",
            PROFILE,
            NONE if kind in PROFILE_NOT_ADDED else SUM,
            places=0 if kind != FigureKind.FLOOR_AREA else 1,
            unit=PROFILE_UNITS.get(kind, ""),
        )
        for kind in FigureKind.values
    ],
]


def indicator_list(categories: list[tuple[str, str]]) -> list[Indicator]:
    """Every indicator, in the order pages and reports show them; activities
    by category for ``categories`` (code, name)."""
    by_category = [
        Indicator(
            f"activities.category.{code}",
            format_lazy("{base}: {part}", base=_("Activities held"), part=name),
            "activities",
            rows="activities",
            part="category",
        )
        for code, name in categories
    ]
    index = next(i for i, item in enumerate(BASE) if item.code == "activities") + 1
    return [*BASE[:index], *by_category, *BASE[index:]]


BY_CODE = {indicator.code: indicator for indicator in BASE}

# The dashboard's columns: the figures the district compares libraries by.
KEY_CODES = (
    "visits.people",
    "visits.per_opening_day",
    "loans",
    "borrowers",
    "members.total",
    "members.new",
    "collection.copies",
    "activities",
    "participants",
    "sessions",
)
