"""Visitors (the visitor book's day counts), computer and internet
sessions, and opening days."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.utils import timezone

from pustaka.circulation.models import Holiday
from pustaka.monitoring import policies
from pustaka.monitoring.counting.base import LIVE, Counter, code_of, on_days
from pustaka.visits.models import ComputerSession
from pustaka.visits.queries import visit_counts


def _district_reader():
    """A reader who sees every library, for the visits app's day counts (which
    take a user); ``indicators`` scopes what it returns itself."""
    return get_user_model()(is_superuser=True, is_active=True)


def count_visits(counter: Counter) -> None:
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
            counter.add(library_id, index, f"visits.people.{part}.{code_of(code)}", people)


def count_sessions(counter: Counter) -> None:
    """Computer and internet sessions and their minutes, on the day each
    started: one grouped statement."""
    rows = (
        ComputerSession.objects.filter(LIVE, on_days("started_on")(counter.span))
        .filter(library_id__in=counter.ids)
        .annotate(period=counter.placed("started_on"))
        .values_list("library_id", "period")
        .annotate(sessions=Count("pk"), minutes=Sum("minutes"))
        .order_by()
    )
    for library_id, index, sessions, minutes in rows:
        counter.add(library_id, index, "sessions", sessions)
        counter.add(library_id, index, "sessions.minutes", minutes)


def count_opening_days(counter: Counter) -> None:
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
