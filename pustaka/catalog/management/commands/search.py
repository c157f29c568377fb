"""``pustaka search "QUERY" [--library CODE] [--json] [--limit N]``: search the
union catalogue from the command line, as a readable list or one JSON object."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pustaka.catalog import display
from pustaka.catalog.search.service import SearchFilters, catalog_search
from pustaka.libraries.queries import libraries_public


class Command(BaseCommand):
    help = "Search the union catalogue: words of the title, author, subject or notes, or an ISBN."

    def add_arguments(self, parser):
        parser.add_argument("query", help="the words to look for (all must match)")
        parser.add_argument(
            "--library",
            action="append",
            default=[],
            metavar="CODE",
            help="only records with a copy at this library (may be repeated)",
        )
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="print one JSON object"
        )
        parser.add_argument("--limit", type=int, default=20, help="at most N results (20)")

    def handle(self, *args, query: str, library: list[str], as_json: bool, limit: int, **options):
        if limit < 1:
            raise CommandError(_("--limit must be at least 1."))
        codes = tuple(code.strip().upper() for code in library)
        unknown = set(codes) - set(libraries_public().values_list("code", flat=True))
        if unknown:
            codes_given = ", ".join(sorted(unknown))
            raise CommandError(_("No library with code %(code)s.") % {"code": codes_given})
        result = catalog_search(query=query, filters=SearchFilters(libraries=codes), per_page=limit)
        if as_json:
            self.stdout.write(json.dumps(display.search_data(result), ensure_ascii=False))
        else:
            self.write_list(query, result)

    def write_list(self, query: str, result) -> None:
        shown = len(result.records)
        found = ngettext(
            "%(count)s record for “%(query)s” (showing %(shown)s).",
            "%(count)s records for “%(query)s” (showing %(shown)s).",
            result.total,
        )
        self.stdout.write(found % {"count": result.total, "query": query, "shown": shown})
        for number, record in enumerate(result.records, start=1):
            summary = display.record_summary(record)
            line = f"{number}. {record.title}"
            if summary["authors"]:
                line += f" / {'; '.join(summary['authors'])}"
            if record.year:
                line += f" ({record.year})"
            self.stdout.write(line)
            if record.isbns:
                self.stdout.write(f"   ISBN {', '.join(display.isbns_display(record))}")
            for item in summary["items"]:
                self.stdout.write(f"   {item['library']:<8} {item['barcode']:<16} {item['status']}")
