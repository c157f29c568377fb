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


# Loan rules, closed days and rotating collections.


def case_loan_rule_save(admin, library_a):
    from pustaka.members.models import MemberCategory

    children = MemberCategory.objects.get(code="children")
    rule = services.loan_rule_save(
        actor=admin, category=children, material_type="picture_book", values={"loan_days": 7}
    )
    fields = {"category_id": str(children.pk), "library_id": None, "loan_days": 7}
    return [Expected("circulation.loanrule", str(rule.pk), "create", fields)]


def case_loan_rule_delete(manager_a, rule_a):
    services.loan_rule_delete(actor=manager_a, rule=rule_a)
    rule_a.refresh_from_db()
    deleted = {"deleted_at": rule_a.deleted_at.isoformat()}
    return [Expected("circulation.loanrule", str(rule_a.pk), "update", deleted)]


def case_holiday_add(admin):
    holiday = services.holiday_add(
        actor=admin, date=datetime.date(2026, 12, 25), name="Hari Raya Natal"
    )
    fields = {"date": "2026-12-25", "library_id": None, "name": "Hari Raya Natal"}
    return [Expected("circulation.holiday", str(holiday.pk), "create", fields)]


def case_holiday_remove(manager_a, holiday_a):
    services.holiday_remove(actor=manager_a, holiday=holiday_a)
    holiday_a.refresh_from_db()
    deleted = {"deleted_at": holiday_a.deleted_at.isoformat()}
    return [Expected("circulation.holiday", str(holiday_a.pk), "update", deleted)]


def case_collection_create(manager_a, library_a, library_b):
    collection = services.collection_create(
        actor=manager_a,
        name="Kotak sains",
        from_library=library_a,
        to_library=library_b,
        due_back_on=datetime.date(2099, 1, 1),
    )
    fields = {"name": "Kotak sains", "status": "prepared", "to_library_id": str(library_b.pk)}
    return [Expected("circulation.rotatingcollection", str(collection.pk), "create", fields)]


def case_collection_add_items(manager_a, collection_ab, item_a):
    report = services.collection_add_items(
        actor=manager_a, collection=collection_ab, barcodes=[item_a.barcode]
    )
    assert report.moved == [item_a]
    membership = collection_ab.memberships.get()
    fields = {"collection_id": str(collection_ab.pk), "item_id": str(item_a.pk)}
    return [Expected("circulation.collectionitem", str(membership.pk), "create", fields)]


def case_collection_remove_item(manager_a, packed_collection, item_a):
    membership = packed_collection.memberships.get(item=item_a)
    services.collection_remove_item(actor=manager_a, collection=packed_collection, item=item_a)
    fields = {"collection_id": str(packed_collection.pk), "item_id": str(item_a.pk)}
    return [Expected("circulation.collectionitem", str(membership.pk), "delete", fields)]


def _box_moves(collection, items, status, kind):
    rows = [Expected("catalog.item", str(item.pk), "update", {"status": status}) for item in items]
    for item in items:
        event = Event.objects.filter(item=item, kind=kind).latest("occurred_at", "id")
        assert event.detail == {"collection": str(collection.pk)}
        rows.append(Expected("circulation.event", str(event.pk), "create", {"kind": kind}))
    return rows


def case_collection_send(manager_a, packed_collection, item_a, item_a2):
    services.collection_send(actor=manager_a, collection=packed_collection)
    status = {"status": "in_transit"}
    return [
        Expected("circulation.rotatingcollection", str(packed_collection.pk), "update", status),
        *_box_moves(packed_collection, [item_a, item_a2], "in_transit", "transfer_sent"),
    ]


def case_collection_receive(manager_b, sent_collection, item_a, item_a2):
    services.collection_receive(actor=manager_b, collection=sent_collection)
    status = {"status": "arrived"}
    return [
        Expected("circulation.rotatingcollection", str(sent_collection.pk), "update", status),
        *_box_moves(sent_collection, [item_a, item_a2], "available", "transfer_received"),
    ]


def case_collection_send_back(manager_b, arrived_collection, item_a, item_a2):
    services.collection_send_back(actor=manager_b, collection=arrived_collection)
    status = {"status": "returning"}
    return [
        Expected("circulation.rotatingcollection", str(arrived_collection.pk), "update", status),
        *_box_moves(arrived_collection, [item_a, item_a2], "in_transit", "transfer_sent"),
    ]


def case_collection_return(manager_a, returning_collection, item_a, item_a2):
    services.collection_return(
        actor=manager_a, collection=returning_collection, barcodes=[item_a.barcode]
    )
    fields = {"status": "returned", "missing_on_return": [item_a2.barcode]}
    return [
        Expected("circulation.rotatingcollection", str(returning_collection.pk), "update", fields),
        *_box_moves(returning_collection, [item_a], "available", "transfer_received"),
    ]


CASES.update(
    {
        "pustaka.circulation.services.loan_rule_save": case_loan_rule_save,
        "pustaka.circulation.services.loan_rule_delete": case_loan_rule_delete,
        "pustaka.circulation.services.holiday_add": case_holiday_add,
        "pustaka.circulation.services.holiday_remove": case_holiday_remove,
        "pustaka.circulation.services.collection_create": case_collection_create,
        "pustaka.circulation.services.collection_add_items": case_collection_add_items,
        "pustaka.circulation.services.collection_remove_item": case_collection_remove_item,
        "pustaka.circulation.services.collection_send": case_collection_send,
        "pustaka.circulation.services.collection_receive": case_collection_receive,
        "pustaka.circulation.services.collection_send_back": case_collection_send_back,
        "pustaka.circulation.services.collection_return": case_collection_return,
    }
)
