"""The circulation desk: checkout, return, renewal, holds across the district
and transfers between libraries.

Each service is one transaction that locks the copy it changes (a row lock
on PostgreSQL; SQLite's write transactions are serialised), writes the
copy's status, its loan or hold, and an append-only ``Event``, and keeps
the search index's availability in step; its change-log rows go into the
log in one statement at its end (``changes_batched``). Two desks lending the
same copy at the same moment: the second finds it on loan; the partial
unique index ``loan_one_open_per_item`` is the last guard."""

import datetime
from dataclasses import dataclass, field, replace

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.catalog.identifiers import barcode_clean
from pustaka.catalog.models import Item, Record
from pustaka.catalog.search.documents import holdings_refresh, holdings_refresh_copy
from pustaka.circulation import notices, policies
from pustaka.circulation.models import (
    CollectionItem,
    Event,
    Hold,
    Holiday,
    Loan,
    LoanRule,
    RotatingCollection,
    Transfer,
)
from pustaka.circulation.policies import Refusal, refusal
from pustaka.circulation.queries import copy_home, lending_terms, rule_for
from pustaka.core.audit import audit_record
from pustaka.core.changes import change_record, changes_batched
from pustaka.core.errors import DomainError, Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.rows import KeyedRead, first_value, for_update, key_param, key_value
from pustaka.core.writes import insert_logged, update_logged
from pustaka.libraries.models import Library
from pustaka.members.models import Member, MemberCategory
from pustaka.members.policies import age_group

Status = Item.Status


def _links(model) -> set[str]:
    """The foreign keys of ``model``."""
    return {field.name for field in model._meta.fields if field.many_to_one}


# A service links rows it has just read in its transaction: the database's
# foreign keys guard them, so model validation need not look each one up again.
EVENT_LINKS = _links(Event)
LOAN_LINKS = _links(Loan)
HOLD_LINKS = _links(Hold)
TRANSFER_LINKS = _links(Transfer)
ITEM_BUT_STATUS = {field.name for field in Item._meta.fields} - {"status"}


class Refused(DomainError):
    """The desk must not do this (yet): ``refusals`` say why, in words; staff may
    go on with ``override=True`` when every refusal is ``overridable``."""

    code = "refused"
    status = 409

    def __init__(self, refusals: list[Refusal]):
        self.refusals = refusals
        super().__init__(" ".join(each.message for each in refusals), code=refusals[0].code)

    @property
    def overridable(self) -> bool:
        return all(each.overridable for each in self.refusals)


@dataclass
class ReturnOutcome:
    """What the desk should do with a returned copy next."""

    item: Item
    action: str  # "shelve", "hold_shelf", "transfer", "nothing"
    loan: Loan | None = None
    hold: Hold | None = None
    transfer: Transfer | None = None
    fine: int = 0
    messages: list[str] = field(default_factory=list)


def _require_desk(actor, library: Library) -> None:
    if not access_for(actor).can_lend_at(library.pk):
        raise NotPermitted


def _is_self(actor, member: Member | None) -> bool:
    """Whether ``actor`` is the member's own account (a member on the public site)."""
    return bool(member and member.user_id and member.user_id == getattr(actor, "pk", None))


# What the desk reads of a scanned copy: the copy, and of its record what
# lending and the desk's answer need (its other columns, JSON among them, cost
# more to read than the rest of the statement).
COPY_AT_DESK = KeyedRead(
    Item,
    keys=("barcode",),
    null=("deleted_at",),
    related={"record": ("title", "material_type")},
    lock=True,
)
OPEN_LOAN = KeyedRead(Loan, keys=("item",), null=("returned_at",), related={"member": None})


def _locked_copy(barcode: str, desk: Library) -> Item | None:
    """The copy with ``barcode`` as scanned or typed (with its record's title
    and material type), locked for the rest of the transaction; None when
    there is none. A copy of the ``desk``'s library (most are) is given the
    desk's row as its library; another's library is read when it is needed."""
    item = COPY_AT_DESK.one(barcode_clean(barcode))
    if item is not None and item.library_id == desk.pk:
        item.library = desk
    return item


def _locked_item(barcode: str, desk: Library) -> Item:
    """The copy with ``barcode``, locked; ``NotFound`` when there is none."""
    item = _locked_copy(barcode, desk)
    if item is None:
        raise NotFound(_("No copy has the barcode “%(barcode)s”.") % {"barcode": barcode})
    return item


def _event(*, actor, item: Item, kind: str, library: Library, when, **links) -> Event:
    return insert_logged(
        Event(
            item=item,
            kind=kind,
            library=library,
            occurred_at=when,
            status_after=item.status,
            staff=actor if getattr(actor, "is_authenticated", False) else None,
            **links,
        ),
        actor=actor,
        exclude=EVENT_LINKS,
    )


def _set_status(item: Item, status: str, *, actor) -> None:
    update_logged(
        item, actor=actor, changes={"status": status}, allowed={"status"}, exclude=ITEM_BUT_STATUS
    )


def _hold_set(hold: Hold, *, actor, **changes) -> None:
    update_logged(hold, actor=actor, changes=changes, allowed=set(changes), exclude=HOLD_LINKS)


def _transfer_set(transfer: Transfer, *, actor, **changes) -> None:
    update_logged(
        transfer, actor=actor, changes=changes, allowed=set(changes), exclude=TRANSFER_LINKS
    )


def member_refusals(member: Member, today: datetime.date) -> list[Refusal]:
    """Why this member may not borrow or renew today, if anything."""
    found = []
    if member.status == Member.Status.ANONYMISED:
        found.append(refusal("anonymised", overridable=False))
    elif member.status == Member.Status.PENDING:
        # Confirmed at the desk first: a pending registration has no card number.
        found.append(refusal("pending", overridable=False))
    if member.is_blocked:
        found.append(refusal("blocked", reason=member.blocked_reason or "-"))
    if member.expires_on and member.expires_on < today:
        found.append(refusal("expired", date=member.expires_on.strftime("%d-%m-%Y")))
    return found


def _checkout_refusals(
    item: Item, member: Member, rule: LoanRule, today: datetime.date
) -> tuple[list[Refusal], Hold | None]:
    """Why ``item`` may not go to ``member`` now, and the member's own hold
    this checkout fills, if any."""
    refusals = member_refusals(member, today)
    own_hold = None
    if item.status == Status.ON_HOLD_SHELF:
        own_hold = Hold.objects.filter(trapped_item=item, status=Hold.Status.READY).first()
        if own_hold and own_hold.member_id != member.pk:
            refusals.append(refusal("held_for_other", overridable=False))
    elif item.status == Status.ON_LOAN:
        code = (
            "on_loan_to_member"
            if item.loans.filter(returned_at__isnull=True, member=member).exists()
            else "not_available"
        )
        refusals.append(refusal(code, overridable=False, status=item.get_status_display()))
    elif item.status != Status.AVAILABLE:
        overridable = item.status == Status.DAMAGED
        refusals.append(
            refusal("not_available", overridable=overridable, status=item.get_status_display())
        )
    elif _others_waiting(item, member):
        refusals.append(refusal("hold_waiting"))
    on_loan = first_value(MEMBER_ON_LOAN, [key_param(member.pk)])
    if on_loan >= rule.max_loans:
        refusals.append(refusal("limit_reached", count=on_loan, limit=rule.max_loans))
    return refusals, own_hold


def _refuse_unless_overridden(
    refusals: list[Refusal], *, rule: LoanRule, override: bool
) -> list[Refusal]:
    """Raise ``Refused`` unless staff ``override`` refusals that all allow it
    (none does where the rule allows no overrides); the refusals overridden."""
    if not refusals:
        return refusals
    if not rule.overrides_allowed:
        refusals = [replace(each, overridable=False) for each in refusals]
    refused = Refused(refusals)
    if not (override and refused.overridable):
        raise refused
    return refusals


def _audit_override(*, actor, loan: Loan, library: Library, refusals, **detail) -> None:
    """Staff lent despite ``refusals``: who, which loan, why."""
    audit_record(
        actor=actor,
        action="loan.override",
        instance=loan,
        library_id=library.pk,
        detail={"refusals": [each.code for each in refusals], **detail},
    )


# A member's loans still out.
MEMBER_ON_LOAN = (
    "SELECT COUNT(*) FROM circulation_loan WHERE member_id = %s AND returned_at IS NULL"
)
# Waiting holds a copy can fill (on its record, for any copy or for this very
# copy): ``_fillable`` gives their parameters.
FILLABLE_HOLDS = (
    "FROM circulation_hold WHERE record_id = %s AND status = %s"
    " AND (item_id IS NULL OR item_id = %s)"
)
OTHERS_WAITING = f"SELECT 1 {FILLABLE_HOLDS} AND (member_id IS NULL OR member_id <> %s) LIMIT 1"


def _fillable(item: Item) -> list:
    return [key_param(item.record_id), Hold.Status.WAITING.value, key_param(item.pk)]


def _others_waiting(item: Item, member: Member) -> bool:
    """Whether another member waits for this record with no copy set aside yet."""
    return first_value(OTHERS_WAITING, [*_fillable(item), key_param(member.pk)]) is not None


@transaction.atomic
@changes_batched()
def checkout(
    *,
    actor,
    library: Library,
    member: Member,
    barcode: str,
    override: bool = False,
    today: datetime.date | None = None,
) -> Loan:
    """Lend the copy ``barcode`` to ``member`` at ``library``'s desk, due on the
    rule's loan period moved past closed days. Refused (``Refused``) with the
    reasons in words; ``override`` lends anyway where every reason allows it,
    and is audited."""
    _require_desk(actor, library)
    item = _locked_item(barcode, library)
    now = timezone.now()  # once the copy is ours: its events follow the lock's order
    today = today or timezone.localdate(now)
    rule, closed = lending_terms(
        library=library, category_id=member.category_id, material_type=item.record.material_type
    )
    refusals, own_hold = _checkout_refusals(item, member, rule, today)
    refusals = _refuse_unless_overridden(refusals, rule=rule, override=override)
    due_on = policies.due_date(today, rule.loan_days, closed)
    loan = Loan(
        item=item,
        member=member,
        library=library,
        checked_out_at=now,
        due_on=due_on,
        overridden=bool(refusals),
        borrower_category_id=member.category_id,
        borrower_gender=member.gender,
        borrower_age_group=age_group(member.birth_date, today),
        borrower_disability=bool(member.disability),
    )
    try:
        # No savepoint: a refusal here rolls the whole checkout back at once.
        insert_logged(loan, actor=actor, exclude=LOAN_LINKS)
    except IntegrityError:
        raise Refused(
            [refusal("not_available", overridable=False, status=Status.ON_LOAN.label)]
        ) from None
    _set_status(item, Status.ON_LOAN, actor=actor)
    if own_hold:
        _hold_set(own_hold, actor=actor, status=Hold.Status.FULFILLED, closed_at=now)
    _event(
        actor=actor, item=item, kind="checkout", library=library, when=now, loan=loan, due_on=due_on
    )
    if refusals:
        _audit_override(actor=actor, loan=loan, library=library, refusals=refusals)
    holdings_refresh_copy(item)
    return loan


@transaction.atomic
@changes_batched()
def checkin(
    *, actor, library: Library, barcode: str, today: datetime.date | None = None
) -> ReturnOutcome:
    """Take back the copy ``barcode`` at ``library``'s desk (returned, arrived
    by transfer, or scanned off the shelf for a hold) and say what to do with
    it next: shelve it, put it on the hold shelf for the oldest hold it can
    fill, or send it on to another library."""
    _require_desk(actor, library)
    item = _locked_item(barcode, library)
    now = timezone.now()  # once the copy is ours: its events follow the lock's order
    today = today or timezone.localdate(now)
    outcome = ReturnOutcome(item=item, action="nothing")
    loan = OPEN_LOAN.one(item.pk)
    if loan:
        outcome.loan = loan
        outcome.fine = _loan_close(loan, item, actor=actor, library=library, now=now, today=today)
    elif item.status == Status.IN_TRANSIT:
        transfer = _transfer_arrived(item, actor=actor, library=library, now=now)
        if transfer and transfer.hold_id:
            hold = _locked_holds().get(pk=transfer.hold_id)
            if hold.status == Hold.Status.IN_TRANSIT:
                _hold_make_ready(hold, item, actor=actor, library=library, now=now, today=today)
                outcome.action, outcome.hold = "hold_shelf", hold
                holdings_refresh_copy(item)
                return outcome
    elif item.status == Status.ON_HOLD_SHELF:
        ready = Hold.objects.filter(trapped_item=item, status=Hold.Status.READY).first()
        if ready:
            outcome.action, outcome.hold = "hold_shelf", ready
            return outcome
    _route(outcome, actor=actor, library=library, now=now, today=today)
    holdings_refresh_copy(item)
    return outcome


def _loan_close(loan: Loan, item: Item, *, actor, library: Library, now, today) -> int:
    """Close the open loan of the locked ``item``; the member is forgotten
    unless they keep their reading history. Returns the fine the rule asks
    (0 for most libraries)."""
    member = loan.member
    returned_on = today
    changes = {"returned_at": now, "returned_library": library}
    if member and not member.keeps_history:
        changes["member"] = None
    update_logged(loan, actor=actor, changes=changes, allowed=set(changes), exclude=LOAN_LINKS)
    _set_status(item, Status.AVAILABLE, actor=actor)
    _event(actor=actor, item=item, kind="return", library=library, when=now, loan=loan)
    if member is None or returned_on <= loan.due_on:
        return 0  # on time: no rule fines it, so none is looked up
    rule = rule_for(
        library_id=loan.library_id,
        category_id=member.category_id,
        material_type=item.record.material_type,
    )
    return policies.fine_for(loan.due_on, returned_on, rule)


def _transfer_arrived(item: Item, *, actor, library: Library, now) -> Transfer | None:
    transfer = (
        Transfer.objects.select_for_update()
        .filter(item=item, status__in=[Transfer.Status.IN_TRANSIT, Transfer.Status.TO_SEND])
        .first()
    )
    if transfer is None or transfer.to_library_id != library.pk:
        return None
    _transfer_set(transfer, actor=actor, status=Transfer.Status.RECEIVED, received_at=now)
    _set_status(item, Status.AVAILABLE, actor=actor)
    _event(
        actor=actor,
        item=item,
        kind="transfer_received",
        library=library,
        when=now,
        transfer=transfer,
    )
    return transfer


def _locked_holds():
    """Holds locked for the rest of the transaction, with what a hold shelf
    and its notice need (the record, the member, the pickup library)."""
    return Hold.objects.select_for_update(of=("self",)).select_related(
        "record", "member", "pickup_library"
    )


def _next_hold(item: Item, *, pickup: Library | None = None) -> Hold | None:
    """The oldest waiting hold this copy can fill (first come, first served),
    only those picked up at ``pickup`` when given."""
    # Its key first, in a narrow statement (most returns find no hold), then
    # the hold with what it needs.
    sql, params = f"SELECT id {FILLABLE_HOLDS}", _fillable(item)
    if pickup is not None:
        sql += " AND pickup_library_id = %s"
        params.append(key_param(pickup.pk))
    pk = first_value(f"{sql} ORDER BY placed_at, id LIMIT 1{for_update()}", params)
    return None if pk is None else _locked_holds().get(pk=key_value(pk))


def _route(outcome: ReturnOutcome, *, actor, library: Library, now, today) -> None:
    """Where a copy in hand at ``library`` goes next."""
    item = outcome.item
    if item.status == Status.WITHDRAWN:
        outcome.messages.append(_("This copy was withdrawn from the collection."))
        return
    if item.status == Status.LOST:
        _set_status(item, Status.AVAILABLE, actor=actor)
        _event(actor=actor, item=item, kind="found", library=library, when=now)
    home = copy_home(item)
    # A copy in a rotating collection serves only the library the box is at.
    hold = _next_hold(item, pickup=home if home.pk != item.library_id else None)
    if hold and hold.pickup_library_id == library.pk:
        _hold_make_ready(hold, item, actor=actor, library=library, now=now, today=today)
        outcome.action, outcome.hold = "hold_shelf", hold
        return
    if hold:
        _hold_set(hold, actor=actor, status=Hold.Status.IN_TRANSIT, trapped_item=item)
        _event(actor=actor, item=item, kind="hold_trapped", library=library, when=now, hold=hold)
        outcome.transfer = _transfer_create(
            item, library, hold.pickup_library, Transfer.Reason.HOLD, actor=actor, hold=hold
        )
        outcome.action, outcome.hold = "transfer", hold
        return
    if home.pk != library.pk:
        outcome.transfer = _transfer_create(
            item, library, home, Transfer.Reason.RETURN_HOME, actor=actor
        )
        outcome.action = "transfer"
        return
    if item.status != Status.AVAILABLE:
        _set_status(item, Status.AVAILABLE, actor=actor)
    outcome.action = "shelve"


def _hold_make_ready(hold: Hold, item: Item, *, actor, library: Library, now, today) -> None:
    """Put ``item`` on ``library``'s hold shelf for ``hold``, which waits the
    rule's pickup days (moved past closed days), and tell the member."""
    rule, closed = lending_terms(
        library=library,
        category_id=hold.member.category_id if hold.member else None,
        material_type=item.record.material_type,
    )
    expires_on = policies.due_date(today, rule.hold_pickup_days, closed)
    _hold_set(
        hold,
        actor=actor,
        status=Hold.Status.READY,
        trapped_item=item,
        ready_at=now,
        expires_on=expires_on,
    )
    _set_status(item, Status.ON_HOLD_SHELF, actor=actor)
    _event(actor=actor, item=item, kind="hold_trapped", library=library, when=now, hold=hold)
    notices.hold_ready_queue(hold)


def _transfer_create(item, from_library, to_library, reason, *, actor, hold=None) -> Transfer:
    transfer = insert_logged(
        Transfer(
            item=item, from_library=from_library, to_library=to_library, reason=reason, hold=hold
        ),
        actor=actor,
        exclude=TRANSFER_LINKS,
    )
    _set_status(item, Status.IN_TRANSIT, actor=actor)
    return transfer


@transaction.atomic
@changes_batched()
def transfer_send(*, actor, transfer: Transfer) -> Transfer:
    """The copy leaves for the other library (it was packed from the list of
    transfers to send)."""
    _require_desk(actor, transfer.from_library)
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != Transfer.Status.TO_SEND:
        raise Invalid(_("This transfer has already been sent."), code="transfer_sent")
    now = timezone.now()
    _transfer_set(transfer, actor=actor, status=Transfer.Status.IN_TRANSIT, sent_at=now)
    item = Item.objects.select_for_update().get(pk=transfer.item_id)
    _event(
        actor=actor,
        item=item,
        kind="transfer_sent",
        library=transfer.from_library,
        when=now,
        transfer=transfer,
    )
    return transfer


@transaction.atomic
@changes_batched()
def renew(
    *,
    actor,
    library: Library,
    loan: Loan,
    override: bool = False,
    today: datetime.date | None = None,
) -> Loan:
    """Lend the copy again from today for the rule's loan period, while the
    rule allows renewals and no one else waits for the book."""
    # Staff at a desk; or the member themself, on the public site: at the
    # loan's own library, and a refusal stands (only staff may override one).
    self_service = _is_self(actor, loan.member) and not override
    if not access_for(actor).can_lend_at(library.pk) and not (
        self_service and library.pk == loan.library_id
    ):
        raise NotPermitted
    loan = (
        Loan.objects.select_for_update(of=("self",))
        .select_related("item__record", "member", "library")
        .get(pk=loan.pk)
    )
    now = timezone.now()
    today = today or timezone.localdate(now)
    if loan.returned_at or loan.member is None:
        raise Invalid(_("This loan is no longer open."), code="loan_closed")
    rule, closed = lending_terms(
        library=loan.library,
        category_id=loan.member.category_id,
        material_type=loan.item.record.material_type,
    )
    refusals = member_refusals(loan.member, today)
    if loan.renewals >= rule.renewals:
        refusals.append(refusal("no_renewals_left", count=loan.renewals))
    if _others_waiting(loan.item, loan.member):
        refusals.append(refusal("hold_waiting"))
    refusals = _refuse_unless_overridden(refusals, rule=rule, override=override)
    due_on = policies.due_date(max(today, loan.due_on), rule.loan_days, closed)
    update_logged(
        loan,
        actor=actor,
        changes={"due_on": due_on, "renewals": loan.renewals + 1},
        allowed={"due_on", "renewals"},
        exclude=LOAN_LINKS,
    )
    _event(
        actor=actor,
        item=loan.item,
        kind="renew",
        library=library,
        when=now,
        loan=loan,
        due_on=due_on,
    )
    if refusals:
        _audit_override(actor=actor, loan=loan, library=library, refusals=refusals, renewal=True)
    return loan


@transaction.atomic
def hold_place(
    *,
    actor,
    member: Member,
    record: Record,
    pickup_library: Library,
    item: Item | None = None,
    today: datetime.date | None = None,
) -> Hold:
    """Reserve ``record`` (any copy, or ``item`` only) for ``member``, to pick
    up at ``pickup_library``; the hold joins the district's queue for the record."""
    # Any desk of the district may reserve for pickup at any library.
    if not (_is_self(actor, member) or access_for(actor).can_catalogue):
        raise NotPermitted
    today = today or timezone.localdate()
    refusals = member_refusals(member, today)
    rule = rule_for(
        library_id=pickup_library.pk,
        category_id=member.category_id,
        material_type=record.material_type,
    )
    if not rule.holds_allowed:
        raise Invalid(
            _("Holds are not allowed for this kind of material."), code="holds_not_allowed"
        )
    if refusals:
        raise Refused(refusals)
    if item is not None and item.record_id != record.pk:
        raise Invalid(fields={"item": [_("This copy belongs to another record.")]})
    if Hold.objects.filter(member=member, record=record, status__in=Hold.OPEN).exists():
        raise Invalid(_("This member already has a hold on this book."), code="hold_exists")
    if not record.items.filter(deleted_at__isnull=True).exclude(status=Status.WITHDRAWN).exists():
        raise Invalid(_("No library holds a copy of this book."), code="no_copies")
    return insert_logged(
        Hold(
            record=record,
            item=item,
            member=member,
            pickup_library=pickup_library,
            placed_at=timezone.now(),
        ),
        actor=actor,
    )


@transaction.atomic
def hold_cancel(*, actor, hold: Hold) -> Hold:
    """Cancel a hold. A copy already set aside stays where it is until it is
    scanned at a desk, which passes it to the next hold or back to the shelf."""
    # The member themself, or a desk: the pickup library's staff or the office.
    if not (_is_self(actor, hold.member) or access_for(actor).can_lend_at(hold.pickup_library_id)):
        raise NotPermitted
    hold = Hold.objects.select_for_update().get(pk=hold.pk)
    if hold.status not in Hold.OPEN:
        raise Invalid(_("This hold is already closed."), code="hold_closed")
    _hold_set(hold, actor=actor, status=Hold.Status.CANCELLED, closed_at=timezone.now())
    return hold


@transaction.atomic
@changes_batched()
def holds_expire(*, today: datetime.date | None = None) -> int:
    """Close the ready holds not collected in time (the daily task); their
    copies appear on the list of expired holds to clear from the shelf."""
    today = today or timezone.localdate()
    expired = list(
        Hold.objects.select_for_update().filter(status=Hold.Status.READY, expires_on__lt=today)
    )
    now = timezone.now()
    for hold in expired:
        _hold_set(hold, actor=None, status=Hold.Status.EXPIRED, closed_at=now)
    return len(expired)


# ---------------------------------------------------------------------------
# Loan rules and closed days: the office edits the district's (no library),
# a library manager their own library's; volunteers and viewers only read.
# ---------------------------------------------------------------------------

RULE_VALUES = {
    "loan_days",
    "max_loans",
    "renewals",
    "holds_allowed",
    "fine_per_day",
    "grace_days",
    "hold_pickup_days",
    "overrides_allowed",
}


def _require_settings(actor, library: Library | None) -> None:
    """The office sets the district's rules and closed days; a library's
    manager (or the office) sets the library's own."""
    access = access_for(actor)
    allowed = access.is_district_admin if library is None else access.can_edit_library(library.pk)
    if not allowed:
        raise NotPermitted


def _is_district_default(rule: LoanRule) -> bool:
    return rule.library_id is None and rule.category_id is None and not rule.material_type


def _check_rule_values(values: dict) -> None:
    unknown = set(values) - RULE_VALUES
    if unknown:
        raise Invalid(fields={name: [_("Unknown field.")] for name in sorted(unknown)})
    if "loan_days" in values and not values["loan_days"]:
        raise Invalid(fields={"loan_days": [_("A loan lasts at least one day.")]})


@transaction.atomic
def loan_rule_save(
    *,
    actor,
    values: dict,
    rule: LoanRule | None = None,
    library: Library | None = None,
    category: MemberCategory | None = None,
    material_type: str = "",
) -> LoanRule:
    """Change ``rule``'s values, or create the rule of one cell of the matrix
    (library x member category x material type, each optional: empty means
    every one). A cell has at most one live rule."""
    _check_rule_values(values)
    if rule is not None:
        rule = LoanRule.objects.select_for_update().get(pk=rule.pk, deleted_at__isnull=True)
        _require_settings(actor, rule.library)
        update_logged(rule, actor=actor, changes=values, allowed=RULE_VALUES)
        return rule
    _require_settings(actor, library)
    # Rule cells are created one at a time: the district default (always
    # there, never deleted) is the lock, as NULL cells defeat a unique index.
    list(
        LoanRule.objects.select_for_update().filter(
            library__isnull=True, category__isnull=True, material_type=""
        )
    )
    cell = LoanRule.objects.filter(
        library=library, category=category, material_type=material_type or "", deleted_at=None
    )
    if cell.exists():
        raise Invalid(
            _("This cell already has a rule: change that one instead."), code="rule_exists"
        )
    return insert_logged(
        LoanRule(library=library, category=category, material_type=material_type or "", **values),
        actor=actor,
    )


@transaction.atomic
def loan_rule_delete(*, actor, rule: LoanRule) -> LoanRule:
    """Withdraw a rule: the next more general rule applies to its cell again.
    The district default, which every loan falls back on, stays."""
    rule = LoanRule.objects.select_for_update().get(pk=rule.pk)
    _require_settings(actor, rule.library)
    if _is_district_default(rule):
        raise Invalid(
            _("The district's default rule cannot be deleted; change its values instead."),
            code="default_rule",
        )
    if rule.deleted_at is None:
        update_logged(
            rule, actor=actor, changes={"deleted_at": timezone.now()}, allowed={"deleted_at"}
        )
    return rule


@transaction.atomic
def holiday_add(
    *, actor, date: datetime.date, name: str, library: Library | None = None
) -> Holiday:
    """A dated closed day for one library, or for every library (no library):
    due dates and hold pickup dates move past it."""
    _require_settings(actor, library)
    same_day = Holiday.objects.filter(library=library, date=date, deleted_at__isnull=True)
    if same_day.exists():
        raise Invalid(fields={"date": [_("This day is already a closed day.")]})
    return insert_logged(Holiday(library=library, date=date, name=name.strip()), actor=actor)


@transaction.atomic
def holiday_remove(*, actor, holiday: Holiday) -> Holiday:
    """The library opens on that day after all."""
    _require_settings(actor, holiday.library)
    if holiday.deleted_at is None:
        update_logged(
            holiday, actor=actor, changes={"deleted_at": timezone.now()}, allowed={"deleted_at"}
        )
    return holiday


# ---------------------------------------------------------------------------
# Rotating collections: a box of copies lent by one library to another for a
# period. Packing, sending and taking back happen at the lending library's
# desk; receiving and sending back at the receiving library's. While the box
# is there (ARRIVED) ``queries.copy_home`` shelves its copies there.
# ---------------------------------------------------------------------------

Box = RotatingCollection.Status


@dataclass
class CollectionReport:
    """What a scan or a move of a collection did: the copies it moved, and the
    barcodes it left aside with the reason in words."""

    collection: RotatingCollection
    moved: list[Item] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    not_in_collection: list[str] = field(default_factory=list)


def _locked_collection(collection: RotatingCollection, *statuses: str) -> RotatingCollection:
    collection = (
        RotatingCollection.objects.select_for_update()
        .select_related("from_library", "to_library")
        .get(pk=collection.pk, deleted_at__isnull=True)
    )
    if collection.status not in statuses:
        raise Invalid(
            _("This collection is %(status)s: that cannot be done now.")
            % {"status": collection.get_status_display().lower()},
            code="collection_status",
        )
    return collection


def _collection_items(collection: RotatingCollection) -> list[Item]:
    """The collection's copies, locked, in packing order."""
    return list(
        Item.objects.select_for_update()
        .filter(pk__in=collection.memberships.values("item_id"))
        .order_by("barcode")
    )


def _collection_set(collection: RotatingCollection, *, actor, **changes) -> None:
    update_logged(collection, actor=actor, changes=changes, allowed=set(changes))


def _move(items: list[Item], *, actor, kind: str, library: Library, now, collection) -> None:
    """Copies of a box leave (``transfer_sent``) or reach (``transfer_received``)
    ``library``: each copy's status and event, and the catalogue's availability."""
    status = policies.STATUS_AFTER[kind]
    detail = {"collection": str(collection.pk)}
    for item in items:
        _set_status(item, status, actor=actor)
        _event(actor=actor, item=item, kind=kind, library=library, when=now, detail=detail)
    holdings_refresh({item.record_id for item in items})


@transaction.atomic
def collection_create(
    *,
    actor,
    name: str,
    from_library: Library,
    to_library: Library,
    due_back_on: datetime.date,
    today: datetime.date | None = None,
) -> RotatingCollection:
    """Start packing a box for another library (its manager or the office)."""
    if not access_for(actor).can_edit_library(from_library.pk):
        raise NotPermitted
    today = today or timezone.localdate()
    errors = {}
    if to_library.pk == from_library.pk:
        errors["to_library"] = [_("Choose another library than the one lending the box.")]
    if due_back_on <= today:
        errors["due_back_on"] = [_("The box is due back after today.")]
    if errors:
        raise Invalid(fields=errors)
    return insert_logged(
        RotatingCollection(
            name=name.strip(),
            from_library=from_library,
            to_library=to_library,
            due_back_on=due_back_on,
        ),
        actor=actor,
    )


def _packing_refusal(item: Item | None, collection) -> str | None:
    """Why a scanned copy may not go into ``collection``, if it may not."""
    if item is None:
        return _("No copy has this barcode.")
    if item.library_id != collection.from_library_id:
        return _("This copy belongs to another library.")
    boxes = list(
        CollectionItem.objects.filter(item=item, collection__deleted_at__isnull=True)
        .exclude(collection__status=Box.RETURNED)
        .select_related("collection")
    )
    if any(box.collection_id == collection.pk for box in boxes):
        return _("Already in this collection.")
    if item.status != Status.AVAILABLE:
        return _("This copy is not on the shelf: %(status)s.") % {
            "status": item.get_status_display().lower()
        }
    if boxes:
        return _("This copy is already in the collection “%(name)s”.") % {
            "name": boxes[0].collection.name
        }
    return None


@transaction.atomic
@changes_batched()
def collection_add_items(
    *, actor, collection: RotatingCollection, barcodes: list[str]
) -> CollectionReport:
    """Pack the scanned copies: the lending library's copies on its shelf that
    travel in no other box. Others are left aside, each with its reason."""
    collection = _locked_collection(collection, Box.PREPARED)
    _require_desk(actor, collection.from_library)
    report = CollectionReport(collection=collection)
    for barcode in dict.fromkeys(filter(None, map(barcode_clean, barcodes))):
        item = _locked_copy(barcode, collection.from_library)
        reason = _packing_refusal(item, collection)
        if reason:
            report.refused.append((barcode, reason))
            continue
        insert_logged(CollectionItem(collection=collection, item=item), actor=actor)
        report.moved.append(item)
    return report


@transaction.atomic
def collection_remove_item(*, actor, collection: RotatingCollection, item: Item) -> None:
    """Take a copy out of a box still being prepared. The packing row goes
    (its deletion is logged): a copy that never left must not count as in
    the box when it arrives."""
    collection = _locked_collection(collection, Box.PREPARED)
    _require_desk(actor, collection.from_library)
    membership = collection.memberships.filter(item=item).first()
    if membership is None:
        raise NotFound(_("This copy is not in this collection."))
    change_record(instance=membership, operation="delete", staff=actor)
    membership.delete()


@transaction.atomic
@changes_batched()
def collection_send(*, actor, collection: RotatingCollection) -> RotatingCollection:
    """The box leaves: each copy is in transit, with its event."""
    collection = _locked_collection(collection, Box.PREPARED)
    _require_desk(actor, collection.from_library)
    items = _collection_items(collection)
    if not items:
        raise Invalid(_("The collection has no copies yet."), code="collection_empty")
    away = [item.barcode for item in items if item.status != Status.AVAILABLE]
    if away:
        raise Invalid(
            _("These copies are no longer on the shelf; take them out first: %(barcodes)s")
            % {"barcodes": ", ".join(away)},
            code="collection_items_away",
        )
    now = timezone.now()
    _move(
        items,
        actor=actor,
        kind="transfer_sent",
        library=collection.from_library,
        now=now,
        collection=collection,
    )
    _collection_set(collection, actor=actor, status=Box.IN_TRANSIT, sent_at=now)
    return collection


@transaction.atomic
@changes_batched()
def collection_receive(*, actor, collection: RotatingCollection) -> RotatingCollection:
    """The box reached the receiving library: its copies are on that
    library's shelf, lent and returned there until the box goes back."""
    collection = _locked_collection(collection, Box.IN_TRANSIT)
    _require_desk(actor, collection.to_library)
    now = timezone.now()
    _move(
        [item for item in _collection_items(collection) if item.status == Status.IN_TRANSIT],
        actor=actor,
        kind="transfer_received",
        library=collection.to_library,
        now=now,
        collection=collection,
    )
    _collection_set(collection, actor=actor, status=Box.ARRIVED, arrived_at=now)
    return collection


@transaction.atomic
@changes_batched()
def collection_send_back(*, actor, collection: RotatingCollection) -> CollectionReport:
    """The box goes home: the copies on the receiving library's shelf travel
    with it; copies still on loan (or otherwise away) are reported, and come
    home by themselves when they are returned."""
    collection = _locked_collection(collection, Box.ARRIVED)
    _require_desk(actor, collection.to_library)
    report = CollectionReport(collection=collection)
    now = timezone.now()
    for item in _collection_items(collection):
        if item.status in (Status.AVAILABLE, Status.DAMAGED):
            report.moved.append(item)
        else:
            report.refused.append((item.barcode, item.get_status_display()))
    _move(
        report.moved,
        actor=actor,
        kind="transfer_sent",
        library=collection.to_library,
        now=now,
        collection=collection,
    )
    _collection_set(collection, actor=actor, status=Box.RETURNING, sent_back_at=now)
    return report


@transaction.atomic
@changes_batched()
def collection_return(
    *, actor, collection: RotatingCollection, barcodes: list[str]
) -> CollectionReport:
    """The box is back home: the scanned copies are on the lending library's
    shelf again; the collection's copies not scanned are recorded as missing
    from it (``missing_on_return``) and reported."""
    collection = _locked_collection(collection, Box.RETURNING)
    _require_desk(actor, collection.from_library)
    report = CollectionReport(collection=collection)
    scanned = set(filter(None, map(barcode_clean, barcodes)))
    now = timezone.now()
    items = _collection_items(collection)
    report.not_in_collection = sorted(scanned - {item.barcode for item in items})
    for item in items:
        if item.barcode in scanned:
            report.moved.append(item)
        else:
            report.refused.append((item.barcode, item.get_status_display()))
    _move(
        [item for item in report.moved if item.status == Status.IN_TRANSIT],
        actor=actor,
        kind="transfer_received",
        library=collection.from_library,
        now=now,
        collection=collection,
    )
    _collection_set(
        collection,
        actor=actor,
        status=Box.RETURNED,
        returned_at=now,
        missing_on_return=[barcode for barcode, _status in report.refused],
    )
    return report
