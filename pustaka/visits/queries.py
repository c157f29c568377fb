"""Reads of the visitor book and the computer sessions, scoped to the asking
user: a day's entries, and the counts per day that the staff pages, the API
and the monitoring reports share.

Counts come from the figures each row keeps (gender, age group, disability,
purpose), summed in SQL: a group counts as its headcount, by its own counts
per gender and age group; no member's personal data is read."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from pustaka.core.permissions import scope_to_user
from pustaka.libraries.models import Library
from pustaka.visits.models import ComputerSession, Disability, GroupCount, Visit


def visits_for_user(
    user, *, library: Library | None = None, day: datetime.date | None = None
) -> QuerySet[Visit]:
    """The visits ``user`` may see (one library's, one day's), newest first,
    with what a list shows: member numbers, villages, a group's counts."""
    visits = scope_to_user(Visit.objects.filter(deleted_at__isnull=True), user)
    if library is not None:
        visits = visits.filter(library=library)
    if day is not None:
        visits = visits.filter(visited_on=day)
    return (
        visits.select_related("library", "member", "village")
        .prefetch_related("counts")
        .order_by("-visited_at")
    )


def visit_for_user(user, visit_id) -> Visit:
    """One visit ``user`` may see; 404 otherwise (never reveal it exists)."""
    visit = visits_for_user(user).filter(pk=visit_id).first()
    if visit is None:
        raise Http404
    return visit


def sessions_for_user(
    user, *, library: Library | None = None, day: datetime.date | None = None
) -> QuerySet[ComputerSession]:
    """The computer sessions ``user`` may see, newest first."""
    sessions = scope_to_user(ComputerSession.objects.filter(deleted_at__isnull=True), user)
    if library is not None:
        sessions = sessions.filter(library=library)
    if day is not None:
        sessions = sessions.filter(started_on=day)
    return sessions.select_related("library", "member", "village").order_by("-started_at")


def session_for_user(user, session_id) -> ComputerSession:
    session = sessions_for_user(user).filter(pk=session_id).first()
    if session is None:
        raise Http404
    return session


def each_day(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The days from ``start`` to ``end``, both included."""
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


@dataclass
class DayVisits:
    """One day's visitor book in figures. ``entries`` are the lines written
    (a group is one); ``people`` count heads (a group of 25 is 25). The
    counters count people by code; ``""`` is "not said" (for disability:
    not asked)."""

    day: datetime.date
    entries: int = 0
    people: int = 0
    by_purpose: Counter = field(default_factory=Counter)
    by_gender: Counter = field(default_factory=Counter)
    by_age_group: Counter = field(default_factory=Counter)
    by_disability: Counter = field(default_factory=Counter)

    @property
    def with_disability(self) -> int:
        return self.by_disability[Disability.YES]

    def add(self, other: "DayVisits") -> None:
        self.entries += other.entries
        self.people += other.people
        for name in ("by_purpose", "by_gender", "by_age_group", "by_disability"):
            getattr(self, name).update(getattr(other, name))


def visit_counts(
    user,
    *,
    start: datetime.date,
    end: datetime.date,
    library: Library | None = None,
) -> list[DayVisits]:
    """Every day from ``start`` to ``end`` (both included, days without visits
    too) with its figures, for the libraries ``user`` may see (or one). Three
    grouped queries whatever the number of visits."""
    visits = scope_to_user(Visit.objects.filter(deleted_at__isnull=True), user)
    visits = visits.filter(visited_on__range=(start, end))
    if library is not None:
        visits = visits.filter(library=library)
    days = {day: DayVisits(day) for day in each_day(start, end)}
    _add_day_totals(days, visits)
    _add_people(days, visits)
    _add_group_people(days, visits)
    return list(days.values())


def visit_totals(days: list[DayVisits]) -> DayVisits:
    """The figures of ``days`` added up (``day`` is the first one's)."""
    total = DayVisits(days[0].day if days else datetime.date.min)
    for day in days:
        total.add(day)
    return total


def _add_day_totals(days: dict, visits: QuerySet[Visit]) -> None:
    """Entries and heads per day; a group's people with a disability, the
    others of a group that was asked, and those of a group that was not."""
    group = Q(kind=Visit.Kind.GROUP)
    asked = group & Q(disabled_people__isnull=False)
    rows = (
        visits.order_by()
        .values("visited_on")
        .annotate(
            entries=Count("pk"),
            heads=Sum("people"),
            disabled=Sum("disabled_people", filter=asked),
            asked=Sum("people", filter=asked),
            not_asked=Sum("people", filter=group & Q(disabled_people__isnull=True)),
        )
    )
    for row in rows:
        day = days[row["visited_on"]]
        day.entries, day.people = row["entries"], row["heads"]
        disabled = row["disabled"] or 0
        day.by_disability.update(
            {
                Disability.YES: disabled,
                Disability.NO: (row["asked"] or 0) - disabled,
                "": row["not_asked"] or 0,
            }
        )


def _add_people(days: dict, visits: QuerySet[Visit]) -> None:
    """Members and guests: one person per entry."""
    rows = (
        visits.exclude(kind=Visit.Kind.GROUP)
        .order_by()
        .values("visited_on", "purpose", "gender", "age_group", "disability")
        .annotate(people=Count("pk"))
    )
    for row in rows:
        day, people = days[row["visited_on"]], row["people"]
        day.by_purpose[row["purpose"]] += people
        day.by_gender[row["gender"]] += people
        day.by_age_group[row["age_group"]] += people
        day.by_disability[row["disability"]] += people


def _add_group_people(days: dict, visits: QuerySet[Visit]) -> None:
    """Groups: their counts by gender and age group, under the group's purpose."""
    rows = (
        GroupCount.objects.filter(visit__in=visits.filter(kind=Visit.Kind.GROUP), people__gt=0)
        .order_by()
        .values("visit__visited_on", "visit__purpose", "gender", "age_group")
        .annotate(people=Sum("people"))
    )
    for row in rows:
        day, people = days[row["visit__visited_on"]], row["people"]
        day.by_purpose[row["visit__purpose"]] += people
        day.by_gender[row["gender"]] += people
        day.by_age_group[row["age_group"]] += people


@dataclass
class DaySessions:
    """One day's computer and internet use: sessions, minutes, and the
    sessions by purpose, gender and age group (``""``: not said)."""

    day: datetime.date
    sessions: int = 0
    minutes: int = 0
    by_purpose: Counter = field(default_factory=Counter)
    by_gender: Counter = field(default_factory=Counter)
    by_age_group: Counter = field(default_factory=Counter)


def session_counts(
    user,
    *,
    start: datetime.date,
    end: datetime.date,
    library: Library | None = None,
) -> list[DaySessions]:
    """Every day from ``start`` to ``end`` with its computer sessions, for the
    libraries ``user`` may see (or one); one grouped query."""
    sessions = scope_to_user(ComputerSession.objects.filter(deleted_at__isnull=True), user)
    sessions = sessions.filter(started_on__range=(start, end))
    if library is not None:
        sessions = sessions.filter(library=library)
    days = {day: DaySessions(day) for day in each_day(start, end)}
    rows = (
        sessions.order_by()
        .values("started_on", "purpose", "gender", "age_group")
        .annotate(sessions=Count("pk"), minutes=Sum("minutes"))
    )
    for row in rows:
        day, count = days[row["started_on"]], row["sessions"]
        day.sessions += count
        day.minutes += row["minutes"]
        day.by_purpose[row["purpose"]] += count
        day.by_gender[row["gender"]] += count
        day.by_age_group[row["age_group"]] += count
    return list(days.values())
