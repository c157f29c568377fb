"""Rotating collection pages: the boxes a library lends or receives, where
each one is and when it is due back; packing by scanning, sending,
receiving, sending back and taking back with the report of missing copies."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pustaka.catalog.models import Item
from pustaka.circulation import services
from pustaka.circulation.forms_rules import BarcodeForm, CollectionForm, ReturnScanForm
from pustaka.circulation.models import RotatingCollection
from pustaka.core.decorators import staff_required
from pustaka.core.errors import Invalid, call_on_form
from pustaka.core.permissions import access_for, require, scope_to_user
from pustaka.libraries.queries import libraries_managed_by, libraries_public

Box = RotatingCollection.Status


def _collections_for(user):
    """Boxes a library of ``user``'s lends or receives (all for the office)."""
    boxes = RotatingCollection.objects.filter(deleted_at__isnull=True)
    boxes = scope_to_user(boxes, user, library_field="from_library") | scope_to_user(
        boxes, user, library_field="to_library"
    )
    return boxes.select_related("from_library", "to_library")


def _collection_for(user, collection_id) -> RotatingCollection:
    collection = _collections_for(user).filter(pk=collection_id).first()
    if collection is None:
        raise Http404
    return collection


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j M Y") if moment else "-"


def whereabouts(collection: RotatingCollection) -> str:
    """Where the box is and since when, in words."""
    values = {"from": collection.from_library.name, "to": collection.to_library.name}
    texts = {
        Box.PREPARED: (_("Being prepared at %(from)s"), None),
        Box.IN_TRANSIT: (_("On its way to %(to)s since %(date)s"), collection.sent_at),
        Box.ARRIVED: (_("At %(to)s since %(date)s"), collection.arrived_at),
        Box.RETURNING: (
            _("On its way back to %(from)s since %(date)s"),
            collection.sent_back_at,
        ),
        Box.RETURNED: (_("Back at %(from)s since %(date)s"), collection.returned_at),
    }
    text, moment = texts[collection.status]
    return text % {**values, "date": _day(moment)}


def overdue_text(collection: RotatingCollection, today) -> str:
    """Words for a box kept past its due date ("" when it is not)."""
    if collection.status not in (Box.IN_TRANSIT, Box.ARRIVED) or collection.due_back_on >= today:
        return ""
    days = (today - collection.due_back_on).days
    return _("Overdue: due back %(days)s days ago") % {"days": days}


@staff_required
def collection_list(request):
    today = timezone.localdate()
    boxes = _collections_for(request.user).annotate(copies=Count("memberships"))
    rows = [
        {"box": box, "where": whereabouts(box), "overdue": overdue_text(box, today)}
        for box in boxes.order_by("-created_at")[:200]
    ]
    can_create = _lenders(request.user).exists()
    return render(
        request, "circulation/collections/list.html", {"rows": rows, "can_create": can_create}
    )


def _lenders(user):
    """Libraries ``user`` may lend a box from (their manager, or the office)."""
    access = access_for(user)
    managed = libraries_managed_by(user)
    return managed.filter(pk__in=[lib.pk for lib in managed if access.can_edit_library(lib.pk)])


@staff_required
def collection_create(request):
    lenders = _lenders(request.user)
    require(lenders.exists())
    form = CollectionForm(request.POST or None, lenders=lenders, libraries=libraries_public())
    if request.method == "POST" and form.is_valid():
        ok, box = call_on_form(
            form, services.collection_create, actor=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("Collection created: scan the copies to pack."))
            return redirect("circulation_settings:collection_detail", collection_id=box.pk)
    return render(request, "circulation/collections/form.html", {"form": form})


def _detail_context(request, box: RotatingCollection, **extra) -> dict:
    access = access_for(request.user)
    copies = box.memberships.select_related("item__record").order_by("item__barcode")
    missing = Item.objects.filter(barcode__in=box.missing_on_return).select_related("record")
    return {
        "box": box,
        "copies": [membership.item for membership in copies],
        "where": whereabouts(box),
        "overdue": overdue_text(box, timezone.localdate()),
        "at_home_desk": access.can_lend_at(box.from_library_id),
        "at_receiving_desk": access.can_lend_at(box.to_library_id),
        "missing": missing.order_by("barcode"),
        "scan_form": BarcodeForm(),
        "return_form": ReturnScanForm(),
        **extra,
    }


@staff_required
def collection_detail(request, collection_id):
    """The box: where it is, its copies, and what can be done next. A scanned
    barcode (POST) is packed while the box is being prepared."""
    box = _collection_for(request.user, collection_id)
    extra = {}
    if request.method == "POST":
        form = BarcodeForm(request.POST)
        if form.is_valid():
            ok, report = call_on_form(
                form,
                services.collection_add_items,
                actor=request.user,
                collection=box,
                barcodes=[form.cleaned_data["barcode"]],
            )
            extra["report"] = report
            if ok and not report.refused:
                form = BarcodeForm()
        extra["scan_form"] = form
    context = _detail_context(request, box, **extra)
    if request.htmx:
        return render(request, "circulation/collections/detail.html#packing", context)
    return render(request, "circulation/collections/detail.html", context)


@staff_required
@require_POST
def collection_remove_item(request, collection_id, item_id):
    box = _collection_for(request.user, collection_id)
    membership = box.memberships.filter(item_id=item_id).select_related("item").first()
    if membership is None:
        raise Http404
    services.collection_remove_item(actor=request.user, collection=box, item=membership.item)
    messages.success(
        request, _("%(barcode)s taken out of the box.") % {"barcode": membership.item.barcode}
    )
    return redirect("circulation_settings:collection_detail", collection_id=box.pk)


def _send(request, box):
    services.collection_send(actor=request.user, collection=box)
    messages.success(request, _("The box is on its way."))


def _receive(request, box):
    services.collection_receive(actor=request.user, collection=box)
    messages.success(request, _("The box has arrived: its copies can be lent here."))


def _send_back(request, box):
    report = services.collection_send_back(actor=request.user, collection=box)
    messages.success(
        request,
        _("The box is on its way back with %(count)s copies.") % {"count": len(report.moved)},
    )
    if report.refused:
        away = ", ".join(f"{barcode} ({status})" for barcode, status in report.refused)
        messages.warning(
            request,
            _("Not in the box, they come back on their own when returned: %(copies)s")
            % {"copies": away},
        )


def _return(request, box):
    form = ReturnScanForm(request.POST)
    if not form.is_valid():
        return
    report = services.collection_return(
        actor=request.user, collection=box, barcodes=form.barcode_list()
    )
    messages.success(
        request, _("%(count)s copies are back on the shelf.") % {"count": len(report.moved)}
    )
    if report.refused:
        messages.warning(
            request,
            _("Missing from the box: %(barcodes)s")
            % {"barcodes": ", ".join(barcode for barcode, _status in report.refused)},
        )
    if report.not_in_collection:
        messages.warning(
            request,
            _("Scanned but not part of this collection: %(barcodes)s")
            % {"barcodes": ", ".join(report.not_in_collection)},
        )


STEPS = {"send": _send, "receive": _receive, "send-back": _send_back, "return": _return}


@staff_required
@require_POST
def collection_step(request, collection_id, step):
    """Send, receive, send back or take back the box."""
    box = _collection_for(request.user, collection_id)
    if step not in STEPS:
        raise Http404
    try:
        STEPS[step](request, box)
    except Invalid as refusal:
        messages.error(request, refusal.message)
    return redirect("circulation_settings:collection_detail", collection_id=box.pk)
