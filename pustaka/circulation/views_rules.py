"""Loan rules and closed days pages: the rules matrix (district defaults and
each library's own rules), adding, changing and deleting a rule, a library's
closed days, and the due date a loan would get today."""

import datetime

from django.contrib import messages
from django.db.models import Q
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pustaka.catalog.models import MaterialType
from pustaka.circulation import policies, queries, services
from pustaka.circulation.forms_rules import (
    DISTRICT,
    VALUE_FIELDS,
    DuePreviewForm,
    HolidayForm,
    LoanRuleForm,
    LoanRuleValuesForm,
)
from pustaka.circulation.models import Holiday, LoanRule
from pustaka.core.decorators import staff_required
from pustaka.core.errors import Invalid, call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries.models import Library
from pustaka.libraries.policies import WEEKDAY_NAMES
from pustaka.libraries.queries import libraries_for_user
from pustaka.members.queries import categories


def _editable_libraries(user, libraries) -> list[Library]:
    """Those of ``libraries`` (the ones ``user`` sees) whose rules and closed
    days ``user`` may change."""
    access = access_for(user)
    return [lib for lib in libraries if access.can_edit_library(lib.pk)]


def _visible_rule(user, rule_id) -> LoanRule:
    """A live rule of the district or of a library ``user`` sees; 404 otherwise."""
    rule = (
        LoanRule.objects.filter(pk=rule_id, deleted_at__isnull=True)
        .filter(Q(library__isnull=True) | Q(library__in=libraries_for_user(user)))
        .select_related("library", "category")
        .first()
    )
    if rule is None:
        raise Http404
    return rule


def _can_edit(user, library: Library | None) -> bool:
    access = access_for(user)
    return access.is_district_admin if library is None else access.can_edit_library(library.pk)


def _matrix(rules: list[LoanRule]) -> dict:
    """One scope's rules as a table: a row per member category and a column
    per material type that has a rule (``None``: every one)."""
    row_keys = sorted(
        {rule.category for rule in rules}, key=lambda c: (c is not None, c.name if c else "")
    )
    materials = {rule.material_type for rule in rules}
    columns = [("", _("Every material"))] if "" in materials else []
    columns += [(code, label) for code, label in MaterialType.choices if code in materials]
    cells = {(rule.category_id, rule.material_type): rule for rule in rules}
    rows = [
        {
            "category": category,
            "cells": [cells.get((category and category.pk, code)) for code, _label in columns],
        }
        for category in row_keys
    ]
    return {"columns": columns, "rows": rows}


@staff_required
def rule_matrix(request):
    """The district's defaults, then each library's own rules, with the preview."""
    libraries = list(libraries_for_user(request.user))
    rules = list(
        LoanRule.objects.filter(deleted_at__isnull=True)
        .filter(Q(library__isnull=True) | Q(library__in=libraries))
        .select_related("category")
    )
    by_library = {}
    for rule in rules:
        by_library.setdefault(rule.library_id, []).append(rule)
    sections = [
        {
            "library": library,
            "table": _matrix(by_library[key]),
            "editable": _can_edit(request.user, library),
        }
        for library, key in [(None, None), *((lib, lib.pk) for lib in libraries)]
        if key in by_library
    ]
    following = [lib for lib in libraries if lib.pk not in by_library]
    context = {
        "sections": sections,
        "following": following,
        "can_add": bool(_editable_libraries(request.user, libraries))
        or access_for(request.user).is_district_admin,
        "preview": _preview(request, libraries),
    }
    return render(request, "circulation/rules/matrix.html", context)


def _preview(request, libraries) -> dict:
    """The due date of a loan on a day (today unless said) for the chosen
    library, member category and material type."""
    data = request.GET if "library" in request.GET else None
    library_ids = [lib.pk for lib in libraries]
    form = DuePreviewForm(
        data,
        libraries=Library.objects.filter(pk__in=library_ids).order_by("name"),
        categories=categories(),
    )
    if data is None or not form.is_valid():
        return {"form": form}
    library, category = form.cleaned_data["library"], form.cleaned_data["category"]
    material = form.cleaned_data["material"]
    lent_on = form.lent_on()
    rule, closed = queries.lending_terms(
        library=library, category_id=category.pk, material_type=material, start=lent_on
    )
    return {
        "form": form,
        "library": library,
        "category": category,
        "material": MaterialType(material).label,
        "lent_on": lent_on,
        "is_today": lent_on == timezone.localdate(),
        "rule": rule,
        "due_on": policies.due_date(lent_on, rule.loan_days, closed),
    }


@staff_required
def rule_add(request):
    access = access_for(request.user)
    editable = _editable_libraries(request.user, libraries_for_user(request.user))
    require(access.is_district_admin or bool(editable))
    initial = {"scope": request.GET.get("library", DISTRICT if access.is_district_admin else "")}
    form = LoanRuleForm(
        request.POST or None,
        initial=initial,
        libraries=editable,
        district=access.is_district_admin,
        categories=categories(),
    )
    if request.method == "POST" and form.is_valid():
        ok, _rule = call_on_form(
            form, services.loan_rule_save, actor=request.user, values=form.values(), **form.cell()
        )
        if ok:
            messages.success(request, _("Loan rule saved."))
            return redirect("circulation_settings:rules")
    return render(request, "circulation/rules/rule_form.html", {"form": form, "rule": None})


@staff_required
def rule_edit(request, rule_id):
    rule = _visible_rule(request.user, rule_id)
    require(_can_edit(request.user, rule.library))
    form = LoanRuleValuesForm(request.POST or None, initial=model_to_dict(rule, VALUE_FIELDS))
    if request.method == "POST" and form.is_valid():
        ok, _rule = call_on_form(
            form, services.loan_rule_save, actor=request.user, rule=rule, values=form.values()
        )
        if ok:
            messages.success(request, _("Loan rule saved."))
            return redirect("circulation_settings:rules")
    return render(request, "circulation/rules/rule_form.html", {"form": form, "rule": rule})


@staff_required
@require_POST
def rule_delete(request, rule_id):
    rule = _visible_rule(request.user, rule_id)
    try:
        services.loan_rule_delete(actor=request.user, rule=rule)
    except Invalid as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Loan rule deleted: the more general rule applies again."))
    return redirect("circulation_settings:rules")


def _chosen_library(request, libraries) -> Library | None:
    """The library whose closed days are shown: the one asked for, else the
    user's own, else none (the district's)."""
    wanted = request.GET.get("library") or access_for(request.user).library_id
    return next((lib for lib in libraries if str(lib.pk) == str(wanted)), None)


@staff_required
def holidays(request):
    """A library's closed days: its weekly closing days (from its opening
    hours), the district's holidays and its own, with add and remove."""
    access = access_for(request.user)
    libraries = list(libraries_for_user(request.user))
    library = _chosen_library(request, libraries)
    today = timezone.localdate()
    rows = (
        Holiday.objects.filter(
            deleted_at__isnull=True, date__gte=today - datetime.timedelta(days=31)
        )
        .filter(Q(library__isnull=True) | Q(library=library))
        .select_related("library")
        .order_by("date")
    )
    editable = _editable_libraries(request.user, libraries)
    form = HolidayForm(
        request.POST or None,
        initial={"scope": str(library.pk) if library else DISTRICT},
        libraries=editable,
        district=access.is_district_admin,
    )
    if request.method == "POST" and form.is_valid():
        ok, holiday = call_on_form(
            form,
            services.holiday_add,
            actor=request.user,
            library=form.library(),
            date=form.cleaned_data["date"],
            name=form.cleaned_data["name"],
        )
        if ok:
            messages.success(request, _("Closed day added."))
            return redirect(_holidays_url(holiday))
    context = {
        "libraries": libraries,
        "library": library,
        "weekly_closed": _weekly_closed(library),
        "holidays": [(holiday, _can_edit(request.user, holiday.library)) for holiday in rows],
        "form": form if (editable or access.is_district_admin) else None,
    }
    return render(request, "circulation/rules/holidays.html", context)


def _weekly_closed(library: Library | None) -> list[str]:
    """The weekdays ``library`` is closed (no opening hours that day)."""
    hours = (library.opening_hours or {}) if library else {}
    if not hours:
        return []
    return [str(name) for day, name in enumerate(WEEKDAY_NAMES) if not hours.get(str(day))]


@staff_required
@require_POST
def holiday_remove(request, holiday_id):
    libraries = libraries_for_user(request.user)
    holiday = (
        Holiday.objects.filter(pk=holiday_id, deleted_at__isnull=True)
        .filter(Q(library__isnull=True) | Q(library__in=libraries))
        .select_related("library")
        .first()
    )
    if holiday is None:
        raise Http404
    services.holiday_remove(actor=request.user, holiday=holiday)
    messages.success(request, _("Closed day removed."))
    return redirect(_holidays_url(holiday))


def _holidays_url(holiday: Holiday) -> str:
    url = reverse("circulation_settings:holidays")
    return f"{url}?library={holiday.library_id}" if holiday.library_id else url
