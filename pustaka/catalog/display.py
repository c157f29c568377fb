"""How the union catalogue is shown to staff: names of codes, copies grouped by
library, the default call number of a new copy, search results as the strings
a page shows, and as plain data (for the command line and the API)."""

import uuid
from functools import lru_cache
from html import escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from pustaka.catalog import policies
from pustaka.catalog.identifiers import isbn_display
from pustaka.catalog.models import Audience, Item, MaterialType, Record

# Languages a district's libraries hold most often (MARC / ISO 639-2 codes).
LANGUAGES = {
    "ind": _("Indonesian"),
    "eng": pgettext_lazy("language of a book", "English"),
    "ara": _("Arabic"),
    "jav": _("Javanese"),
    "bjn": _("Banjar"),
    "msa": _("Malay"),
    "sun": _("Sundanese"),
    "bug": _("Buginese"),
    "zho": _("Chinese"),
}

# The ten main classes of the Dewey Decimal Classification.
DDC_CLASSES = {
    0: _("000 Computers, information and general works"),
    100: _("100 Philosophy and psychology"),
    200: _("200 Religion"),
    300: _("300 Social sciences"),
    400: _("400 Language"),
    500: _("500 Science"),
    600: _("600 Technology"),
    700: _("700 Arts and recreation"),
    800: _("800 Literature"),
    900: _("900 History and geography"),
}

AUTHOR_ROLE = "author"

# One filter checkbox of the search pages, with its label and facet count.
FACET_OPTION = (
    '<div class="option"><input type="checkbox" name="{name}" value="{value}" id="{id}"{checked}>'
    ' <label for="{id}">{label} <span class="count">({count})</span></label></div>'
)

# Search page filters: query parameter -> (facet of the search result, legend).
FACET_PARAMETERS = {
    "library": ("library", _("Library")),
    "material_type": ("material_type", _("Material type")),
    "language": ("language", _("Language")),
    "audience": ("audience", _("Audience")),
    "ddc": ("ddc_hundreds", _("Subject (DDC class)")),
}


def language_name(code: str) -> str:
    return str(LANGUAGES.get(code, code))


def default_call_number(record: Record) -> str:
    """The spine label a new copy gets: DDC class, author mark, title letter."""
    first_author = next(
        (author["name"] for author in record.authors if author.get("role") == AUTHOR_ROLE),
        record.authors[0]["name"] if record.authors else "",
    )
    return policies.call_number(record.ddc, first_author, record.title)


def live_copies(record: Record) -> list[Item]:
    """The copies of a record still in a collection (from the prefetched items)."""
    return [item for item in record.items.all() if item.status != Item.Status.WITHDRAWN]


def holdings(items) -> list[dict]:
    """Copies grouped by library: ``{"library", "total", "available", "statuses"}``,
    where ``statuses`` is ``[(label, count)]`` in the order of ``Item.Status``."""
    return [
        {
            "library": library,
            "total": sum(counts.values()),
            "available": counts.get(Item.Status.AVAILABLE, 0),
            "statuses": [
                (label, counts[value]) for value, label in Item.Status.choices if value in counts
            ],
        }
        for library, counts in _counts_by_library(items)
    ]


def _counts_by_library(items) -> list[tuple]:
    """``(library, {status: copies})`` of each library holding some of
    ``items``, in the order first met (by the library's key: a model's own
    hash costs ~3 us)."""
    by_library: dict = {}
    for item in items:
        held = by_library.get(item.library_id)
        if held is None:
            held = by_library[item.library_id] = (item.library, {})
        held[1][item.status] = held[1].get(item.status, 0) + 1
    return list(by_library.values())


def record_url(view_name: str):
    """``reverse(view_name, args=[pk])`` for a page's many records, from one
    ``reverse()``: a record's key (only hex digits and hyphens) put where a
    sample key's is."""
    sample = str(uuid.UUID(int=0))
    start, end = reverse(view_name, args=[sample]).split(sample)
    return lambda pk: f"{start}{pk}{end}"


def result_meta(record: Record, types: dict) -> str:
    """The line under a result's title: its authors, year and material type
    (``types``: each type's name, looked up once for the page)."""
    parts = ["; ".join(record.author_names)] if record.authors else []
    if record.year:
        parts.append(str(record.year))
    parts.append(types.get(record.material_type, record.material_type))
    return " · ".join(parts)


def choice_labels(choices) -> dict:
    """Each value's label in the current language, translated once a process
    (for pages of many rows); the same dict each time: not to be changed."""
    return _choice_labels(choices, get_language())


@lru_cache(maxsize=64)
def _choice_labels(choices, language: str) -> dict:
    return {value: str(label) for value, label in choices.choices}


def search_rows(records: list[Record]) -> list[dict]:
    """The staff search page's results as the strings it shows: link, title,
    subtitle, the line under the title, the cover's address, and one line per
    library holding live copies ("Name (CODE): 2 available, 1 on loan")."""
    url = record_url("catalog:record_detail")
    types = choice_labels(MaterialType)
    statuses = {value: label.lower() for value, label in choice_labels(Item.Status).items()}
    return [
        {
            "url": url(record.pk),
            "title": record.title,
            "subtitle": record.subtitle,
            "meta": result_meta(record, types),
            "cover": record.cover.url if record.cover else "",
            "holdings": _holding_lines(live_copies(record), statuses),
        }
        for record in records
    ]


def _holding_lines(items: list[Item], statuses: dict) -> list[str]:
    """``holdings`` as lines of text, ``statuses`` naming each status."""
    lines = []
    for library, counts in _counts_by_library(items):
        held = (f"{counts[value]} {name}" for value, name in statuses.items() if value in counts)
        lines.append(f"{library.name} ({library.code}): {', '.join(held)}")
    return lines


def with_params(url: str, query, **changes) -> str:
    """``url`` with ``query`` (a ``QueryDict``) changed as ``{% querystring %}``
    changes it: a value set, None removed."""
    params = query.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"{url}?{params.urlencode()}"


def decade_links(url: str, query, decades: list[tuple]) -> list[tuple]:
    """The decade facet's ``(decade, count)`` as ``(start, end, count,
    link)``: the search narrowed to those ten years, from its first page."""
    params = query.copy()
    params.pop("page", None)
    links = []
    for start, count in sorted(decades):
        params["year_from"], params["year_to"] = start, start + 9
        links.append((start, start + 9, count, f"{url}?{params.urlencode()}"))
    return links


def record_summary(record: Record) -> dict:
    """A search result as plain data: ids as strings, copies by library code."""
    return {
        "id": str(record.pk),
        "title": record.title,
        "authors": record.author_names,
        "year": record.year,
        "isbns": list(record.isbns),
        "material_type": record.material_type,
        "items": [
            {"library": item.library.code, "barcode": item.barcode, "status": item.status}
            for item in live_copies(record)
        ],
    }


def facets_data(facets: dict) -> dict:
    """The search service's facets as plain data: ``{"value", "count"}`` lists and
    the number of records with a copy available now."""
    data = {
        name: [{"value": value, "count": count} for value, count in facets.get(name, [])]
        for name in ("library", "material_type", "language", "audience", "ddc_hundreds", "decade")
    }
    data["available"] = facets.get("available", 0)
    return data


def search_data(result) -> dict:
    """A ``SearchResult`` as one JSON-ready object."""
    return {
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "results": [record_summary(record) for record in result.records],
        "facets": facets_data(result.facets),
    }


def isbns_display(record: Record) -> list[str]:
    return [isbn_display(value) for value in record.isbns]


def facet_groups(facets: dict, chosen: dict, library_names: dict) -> list[dict]:
    """The search page's filter checkboxes with their facet counts, each
    group's options as one piece of HTML (``FACET_OPTION``: ~40 options drawn
    by the template cost a page ~0.8 ms, here ~0.2); a ticked value stays on
    the list (count 0) so it can be unticked."""
    labels = {
        "library": lambda code: library_names.get(code, code),
        "material_type": lambda value: MaterialType(value).label,
        "language": language_name,
        "audience": lambda value: Audience(value).label,
        "ddc": lambda value: DDC_CLASSES.get(value, value),
    }
    groups = []
    for name, (facet, legend) in FACET_PARAMETERS.items():
        counts = dict(facets.get(facet, []))
        ticked = chosen.get(name, ())
        values = list(counts) + [value for value in ticked if value not in counts]
        options = [
            _facet_option(
                name=name,
                value=value,
                id=f"id_{name}_{value}",
                checked=" checked" if value in ticked else "",
                label=labels[name](value),
                count=counts.get(value, 0),
            )
            for value in values
        ]
        if options:
            html = mark_safe("\n".join(options))  # each value escaped
            groups.append({"name": name, "legend": legend, "options": html})
    return groups


def _facet_option(**values) -> str:
    """``FACET_OPTION`` with ``values``, each escaped as a template escapes it
    (``django.utils.html.escape`` is ``html.escape``; ``format_html`` costs
    four times as much)."""
    return FACET_OPTION.format(**{key: escape(str(value)) for key, value in values.items()})


def sort_options(form) -> list[tuple]:
    """The sort order's choices as ``(value, label, selected)``, the one the
    search asked for selected (as the form's ``<select>`` draws them)."""
    asked = form.data.get("sort")
    return [(value, label, value == asked) for value, label in form.fields["sort"].choices]
