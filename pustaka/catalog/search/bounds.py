"""How high FTS5's bm25 can score a document whose title matches none of the
query's phrases: if the page's last record scores above that, the page can be
ranked from the documents whose title matches alone (on SQLite, a tenth of
the hits of a common word), with exactly the order ranking every hit gives.

bm25 (FTS5's ``fts5Bm25Function``) scores a document

    sum over the query's phrases p of
        idf(p) * f(p) * (K1 + 1) / (f(p) + K1 * (1 - B + B * D / avgdl))

with ``f(p)`` the weighted count of p's instances in the document (each
instance counts its column's weight), ``D`` the document's length in tokens,
``avgdl`` the average length, ``idf(p) = log((N - n(p) + 0.5) / (n(p) + 0.5))``
(1e-6 when not positive) over the ``N`` documents, ``n(p)`` of them matching p.
The term grows with ``f(p)`` and ``idf(p)`` and falls with ``D``. A document's
terms are distinct within each column (``text.terms``), so without a title
match an exact phrase has at most one instance in each other column, and a
prefix phrase at most one for each indexed term it matches; with the smallest
length of any document and each phrase's idf taken at its fewest possible
matches, the sum is a ceiling no such document reaches."""

import math
from dataclasses import dataclass

K1 = 1.2
B = 0.75
# The columns' weights, title first: the same as the score's (see ``backends``).
WEIGHTS = (10.0, 4.0, 2.0, 1.0)
# How much the ceiling must stay below a score: far more than the rounding
# of either computation.
MARGIN = 1e-9


@dataclass(frozen=True)
class Phrase:
    """What the vocabulary says of one phrase of a query: how many indexed
    terms it matches (one for a word, any number for a prefix) and the fewest
    documents it can match (the most of any one of those terms)."""

    terms: int
    documents: int


def idf(matching: int, rows: int) -> float:
    value = math.log((rows - matching + 0.5) / (matching + 0.5))
    return value if value > 0 else 1e-6


def term(frequency: float, length: int, average: float) -> float:
    """bm25's saturation of a phrase's weighted count in a document of ``length``."""
    return frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length / average))


def score(
    frequencies: list[float], length: int, documents: list[int], rows: int, tokens: int
) -> float:
    """bm25 of a document (positive: higher is better) as FTS5 computes it, to
    the last bit: its phrases' weighted counts ``frequencies``, its
    ``length``, each phrase's ``documents`` among ``rows`` of ``tokens`` in
    all. (Phrases with no instance add nothing, as in FTS5.)"""
    average = tokens / rows
    total = 0.0
    for frequency, matching in zip(frequencies, documents, strict=True):
        total += idf(matching, rows) * term(frequency, length, average)
    return total


def ceiling(phrases: list[Phrase], rows: int, tokens: int, shortest: int) -> float:
    """The highest score a document without a phrase in its title can have,
    among ``rows`` documents of ``tokens`` tokens in all, the shortest of
    ``shortest``."""
    untitled = sum(WEIGHTS[1:])
    average = tokens / rows
    return sum(
        idf(phrase.documents, rows) * term(untitled * phrase.terms, shortest, average)
        for phrase in phrases
        if phrase.terms
    )


def titles_suffice(
    last: float, phrases: list[Phrase], rows: int, tokens: int, shortest: int
) -> bool:
    """Whether every document without a phrase in its title scores below
    ``last`` (the page's last score among those with one)."""
    return ceiling(phrases, rows, tokens, shortest) * (1 + MARGIN) < last
