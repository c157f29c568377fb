"""``pustaka export-marc [--library CODE] [--format mrc|xml] [--output FILE]``:
export the union catalogue, or one library's holdings (with its copies as 952
fields), as MARC 21 (ISO 2709, UTF-8) or MARCXML."""

import sys

from django.core.management.base import BaseCommand, CommandError

from pustaka.catalog.marc.exporting import FORMATS, marc_export
from pustaka.libraries.models import Library


class Command(BaseCommand):
    help = "Export the union catalogue, or one library's holdings, as MARC 21 or MARCXML."

    def add_arguments(self, parser):
        parser.add_argument(
            "--library", metavar="CODE", help="only this library's holdings (default: everything)"
        )
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="mrc")
        parser.add_argument(
            "--output", metavar="FILE", help="write here (default: standard output)"
        )

    def handle(self, *args, library, fmt: str, output, **options):
        holder = None
        if library:
            holder = Library.objects.filter(code=library.strip().upper()).first()
            if holder is None or holder.deleted_at is not None:
                raise CommandError(f"No library with code {library}.")
        if output:
            with open(output, "wb") as stream:
                count = marc_export(stream=stream, library=holder, fmt=fmt)
            self.stderr.write(f"Exported {count} records to {output}.")
        else:
            stream = getattr(self.stdout, "buffer", None) or sys.stdout.buffer
            marc_export(stream=stream, library=holder, fmt=fmt)
            stream.flush()
