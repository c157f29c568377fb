"""Staff pages for stories of change, under ``/staff/programs/stories/``:
the list, writing one, its page (edit, the person's consent, photos,
publish or take off the public pages), deleting it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.programs import forms, policies, queries, services
from pustaka.programs.views import (
    call_with_message,
    may_record_somewhere,
    office_libraries,
    own_library,
)
from pustaka.programs.views_attendance import add_sent_photo


@staff_required
def story_list(request):
    context = {
        "stories": queries.stories_for_user(request.user),
        "can_record": may_record_somewhere(access_for(request.user)),
    }
    return render(request, "programs/story_list.html", context)


def _activities(request, library):
    return queries.activities_for_user(request.user, period="all", library=library)


@staff_required
@require_http_methods(["GET", "POST"])
def story_new(request):
    """Write a story down; it is a draft until consent is recorded and it is published."""
    require(may_record_somewhere(access_for(request.user)))
    libraries = office_libraries(request)
    library = None if libraries is not None else own_library(request)
    form = forms.StoryForm(
        request.POST or None, activities=_activities(request, library), libraries=libraries
    )
    if request.method == "POST" and form.is_valid():
        ok, story = call_on_form(
            form,
            services.story_create,
            actor=request.user,
            library=form.cleaned_data.get("library") or library,
            fields=form.values(),
        )
        if ok:
            messages.success(
                request,
                _("The story is saved as a draft. Record the person's consent to publish it."),
            )
            return redirect("programs:story", story_id=story.pk)
    return render(request, "programs/story_new.html", {"form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def story_detail(request, story_id):
    """A story: edit it, record or withdraw consent, add photos, publish."""
    story = queries.story_for_user(request.user, story_id)
    access = access_for(request.user)
    can_record = policies.may_record(access, story.library_id)
    initial = forms.StoryForm.initial_of(story)
    initial["member_number"] = story.member.number if story.member_id else ""
    form = forms.StoryForm(
        request.POST or None, initial=initial, activities=_activities(request, story.library)
    )
    if request.method == "POST":
        require(can_record)
        if form.is_valid():
            ok, _changed = call_on_form(
                form, services.story_update, actor=request.user, story=story, changes=form.values()
            )
            if ok:
                messages.success(request, _("The story is saved."))
                return redirect("programs:story", story_id=story.pk)
    return _story_page(request, story, form=form, can_record=can_record)


def _story_page(request, story, *, form=None, consent_form=None, can_record=True):
    context = {
        "story": story,
        "form": form,
        "consent_form": consent_form or forms.ConsentForm(),
        "withdraw_form": forms.WithdrawForm(),
        "photo_form": forms.PhotoForm(),
        "photos": queries.photos_of(story),
        "can_record": can_record,
        "can_delete": policies.may_delete(access_for(request.user), story.library_id),
    }
    return render(request, "programs/story_detail.html", context)


def _story_for_recording(request, story_id):
    story = queries.story_for_user(request.user, story_id)
    require(policies.may_record(access_for(request.user), story.library_id))
    return story


@staff_required
@require_POST
def story_consent(request, story_id):
    """Record the person's consent: when, by whom, and what they agreed to."""
    story = _story_for_recording(request, story_id)
    consent_form = forms.ConsentForm(request.POST)
    if consent_form.is_valid():
        ok, _story = call_on_form(
            consent_form,
            services.story_consent_record,
            actor=request.user,
            story=story,
            **consent_form.cleaned_data,
        )
        if ok:
            messages.success(request, _("The consent is recorded: the story may be published."))
            return redirect("programs:story", story_id=story.pk)
    edit = forms.StoryForm(
        initial=forms.StoryForm.initial_of(story), activities=_activities(request, story.library)
    )
    return _story_page(request, story, form=edit, consent_form=consent_form)


@staff_required
@require_POST
def story_withdraw(request, story_id):
    story = _story_for_recording(request, story_id)
    form = forms.WithdrawForm(request.POST)
    if form.is_valid() and call_with_message(
        request,
        services.story_consent_withdraw,
        actor=request.user,
        story=story,
        withdrawn_on=form.cleaned_data["withdrawn_on"],
    ):
        messages.success(request, _("The consent is withdrawn: the story is off the public pages."))
    return redirect("programs:story", story_id=story.pk)


@staff_required
@require_POST
def story_publish(request, story_id):
    story = _story_for_recording(request, story_id)
    if call_with_message(request, services.story_publish, actor=request.user, story=story):
        messages.success(request, _("The story is published on the library's page."))
    return redirect("programs:story", story_id=story.pk)


@staff_required
@require_POST
def story_unpublish(request, story_id):
    story = _story_for_recording(request, story_id)
    if call_with_message(request, services.story_unpublish, actor=request.user, story=story):
        messages.success(request, _("The story is off the public pages."))
    return redirect("programs:story", story_id=story.pk)


@staff_required
@require_POST
def story_photo_add(request, story_id):
    story = _story_for_recording(request, story_id)
    add_sent_photo(request, story=story)
    return redirect("programs:story", story_id=story.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def story_delete(request, story_id):
    story = queries.story_for_user(request.user, story_id)
    require(policies.may_delete(access_for(request.user), story.library_id))
    if request.method == "POST":
        if call_with_message(request, services.story_delete, actor=request.user, story=story):
            messages.success(request, _("The story is deleted."))
            return redirect("programs:stories")
        return redirect("programs:story", story_id=story.pk)
    context = {"object": story, "cancel_url": reverse("programs:story", args=[story.pk])}
    return render(request, "programs/confirm_delete.html", context)
