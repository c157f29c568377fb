"""``pustaka export-marc [--library CODE] [--format mrc|xml] [--output FILE]``:
export the union catalogue, or one library's holdings (with its copies as 952
fields), as MARC 21 (ISO 2709, UTF-8) or MARCXML."""

import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from pustaka.catalog.marc.exporting import FORMATS, marc_export
from pustaka.core.commands import library_by_code


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
        holder = library_by_code(library) if library else None
        if output:
            with open(output, "wb") as stream:
                count = marc_export(stream=stream, library=holder, fmt=fmt)
            done = _("Exported %(count)s records to %(file)s.")
            self.stderr.write(done % {"count": count, "file": output})
        else:
            stream = getattr(self.stdout, "buffer", None) or sys.stdout.buffer
            marc_export(stream=stream, library=holder, fmt=fmt)
            stream.flush()
