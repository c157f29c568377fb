"""Staff pages for what happens at an activity: attendance (a member's card
scanned, a person who is not a member, or the counts grid), registrations
turned into attendance or cancelled, photos and documents."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.programs import forms, policies, queries, services
from pustaka.programs.models import Activity
from pustaka.programs.views import call_with_message


def _activity_for_recording(request, activity_id) -> Activity:
    activity = queries.activity_for_user(request.user, activity_id)
    require(policies.may_record(access_for(request.user), activity.library_id))
    return activity


def _attendance_page(request, activity, *, scan=None, person=None, counts=None):
    """The attendance page with empty forms, or the one just sent with its errors."""
    context = {
        "activity": activity,
        "attendance": queries.attendance_of(Activity.objects.filter(pk=activity.pk)),
        "participants": queries.participants_of(activity),
        "scan_form": scan or forms.ScanForm(),
        "person_form": person or forms.PersonForm(),
        "counts_form": counts or forms.CountsForm(counts=queries.counts_of(activity)),
    }
    return render(request, "programs/attendance.html", context)


@staff_required
@require_GET
def attendance(request, activity_id):
    return _attendance_page(request, _activity_for_recording(request, activity_id))


@staff_required
@require_POST
def attendance_scan(request, activity_id):
    """A member's card: they join the list (the page is ready for the next card)."""
    activity = _activity_for_recording(request, activity_id)
    form = forms.ScanForm(request.POST)
    if form.is_valid():
        ok, participant = call_on_form(
            form,
            services.participant_add_member,
            actor=request.user,
            activity=activity,
            number=form.cleaned_data["number"],
        )
        if ok:
            messages.success(
                request, _("✓ %(name)s is on the list.") % {"name": participant.member.name}
            )
            return redirect("programs:attendance", activity_id=activity.pk)
    return _attendance_page(request, activity, scan=form)


@staff_required
@require_POST
def attendance_person(request, activity_id):
    """Someone who is not a member."""
    activity = _activity_for_recording(request, activity_id)
    form = forms.PersonForm(request.POST)
    if form.is_valid():
        ok, _participant = call_on_form(
            form,
            services.participant_add_person,
            actor=request.user,
            activity=activity,
            **form.cleaned_data,
        )
        if ok:
            messages.success(request, _("✓ One more participant is on the list."))
            return redirect("programs:attendance", activity_id=activity.pk)
    return _attendance_page(request, activity, person=form)


@staff_required
@require_POST
def attendance_counts(request, activity_id):
    """The counts grid, for an activity whose participants were not named."""
    activity = _activity_for_recording(request, activity_id)
    form = forms.CountsForm(request.POST, counts=queries.counts_of(activity))
    if form.is_valid():
        ok, people = call_on_form(
            form,
            services.attendance_counts_set,
            actor=request.user,
            activity=activity,
            counts=form.counts(),
        )
        if ok:
            messages.success(request, _("Counts saved: %(count)s people.") % {"count": people})
            return redirect("programs:attendance", activity_id=activity.pk)
    return _attendance_page(request, activity, counts=form)


@staff_required
@require_POST
def participant_remove(request, participant_id):
    participant = queries.participant_for_user(request.user, participant_id)
    if call_with_message(
        request, services.participant_remove, actor=request.user, participant=participant
    ):
        messages.success(request, _("The participant is taken off the list."))
    return redirect("programs:attendance", activity_id=participant.activity_id)


@staff_required
@require_POST
def registration_cancel(request, registration_id):
    """The person cannot come: their place goes to the first on the waiting list."""
    registration = queries.registration_for_user(request.user, registration_id)
    moved = call_with_message(
        request, services.registration_cancel, actor=request.user, registration=registration
    )
    if moved:
        messages.success(
            request, _("The registration of %(name)s is cancelled.") % {"name": registration.name}
        )
        for person in moved if isinstance(moved, list) else []:
            messages.info(
                request,
                _("%(name)s moves up from the waiting list: tell them they have a place.")
                % {"name": person.name},
            )
    return redirect("programs:activity", activity_id=registration.activity_id)


@staff_required
@require_POST
def registration_attend(request, registration_id):
    """The registered person came: they join the participants."""
    registration = queries.registration_for_user(request.user, registration_id)
    if call_with_message(
        request, services.registration_attend, actor=request.user, registration=registration
    ):
        messages.success(request, _("✓ %(name)s is on the list.") % {"name": registration.name})
    return redirect("programs:activity", activity_id=registration.activity_id)


@staff_required
@require_POST
def activity_photo_add(request, activity_id):
    activity = _activity_for_recording(request, activity_id)
    add_sent_photo(request, activity=activity)
    return redirect("programs:activity", activity_id=activity.pk)


def add_sent_photo(request, **owner) -> None:
    """Add the sent photo to ``owner`` (``activity=`` or ``story=``), saying how it went."""
    form = forms.PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        texts = [str(text) for errors in form.errors.values() for text in errors]
        messages.error(request, " ".join(texts))
        return
    if call_with_message(
        request,
        services.photo_add,
        actor=request.user,
        image=form.cleaned_data["image"],
        description=form.cleaned_data["description"],
        **owner,
    ):
        messages.success(request, _("The photo is saved."))


@staff_required
@require_POST
def photo_delete(request, photo_id):
    photo = queries.photo_for_user(request.user, photo_id)
    if call_with_message(request, services.photo_delete, actor=request.user, photo=photo):
        messages.success(request, _("The photo is deleted."))
    if photo.story_id:
        return redirect("programs:story", story_id=photo.story_id)
    return redirect("programs:activity", activity_id=photo.activity_id)


@staff_required
@require_POST
def document_add(request, activity_id):
    activity = _activity_for_recording(request, activity_id)
    form = forms.DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        texts = [str(text) for errors in form.errors.values() for text in errors]
        messages.error(request, " ".join(texts))
    elif call_with_message(
        request,
        services.document_add,
        actor=request.user,
        activity=activity,
        upload=form.cleaned_data["file"],
        title=form.cleaned_data["title"],
    ):
        messages.success(request, _("The document is saved."))
    return redirect("programs:activity", activity_id=activity.pk)


@staff_required
@require_GET
def document_download(request, document_id):
    """The file, for staff of its library and the office only (never from
    the public media folder)."""
    document = queries.document_for_user(request.user, document_id)
    extension = "." + document.file.name.rsplit(".", 1)[-1]
    name = document.title.removesuffix(extension) + extension
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_POST
def document_delete(request, document_id):
    document = queries.document_for_user(request.user, document_id)
    if call_with_message(request, services.document_delete, actor=request.user, document=document):
        messages.success(request, _("The document is deleted."))
    return redirect("programs:activity", activity_id=document.activity_id)
