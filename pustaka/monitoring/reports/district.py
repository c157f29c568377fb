"""The district report for a period (PDF, A4 landscape), for the office to
send to the province and the national library: the programme's figures
(community involvement and advocacy activities, participants, visitors,
internet use — the figures the programme adds up nationally; its own form
could not be confirmed, see DOMAIN.md), every library side by side, who was
reached, partners and support, and the official indices. Only the office
and its viewers make it: it shows every library."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from pustaka.core.errors import NotPermitted
from pustaka.core.permissions import access_for
from pustaka.libraries.models import District
from pustaka.monitoring import indices
from pustaka.monitoring.checklists import checklist_day, checklists
from pustaka.monitoring.indicators import IndicatorTable, indicators
from pustaka.monitoring.policies import Period
from pustaka.monitoring.queries import rows_behind
from pustaka.monitoring.reports import figures, pdf
from pustaka.programs.models import ActivityCategory
from pustaka.programs.queries import categories

# The libraries' table: indicator code -> its column.
COLUMNS = (
    "visits.people",
    "loans",
    "members.total",
    "members.new",
    "activities",
    "participants",
    "sessions",
    "contributions.money",
    "contributions.in_kind",
)


def check_district_reader(user) -> None:
    """The district's reports show every library: the office and its viewers only."""
    if not access_for(user).sees_all_libraries:
        raise NotPermitted


def district_name() -> str:
    district = District.objects.filter(deleted_at__isnull=True).first()
    return district.name if district else _("The district")


@dataclass
class DistrictReport:
    """What the district report says."""

    name: str
    start: datetime.date
    end: datetime.date
    table: IndicatorTable
    advocacy: int
    partners: int
    skm: dict
    tgm: dict
    iplm: indices.IplmResult
    checklists: list


def district_content(
    *, user, start: datetime.date, end: datetime.date, progress: Callable[[int], None] = None
) -> DistrictReport:
    check_district_reader(user)
    note = progress or (lambda _percent: None)
    grain = figures.grain_for(start, end)
    table = indicators(user=user, libraries=None, start=start, end=end, grain=grain)
    note(50)
    span = Period(start, end, grain)
    advocacy_codes = categories(in_use=False).filter(strategy=ActivityCategory.Strategy.ADVOCACY)
    advocacy = sum(
        figures.span_value(table, table.district, f"activities.category.{code}") or 0
        for code in advocacy_codes.values_list("code", flat=True)
    )
    libraries = [row.library for row in table.rows]
    content = DistrictReport(
        name=district_name(),
        start=start,
        end=end,
        table=table,
        advocacy=advocacy,
        partners=rows_behind(user, source="partners", library=None, period=span).count(),
        skm=indices.skm_indices(start, end),
        tgm=indices.tgm_indices(start, end),
        iplm=indices.iplm_for_year(user=user, year=end.year),
        checklists=checklists(libraries, checklist_day(end)),
    )
    note(80)
    return content


def district_pdf(report: DistrictReport, *, compress: bool = True) -> bytes:
    title = _("%(district)s: report of the libraries") % {"district": report.name}
    words = f"{date_format(report.start, 'j F Y')} – {date_format(report.end, 'j F Y')}"
    story = [
        pdf.text(title, "title"),
        pdf.text(words, "subtitle"),
        *_programme(report),
        *_libraries(report),
        *_reach(report),
        *_support(report),
        PageBreak(),
        *_indices(report),
        *_standard(report),
    ]
    footer = _("District report · %(district)s · made with Pustaka on %(day)s") % {
        "district": report.name,
        "day": date_format(timezone.localdate(), "j F Y"),
    }
    return pdf.build(story, title=title, footer=footer, wide=True, compress=compress)


def _total(report: DistrictReport, code: str):
    return figures.span_value(report.table, report.table.district, code)


def _programme(report: DistrictReport) -> list:
    rows = [
        [_("Community involvement activities"), pdf.number(_total(report, "activities"))],
        [_("Participants in activities"), pdf.number(_total(report, "participants"))],
        [_("Advocacy activities"), pdf.number(report.advocacy)],
        [_("Visitors"), pdf.number(_total(report, "visits.people"))],
        [_("Computer and internet sessions"), pdf.number(_total(report, "sessions"))],
        [_("Books lent"), pdf.number(_total(report, "loans"))],
        [_("Stories of change with consent"), pdf.number(_total(report, "stories.consented"))],
    ]
    width = pdf.usable_width(wide=True) / 2
    return [
        pdf.text(_("The programme's figures"), "heading"),
        pdf.table(rows, header=[_("Figure"), _("District")], widths=[width * 0.7, width * 0.3]),
    ]


def _libraries(report: DistrictReport) -> list:
    labels = {item.code: str(item.label) for item in report.table.definitions}
    header = [_("Library"), _("Kecamatan"), *[labels[code] for code in COLUMNS]]
    rows = [
        [
            row.library.name,
            row.library.kecamatan.name,
            *[pdf.number(figures.span_value(report.table, row, code)) for code in COLUMNS],
        ]
        for row in report.table.rows
    ]
    district = report.table.district
    rows.append(
        [
            _("District"),
            "",
            *[pdf.number(figures.span_value(report.table, district, code)) for code in COLUMNS],
        ]
    )
    width = pdf.usable_width(wide=True)
    first = [width * 0.17, width * 0.11]
    rest = (width - sum(first)) / len(COLUMNS)
    return [
        pdf.text(_("The libraries side by side"), "heading"),
        pdf.table(rows, header=header, widths=[*first, *[rest] * len(COLUMNS)], numeric_from=2),
    ]


def _reach(report: DistrictReport) -> list:
    rows = []
    for title, group in figures.reach(report.table, report.table.district):
        rows.extend(
            [f"{title}: {row.label}", pdf.number(row.visitors), pdf.number(row.participants)]
            for row in group
        )
    if not rows:
        return []
    width = pdf.usable_width(wide=True) / 2
    return [
        KeepTogether(
            [
                pdf.text(_("Who was reached"), "heading"),
                pdf.table(
                    rows,
                    header=[_("Group"), _("Visitors"), _("Participants in activities")],
                    widths=[width * 0.5, width * 0.25, width * 0.25],
                ),
            ]
        )
    ]


def _support(report: DistrictReport) -> list:
    rows = [
        [_("Partners engaged"), pdf.number(report.partners)],
        [_("Contributions in money"), pdf.rupiah(_total(report, "contributions.money"))],
        [_("Contributions in kind (value)"), pdf.rupiah(_total(report, "contributions.in_kind"))],
        [_("Volunteers' hours"), pdf.number(_total(report, "contributions.hours"))],
        [_("Village fund allocation"), pdf.rupiah(_total(report, "village_fund"))],
    ]
    width = pdf.usable_width(wide=True) / 2
    return [
        KeepTogether(
            [
                pdf.text(_("Partners and support"), "heading"),
                pdf.table(
                    rows, header=[_("Figure"), _("District")], widths=[width * 0.6, width * 0.4]
                ),
            ]
        )
    ]


def _index_cells(found) -> list:
    """Respondents, IKM (1–4), IKM on 25–100 and grade of a ``SurveyIndex`` (or dashes)."""
    if found is None:
        return ["0", "–", "–", "–"]
    skm = found.index
    grade = f"{skm.grade} ({skm.performance})" if skm.grade else _("an element has no answers")
    return [pdf.number(found.respondents), pdf.number(skm.ikm, 4), pdf.number(skm.unit, 2), grade]


def _indices(report: DistrictReport) -> list:
    rows = [[_("District (every answer)"), *_index_cells(report.skm.get(indices.DISTRICT))]]
    rows += [
        [row.library.name, *_index_cells(report.skm.get(row.library.pk))]
        for row in report.table.rows
    ]
    width = pdf.usable_width(wide=True)
    parts = [
        pdf.text(_("Community satisfaction index (IKM, PermenPANRB 14/2017)"), "heading"),
        pdf.table(
            rows,
            header=[_("Unit"), _("Respondents"), "IKM (1–4)", _("IKM on 25–100"), _("Grade")],
            widths=[width * 0.3, width * 0.12, width * 0.12, width * 0.14, width * 0.32],
        ),
    ]
    tgm = report.tgm.get(indices.DISTRICT)
    if tgm is not None and tgm.index.value is not None:
        words = _(
            "Reading interest (TGM): %(value)s, %(category)s, from %(people)s respondents."
        ) % {
            "value": pdf.number(tgm.index.value, 2),
            "category": tgm.index.category,
            "people": pdf.number(tgm.respondents),
        }
        parts += [pdf.text(words), pdf.text(tgm.index.method, "small")]
    parts += _iplm(report.iplm)
    return parts


def _iplm(result: indices.IplmResult) -> list:
    index = result.index
    heading = _("Community literacy development index (IPLM) %(year)s") % {"year": result.year}
    rows = [
        [
            f"UPLM {element.definition.number}",
            str(element.definition.name),
            pdf.number(result.pustaka_figures[element.definition.code], 2),
            pdf.number(element.value, 6) if element.value is not None else _("inputs missing"),
        ]
        for element in index.elements
    ]
    width = pdf.usable_width(wide=True)
    if index.value is not None:
        summary = _("IPLM = %(total)s / 7 x 100 = %(value)s (%(category)s).") % {
            "total": pdf.number(index.total, 6),
            "value": pdf.number(index.value, 2),
            "category": index.category,
        }
    else:
        summary = _(
            "The IPLM needs the office's inputs for the year (population and other libraries)."
        )
    return [
        pdf.text(heading, "heading"),
        pdf.table(
            rows,
            header=[_("Element"), _("Name"), _("Pustaka's public libraries"), _("Value")],
            widths=[width * 0.1, width * 0.45, width * 0.2, width * 0.25],
            numeric_from=2,
        ),
        pdf.text(summary),
        pdf.text(index.method, "small"),
    ]


def _standard(report: DistrictReport) -> list:
    rows = []
    for checklist in report.checklists:
        counted = checklist.counts()
        rows.append(
            [
                checklist.library.name,
                pdf.number(counted["pass"]),
                pdf.number(counted["fail"]),
                pdf.number(counted["unknown"]),
                _("yes") if checklist.meets else _("no"),
            ]
        )
    width = pdf.usable_width(wide=True)
    return [
        Spacer(1, 2 * mm),
        pdf.text(_("National standard for village libraries (Perka Perpusnas 6/2017)"), "heading"),
        pdf.table(
            rows,
            header=[_("Library"), _("Met"), _("Not met"), _("Not known"), _("Meets the standard")],
            widths=[width * 0.4, width * 0.12, width * 0.12, width * 0.12, width * 0.24],
        ),
    ]
