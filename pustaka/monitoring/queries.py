"""Reads of monitoring, scoped to the asking user: profile figures, targets
and their progress, who a library reaches by village, and the rows behind
each figure (the drill-down), counted exactly as ``counting.py`` counts."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from pustaka.catalog.models import Item
from pustaka.circulation.models import Loan
from pustaka.core.permissions import access_for, scope_to_user
from pustaka.libraries.models import Library
from pustaka.members.models import Member
from pustaka.monitoring import counting, definitions
from pustaka.monitoring.definitions import RATIO, SUM, UNKNOWN, Indicator
from pustaka.monitoring.models import LibraryFigure, Target
from pustaka.monitoring.policies import Period, Progress, progress
from pustaka.programs.models import ActivityPartner, Contribution, Participant, Partner, Story
from pustaka.programs.queries import categories
from pustaka.training.models import ActionItem, MentoringVisit, Trainee
from pustaka.visits.models import ComputerSession, Visit

LIVE = Q(deleted_at__isnull=True)


def indicator_definitions() -> list[Indicator]:
    """Every indicator, activities by every category (also those no longer in use)."""
    return definitions.indicator_list(list(categories(in_use=False).values_list("code", "name")))


def target_indicator_codes() -> set[str]:
    return {item.code for item in indicator_definitions()}


# Profile figures ------------------------------------------------------------------


def figures_of(library: Library) -> QuerySet[LibraryFigure]:
    """Every profile figure recorded for ``library`` (seen by the caller), newest first."""
    return LibraryFigure.objects.filter(LIVE, library=library).order_by("kind", "-as_of")


def figure_for_user(user, figure_id) -> LibraryFigure:
    figures = scope_to_user(LibraryFigure.objects.filter(LIVE), user)
    figure = figures.select_related("library").filter(pk=figure_id).first()
    if figure is None:
        raise Http404
    return figure


# Targets --------------------------------------------------------------------------


def targets_for_user(user, *, year: int) -> QuerySet[Target]:
    """The year's targets the user may see: their libraries' and those for
    every library."""
    targets = Target.objects.filter(LIVE, year=year)
    seen = scope_to_user(targets, user) | targets.filter(library__isnull=True)
    return seen.select_related("library").order_by("indicator", "library__name")


def target_for_user(user, target_id) -> Target:
    target = targets_for_user_any_year(user).filter(pk=target_id).first()
    if target is None:
        raise Http404
    return target


def targets_for_user_any_year(user) -> QuerySet[Target]:
    targets = Target.objects.filter(LIVE)
    return scope_to_user(targets, user) | targets.filter(library__isnull=True)


@dataclass(frozen=True)
class TargetProgress:
    """An indicator's target for a library (or the district) and where it stands."""

    indicator: Indicator
    library: Library | None
    progress: Progress
    for_every_library: bool


def targets_progress(
    *, table, targets: list[Target], year: int, today: datetime.date | None = None
) -> list[TargetProgress]:
    """Progress of ``table``'s rows (an ``IndicatorTable`` of the year so far,
    one period) against ``targets``: a library's own target, else the one for
    every library. The district's target is its libraries' added up, for
    figures that add up, when every library has one."""
    today = today or timezone.localdate()
    through = min(today, datetime.date(year, 12, 31))
    by_code = {item.code: item for item in table.definitions}
    everyone = list(Library.objects.filter(LIVE).values_list("pk", flat=True))
    found = []
    for code in sorted({target.indicator for target in targets if target.indicator in by_code}):
        item = by_code[code]
        chosen = {t.library_id: t for t in targets if t.indicator == code}
        for row in table.rows:
            target = chosen.get(row.library.pk) or chosen.get(None)
            if target is not None:
                found.append(_progress(item, row, target.value, year, through, target.library_id))
        if table.district is not None:
            total = _district_target(item, chosen, everyone)
            if total is not None:
                found.append(_progress(item, table.district, total, year, through, None))
    return found


def _progress(item, row, value: Decimal, year: int, through, library_id) -> TargetProgress:
    figure = row.value(item.code, 0) if through >= datetime.date(year, 1, 1) else None
    reached = progress(target=value, value=figure, grows=item.grows, year=year, through=through)
    return TargetProgress(
        indicator=item, library=row.library, progress=reached, for_every_library=not library_id
    )


def _district_target(item: Indicator, chosen: dict, library_ids: list) -> Decimal | None:
    if item.district != SUM or item.kind == RATIO:
        return None
    values = [(chosen.get(library_id) or chosen.get(None)) for library_id in library_ids]
    if not values or any(value is None for value in values):
        return None
    return sum(target.value for target in values)


# Who a library reaches --------------------------------------------------------------


def reach_by_village(library: Library | None, period: Period) -> list[dict]:
    """Visitors, participants and members of ``library`` (None: of every
    library) in ``period`` by the village they come from (``None``: not
    said), most reached first."""
    rows = {}
    ids = [library.pk] if library else list(Library.objects.values_list("pk", flat=True))
    visits = Visit.objects.filter(
        LIVE, library_id__in=ids, visited_on__range=(period.start, period.end)
    )
    for name, people in _by_village(visits, Sum("people")):
        rows.setdefault(name, _reach(name))["visitors"] = people
    done = counting.done_activities(ids, period)
    participants = Participant.objects.filter(LIVE, activity__in=done)
    for name, people in _by_village(participants, Count("pk")):
        rows.setdefault(name, _reach(name))["participants"] = people
    members = members_held(period).filter(library_id__in=ids)
    for name, people in _by_village(members, Count("pk")):
        rows.setdefault(name, _reach(name))["members"] = people
    return sorted(rows.values(), key=lambda row: (row["name"] is None, -_reached(row)))


def _by_village(queryset, figure):
    return queryset.order_by().values_list("village__name").annotate(figure=figure)


def _reach(name) -> dict:
    return {"name": name, "visitors": 0, "participants": 0, "members": 0}


def _reached(row: dict) -> int:
    return row["visitors"] + row["participants"] + row["members"]


# The rows behind a figure -------------------------------------------------------------


def members_held(period: Period) -> QuerySet[Member]:
    """Members held at the end of ``period`` (as ``counting`` counts them)."""
    after = period.ends_before()
    return Member.objects.exclude(status=Member.Status.PENDING).filter(
        Q(deleted_at__isnull=True) | Q(deleted_at__gte=after), created_at__lt=after
    )


def _visits(period):
    return Visit.objects.filter(LIVE, counting.on_days("visited_on")(period)).order_by(
        "-visited_at"
    )


def _loans(period):
    lent = Loan.objects.filter(LIVE, counting.during("checked_out_at")(period))
    return lent.select_related("item__record", "borrower_category").order_by("-checked_out_at")


def _returns(period):
    returned = Loan.objects.filter(LIVE, counting.during("returned_at")(period))
    return returned.select_related("item__record", "library").order_by("-returned_at")


def _members(period):
    return members_held(period).select_related("category").order_by("number")


def _new_members(period):
    joined = Member.objects.exclude(status=Member.Status.PENDING)
    return joined.filter(counting.during("created_at")(period)).order_by("-created_at")


def _copies(period):
    held = counting.held_copies().filter(counting.added_by(period))
    return held.select_related("record").order_by("barcode")


def _copies_added(period):
    added = Item.objects.filter(LIVE, counting.added_in(period))
    return added.select_related("record").order_by("-acquired_on", "-created_at")


def _activities(period, library_ids):
    done = counting.done_activities(library_ids, period)
    return done.select_related("category", "library").order_by("-starts_at")


def _sessions(period):
    return ComputerSession.objects.filter(LIVE, counting.on_days("started_on")(period)).order_by(
        "-started_at"
    )


def _contributions(period):
    given = Contribution.objects.filter(LIVE, counting.on_days("given_on")(period))
    return given.select_related("partner", "activity").order_by("-given_on")


def _stories(period):
    return Story.objects.filter(LIVE, counting.on_days("happened_on")(period)).order_by(
        "-happened_on"
    )


def _partners(period, library_ids):
    """Partners who contributed in the period or took part in one of its activities."""
    given = Contribution.objects.filter(LIVE, counting.on_days("given_on")(period))
    given = given.filter(library_id__in=library_ids)
    done = counting.done_activities(library_ids, period)
    involved = ActivityPartner.objects.filter(LIVE, activity__in=done)
    engaged = Q(pk__in=given.values("partner_id")) | Q(pk__in=involved.values("partner_id"))
    return Partner.objects.filter(engaged).order_by("name")


def _trainees(period, library_ids):
    present = counting.trainees_present(library_ids, period)
    trainees = Trainee.objects.filter(pk__in=present.values("trainee_id"))
    return trainees.select_related("training", "library").order_by("training__starts_on", "number")


def _mentoring(period):
    visits = MentoringVisit.objects.filter(LIVE, counting.on_days("visited_on")(period))
    return visits.order_by("-visited_on")


def _action_items(period):
    done = ActionItem.objects.filter(
        LIVE, counting.on_days("done_on")(period), status=ActionItem.Status.DONE
    )
    return done.select_related("visit").order_by("-done_on")


# The rows a breakdown of a figure can be listed for (``member_part``).
MEMBER_ROWS = ("members", "new_members")
# The figure whose breakdowns open rows of their own: rows -> figure.
PART_FIGURES = {
    "members": "members.total",
    "new_members": "members.new",
    "visits": "visits.people",
    "activities": "activities",
}
# Breakdowns kept on the counted row: rows -> (breakdown, the row's field).
KEPT_PARTS = {"visits": ("purpose", "purpose"), "activities": ("category", "category__code")}
ROWS = {
    "visits": (_visits, "library"),
    "loans": (_loans, "library"),
    "returns": (_returns, "returned_library"),
    "members": (_members, "library"),
    "new_members": (_new_members, "library"),
    "copies": (_copies, "library"),
    "copies_added": (_copies_added, "library"),
    "activities": (_activities, None),
    "sessions": (_sessions, "library"),
    "partners": (_partners, None),
    "contributions": (_contributions, "library"),
    "stories": (_stories, "library"),
    "trainees": (_trainees, None),
    "mentoring": (_mentoring, "library"),
    "action_items": (_action_items, "visit__library"),
}


def rows_behind(
    user, *, source: str, library: Library | None, period: Period, part: str = ""
) -> QuerySet:
    """The rows counted for a figure of ``source`` (``Indicator.rows``) in
    ``period``: of ``library`` (seen by ``user``), or of the whole district
    (only for the office: the rows of another library are never shown);
    with ``part``, those of one breakdown: of the members' figures
    (``disability.yes``, ``gender.female``, ``age.6-12``...), of visits by
    purpose (``purpose.read``), of activities by category (``category.X``)."""
    if source not in ROWS:
        raise Http404
    if library is None and not access_for(user).sees_all_libraries:
        raise Http404
    build, library_field = ROWS[source]
    ids = [library.pk] if library else list(Library.objects.values_list("pk", flat=True))
    if library_field is None:
        rows = build(period, ids)
    else:
        rows = build(period)
        rows = rows.filter(**{f"{library_field}_id__in": ids}) if library else rows
    return _of_part(rows, source, part, period) if part else rows


def _of_part(rows: QuerySet, source: str, part: str, period: Period) -> QuerySet:
    if source in MEMBER_ROWS:
        condition = counting.member_part(part, period.end)
    else:
        condition = _kept_part(source, part)
    if condition is None:
        raise Http404
    return rows.filter(condition)


def _kept_part(source: str, part: str) -> Q | None:
    """The rows of a breakdown kept on the row itself (a visit's purpose, an
    activity's category); ``None`` for a breakdown the source has not."""
    name, _dot, code = part.partition(".")
    kept = KEPT_PARTS.get(source)
    if kept is None or name != kept[0] or not code:
        return None
    return Q(**{kept[1]: "" if code == UNKNOWN else code})


def part_of(item: Indicator) -> str:
    """The breakdown an indicator counts as the rows page takes it
    (``purpose.read``, ``gender.female``...); "" when it is none, or its rows
    cannot be told apart by it."""
    figure = PART_FIGURES.get(item.rows)
    if not item.part or figure is None or not item.code.startswith(f"{figure}."):
        return ""
    return item.code.removeprefix(f"{figure}.")


def rows_href(rows_url: str, item: Indicator, period: Period) -> str:
    """The address of the rows an indicator's figure of ``period`` counts,
    on the rows page ``rows_url`` (a library's or the district's)."""
    return rows_page_href(rows_url, item.rows, period, part_of(item))


def rows_page_href(rows_url: str, source: str, period: Period, part: str = "") -> str:
    """The address of the rows of ``source`` (of one breakdown: ``part``) in
    ``period``, on the rows page ``rows_url``."""
    query = {"source": source, **({"part": part} if part else {})}
    days = {"start": f"{period.start:%Y-%m-%d}", "end": f"{period.end:%Y-%m-%d}"}
    return f"{rows_url}?{urlencode({**query, **days})}"


def part_title(source: str, part: str) -> str:
    """The name of a breakdown's figure, for its rows' page (404: none)."""
    code = f"{PART_FIGURES.get(source)}.{part}"
    item = next((item for item in indicator_definitions() if item.code == code), None)
    if item is None:
        raise Http404
    return item.label
