"""A search page's records are read with their live copies and the copies'
libraries as a prefetch leaves them (``catalog.search.records``)."""

from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pustaka.catalog import services
from pustaka.catalog.models import Item, Record
from pustaka.catalog.search.records import records_with_copies
from pustaka.core.ids import uuid7


def test_records_come_in_the_order_asked_and_an_unknown_id_is_left_out(admin):
    first = services.record_create(actor=admin, fields={"title": "Kolam Ikan"})
    second = services.record_create(actor=admin, fields={"title": "Kolam Terpal"})

    records = records_with_copies([second.pk.hex, uuid7(), first.pk])

    assert [record.pk for record in records] == [second.pk, first.pk]


def test_a_record_is_read_as_the_orm_reads_it(record):
    (read,) = records_with_copies([record.pk])

    expected = Record.objects.get(pk=record.pk)
    assert {name: getattr(read, name) for name in _fields(Record)} == {
        name: getattr(expected, name) for name in _fields(Record)
    }
    assert read.author_names == ["Siti Aminah"]
    assert read._state.adding is False and read._state.db == "default"


def test_the_live_copies_come_by_library_code_without_another_query(
    record, admin, manager_a, manager_b, library_a, library_b
):
    on_b = services.item_create(actor=manager_b, record=record, library=library_b)
    on_a = services.item_create(actor=manager_a, record=record, library=library_a)
    gone = services.item_create(actor=manager_a, record=record, library=library_a)
    Item.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    (read,) = records_with_copies([record.pk])

    with CaptureQueriesContext(connection) as queries:
        copies = [
            (item.pk, item.record_id, item.library_id, item.library.code, item.record is read)
            for item in read.items.all()
        ]
        count = read.items.count()

    assert copies == [
        (on_a.pk, record.pk, library_a.pk, "DSA", True),
        (on_b.pk, record.pk, library_b.pk, "DSB", True),
    ]
    assert count == 2
    assert queries.captured_queries == []
    assert read.items.all()[0].status == Item.Status.AVAILABLE


def test_a_filter_on_the_copies_is_a_query_of_the_records_copies_only(
    record, admin, manager_a, manager_b, library_a, library_b
):
    other = services.record_create(actor=admin, fields={"title": "Kolam Terpal"})
    services.item_create(actor=manager_a, record=other, library=library_a)
    on_a = services.item_create(actor=manager_a, record=record, library=library_a)
    services.item_create(actor=manager_b, record=record, library=library_b)
    read, _other = records_with_copies([record.pk, other.pk])

    assert list(read.items.filter(library=library_a)) == [on_a]
    assert read.items.filter(library=library_a).get().record is read


def test_a_copys_library_has_its_code_and_name_and_reads_the_rest_when_asked(item_a, library_a):
    (read,) = records_with_copies([item_a.record_id])
    (copy,) = read.items.all()

    assert (copy.library.code, copy.library.name) == ("DSA", library_a.name)
    assert copy.library.opening_hours == {"0": [["08:00", "12:00"]]}


def test_a_model_something_listens_to_is_made_through_its_init(record):
    made = []

    def heard(sender, instance, **kwargs):
        made.append(instance)

    post_init.connect(heard, sender=Record)
    try:
        (read,) = records_with_copies([record.pk])
    finally:
        post_init.disconnect(heard, sender=Record)

    assert len(made) == 1 and made[0] is read
    assert read.title == "Budidaya Lele di Kolam Terpal"


def _fields(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]
