"""Rotating collections: a box of library A's copies lent to library B,
lendable and returned at B while it is there, and reporting on its return
the copies that did not come back."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from pustaka.catalog.models import Item
from pustaka.circulation import services
from pustaka.circulation.models import Event, RotatingCollection
from pustaka.circulation.queries import copy_home
from pustaka.core.errors import Invalid, NotPermitted

Box = RotatingCollection.Status


@pytest.fixture(autouse=True)
def in_english():
    """Messages compared in English (pages: the language cookie)."""
    with translation.override("en"):
        yield


def _status(item) -> str:
    return Item.objects.values_list("status", flat=True).get(pk=item.pk)


def detail_url(box) -> str:
    return reverse("circulation_settings:collection_detail", args=[box.pk])


def step_url(box, step) -> str:
    return reverse("circulation_settings:collection_step", args=[box.pk, step])


# Services


def test_only_the_lending_librarys_manager_or_the_office_creates_a_box(
    volunteer_a, manager_b, admin, library_a, library_b
):
    due = timezone.localdate() + datetime.timedelta(days=30)
    for outsider in (volunteer_a, manager_b):
        with pytest.raises(NotPermitted):
            services.collection_create(
                actor=outsider,
                name="Kotak",
                from_library=library_a,
                to_library=library_b,
                due_back_on=due,
            )
    box = services.collection_create(
        actor=admin, name="Kotak", from_library=library_a, to_library=library_b, due_back_on=due
    )
    assert box.status == Box.PREPARED


def test_a_box_goes_to_another_library_and_comes_back_later(manager_a, library_a):
    with pytest.raises(Invalid) as refused:
        services.collection_create(
            actor=manager_a,
            name="Kotak",
            from_library=library_a,
            to_library=library_a,
            due_back_on=timezone.localdate(),
        )
    assert set(refused.value.fields) == {"to_library", "due_back_on"}


def test_packing_refuses_copies_on_loan_elsewhere_or_in_another_box(
    manager_a, collection_ab, library_a, library_b, item_a2, item_b, loan_a
):
    # given item_a on loan, item_a2 packed in another box being prepared
    other = services.collection_create(
        actor=manager_a,
        name="Kotak lain",
        from_library=library_a,
        to_library=library_b,
        due_back_on=collection_ab.due_back_on,
    )
    services.collection_add_items(actor=manager_a, collection=other, barcodes=[item_a2.barcode])
    # when
    report = services.collection_add_items(
        actor=manager_a,
        collection=collection_ab,
        barcodes=[loan_a.item.barcode, item_a2.barcode, item_b.barcode, "NOPE-1"],
    )
    # then nothing is packed, each with its reason
    assert report.moved == []
    reasons = dict(report.refused)
    assert reasons[loan_a.item.barcode] == "This copy is not on the shelf: on loan."
    assert reasons[item_a2.barcode] == "This copy is already in the collection “Kotak lain”."
    assert reasons[item_b.barcode] == "This copy belongs to another library."
    assert reasons["NOPE-1"] == "No copy has this barcode."
    assert collection_ab.memberships.count() == 0


def test_a_copy_taken_out_before_sending_stays_home(
    manager_a, manager_b, packed_collection, item_a, item_a2, library_a
):
    services.collection_remove_item(actor=manager_a, collection=packed_collection, item=item_a)
    services.collection_send(actor=manager_a, collection=packed_collection)
    services.collection_receive(actor=manager_b, collection=packed_collection)
    assert _status(item_a) == "available"
    assert copy_home(item_a) == library_a
    assert list(packed_collection.items.all()) == [item_a2]


def test_sending_puts_every_copy_in_transit_with_its_event(sent_collection, item_a, item_a2):
    assert sent_collection.status == Box.IN_TRANSIT
    assert sent_collection.sent_at is not None
    for item in (item_a, item_a2):
        assert _status(item) == "in_transit"
        event = Event.objects.get(item=item, kind="transfer_sent")
        assert event.library == sent_collection.from_library
        assert event.detail == {"collection": str(sent_collection.pk)}


def test_only_the_receiving_desk_receives_the_box(sent_collection, manager_a):
    with pytest.raises(NotPermitted):
        services.collection_receive(actor=manager_a, collection=sent_collection)


def test_a_box_cannot_be_sent_twice(sent_collection, manager_a):
    with pytest.raises(Invalid):
        services.collection_send(actor=manager_a, collection=sent_collection)


def test_while_there_its_copies_are_lent_and_returned_at_the_receiving_library(
    arrived_collection, manager_b, library_b, member_b, item_a
):
    # given the box at library B
    assert _status(item_a) == "available"
    assert copy_home(item_a) == library_b
    # when B lends a copy of the box and takes it back
    loan = services.checkout(
        actor=manager_b, library=library_b, member=member_b, barcode=item_a.barcode
    )
    outcome = services.checkin(actor=manager_b, library=library_b, barcode=item_a.barcode)
    # then it goes back on B's shelf, not home to A
    assert loan.library == library_b
    assert outcome.action == "shelve"
    assert _status(item_a) == "available"


def test_a_copy_of_the_box_returned_at_its_owner_goes_back_to_the_box(
    arrived_collection, manager_a, manager_b, library_a, library_b, member_b, item_a
):
    services.checkout(actor=manager_b, library=library_b, member=member_b, barcode=item_a.barcode)
    outcome = services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    assert outcome.action == "transfer"
    assert outcome.transfer.to_library == library_b


def test_sending_back_reports_copies_still_on_loan(
    arrived_collection, manager_b, library_b, member_b, item_a, item_a2
):
    services.checkout(actor=manager_b, library=library_b, member=member_b, barcode=item_a.barcode)
    report = services.collection_send_back(actor=manager_b, collection=arrived_collection)
    assert report.collection.status == Box.RETURNING
    assert report.moved == [item_a2]
    assert report.refused == [(item_a.barcode, "On loan")]
    assert _status(item_a2) == "in_transit"
    assert _status(item_a) == "on_loan"


def test_coming_back_reports_the_missing_copies(
    returning_collection, manager_a, library_a, item_a, item_a2
):
    # when only item_a is scanned out of the box (and a stranger's barcode)
    report = services.collection_return(
        actor=manager_a, collection=returning_collection, barcodes=[item_a.barcode, "DSB-999"]
    )
    # then
    box = RotatingCollection.objects.get(pk=returning_collection.pk)
    assert box.status == Box.RETURNED
    assert box.missing_on_return == [item_a2.barcode]
    assert report.refused == [(item_a2.barcode, "In transit")]
    assert report.not_in_collection == ["DSB-999"]
    assert _status(item_a) == "available"
    assert copy_home(item_a) == library_a
    event = Event.objects.filter(item=item_a, kind="transfer_received").latest("occurred_at")
    assert event.library == library_a


def test_a_returned_copy_can_travel_in_a_new_box(
    returning_collection, manager_a, library_a, library_b, item_a, item_a2
):
    services.collection_return(
        actor=manager_a, collection=returning_collection, barcodes=[item_a.barcode, item_a2.barcode]
    )
    again = services.collection_create(
        actor=manager_a,
        name="Kotak kedua",
        from_library=library_a,
        to_library=library_b,
        due_back_on=returning_collection.due_back_on,
    )
    report = services.collection_add_items(
        actor=manager_a, collection=again, barcodes=[item_a.barcode]
    )
    assert report.moved == [item_a]


# Pages


def test_packing_by_scanning_on_the_page(client_for, manager_a, collection_ab, item_a):
    client = client_for(manager_a)
    response = client.post(
        detail_url(collection_ab), {"barcode": f" {item_a.barcode} "}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "✔" in html
    assert item_a.barcode in html
    assert "autofocus" in html  # the scan field takes the focus again
    assert list(collection_ab.items.all()) == [item_a]


def test_a_refused_scan_says_why(client_for, manager_a, collection_ab, loan_a):
    client = client_for(manager_a)
    client.cookies["django_language"] = "en"
    response = client.post(
        detail_url(collection_ab), {"barcode": loan_a.item.barcode}, HTTP_HX_REQUEST="true"
    )
    assert "This copy is not on the shelf: on loan." in response.content.decode()


def test_the_box_travels_through_its_pages(
    client_for, manager_a, manager_b, packed_collection, item_a, item_a2
):
    home, away = client_for(manager_a), client_for(manager_b)
    for client in (home, away):
        client.cookies["django_language"] = "en"
    home.post(step_url(packed_collection, "send"))
    page = away.get(detail_url(packed_collection)).content.decode()
    assert "On its way to Perpustakaan Desa Bukit Biru since" in page
    away.post(step_url(packed_collection, "receive"))
    page = away.get(reverse("circulation_settings:collections")).content.decode()
    assert "At Perpustakaan Desa Bukit Biru since" in page
    away.post(step_url(packed_collection, "send-back"))
    response = home.post(
        step_url(packed_collection, "return"), {"barcodes": f"{item_a.barcode}\n"}, follow=True
    )
    page = response.content.decode()
    assert f"Missing from the box: {item_a2.barcode}" in page
    assert "Missing when the box came back" in page
    assert RotatingCollection.objects.get(pk=packed_collection.pk).status == Box.RETURNED


def test_an_overdue_box_is_marked_in_words(client_for, manager_b, arrived_collection):
    RotatingCollection.objects.filter(pk=arrived_collection.pk).update(
        due_back_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    client = client_for(manager_b)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("circulation_settings:collections")).content.decode()
    assert "Overdue: due back 3 days ago" in page


def test_a_library_sees_only_its_own_boxes(client_for, admin, library_b, collection_ab, regions):
    from pustaka.core.permissions import Role
    from pustaka.libraries import services as library_services
    from tests.conftest import make_staff

    other = library_services.library_create(
        actor=admin,
        code="TBC",
        name="Taman Baca Sukarame",
        kind="taman_baca",
        kecamatan=regions["64.02.06"],
        village=regions["64.02.06.1007"],
    )
    outsider = make_staff(admin, "pengelola_c", Role.LIBRARY_MANAGER, other)
    client = client_for(outsider)
    assert client.get(detail_url(collection_ab)).status_code == 404
    assert (
        collection_ab.name
        not in client.get(reverse("circulation_settings:collections")).content.decode()
    )
    assert client.post(step_url(collection_ab, "send")).status_code == 404


def test_the_receiving_library_cannot_pack_the_box(client_for, manager_b, collection_ab, item_a):
    response = client_for(manager_b).post(detail_url(collection_ab), {"barcode": item_a.barcode})
    assert response.status_code == 403
    assert collection_ab.memberships.count() == 0


def test_creating_a_box_on_the_page(client_for, manager_a, library_a, library_b):
    client = client_for(manager_a)
    assert client.get(reverse("circulation_settings:collection_create")).status_code == 200
    response = client.post(
        reverse("circulation_settings:collection_create"),
        {
            "name": "Kotak dongeng",
            "from_library": library_a.pk,
            "to_library": library_b.pk,
            "due_back_on": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        },
    )
    box = RotatingCollection.objects.get(name="Kotak dongeng")
    assert response.status_code == 302
    assert response["Location"] == detail_url(box)


def test_the_collections_list_takes_few_queries(
    client_for, admin, arrived_collection, django_assert_max_num_queries
):
    client = client_for(admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("circulation_settings:collections"))
    assert response.status_code == 200


def test_a_boxed_copy_fills_only_holds_picked_up_where_the_box_is(
    arrived_collection,
    manager_a,
    manager_b,
    library_a,
    library_b,
    member_a,
    member_b,
    record,
    item_a,
):
    # given a hold picked up at the owner A (first in the queue) and one at B
    services.checkout(actor=manager_b, library=library_b, member=member_b, barcode=item_a.barcode)
    services.hold_place(actor=manager_a, member=member_a, record=record, pickup_library=library_a)
    at_b = services.hold_place(
        actor=manager_b, member=member_b, record=record, pickup_library=library_b
    )
    # when the boxed copy is returned at B, where the box is
    outcome = services.checkin(actor=manager_b, library=library_b, barcode=item_a.barcode)
    # then it stays in the box, for B's hold
    assert outcome.action == "hold_shelf" and outcome.hold == at_b


def test_boxed_copies_are_pulled_for_holds_where_the_box_is(
    arrived_collection, manager_a, library_a, library_b, member_a, record, item_a, item_a2
):
    from pustaka.circulation import queries

    placed = services.hold_place(
        actor=manager_a, member=member_a, record=record, pickup_library=library_a
    )
    assert list(queries.holds_to_pull(library_a)) == []
    assert list(queries.holds_to_pull(library_b)) == [placed]
