"""The staff's Visits pages, under ``/staff/visits/``: a library's visitor
book of today (correct or delete a mistaken entry the same day), its
computer sessions, and the counts per day of the last four weeks."""

import datetime
from collections import Counter

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError, NotPermitted, call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_for_user, library_for_user
from pustaka.members.models import Gender
from pustaka.members.policies import AGE_GROUP_CHOICES
from pustaka.visits import policies, queries, services
from pustaka.visits.forms import GroupForm, GuestForm, PurposeForm, SessionForm
from pustaka.visits.models import ComputerPurpose, Purpose, Visit

WEEKS_SHOWN = 4


@staff_required
def visits_home(request):
    """The user's library's visits; the office picks a library first."""
    libraries = list(libraries_for_user(request.user))
    if len(libraries) == 1:
        return redirect("visits:library", code=libraries[0].code)
    return render(request, "visits/choose.html", {"libraries": libraries, "for_kiosk": False})


@staff_required
def library_visits(request, code):
    """Today's entries and sessions, and the figures of the last weeks."""
    return _library_page(request, library_for_user(request.user, code), SessionForm())


def _library_page(request, library, session_form):
    today = policies.local_day(timezone.now())
    start = today - datetime.timedelta(days=WEEKS_SHOWN * 7 - 1)
    days = queries.visit_counts(request.user, start=start, end=today, library=library)
    sessions = queries.session_counts(request.user, start=start, end=today, library=library)
    total = queries.visit_totals(days)
    context = {
        "library": library,
        "today": today,
        "may_log": policies.may_log(access_for(request.user), library.pk),
        "visits": queries.visits_for_user(request.user, library=library, day=today),
        "sessions": queries.sessions_for_user(request.user, library=library, day=today),
        "session_form": session_form,
        "days": list(zip(reversed(days), reversed(sessions), strict=True)),
        "weeks": WEEKS_SHOWN,
        "counts_today": days[-1],
        "sessions_today": sessions[-1],
        "total": total,
        "total_sessions": sum(day.sessions for day in sessions),
        "breakdowns": _breakdowns(total),
        "session_purposes": _rows(
            sum((day.by_purpose for day in sessions), start=Counter()), ComputerPurpose.choices
        ),
    }
    return render(request, "visits/library.html", context)


def _rows(counter, choices) -> list[tuple[str, int]]:
    """``(label, count)`` in the order of ``choices``, then "not said" if any."""
    rows = [(label, counter.get(code, 0)) for code, label in choices]
    if counter.get(""):
        rows.append((_("Not said"), counter[""]))
    return rows


def _breakdowns(total: queries.DayVisits) -> list[tuple[str, list]]:
    return [
        (_("Purpose of the visit"), _rows(total.by_purpose, Purpose.choices)),
        (_("Gender"), _rows(total.by_gender, Gender.choices)),
        (_("Age group"), _rows(total.by_age_group, AGE_GROUP_CHOICES)),
    ]


@staff_required
def visit_correct(request, code, visit_id):
    """Correct an entry of today: a member's purpose, a guest's answers, a group's counts."""
    library, visit = _library_visit(request, code, visit_id)
    require(policies.may_log(access_for(request.user), library.pk))
    form = _correct_form(visit, library, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done, _changed = call_on_form(
            form,
            services.visit_correct,
            actor=request.user,
            visit=visit,
            changes=_changes(visit, form),
        )
        if done:
            messages.success(request, _("The entry is corrected."))
            return redirect("visits:library", code=library.code)
    context = {"library": library, "visit": visit, "form": form}
    return render(request, "visits/correct.html", context)


def _correct_form(visit: Visit, library, data):
    if visit.kind == Visit.Kind.GROUP:
        return GroupForm(data, initial=GroupForm.initial_of(visit))
    if visit.kind == Visit.Kind.GUEST:
        initial = {name: getattr(visit, name) for name in ("gender", "age_group", "purpose")}
        initial |= {"village": visit.village_id, "disability": visit.disability}
        return GuestForm(data, initial=initial, library=library)
    form = PurposeForm(data, initial={"purpose": visit.purpose})
    form.fields["purpose"].required = False
    return form


def _changes(visit: Visit, form) -> dict:
    data = form.cleaned_data
    if visit.kind == Visit.Kind.GROUP:
        names = ("purpose", "description", "disabled_people")
        return {name: data[name] for name in names} | {"counts": form.counts()}
    return data


@staff_required
@require_POST
def visit_delete(request, code, visit_id):
    library, visit = _library_visit(request, code, visit_id)
    _call_or_say(request, services.visit_delete, actor=request.user, visit=visit)
    return redirect("visits:library", code=library.code)


@staff_required
@require_POST
def session_log(request, code):
    """Record a computer or internet session (from the Visits page)."""
    library = library_for_user(request.user, code)
    form = SessionForm(request.POST)
    if form.is_valid():
        done, session = call_on_form(
            form,
            services.computer_session_log,
            actor=request.user,
            library=library,
            **form.cleaned_data,
        )
        if done:
            messages.success(
                request,
                _("Computer session recorded: %(minutes)s minutes, %(purpose)s.")
                % {"minutes": session.minutes, "purpose": session.get_purpose_display()},
            )
            return redirect("visits:library", code=library.code)
    return _library_page(request, library, form)


@staff_required
@require_POST
def session_delete(request, code, session_id):
    library = library_for_user(request.user, code)
    session = queries.session_for_user(request.user, session_id)
    if session.library_id != library.pk:
        raise Http404
    _call_or_say(request, services.computer_session_delete, actor=request.user, session=session)
    return redirect("visits:library", code=library.code)


def _library_visit(request, code, visit_id) -> tuple:
    library = library_for_user(request.user, code)
    visit = queries.visit_for_user(request.user, visit_id)
    if visit.library_id != library.pk:
        raise Http404
    return library, visit


def _call_or_say(request, service, **kwargs) -> None:
    """Delete through ``service``, saying what happened (or why not)."""
    try:
        service(**kwargs)
    except NotPermitted:
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The entry is deleted."))
