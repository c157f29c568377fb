"""Weight of the public pages on the demo district: the home page, a search
result page (a common word of the demo catalogue) and a record page (the first
result), each with everything a browser fetches to show it: the page, its
stylesheets (and what they import), scripts, icons and images, except covers.

Each is asked for as a browser asks, accepting gzip, through Django's test
client (WhiteNoise serves the collected, hashed and precompressed static
files, as ``pustaka serve`` does). Bytes are what crosses the wire: the
(compressed) bodies plus the response headers. Budget (DESIGN.md): each page
<= 60 KB and <= 6 requests.

Usage: .venv/bin/python bench/page_weight.py [--word anak]
(SQLite in a fresh temporary PUSTAKA_HOME, or PostgreSQL with DATABASE_URL).
"""

import argparse
import gzip
import io
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from common import django_setup, print_result

BUDGET_BYTES = 60 * 1024
BUDGET_REQUESTS = 6
# <link rel> values a browser fetches by itself.
FETCHED_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class Resources(HTMLParser):
    """The addresses a page makes the browser fetch, in document order."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.has_icon = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            rels = set((attrs.get("rel") or "").lower().split())
            self.has_icon = self.has_icon or "icon" in rels
            if rels & FETCHED_LINKS and attrs.get("href"):
                self.urls.append(attrs["href"])
        elif tag in {"script", "img", "source", "audio", "video", "iframe", "embed"}:
            self.urls += [attrs[name] for name in ("src", "poster") if attrs.get(name)]
        elif tag == "input" and attrs.get("type") == "image" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if attrs.get("srcset"):
            self.urls += [part.strip().split(" ")[0] for part in attrs["srcset"].split(",")]


def fetch(client, url: str) -> tuple[int, bytes, str]:
    """``(bytes on the wire, decoded body, content type)`` of one request."""
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response.status_code == 200, (url, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    response.close()
    headers = len(f"HTTP/1.1 {response.status_code} {response.reason_phrase}\r\n\r\n")
    headers += sum(len(f"{name}: {value}\r\n") for name, value in response.items())
    decoded = gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body
    return headers + len(body), decoded, response.get("Content-Type", "")


def weigh(client, url: str, covers: str) -> dict:
    """One page and everything it makes the browser fetch (covers aside)."""
    size, html, _type = fetch(client, url)
    parser = Resources()
    parser.feed(html.decode())
    queue = [urljoin(url, address) for address in parser.urls]
    if not parser.has_icon:
        queue.append("/favicon.ico")  # what a browser asks for without a <link rel=icon>
    requests, total, seen, resources = 1, size, set(), []
    while queue:
        address = queue.pop(0)
        if (
            address in seen
            or address.startswith("data:")
            or urlsplit(address).path.startswith(covers)
        ):
            continue
        seen.add(address)
        assert not urlsplit(address).netloc, f"{url} loads {address} from outside"
        size, body, content_type = fetch(client, address)
        requests, total = requests + 1, total + size
        resources.append({"url": address, "bytes": size})
        if content_type.startswith("text/css"):
            found = CSS_URL.findall(body.decode())
            queue += [urljoin(address, first or second) for first, second in found]
    return {
        "url": url,
        "requests": requests,
        "bytes": total,
        "html_bytes_uncompressed": len(html),
        "within_budget": total <= BUDGET_BYTES and requests <= BUDGET_REQUESTS,
        "resources": resources,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--word", default="anak", help="the search's word (default: anak)")
    args = parser.parse_args()
    django_setup(Path(tempfile.mkdtemp(prefix="pustaka-bench-")))

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("demo", verbosity=0, stdout=io.StringIO())

    from pustaka.catalog.search.service import catalog_search

    found = catalog_search(query=args.word, per_page=1)
    assert found.total >= 20, f"“{args.word}” finds {found.total} records: take a commoner word"
    client = Client()
    pages = {
        "home": "/",
        "search": f"/katalog/?q={args.word}",
        "record": f"/katalog/{found.records[0].pk}/",
    }
    covers = settings.MEDIA_URL + "covers/"
    figures = {name: weigh(client, url, covers) for name, url in pages.items()}
    for name, page in figures.items():
        verdict = "within budget" if page["within_budget"] else "OVER BUDGET"
        print(
            f"{name:7} {page['url']}: {page['bytes'] / 1024:.1f} KB in {page['requests']} "
            f"requests ({verdict}: {BUDGET_BYTES // 1024} KB, {BUDGET_REQUESTS} requests)"
        )
    print_result(
        "page_weight",
        {
            name: {k: v for k, v in page.items() if k != "resources"}
            for name, page in figures.items()
        },
        budget_bytes=BUDGET_BYTES,
        budget_requests=BUDGET_REQUESTS,
        search_hits=found.total,
        resources={name: page["resources"] for name, page in figures.items()},
    )


if __name__ == "__main__":
    main()
