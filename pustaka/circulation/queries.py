"""Reads the desk, the lists and the API share: the rule for a loan, a
library's closed days, where a copy belongs, and the desk's work lists."""

import datetime
import threading
import time

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from pustaka.catalog.models import Item
from pustaka.circulation import policies
from pustaka.circulation.models import (
    CollectionItem,
    Hold,
    Holiday,
    LoanRule,
    RotatingCollection,
    Transfer,
)
from pustaka.core.rows import first_value, key_param, key_value
from pustaka.libraries.models import Library


class LendingSettings:
    """The loan rules and dated closed days this process has read, kept while
    their tables stay as they were: every checkout asks for both, and they
    change a few times a year. Whether they changed is asked of the tables
    themselves (their row counts and latest ``updated_at``, one small
    statement), so a rule or a closed day saved by any process, or written
    directly, holds from the next scan on. Two changes whose transactions
    commit in the other order than their ``updated_at`` move neither figure:
    what they changed is read again at most ``KEEP_SECONDS`` later.
    The values handed out are shared: read them, never change them."""

    KEEP_SECONDS = 60
    MOST_KEPT = 5000

    def __init__(self):
        self._kept: dict = {}
        self._lock = threading.Lock()

    def get(self, reads: dict) -> list:
        """The values of the keys of ``reads``, in order: kept, or read by the
        function the key maps to (and kept)."""
        version = self._version()
        now = time.monotonic()
        return [self._value(key, read, version, now) for key, read in reads.items()]

    def _value(self, key: tuple, read, version: tuple, now: float):
        kept = self._kept.get(key)
        if kept is not None and kept[0] == version and now - kept[1] < self.KEEP_SECONDS:
            return kept[2]
        value = read()
        with self._lock:
            if len(self._kept) >= self.MOST_KEPT:
                self._kept.clear()
            self._kept[key] = (version, now, value)
        return value

    @staticmethod
    def _version() -> tuple:
        """Row count and latest change of the rules and of the closed days."""
        quote = connection.ops.quote_name
        parts = [
            f"(SELECT {figure} FROM {quote(model._meta.db_table)})"
            for model in (LoanRule, Holiday)
            for figure in ("COUNT(*)", f"MAX({quote('updated_at')})")
        ]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(parts)}")
            return tuple(cursor.fetchone())


lending_settings = LendingSettings()


def rule_for(*, library_id, category_id, material_type: str) -> LoanRule:
    """The most specific live rule for a loan (the district default always
    matches); shared with other requests, not to be changed."""
    [rule] = lending_settings.get(_rule_read(library_id, category_id, material_type))
    return rule


def closed_days_of(library: Library, *, start: datetime.date | None = None):
    """Whether ``library`` is closed on a date: its weekly hours and the
    holidays (its own and the district's) of the coming year."""
    [holidays] = lending_settings.get(_holidays_read(library, start))
    return policies.closed_checker(library.opening_hours or {}, holidays)


def lending_terms(
    *, library: Library, category_id, material_type: str, start: datetime.date | None = None
):
    """``rule_for`` at ``library`` and its ``closed_days_of``, at once."""
    rule, holidays = lending_settings.get(
        _rule_read(library.pk, category_id, material_type) | _holidays_read(library, start)
    )
    return rule, policies.closed_checker(library.opening_hours or {}, holidays)


def _rule_read(library_id, category_id, material_type: str) -> dict:
    """The key of this rule in ``lending_settings``, and how to read it."""

    def read() -> LoanRule:
        rules = LoanRule.objects.filter(
            Q(library_id=library_id) | Q(library__isnull=True),
            Q(category_id=category_id) | Q(category__isnull=True),
            Q(material_type=material_type) | Q(material_type=""),
            deleted_at__isnull=True,
        )
        rule = policies.rule_for(
            rules, library_id=library_id, category_id=category_id, material_type=material_type
        )
        return rule or LoanRule()

    return {("rule", library_id, category_id, material_type): read}


def _holidays_read(library: Library, start: datetime.date | None) -> dict:
    """The key of ``library``'s dated closed days around ``start`` (default:
    today) in ``lending_settings``, and how to read them."""
    start = start or timezone.localdate()

    def read() -> frozenset:
        return frozenset(
            Holiday.objects.filter(
                Q(library=library) | Q(library__isnull=True),
                deleted_at__isnull=True,
                date__gte=start - datetime.timedelta(days=31),
                date__lte=start + datetime.timedelta(days=policies.MAX_CLOSED_RUN + 60),
            ).values_list("date", flat=True)
        )

    return {("holidays", library.pk, start): read}


def holidays_between(library: Library, *, start: datetime.date, end: datetime.date):
    """The dated closed days of ``library`` (its own and the district's) from
    ``start`` to ``end``, by date: what its public page tells visitors."""
    return list(
        Holiday.objects.filter(
            Q(library=library) | Q(library__isnull=True),
            deleted_at__isnull=True,
            date__range=(start, end),
        ).order_by("date", "name")
    )


# The library the arrived box a copy travels in has reached.
BOX_REACHED = (
    "SELECT c.to_library_id FROM circulation_rotatingcollection c"
    " JOIN circulation_collectionitem i ON i.collection_id = c.id"
    " WHERE i.item_id = %s AND c.status = %s AND c.deleted_at IS NULL LIMIT 1"
)


def copy_home(item: Item) -> Library:
    """Where a copy is shelved: the library a rotating collection it travels
    in has reached, else the library that owns it."""
    box_at = first_value(BOX_REACHED, [key_param(item.pk), RotatingCollection.Status.ARRIVED.value])
    return item.library if box_at is None else Library.objects.get(pk=key_value(box_at))


# A box in these states has taken its copies off their own library's shelves.
AWAY = [
    RotatingCollection.Status.PREPARED,
    RotatingCollection.Status.IN_TRANSIT,
    RotatingCollection.Status.ARRIVED,
    RotatingCollection.Status.RETURNING,
]


def holds_to_pull(library: Library):
    """Waiting holds with no copy set aside yet that a copy on ``library``'s
    shelf can fill, oldest first: staff take the copy and scan it at the desk."""
    on_shelf = Item.objects.filter(status=Item.Status.AVAILABLE, deleted_at__isnull=True).filter(
        Q(library=library) & ~Q(pk__in=_copies_in_boxes(AWAY))
        | Q(pk__in=_copies_in_boxes([RotatingCollection.Status.ARRIVED], at=library))
    )
    return (
        Hold.objects.filter(status=Hold.Status.WAITING)
        .filter(Q(item__isnull=True, record__items__in=on_shelf) | Q(item__in=on_shelf))
        .select_related("record", "member", "pickup_library", "item")
        .distinct()
        .order_by("placed_at", "id")
    )


def _copies_in_boxes(statuses, *, at: Library | None = None):
    """Ids of the copies packed in rotating collections in ``statuses`` (that
    have reached ``at``, when given)."""
    boxes = CollectionItem.objects.filter(
        collection__status__in=statuses, collection__deleted_at__isnull=True
    )
    if at is not None:
        boxes = boxes.filter(collection__to_library=at)
    return boxes.values("item_id")


def transfers_to_send(library: Library):
    return (
        Transfer.objects.filter(from_library=library, status=Transfer.Status.TO_SEND)
        .select_related("item__record", "to_library", "hold__member")
        .order_by("created_at")
    )


def transfers_to_receive(library: Library):
    return (
        Transfer.objects.filter(to_library=library, status=Transfer.Status.IN_TRANSIT)
        .select_related("item__record", "from_library")
        .order_by("sent_at")
    )


def holds_to_clear(library: Library):
    """Copies on ``library``'s hold shelf whose hold expired or was cancelled:
    scan them at the desk to pass them on."""
    return (
        Hold.objects.filter(
            pickup_library=library,
            status__in=[Hold.Status.EXPIRED, Hold.Status.CANCELLED],
            trapped_item__status=Item.Status.ON_HOLD_SHELF,
        )
        .select_related("record", "trapped_item", "member")
        .order_by("closed_at")
    )


def holds_ready(library: Library):
    return (
        Hold.objects.filter(pickup_library=library, status=Hold.Status.READY)
        .select_related("record", "trapped_item", "member")
        .order_by("expires_on")
    )


def member_open_holds(member):
    """The member's open holds, oldest first, each with ``ahead``: how many
    waiting holds on the same record were placed before it (one statement)."""
    ahead = (
        Hold.objects.filter(
            record_id=OuterRef("record_id"),
            status=Hold.Status.WAITING,
            placed_at__lt=OuterRef("placed_at"),
        )
        .order_by()
        .values("record_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Hold.objects.filter(member=member, status__in=Hold.OPEN)
        .annotate(ahead=Coalesce(Subquery(ahead), 0))
        .order_by("placed_at", "id")
    )


def queue_position(hold: Hold) -> int:
    """1 for the first in the record's queue."""
    if hold.status != Hold.Status.WAITING:
        return 0
    earlier = Hold.objects.filter(
        record_id=hold.record_id, status=Hold.Status.WAITING, placed_at__lt=hold.placed_at
    )
    return earlier.count() + 1
