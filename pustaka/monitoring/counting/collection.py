"""Copies and titles held at each period's end, and copies added."""

import itertools
from collections import defaultdict

from django.db.models import Count, DateField, Min, Q
from django.db.models.functions import Coalesce

from pustaka.catalog.models import Item
from pustaka.monitoring.counting.base import GONE, LIVE, Counter, LocalDay, as_uuid, grouped_count
from pustaka.monitoring.policies import Period


def added_in(period: Period) -> Q:
    return Q(acquired_on__gte=period.start, acquired_on__lte=period.end) | Q(
        acquired_on__isnull=True,
        created_at__gte=period.starts_at(),
        created_at__lt=period.ends_before(),
    )


def added_by(period: Period) -> Q:
    return Q(acquired_on__lte=period.end) | Q(
        acquired_on__isnull=True, created_at__lt=period.ends_before()
    )


def added_on():
    """The day a copy was added, as ``added_in`` and ``added_by`` take it:
    its acquisition date, else the local day it was catalogued."""
    return Coalesce("acquired_on", LocalDay("created_at"), output_field=DateField())


def held_copies():
    return Item.objects.filter(LIVE).exclude(status__in=GONE)


def count_collection(counter: Counter) -> None:
    """Copies and titles held at each period's end, and copies added: four
    statements whatever the number of periods. A copy held now is held at
    the end of every period from the first one ending on or after the day
    it was added; a title, from its first copy's (at a library, and at any
    of the libraries for the district's distinct titles)."""
    held = held_copies().filter(library_id__in=counter.ids).annotate(day=added_on())
    held = held.annotate(period=counter.placed("day", before=0)).order_by()
    copies = held.values_list("library_id", "period").annotate(copies=Count("pk"))
    _add_held(counter, copies, "collection.copies")
    titles = held.values("library_id", "record_id").annotate(first=Min("period"))
    _add_held(counter, grouped_count(titles, ["library_id", "first"]), "collection.titles")
    titles = held.values("record_id").annotate(first=Min("period"))
    rows = [(None, *row) for row in grouped_count(titles, ["first"])]
    _add_held(counter, rows, "collection.titles")
    added = Item.objects.filter(LIVE, added_in(counter.span), library_id__in=counter.ids)
    _add_copies(counter, added, "collection.added")


def _add_held(counter: Counter, rows, code: str) -> None:
    """``code`` at each period's end from rows of (library id, the first
    period's index, how many): each is held from that period on."""
    arriving = defaultdict(lambda: [0] * len(counter.periods))
    for library_id, index, held in rows:
        if index is not None:
            arriving[as_uuid(library_id) if library_id else None][index] += held
    for library_id, counts in arriving.items():
        for index, held in enumerate(itertools.accumulate(counts)):
            counter.add(library_id, index, code, held)


def _add_copies(counter: Counter, items, code: str) -> None:
    rows = (
        items.annotate(day=added_on())
        .annotate(period=counter.placed("day"))
        .values("library_id", "period")
        .annotate(copies=Count("pk"))
        .order_by()
    )
    for row in rows:
        counter.add(row["library_id"], row["period"], code, row["copies"])


def copies_arriving(counter: Counter) -> None:
    """Copies held now, by the period they were acquired in
    (``_collection.held_added``): the roll-up adds them up to copies held."""
    held = held_copies().filter(added_in(counter.span), library_id__in=counter.ids)
    _add_copies(counter, held, "_collection.held_added")
