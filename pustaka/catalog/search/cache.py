"""Broad searches remembered, and kept up to date.

A search that matches thousands of records (a common word, a short prefix
typed as you type, browsing a whole library) spends nearly all its time
ranking and counting facets over every hit. So the total, the facets and the
first ``WINDOW`` records of such a search are kept in the ``search`` cache,
with the journal's mark of what the search saw (``journal``). When it is
asked again, the documents changed since (a copy lent, a record added) are
applied to it (``delta``) and it is remembered again; a write that changes
too many documents for that (an import) gives the catalogue a new version
once it commits, and every remembered search is forgotten. The copies shown
on a page are always read live (see ``service._records``).

The version lives in the cache itself, which every process of an
installation shares (a folder under ``PUSTAKA_HOME``), so an import in the
task worker invalidates the web processes' entries too; ``pustaka serve``
empties the cache when it starts, so a restored database never meets
entries remembered from another.
"""

import hashlib
import json
import uuid
from dataclasses import asdict

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

ALIAS = "search"
VERSION_KEY = "catalogue-version"
RECENT_KEY = "recent-broad-searches"
WARM_PENDING_KEY = "warm-pending"
# How many of a broad search's first records are remembered: five pages of 20.
WINDOW = 100
# How many of the latest broad searches are run again after everything was forgotten.
RECENT_MAX = 50


def min_hits() -> int:
    """Searches with fewer hits than this are always run afresh (they are fast)."""
    return settings.PUSTAKA_SEARCH_CACHE_MIN_HITS


def catalogue_changed() -> None:
    """Call inside a transaction that changed more search documents than the
    journal takes: when it commits, every remembered search is forgotten, and
    the latest broad searches are run again in the background (once, however
    many batches an import commits while the worker is busy with it)."""
    transaction.on_commit(_forget_and_warm)


def _forget_and_warm() -> None:
    _new_version()
    if caches[ALIAS].add(WARM_PENDING_KEY, True, 3600):
        # Imported here: the task module imports the MARC import, which imports this one.
        from pustaka.catalog.tasks import search_warm

        search_warm.enqueue()


def warm_started() -> None:
    """The warming task has begun: a later change asks for another."""
    caches[ALIAS].delete(WARM_PENDING_KEY)


def note_recent(query: str, filters, sort: str) -> None:
    """Note a broad search just run, among the latest ``RECENT_MAX``."""
    described = json.dumps([query, asdict(filters), sort], sort_keys=True, default=list)
    recent = caches[ALIAS].get(RECENT_KEY) or {}
    recent.pop(described, None)
    recent[described] = True
    for oldest in list(recent)[: max(len(recent) - RECENT_MAX, 0)]:
        del recent[oldest]
    caches[ALIAS].set(RECENT_KEY, recent, None)


def recent() -> list[tuple[str, dict, str]]:
    """The latest broad searches, newest first: ``(query, filters, sort)``."""
    return [
        tuple(json.loads(described)) for described in reversed(caches[ALIAS].get(RECENT_KEY) or {})
    ]


def _new_version() -> None:
    caches[ALIAS].set(VERSION_KEY, uuid.uuid4().hex, None)


def catalogue_version() -> str:
    """The catalogue's version: a new one after each write too large for the journal."""
    return caches[ALIAS].get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)


def search_key(words: list[str], filters, sort: str) -> str:
    """The cache key of a search (its page is not part of it)."""
    described = json.dumps([words, asdict(filters), sort], sort_keys=True, default=list)
    digest = hashlib.sha256(described.encode()).hexdigest()
    return f"search:{catalogue_version()}:{digest}"


def recall(key: str) -> dict | None:
    """What was remembered for ``key``: ``total``, ``facets``, ``ranked``
    (the first records' ids with their sort keys) and ``mark``."""
    return caches[ALIAS].get(key)


def remember(key: str, found: dict) -> None:
    """Keep ``found`` (as ``recall`` gives it) under ``key``."""
    caches[ALIAS].set(key, found)


def clear() -> None:
    caches[ALIAS].clear()
