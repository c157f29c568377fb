"""The checklist against the national standard for village and kelurahan
libraries (Perka Perpusnas 6/2017) as pure rules (no database): each
criterion met, not met, or not known from what Pustaka holds, with the
standard's threshold said beside what was found."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pustaka.libraries.policies import WEEKDAYS, minutes
from pustaka.surveys.policies import rounded

STANDARD_METHOD = "Perka Perpusnas 6/2017"
MIN_TITLES = 1_000
RECENT_YEARS = 5
RECENT_SHARE = Fraction(1, 10)
MIN_FLOOR_AREA = Decimal(56)
MIN_HOURS_A_DAY = 6
MIN_STAFF = 2

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
STATUS_LABELS = {
    PASS: gettext_lazy("Met"),
    FAIL: gettext_lazy("Not met"),
    UNKNOWN: gettext_lazy("Not known"),
}

AREAS = (
    ("collection", gettext_lazy("Collection")),
    ("space", gettext_lazy("Building")),
    ("services", gettext_lazy("Services")),
    ("staff", gettext_lazy("Staff")),
)

# What a library offers (``Library.Offer`` codes) that shows a service.
OFFER_READING = "reading_room"
OFFER_LENDING = "lending"
OFFERS_INFORMATION = ("computers", "wifi")


@dataclass(frozen=True)
class LibraryFacts:
    """What Pustaka knows of a library on the day the checklist is for."""

    titles: int
    recent_titles: int
    dated_titles: int
    children_titles: int
    teen_titles: int
    adult_titles: int
    audience_titles: int
    encyclopedias: int
    dictionaries: int
    periodicals: int
    floor_area: Decimal | None
    opening_hours: dict
    offers: tuple[str, ...]
    loans: int
    staff: int | None
    staff_from_accounts: bool
    manager_trained: bool
    year: int


@dataclass(frozen=True)
class Criterion:
    """One line of the checklist: what the standard asks, what Pustaka
    found, and whether it is met."""

    code: str
    area: str
    requirement: str
    found: str
    status: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def hours_on_open_days(opening_hours: dict) -> list[float]:
    """The hours of each weekday the library opens (weekly opening hours)."""
    days = []
    for day in WEEKDAYS:
        ranges = (opening_hours or {}).get(str(day), [])
        if ranges:
            days.append(sum(minutes(closes) - minutes(opens) for opens, closes in ranges) / 60)
    return days


def recent_since(year: int) -> int:
    """The first year of publication that counts as recent in ``year``: the
    five years up to and including it."""
    return year - RECENT_YEARS + 1


def standard_checklist(facts: LibraryFacts) -> list[Criterion]:
    """Every criterion of the standard, met, not met, or not known from what
    Pustaka holds (a criterion Pustaka cannot see stays not known)."""
    return [
        *_collection(facts),
        *_space(facts),
        *_services(facts),
        *_staff(facts),
    ]


def meets_standard(criteria: list[Criterion]) -> bool:
    return all(criterion.status == PASS for criterion in criteria)


def _status(met: bool | None) -> str:
    return UNKNOWN if met is None else PASS if met else FAIL


def _collection(facts: LibraryFacts) -> list[Criterion]:
    share = Fraction(facts.recent_titles, facts.titles) if facts.titles else None
    since = recent_since(facts.year)
    audiences = None
    if facts.audience_titles:
        audiences = facts.children_titles and facts.teen_titles and facts.adult_titles
    return [
        Criterion(
            "collection.titles",
            "collection",
            _("At least %(titles)s titles") % {"titles": f"{MIN_TITLES:,}"},
            _("%(titles)s titles") % {"titles": f"{facts.titles:,}"},
            _status(facts.titles >= MIN_TITLES),
        ),
        Criterion(
            "collection.recent",
            "collection",
            (
                _("At least 10%% of titles published in the last %(years)s years (%(since)s on)")
                % {"years": RECENT_YEARS, "since": since}
            ),
            _recent_found(facts, share),
            _status(None if share is None else share >= RECENT_SHARE),
        ),
        Criterion(
            "collection.audiences",
            "collection",
            _("Books for children, for young people and for adults"),
            (
                _("%(children)s for children, %(teens)s for young people, %(adults)s for adults")
                % {
                    "children": facts.children_titles,
                    "teens": facts.teen_titles,
                    "adults": facts.adult_titles,
                }
            ),
            _status(None if audiences is None else bool(audiences)),
        ),
        Criterion(
            "collection.reference",
            "collection",
            _("Reference works: at least an encyclopedia and a dictionary"),
            (
                _("%(encyclopedias)s encyclopedias, %(dictionaries)s dictionaries")
                % {"encyclopedias": facts.encyclopedias, "dictionaries": facts.dictionaries}
            ),
            _status(facts.encyclopedias > 0 and facts.dictionaries > 0),
        ),
        Criterion(
            "collection.periodicals",
            "collection",
            _("Newspapers and magazines"),
            _("%(titles)s titles") % {"titles": facts.periodicals},
            _status(facts.periodicals > 0),
        ),
        Criterion(
            "collection.recorded",
            "collection",
            _("Every item recorded"),
            _("Pustaka cannot see what is not recorded: a stock take shows it."),
            UNKNOWN,
        ),
    ]


def _recent_found(facts: LibraryFacts, share: Fraction | None) -> str:
    if share is None:
        return _("No titles")
    return _("%(recent)s of %(titles)s titles (%(share)s%%); %(undated)s without a year") % {
        "recent": facts.recent_titles,
        "titles": facts.titles,
        "share": rounded(share * 100, 1),
        "undated": facts.titles - facts.dated_titles,
    }


def _space(facts: LibraryFacts) -> list[Criterion]:
    area = facts.floor_area
    return [
        Criterion(
            "space.floor_area",
            "space",
            _("A building of at least %(area)s m²") % {"area": MIN_FLOOR_AREA},
            _("Not recorded on the profile")
            if area is None
            else _("%(area)s m²") % {"area": area.normalize()},
            _status(None if area is None else area >= MIN_FLOOR_AREA),
        ),
        Criterion(
            "space.permanent",
            "space",
            _("A permanent building on village land"),
            _("Not recorded in Pustaka"),
            UNKNOWN,
        ),
    ]


def _services(facts: LibraryFacts) -> list[Criterion]:
    hours = hours_on_open_days(facts.opening_hours)
    offers = set(facts.offers)
    recorded = bool(offers)
    lending = OFFER_LENDING in offers or facts.loans > 0
    information = bool(offers & set(OFFERS_INFORMATION))
    return [
        Criterion(
            "services.hours",
            "services",
            _("Open at least %(hours)s hours a day") % {"hours": MIN_HOURS_A_DAY},
            _("No opening hours recorded")
            if not hours
            else (
                ngettext(
                    "%(days)s day a week, the shortest %(hours)s hours",
                    "%(days)s days a week, the shortest %(hours)s hours",
                    len(hours),
                )
                % {"days": len(hours), "hours": f"{min(hours):g}"}
            ),
            _status(min(hours) >= MIN_HOURS_A_DAY if hours else None),
        ),
        Criterion(
            "services.reading",
            "services",
            _("Reading in the library"),
            _offered(OFFER_READING in offers, recorded),
            _status(True if OFFER_READING in offers else (False if recorded else None)),
        ),
        Criterion(
            "services.lending",
            "services",
            _("Lending"),
            _("%(loans)s loans in the year") % {"loans": facts.loans}
            if facts.loans
            else _offered(OFFER_LENDING in offers, recorded),
            _status(True if lending else (False if recorded else None)),
        ),
        Criterion(
            "services.reference",
            "services",
            _("Reference service"),
            _("Not recorded in Pustaka"),
            UNKNOWN,
        ),
        Criterion(
            "services.information",
            "services",
            _("Information search"),
            _("Computers or Wi-Fi offered") if information else _("No computers or Wi-Fi offered"),
            _status(True if information else None),
        ),
    ]


def _offered(offered: bool, recorded: bool) -> str:
    if offered:
        return _("Offered")
    if recorded:
        return _("Not among the services offered")
    return _("The library's services are not recorded")


def _staff(facts: LibraryFacts) -> list[Criterion]:
    if facts.staff is None:
        found = _("Not recorded")
    elif facts.staff_from_accounts:
        found = ngettext(
            "%(staff)s staff account (no staff figure on the profile)",
            "%(staff)s staff accounts (no staff figure on the profile)",
            facts.staff,
        ) % {"staff": facts.staff}
    else:
        found = _("%(staff)s on the profile") % {"staff": facts.staff}
    return [
        Criterion(
            "staff.count",
            "staff",
            _("At least %(staff)s staff") % {"staff": MIN_STAFF},
            found,
            _status(None if facts.staff is None else facts.staff >= MIN_STAFF),
        ),
        Criterion(
            "staff.head_education",
            "staff",
            _("The head has at least senior-secondary education"),
            _("Not recorded in Pustaka"),
            UNKNOWN,
        ),
        Criterion(
            "staff.head_training",
            "staff",
            _("The head has had library training"),
            _("The manager took part in a training of the office")
            if facts.manager_trained
            else _("No training of the office recorded for the manager"),
            _status(True if facts.manager_trained else None),
        ),
    ]
