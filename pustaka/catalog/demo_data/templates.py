"""Title templates and the helpers every theme shares: words drawn on
demand, the draft of a record, years, headings and English plurals."""

import random
import re
from functools import cache
from itertools import accumulate

from pustaka.catalog.demo_data.words import VOCAB


class Slots(dict):
    """The words of one title, drawn when a template first asks for them;
    "animal2" is always another word than "animal"."""

    def __init__(self, rng: random.Random, **fixed: str):
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        base = key.rstrip("2")
        words = VOCAB[base]
        value = self.rng.choice(words)
        while base != key and value == self.get(base):
            value = self.rng.choice(words)
        self[key] = value
        return value


@cache
def _cumulative_weights(templates: tuple) -> list[float]:
    return list(accumulate(weight for _template, weight in templates))


def fill(rng: random.Random, templates: tuple, **fixed: str) -> tuple[str, Slots]:
    """A title from weighted ``(template, weight)`` pairs, with its words."""
    slots = Slots(rng, **fixed)
    template = rng.choices(templates, cum_weights=_cumulative_weights(templates))[0][0]
    return template.format_map(slots), slots


def recent_year(rng: random.Random) -> int:
    """A publication year from 1985 to 2026, most of them recent."""
    return min(int(rng.triangular(1985, 2027, 2025)), 2026)


def english_articles(title: str) -> str:
    """ "A Orchard" becomes "An Orchard"."""
    return re.sub(r"\bA (?=[AEIOU])", "An ", title)


def plural(noun: str) -> str:
    """The English plural of an animal's name: "Fox" gives "Foxes"."""
    if noun.endswith(("Deer", "Sheep", "Fish")):
        return noun
    if noun.endswith("fly"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("x", "s", "ch", "sh")) else "s")


def heading(term: str) -> str:
    """A subject heading's first word keeps its capital, the rest are lower case
    unless they are acronyms: "Demam berdarah", "ISPA"."""
    return " ".join(w if i == 0 or w.isupper() else w.lower() for i, w in enumerate(term.split()))


def draft(title, ddc, subjects, audience, publishers, **more) -> dict:
    """The subject-dependent half of a record; the rest is common to all."""
    return {
        "title": title, "subtitle": "", "ddc": ddc, "subjects": subjects, "audience": audience,
        "publishers": publishers, "material_type": "book", "series": "", "summary": "",
        "language": "ind", "authors": "nonfiction", "honorifics": "", "year": None, **more,
    }  # fmt: skip
