"""The desk's pages besides the scan field: holds placed and cancelled from
the desk, and the work lists (holds to pull, transfers to send and to
receive, the hold shelf, expired holds to clear)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pustaka.catalog.identifiers import barcode_clean
from pustaka.catalog.models import Item, Record
from pustaka.catalog.search.service import catalog_search
from pustaka.circulation import queries, services
from pustaka.circulation.forms import HoldPlaceForm, HoldSearchForm
from pustaka.circulation.models import Hold, Transfer
from pustaka.circulation.views import desk_library, desk_url, lending_member
from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError, NotPermitted, call_on_form
from pustaka.core.permissions import require
from pustaka.libraries.queries import libraries_managed_by
from pustaka.members.queries import desk_view

# -- holds from the desk -----------------------------------------------------


@staff_required
def hold_place(request, code):
    """Reserve a book for the member at the desk: find it by words or by a
    copy's barcode, choose where they collect it."""
    library = desk_library(request, code)
    member = lending_member(request.GET.get("member") or request.POST.get("member", ""))
    pickup = libraries_managed_by(request.user)
    form = HoldPlaceForm(
        request.POST or None, libraries=pickup, initial={"pickup_library": library}
    )
    if request.method == "POST" and form.is_valid():
        record = Record.objects.filter(
            pk=form.cleaned_data["record"], deleted_at__isnull=True
        ).first()
        if record is None:
            raise Http404
        item = None
        if form.cleaned_data["item"]:
            item = Item.objects.filter(
                pk=form.cleaned_data["item"], deleted_at__isnull=True
            ).first()
        ok, hold = call_on_form(
            form,
            services.hold_place,
            actor=request.user,
            member=member,
            record=record,
            pickup_library=form.cleaned_data["pickup_library"],
            item=item,
        )
        if ok:
            messages.success(
                request,
                _("Hold placed: %(title)s, to pick up at %(library)s.")
                % {"title": record.title, "library": hold.pickup_library.name},
            )
            return redirect(desk_url(library, member=member.number))
    search = HoldSearchForm(request.GET or None)
    context = {
        "library": library,
        "member": desk_view(member),
        "search": search,
        "form": form,
    } | _hold_candidates(search)
    return render(request, "circulation/hold_place.html", context)


def _hold_candidates(search: HoldSearchForm) -> dict:
    """The records the search finds, or the copy with the scanned barcode."""
    if not search.is_valid():
        return {"records": [], "item": None, "searched": False}
    barcode = barcode_clean(search.cleaned_data["barcode"])
    if barcode:
        item = (
            Item.objects.filter(barcode=barcode, deleted_at__isnull=True)
            .select_related("record", "library")
            .first()
        )
        return {"records": [item.record] if item else [], "item": item, "searched": True}
    words = search.cleaned_data["q"].strip()
    if not words:
        return {"records": [], "item": None, "searched": False}
    result = catalog_search(query=words, per_page=10, with_facets=False)
    return {"records": result.records, "item": None, "searched": True}


@staff_required
@require_POST
def hold_cancel(request, code, hold_id):
    library = desk_library(request, code)
    hold = (
        Hold.objects.filter(pk=hold_id, status__in=Hold.OPEN)
        .select_related("member", "record")
        .first()
    )
    if hold is None or hold.member is None:
        raise Http404
    try:
        services.hold_cancel(actor=request.user, hold=hold)
    except NotPermitted:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Hold cancelled: %(title)s.") % {"title": hold.record.title})
    return redirect(desk_url(library, member=hold.member.number))


# -- the work lists ----------------------------------------------------------


@staff_required
def lists(request):
    """What the desk has to do besides lending: holds to pull from the shelf,
    transfers to send and to receive, the hold shelf and what to clear from it."""
    libraries = list(libraries_managed_by(request.user))
    require(bool(libraries))
    library = _list_library(request, libraries)
    if library is None:
        return render(
            request, "circulation/desk_choose.html", {"libraries": libraries, "for_lists": True}
        )
    to_pull = list(queries.holds_to_pull(library))
    _shelf_copies(library, to_pull)
    context = {
        "library": library,
        "to_pull": to_pull,
        "to_send": queries.transfers_to_send(library),
        "to_receive": queries.transfers_to_receive(library),
        "ready": queries.holds_ready(library),
        "to_clear": queries.holds_to_clear(library),
        "today": timezone.localdate(),
    }
    return render(request, "circulation/lists.html", context)


def _list_library(request, libraries):
    code = request.GET.get("library", "").strip().upper()
    if code:
        for library in libraries:
            if library.code == code:
                return library
        raise Http404
    return libraries[0] if len(libraries) == 1 else None


def _shelf_copies(library, holds) -> None:
    """Give each hold to pull the copies on ``library``'s shelf that can fill it."""
    copies = {}
    for item in Item.objects.filter(
        library=library,
        record_id__in={hold.record_id for hold in holds},
        status=Item.Status.AVAILABLE,
        deleted_at__isnull=True,
    ).order_by("barcode"):
        copies.setdefault(item.record_id, []).append(item)
    for hold in holds:
        hold.shelf_copies = [hold.item] if hold.item_id else copies.get(hold.record_id, [])


@staff_required
@require_POST
def transfer_send(request, transfer_id):
    """The copy was packed and leaves for the other library."""
    libraries = libraries_managed_by(request.user)
    transfer = (
        Transfer.objects.filter(pk=transfer_id, from_library__in=libraries)
        .select_related("from_library", "item")
        .first()
    )
    if transfer is None:
        raise Http404
    try:
        services.transfer_send(actor=request.user, transfer=transfer)
    except NotPermitted:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Sent: %(barcode)s.") % {"barcode": transfer.item.barcode})
    url = reverse("circulation:lists")
    return redirect(f"{url}?library={transfer.from_library.code}")
