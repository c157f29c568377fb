"""The public site: the district's libraries, for anyone, without JavaScript."""

import datetime
from itertools import groupby

from django.shortcuts import render
from django.utils import timezone

from pustaka.circulation import policies as circulation_policies
from pustaka.circulation import queries as circulation_queries
from pustaka.libraries import policies, queries
from pustaka.news.queries import posts_published
from pustaka.programs.queries import public_highlights

HOME_NEWS = 5
LIBRARY_NEWS = 3
# How far ahead a library page lists the days it is closed.
CLOSED_DAYS_AHEAD = 30


def home(request):
    """The district home page: every library, grouped by kecamatan, and the
    latest news of all libraries."""
    libraries = list(queries.libraries_public())
    groups = [
        (kecamatan, list(items))
        for kecamatan, items in groupby(libraries, key=lambda library: library.kecamatan)
    ]
    context = {
        "district": queries.district_current(),
        "groups": groups,
        "count": len(libraries),
        "news": posts_published()[:HOME_NEWS],
        **public_highlights(),
    }
    return render(request, "opac/home.html", context)


def library_page(request, code):
    """One library's page: what it is and offers, where (with a link for a map
    app), hours with today's status from its calendar, contact, latest news."""
    library = queries.library_public(code)
    now = timezone.localtime()
    context = {
        "library": library,
        **_today(library, now),
        "map": map_links(library.latitude, library.longitude),
        "news": posts_published(library=library)[:LIBRARY_NEWS],
        **public_highlights(library=library),
    }
    return render(request, "opac/library.html", context)


def _today(library, now: datetime.datetime) -> dict:
    """The week's hours and today's status: a holiday (the library's own or
    the district's) closes the library all day, whatever its weekly hours;
    and the dated closed days of the coming weeks."""
    today = now.date()
    hours = library.opening_hours or {}
    holidays = circulation_queries.holidays_between(
        library, start=today, end=today + datetime.timedelta(days=CLOSED_DAYS_AHEAD)
    )
    holiday_today = next((holiday for holiday in holidays if holiday.date == today), None)
    closed = circulation_policies.closed_checker(hours, {holiday.date for holiday in holidays})
    return {
        "week": policies.opening_week(hours, today=now.weekday()),
        "has_hours": bool(hours),
        "holiday_today": holiday_today,
        "open_now": not closed(today) and policies.is_open_at(hours, now),
        "hours_today": policies.format_day_hours(hours.get(str(now.weekday()), [])),
        "closed_days": _by_date(holiday for holiday in holidays if holiday.date > today),
    }


def _by_date(holidays) -> list[tuple[datetime.date, str]]:
    """``(date, names)`` of the coming closed days: a library's own holiday
    and the district's may fall on one date."""
    return [
        (date, ", ".join(holiday.name for holiday in same))
        for date, same in groupby(holidays, key=lambda holiday: holiday.date)
    ]


def map_links(latitude, longitude) -> dict | None:
    """The coordinates as text and as links that open a map app or
    OpenStreetMap: links only, nothing is loaded from outside."""
    if latitude is None or longitude is None:
        return None
    lat, lon = f"{latitude:f}", f"{longitude:f}"
    return {
        "text": f"{lat}, {lon}",
        "geo": f"geo:{lat},{lon}",
        "osm": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
    }
