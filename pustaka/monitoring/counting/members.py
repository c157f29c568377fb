"""Members held at each period's end and new in it, by gender, age group
and disability; members who joined and left (for the roll-up); the members
a breakdown counts (for its rows)."""

import datetime
import itertools
from collections import defaultdict

from django.db.models import Case, Count, IntegerField, Q, Value, When

from pustaka.members.models import Gender, Member
from pustaka.members.policies import AGE_GROUPS
from pustaka.monitoring import policies
from pustaka.monitoring.counting.base import Counter, by_halves, code_of, during
from pustaka.monitoring.definitions import UNKNOWN

BEFORE = -1  # a member who joined before the first period: held from it on, not new


def count_members(counter: Counter) -> None:
    """Members held at each period's end and new in it, by gender, age
    group and disability, from one statement: each member's first period
    (``BEFORE`` it) and the first one they are gone at the end of, worked
    out in SQL; the periods of each age group in Python."""
    last = len(counter.periods)
    ages = policies.AgeSpans([period.end for period in counter.periods])
    # A cell is (library id as an integer, faster to look up than a UUID,
    # gender, disability, age group).
    held = defaultdict(lambda: [0] * (last + 1))  # cell -> change of members held per period
    new = defaultdict(int)  # (cell, period index) -> new members
    for library_id, gender, disability, born, joined, left, members in _member_rows(counter, ages):
        first, after = max(joined, 0), last if left is None else left
        spans = [(UNKNOWN, 0, last)] if born is None else ages.at_position(born)
        for age, since, until in spans:
            cell = (library_id.int, code_of(gender), member_disability(disability), age)
            if since <= joined < until:
                new[(cell, joined)] += members
            if max(first, since) < min(after, until):
                held[cell][max(first, since)] += members
                held[cell][min(after, until)] -= members
    figures = defaultdict(int)
    for cell, changes in held.items():
        for index, members in enumerate(itertools.accumulate(changes[:last])):
            _add_members(figures, cell, index, "members.total", members)
    for (cell, index), members in new.items():
        _add_members(figures, cell, index, "members.new", members)
    library_ids = {library_id.int: library_id for library_id in counter.ids}
    for (library, index, code), members in figures.items():
        counter.add(library_ids[library], index, code, members)


def _add_members(figures: dict, cell: tuple, index: int, code: str, members: int) -> None:
    """Add ``members`` of ``cell`` to ``code`` and its breakdowns."""
    library, gender, disability, age = cell
    figures[(library, index, code)] += members
    figures[(library, index, f"{code}.gender.{gender}")] += members
    figures[(library, index, f"{code}.disability.{disability}")] += members
    if age:
        figures[(library, index, f"{code}.age.{age}")] += members


def _member_rows(counter: Counter, ages: policies.AgeSpans):
    """(library id, gender, disability, where the birth date falls among
    ``ages.days`` (``bisect_left``), first period, first period gone at the
    end of, how many) of the confirmed members who joined by the last
    period's end."""
    afters = [day + datetime.timedelta(days=1) for day in ages.days]
    born = Case(
        When(birth_date__isnull=False, then=by_halves("birth_date", afters, 0, len(afters))),
        default=Value(None),
        output_field=IntegerField(),
    )
    joined = counter.placed("created_at", moment=True, before=BEFORE)
    left = counter.placed("deleted_at", moment=True, before=0)
    return (
        Member.objects.filter(library_id__in=counter.ids, created_at__lt=counter.span.ends_before())
        .exclude(status=Member.Status.PENDING)
        .annotate(born=born, joined=joined, left=left)
        .values_list("library_id", "gender", "disability", "born", "joined", "left")
        .annotate(members=Count("pk"))
        .order_by()
    )


def member_disability(declared: str) -> str:
    """A member's disability as the inclusion figures count it: declared or
    not (members declare one only if they wish: none is "not said")."""
    return "yes" if declared else UNKNOWN


def member_part(part: str, day: datetime.date) -> Q | None:
    """The members a breakdown of the members' figures counts (``part``:
    ``gender.female``, ``age.6-12``, ``disability.yes``...; ages on ``day``,
    the period's last day), as ``_members`` counts them; ``None`` for a
    part there is none of."""
    name, _dot, code = part.partition(".")
    if name == "gender" and code in (*Gender.values, UNKNOWN):
        return Q(gender="" if code == UNKNOWN else code)
    if name == "disability" and code in ("yes", UNKNOWN):
        return ~Q(disability="") if code == "yes" else Q(disability="")
    if name == "age" and code == UNKNOWN:
        return Q(birth_date__isnull=True)
    for low, high, label in AGE_GROUPS:
        if name == "age" and code == label:
            return Q(
                birth_date__lte=policies.years_before(day, low),
                birth_date__gt=policies.years_before(day, high + 1),
            )
    return None


def _member_moves(counter: Counter, field: str, code: str) -> None:
    rows = (
        Member.objects.filter(during(field)(counter.span), library_id__in=counter.ids)
        .exclude(status=Member.Status.PENDING)
        .annotate(period=counter.placed(field, moment=True))
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
