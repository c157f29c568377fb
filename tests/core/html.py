"""Small readers of rendered pages for tests: asset addresses, links, table cells."""

import re
from html.parser import HTMLParser

ASSET_ATTRIBUTES = {
    "script": "src",
    "link": "href",
    "img": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "iframe": "src",
    "embed": "src",
    "object": "data",
}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    """Every start tag of ``html`` with its attributes."""
    collector = _Collector()
    collector.feed(html)
    return collector.tags


def asset_urls(html: str) -> list[str]:
    """The addresses the browser fetches by itself: scripts, styles, icons, images."""
    urls = []
    for tag, attrs in tags(html):
        name = ASSET_ATTRIBUTES.get(tag)
        if name and attrs.get(name):
            urls.append(attrs[name])
        if attrs.get("srcset"):
            urls.extend(part.strip().split(" ")[0] for part in attrs["srcset"].split(","))
    return urls


def links(html: str) -> list[tuple[str, str]]:
    """``(text, href)`` of every ``<a href>``."""
    return [
        (re.sub(r"<[^>]+>", "", text).strip(), href)
        for href, text in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
    ]


def cells(html: str, column: int = 0) -> list[str]:
    """One column of every table body row (e.g. the library codes of a list)."""
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", html, re.S)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body[1] if body else "", re.S)
    values = []
    for row in rows:
        row_cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        if len(row_cells) > column:
            values.append(re.sub(r"<[^>]+>", "", row_cells[column]).strip())
    return values


def text(html: str) -> str:
    """The visible text, tags removed and spaces collapsed."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
