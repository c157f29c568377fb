"""The visitor book's kiosk at the library's door, under
``/staff/visits/<code>/kiosk/``: a member scans their card (one step, then
one optional tap for why they came), a guest taps four answers, staff count
a group. After each entry the kiosk is ready for the next card, and says
in words what was recorded.

Plain forms that work without JavaScript (each entry redirects back); with
htmx the working area is swapped in place, the confirmation is announced
in a live region and the card field takes the focus again."""

from django.http import Http404, HttpResponse
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
from pustaka.visits import policies, queries, services
from pustaka.visits.forms import CardScanForm, GroupForm, GuestForm, PurposeForm, focus_first
from pustaka.visits.models import Purpose, Visit

MODES = {
    "member": gettext_lazy("Member card"),
    "guest": gettext_lazy("Guest"),
    "group": gettext_lazy("Group"),
}


def loggable_library(request, code: str):
    """The library whose book ``code`` names: 404 when the user may not see
    it, 403 when they may see it but not log visits (the district viewer)."""
    library = library_for_user(request.user, code)
    require(policies.may_log(access_for(request.user), library.pk))
    return library


@staff_required
def kiosk_home(request):
    """The kiosk of the user's library; the office picks a library first."""
    access = access_for(request.user)
    libraries = [
        lib for lib in libraries_for_user(request.user) if policies.may_log(access, lib.pk)
    ]
    require(bool(libraries))
    if len(libraries) == 1:
        return redirect("visits:kiosk", code=libraries[0].code)
    return render(request, "visits/choose.html", {"libraries": libraries, "for_kiosk": True})


@staff_required
def kiosk(request, code):
    library = loggable_library(request, code)
    mode = request.GET.get("mode") if request.GET.get("mode") in MODES else "member"
    said = request.session.pop(_said_key(library), None)
    return render(request, "visits/kiosk.html", _context(request, library, mode=mode, said=said))


@staff_required
@require_POST
def kiosk_member(request, code):
    """A card scanned: the visit is recorded at once, whatever the state of
    the membership (it is said in words when it needs the desk)."""
    library = loggable_library(request, code)
    form = CardScanForm(request.POST)
    done, visit = (False, None)
    if form.is_valid():
        done, visit = call_on_form(
            form,
            services.visit_log_member,
            actor=request.user,
            library=library,
            number=form.cleaned_data["number"],
        )
    if not done:
        return _again(request, library, "member", said=_problem(form))
    return _recorded(request, library, _member_said(visit))


@staff_required
@require_POST
def kiosk_purpose(request, code, visit_id):
    """One tap after a scan: why the member came (their visit of a moment ago)."""
    library = loggable_library(request, code)
    visit = _visit_of(request, library, visit_id)
    form = PurposeForm(request.POST)
    if not form.is_valid() or visit.kind != Visit.Kind.MEMBER:
        raise Http404
    changes = {"purpose": form.cleaned_data["purpose"]}
    done, _changed = call_on_form(
        form, services.visit_correct, actor=request.user, visit=visit, changes=changes
    )
    if not done:
        return _again(request, library, "member", said=_problem(form))
    text = _("Thank you! Noted: %(purpose)s.") % {"purpose": visit.get_purpose_display()}
    return _recorded(request, library, {"ok": True, "text": text})


@staff_required
@require_POST
def kiosk_guest(request, code):
    """A guest's answers."""
    library = loggable_library(request, code)
    form = GuestForm(request.POST, library=library)
    done, visit = (False, None)
    if form.is_valid():
        done, visit = call_on_form(
            form, services.visit_log_guest, actor=request.user, library=library, **form.cleaned_data
        )
    if not done:
        return _again(request, library, "guest", form=form, said=_problem(form))
    who = f"{visit.get_gender_display()}, {visit.get_age_group_display()}"
    text = _("Thank you! Visit recorded: %(who)s, %(purpose)s.") % {
        "who": who,
        "purpose": visit.get_purpose_display(),
    }
    return _recorded(request, library, {"ok": True, "text": text})


@staff_required
@require_POST
def kiosk_group(request, code):
    """A group in one entry, counted by gender and age group."""
    library = loggable_library(request, code)
    form = GroupForm(request.POST)
    done, visit = (False, None)
    if form.is_valid():
        done, visit = call_on_form(
            form,
            services.visit_log_group,
            actor=request.user,
            library=library,
            counts=form.counts(),
            purpose=form.cleaned_data["purpose"],
            description=form.cleaned_data["description"],
            disabled_people=form.cleaned_data["disabled_people"],
        )
    if not done:
        return _again(request, library, "group", form=form, said=_problem(form))
    text = _("Group visit recorded: %(count)s people, %(purpose)s.") % {
        "count": visit.people,
        "purpose": visit.get_purpose_display(),
    }
    if visit.description:
        text = f"{text} ({visit.description})"
    return _recorded(request, library, {"ok": True, "text": text})


# -- what the kiosk shows ----------------------------------------------------


def _context(request, library, *, mode: str, said: dict | None = None, form=None) -> dict:
    """The kiosk: today's figures, the mode's form (fresh unless given back
    with its errors), and what was said about the last entry."""
    if form is None:
        form = _fresh_form(library, mode)
    if mode != "member" or form.errors:
        focus_first(form)
    today = policies.local_day(timezone.now())
    (counts,) = queries.visit_counts(request.user, start=today, end=today, library=library)
    return {
        "library": library,
        "mode": mode,
        "modes": [(key, label, _kiosk_url(library, key)) for key, label in MODES.items()],
        "form": form,
        "said": said,
        "counts": counts,
        "purposes": Purpose.choices,
    }


def _fresh_form(library, mode: str):
    if mode == "guest":
        return GuestForm(library=library)
    if mode == "group":
        return GroupForm()
    form = CardScanForm()
    form.fields["number"].widget.attrs["autofocus"] = True
    return form


def _member_said(visit: Visit) -> dict:
    member = visit.member
    notes = policies.membership_notes(
        is_blocked=member.is_blocked,
        expires_on=member.expires_on,
        today=visit.visited_on,
    )
    text = _("Welcome! Visit recorded for card %(number)s.") % {"number": member.number}
    return {"ok": True, "text": text, "notes": notes, "ask_purpose": str(visit.pk)}


def _problem(form) -> dict:
    """The refusal in words: the form's own message where it has one (an
    unknown card, a group without anyone counted), else where to look."""
    messages = form.non_field_errors() or form.errors.get("number")
    if messages:
        return {"ok": False, "text": " ".join(messages)}
    return {"ok": False, "text": _("Some answers are missing or wrong: see the marked questions.")}


def _said_key(library) -> str:
    return f"visits_kiosk_said_{library.code}"


def _kiosk_url(library, mode: str = "member") -> str:
    url = reverse("visits:kiosk", args=[library.code])
    return url if mode == "member" else f"{url}?mode={mode}"


def _recorded(request, library, said: dict) -> HttpResponse:
    """Back to the card scan, saying what was recorded: in place for htmx,
    else a redirect (so a reload never records twice)."""
    if request.htmx:
        context = _context(request, library, mode="member", said=said)
        response = render(request, "visits/kiosk_swap.html", context)
        response["HX-Replace-Url"] = _kiosk_url(library)
        return response
    request.session[_said_key(library)] = said
    return redirect(_kiosk_url(library))


def _again(request, library, mode: str, *, said: dict, form=None) -> HttpResponse:
    """The same mode again with what went wrong (a fresh card field, so the
    next scan is not typed after the wrong number)."""
    template = "visits/kiosk_swap.html" if request.htmx else "visits/kiosk.html"
    response = render(
        request, template, _context(request, library, mode=mode, said=said, form=form)
    )
    if request.htmx:
        response["HX-Replace-Url"] = _kiosk_url(library, mode)
    return response


def _visit_of(request, library, visit_id) -> Visit:
    visit = queries.visit_for_user(request.user, visit_id)
    if visit.library_id != library.pk:
        raise Http404
    return visit
