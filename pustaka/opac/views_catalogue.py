"""The public catalogue: search from every page and one page per record, for
anyone and without JavaScript. Availability is said in words; who borrowed
or reserved a copy is never shown."""

import json
import math
from dataclasses import replace
from functools import lru_cache
from itertools import groupby

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from pustaka.catalog import display
from pustaka.catalog import queries as catalog_queries
from pustaka.catalog.forms import SearchForm
from pustaka.catalog.models import Item, MaterialType
from pustaka.catalog.search.service import SearchFilters, catalog_search
from pustaka.libraries.queries import libraries_public
from pustaka.opac import queries

PER_PAGE = 20
NEWEST = 10
RELATED = 5
# Libraries named in a result's availability; the record page lists them all.
LIBRARIES_IN_SUMMARY = 4
AVAILABILITY = '<p class="availability">{}</p>'

# A copy's status as the public summary counts it; lost copies are left out.
SUMMARY_ORDER = ("available", "on_loan", "unavailable")
SUMMARY_GROUP = {
    Item.Status.AVAILABLE: "available",
    Item.Status.ON_LOAN: "on_loan",
    Item.Status.IN_TRANSIT: "unavailable",
    Item.Status.ON_HOLD_SHELF: "unavailable",
    Item.Status.DAMAGED: "unavailable",
}

# schema.org types of the material types that are not books.
SCHEMA_TYPES = {
    "magazine": "Periodical",
    "audio": "AudioObject",
    "video": "VideoObject",
    "map": "Map",
    "score": "SheetMusic",
    "picture": "Photograph",
    "other": "CreativeWork",
}
# BCP 47 tags of the catalogue's ISO 639-2 language codes that have a shorter one.
LANGUAGE_TAGS = {
    "ind": "id",
    "eng": "en",
    "ara": "ar",
    "jav": "jv",
    "msa": "ms",
    "sun": "su",
    "zho": "zh",
}
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def search(request):
    """Keyword search of every library with filters, facets, sorting and paging;
    no words and no filters give the start: subjects to browse, newest records."""
    form = SearchForm(request.GET)
    form.is_valid()
    library_names = dict(libraries_public().values_list("code", "name"))
    filters, unknown_libraries = _filters(form, library_names)
    query = form.value("q", "")
    context = {
        "form": form,
        "search_query": query,
        "sort_options": display.sort_options(form),
        "sort_refused": "sort" in form.errors,
        "ignored": _ignored(form, unknown_libraries),
    }
    if not query and filters == SearchFilters():
        context["newest"] = _rows(catalog_queries.records_newest(NEWEST))
        context["subjects"] = list(display.DDC_CLASSES.items())
        return render(request, "opac/search.html", context)
    result = catalog_search(
        query=query,
        filters=filters,
        sort=form.sort_order(),
        page=form.value("page", 1),
        per_page=PER_PAGE,
    )
    chosen = {**form.chosen(), "library": filters.libraries}
    url = reverse("opac:search")
    page, pages = result.page, max(1, math.ceil(result.total / PER_PAGE))
    context |= {
        "result": result,
        "rows": _rows(result.records),
        "groups": display.facet_groups(result.facets, chosen, library_names),
        "decades": display.decade_links(url, request.GET, result.facets.get("decade", [])),
        "pages": pages,
        "first": display.with_params(url, request.GET, page=None) if page > pages else "",
        "previous": display.with_params(url, request.GET, page=page - 1) if page > 1 else "",
        "next": display.with_params(url, request.GET, page=page + 1) if page < pages else "",
        "filtered": filters != SearchFilters(),
    }
    return render(request, "opac/search.html", context)


def _filters(form, library_names: dict) -> tuple[SearchFilters, list[str]]:
    """The form's filters with only libraries the public site knows, and the
    codes left out."""
    filters = form.filters()
    known = tuple(code for code in filters.libraries if code in library_names)
    unknown = [code for code in filters.libraries if code not in library_names]
    return replace(filters, libraries=known), unknown


def _ignored(form, unknown_libraries: list[str]) -> list[str]:
    """What the search could not use, in words: each parameter it did not
    understand, and each library code it does not know."""
    ignored = [str(form.fields[name].label or name) for name in form.errors]
    ignored += [_("library %(code)s") % {"code": code} for code in unknown_libraries]
    return ignored


def _rows(records) -> list[dict]:
    """The results as the strings a page shows: link, title, subtitle, the
    line under the title, the cover's address and the availability paragraph."""
    url = display.record_url("opac:record")
    types = display.choice_labels(MaterialType)
    rows = []
    for record in records:
        record_url = url(record.pk)
        rows.append(
            {
                "url": record_url,
                "title": record.title,
                "subtitle": record.subtitle,
                "meta": display.result_meta(record, types),
                "cover": record.cover.url if record.cover else "",
                "availability": availability_html(display.live_copies(record), record_url),
            }
        )
    return rows


def availability_html(items, url: str) -> str:
    """The paragraph on a result's and a record's availability: its phrases
    (``availability``) with a link to the copies at ``url`` when more
    libraries hold one, or that none can lend a copy now. Made here, not by
    an included template: a results page has twenty of them."""
    summary, more = availability(items)
    if not summary:
        return format_html(AVAILABILITY, _("No library can lend a copy now."))
    if not more:
        return format_html(AVAILABILITY, summary)
    others = ngettext("and %(count)s more library", "and %(count)s more libraries", more)
    link = format_html('<a href="{}#copies">{}</a>', url, others % {"count": more})
    return format_html(AVAILABILITY, format_html("{} · {}", summary, link))


def availability(items) -> tuple[str, int]:
    """A result's availability in words, a phrase per library and status
    ("2 copies available at X") joined by " · ", libraries with a copy on the
    shelf first; at most ``LIBRARIES_IN_SUMMARY`` libraries, and how many
    more hold one."""
    counts: dict = {}
    libraries: dict = {}
    for item in items:
        group = SUMMARY_GROUP.get(item.status)
        if group:
            held = counts.get(item.library_id)  # by key: a model's hash costs 3 us
            if held is None:
                held = counts[item.library_id] = dict.fromkeys(SUMMARY_ORDER, 0)
                libraries[item.library_id] = item.library
            held[group] += 1
    order = sorted(counts, key=lambda key: (-counts[key]["available"], libraries[key].name))
    shown, language = order[:LIBRARIES_IN_SUMMARY], get_language()
    phrases = [
        _phrase_text(group, count, language) % {"count": count, "library": libraries[key].name}
        for key in shown
        for group, count in counts[key].items()
        if count
    ]
    return " · ".join(phrases), len(order) - len(shown)


@lru_cache(maxsize=512)
def _phrase_text(group: str, count: int, language: str) -> str:
    """The phrase of ``count`` copies of a summary group at a library, in
    ``language`` (looked up once a process: a results page has ~30)."""
    if group == "available":
        text = ngettext(
            "%(count)d copy available at %(library)s",
            "%(count)d copies available at %(library)s",
            count,
        )
    elif group == "on_loan":
        text = ngettext(
            "%(count)d copy on loan at %(library)s",
            "%(count)d copies on loan at %(library)s",
            count,
        )
    else:
        text = ngettext(
            "%(count)d copy not available now at %(library)s",
            "%(count)d copies not available now at %(library)s",
            count,
        )
    return text


def record_page(request, record_id):
    """A record's full description, every copy by library with its status in
    words, the length of its queue, related records and its schema.org data."""
    record, copies = queries.record_public(record_id)
    due = queries.due_dates(copies)
    holdings = [
        (library, [(item, due.get(item.pk)) for item in items])
        for library, items in groupby(copies, key=lambda item: item.library)
    ]
    record_url = reverse("opac:record", args=[record.pk])
    permalink = request.build_absolute_uri(record_url)
    context = {
        "record": record,
        "availability": availability_html(copies, record_url),
        "holdings": holdings,
        "isbns": display.isbns_display(record),
        "language": display.language_name(record.language),
        "waiting": queries.holds_waiting(record),
        "permalink": permalink,
        "reserve_url": _reserve_url(record) if copies else None,
        "by_author": _by_author(record),
        "on_subject": _on_subject(record),
        "json_ld": json_ld(request, record, holdings, permalink),
    }
    return render(request, "opac/record.html", context)


def _reserve_url(record) -> str | None:
    """Where to reserve the record, once the public site offers it."""
    try:
        return reverse("opac:reserve", args=[record.pk])
    except NoReverseMatch:
        return None


def _first_author(record) -> str:
    authors = [a["name"] for a in record.authors if a.get("role", "author") == "author"]
    return (authors or record.author_names or [""])[0]


def _by_author(record) -> tuple[str, list]:
    author = _first_author(record)
    if not author:
        return "", []
    return author, catalog_queries.records_by_author(author, exclude=record.pk, limit=RELATED)


def _on_subject(record) -> tuple[str, list]:
    if not record.subjects:
        return "", []
    subject = record.subjects[0]
    return subject, catalog_queries.records_on_subject(subject, exclude=record.pk, limit=RELATED)


def json_ld(request, record, holdings, permalink: str) -> str:
    """The record as schema.org JSON-LD for search engines: a ``Book`` (or the
    type of its material) with one lending ``Offer`` per library, in stock
    where a copy is on the shelf. Escaped for a ``<script>`` element."""
    kind = SCHEMA_TYPES.get(record.material_type, "Book")
    book = kind == "Book"
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": permalink,
        "url": permalink,
        "name": record.title,
        "alternativeHeadline": record.subtitle,
        "author": [{"@type": "Person", "name": name} for name in record.author_names],
        "publisher": {"@type": "Organization", "name": record.publisher}
        if record.publisher
        else None,
        "datePublished": str(record.year) if record.year else None,
        "isbn": record.isbns[0] if book and record.isbns else None,
        "inLanguage": LANGUAGE_TAGS.get(record.language, record.language),
        "bookEdition": record.edition if book else None,
        "bookFormat": "https://schema.org/EBook" if record.material_type == "ebook" else None,
        "about": record.subjects,
        "image": request.build_absolute_uri(record.cover.url) if record.cover else None,
        "offers": [_offer(request, library, items) for library, items in holdings],
    }
    kept = {key: value for key, value in data.items() if value not in (None, "", [])}
    return mark_safe(json.dumps(kept, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))


def _offer(request, library, items) -> dict:
    """A library's copies as a lending offer (free of charge)."""
    available = sum(1 for item, _due in items if item.status == Item.Status.AVAILABLE)
    address = request.build_absolute_uri(reverse("opac:library", args=[library.code]))
    return {
        "@type": "Offer",
        "businessFunction": "http://purl.org/goodrelations/v1#LeaseOut",
        "price": 0,
        "priceCurrency": "IDR",
        "availability": "https://schema.org/InStock"
        if available
        else "https://schema.org/OutOfStock",
        "inventoryLevel": {"@type": "QuantitativeValue", "value": available},
        "offeredBy": {"@type": "Library", "@id": address, "name": library.name, "url": address},
        "availableAtOrFrom": {"@id": address},
    }
