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

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from pustaka.catalog.marc.importing import ImportReport, marc_import
from pustaka.core.errors import NotPermitted
from pustaka.core.permissions import Role
from pustaka.libraries.models import Library


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
            raise CommandError(f"No such file: {file}")
        target = _library(library)
        actor = _actor(username)
        try:
            report = marc_import(actor=actor, source=path, library=target)
        except NotPermitted as error:
            raise CommandError(f"{actor.username} may not import into {target.code}.") from error
        if as_json:
            for warning in report.warnings:
                sys.stderr.write(f"warning: {warning}\n")
            self.stdout.write(report.as_json())
        else:
            self.write_summary(report)

    def write_summary(self, report: ImportReport) -> None:
        self.stdout.write(
            f"Imported {report.imported}, updated {report.updated}, skipped {report.skipped} "
            f"of {report.processed} records; {report.items_added} copies added; "
            f"{len(report.errors)} errors."
        )
        for warning in report.warnings:
            self.stdout.write(f"warning: {warning}")
        for error in report.errors:
            self.stdout.write(f"error: {error['reason']}")


def _library(code: str) -> Library:
    library = Library.objects.filter(code=code.strip().upper(), deleted_at__isnull=True).first()
    if library is None:
        raise CommandError(f"No library with code {code}.")
    return library


def _actor(username: str | None):
    users = get_user_model().objects.filter(is_active=True)
    if username:
        actor = users.filter(username=username).first()
        if actor is None:
            raise CommandError(f"No active user {username}.")
        return actor
    admins = users.filter(Q(is_superuser=True) | Q(staff_role__role=Role.DISTRICT_ADMIN))
    actor = admins.order_by("date_joined", "pk").first()
    if actor is None:
        raise CommandError("No active district administrator: create one, or give --as USERNAME.")
    return actor
