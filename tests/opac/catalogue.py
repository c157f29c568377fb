"""A small public catalogue for the search and record page tests, built through
the real catalogue and circulation services."""

from pustaka.catalog import services as catalog_services
from pustaka.circulation import services as circulation_services


def add_record(admin, title: str, **fields):
    return catalog_services.record_create(actor=admin, fields={"title": title, **fields})


def add_copies(manager, record, library, count: int = 1, **details) -> list:
    return [
        catalog_services.item_create(actor=manager, record=record, library=library, **details)
        for _ in range(count)
    ]


def lend(manager, library, member, item):
    return circulation_services.checkout(
        actor=manager, library=library, member=member, barcode=item.barcode
    )


def fish_book_add(admin):
    """A fish farming book with a subject, a publisher and an ISBN."""
    return add_record(
        admin,
        "Budidaya Lele di Kolam Terpal",
        subtitle="Panduan untuk pemula",
        authors=[{"name": "Siti Aminah", "role": "author"}],
        publisher="Agromedia",
        place="Jakarta",
        isbns=["978-602-03-3295-6"],
        year=2019,
        language="ind",
        ddc="639.3",
        subjects=["Perikanan"],
        audience="adults",
    )


def fish_book_stock(fish_book, *, manager_a, manager_b, library_a, library_b, member_a):
    """Two copies of ``fish_book`` on A's shelf and one at B, lent to member A."""
    add_copies(manager_a, fish_book, library_a, 2, call_number="639.3 AMI b", shelf="Rak 3")
    (copy_b,) = add_copies(manager_b, fish_book, library_b, call_number="639.3 AMI b")
    lend(manager_b, library_b, member_a, copy_b)
    return fish_book
