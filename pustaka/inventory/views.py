"""Stock-take pages: start one, scan the shelves, read the report, mark lost."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pustaka.core.decorators import staff_required
from pustaka.core.errors import Invalid, call_on_form
from pustaka.core.permissions import require
from pustaka.inventory import queries, services
from pustaka.inventory.forms import ScanForm
from pustaka.inventory.models import StockTakeScan
from pustaka.libraries.queries import libraries_for_user, libraries_managed_by

MISSING_PER_PAGE = 50


@staff_required
def stocktake_list(request):
    startable = libraries_managed_by(request.user)
    context = {
        "stock_takes": queries.stock_takes_for_user(request.user)[:50],
        "startable": startable,
    }
    return render(request, "inventory/stocktake_list.html", context)


@staff_required
@require_POST
def stocktake_start(request):
    library = libraries_for_user(request.user).filter(pk=request.POST.get("library")).first()
    require(library is not None)
    try:
        stock_take = services.stocktake_start(actor=request.user, library=library)
    except Invalid as refusal:
        messages.error(request, refusal.message)
        return redirect("inventory:list")
    return redirect("inventory:detail", stock_take_id=stock_take.pk)


@staff_required
def stocktake_detail(request, stock_take_id):
    """The scan page and the report of one stock take."""
    stock_take = queries.stock_take_for_user(request.user, stock_take_id)
    form = ScanForm(request.POST or None)
    scan = None
    if request.method == "POST" and form.is_valid():
        ok, scan = call_on_form(
            form,
            services.stocktake_scan,
            actor=request.user,
            stock_take=stock_take,
            barcode=form.cleaned_data["barcode"],
        )
        if ok:
            form = ScanForm()
    context = _report(stock_take, request.GET.get("page")) | {"form": form, "scan": scan}
    if request.htmx:
        return render(request, "inventory/stocktake_scanned.html", context)
    return render(request, "inventory/stocktake_detail.html", context)


@staff_required
@require_POST
def stocktake_mark_lost(request, stock_take_id):
    stock_take = queries.stock_take_for_user(request.user, stock_take_id)
    try:
        count = services.stocktake_mark_missing_lost(
            actor=request.user, stock_take=stock_take, expected=_count(request.POST.get("expected"))
        )
    except Invalid as refusal:
        messages.error(request, refusal.message)
        return redirect("inventory:detail", stock_take_id=stock_take.pk)
    messages.success(
        request,
        ngettext(
            "%(count)d missing copy marked as lost.",
            "%(count)d missing copies marked as lost.",
            count,
        )
        % {"count": count},
    )
    return redirect("inventory:detail", stock_take_id=stock_take.pk)


@staff_required
@require_POST
def stocktake_close(request, stock_take_id):
    stock_take = queries.stock_take_for_user(request.user, stock_take_id)
    services.stocktake_close(actor=request.user, stock_take=stock_take)
    messages.success(request, _("Stock take closed."))
    return redirect("inventory:detail", stock_take_id=stock_take.pk)


def _count(text) -> int | None:
    """The count a form was shown, or None when the form sent none."""
    return int(text) if text and text.isdigit() else None


def _report(stock_take, page_number=None) -> dict:
    missing = Paginator(queries.missing_items(stock_take), MISSING_PER_PAGE)
    return {
        "stock_take": stock_take,
        "counts": queries.outcome_counts(stock_take),
        "missing": missing.get_page(page_number),
        "misplaced": queries.scans_with(stock_take, StockTakeScan.Outcome.MISPLACED),
        "unknown": queries.scans_with(stock_take, StockTakeScan.Outcome.UNKNOWN),
    }
