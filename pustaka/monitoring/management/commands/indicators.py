"""``pustaka indicators [--library CODE] --from DATE --to DATE [--grain
month|quarter|year] [--json] [--as USERNAME]``: every indicator of a library,
or of the district, per period, and the official indices of the whole range
— the same figures as the pages and the API.

``--json`` prints the whole table (each library the account sees, or the one
given, and the district) with its ``indices`` (as ``/api/v1/indices``: the
district's IKM, TGM and IPLM and each library's, or the library's);
otherwise a table of the library's or the district's figures, one column
per period, then its indices. ``--rebuild-rollup`` counts the
dashboard's roll-up again from every row (after data was loaded without the
change log) and does nothing else."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from pustaka.core.commands import acting_user, library_by_code
from pustaka.core.errors import DomainError
from pustaka.monitoring import indices, indices_data
from pustaka.monitoring.indicators import indicators
from pustaka.monitoring.policies import GRAINS
from pustaka.monitoring.rollup import rollup_rebuild


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("Not a date (YYYY-MM-DD): %(text)s") % {"text": text}) from None


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
            done = _("The roll-up is counted again (up to change %(seq)s).")
            self.stderr.write(done % {"seq": state.last_seq})
            return
        if not options["start"] or not options["end"]:
            raise CommandError(_("Give --from and --to."))
        user = acting_user(options["username"])
        library = library_by_code(options["library"]) if options["library"] else None
        start, end = _date(options["start"]), _date(options["end"])
        try:
            table = indicators(
                user=user,
                libraries=[library] if library else None,
                start=start,
                end=end,
                grain=options["grain"],
            )
            found = _indices(user, library, start, end)
        except DomainError as error:
            details = "; ".join(
                f"{name}: {' '.join(map(str, m))}" for name, m in error.fields.items()
            )
            raise CommandError(f"{error.message} {details}".strip()) from None
        if options["json"]:
            data = {**table.as_dict(), "indices": _indices_data(found)}
            self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        else:
            row = table.row(library) if library else table.district
            self.stdout.write(_text(table, row) + "\n\n" + _indices_text(found))


def _indices(user, library, start, end):
    if library:
        return indices.library_indices(user=user, library=library, start=start, end=end)
    return indices.district_indices(user=user, start=start, end=end)


def _indices_data(found) -> dict:
    if isinstance(found, indices.LibraryIndices):
        return indices_data.library_data(found)
    return indices_data.district_data(found)


def _indices_text(found) -> str:
    """The official indices in a few lines: IKM, TGM, and the IPLM (the
    district) or the checklist against the national standard (a library)."""
    not_known = _("not known (no answers, or an element without answers)")
    lines = [_("Official indices, %(start)s – %(end)s") % {"start": found.start, "end": found.end}]
    skm = found.skm.index if found.skm else None
    known = skm is not None and skm.unit is not None
    ikm = (
        _("%(unit)s, grade %(grade)s") % {"unit": skm.unit, "grade": skm.grade}
        if known
        else not_known
    )
    lines.append(f"IKM: {ikm}")
    tgm = found.tgm.index if found.tgm else None
    value = f"{tgm.value} ({tgm.category})" if tgm and tgm.value is not None else not_known
    lines.append(f"TGM: {value}")
    if isinstance(found, indices.LibraryIndices):
        counts = found.checklist.counts()
        lines.append(
            _("National standard: %(met)s criteria met, %(not_met)s not, %(unknown)s not known")
            % {"met": counts["pass"], "not_met": counts["fail"], "unknown": counts["unknown"]}
        )
    else:
        iplm = found.iplm.index
        missing = _("not known: inputs missing")
        shown = f"{iplm.value} ({iplm.category})" if iplm.value is not None else missing
        lines.append(f"IPLM {found.iplm.year}: {shown}")
    return "\n".join(lines)


def _text(table, row) -> str:
    """``row``'s figures as a plain table, one column per period."""
    title = f"{row.library.name} ({row.library.code})" if row.library else _("District")
    keys = [period.key for period in table.periods]
    labels = [str(item.label) for item in table.definitions]
    width = max(len(label) for label in labels)
    columns = [max(len(key), 12) for key in keys]
    per = {"month": _("per month"), "quarter": _("per quarter"), "year": _("per year")}
    span = {"title": title, "start": table.start, "end": table.end, "per": per[table.grain]}
    lines = [_("%(title)s: %(start)s – %(end)s, %(per)s") % span, ""]
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
