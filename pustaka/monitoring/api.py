"""The monitoring API: every indicator of a library (or of each library the
caller sees) and of the district, per month, quarter or year — the same
``indicators`` the pages and the command line use. A library the caller may
not see is a 404."""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.libraries.queries import library_for_user
from pustaka.monitoring.indicators import indicators

router = Router(tags=["monitoring"])

READ_ERRORS = frozenset({401, 403, 404, 422})


class IndicatorParams(Schema):
    library: str | None = Field(None, description="A library code; default: every library you see.")
    start: datetime.date = Field(alias="from", description="The first day (WITA).")
    end: datetime.date = Field(alias="to", description="The last day, included.")
    grain: Literal["month", "quarter", "year"] = "month"


class PeriodOut(Schema):
    key: str = Field(description="2025-07, 2025-Q3 or 2025.")
    start: datetime.date
    end: datetime.date


class IndicatorOut(Schema):
    code: str
    label: str
    group: str
    kind: str = Field(description="flow, level, ratio, yearly or profile.")
    unit: str


class RowOut(Schema):
    library: str | None = Field(description="The library's code; null for the district.")
    name: str | None
    values: list[dict[str, int | float | None]] = Field(
        description="One object per period: indicator code -> value (null: not known)."
    )


class IndicatorsOut(Schema):
    grain: str
    start: datetime.date
    end: datetime.date
    periods: list[PeriodOut]
    indicators: list[IndicatorOut]
    libraries: list[RowOut]
    district: RowOut = Field(description="Every library of the district added up.")


@router.get("/indicators", response={200: IndicatorsOut, READ_ERRORS: ErrorOut})
def indicators_get(request, params: Query[IndicatorParams]):
    """Every indicator per period from ``from`` to ``to``: of ``library`` (or
    of each library you see) and of the district. A library manager sees
    their library and the district's totals."""
    user = caller(request)
    libraries = [library_for_user(user, params.library)] if params.library else None
    table = indicators(
        user=user, libraries=libraries, start=params.start, end=params.end, grain=params.grain
    )
    return table.as_dict()
