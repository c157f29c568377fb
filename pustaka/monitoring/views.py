"""The staff's monitoring pages, under ``/staff/monitoring/``: the district
dashboard, a library's figures over time with who it reaches, its profile
figures, the targets, and the rows behind any figure."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_for_user, library_for_user
from pustaka.monitoring import queries, services
from pustaka.monitoring.dashboard import district_dashboard
from pustaka.monitoring.definitions import (
    AGE_GROUPS,
    BY_CODE,
    DISABILITY,
    GENDERS,
    GROUPS,
    KEY_CODES,
    UNKNOWN,
)
from pustaka.monitoring.forms import (
    DashboardForm,
    FigureForm,
    PeriodForm,
    RangeForm,
    TargetForm,
    period_label,
)
from pustaka.monitoring.indicators import indicators
from pustaka.monitoring.policies import TREND_LENGTH, periods_ending
from pustaka.programs.queries import people_per_activity

ROWS_PER_PAGE = 50
ROW_TITLES = {
    "visits": gettext_lazy("Visits"),
    "loans": gettext_lazy("Loans"),
    "returns": gettext_lazy("Returns"),
    "members": gettext_lazy("Members at the end of the period"),
    "new_members": gettext_lazy("New members"),
    "copies": gettext_lazy("Copies held at the end of the period"),
    "copies_added": gettext_lazy("Copies added"),
    "activities": gettext_lazy("Activities held"),
    "sessions": gettext_lazy("Computer and internet sessions"),
    "partners": gettext_lazy("Partners engaged"),
    "contributions": gettext_lazy("Contributions"),
    "stories": gettext_lazy("Stories of change"),
    "trainees": gettext_lazy("Trainees present at a session"),
    "mentoring": gettext_lazy("Mentoring visits"),
    "action_items": gettext_lazy("Mentoring action items done"),
}
# Who is reached, and by what (the inclusion view): the figure and its breakdowns.
REACHED = ("visits.people", "participants", "members.total", "members.new")
DIMENSIONS = (
    ("gender", gettext_lazy("By gender"), GENDERS),
    ("age", gettext_lazy("By age group"), AGE_GROUPS),
    (
        "disability",
        gettext_lazy("By disability"),
        [*DISABILITY[:-1], (UNKNOWN, gettext_lazy("not asked, or none declared"))],
    ),
)
INCLUSION_PARTS = {dimension for dimension, _title, _choices in DIMENSIONS}


# The district dashboard ---------------------------------------------------------------


@staff_required
def dashboard(request):
    """Every library x the key figures of a period, sortable, with trends."""
    form = DashboardForm(request.GET or None)
    period = form.chosen()
    board = district_dashboard(
        user=request.user,
        period=period,
        kecamatan_code=form.chosen_kecamatan(),
        sort=form.chosen_sort(),
    )
    words = _trend_words(period.grain)
    sees_all = access_for(request.user).sees_all_libraries
    district_rows = reverse("monitoring:rows") if sees_all else ""
    totals = [
        (_("Libraries shown"), board.shown_total, ""),
        (_("District"), board.district, district_rows),
    ]
    context = {
        "form": form,
        "board": board,
        "period_name": period_label(period),
        "trend_labels": [period_label(each) for each in board.trend],
        "trend_words": words,
        "headers": _sort_headers(request.GET, board.sort),
        "rows": [(row.library, _cells(board, row, words)) for row in board.rows],
        "totals": [
            (name, _cells(board, row, words), linked) for name, row, linked in totals if row
        ],
        "district_trends": [
            (item, values, list(zip(board.trend, values, strict=True)))
            for item, values in zip(board.columns, board.district.series, strict=True)
        ],
        "sees_all": sees_all,
        "district_rows": district_rows,
    }
    return render(request, "monitoring/dashboard.html", context)


def _cells(board, row, words: str) -> list[dict]:
    """A row's cells: the indicator, the period's value, its trend and the
    trend's name for screen readers."""
    return [
        {
            "item": item,
            "value": values[-1],
            "series": values,
            "label": f"{item.label}, {words}",
        }
        for item, values in zip(board.columns, row.series, strict=True)
    ]


def _trend_words(grain: str) -> str:
    count = TREND_LENGTH[grain]
    return {
        "month": _("the last %(count)s months"),
        "quarter": _("the last %(count)s quarters"),
        "year": _("the last %(count)s years"),
    }[grain] % {"count": count}


def _sort_headers(params: QueryDict, current: str) -> list[dict]:
    """Each sortable column's link and state: numbers largest first on the
    first click, names A to Z; a second click turns the order round."""
    columns = [("name", _("Library")), *[(code, BY_CODE[code].label) for code in KEY_CODES]]
    headers = []
    for key, label in columns:
        state = "descending" if current == f"-{key}" else "ascending" if current == key else "none"
        first = key if key == "name" else f"-{key}"
        query = params.copy()
        query["sort"] = {"ascending": f"-{key}", "descending": key}.get(state, first)
        headers.append(
            {"key": key, "label": label, "href": f"?{query.urlencode()}", "state": state}
        )
    return headers


# A library ------------------------------------------------------------------------------


@staff_required
def library_page(request, code):
    """A library's figures over time, who it reaches, its targets, partners,
    activities and stories."""
    library = library_for_user(request.user, code)
    rows_url = reverse("monitoring:library_rows", args=[library.code])
    context = _figures_context(request, library, rows_url)
    period = context["period"]
    context.update(
        targets=_library_targets(request.user, library, period.end.year),
        may_edit=access_for(request.user).can_edit_library(library.pk),
        **_lists(request.user, library, period, rows_url),
    )
    return render(request, "monitoring/library.html", context)


@staff_required
def district_page(request):
    """The district's figures over time and who its libraries reach together:
    the totals every staff member may see; the office also opens the rows
    behind them and the district's partners, activities and stories."""
    sees_all = access_for(request.user).sees_all_libraries
    rows_url = reverse("monitoring:rows") if sees_all else ""
    context = _figures_context(request, None, rows_url)
    if sees_all:
        context.update(_lists(request.user, None, context["period"], rows_url))
    return render(request, "monitoring/library.html", context)


def _figures_context(request, library, rows_url: str) -> dict:
    """What a library's page and the district's share: the period's figures
    with their trends, and who was reached (``library`` None: the district)."""
    form = PeriodForm(request.GET or None)
    period = form.chosen()
    trend = periods_ending(period, TREND_LENGTH[period.grain])
    table = indicators(
        user=request.user,
        libraries=[library] if library else [],
        start=trend[0].start,
        end=trend[-1].end,
        grain=period.grain,
        district=library is None,
    )
    row = table.row(library) if library else table.district
    return {
        "library": library,
        "rows_url": rows_url,
        "form": form,
        "period": period,
        "period_name": period_label(period),
        "trend_labels": [period_label(each) for each in trend],
        "trend_words": _trend_words(period.grain),
        "groups": _groups(table, row),
        "charts": [
            (BY_CODE[code], row.series(code), list(zip(trend, row.series(code), strict=True)))
            for code in KEY_CODES
        ],
        "inclusion": _inclusion(row, rows_url, period),
        "population": row.value("profile.population_served"),
        "members": row.value("members.total"),
        "villages": queries.reach_by_village(library, period),
    }


def _lists(user, library, period, rows_url: str) -> dict:
    """The partners, activities and stories of ``library`` (None: of the
    district) in ``period``: the first ``ROWS_PER_PAGE`` of each and, when
    there are more, ``<source>_more``: how many and where they all are."""
    found = {}
    for source in ("partners", "activities", "stories"):
        rows = queries.rows_behind(user, source=source, library=library, period=period)
        shown = list(rows[:ROWS_PER_PAGE])
        found[source] = shown
        if len(shown) == ROWS_PER_PAGE:
            href = queries.rows_page_href(rows_url, source, period)
            found[f"{source}_more"] = {"count": rows.count(), "href": href}
    _with_people(found["activities"])
    return found


def _groups(table, row) -> list[tuple[str, list]]:
    """The period's figures by group, each with its trend; of the breakdowns,
    those by purpose and category (the others are the inclusion view's)."""
    groups = {}
    for item in table.definitions:
        if item.part not in INCLUSION_PARTS:
            groups.setdefault(item.group, []).append((item, row.series(item.code)))
    return [(GROUPS[name], items) for name, items in groups.items()]


def _inclusion(row, rows_url: str, period) -> list[dict]:
    """Who was reached in the period, by gender, age group and disability;
    members' figures open the members they count (a member declares a
    disability only if they wish: none is "none declared", never "without")."""
    found = []
    for part, title, choices in DIMENSIONS:
        has_part = [f"{figure}.{part}.unknown" in row.values[-1] for figure in REACHED]
        totals = [row.value(f) if has else None for f, has in zip(REACHED, has_part, strict=True)]
        lines = [
            {
                "label": label,
                "cells": [
                    _reach_cell(row, f"{figure}.{part}.{code}", total, (rows_url, period))
                    for figure, total in zip(REACHED, totals, strict=True)
                ],
            }
            for code, label in choices
        ]
        found.append({"title": title, "lines": lines, "totals": totals})
    return found


def _reach_cell(row, code: str, total, rows: tuple) -> dict:
    """A figure of the inclusion view and, for members, the link to those it counts."""
    value, item, href = row.value(code), BY_CODE.get(code), ""
    rows_url, period = rows
    if value is not None and rows_url and item is not None and item.rows in queries.MEMBER_ROWS:
        href = queries.rows_href(rows_url, item, period)
    return {"value": value, "total": total, "href": href}


def _library_targets(user, library, year: int) -> list:
    targets = [
        target
        for target in queries.targets_for_user(user, year=year)
        if target.library_id in (None, library.pk)
    ]
    if not targets:
        return []
    table = _year_so_far(user, [library], year, district=False)
    return queries.targets_progress(table=table, targets=targets, year=year)


def _year_so_far(user, libraries, year: int, *, district: bool):
    first = datetime.date(year, 1, 1)
    through = max(first, min(timezone.localdate(), datetime.date(year, 12, 31)))
    return indicators(
        user=user, libraries=libraries, start=first, end=through, grain="year", district=district
    )


def _with_people(activities: list) -> None:
    """Give each activity the number of people who took part (``people``)."""
    people = people_per_activity(activities)
    for activity in activities:
        activity.people = people.get(activity.pk, 0)


# Profile figures ---------------------------------------------------------------------


@staff_required
def figures(request, code):
    """A library's profile figures with the day each was true; its manager
    (and the office) record new ones."""
    library = library_for_user(request.user, code)
    may_edit = access_for(request.user).can_edit_library(library.pk)
    form = FigureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require(may_edit)
        if form.is_valid():
            done, _figure = call_on_form(
                form,
                services.library_figure_record,
                actor=request.user,
                library=library,
                **form.cleaned_data,
            )
            if done:
                messages.success(request, _("The figure is recorded."))
                return redirect("monitoring:figures", code=library.code)
    context = {
        "library": library,
        "figures": queries.figures_of(library),
        "form": form,
        "may_edit": may_edit,
    }
    return render(request, "monitoring/figures.html", context)


@staff_required
@require_POST
def figure_delete(request, code, figure_id):
    figure = queries.figure_for_user(request.user, figure_id)
    if figure.library.code != code.upper():
        raise Http404
    services.library_figure_delete(actor=request.user, figure=figure)
    messages.success(request, _("The figure is taken back."))
    return redirect("monitoring:figures", code=figure.library.code)


# Targets ---------------------------------------------------------------------------------


@staff_required
def targets(request):
    """The year's targets and where each library and the district stand;
    the office sets them."""
    year = _year(request.GET.get("year"))
    is_admin = access_for(request.user).is_district_admin
    form = _target_form(request, year)
    if request.method == "POST":
        require(is_admin)
        if form.is_valid():
            done, _target = call_on_form(
                form, services.target_set, actor=request.user, **form.cleaned_data
            )
            if done:
                messages.success(request, _("The target is set."))
                return redirect(f"{request.path}?year={form.cleaned_data['year']}")
    found = list(queries.targets_for_user(request.user, year=year))
    labels = {item.code: item.label for item in queries.indicator_definitions()}
    for target in found:
        target.label = labels.get(target.indicator, target.indicator)
    progress = []
    if found:
        table = _year_so_far(request.user, None, year, district=True)
        progress = queries.targets_progress(table=table, targets=found, year=year)
    context = {
        "year": year,
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
        "targets": found,
        "progress": progress,
        "form": form if is_admin else None,
    }
    return render(request, "monitoring/targets.html", context)


def _year(value) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(value)
    except (TypeError, ValueError):
        return this_year
    return year if 2000 <= year <= this_year + 5 else this_year


def _target_form(request, year: int) -> TargetForm:
    data = request.POST if request.method == "POST" else None
    return TargetForm(
        data,
        initial={"year": year},
        indicators=queries.indicator_definitions(),
        libraries=libraries_for_user(request.user),
    )


@staff_required
@require_POST
def target_delete(request, target_id):
    target = queries.target_for_user(request.user, target_id)
    services.target_delete(actor=request.user, target=target)
    messages.success(request, _("The target is taken away."))
    return redirect(f"{reverse('monitoring:targets')}?year={target.year}")


# The rows behind a figure -----------------------------------------------------------------


@staff_required
def rows(request, code=None):
    """The rows counted for a figure: of a library, or of the whole district
    (the office only)."""
    library = library_for_user(request.user, code) if code else None
    form = RangeForm(request.GET or None)
    if not form.is_valid():
        return render(
            request, "monitoring/rows.html", {"form": form, "library": library}, status=400
        )
    source, part = form.cleaned_data["source"], form.cleaned_data["part"]
    found = queries.rows_behind(
        request.user, source=source, library=library, period=form.period(), part=part
    )
    page = Paginator(found, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    if source == "activities":
        _with_people(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "library": library,
        "source": source,
        "title": queries.part_title(source, part) if part else ROW_TITLES[source],
        "page": page,
        "query": query.urlencode(),
        "row_template": f"monitoring/rows/{source}.html",
    }
    return render(request, "monitoring/rows.html", context)
