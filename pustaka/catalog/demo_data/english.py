"""English-language books of a village collection: children's picture
books, novels, and English learning and nature titles."""

from pustaka.catalog.demo_data.templates import draft, english_articles, fill, plural
from pustaka.catalog.demo_data.words import ENGLISH_COMMODITIES, VOCAB

ENGLISH_CHILDREN = (
    ("{ename} and the {eadj} {eanimal}", 3), ("The {eadj} {eanimal} of {eplace}", 2),
    ("A {eadj} {eanimal} Goes to {eplace}", 2), ("Where Is {ename}'s {eanimal}?", 1),
    ("An {odd} {eanimal} for {ename}", 1),
)  # fmt: skip


def english_children(rng):
    odd = rng.choice(("Amazing", "Old", "Unusual", "Odd", "Excellent", "Ordinary"))
    title, words = fill(rng, ENGLISH_CHILDREN, odd=odd)
    title = english_articles(title)
    return draft(
        title, "823.92", ["Cerita anak berbahasa Inggris"], "children", "english",
        material_type="picture_book", authors="picture", language="eng",
        summary=f"A {words['eadj'].lower()} {words['eanimal'].lower()} learns to make friends.",
    )  # fmt: skip


ENGLISH_FICTION = (
    ("The {eadj} {enoun} of {eplace}", 3), ("A {enoun} in {eplace}", 1),
    ("The Last {enoun} of {eplace}", 1), ("{enoun} and {enoun2} in {eplace}", 3),
    ("The {enoun} and the {eanimal}", 1), ("An {season} {enoun} in {eplace}", 1),
)  # fmt: skip


def english_fiction(rng):
    season = rng.choice(("Autumn", "Evening", "Island", "Unfinished", "Early", "Ordinary"))
    title, words = fill(rng, ENGLISH_FICTION, season=season)
    title = english_articles(title)
    return draft(
        title, rng.choice(("823.92", "813.6")), ["Fiksi Inggris"], rng.choice(("adults", "teens")),
        "english", authors="fiction", language="eng",
        summary=f"A novel about a {words['enoun'].lower()} and a family in {words['eplace']}.",
    )  # fmt: skip


ENGLISH_NONFICTION = (
    ("English for {egroup} in {eregion}: {esituation}", 2),
    ("{n} English Conversations for {esituation} in {eregion}", 2),
    ("{approach} {commodity} Farming in {eregion}", 2),
    ("A Field Guide to the {animals} of {eregion}", 1),
)  # fmt: skip


def english_nonfiction(rng):
    name, ddc, subject = rng.choice(ENGLISH_COMMODITIES)
    approach = rng.choice(("Small-Scale", "Sustainable", "Organic", "Practical", "Profitable"))
    animals = plural(rng.choice(VOCAB["eanimal"]))
    title, words = fill(rng, ENGLISH_NONFICTION, commodity=name, approach=approach, animals=animals)
    if "egroup" in words or "esituation" in words:
        ddc, subject = "428.24", "Bahasa Inggris -- Percakapan"
    elif "Field Guide" in title:
        ddc, subject = "591.9598", "Hewan -- Kalimantan"
    return draft(title, ddc, [subject], "general", "english", language="eng")
