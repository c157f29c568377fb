"""How each indicator is counted: grouped SQL over the rows daily work leaves
(loans, visits, members, copies, activities, ...), one statement per source
and range of periods — or per period for levels such as members and copies —
whatever the number of rows. Periods are the libraries' calendar (WITA): a
row belongs to the period its local day falls in.

Nothing here is scoped to a user: ``count`` takes the libraries to count,
and ``indicators.py`` decides which of them (and which district totals) a
user may see. The visits app's day counts (``visit_counts``,
``session_counts``) take a user, so they are asked as the district sees them.

The rules, where a choice was made:

- visitors are heads (a group of 25 is 25, by its own gender and age
  counts), as the visitor book counts them; entries are lines of the book;
- loans are counted at the lending library on the day lent, returns at the
  library that took the copy back on the day it came back;
- active borrowers: a loan still naming its member counts that member once
  in the period; a loan that no longer names anyone (returned by a member
  who keeps no reading history, or anonymised) counts one borrower per
  lending library, day and borrower figures kept on the loan (category,
  gender, age group, disability) — the copies one person takes home at
  once. So a member without reading history who borrowed on three days of a
  month counts up to three times there: an estimate, as near as the data
  allows without keeping who borrowed. The district's figure is the sum of
  its libraries' (someone borrowing at two libraries is a borrower of each);
- members: confirmed members (not registrations waiting for confirmation),
  new in the period by the day they registered, held at its end unless
  deleted by then; anonymised members still count; age groups are the age
  on the period's last day;
- copies: held at the period's end when acquired (acquisition date, else the
  day catalogued) by then and neither withdrawn nor lost — a copy's status
  has no date, so a withdrawn or lost copy leaves past periods too; titles
  are the distinct records among them (for the district, over all its
  libraries); added copies are every copy acquired in the period;
- activities: those marked done, in the period they started, by category;
  participants are their attendance, named or counted alike
  (``programs.queries.attendance_totals``);
- partners engaged: distinct partners who gave a contribution in the period
  or took part in one of its activities;
- contributions in money are those of kind money, in kind the value of the
  others; the village fund is the allocation of the period's year;
- trainings attended: the library's trainees present at a session in the
  period (a person in two trainings counts twice: trainings attended);
  mentoring: the visits made to the library, and the action items agreed at
  them done in the period (by the day done);
- opening days: weekdays with opening hours less dated holidays (the
  library's and the district's), as due dates follow them, up to today.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Func,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat, TruncDate
from django.utils import timezone

from pustaka.catalog.models import Item
from pustaka.circulation.models import Holiday, Loan
from pustaka.libraries.models import Library
from pustaka.members.models import Member
from pustaka.members.policies import AGE_GROUPS
from pustaka.monitoring import policies
from pustaka.monitoring.definitions import UNKNOWN
from pustaka.monitoring.models import FigureKind, LibraryFigure
from pustaka.monitoring.policies import Period
from pustaka.programs.models import Activity, ActivityPartner, Contribution, Story, VillageFund
from pustaka.programs.queries import attendance_totals
from pustaka.training.models import ActionItem, Attendance, MentoringVisit
from pustaka.visits.queries import session_counts, visit_counts

GROUPS = (
    "visits",
    "opening_days",
    "loans",
    "members",
    "collection",
    "activities",
    "sessions",
    "partnerships",
    "stories",
    "village_fund",
    "training",
    "profile",
)
GONE = (Item.Status.WITHDRAWN, Item.Status.LOST)
LIVE = Q(deleted_at__isnull=True)

# (library id or None, period index, code) -> value. ``None`` is the district:
# for figures that add up, its own rows (contributions to the district's
# programme); for distinct figures (titles, partners), the district's figure.
Values = dict[tuple, int | float]


class Counter:
    """The values being counted for ``libraries`` over ``periods``."""

    def __init__(self, libraries: list[Library], periods: list[Period]):
        self.libraries = libraries
        self.ids = [library.pk for library in libraries]
        self.periods = periods
        self.span = Period(periods[0].start, periods[-1].end, periods[0].grain)
        self.values: Values = defaultdict(int)

    def add(self, library_id, index, code: str, amount) -> None:
        if amount:
            self.values[(library_id, index, code)] += amount

    def bucket(self, condition: Callable[[Period], Q]) -> Case:
        """The index of the period each row falls in, by ``condition``."""
        whens = [When(condition(period), then=Value(i)) for i, period in enumerate(self.periods)]
        return Case(*whens, default=Value(None), output_field=IntegerField())

    def index_of_day(self) -> dict[datetime.date, int]:
        days = {}
        for index, period in enumerate(self.periods):
            for offset in range(period.days):
                days[period.start + datetime.timedelta(days=offset)] = index
        return days


def on_days(field: str) -> Callable[[Period], Q]:
    """Rows whose date ``field`` is in the period."""
    return lambda period: Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def during(field: str) -> Callable[[Period], Q]:
    """Rows whose moment ``field`` is in the period (its local days)."""
    return lambda period: Q(
        **{f"{field}__gte": period.starts_at(), f"{field}__lt": period.ends_before()}
    )


def count(*, libraries: list[Library], periods: list[Period], groups=GROUPS) -> Values:
    """The values of ``groups`` (see ``GROUPS``) for ``libraries`` in each of ``periods``."""
    counter = Counter(libraries, periods)
    if libraries:
        for group in groups:
            COUNTERS[group](counter)
    return counter.values


def _district_reader():
    """A reader who sees every library, for the visits app's day counts (which
    take a user); ``indicators`` scopes what it returns itself."""
    return get_user_model()(is_superuser=True, is_active=True)


def _code(value: str) -> str:
    return value or UNKNOWN


# Visits and computers -----------------------------------------------------------


def _visits(counter: Counter) -> None:
    reader, index = _district_reader(), counter.index_of_day()
    span = counter.span
    for library in counter.libraries:
        days = visit_counts(reader, start=span.start, end=span.end, library=library)
        for day in days:
            if day.entries:
                _add_visit_day(counter, library.pk, index[day.day], day)


def _add_visit_day(counter: Counter, library_id, index: int, day) -> None:
    counter.add(library_id, index, "visits.entries", day.entries)
    counter.add(library_id, index, "visits.people", day.people)
    for part, figures in (
        ("gender", day.by_gender),
        ("age", day.by_age_group),
        ("disability", day.by_disability),
        ("purpose", day.by_purpose),
    ):
        for code, people in figures.items():
            counter.add(library_id, index, f"visits.people.{part}.{_code(code)}", people)


def _sessions(counter: Counter) -> None:
    reader, index = _district_reader(), counter.index_of_day()
    span = counter.span
    for library in counter.libraries:
        for day in session_counts(reader, start=span.start, end=span.end, library=library):
            counter.add(library.pk, index[day.day], "sessions", day.sessions)
            counter.add(library.pk, index[day.day], "sessions.minutes", day.minutes)


def _opening_days(counter: Counter) -> None:
    holidays = Holiday.objects.filter(
        Q(library_id__in=counter.ids) | Q(library__isnull=True),
        LIVE,
        date__range=(counter.span.start, counter.span.end),
    ).values_list("library_id", "date")
    closed = defaultdict(set)
    for library_id, day in holidays:
        closed[library_id].add(day)
    today = timezone.localdate()
    for library in counter.libraries:
        days = closed[library.pk] | closed[None]
        for index, period in enumerate(counter.periods):
            if period.start > today:
                continue
            open_days = policies.opening_days(
                library.opening_hours or {}, days, period.start, min(period.end, today)
            )
            counter.add(library.pk, index, "opening_days", open_days)


# Loans ----------------------------------------------------------------------------


class LocalDay(Func):
    """The local day of a moment in SQL: Django's ``TruncDate`` in the
    libraries' time zone, except on SQLite when the zone keeps one offset
    all year (WITA does), where SQLite's own ``date()`` shifted by it spares
    a call into Python per row."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra):
        zone = timezone.get_default_timezone()
        return compiler.compile(TruncDate(*self.source_expressions, tzinfo=zone))

    def as_sqlite(self, compiler, connection, **extra):
        minutes = policies.fixed_offset_minutes(timezone.get_default_timezone())
        if minutes is None:
            return self.as_sql(compiler, connection, **extra)
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, %s)", [*params, f"{minutes:+d} minutes"]


def _borrower_visit():
    """What tells unnamed borrowers apart: the local day and the figures the loan keeps."""
    parts = [
        Cast(LocalDay("checked_out_at"), CharField()),
        Cast("borrower_category_id", CharField()),
        "borrower_gender",
        "borrower_age_group",
        Cast("borrower_disability", CharField()),
    ]
    joined = [parts[0]]
    for part in parts[1:]:
        joined += [Value("|"), part]
    return Concat(*joined, output_field=CharField())


def _loans(counter: Counter) -> None:
    _lent(counter)
    _returned(counter)


def _lent(counter: Counter) -> None:
    """Loans and active borrowers at the lending library (``borrowers`` group)."""
    span = during("checked_out_at")(counter.span)
    lent = (
        Loan.objects.filter(LIVE, span, library_id__in=counter.ids)
        .annotate(period=counter.bucket(during("checked_out_at")))
        .values("library_id", "period")
        .annotate(
            loans=Count("pk"),
            named=Count("member_id", distinct=True),
            unnamed=Count(_borrower_visit(), distinct=True, filter=Q(member__isnull=True)),
        )
        .order_by()
    )
    for row in lent:
        counter.add(row["library_id"], row["period"], "loans", row["loans"])
        counter.add(row["library_id"], row["period"], "borrowers", row["named"] + row["unnamed"])


def _returned(counter: Counter) -> None:
    returned = (
        Loan.objects.filter(LIVE, during("returned_at")(counter.span))
        .filter(returned_library_id__in=counter.ids)
        .annotate(period=counter.bucket(during("returned_at")))
        .values("returned_library_id", "period")
        .annotate(returns=Count("pk"))
        .order_by()
    )
    for row in returned:
        counter.add(row["returned_library_id"], row["period"], "returns", row["returns"])


# Members --------------------------------------------------------------------------


def _age_conditions(day: datetime.date) -> list[tuple[str, Q]]:
    """Members by their age group on ``day``, from their date of birth."""
    conditions = [
        (
            label,
            Q(
                birth_date__lte=policies.years_before(day, low),
                birth_date__gt=policies.years_before(day, high + 1),
            ),
        )
        for low, high, label in AGE_GROUPS
    ]
    return [*conditions, (UNKNOWN, Q(birth_date__isnull=True))]


def _members(counter: Counter) -> None:
    """One statement per period: members held at its end and new in it, by
    gender and age group."""
    members = Member.objects.filter(library_id__in=counter.ids).exclude(
        status=Member.Status.PENDING
    )
    for index, period in enumerate(counter.periods):
        after = period.ends_before()
        held = Q(deleted_at__isnull=True) | Q(deleted_at__gte=after)
        new = Q(created_at__gte=period.starts_at())
        ages = _age_conditions(period.end)
        figures = {"total": Count("pk", filter=held), "new": Count("pk", filter=new)}
        for number, (_label, condition) in enumerate(ages):
            figures[f"total_{number}"] = Count("pk", filter=held & condition)
            figures[f"new_{number}"] = Count("pk", filter=new & condition)
        rows = (
            members.filter(created_at__lt=after)
            .values("library_id", "gender")
            .annotate(**figures)
            .order_by()
        )
        for row in rows:
            _add_member_row(counter, index, row, ages)


def _add_member_row(counter: Counter, index: int, row: dict, ages) -> None:
    library_id, gender = row["library_id"], _code(row["gender"])
    for code, name in (("members.total", "total"), ("members.new", "new")):
        counter.add(library_id, index, code, row[name])
        counter.add(library_id, index, f"{code}.gender.{gender}", row[name])
        for number, (label, _condition) in enumerate(ages):
            counter.add(library_id, index, f"{code}.age.{label}", row[f"{name}_{number}"])


def _member_moves(counter: Counter, field: str, code: str) -> None:
    rows = (
        Member.objects.filter(during(field)(counter.span), library_id__in=counter.ids)
        .exclude(status=Member.Status.PENDING)
        .annotate(period=counter.bucket(during(field)))
        .values("library_id", "period")
        .annotate(members=Count("pk"))
        .order_by()
    )
    for row in rows:
        counter.add(row["library_id"], row["period"], code, row["members"])


def member_arrivals(counter: Counter) -> None:
    """New members in each period (``members.new``, without breakdowns)."""
    _member_moves(counter, "created_at", "members.new")


def member_departures(counter: Counter) -> None:
    """Members deleted in each period (``_members.left``): with the new
    members, what the dashboard's roll-up keeps members held from."""
    _member_moves(counter, "deleted_at", "_members.left")


# Collection -----------------------------------------------------------------------


def added_in(period: Period) -> Q:
    return Q(acquired_on__gte=period.start, acquired_on__lte=period.end) | Q(
        acquired_on__isnull=True,
        created_at__gte=period.starts_at(),
        created_at__lt=period.ends_before(),
    )


def added_by(period: Period) -> Q:
    return Q(acquired_on__lte=period.end) | Q(
        acquired_on__isnull=True, created_at__lt=period.ends_before()
    )


def held_copies():
    return Item.objects.filter(LIVE).exclude(status__in=GONE)


def _collection(counter: Counter) -> None:
    """Copies and titles held at each period's end (one statement per
    period, and one for the district's distinct titles), copies added."""
    held = held_copies().filter(library_id__in=counter.ids)
    for index, period in enumerate(counter.periods):
        at_end = held.filter(added_by(period))
        rows = (
            at_end.values("library_id")
            .annotate(copies=Count("pk"), titles=Count("record_id", distinct=True))
            .order_by()
        )
        for row in rows:
            counter.add(row["library_id"], index, "collection.copies", row["copies"])
            counter.add(row["library_id"], index, "collection.titles", row["titles"])
        titles = at_end.aggregate(titles=Count("record_id", distinct=True))["titles"]
        counter.add(None, index, "collection.titles", titles)
    added = Item.objects.filter(LIVE, added_in(counter.span), library_id__in=counter.ids)
    _add_copies(counter, added, "collection.added")


def _add_copies(counter: Counter, items, code: str) -> None:
    rows = (
        items.annotate(period=counter.bucket(added_in))
        .values("library_id", "period")
        .annotate(copies=Count("pk"))
        .order_by()
    )
    for row in rows:
        counter.add(row["library_id"], row["period"], code, row["copies"])


def copies_arriving(counter: Counter) -> None:
    """Copies held now, by the period they were acquired in
    (``_collection.held_added``): the roll-up adds them up to copies held."""
    held = held_copies().filter(added_in(counter.span), library_id__in=counter.ids)
    _add_copies(counter, held, "_collection.held_added")


# Activities, partners, stories ------------------------------------------------------


def done_activities(library_ids: list, span: Period):
    """The activities held (marked done) that started in ``span``."""
    return Activity.objects.filter(
        LIVE, during("starts_at")(span), library_id__in=library_ids, status=Activity.Status.DONE
    )


PLACE = ("pk", "library_id", "period")


def _activities(counter: Counter) -> None:
    done = done_activities(counter.ids, counter.span)
    placed = done.annotate(period=counter.bucket(during("starts_at")))
    rows = placed.values("library_id", "period", "category__code").annotate(held=Count("pk"))
    for row in rows.order_by():
        library_id, index = row["library_id"], row["period"]
        counter.add(library_id, index, "activities", row["held"])
        counter.add(library_id, index, f"activities.category.{row['category__code']}", row["held"])
    where = {pk: (library_id, index) for pk, library_id, index in placed.values_list(*PLACE)}
    for (activity_id, *cell), people in attendance_totals(done, group_by=("id",)).items():
        library_id, index = where[activity_id]
        counter.add(library_id, index, "participants", people)
        for part, code in zip(("gender", "age", "disability"), cell, strict=True):
            counter.add(library_id, index, f"participants.{part}.{_code(code)}", people)


def _partnerships(counter: Counter) -> None:
    contributions = Contribution.objects.filter(LIVE, on_days("given_on")(counter.span)).filter(
        Q(library_id__in=counter.ids) | Q(library__isnull=True)
    )
    placed = contributions.annotate(period=counter.bucket(on_days("given_on")))
    rows = placed.values("library_id", "period", "kind").annotate(
        given=Count("pk"), value=Sum("value_idr"), hours=Sum("hours")
    )
    for row in rows.order_by():
        library_id, index = row["library_id"], row["period"]
        counter.add(library_id, index, "contributions", row["given"])
        kind = "money" if row["kind"] == Contribution.Kind.MONEY else "in_kind"
        counter.add(library_id, index, f"contributions.{kind}", row["value"] or 0)
        hours = row["hours"] or Decimal(0)
        counter.add(library_id, index, "contributions.hours", float(hours))
    engaged = set(placed.values_list("library_id", "period", "partner_id").distinct())
    done = done_activities(counter.ids, counter.span)
    links = ActivityPartner.objects.filter(LIVE, activity__in=done)
    engaged |= set(
        links.annotate(period=counter.bucket(during("activity__starts_at")))
        .values_list("activity__library_id", "period", "partner_id")
        .distinct()
    )
    _add_partners(counter, engaged)


def _add_partners(counter: Counter, engaged: set) -> None:
    district = set()
    for library_id, index, partner_id in engaged:
        if library_id is not None:
            counter.add(library_id, index, "partners", 1)
        district.add((index, partner_id))
    for index, _partner_id in district:
        counter.add(None, index, "partners", 1)


def _stories(counter: Counter) -> None:
    consented = Q(consent_given_on__isnull=False, consent_withdrawn_on__isnull=True)
    rows = (
        Story.objects.filter(LIVE, on_days("happened_on")(counter.span))
        .filter(library_id__in=counter.ids)
        .annotate(period=counter.bucket(on_days("happened_on")))
        .values("library_id", "period")
        .annotate(told=Count("pk"), consented=Count("pk", filter=consented))
        .order_by()
    )
    for row in rows:
        counter.add(row["library_id"], row["period"], "stories", row["told"])
        counter.add(row["library_id"], row["period"], "stories.consented", row["consented"])


def _village_fund(counter: Counter) -> None:
    years = {period.start.year for period in counter.periods}
    funds = VillageFund.objects.filter(LIVE, library_id__in=counter.ids, year__in=years)
    amounts = {(fund.library_id, fund.year): fund.amount_idr for fund in funds}
    for (library_id, year), amount in amounts.items():
        for index, period in enumerate(counter.periods):
            if period.start.year == year:
                counter.add(library_id, index, "village_fund", amount)


# Training and mentoring ------------------------------------------------------------


def trainees_present(library_ids: list, span: Period):
    """Attendance of the libraries' trainees at sessions in ``span``."""
    return Attendance.objects.filter(
        LIVE,
        on_days("session__date")(span),
        present=True,
        trainee__library_id__in=library_ids,
        trainee__deleted_at__isnull=True,
        session__deleted_at__isnull=True,
    )


def _training(counter: Counter) -> None:
    present = trainees_present(counter.ids, counter.span)
    rows = (
        present.annotate(period=counter.bucket(on_days("session__date")))
        .values("trainee__library_id", "period")
        .annotate(trainees=Count("trainee_id", distinct=True))
        .order_by()
    )
    for row in rows:
        counter.add(row["trainee__library_id"], row["period"], "trainings", row["trainees"])
    visits = MentoringVisit.objects.filter(
        LIVE, on_days("visited_on")(counter.span), library_id__in=counter.ids
    )
    _add_counted(counter, visits, "library_id", "visited_on", "mentoring.visits")
    done = ActionItem.objects.filter(
        LIVE,
        on_days("done_on")(counter.span),
        status=ActionItem.Status.DONE,
        visit__library_id__in=counter.ids,
        visit__deleted_at__isnull=True,
    )
    _add_counted(counter, done, "visit__library_id", "done_on", "mentoring.actions_done")


def _add_counted(counter: Counter, rows, library_field: str, day_field: str, code: str) -> None:
    grouped = (
        rows.annotate(period=counter.bucket(on_days(day_field)))
        .values(library_field, "period")
        .annotate(counted=Count("pk"))
        .order_by()
    )
    for row in grouped:
        counter.add(row[library_field], row["period"], code, row["counted"])


# Profile figures ------------------------------------------------------------------


def _profile(counter: Counter) -> None:
    """Each profile figure as recorded last on or before a period's end; the
    population served falls back on the library profile's (undated) figure."""
    rows = (
        LibraryFigure.objects.filter(LIVE, library_id__in=counter.ids, as_of__lte=counter.span.end)
        .order_by("as_of")
        .values_list("library_id", "kind", "as_of", "value")
    )
    history = defaultdict(list)
    for library_id, kind, as_of, value in rows:
        history[(library_id, kind)].append((as_of, value))
    for library in counter.libraries:
        for kind in FigureKind.values:
            fallback = library.population_served if kind == FigureKind.POPULATION_SERVED else None
            for index, period in enumerate(counter.periods):
                value = _latest(history[(library.pk, kind)], period.end, fallback)
                if value is not None:  # 0 is a figure too (no internet)
                    counter.values[(library.pk, index, f"profile.{kind}")] = value


def _latest(history: list, day: datetime.date, fallback):
    value = fallback
    for as_of, recorded in history:
        if as_of > day:
            break
        value = recorded
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


COUNTERS = {
    "visits": _visits,
    "opening_days": _opening_days,
    "loans": _loans,
    "borrowers": _lent,
    "members": _members,
    "collection": _collection,
    "activities": _activities,
    "sessions": _sessions,
    "partnerships": _partnerships,
    "stories": _stories,
    "village_fund": _village_fund,
    "training": _training,
    "profile": _profile,
    "member_arrivals": member_arrivals,
    "member_departures": member_departures,
    "copies_arriving": copies_arriving,
}
