"""The circulation API: the desk's checkout, return and renewal, holds,
transfers and the member summary — through the same services as the desk,
so a self-service kiosk or another system can lend through it.

Staff lend and take back only at their own library's desk (the office at
any); members of every library may borrow anywhere in the district, and the
desk sees of them only what lending needs (no contact details, address,
date of birth or NIK; reading history stays with the home library and the
office). A refused checkout or renewal is a 409 whose ``refusals`` say why
in words; send it again with ``override: true`` when ``overridable``."""

import datetime
from typing import Literal
from uuid import UUID

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.catalog.identifiers import barcode_clean
from pustaka.catalog.models import Item, Record
from pustaka.circulation import queries, services
from pustaka.circulation.models import Hold, Loan, Transfer
from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.rows import KeyedRead
from pustaka.libraries.models import Library
from pustaka.libraries.queries import libraries_public
from pustaka.members.api import DeskOut
from pustaka.members.models import Member
from pustaka.members.queries import desk_view, members_for_user

router = Router(tags=["circulation"])

ERRORS = frozenset({401, 403, 404, 422})
LIBRARY_HELP = "The desk's library code; default: the caller's own library."


# --- schemas -----------------------------------------------------------------


class RefusalOut(Schema):
    code: str = Field(
        description="not_available, on_loan_to_member, held_for_other, limit_reached, "
        "expired, blocked, pending, no_renewals_left, hold_waiting, overdue_too_long, "
        "anonymised"
    )
    message: str
    overridable: bool


class RefusedOut(ErrorOut):
    """A refused checkout, renewal or hold: ``code`` is the first reason's."""

    refusals: list[RefusalOut]
    overridable: bool = Field(description="Staff may go on with override: every reason allows it.")


class LoanOut(Schema):
    id: UUID
    barcode: str
    record: UUID
    title: str
    member: str | None = Field(
        description="The member's number; null once returned by a member who keeps no history."
    )
    library: str = Field(description="Code of the library that lent it.")
    checked_out_at: datetime.datetime
    due_on: datetime.date
    overdue: bool
    renewals: int
    overridden: bool = Field(description="Lent despite a refusal (audited).")
    returned_at: datetime.datetime | None

    @staticmethod
    def resolve_barcode(obj):
        return obj.item.barcode

    @staticmethod
    def resolve_record(obj):
        return obj.item.record_id

    @staticmethod
    def resolve_title(obj):
        return obj.item.record.title

    @staticmethod
    def resolve_member(obj):
        return obj.member.number if obj.member_id else None

    @staticmethod
    def resolve_library(obj):
        return obj.library.code

    @staticmethod
    def resolve_overdue(obj):
        return obj.returned_at is None and obj.due_on < timezone.localdate()


class HoldOut(Schema):
    id: UUID
    record: UUID
    title: str
    member: str | None = Field(description="The member's number.")
    member_name: str | None
    pickup_library: str
    status: Hold.Status
    placed_at: datetime.datetime
    copy_only: str | None = Field(description="Barcode, when the hold is for this copy only.")
    trapped_copy: str | None = Field(description="Barcode of the copy set aside for the hold.")
    ready_at: datetime.datetime | None
    expires_on: datetime.date | None = Field(description="Collect by (ready holds).")
    queue_position: int | None = Field(
        None, description="1 for the first in the district's queue (waiting holds of a member)."
    )

    @staticmethod
    def resolve_record(obj):
        return obj.record_id

    @staticmethod
    def resolve_title(obj):
        return obj.record.title

    @staticmethod
    def resolve_member(obj):
        return obj.member.number if obj.member_id else None

    @staticmethod
    def resolve_member_name(obj):
        return obj.member.name if obj.member_id else None

    @staticmethod
    def resolve_pickup_library(obj):
        return obj.pickup_library.code

    @staticmethod
    def resolve_copy_only(obj):
        return obj.item.barcode if obj.item_id else None

    @staticmethod
    def resolve_trapped_copy(obj):
        return obj.trapped_item.barcode if obj.trapped_item_id else None

    @staticmethod
    def resolve_queue_position(obj):
        return getattr(obj, "position", None)


class TransferOut(Schema):
    id: UUID
    barcode: str
    title: str
    from_library: str
    to_library: str
    to_library_name: str
    reason: Transfer.Reason
    status: Transfer.Status
    for_member: str | None = Field(description="Number of the member whose hold it travels for.")
    for_member_name: str | None
    created_at: datetime.datetime
    sent_at: datetime.datetime | None
    received_at: datetime.datetime | None

    @staticmethod
    def resolve_barcode(obj):
        return obj.item.barcode

    @staticmethod
    def resolve_title(obj):
        return obj.item.record.title

    @staticmethod
    def resolve_from_library(obj):
        return obj.from_library.code

    @staticmethod
    def resolve_to_library(obj):
        return obj.to_library.code

    @staticmethod
    def resolve_to_library_name(obj):
        return obj.to_library.name

    @staticmethod
    def resolve_for_member(obj):
        return obj.hold.member.number if obj.hold_id and obj.hold.member_id else None

    @staticmethod
    def resolve_for_member_name(obj):
        return obj.hold.member.name if obj.hold_id and obj.hold.member_id else None


class ReturnOut(Schema):
    """What to do with the copy next: ``shelve`` it, put it on the ``hold_shelf``
    for ``hold``'s member, send it to another library (``transfer``), or
    ``nothing`` (it was already where it belongs)."""

    barcode: str
    title: str
    action: Literal["shelve", "hold_shelf", "transfer", "nothing"]
    instruction: str = Field(description="What to do next, in words.")
    loan: LoanOut | None = Field(description="The loan this return closed, if any.")
    hold: HoldOut | None
    transfer: TransferOut | None
    fine: int = Field(description="In rupiah, as the loan rule asks (0 where nothing is fined).")


class DeskSummaryOut(Schema):
    member: DeskOut
    may_borrow: bool = Field(description="Nothing refuses a loan to this member today.")
    warnings: list[RefusalOut] = Field(description="Why the member may not borrow, in words.")
    loans: list[LoanOut] = Field(description="Open loans, soonest due first.")
    holds_ready: list[HoldOut] = Field(description="Holds waiting on a hold shelf.")


class CheckoutIn(Schema):
    model_config = ConfigDict(extra="forbid")

    library: str | None = Field(None, description=LIBRARY_HELP, examples=["DSA"])
    member: str = Field(description="The member's number.", examples=["DSA-000001"])
    barcode: str = Field(min_length=1, examples=["DSA-000001"])
    override: bool = Field(False, description="Lend despite overridable refusals (audited).")


class ReturnIn(Schema):
    model_config = ConfigDict(extra="forbid")

    library: str | None = Field(None, description=LIBRARY_HELP)
    barcode: str = Field(min_length=1)


class RenewIn(Schema):
    model_config = ConfigDict(extra="forbid")

    library: str | None = Field(None, description=LIBRARY_HELP)
    override: bool = False


class HoldIn(Schema):
    """A hold on a record (any copy) or, with ``barcode``, on one copy only."""

    model_config = ConfigDict(extra="forbid")

    member: str = Field(description="The member's number.")
    record: UUID | None = Field(None, description="The record; may be left out with a barcode.")
    barcode: str = Field("", description="Hold this copy only.")
    pickup_library: str | None = Field(None, description="Default: the caller's own library.")


class LoanParams(Schema):
    member: str = Field(description="The member's number.")
    returned: bool = Field(
        False,
        description="Also loans already returned (reading history: the member's home "
        "library and the district office only).",
    )


class HoldParams(Schema):
    member: str | None = Field(None, description="A member's open holds, by member number.")
    library: str | None = Field(None, description="A pickup library's list, by library code.")
    show: Literal["ready", "to_pull", "to_clear", "incoming"] = Field(
        "ready",
        description="With library: ready on the hold shelf, to pull from the shelves, "
        "to clear from the hold shelf (expired or cancelled), or on their way here.",
    )


class TransferParams(Schema):
    library: str | None = Field(None, description="Default: the caller's own library.")
    direction: Literal["send", "receive"] = Field(
        "send", description="Copies to pack and send, or copies on their way here."
    )


# --- endpoints ---------------------------------------------------------------


@router.post("/checkouts", response={201: LoanOut, 409: RefusedOut, ERRORS: ErrorOut})
def checkout(request, payload: CheckoutIn):
    """Lend a copy to a member of any library at the caller's desk. Refused (409)
    with the reasons in words; ``override`` lends anyway where every reason
    allows it, and is audited."""
    user = caller(request)
    loan = services.checkout(
        actor=user,
        library=_desk_library(user, payload.library),
        member=_member(payload.member, read=MEMBER),  # lending needs neither library nor category
        barcode=payload.barcode,
        override=payload.override,
    )
    return Status(201, loan)  # the service's loan holds its copy, record, member and desk


@router.post("/returns", response={200: ReturnOut, ERRORS: ErrorOut})
def checkin(request, payload: ReturnIn):
    """Take a copy back at the caller's desk (returned, arrived by transfer or
    scanned off the shelf for a hold) and say what to do with it next."""
    user = caller(request)
    desk = _desk_library(user, payload.library)
    outcome = services.checkin(actor=user, library=desk, barcode=payload.barcode)
    return {
        "barcode": outcome.item.barcode,
        "title": outcome.item.record.title,
        "action": outcome.action,
        "instruction": _instruction(outcome),
        "loan": _closed_loan(outcome, desk) if outcome.loan else None,
        "hold": _hold(outcome.hold.pk) if outcome.hold else None,
        "transfer": _transfer(outcome.transfer.pk) if outcome.transfer else None,
        "fine": outcome.fine,
    }


@router.post("/loans/{id}/renew", response={200: LoanOut, 409: RefusedOut, ERRORS: ErrorOut})
def renew(request, id: UUID, payload: RenewIn):
    """Renew an open loan at the caller's desk, from today (or its due date if
    later) for the rule's loan period."""
    user = caller(request)
    loan = Loan.objects.filter(pk=id).first()
    if loan is None:
        raise Http404
    services.renew(
        actor=user,
        library=_desk_library(user, payload.library),
        loan=loan,
        override=payload.override,
    )
    return _loan(id)


@router.get("/loans", response={200: list[LoanOut], ERRORS: ErrorOut})
def loans(request, params: Query[LoanParams]):
    """A member's open loans (any desk of the district), soonest due first;
    with ``returned`` their whole history, newest first."""
    user = caller(request)
    if not params.returned:
        return list(_loans().filter(member=_member(params.member), returned_at__isnull=True))
    member = members_for_user(user).filter(number=_number(params.member)).first()
    if member is None:
        raise Http404
    return list(_loans().filter(member=member).order_by("-checked_out_at"))


@router.get("/desk/members/{number}", response={200: DeskSummaryOut, ERRORS: ErrorOut})
def desk_member(request, number: str):
    """The desk's view of a member of any library: who they are, whether they
    may borrow (blocks, expiry), their open loans and holds ready for pickup."""
    member = _member(number)
    today = timezone.localdate()
    warnings = services.member_refusals(member, today)
    return {
        "member": desk_view(member, today=today),
        "may_borrow": not warnings,
        "warnings": warnings,
        "loans": list(_loans().filter(member=member, returned_at__isnull=True)),
        "holds_ready": list(_holds().filter(member=member, status=Hold.Status.READY)),
    }


@router.post("/holds", response={201: HoldOut, 409: RefusedOut, ERRORS: ErrorOut})
def hold_place(request, payload: HoldIn):
    """Place a hold for a member, to pick up at the caller's library (or
    ``pickup_library``); it joins the district's queue for the record."""
    user = caller(request)
    item = _copy(payload.barcode) if payload.barcode.strip() else None
    record_id = payload.record or (item.record_id if item else None)
    if record_id is None:
        raise Invalid(fields={"record": [_("Give the record or the barcode of a copy.")]})
    record = Record.objects.filter(pk=record_id, deleted_at__isnull=True).first()
    if record is None:
        raise Invalid(fields={"record": [_("There is no such record.")]})
    hold = services.hold_place(
        actor=user,
        member=_member(payload.member),
        record=record,
        pickup_library=_desk_library(user, payload.pickup_library, field="pickup_library"),
        item=item,
    )
    return Status(201, _hold(hold.pk, with_position=True))


@router.post("/holds/{id}/cancel", response={200: HoldOut, ERRORS: ErrorOut})
def hold_cancel(request, id: UUID):
    """Cancel a hold (the pickup library's staff or the district office)."""
    hold = Hold.objects.filter(pk=id).first()
    if hold is None:
        raise Http404
    services.hold_cancel(actor=caller(request), hold=hold)
    return _hold(id)


@router.get("/holds", response={200: list[HoldOut], ERRORS: ErrorOut})
def holds(request, params: Query[HoldParams]):
    """A member's open holds with their place in the queue (any desk), or a
    pickup library's lists (its staff and the district office)."""
    user = caller(request)
    if bool(params.member) == bool(params.library):
        raise Invalid(fields={"member": [_("Give either a member number or a library code.")]})
    if params.member:
        found = list(
            queries.member_open_holds(_member(params.member)).select_related(*HOLD_RELATED)
        )
        for hold in found:
            hold.position = hold.ahead + 1 if hold.status == Hold.Status.WAITING else 0
        return found
    library = _visible_library(user, params.library)
    lists = {
        "ready": lambda: queries.holds_ready(library),
        "to_pull": lambda: queries.holds_to_pull(library),
        "to_clear": lambda: queries.holds_to_clear(library),
        "incoming": lambda: Hold.objects.filter(
            pickup_library=library, status=Hold.Status.IN_TRANSIT
        ).order_by("placed_at"),
    }
    return list(lists[params.show]().select_related(*HOLD_RELATED))


@router.get("/transfers", response={200: list[TransferOut], ERRORS: ErrorOut})
def transfers(request, params: Query[TransferParams]):
    """A library's transfers to pack and send, or on their way to it."""
    user = caller(request)
    library = _visible_library(user, params.library)
    found = (
        queries.transfers_to_send(library)
        if params.direction == "send"
        else queries.transfers_to_receive(library)
    )
    return list(found.select_related(*TRANSFER_RELATED))


@router.post("/transfers/{id}/send", response={200: TransferOut, ERRORS: ErrorOut})
def transfer_send(request, id: UUID):
    """Mark a transfer as sent: the copy left for the other library."""
    transfer = Transfer.objects.select_related("from_library").filter(pk=id).first()
    if transfer is None:
        raise Http404
    services.transfer_send(actor=caller(request), transfer=transfer)
    return _transfer(id)


# --- look-ups ----------------------------------------------------------------

LOAN_RELATED = ("item__record", "member", "library")
HOLD_RELATED = ("record", "member", "pickup_library", "item", "trapped_item")
TRANSFER_RELATED = ("item__record", "from_library", "to_library", "hold__member")


def _loans():
    return Loan.objects.select_related(*LOAN_RELATED).order_by("due_on", "checked_out_at")


def _holds():
    return Hold.objects.select_related(*HOLD_RELATED).order_by("placed_at", "id")


def _loan(pk) -> Loan:
    return _loans().get(pk=pk)


def _closed_loan(outcome, desk: Library) -> Loan:
    """The loan a return closed, with the copy and record the service locked
    (most copies come back to the desk that lent them: no query then)."""
    loan = outcome.loan
    loan.item = outcome.item
    if loan.library_id == desk.pk:
        loan.library = desk
    return loan


def _hold(pk, *, with_position: bool = False) -> Hold:
    hold = _holds().get(pk=pk)
    if with_position:
        hold.position = queries.queue_position(hold)
    return hold


def _transfer(pk) -> Transfer:
    return Transfer.objects.select_related(*TRANSFER_RELATED).get(pk=pk)


def _number(number: str) -> str:
    return (number or "").strip().upper()


# The district's member with a number, for lending (any library): alone, and
# with the rows the desk shows beside it.
BY_NUMBER = {"keys": ("number",), "null": ("deleted_at",), "other_than": ("status",)}
MEMBER = KeyedRead(Member, **BY_NUMBER)
MEMBER_AT_DESK = KeyedRead(Member, **BY_NUMBER, related={"library": None, "category": None})


def _member(number: str, *, read: KeyedRead = MEMBER_AT_DESK) -> Member:
    """The district's member with this number (not anonymised), as ``read`` reads it."""
    member = read.one(_number(number), Member.Status.ANONYMISED)
    if member is None:
        raise NotFound(_("No member has the number “%(number)s”.") % {"number": number})
    return member


def _copy(barcode: str) -> Item:
    item = Item.objects.filter(barcode=barcode_clean(barcode), deleted_at__isnull=True).first()
    if item is None:
        raise Invalid(
            fields={"barcode": [_("No copy has the barcode “%(barcode)s”.") % {"barcode": barcode}]}
        )
    return item


def _library(code: str, *, field: str) -> Library:
    library = libraries_public().filter(code=code.strip().upper()).first()
    if library is None:
        raise Invalid(
            fields={field: [_("There is no library with code “%(code)s”.") % {"code": code}]}
        )
    return library


def _desk_library(user, code: str | None, *, field: str = "library") -> Library:
    """The library named by ``code``, or the caller's own (whether the caller
    may work its desk is the service's to say)."""
    if code:
        return _library(code, field=field)
    staff_role = getattr(user, "staff_role", None)
    if staff_role is not None and staff_role.library_id is not None:
        return staff_role.library
    raise Invalid(fields={field: [_("Give the code of the library whose desk this is.")]})


def _visible_library(user, code: str | None) -> Library:
    library = _desk_library(user, code)
    if not access_for(user).can_view_library(library.pk):
        raise NotPermitted
    return library


def _instruction(outcome: services.ReturnOutcome) -> str:
    """What the desk does with a returned copy next, in words."""
    if outcome.action == "hold_shelf" and outcome.hold is not None:
        member = outcome.hold.member
        who = f"{member.name} ({member.number})" if member else "-"
        return _("Put it on the hold shelf for %(member)s.") % {"member": who}
    if outcome.action == "transfer" and outcome.transfer is not None:
        return _("Send it to %(library)s.") % {"library": outcome.transfer.to_library.name}
    if outcome.action == "shelve":
        return _("Put it back on the shelf.")
    return _("Nothing to do: the copy is where it belongs.")
