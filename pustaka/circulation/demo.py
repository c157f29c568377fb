"""The demo district's desk work: some copies on loan at every library, holds
waiting, one ready on a hold shelf and one copy on its way to another library,
all made through the circulation services."""

import random

from django.contrib.auth import get_user_model

from pustaka.catalog.models import Item
from pustaka.circulation import services
from pustaka.circulation.models import Hold, Loan
from pustaka.core.errors import Invalid
from pustaka.libraries.models import Library
from pustaka.members.models import Member

DEMO_SEED = 2026
LOANS_PER_LIBRARY = 12


def demo_load() -> dict:
    """Lend, reserve and transfer a little at each library (once: an
    installation with loans keeps its own)."""
    if Loan.objects.exists() or not Member.objects.exists():
        return {"loans": 0, "holds": 0}
    admin = get_user_model().objects.get(username="admin")
    rng = random.Random(DEMO_SEED)
    loans = holds = 0
    for library in Library.objects.order_by("code"):
        members = list(Member.objects.filter(library=library, status=Member.Status.ACTIVE)[:40])
        copies = list(
            Item.objects.filter(library=library, status=Item.Status.AVAILABLE).order_by("barcode")[
                :200
            ]
        )
        if not members or not copies:
            continue
        for item in rng.sample(copies, min(LOANS_PER_LIBRARY, len(copies))):
            member = rng.choice(members)
            try:
                services.checkout(actor=admin, library=library, member=member, barcode=item.barcode)
            except services.Refused:
                continue
            loans += 1
        holds += _demo_holds(admin, library, members, rng)
    _demo_returns(admin)
    return {"loans": loans, "holds": holds}


def _demo_returns(admin) -> None:
    """Return the copies the first few holds wait for, at the library that
    lent them: each goes to a hold shelf or on its way to the pickup library."""
    for hold in Hold.objects.filter(status=Hold.Status.WAITING).order_by("placed_at")[:4]:
        loan = (
            Loan.objects.filter(item__record_id=hold.record_id, returned_at__isnull=True)
            .select_related("item", "library")
            .first()
        )
        if loan:
            services.checkin(actor=admin, library=loan.library, barcode=loan.item.barcode)


def _demo_holds(admin, library: Library, members: list, rng: random.Random) -> int:
    """Two members of ``library`` wait for books lent out elsewhere."""
    placed = 0
    lent = Loan.objects.filter(returned_at__isnull=True).exclude(library=library)
    for loan in lent.select_related("item__record")[: rng.randint(1, 3)]:
        member = rng.choice(members)
        try:
            services.hold_place(
                actor=admin, member=member, record=loan.item.record, pickup_library=library
            )
        except (services.Refused, Invalid):
            continue
        placed += 1
    return placed
