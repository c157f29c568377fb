"""``pustaka import-marc FILE --library CODE [--json] [--as USERNAME]``: import a
MARC 21 file (ISO 2709 in MARC-8 or UTF-8, or MARCXML) into the union catalogue.

Copies described by 952 (Koha) or 852 fields go to the library their field
names when it exists, otherwise to ``--library``. The import acts as the user
named by ``--as``; without it, as the first active district administrator
(a superuser or a ``district_admin``), the way the office runs imports on the
hub. With ``--json`` the last line printed is one JSON object:
``{"imported": N, "updated": N, "skipped": N, "errors": [{"position", "reason"}]}``.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pustaka.catalog.marc.importing import ImportReport, marc_import
from pustaka.core.commands import acting_user, library_by_code
from pustaka.core.errors import NotPermitted


class Command(BaseCommand):
    help = (
        "Import a MARC 21 file (ISO 2709 in MARC-8 or UTF-8, or MARCXML) into the union "
        "catalogue, with the copies its 952/852 fields describe."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the MARC file (.mrc, .marc or .xml)")
        parser.add_argument(
            "--library", required=True, metavar="CODE", help="the library that receives the copies"
        )
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="end with one JSON line"
        )
        parser.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            help="act as this staff user (default: the first active district administrator)",
        )

    def handle(self, *args, file: str, library: str, as_json: bool, username, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        target = library_by_code(library)
        actor = acting_user(username)
        try:
            report = marc_import(actor=actor, source=path, library=target)
        except NotPermitted as error:
            refused = _("%(user)s may not import into %(library)s.")
            raise CommandError(
                refused % {"user": actor.username, "library": target.code}
            ) from error
        if as_json:
            for warning in report.warnings:
                sys.stderr.write(_("warning: %(text)s") % {"text": warning} + "\n")
            self.stdout.write(report.as_json())
        else:
            self.write_summary(report)

    def write_summary(self, report: ImportReport) -> None:
        summary = _(
            "Imported %(imported)s, updated %(updated)s, skipped %(skipped)s of %(read)s "
            "records; %(copies)s copies added; %(errors)s errors."
        )
        counts = {"imported": report.imported, "updated": report.updated}
        counts |= {"skipped": report.skipped, "read": report.processed}
        counts |= {"copies": report.items_added, "errors": len(report.errors)}
        self.stdout.write(summary % counts)
        for warning in report.warnings:
            self.stdout.write(_("warning: %(text)s") % {"text": warning})
        for error in report.errors:
            self.stdout.write(_("error: %(text)s") % {"text": error["reason"]})
