"""``pustaka indicators [--library CODE] --from DATE --to DATE [--grain
month|quarter|year] [--json] [--as USERNAME]``: every indicator of a library,
or of the district, per period — the same figures as the pages and the API.

``--json`` prints the whole table (each library the account sees, or the one
given, and the district); otherwise a table of the library's or the
district's figures, one column per period. ``--rebuild-rollup`` counts the
dashboard's roll-up again from every row (after data was loaded without the
change log) and does nothing else."""

import datetime
import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from pustaka.core.errors import DomainError
from pustaka.core.permissions import Role
from pustaka.libraries.models import Library
from pustaka.monitoring.indicators import indicators
from pustaka.monitoring.policies import GRAINS
from pustaka.monitoring.rollup import rollup_rebuild


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text}") from None


class Command(BaseCommand):
    help = "Print the indicators of a library or of the district, per period."

    def add_arguments(self, parser):
        parser.add_argument("--library", metavar="CODE", help="one library (default: the district)")
        parser.add_argument("--from", dest="start", metavar="DATE", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", metavar="DATE", help="last day, included")
        parser.add_argument("--grain", choices=GRAINS, default="month")
        parser.add_argument("--json", action="store_true", help="the whole table as JSON")
        parser.add_argument(
            "--as", dest="username", metavar="USERNAME", help="whose view (default: the office)"
        )
        parser.add_argument(
            "--rebuild-rollup", action="store_true", help="count the dashboard's roll-up again"
        )

    def handle(self, *args, **options):
        if options["rebuild_rollup"]:
            state = rollup_rebuild()
            self.stderr.write(f"The roll-up is counted again (up to change {state.last_seq}).")
            return
        if not options["start"] or not options["end"]:
            raise CommandError("Give --from and --to.")
        user = _actor(options["username"])
        library = _library(options["library"]) if options["library"] else None
        try:
            table = indicators(
                user=user,
                libraries=[library] if library else None,
                start=_date(options["start"]),
                end=_date(options["end"]),
                grain=options["grain"],
            )
        except DomainError as error:
            details = "; ".join(
                f"{name}: {' '.join(map(str, m))}" for name, m in error.fields.items()
            )
            raise CommandError(f"{error.message} {details}".strip()) from None
        if options["json"]:
            self.stdout.write(json.dumps(table.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_text(table, table.row(library) if library else table.district))


def _text(table, row) -> str:
    """``row``'s figures as a plain table, one column per period."""
    title = f"{row.library.name} ({row.library.code})" if row.library else "District"
    keys = [period.key for period in table.periods]
    labels = [str(item.label) for item in table.definitions]
    width = max(len(label) for label in labels)
    columns = [max(len(key), 12) for key in keys]
    lines = [f"{title}: {table.start} – {table.end}, per {table.grain}", ""]
    lines.append(
        " ".join([" " * width, *[key.rjust(w) for key, w in zip(keys, columns, strict=True)]])
    )
    for item, label in zip(table.definitions, labels, strict=True):
        values = [_shown(value) for value in row.series(item.code)]
        cells = [value.rjust(w) for value, w in zip(values, columns, strict=True)]
        lines.append(" ".join([label.ljust(width), *cells]))
    return "\n".join(lines)


def _shown(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


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
