"""Change-log cases for the circulation services (collected by tests/core/test_change_log.py)."""

import datetime

from pustaka.circulation import services
from pustaka.circulation.models import Event
from tests.change_log import Expected


def _lend(manager_a, library_a, member_a, item_a):
    return services.checkout(
        actor=manager_a, library=library_a, member=member_a, barcode=item_a.barcode
    )


def case_checkout(manager_a, library_a, member_a, item_a):
    loan = _lend(manager_a, library_a, member_a, item_a)
    event = Event.objects.get(loan=loan)
    return [
        Expected("circulation.loan", str(loan.pk), "create", {"due_on": loan.due_on.isoformat()}),
        Expected("catalog.item", str(item_a.pk), "update", {"status": "on_loan"}),
        Expected("circulation.event", str(event.pk), "create", {"kind": "checkout"}),
    ]


def case_checkin(manager_a, library_a, loan_a):
    services.checkin(actor=manager_a, library=library_a, barcode=loan_a.item.barcode)
    event = Event.objects.get(loan=loan_a, kind="return")
    return [
        Expected("circulation.loan", str(loan_a.pk), "update", {"member": None}),
        Expected("catalog.item", str(loan_a.item_id), "update", {"status": "available"}),
        Expected("circulation.event", str(event.pk), "create", {"kind": "return"}),
    ]


def case_renew(manager_a, library_a, loan_a):
    services.renew(actor=manager_a, library=library_a, loan=loan_a)
    event = Event.objects.get(loan=loan_a, kind="renew")
    return [
        Expected("circulation.loan", str(loan_a.pk), "update", {"renewals": 1}),
        Expected("circulation.event", str(event.pk), "create", {"kind": "renew"}),
    ]


def case_transfer_send(manager_b, transfer_home):
    services.transfer_send(actor=manager_b, transfer=transfer_home)
    event = Event.objects.get(transfer=transfer_home, kind="transfer_sent")
    return [
        Expected("circulation.transfer", str(transfer_home.pk), "update", {"status": "in_transit"}),
        Expected("circulation.event", str(event.pk), "create", {"kind": "transfer_sent"}),
    ]


def case_hold_place(manager_a, library_a, member_a, record, item_a):
    placed = services.hold_place(
        actor=manager_a, member=member_a, record=record, pickup_library=library_a
    )
    return [Expected("circulation.hold", str(placed.pk), "create", {"status": "waiting"})]


def case_hold_cancel(manager_a, hold_b):
    services.hold_cancel(actor=manager_a, hold=hold_b)
    return [Expected("circulation.hold", str(hold_b.pk), "update", {"status": "cancelled"})]


def case_holds_expire(ready_hold):
    services.holds_expire(today=ready_hold.expires_on + datetime.timedelta(days=1))
    return [Expected("circulation.hold", str(ready_hold.pk), "update", {"status": "expired"})]


CASES = {
    "pustaka.circulation.services.checkout": case_checkout,
    "pustaka.circulation.services.checkin": case_checkin,
    "pustaka.circulation.services.renew": case_renew,
    "pustaka.circulation.services.transfer_send": case_transfer_send,
    "pustaka.circulation.services.hold_place": case_hold_place,
    "pustaka.circulation.services.hold_cancel": case_hold_cancel,
    "pustaka.circulation.services.holds_expire": case_holds_expire,
}
HELPERS = {
    # Reads why a member may not borrow today; writes nothing.
    "pustaka.circulation.services.member_refusals",
}
