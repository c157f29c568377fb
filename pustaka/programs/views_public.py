"""Public pages of the programmes, without JavaScript: upcoming activities
(``/kegiatan/``) with a page each where anyone registers, and published
stories of change (``/cerita/``). Registrants are never named: the pages
say how many places are taken."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pustaka.core import abuse
from pustaka.core.errors import call_on_form
from pustaka.libraries.queries import library_public
from pustaka.programs import forms, policies, queries, services

PER_PAGE = 20
LIBRARY_PARAMETER = "perpustakaan"


def _library(request):
    code = request.GET.get(LIBRARY_PARAMETER, "").strip()
    return library_public(code) if code else None


def activity_list(request):
    """Upcoming public activities of every library, soonest first;
    ``?perpustakaan=CODE``: one library's."""
    library = _library(request)
    activities = queries.activities_upcoming_public(library=library)
    context = {
        "library": library,
        "page": Paginator(activities, PER_PAGE).get_page(request.GET.get("page")),
        "library_parameter": LIBRARY_PARAMETER,
    }
    return render(request, "programs/public_activities.html", context)


@require_http_methods(["GET", "POST"])
def activity_page(request, activity_id):
    """An activity, the places taken (a count), and the registration form
    while it takes registrations."""
    activity = queries.activity_public(activity_id)
    is_open = queries.registration_open(activity)
    form = forms.RegistrationForm(request.POST or None)
    if request.method == "POST" and is_open and form.is_valid():
        ok, registration = call_on_form(
            form,
            services.registration_submit,
            activity=activity,
            honeypot=request.POST.get(abuse.HONEYPOT_FIELD, ""),
            client=abuse.client_key(request.META),
            **form.cleaned_data,
        )
        if ok:
            messages.success(request, _registered_message(registration))
            return redirect("programs_public:activity", activity_id=activity.pk)
    context = {
        "activity": activity,
        "is_open": is_open,
        "form": form,
        "notice": policies.REGISTRATION_NOTICE,
        "places_left": max((activity.capacity or 0) - activity.places_taken, 0),
    }
    return render(request, "programs/public_activity.html", context)


def _registered_message(registration) -> str:
    if registration.status == registration.Status.CONFIRMED:
        return _("You are registered: a place is kept for you. Welcome!")
    return _(
        "All places are taken: you are number %(place)s on the waiting list. "
        "The library will tell you when a place frees up."
    ) % {"place": queries.waiting_place(registration)}


def story_list(request):
    """Published stories of change, newest first; ``?perpustakaan=CODE``: one library's."""
    library = _library(request)
    context = {
        "library": library,
        "page": Paginator(queries.stories_published(library=library), PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "library_parameter": LIBRARY_PARAMETER,
    }
    return render(request, "programs/public_stories.html", context)


def story_page(request, story_id):
    story = queries.story_public(story_id)
    context = {"story": story, "photos": queries.photos_of(story)}
    return render(request, "programs/public_story.html", context)
