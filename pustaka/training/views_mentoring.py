"""Staff pages of mentoring, under ``/staff/training/mentoring/``: the
district's overview (libraries with open and overdue action items), a
library's mentoring page (its open action items and visits), a visit with
its action items, and moving an action item on until it is done."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_for_user, library_for_user
from pustaka.training import forms, policies, queries, services
from pustaka.training.views import edit_page


def _require_manager(request) -> None:
    require(policies.may_manage(access_for(request.user)))


@staff_required
def mentoring(request):
    """The office sees every library's open and overdue action items; library
    staff go straight to their own library's mentoring page."""
    access = access_for(request.user)
    if not access.sees_all_libraries:
        library = libraries_for_user(request.user).first()
        require(library is not None)
        return redirect("training:mentoring_library", code=library.code)
    context = {
        "libraries": queries.libraries_with_open_items(request.user),
        "overdue": queries.overdue_action_items(request.user),
        "visits": queries.visits_for_user(request.user)[:10],
        "today": timezone.localdate(),
        "can_manage": policies.may_manage(access),
    }
    return render(request, "training/mentoring.html", context)


@staff_required
def mentoring_library(request, code):
    """A library's mentoring: its action items not done yet (soonest due
    first, overdue marked), then every visit."""
    library = library_for_user(request.user, code)
    access = access_for(request.user)
    context = {
        "library": library,
        "items": queries.action_items_for_user(request.user, library=library),
        "visits": queries.visits_for_user(request.user, library=library),
        "today": timezone.localdate(),
        "can_manage": policies.may_manage(access),
        "can_update_status": policies.may_update_action_status(access, library.pk),
        "status_form": forms.StatusForm(),
    }
    return render(request, "training/mentoring_library.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def visit_new(request):
    _require_manager(request)
    libraries = libraries_for_user(request.user)
    initial = {"visited_on": timezone.localdate()}
    initial["library"] = libraries.filter(code=request.GET.get("library", "").upper()).first()
    form = forms.VisitForm(
        request.POST or None,
        initial=initial,
        libraries=libraries,
        mentors=queries.mentor_accounts(),
        trainings=queries.trainings_for_user(request.user),
    )
    if request.method == "POST" and form.is_valid():
        ok, visit = call_on_form(
            form, services.mentoring_visit_create, actor=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("The visit is saved: now note the action items agreed."))
            return redirect("training:visit", visit_id=visit.pk)
    return render(
        request, "training/form.html", {"form": form, "heading": _("Record a mentoring visit")}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def visit_detail(request, visit_id):
    """A visit: its findings and action items; the office adds action items
    here, the library's manager and the office move them on."""
    visit = queries.visit_for_user(request.user, visit_id)
    access = access_for(request.user)
    form = forms.ActionItemForm(request.POST or None)
    if request.method == "POST":
        _require_manager(request)
        if form.is_valid():
            ok, _item = call_on_form(
                form,
                services.action_item_create,
                actor=request.user,
                visit=visit,
                **form.cleaned_data,
            )
            if ok:
                messages.success(request, _("The action item is added."))
                return redirect("training:visit", visit_id=visit.pk)
    context = {
        "visit": visit,
        "items": queries.action_items_of(visit),
        "form": form,
        "today": timezone.localdate(),
        "can_manage": policies.may_manage(access),
        "can_update_status": policies.may_update_action_status(access, visit.library_id),
        "status_form": forms.StatusForm(),
    }
    return render(request, "training/visit_detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def visit_edit(request, visit_id):
    _require_manager(request)
    visit = queries.visit_for_user(request.user, visit_id)
    trainings = queries.trainings_for_user(request.user)
    form = forms.VisitEditForm(
        request.POST or None,
        initial=forms.initial_of(visit, forms.VisitEditForm),
        trainings=trainings,
    )
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form,
            services.mentoring_visit_update,
            actor=request.user,
            visit=visit,
            changes=forms.changes_of(form),
        )
        if ok:
            return redirect("training:visit", visit_id=visit.pk)
    context = {"form": form, "heading": str(visit), "back_visit": visit}
    return render(request, "training/form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def action_item_edit(request, item_id):
    _require_manager(request)
    item = queries.action_item_for_user(request.user, item_id)
    return edit_page(
        request,
        instance=item,
        form_class=forms.ActionItemForm,
        update=services.action_item_update,
        name="item",
        done=redirect("training:visit", visit_id=item.visit_id),
        context={"heading": _("Action item"), "back_visit": item.visit},
    )


@staff_required
@require_POST
def action_item_status(request, item_id):
    """Move an action item on; back to the page the form was on."""
    item = queries.action_item_for_user(request.user, item_id)
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        ok, _item = call_on_form(
            form,
            services.action_item_set_status,
            actor=request.user,
            item=item,
            **form.cleaned_data,
        )
        if ok:
            messages.success(
                request,
                _("“%(item)s” is now: %(status)s.")
                % {"item": item.description[:60], "status": item.get_status_display()},
            )
    if form.errors:
        texts = [str(error) for errors in form.errors.values() for error in errors]
        messages.error(request, " ".join(texts))
    if request.POST.get("back") == "library":
        return redirect("training:mentoring_library", code=item.visit.library.code)
    return redirect("training:visit", visit_id=item.visit_id)
