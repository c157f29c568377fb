"""Holds across the district: one queue per record, first come first served,
trapped on return, sent to the pickup library, expired when not collected."""

import datetime

import pytest

from pustaka.catalog.models import Item
from pustaka.circulation import queries, services
from pustaka.circulation.models import Hold, Notice, Transfer
from pustaka.core.errors import Invalid
from tests.circulation.fixtures import MONDAY


@pytest.fixture
def lent(manager_a, library_a, member_a, item_a):
    """``item_a``, the only copy, lent to member A."""
    services.checkout(
        actor=manager_a, library=library_a, member=member_a, barcode=item_a.barcode, today=MONDAY
    )
    return item_a


def hold(actor, member, record, library, **extra):
    return services.hold_place(
        actor=actor, member=member, record=record, pickup_library=library, **extra
    )


def test_the_oldest_hold_is_filled_first(
    lent, manager_a, library_a, member_a2, member_b, record, manager_b, library_b
):
    first = hold(manager_a, member_a2, record, library_a)
    second = hold(manager_b, member_b, record, library_b)
    assert [queries.queue_position(h) for h in (first, second)] == [1, 2]
    outcome = services.checkin(actor=manager_a, library=library_a, barcode=lent.barcode)
    assert outcome.action == "hold_shelf" and outcome.hold == first
    first.refresh_from_db()
    lent.refresh_from_db()
    assert first.status == Hold.Status.READY and first.trapped_item == lent
    assert lent.status == Item.Status.ON_HOLD_SHELF
    assert first.expires_on >= MONDAY
    assert queries.queue_position(Hold.objects.get(pk=second.pk)) == 1


def test_a_copy_held_for_someone_is_refused_to_others(
    lent, manager_a, library_a, member_a, member_a2, record
):
    hold(manager_a, member_a2, record, library_a)
    services.checkin(actor=manager_a, library=library_a, barcode=lent.barcode)
    with pytest.raises(services.Refused) as refused:
        services.checkout(
            actor=manager_a, library=library_a, member=member_a, barcode=lent.barcode, override=True
        )
    assert [r.code for r in refused.value.refusals] == ["held_for_other"]
    loan = services.checkout(
        actor=manager_a, library=library_a, member=member_a2, barcode=lent.barcode
    )
    assert loan.member == member_a2
    assert Hold.objects.get().status == Hold.Status.FULFILLED


def test_a_hold_for_another_library_travels_there(
    lent, manager_a, manager_b, library_a, library_b, member_b, record
):
    placed = hold(manager_b, member_b, record, library_b)
    outcome = services.checkin(actor=manager_a, library=library_a, barcode=lent.barcode)
    assert outcome.action == "transfer"
    assert outcome.transfer.to_library == library_b and outcome.transfer.hold == placed
    assert list(queries.transfers_to_send(library_a)) == [outcome.transfer]
    placed.refresh_from_db()
    assert placed.status == Hold.Status.IN_TRANSIT
    services.transfer_send(actor=manager_a, transfer=outcome.transfer)
    assert list(queries.transfers_to_receive(library_b)) == [Transfer.objects.get()]
    arrived = services.checkin(actor=manager_b, library=library_b, barcode=lent.barcode)
    assert arrived.action == "hold_shelf"
    placed.refresh_from_db()
    assert placed.status == Hold.Status.READY
    assert list(queries.holds_ready(library_b)) == [placed]


def test_holds_to_pull_from_the_shelf(manager_a, library_a, member_a2, record, item_a):
    placed = hold(manager_a, member_a2, record, library_a)
    assert list(queries.holds_to_pull(library_a)) == [placed]
    outcome = services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    assert outcome.action == "hold_shelf"
    assert list(queries.holds_to_pull(library_a)) == []


def test_a_hold_on_one_copy_waits_for_that_copy(
    manager_a, library_a, member_a, member_a2, record, item_a, item_a2
):
    for item in (item_a, item_a2):
        services.checkout(actor=manager_a, library=library_a, member=member_a, barcode=item.barcode)
    placed = hold(manager_a, member_a2, record, library_a, item=item_a2)
    assert services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode).action == (
        "shelve"
    )
    outcome = services.checkin(actor=manager_a, library=library_a, barcode=item_a2.barcode)
    assert outcome.hold == placed


def test_ready_holds_expire_and_the_copy_is_cleared(lent, manager_a, library_a, member_a2, record):
    placed = hold(manager_a, member_a2, record, library_a)
    services.checkin(actor=manager_a, library=library_a, barcode=lent.barcode)
    placed.refresh_from_db()
    assert services.holds_expire(today=placed.expires_on) == 0
    assert services.holds_expire(today=placed.expires_on + datetime.timedelta(days=1)) == 1
    placed.refresh_from_db()
    assert placed.status == Hold.Status.EXPIRED
    assert list(queries.holds_to_clear(library_a)) == [placed]
    outcome = services.checkin(actor=manager_a, library=library_a, barcode=lent.barcode)
    assert outcome.action == "shelve"
    assert list(queries.holds_to_clear(library_a)) == []


def test_hold_ready_notice_is_queued_once(lent, manager_a, library_a, member_a2, record):
    member_a2.email = "rina@example.org"
    member_a2.save()
    hold(manager_a, member_a2, record, library_a)
    services.checkin(actor=manager_a, library=library_a, barcode=lent.barcode)
    notice = Notice.objects.get()
    assert notice.kind == "hold_ready" and notice.address == "rina@example.org"
    assert library_a.name in notice.body


def test_one_open_hold_per_member_and_record(manager_a, library_a, member_a2, record, item_a):
    hold(manager_a, member_a2, record, library_a)
    with pytest.raises(Invalid):
        hold(manager_a, member_a2, record, library_a)


def test_a_cancelled_hold_frees_its_place(lent, manager_a, library_a, member_a2, record):
    placed = hold(manager_a, member_a2, record, library_a)
    services.hold_cancel(actor=manager_a, hold=placed)
    assert services.checkin(actor=manager_a, library=library_a, barcode=lent.barcode).action == (
        "shelve"
    )
