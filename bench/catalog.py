"""Union catalogue benchmark: generate N realistic records (with copies) as MARC,
import them end to end (search index included), then time searches of a fixed
query mix, as the service and as the full staff search page.

Usage:
  .venv/bin/python bench/catalog.py --records 100000            # SQLite, fresh PUSTAKA_HOME
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pustaka_bench \\
      .venv/bin/python bench/catalog.py --records 100000        # an EMPTY PostgreSQL database
  PUSTAKA_HOME=/tmp/pustaka-bench-catalog-xyz \\
      .venv/bin/python bench/catalog.py --existing              # time an earlier run's database

After the import the database's statistics are refreshed (ANALYZE), as
autovacuum or ``PRAGMA optimize`` would do on a running installation.

The last line is one JSON object: database, records, import_records_per_s and,
per query kind, hits, queries (SQL statements per search), median_ms and p95_ms
(the service, as it runs again and again), changed_median_ms and
changed_p95_ms (the service right after a desk lends or returns a copy of a
book the search finds: a remembered search is brought up to date),
uncached_median_ms and uncached_p95_ms (no search remembered: the first time
anyone searches it, with the hits of the commonest words and broadest
starts of words kept as the task ``search_warm`` keeps them after an import;
uncached_cpu_median_ms its CPU time in this process), unkept_median_ms and
unkept_p95_ms (nothing kept either: a word nobody searched since the import,
outside those),
page_median_ms/page_p95_ms (the whole staff page, page_cpu_median_ms its CPU
time) and public_page_median_ms/public_page_p95_ms (the public catalogue's
page, public_page_cpu_median_ms); hitlists_warm_s is how long that task's keeping of
them took (hitlists_words: how many words and starts); load_average is the
machine's as the timing ended.

The pages are timed in-process through Django's test client as production
renders them: without ``setup_test_environment()``, whose instrumented
rendering sends a signal with the context of every template rendered (a few
percent of a search page; more with many includes).
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

from common import django_setup, print_result, summary, timings_ms

QUERIES = {
    "common_word": ("anak", {}),
    "rare_word": ("enggang", {}),
    "author": ("nasution", {}),
    "two_words": ("budidaya lele", {}),
    "prefix": ("pemb", {}),
    "no_hit": ("xylofonqz", {}),
    "filtered": ("cerita", {"languages": ("ind",), "available": True, "audiences": ("children",)}),
}
PAGE_FILTERS = {"languages": "language", "audiences": "audience"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--marc", type=Path, help="reuse a MARC file written by an earlier run")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="time the searches of the database already loaded (PUSTAKA_HOME or DATABASE_URL)",
    )
    args = parser.parse_args()
    if args.existing:
        django_setup()
        from pustaka.catalog.models import Record

        migrate()
        figures = {**warm(), **time_queries(admin_user(), args.repeat)}
        print_result(
            "catalog", figures, records=Record.objects.count(), load_average=os.getloadavg()
        )
        return
    work = Path(tempfile.mkdtemp(prefix="pustaka-bench-catalog-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["PUSTAKA_HOME"] = str(work)
    django_setup()
    admin, hub = prepare()
    marc_path = args.marc or write_marc(work / "catalogue.mrc", args.records)
    rate, report = import_file(marc_path, admin, hub)
    analyze()
    figures = {"import_records_per_s": round(rate), "import_errors": len(report.errors)}
    figures.update(warm())
    figures.update(time_queries(admin, args.repeat))
    records = report.imported + report.updated + report.skipped
    print_result("catalog", figures, records=records, load_average=os.getloadavg())


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def admin_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="admin")


def prepare():
    from pustaka.catalog.models import Record
    from pustaka.libraries.demo import demo_load
    from pustaka.libraries.models import Library

    migrate()
    if Record.objects.exists():
        raise SystemExit("The database already has records: give the benchmark an empty one.")
    demo_load()
    return admin_user(), Library.objects.get(code="PUD")


def write_marc(path: Path, count: int) -> Path:
    from pustaka.catalog.demo import demo_catalogue_write
    from pustaka.libraries.models import Library

    codes = list(Library.objects.order_by("code").values_list("code", flat=True))
    start = time.perf_counter()
    with path.open("wb") as stream:
        demo_catalogue_write(stream, count, codes)
    print(f"wrote {count} records in {time.perf_counter() - start:.1f}s to {path}", flush=True)
    return path


def import_file(path: Path, admin, hub):
    from pustaka.catalog.marc.importing import marc_import

    start = time.perf_counter()
    report = marc_import(actor=admin, source=path, library=hub)
    seconds = time.perf_counter() - start
    print(f"imported {report.imported} records, {report.items_added} copies in {seconds:.1f}s")
    return report.imported / seconds, report


def analyze() -> None:
    """Fresh planner statistics, as a running installation has them."""
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"analyzed in {time.perf_counter() - start:.1f}s", flush=True)


def warm() -> dict:
    """Keep the hits of the commonest words and broadest starts of words, as
    the task ``search_warm`` does after an import."""
    from pustaka.catalog.search import hitlists

    start = time.perf_counter()
    words = hitlists.warm()
    seconds = time.perf_counter() - start
    print(f"kept the hits of {len(words)} words and starts in {seconds:.1f}s", flush=True)
    return {"hitlists_warm_s": round(seconds, 1), "hitlists_words": len(words)}


def time_queries(admin, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pustaka.catalog.search.service import SearchFilters, catalog_search

    staff, public = page_client(admin), page_client(None)
    figures = {}
    for kind, (query, filters) in QUERIES.items():
        narrowed = SearchFilters(**filters)
        with CaptureQueriesContext(connection) as statements:
            hits = catalog_search(query=query, filters=narrowed).total
        queries = len(statements.captured_queries)
        service = summary(
            timings_ms(lambda q=query, f=narrowed: catalog_search(query=q, filters=f), repeat)
        )
        changed = summary(
            timings_after(
                lambda q=query: LOANS.flip(q),
                lambda q=query, f=narrowed: catalog_search(query=q, filters=f),
                max(5, repeat // 2),
            )
        )
        cpu: list[float] = []
        uncached = summary(
            timings_after(
                forget_searches,
                lambda q=query, f=narrowed: catalog_search(query=q, filters=f),
                max(3, repeat // 5),
                cpu=cpu,
            )
        )
        unkept = summary(
            timings_after(
                forget_everything,
                lambda q=query, f=narrowed: catalog_search(query=q, filters=f),
                max(3, repeat // 5),
            )
        )
        forget_searches()
        params = {
            "q": query,
            **{
                PAGE_FILTERS.get(k, k): v[0] if isinstance(v, tuple) else "on"
                for k, v in filters.items()
            },
        }
        page_cpu: list[float] = []
        page = summary(
            timings_after(
                lambda: None,
                lambda p=params: staff.get("/staff/catalog/search/", p),
                repeat,
                cpu=page_cpu,
            )
        )
        public_cpu: list[float] = []
        public_page = summary(
            timings_after(
                lambda: None, lambda p=params: public.get("/katalog/", p), repeat, cpu=public_cpu
            )
        )
        figures[kind] = {
            "query": query,
            "hits": hits,
            "queries": queries,
            "median_ms": service["median_ms"],
            "p95_ms": service["p95_ms"],
            "changed_median_ms": changed["median_ms"],
            "changed_p95_ms": changed["p95_ms"],
            "uncached_median_ms": uncached["median_ms"],
            "uncached_p95_ms": uncached["p95_ms"],
            "uncached_cpu_median_ms": summary(cpu)["median_ms"],
            "unkept_median_ms": unkept["median_ms"],
            "unkept_p95_ms": unkept["p95_ms"],
            "page_median_ms": page["median_ms"],
            "page_p95_ms": page["p95_ms"],
            "page_cpu_median_ms": summary(page_cpu)["median_ms"],
            "public_page_median_ms": public_page["median_ms"],
            "public_page_p95_ms": public_page["p95_ms"],
            "public_page_cpu_median_ms": summary(public_cpu)["median_ms"],
        }
    return figures


def page_client(user):
    """A test client for pages, signed in as ``user`` (None: anyone), asking
    for a host the settings allow (no ``setup_test_environment()`` adds one)."""
    from django.conf import settings
    from django.test import Client

    host = next((host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"), "localhost")
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user)
    return client


def timings_after(prepare, action, repeat: int, cpu: list | None = None) -> list[float]:
    """``action``'s wall time in milliseconds, each time right after an
    untimed ``prepare``; its CPU time in this process is added to ``cpu``
    (all of a search on SQLite, the client's part on PostgreSQL): on a busy
    machine it tells the work from the waiting."""
    action()
    runs = []
    for _ in range(repeat):
        prepare()
        start, started = time.perf_counter(), time.process_time()
        action()
        runs.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - started) * 1000)
    return runs


def forget_searches() -> None:
    """No search remembered: the search is one nobody made before. The
    catalogue's version stays, and with it the words' kept hits."""
    from django.core.cache import caches

    from pustaka.catalog.search import cache

    version = VERSION.setdefault("kept", cache.catalogue_version())
    cache.clear()
    caches[cache.ALIAS].set(cache.VERSION_KEY, version, None)


def forget_everything() -> None:
    """No search remembered and no word's hits kept (a new catalogue version:
    ``forget_searches`` brings the one they are kept under back)."""
    from pustaka.catalog.search import cache

    VERSION.setdefault("kept", cache.catalogue_version())
    cache.clear()


VERSION: dict = {}


class DeskLoans:
    """Flips a copy of a search's first hit between on the shelf and on loan,
    as the desk's checkout and return do to the search document (its
    holdings), through the catalogue's own status change."""

    def __init__(self):
        self.copies = {}

    def flip(self, query: str) -> None:
        from pustaka.catalog import services
        from pustaka.catalog.models import Item
        from pustaka.catalog.search.service import catalog_search

        if query not in self.copies:
            hit = catalog_search(query=query, with_facets=False, per_page=1).records
            self.copies[query] = Item.objects.filter(record__in=hit).first()
        item = self.copies[query]
        if item is None:
            return
        status = "damaged" if item.status == "available" else "available"
        services.item_update(actor=admin_user(), item=item, changes={"status": status})
        item.refresh_from_db()


LOANS = DeskLoans()


if __name__ == "__main__":
    main()
