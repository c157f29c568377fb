"""Circulation fixtures: copies at both test libraries, and a fixed Monday
(library A opens on Mondays only, 08:00-12:00)."""

import datetime

import pytest

from pustaka.catalog import services as catalog_services

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture
def item_a2(record, manager_a, library_a):
    """A second copy of ``record`` at library A."""
    return catalog_services.item_create(actor=manager_a, record=record, library=library_a)


@pytest.fixture
def item_b(record, manager_b, library_b):
    """A copy of ``record`` at library B."""
    return catalog_services.item_create(actor=manager_b, record=record, library=library_b)


@pytest.fixture
def member_a2(manager_a, library_a):
    """A second member of library A."""
    from tests.members.fixtures import register

    return register(manager_a, library_a, "Rina Wulandari")


@pytest.fixture
def loan_a(manager_a, library_a, member_a, item_a):
    """``item_a`` lent to ``member_a`` at library A."""
    from pustaka.circulation import services

    return services.checkout(
        actor=manager_a, library=library_a, member=member_a, barcode=item_a.barcode
    )


@pytest.fixture
def transfer_home(loan_a, manager_b, library_b):
    """``item_a`` returned at library B: to send home to A."""
    from pustaka.circulation import services

    return services.checkin(
        actor=manager_b, library=library_b, barcode=loan_a.item.barcode
    ).transfer


@pytest.fixture
def hold_b(manager_a, library_a, member_b, record, item_a):
    """Member B's hold on ``record``, to pick up at library A."""
    from pustaka.circulation import services

    return services.hold_place(
        actor=manager_a, member=member_b, record=record, pickup_library=library_a
    )


@pytest.fixture
def ready_hold(loan_a, hold_b, manager_a, library_a):
    """``hold_b`` ready on library A's hold shelf (``item_a`` was returned)."""
    from pustaka.circulation import services

    services.checkin(actor=manager_a, library=library_a, barcode=loan_a.item.barcode)
    hold_b.refresh_from_db()
    return hold_b


# Loan rules, closed days and rotating collections (tests/circulation/test_rules_pages.py,
# test_collections.py and the change-log cases).


@pytest.fixture
def rule_a(manager_a, library_a):
    """Library A's own rule for every member and material: 21 days."""
    from pustaka.circulation import services

    return services.loan_rule_save(actor=manager_a, library=library_a, values={"loan_days": 21})


@pytest.fixture
def holiday_a(manager_a, library_a):
    """Library A closed on the Monday after ``MONDAY``."""
    from pustaka.circulation import services

    return services.holiday_add(
        actor=manager_a,
        library=library_a,
        date=MONDAY + datetime.timedelta(days=7),
        name="Hari jadi desa",
    )


@pytest.fixture
def collection_ab(manager_a, library_a, library_b):
    """A box library A prepares for library B, due back in three months."""
    from django.utils import timezone

    from pustaka.circulation import services

    return services.collection_create(
        actor=manager_a,
        name="Kotak cerita anak",
        from_library=library_a,
        to_library=library_b,
        due_back_on=timezone.localdate() + datetime.timedelta(days=90),
    )


@pytest.fixture
def packed_collection(collection_ab, manager_a, item_a, item_a2):
    """``collection_ab`` with both of library A's copies packed."""
    from pustaka.circulation import services

    services.collection_add_items(
        actor=manager_a, collection=collection_ab, barcodes=[item_a.barcode, item_a2.barcode]
    )
    return collection_ab


@pytest.fixture
def sent_collection(packed_collection, manager_a):
    """The packed box on its way to library B."""
    from pustaka.circulation import services

    return services.collection_send(actor=manager_a, collection=packed_collection)


@pytest.fixture
def arrived_collection(sent_collection, manager_b):
    """The box at library B: its copies on B's shelf."""
    from pustaka.circulation import services

    return services.collection_receive(actor=manager_b, collection=sent_collection)


@pytest.fixture
def returning_collection(arrived_collection, manager_b):
    """The box on its way back to library A with both copies."""
    from pustaka.circulation import services

    return services.collection_send_back(actor=manager_b, collection=arrived_collection).collection
