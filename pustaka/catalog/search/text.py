"""How text becomes search terms, the same for SQLite and PostgreSQL.

Text is folded (lower case, accents removed), split into words, and each word is
indexed as itself plus its Indonesian and English Snowball stems, so
``membaca`` meets ``baca``, ``pembangunan`` meets ``membangun`` and
``libraries`` meets ``library``. Reduplication (``buku-buku``) splits into its
halves. Stemming happens here, in Python, so both databases index and query
exactly the same terms.
"""

import re
import unicodedata
from functools import lru_cache
from itertools import chain

import Stemmer

MAX_WORD = 40
# A shorter last word is matched as a word only, not also as the start of
# longer ones: one or two letters start most words of the index, and matching
# every word they start cost seconds at a million records (``p``: 2 s, ``9``:
# 4 s) on each pause of someone typing, for hits nobody reads.
PREFIX_MIN = 3
# A word, of which only the first MAX_WORD characters are kept (the group).
WORD = re.compile(rf"([0-9a-z]{{1,{MAX_WORD}}})[0-9a-z]*")
_indonesian = Stemmer.Stemmer("indonesian")
_english = Stemmer.Stemmer("english")


def fold(text: str) -> str:
    """Lower case without accents: ``Étude`` -> ``etude``."""
    text = text or ""
    if text.isascii():
        return text.lower()  # what decomposing and case folding give for ASCII, far faster
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order (``buku-buku`` gives two ``buku``)."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def variants(word: str) -> tuple[str, ...]:
    """``word`` and its distinct stems, the forms it is indexed and queried under."""
    if word.isdigit():  # a number (ISBN, class, year): the stemmers leave it as it is
        return (word,)
    forms = dict.fromkeys((word, _indonesian.stemWord(word), _english.stemWord(word)))
    return tuple(form for form in forms if form)


def terms(*texts: str) -> str:
    """The space-separated index terms of ``texts`` (each distinct term once).

    The texts are folded and split as one (a blank cannot join two words), so
    a record's fields cost one pass rather than one each."""
    forms = chain.from_iterable(map(variants, words(" ".join(filter(None, texts)))))
    return " ".join(dict.fromkeys(forms))


# ``terms`` of texts a catalogue repeats (subjects and series, notes), remembered.
repeated_terms = lru_cache(maxsize=4096)(terms)


def query_words(query: str) -> list[str]:
    """The distinct words of a query, in order."""
    return list(dict.fromkeys(words(query)))


def as_prefix(words: list[str], position: int) -> bool:
    """Whether the query word at ``position`` is also matched as the start of
    longer words: the last word, which may still be being typed, when it has
    ``PREFIX_MIN`` characters or more."""
    return position == len(words) - 1 and len(words[position]) >= PREFIX_MIN
