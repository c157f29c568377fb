"""Every hit of a broad one-word search, kept: that word's search with any
filters, sorted by relevance or newest first, answered without the full-text
match.

At a million records a common word (``anak``) matches a quarter of them, and
its first search spends a second matching and counting every hit; so does
each new combination of filters with it (a library, a language, on the
shelf), which no remembered search (``cache``) has seen. So for a word with
at least ``min_hits()`` hits its hits are kept as arrays: document id,
relevance score, year, and the codes of its facet key and holdings among the
distinct ones. The word's search with any filters is then a mask over them,
a count of the codes the mask keeps and the best few hits: milliseconds.

A word's list is made by the task ``hitlist_build`` once its search found
that many hits, and, after an import, for the commonest terms of the index,
the broadest three- and four-letter starts of terms (what a search as you
type matches) and the words of the latest broad searches
(``tasks.search_warm``). Lists are
kept in this process's memory (``MEMORY_BYTES`` in all) and in a folder every
process of the installation shares (``PUSTAKA_SEARCH_HITLISTS``), under the
catalogue's version (``cache``): an import makes them stale. They are brought
up to date from the journal as remembered searches are (``delta``): a changed
document leaves its list and, when it matches now, comes back with its score
now; after more changes than the journal gives, the list is made again."""

import copy
import os
import pickle
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.cache import caches
from django.db import connection

from pustaka.catalog.search import backends, cache, delta, journal
from pustaka.catalog.search.documents import facet_values, holdings_libraries
from pustaka.catalog.search.text import PREFIX_MIN, query_words

NO_YEAR = np.iinfo(np.int32).min
# The lists this process keeps in memory, in bytes (a word with 250,000 hits: 7 MB).
MEMORY_BYTES = 64 * 2**20
# How many of the index's commonest words get their lists made after an import.
WARM_WORDS = 50
# How many starts of words get theirs: what a search as you type matches
# before the word is whole (its last word is matched as a prefix).
WARM_STARTS = 100
START_LENGTHS = (PREFIX_MIN, PREFIX_MIN + 1)
# A list brought up to date by this many changes is written again for the other processes.
STORE_AFTER = 50
SORTS = ("relevance", "newest")
# The form a list is stored in: a list stored by an earlier form of this module
# is not read, and is removed with the lists of other catalogue versions.
STORED_FORM = "f2"
PENDING = "hitlist-pending:"
# A list's arrays, one value per hit.
ARRAYS = ("documents", "scores", "years", "key_codes", "holdings_codes")

_memory: "OrderedDict[str, HitList]" = OrderedDict()
_lock = threading.Lock()


def answers(words: list[str], sort: str) -> bool:
    """Whether a search of ``words`` in ``sort`` can be answered from a list
    (one word, by relevance or newest), outside a transaction: what one wrote
    is not in the journal's past."""
    return len(words) == 1 and sort in SORTS and not connection.in_atomic_block


def min_hits() -> int:
    """A one-word search with at least this many hits gets its list kept."""
    return settings.PUSTAKA_SEARCH_HITLIST_MIN_HITS


@dataclass
class HitList:
    """A word's hits in document order, and the journal's mark of what they saw."""

    word: str
    mark: object
    documents: np.ndarray
    scores: np.ndarray
    years: np.ndarray
    key_codes: np.ndarray
    holdings_codes: np.ndarray
    keys: list
    holdings: list
    phrase_documents: list | None = None
    unstored: int = 0
    _derived: dict = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return len(self.documents)

    @property
    def nbytes(self) -> int:
        """The memory its arrays take, its holdings' libraries included."""
        held = self._derived.get("held")
        return sum(getattr(self, name).nbytes for name in ARRAYS) + (held.nbytes if held else 0)

    def answer(self, query: "delta.Query", first: int) -> tuple:
        """``(total, hits, key counts, library counts, available)`` of the
        word's search with ``query``'s filters: the first ``first`` hits in
        its sort's order as ``(document id, k1, k2)``, the counts by facet
        key and by library (the id, as the holdings name it), and how many
        hits have a copy on the shelf."""
        chosen = self._chosen(query)
        total = self.size if chosen is None else len(chosen)
        keys = _counted(self.key_codes, chosen, self.keys)
        held = self._held()
        holdings = np.bincount(
            self.holdings_codes if chosen is None else self.holdings_codes[chosen],
            minlength=held.texts,
        )
        libraries, available = held.counted(holdings)
        return total, self._first(chosen, query.sort, first), keys, libraries, available

    def _held(self) -> "Holdings":
        """The libraries of each holdings text the list has now (changes add
        texts, never remove them: the codes of this copy's hits are among them)."""
        held = self._derived.get("held") or Holdings()
        held = self._derived["held"] = held.extended(self.holdings)
        return held

    def _chosen(self, query: "delta.Query") -> np.ndarray | None:
        """The positions of the hits the filters keep; None for all of them.
        Each distinct facet key and holdings is tested once, as ``delta``
        tests a changed document."""
        filters, masks = query.filters, []
        if query.described_filters:
            allowed = [query.described_pass(facet_values(key)) for key in self.keys]
            masks.append(np.array(allowed, dtype=bool)[self.key_codes])
        if filters.libraries or filters.available:
            allowed = [query.holdings_pass(holdings or "") for holdings in self.holdings]
            masks.append(np.array(allowed, dtype=bool)[self.holdings_codes])
        if filters.year_from is not None:
            masks.append(self.years >= filters.year_from)
        if filters.year_to is not None:
            masks.append((self.years <= filters.year_to) & (self.years != NO_YEAR))
        if not masks:
            return None
        return np.flatnonzero(np.logical_and.reduce(masks))

    def _first(self, chosen: np.ndarray | None, sort: str, first: int) -> list[tuple]:
        documents = self.documents if chosen is None else self.documents[chosen]
        if sort == "newest":
            years = self.years if chosen is None else self.years[chosen]
            order = _top(
                np.where(years == NO_YEAR, -1, years).astype(np.int64) * 2**32 + documents, first
            )
            return [
                (
                    int(documents[at]),
                    None if years[at] == NO_YEAR else int(years[at]),
                    int(documents[at]),
                )
                for at in order
            ]
        scores = self.scores if chosen is None else self.scores[chosen]
        order = _top_scores(scores, documents, first)
        return [(int(documents[at]), float(scores[at]), int(documents[at])) for at in order]

    def code(self, column: str, text) -> int:
        """The code of ``text`` among the list's ``column`` (``keys`` or
        ``holdings``), added when new."""
        values = getattr(self, column)
        index = self._derived.get(column)
        if index is None:
            index = self._derived[column] = {value: at for at, value in enumerate(values)}
        if text not in index:
            index[text] = len(values)
            values.append(text)
        return index[text]

    def __getstate__(self) -> dict:
        """Stored with its holdings' libraries, which a first search would
        take long to read; not with the code indexes, which only changes need."""
        return {**self.__dict__, "_derived": {"held": self._held()}}


class Holdings:
    """Which libraries each of a list's holdings texts names, as arrays: a
    search counts its hits by library and on the shelf from how many hits
    have each text, without splitting a text per search. Never changed once
    made (``extended`` makes another): a search in another thread may be
    counting with it."""

    def __init__(self, texts=0, libraries=None, text_codes=(), library_codes=(), available=()):
        self.texts = texts
        self.libraries: dict[str, int] = libraries or {}
        self.text_codes = np.asarray(text_codes, dtype=np.int32)
        self.library_codes = np.asarray(library_codes, dtype=np.int32)
        self.available = np.asarray(available, dtype=bool)

    def extended(self, texts: list) -> "Holdings":
        """These holdings with the texts added since they were made."""
        if len(texts) == self.texts:
            return self
        libraries = dict(self.libraries)
        text_codes, library_codes, available = [], [], []
        for code in range(self.texts, len(texts)):
            named, on_shelf = holdings_libraries(texts[code])
            for library in named:
                text_codes.append(code)
                library_codes.append(libraries.setdefault(library, len(libraries)))
            available.append(on_shelf)
        return Holdings(
            len(texts),
            libraries,
            np.concatenate([self.text_codes, np.array(text_codes, np.int32)]),
            np.concatenate([self.library_codes, np.array(library_codes, np.int32)]),
            np.concatenate([self.available, np.array(available, bool)]),
        )

    @property
    def nbytes(self) -> int:
        return self.text_codes.nbytes + self.library_codes.nbytes + self.available.nbytes

    def counted(self, hits_by_text: np.ndarray) -> tuple[Counter, int]:
        """Hits by library, and hits with a copy on the shelf, from the number
        of hits with each text."""
        by_library = np.bincount(
            self.library_codes,
            weights=hits_by_text[self.text_codes],
            minlength=len(self.libraries),
        )
        names = list(self.libraries)
        libraries = Counter({names[at]: int(by_library[at]) for at in np.flatnonzero(by_library)})
        return libraries, int(hits_by_text[self.available].sum())


def _counted(codes: np.ndarray, chosen: np.ndarray | None, texts: list) -> Counter:
    """How many of the chosen hits have each text (None and "" left out)."""
    kept = codes if chosen is None else codes[chosen]
    counts = np.bincount(kept, minlength=len(texts))
    return Counter({texts[at]: int(counts[at]) for at in np.flatnonzero(counts) if texts[at]})


def _top(keys: np.ndarray, first: int) -> np.ndarray:
    """The positions of the ``first`` highest of distinct ``keys``, highest first."""
    if first < len(keys):
        candidates = np.argpartition(-keys, first - 1)[:first] if first else keys[:0]
    else:
        candidates = np.arange(len(keys))
    return candidates[np.argsort(-keys[candidates], kind="stable")]


def _top_scores(scores: np.ndarray, documents: np.ndarray, first: int) -> np.ndarray:
    """The positions of the ``first`` best hits: highest score, then lowest document id."""
    if first <= 0 or not len(scores):
        return np.arange(0)
    if first < len(scores):
        threshold = np.partition(scores, len(scores) - first)[len(scores) - first]
        candidates = np.flatnonzero(scores >= threshold)
    else:
        candidates = np.arange(len(scores))
    order = np.lexsort((documents[candidates], -scores[candidates]))
    return candidates[order[:first]]


def build(word: str) -> HitList:
    """The word's list, read from the full-text index in one statement."""
    backend = backends.current()
    match = backend.match([word])
    key_column, holdings_column = backend.facet_columns
    sql = (
        f"SELECT 0, d.id, {match.score}, d.year, {key_column}, {holdings_column}, NULL "
        f"FROM {match.source} WHERE {match.condition} "
        f"UNION ALL SELECT 1, NULL, NULL, NULL, NULL, NULL, {journal.mark_sql()}"
    )
    with backend.reading(matching=True):
        rows = backends.fetch(sql, match.params)
    mark = next(row[6] for row in rows if row[0] == 1)
    hits = sorted(row[1:6] for row in rows if row[0] == 0)
    key_codes, keys = _coded([hit[3] for hit in hits])
    holdings_codes, holdings = _coded([hit[4] for hit in hits])
    if backend.codes_facets:
        keys, holdings = _texts(keys, holdings)
    return HitList(
        word=word,
        mark=mark,
        documents=np.array([hit[0] for hit in hits], dtype=np.int64),
        scores=np.array([hit[1] for hit in hits], dtype=np.float64),
        years=np.array([NO_YEAR if hit[2] is None else hit[2] for hit in hits], dtype=np.int32),
        key_codes=key_codes,
        holdings_codes=holdings_codes,
        keys=keys,
        holdings=holdings,
    )


def _coded(values: list) -> tuple[np.ndarray, list]:
    """Each value's code (its place among the distinct values), and those values."""
    index: dict = {}
    codes = np.fromiter(
        (index.setdefault(value, len(index)) for value in values), np.int32, len(values)
    )
    return codes, list(index)


def _texts(key_ids: list, holdings_ids: list) -> tuple[list, list]:
    """SQLite's facet key and holdings numbers as their texts."""
    keys = _numbered_texts(key_ids, "catalog_search_facet_keys", "facet_key")
    held = _numbered_texts(holdings_ids, "catalog_search_holdings", "holdings")
    return [keys.get(number) for number in key_ids], [held.get(number) for number in holdings_ids]


def _numbered_texts(numbers: list, table: str, column: str) -> dict:
    """Text by number, for the numbers given (those tables only grow)."""
    wanted = [number for number in numbers if number is not None]
    texts = {}
    for part in backends.chunks(wanted):
        marks = ", ".join(["%s"] * len(part))
        texts.update(
            backends.fetch(f"SELECT id, {column} FROM {table} WHERE id IN ({marks})", part)
        )
    return texts


def brought_up_to_date(hitlist: HitList, query: "delta.Query") -> bool:
    """Apply the changes since the list's mark (``query``: the word's search
    without filters, for matching and scoring); False when there are too many."""
    unseen = journal.since(hitlist.mark, delta.MAX_CHANGES)
    if unseen is None:
        return False
    mark, changes = unseen
    if changes and not _applied(hitlist, changes, query):
        return False
    hitlist.mark = mark
    return True


def _applied(hitlist: HitList, changes: list, query: "delta.Query") -> bool:
    """Each changed document out of the list, and back in with its values
    now when it matches now: its score kept when only its holdings changed
    (``delta.keeps_place``), else scored anew; False when a score cannot be had."""
    changed = np.array(sorted(change.document_id for change in changes), dtype=np.int64)
    places = np.searchsorted(hitlist.documents, changed)
    inside = places < hitlist.size
    inside[inside] = hitlist.documents[places[inside]] == changed[inside]
    places = places[inside]
    held = dict(
        zip(hitlist.documents[places].tolist(), hitlist.scores[places].tolist(), strict=True)
    )
    entering = sorted(
        (change for change in changes if change.now and query.matches(change.now)),
        key=lambda change: change.document_id,
    )
    fresh = [c for c in entering if not (c.document_id in held and delta.keeps_place(c, query))]
    query.phrase_documents = hitlist.phrase_documents
    scored = query.keys(fresh)
    if scored is None:
        return False
    hitlist.phrase_documents = query.phrase_documents
    scores = {**held, **{document: keys[0] for document, keys in scored.items()}}
    added = {
        "documents": [change.document_id for change in entering],
        "scores": [scores[change.document_id] for change in entering],
        "years": [_year(change.now["year"]) for change in entering],
        "key_codes": [hitlist.code("keys", change.now["facet_key"]) for change in entering],
        "holdings_codes": [hitlist.code("holdings", change.now["holdings"]) for change in entering],
    }
    kept = {name: np.delete(getattr(hitlist, name), places) for name in ARRAYS}
    at = np.searchsorted(kept["documents"], added["documents"])
    for name in ARRAYS:
        array = kept[name]
        setattr(hitlist, name, np.insert(array, at, np.array(added[name], dtype=array.dtype)))
    hitlist.unstored += len(changes)
    return True


def _year(year) -> int:
    return NO_YEAR if year is None or year == "" else int(year)


def found(word: str, query: "delta.Query") -> HitList | None:
    """The word's list, up to date, when one is kept."""
    name = _name(word)
    with _lock:
        hitlist = _memory.get(name) or _read(name)
        if hitlist is None:
            return None
        if not brought_up_to_date(hitlist, query):
            _forget(name)
            return None
        _keep(name, hitlist)
        if hitlist.unstored >= STORE_AFTER:
            _write(name, hitlist)
        # The arrays are replaced, never changed, when changes are applied:
        # this copy stays whole while another thread applies the next ones.
        return copy.copy(hitlist)


def keep(hitlist: HitList) -> None:
    """Keep a list just made, in memory and for the other processes."""
    name = _name(hitlist.word)
    with _lock:
        _keep(name, hitlist)
        _write(name, hitlist)


def wanted(word: str) -> None:
    """Have the word's list made in the background, once however many
    searches of it come before the task runs."""
    if caches[cache.ALIAS].add(f"{PENDING}{_name(word)}", True, 600):
        # Imported here: the task module imports the search service, which imports this one.
        from pustaka.catalog.tasks import hitlist_build

        hitlist_build.enqueue(word)


def made(word: str) -> HitList:
    """Make the word's list and keep it; the task ``hitlist_build`` calls it."""
    hitlist = build(word)
    keep(hitlist)
    caches[cache.ALIAS].delete(f"{PENDING}{_name(word)}")
    return hitlist


def warm() -> list[str]:
    """Make the lists of the ``WARM_WORDS`` commonest words of the index (as
    a search takes them: ``query_words``) and of the ``WARM_STARTS`` broadest
    starts of words, which a search as you type matches as prefixes; each
    kept when it has ``min_hits()`` hits or more."""
    documents = backends.current().term_documents()
    words = _commonest_words(documents)
    starts = [start for start in _broadest_starts(documents) if start not in words]
    kept = []
    for word in words + starts:
        hitlist = build(word)
        if hitlist.size >= min_hits():
            keep(hitlist)
            kept.append(word)
    return kept


def _commonest_words(documents: list[tuple[str, int]]) -> list[str]:
    """The search words of the ``WARM_WORDS`` terms in most documents, from
    ``(term, documents)``."""
    terms = sorted((-count, term) for term, count in documents if count >= min_hits())
    words: list[str] = []
    for _count, term in terms[:WARM_WORDS]:
        taken = query_words(term)
        if len(taken) == 1 and taken[0] not in words:
            words.append(taken[0])
    return words


def _broadest_starts(documents: list[tuple[str, int]]) -> list[str]:
    """The ``WARM_STARTS`` starts of terms (``START_LENGTHS`` characters) in
    most documents, as far as adding up their terms' counts tells: it counts
    a document once per term, so a start may find fewer."""
    counts: Counter = Counter()
    for term, count in documents:
        for length in START_LENGTHS:
            if len(term) > length:
                counts[term[:length]] += count
    broad = sorted((-count, start) for start, count in counts.items() if count >= min_hits())
    return [start for _count, start in broad[:WARM_STARTS]]


def records_of(documents: list[int]) -> dict:
    """The record of each search document, by the document's id."""
    if not documents:
        return {}
    marks = ", ".join(["%s"] * len(documents))
    return dict(
        backends.fetch(
            f"SELECT id, record_id FROM catalog_searchdocument WHERE id IN ({marks})", documents
        )
    )


def _name(word: str) -> str:
    """The list's file name: the catalogue's version, the stored form's, the word."""
    return f"{cache.catalogue_version()}-{STORED_FORM}-{word.encode().hex()}"


def _keep(name: str, hitlist: HitList) -> None:
    _memory[name] = hitlist
    _memory.move_to_end(name)
    while len(_memory) > 1 and sum(kept.nbytes for kept in _memory.values()) > MEMORY_BYTES:
        _memory.popitem(last=False)


def _folder() -> Path:
    return Path(settings.PUSTAKA_SEARCH_HITLISTS)


def _read(name: str) -> HitList | None:
    try:
        with (_folder() / name).open("rb") as stream:
            return pickle.load(stream)
    except (FileNotFoundError, EOFError, pickle.UnpicklingError):
        return None


def _write(name: str, hitlist: HitList) -> None:
    """Write the list (whole, then renamed into place) and remove the lists
    of other catalogue versions and stored forms."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    hitlist.unstored = 0
    partial = folder / f".{name}.{os.getpid()}.{threading.get_ident()}"
    with partial.open("wb") as stream:
        pickle.dump(hitlist, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, folder / name)
    current = name.rsplit("-", 1)[0] + "-"
    for path in folder.iterdir():
        if not path.name.startswith((current, ".")):
            path.unlink(missing_ok=True)


def _forget(name: str) -> None:
    _memory.pop(name, None)
    (_folder() / name).unlink(missing_ok=True)
