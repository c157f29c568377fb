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
# How many of a broad search's first records are remembered: five pages of 20.
WINDOW = 100


def min_hits() -> int:
    """Searches with fewer hits than this are always run afresh (they are fast)."""
    return settings.PUSTAKA_SEARCH_CACHE_MIN_HITS


def catalogue_changed() -> None:
    """Call inside a transaction that changed more search documents than the
    journal takes: when it commits, every remembered search is forgotten."""
    transaction.on_commit(_new_version)


def _new_version() -> None:
    caches[ALIAS].set(VERSION_KEY, uuid.uuid4().hex, None)


def _version() -> str:
    return caches[ALIAS].get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)


def search_key(words: list[str], filters, sort: str) -> str:
    """The cache key of a search (its page is not part of it)."""
    described = json.dumps([words, asdict(filters), sort], sort_keys=True, default=list)
    digest = hashlib.sha256(described.encode()).hexdigest()
    return f"search:{_version()}:{digest}"


def recall(key: str) -> dict | None:
    """What was remembered for ``key``: ``total``, ``facets``, ``ranked``
    (the first records' ids with their sort keys) and ``mark``."""
    return caches[ALIAS].get(key)


def remember(key: str, found: dict) -> None:
    """Keep ``found`` (as ``recall`` gives it) under ``key``."""
    caches[ALIAS].set(key, found)


def clear() -> None:
    caches[ALIAS].clear()
