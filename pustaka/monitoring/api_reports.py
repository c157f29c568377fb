"""The API of the official indices and the reports: the district's IKM, TGM
and IPLM of a year or period with each library's (those the caller sees), one
library's indices and checklist, the office's IPLM inputs, and reports asked
for, followed and downloaded — the same reads and tasks the pages use."""

import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.libraries.queries import library_for_user
from pustaka.monitoring import indices, indices_data
from pustaka.monitoring.models import Report
from pustaka.monitoring.reports.queries import RECENT, report_for_user, reports_for_user
from pustaka.monitoring.services import iplm_input_set
from pustaka.monitoring.tasks import report_enqueue
from pustaka.monitoring.views_reports import report_file_response
from pustaka.surveys.api import SkmOut, TgmOut

router = Router(tags=["official indices and reports"])

READ_ERRORS = frozenset({401, 403, 404, 422})


class PeriodParams(Schema):
    year: int | None = Field(None, description="A year (January to December), or:")
    start: datetime.date | None = Field(None, alias="from", description="The first day (WITA).")
    end: datetime.date | None = Field(None, alias="to", description="The last day, included.")


class IkmOut(Schema):
    respondents: int
    index: SkmOut


class TgmIndexOut(Schema):
    respondents: int
    index: TgmOut


class IplmPartOut(Schema):
    type: str = Field(description="public, school, university or special.")
    name: str
    weight: Decimal
    figure: Decimal | None = Field(description="X; null while not entered.")
    ratio: Decimal | None = Field(description="X / P, 6 decimals.")
    weighted: Decimal | None


class IplmElementOut(Schema):
    number: int
    code: str
    name: str
    figure: str = Field(description="What Pustaka counts for its public libraries.")
    pustaka: Decimal = Field(description="The figure of Pustaka's public libraries.")
    value: Decimal | None = Field(description="UPLM, 6 decimals; null while an input is missing.")
    missing: list[str]
    parts: list[IplmPartOut]


class IplmOut(Schema):
    year: int
    method: str
    population: int | None
    population_source: str
    total: Decimal | None = Field(description="UPLM 1 + ... + UPLM 7.")
    value: Decimal | None = Field(description="total / 7 x 100, 2 decimals.")
    category: str
    elements: list[IplmElementOut]


class CriterionOut(Schema):
    code: str
    area: Literal["collection", "space", "services", "staff"]
    requirement: str
    found: str
    status: Literal["pass", "fail", "unknown"]


class ChecklistOut(Schema):
    method: str
    as_on: datetime.date
    meets: bool
    criteria: list[CriterionOut]


class LibraryIndicesOut(Schema):
    library: str
    name: str
    ikm: IkmOut | None
    tgm: TgmIndexOut | None
    checklist: ChecklistOut


class DistrictIndicesOut(Schema):
    year: int = Field(description="The year the period ends in: the IPLM's.")
    start: datetime.date
    end: datetime.date
    ikm: IkmOut | None = Field(description="Every SKM answer of the period pooled.")
    tgm: TgmIndexOut | None
    iplm: IplmOut
    libraries: list[LibraryIndicesOut] = Field(description="The libraries you see.")


class IplmInputIn(Schema):
    population: int
    figures: dict[str, dict[str, Decimal | None]] = Field(
        description="Library type (public_other, school, university, special) -> "
        "element code (libraries, collection, staff, daily_visits, standard, "
        "participants, members) -> figure."
    )
    source: str = ""


class IplmInputOut(Schema):
    year: int
    population: int
    figures: dict[str, dict[str, Decimal]]
    source: str


class ReportIn(Schema):
    kind: Literal["brief", "district_pdf", "district_xlsx"]
    library: str | None = Field(None, description="The library's code, for a brief.")
    start: datetime.date
    end: datetime.date
    language: Literal["id", "en"] | None = None
    grain: Literal["month", "quarter", "year"] | None = Field(
        None, description="The district tables' periods (default: by the span's length)."
    )


class ReportOut(Schema):
    id: UUID
    kind: str
    library: str | None
    start: datetime.date
    end: datetime.date
    grain: str
    language: str
    status: Literal["queued", "running", "done", "failed"]
    progress: int = Field(description="0–100.")
    error: str
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    file: str | None = Field(description="Where to download it once done.")


def _report(report: Report) -> dict:
    done = report.status == Report.Status.DONE
    return {
        "id": report.pk,
        "kind": report.kind,
        "library": report.library.code if report.library else None,
        "start": report.start,
        "end": report.end,
        "grain": report.grain,
        "language": report.language,
        "status": report.status,
        "progress": report.progress,
        "error": report.error,
        "created_at": report.created_at,
        "finished_at": report.finished_at,
        "file": reverse("api:report_file", args=[report.pk]) if done else None,
    }


# -- endpoints --------------------------------------------------------------------------


@router.get("/indices", response={200: DistrictIndicesOut, READ_ERRORS: ErrorOut})
def indices_district(request, params: Query[PeriodParams]):
    """The district's IKM and TGM of the period (every answer pooled), the
    IPLM of the year it ends in with each element's inputs, and the indices
    and checklist of each library you see."""
    start, end = indices.period_span(params.year, params.start, params.end)
    found = indices.district_indices(user=caller(request), start=start, end=end)
    return indices_data.district_data(found)


@router.get("/indices/{code}", response={200: LibraryIndicesOut, READ_ERRORS: ErrorOut})
def indices_library(request, code: str, params: Query[PeriodParams]):
    """A library's IKM and TGM of the period and its checklist against the
    national standard on the period's last day."""
    user = caller(request)
    library = library_for_user(user, code)
    start, end = indices.period_span(params.year, params.start, params.end)
    found = indices.library_indices(user=user, library=library, start=start, end=end)
    return indices_data.library_data(found)


@router.put("/iplm-inputs/{year}", response={200: IplmInputOut, READ_ERRORS: ErrorOut})
def iplm_inputs_put(request, year: int, payload: IplmInputIn):
    """The office's IPLM inputs of a year (setting them again corrects them)."""
    entered = iplm_input_set(
        actor=caller(request),
        year=year,
        population=payload.population,
        figures=payload.figures,
        source=payload.source,
    )
    return {
        "year": entered.year,
        "population": entered.population,
        "figures": entered.figures,
        "source": entered.source,
    }


@router.post("/reports", response={202: ReportOut, READ_ERRORS: ErrorOut})
def report_request(request, payload: ReportIn):
    """Queues a report and answers at once; poll ``GET /reports/{id}``. A
    brief is of a library you see; the district's reports are the office's
    and its viewers'."""
    user = caller(request)
    library = library_for_user(user, payload.library) if payload.library else None
    report = report_enqueue(
        actor=user,
        kind=payload.kind,
        library=library,
        start=payload.start,
        end=payload.end,
        language=payload.language,
        grain=payload.grain,
    )
    return Status(202, _report(report))


@router.get("/reports", response={200: list[ReportOut], READ_ERRORS: ErrorOut})
def report_list(request):
    """The latest reports you may download."""
    return [_report(report) for report in reports_for_user(caller(request))[:RECENT]]


@router.get("/reports/{report_id}", response={200: ReportOut, READ_ERRORS: ErrorOut})
def report_read(request, report_id: UUID):
    return _report(report_for_user(caller(request), report_id))


@router.get(
    "/reports/{report_id}/file",
    response={200: None, READ_ERRORS: ErrorOut},
    url_name="report_file",
)
def report_file(request, report_id: UUID):
    """The report's PDF or Excel file (404 until it is ready)."""
    return report_file_response(report_for_user(caller(request), report_id))
