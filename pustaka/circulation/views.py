"""The circulation desk, under ``/staff/desk/``: scan a member, lend and take
back copies one scan after another, renew, place and cancel holds, print a
slip, and the desk's work lists (holds to pull, transfers, the hold shelf).

Every page works without JavaScript (each action redirects back to the
desk); with htmx the desk's working area is swapped in place and the scan
field takes the focus again. The lines of the current session are kept in
the user's session, so a reload or a page without htmx shows them too."""

import datetime
import uuid
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pustaka.catalog.models import Item
from pustaka.circulation import queries, services
from pustaka.circulation.forms import MemberScanForm, ScanForm
from pustaka.circulation.models import Hold, Loan
from pustaka.circulation.policies import days_overdue
from pustaka.core.decorators import staff_required
from pustaka.core.errors import DomainError, NotPermitted
from pustaka.core.permissions import access_for, require
from pustaka.libraries.queries import libraries_managed_by, library_for_user
from pustaka.members.models import Member
from pustaka.members.queries import desk_view

MAX_LINES = 30
MODES = ("checkout", "return")


# -- the library and the member ----------------------------------------------


def desk_library(request, code: str):
    """The library whose desk ``code`` names: 404 when the user may not see
    it, 403 when they may see it but not lend there (the district viewer)."""
    library = library_for_user(request.user, code)
    require(access_for(request.user).can_lend_at(library.pk))
    return library


def lending_member(number: str) -> Member:
    """The district's member with exactly this number (members borrow at any
    library); 404 for an unknown or anonymised number."""
    member = (
        Member.objects.select_related("library", "category")
        .filter(number=(number or "").strip().upper(), deleted_at__isnull=True)
        .exclude(status=Member.Status.ANONYMISED)
        .first()
    )
    if member is None:
        raise Http404
    return member


def desk_url(library, *, member: str = "", mode: str = "checkout") -> str:
    query = {key: value for key, value in (("member", member), ("mode", mode)) if value}
    url = reverse("circulation:desk", args=[library.code])
    return f"{url}?{urlencode(query)}" if query else url


@staff_required
def desk_home(request):
    """The desk of the user's library; the office picks a library first."""
    libraries = list(libraries_managed_by(request.user))
    require(bool(libraries))
    if len(libraries) == 1:
        return redirect("circulation:desk", code=libraries[0].code)
    return render(request, "circulation/desk_choose.html", {"libraries": libraries})


# -- the desk page -----------------------------------------------------------


@staff_required
def desk(request, code):
    """The desk: the member panel, the scan field of the mode (lend or take
    back), what was done in this session, and the counts of the work lists."""
    library = desk_library(request, code)
    mode = request.GET.get("mode") if request.GET.get("mode") in MODES else "checkout"
    member, member_form = None, None
    number = request.GET.get("member", "").strip()
    if number:
        try:
            member = lending_member(number)
        except Http404:
            member_form = MemberScanForm({"member": number}, focus=True)
            member_form.is_valid()
            member_form.add_error(
                "member", _("No member has the number “%(number)s”.") % {"number": number}
            )
    fresh = request.session.pop("circulation_fresh", False)
    context = _desk_context(request, library, member, mode, fresh=fresh)
    if member_form is not None:
        context["member_form"] = member_form
    return render(request, "circulation/desk.html", context)


def _desk_context(
    request, library, member: Member | None, mode: str, *, fresh=False, whole_page=True
) -> dict:
    """What the desk shows; ``whole_page`` False for the part htmx swaps
    after a scan (the member panel and the counts stay as they are)."""
    today = timezone.localdate()
    access = access_for(request.user)
    number = member.number if member else ""
    lines = _lines(request, library, number, mode)
    context = {
        "library": library,
        "mode": mode,
        "today": today,
        "member": desk_view(member, today=today) if member else None,
        "scan_form": ScanForm(),
        # the newest line is announced above; the list shows the ones before
        "last": lines[0] if fresh and lines else None,
        "lines": lines[1:] if fresh else lines,
    }
    if whole_page:
        context |= {
            "member_sees_details": bool(member) and access.can_view_library(member.library_id),
            "member_form": MemberScanForm(focus=member is None and mode == "checkout"),
            "mode_urls": {m: desk_url(library, member=number, mode=m) for m in MODES},
            "counts": _list_counts(library),
        }
    if member:
        context |= _member_panel(member, library, today, access)
    return context


def _member_panel(member: Member, library, today: datetime.date, access) -> dict:
    """The member's open loans (overdue ones said in words) and open holds."""
    loans = list(_open_loans(member))
    for loan in loans:
        loan.days_overdue = days_overdue(loan.due_on, today)
    holds = list(
        queries.member_open_holds(member).select_related("record", "pickup_library", "trapped_item")
    )
    for hold in holds:
        hold.can_cancel = access.is_district_admin or access.can_lend_at(hold.pickup_library_id)
    ready = [
        hold
        for hold in holds
        if hold.status == Hold.Status.READY and hold.pickup_library_id == library.pk
    ]
    return {
        "loans": loans,
        "overdue_count": sum(1 for loan in loans if loan.days_overdue),
        "holds_ready_here": ready,
        "holds_other": [hold for hold in holds if hold not in ready],
    }


def _open_loans(member: Member):
    """The member's open loans, soonest due first (the panel, renewals, the slip)."""
    return (
        Loan.objects.filter(member=member, returned_at__isnull=True)
        .select_related("item__record", "library")
        .order_by("due_on", "checked_out_at")
    )


def _list_counts(library) -> dict:
    return {
        "to_pull": queries.holds_to_pull(library).count(),
        "to_send": queries.transfers_to_send(library).count(),
        "to_receive": queries.transfers_to_receive(library).count(),
        "ready": queries.holds_ready(library).count(),
        "to_clear": queries.holds_to_clear(library).count(),
    }


# -- what was done in this session -------------------------------------------


def _session_key(library) -> str:
    return f"circulation_desk_{library.code}"


def _remember(request, library, line: dict) -> None:
    key = _session_key(library)
    request.session[key] = [line, *request.session.get(key, [])][:MAX_LINES]


def _lines(request, library, number: str, mode: str) -> list[dict]:
    """This session's lines for the mode: returns, or the current member's
    loans and renewals; newest first, dates as dates again."""
    lines = []
    for line in request.session.get(_session_key(library), []):
        if (line["mode"] == "return") != (mode == "return"):
            continue
        if mode != "return" and line.get("member") != number:
            continue
        due = line.get("due")
        lines.append(line | {"due": datetime.date.fromisoformat(due) if due else None})
    return lines


def _after_action(request, library, *, member: Member | None, mode: str):
    """Back to the desk: the working area in place for htmx, else a redirect
    (so a reload never lends twice)."""
    if request.htmx:
        context = _desk_context(request, library, member, mode, fresh=True, whole_page=False)
        return render(request, "circulation/desk_swap.html", context)
    request.session["circulation_fresh"] = True
    return redirect(desk_url(library, member=member.number if member else "", mode=mode))


def _item_title(barcode: str) -> str:
    item = (
        Item.objects.filter(barcode=barcode.strip(), deleted_at__isnull=True)
        .select_related("record")
        .first()
    )
    return item.record.title if item else ""


# -- lending, taking back, renewing ------------------------------------------


@staff_required
@require_POST
def checkout(request, code):
    """Lend the scanned copy to the member; a refusal is said in words, with
    "Lend anyway" when every reason may be overridden."""
    library = desk_library(request, code)
    member = lending_member(request.POST.get("member", ""))
    form = ScanForm(request.POST)
    if form.is_valid():
        barcode = form.cleaned_data["barcode"]
        line = {"mode": "checkout", "kind": "lend", "member": member.number, "barcode": barcode}
        try:
            loan = services.checkout(
                actor=request.user,
                library=library,
                member=member,
                barcode=barcode,
                override=form.cleaned_data["override"],
            )
        except NotPermitted:
            raise
        except services.Refused as refused:
            line |= _refused(refused) | {"title": _item_title(barcode)}
        except DomainError as error:
            line |= {"ok": False, "messages": [str(error.message)]}
        else:
            line |= {
                "ok": True,
                "barcode": loan.item.barcode,
                "title": loan.item.record.title,
                "due": loan.due_on.isoformat(),
                "overridden": loan.overridden,
            }
        _remember(request, library, line)
    return _after_action(request, library, member=member, mode="checkout")


def _refused(refused: services.Refused) -> dict:
    """A refused line: each reason in words, and whether staff may go on anyway."""
    return {
        "ok": False,
        "messages": [item.message for item in refused.refusals],
        "may_override": refused.overridable,
    }


@staff_required
@require_POST
def checkin(request, code):
    """Take back the scanned copy and say what to do with it next."""
    library = desk_library(request, code)
    number = request.POST.get("member", "").strip()
    member = lending_member(number) if number else None
    form = ScanForm(request.POST)
    if form.is_valid():
        barcode = form.cleaned_data["barcode"]
        line = {"mode": "return", "kind": "return", "barcode": barcode}
        try:
            outcome = services.checkin(actor=request.user, library=library, barcode=barcode)
        except NotPermitted:
            raise
        except DomainError as error:
            line |= {"ok": False, "messages": [str(error.message)]}
        else:
            line |= {"ok": True} | _return_facts(outcome)
        _remember(request, library, line)
    return _after_action(request, library, member=member, mode="return")


def _return_facts(outcome) -> dict:
    """What the desk does with the returned copy next, as plain values."""
    hold_member = outcome.hold.member if outcome.hold else None
    facts = {
        "barcode": outcome.item.barcode,
        "title": outcome.item.record.title,
        "action": outcome.action,
        "fine": outcome.fine,
        "hold_member": str(hold_member) if hold_member else "",
        "to_library": "",
        "messages": [str(message) for message in outcome.messages],
    }
    if outcome.transfer:
        to = outcome.transfer.to_library
        facts["to_library"] = f"{to.name} ({to.code})"
    return facts


@staff_required
@require_POST
def renew(request, code):
    """Renew one loan (``loan``) or all the member's open loans, each result
    said on its own line."""
    library = desk_library(request, code)
    member = lending_member(request.POST.get("member", ""))
    loans = _open_loans(member)
    if request.POST.get("loan"):
        loans = loans.filter(pk=_uuid_or_404(request.POST["loan"]))
    for loan in loans:
        line = {
            "mode": "checkout",
            "kind": "renew",
            "member": member.number,
            "barcode": loan.item.barcode,
            "title": loan.item.record.title,
        }
        try:
            renewed = services.renew(
                actor=request.user,
                library=library,
                loan=loan,
                override=request.POST.get("override") == "1",
            )
        except NotPermitted:
            raise
        except services.Refused as refused:
            line |= _refused(refused) | {"loan": str(loan.pk)}
        except DomainError as error:
            line |= {"ok": False, "messages": [str(error.message)]}
        else:
            line |= {"ok": True, "due": renewed.due_on.isoformat()}
        _remember(request, library, line)
    return _after_action(request, library, member=member, mode="checkout")


def _uuid_or_404(value: str):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


@staff_required
def slip(request, code):
    """A printable slip of the member's current loans with their due dates."""
    library = desk_library(request, code)
    member = lending_member(request.GET.get("member", ""))
    today = timezone.localdate()
    context = {
        "library": library,
        "member": desk_view(member, today=today),
        "printed_at": timezone.localtime(),
        "loans": _open_loans(member),
    }
    return render(request, "circulation/slip.html", context)
