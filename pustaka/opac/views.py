"""The public site: the district's libraries, for anyone, without JavaScript."""

from itertools import groupby

from django.shortcuts import render
from django.utils import timezone

from pustaka.libraries import policies, queries


def home(request):
    """The district home page: every library, grouped by kecamatan."""
    libraries = list(queries.libraries_public())
    groups = [
        (kecamatan, list(items))
        for kecamatan, items in groupby(libraries, key=lambda library: library.kecamatan)
    ]
    context = {"district": queries.district_current(), "groups": groups, "count": len(libraries)}
    return render(request, "opac/home.html", context)


def library_page(request, code):
    """One library's page: address, hours with today's status, contact."""
    library = queries.library_public(code)
    now = timezone.localtime()
    hours = library.opening_hours or {}
    context = {
        "library": library,
        "week": policies.opening_week(hours, today=now.weekday()),
        "open_now": policies.is_open_at(hours, now),
        "has_hours": bool(hours),
    }
    return render(request, "opac/library.html", context)
