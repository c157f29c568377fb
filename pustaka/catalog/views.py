"""Staff pages of the union catalogue: search, adding a book by its ISBN (copy
cataloguing), a record and its copies, and the forms that change them."""

import math

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.static import serve

from pustaka.catalog import display, forms, queries, services
from pustaka.catalog.identifiers import isbn_display
from pustaka.catalog.search.service import catalog_search
from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError, NotPermitted, call_on_form
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_for_user, libraries_public

PER_PAGE = 20


@staff_required
def search(request):
    """Keyword search with filters and facet counts; htmx asks for the results only."""
    form = forms.SearchForm(request.GET)
    form.is_valid()
    page = form.value("page", 1)
    result = catalog_search(
        query=form.value("q", ""),
        filters=form.filters(),
        sort=form.sort_order(),
        page=page,
        per_page=PER_PAGE,
    )
    library_names = dict(libraries_public().values_list("code", "name"))
    url = reverse("catalog:search")
    pages = max(1, math.ceil(result.total / PER_PAGE))
    context = {
        "form": form,
        "result": result,
        "search_url": url,
        "sort_options": display.sort_options(form),
        "sort_refused": "sort" in form.errors,
        "rows": display.search_rows(result.records),
        "groups": display.facet_groups(result.facets, form.chosen(), library_names),
        "decades": display.decade_links(url, request.GET, result.facets.get("decade", [])),
        "pages": pages,
        "previous": display.with_params(url, request.GET, page=page - 1) if page > 1 else "",
        "next": display.with_params(url, request.GET, page=page + 1) if page < pages else "",
    }
    template = "catalog/search.html#results" if request.htmx else "catalog/search.html"
    return render(request, template, context)


@staff_required
def record_add(request):
    """Add a book: the ISBN first; a record the district already has is offered
    (add a copy), otherwise the librarian describes it."""
    access = access_for(request.user)
    require(access.can_catalogue)
    if request.method == "POST":
        return _record_create(request, access)
    if request.GET.get("no_isbn"):
        return _record_form(request, forms.RecordForm(), isbn="")
    lookup = forms.IsbnLookupForm(request.GET if "isbn" in request.GET else None)
    if not lookup.is_valid():
        return render(request, "catalog/record_add.html", {"lookup": lookup})
    isbn = lookup.cleaned_data["isbn"]
    matches = list(queries.records_with_isbn(isbn).prefetch_related("items__library"))
    if matches:
        lookup.fields["isbn"].widget.attrs.pop("autofocus")  # the first offer has the focus
        context = {"lookup": lookup, "matches": _with_holdings(matches), "isbn": isbn}
        return render(request, "catalog/record_add.html", context)
    form = forms.RecordForm(initial={"isbns": isbn_display(isbn)})
    return _record_form(request, form, isbn=isbn)


def _record_create(request, access):
    form = forms.RecordForm(request.POST, request.FILES)
    if form.is_valid():
        ok, record = call_on_form(
            form, services.record_create, actor=request.user, fields=form.record_fields()
        )
        if ok:
            messages.success(request, _("Record “%(title)s” saved.") % {"title": record.title})
            if access.library_id is not None:
                return redirect("catalog:copy_add", record_id=record.pk)
            return redirect("catalog:record_detail", record_id=record.pk)
    return _record_form(request, form, isbn=None)


def _record_form(request, form, *, isbn, record=None):
    context = {"form": form, "record": record, "isbn": isbn}
    return render(request, "catalog/record_form.html", context)


def _with_holdings(records):
    return [(record, display.holdings(display.live_copies(record))) for record in records]


@staff_required
def record_detail(request, record_id):
    """A record's full description and every library's copies of it."""
    record = queries.record_with_copies(record_id)
    access = access_for(request.user)
    copies = [(item, access.can_manage_items(item.library_id)) for item in record.items.all()]
    context = {
        "record": record,
        "copies": copies,
        "isbns": display.isbns_display(record),
        "language": display.language_name(record.language),
        "copy_form": _copy_form(request, record, access, focus=False)
        if _can_add_copy(access)
        else None,
    }
    return render(request, "catalog/record_detail.html", context)


@staff_required
def record_edit(request, record_id):
    record = queries.record_with_copies(record_id)
    require(access_for(request.user).can_catalogue)
    form = forms.RecordForm(request.POST or None, request.FILES or None, record=record)
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form,
            services.record_update,
            actor=request.user,
            record=record,
            changes=form.record_fields(),
        )
        if ok:
            messages.success(request, _("Record saved."))
            return redirect("catalog:record_detail", record_id=record.pk)
    return _record_form(request, form, isbn=None, record=record)


@staff_required
@require_http_methods(["GET", "POST"])
def record_withdraw(request, record_id):
    """Ask, then take the record out of the catalogue (district office only)."""
    record = queries.record_with_copies(record_id)
    require(access_for(request.user).is_district_admin)
    if request.method == "POST":
        if _call_with_message(request, services.record_withdraw, actor=request.user, record=record):
            messages.success(request, _("Record “%(title)s” withdrawn.") % {"title": record.title})
            return redirect("catalog:search")
        return redirect("catalog:record_detail", record_id=record.pk)
    return render(request, "catalog/withdraw_confirm.html", {"record": record, "item": None})


def _can_add_copy(access) -> bool:
    if access.is_district_admin:
        return True
    return access.library_id is not None and access.can_manage_items(access.library_id)


def _copy_form(request, record, access, data=None, *, focus=True):
    libraries = libraries_for_user(request.user) if access.library_id is None else None
    initial = {"call_number": display.default_call_number(record)}
    form = forms.ItemForm(data, libraries=libraries, initial=initial)
    if not focus:
        form.fields["barcode"].widget.attrs.pop("autofocus", None)
    return form


@staff_required
def copy_add(request, record_id):
    """Add a copy of the record to the user's library (the office chooses one)."""
    record = queries.record_with_copies(record_id)
    access = access_for(request.user)
    require(_can_add_copy(access))
    form = _copy_form(request, record, access, request.POST or None)
    if request.method == "POST" and form.is_valid():
        library = form.cleaned_data.get("library") or request.user.staff_role.library
        ok, item = call_on_form(
            form,
            services.item_create,
            actor=request.user,
            record=record,
            library=library,
            barcode=form.cleaned_data["barcode"],
            **form.item_details(),
        )
        if ok:
            messages.success(
                request,
                _("Copy %(barcode)s added to %(library)s.")
                % {"barcode": item.barcode, "library": library.name},
            )
            if "another" in request.POST:
                return redirect("catalog:copy_add", record_id=record.pk)
            return redirect("catalog:record_detail", record_id=record.pk)
    return render(request, "catalog/copy_form.html", {"form": form, "record": record, "item": None})


def _item_for_change(request, barcode):
    """A copy of a library the user works with, which they may change; others 404/403."""
    item = get_object_or_404(queries.items_for_user(request.user), barcode=barcode)
    require(access_for(request.user).can_manage_items(item.library_id))
    return item


@staff_required
def copy_edit(request, barcode):
    item = _item_for_change(request, barcode)
    form = forms.ItemForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        ok, _changed = call_on_form(
            form, services.item_update, actor=request.user, item=item, changes=form.item_details()
        )
        if ok:
            messages.success(request, _("Copy %(barcode)s saved.") % {"barcode": item.barcode})
            return redirect("catalog:record_detail", record_id=item.record_id)
    context = {"form": form, "record": item.record, "item": item}
    return render(request, "catalog/copy_form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def copy_withdraw(request, barcode):
    """Ask, then withdraw a copy from the library's collection."""
    item = _item_for_change(request, barcode)
    if request.method == "POST":
        if _call_with_message(request, services.item_withdraw, actor=request.user, item=item):
            messages.success(request, _("Copy %(barcode)s withdrawn.") % {"barcode": item.barcode})
        return redirect("catalog:record_detail", record_id=item.record_id)
    context = {"record": item.record, "item": item}
    return render(request, "catalog/withdraw_confirm.html", context)


def _call_with_message(request, service, **kwargs) -> bool:
    """Call ``service``; a refusal becomes an error message (403 stays a 403)."""
    try:
        service(**kwargs)
    except NotPermitted:
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
        return False
    return True


def media_file(request, path):
    """An uploaded file (a cover) from ``MEDIA_ROOT``: what a small installation
    serves itself; a path leading outside the folder is simply not found."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as error:
        raise Http404 from error
