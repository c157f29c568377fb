"""Staff pages for activities, under ``/staff/programs/``: the list by month,
planning and editing an activity, its page (attendance in figures,
registrations and waiting list, photos, documents), deleting it, and the
office's activity categories."""

from itertools import groupby

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError, NotPermitted, call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_for_user
from pustaka.programs import forms, policies, queries, services
from pustaka.programs.models import Activity

PER_PAGE = 40


def call_with_message(request, service, **kwargs):
    """Call ``service``; a refusal becomes an error message and ``None``
    (a permission refusal stays a 403)."""
    try:
        return service(**kwargs) or True
    except NotPermitted:
        raise
    except DomainError as error:
        texts = [str(text) for texts in error.fields.values() for text in texts]
        messages.error(request, " ".join(texts or [str(error.message)]))
        return None


def may_record_somewhere(access) -> bool:
    """The office, or staff of a library (at their own); not the district viewer."""
    return policies.may_record(access, access.library_id)


def office_libraries(request):
    """The libraries the office chooses among; ``None`` for library staff,
    who work at their own."""
    if access_for(request.user).sees_all_libraries:
        return libraries_for_user(request.user)
    return None


def own_library(request):
    return request.user.staff_role.library


@staff_required
def activity_list(request):
    """Activities by month: upcoming first by default, with how many took part."""
    libraries = office_libraries(request)
    filters = forms.ActivityFilterForm(request.GET or None, libraries=libraries)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    activities = queries.activities_for_user(
        request.user,
        period=chosen.get("period") or "upcoming",
        library=chosen.get("library"),
        category=chosen.get("category"),
        status=chosen.get("status") or "",
        search=chosen.get("q") or "",
    )
    page = Paginator(activities, PER_PAGE).get_page(request.GET.get("page"))
    people = queries.people_per_activity(page.object_list)
    months = [
        (month, [(activity, people.get(activity.pk, 0)) for activity in items])
        for month, items in groupby(
            page.object_list, key=lambda activity: activity.starts_at.date().replace(day=1)
        )
    ]
    context = {
        "filters": filters,
        "page": page,
        "months": months,
        "can_record": may_record_somewhere(access_for(request.user)),
        "query": _query_without_page(request),
    }
    return render(request, "programs/activity_list.html", context)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@staff_required
@require_http_methods(["GET", "POST"])
def activity_new(request):
    """Plan an activity (or record one afterwards)."""
    access = access_for(request.user)
    require(may_record_somewhere(access))
    libraries = office_libraries(request)
    library = None if libraries is not None else own_library(request)
    form = forms.ActivityForm(
        request.POST or None,
        partners=queries.partners_for_user(request.user, library=library),
        libraries=libraries,
    )
    if request.method == "POST" and form.is_valid():
        ok, activity = call_on_form(
            form,
            services.activity_create,
            actor=request.user,
            library=form.cleaned_data.get("library") or library,
            fields=form.values(),
            partners=list(form.cleaned_data["partners"]),
        )
        if ok:
            messages.success(request, _("“%(title)s” is saved.") % {"title": activity.title})
            return redirect("programs:activity", activity_id=activity.pk)
    return render(request, "programs/activity_form.html", {"form": form, "activity": None})


@staff_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, activity_id):
    activity = queries.activity_for_user(request.user, activity_id)
    require(policies.may_record(access_for(request.user), activity.library_id))
    initial = {**forms.ActivityForm.initial_of(activity), "partners": activity.partners.all()}
    form = forms.ActivityForm(
        request.POST or None,
        initial=initial,
        partners=queries.partners_for_user(request.user, library=activity.library),
        category=activity.category,
    )
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form,
            services.activity_update,
            actor=request.user,
            activity=activity,
            changes=form.values(),
            partners=list(form.cleaned_data["partners"]),
        )
        if ok:
            messages.success(request, _("“%(title)s” is saved.") % {"title": activity.title})
            return redirect("programs:activity", activity_id=activity.pk)
    return render(request, "programs/activity_form.html", {"form": form, "activity": activity})


@staff_required
def activity_detail(request, activity_id):
    """Everything about one activity; its attendance, registrations, photos
    and documents are changed from here."""
    activity = queries.activity_for_user(request.user, activity_id)
    access = access_for(request.user)
    context = {
        "activity": activity,
        "partners": queries.activity_partners(activity),
        "attendance": queries.attendance_of(Activity.objects.filter(pk=activity.pk)),
        "registrations": queries.registrations_of(activity),
        "photos": queries.photos_of(activity),
        "documents": queries.documents_of(activity),
        "can_record": policies.may_record(access, activity.library_id),
        "can_delete": policies.may_delete(access, activity.library_id),
        "photo_form": forms.PhotoForm(),
        "document_form": forms.DocumentForm(),
    }
    return render(request, "programs/activity_detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def activity_delete(request, activity_id):
    """Ask, then take a mistaken activity away."""
    activity = queries.activity_for_user(request.user, activity_id)
    require(policies.may_delete(access_for(request.user), activity.library_id))
    if request.method == "POST":
        if call_with_message(
            request, services.activity_delete, actor=request.user, activity=activity
        ):
            messages.success(request, _("“%(title)s” is deleted.") % {"title": activity.title})
            return redirect("programs:activities")
        return redirect("programs:activity", activity_id=activity.pk)
    context = {"object": activity, "cancel_url": reverse("programs:activity", args=[activity.pk])}
    return render(request, "programs/confirm_delete.html", context)


@staff_required
def category_list(request):
    """The district's activity categories; the office edits them."""
    context = {
        "categories": queries.categories(in_use=False),
        "can_edit": policies.may_edit_categories(access_for(request.user)),
    }
    return render(request, "programs/category_list.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def category_new(request):
    require(policies.may_edit_categories(access_for(request.user)))
    form = forms.NewCategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _category = call_on_form(
            form,
            services.activity_category_create,
            actor=request.user,
            code=data["code"],
            name=data["name"],
            strategy=data["strategy"],
            description=data["description"],
        )
        if ok:
            return redirect("programs:categories")
    return render(request, "programs/category_form.html", {"form": form, "category": None})


@staff_required
@require_http_methods(["GET", "POST"])
def category_edit(request, category_id):
    require(policies.may_edit_categories(access_for(request.user)))
    category = queries.category_by_id(category_id)
    form = forms.CategoryForm(request.POST or None, initial=forms.CategoryForm.initial_of(category))
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form,
            services.activity_category_update,
            actor=request.user,
            category=category,
            changes=form.values(),
        )
        if ok:
            return redirect("programs:categories")
    return render(request, "programs/category_form.html", {"form": form, "category": category})
