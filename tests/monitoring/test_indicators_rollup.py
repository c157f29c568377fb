"""The indicators read visits and loans of whole periods from the roll-up:
the same figures as counting them, periods cut by the range counted."""

import datetime

import pytest

from pustaka.monitoring import counting, indicators, policies, rollup

D = datetime.date


def _nonzero(values: dict) -> dict:
    return {key: value for key, value in values.items() if value}


@pytest.mark.parametrize(
    "grain, start, end",
    [
        ("month", D(2025, 1, 1), D(2025, 12, 31)),
        ("month", D(2025, 2, 3), D(2025, 5, 6)),  # a visit day at each cut edge
        ("quarter", D(2025, 3, 31), D(2025, 12, 31)),  # Q1 cut to the day of a loan
        ("quarter", D(2025, 1, 1), D(2025, 5, 6)),
        ("year", D(2024, 1, 1), D(2025, 4, 1)),
        ("year", D(2025, 1, 1), D(2025, 12, 31)),
    ],
)
def test_rollup_backed_figures_are_the_counted_ones(  # noqa: PLR0913
    year_2025, library_a, library_b, monkeypatch, grain, start, end
):
    # given the year of work, and the libraries' figures counted from the rows
    libraries = [library_a, library_b]
    periods = policies.periods_between(start, end, grain)
    counted = counting.count(libraries=libraries, periods=periods)
    rollup.rollup_rebuild()
    # when the indicators read them, the roll-up backing the whole periods
    asked = []
    count = counting.count

    def spy(*, libraries, periods, groups=counting.GROUPS):
        asked.append((tuple(periods), tuple(groups)))
        return count(libraries=libraries, periods=periods, groups=groups)

    monkeypatch.setattr(counting, "count", spy)
    values = indicators._values(libraries, periods)
    # then every figure is the counted one
    assert _nonzero(values) == _nonzero(counted)
    # and visits and loans were counted only for the periods cut by the range
    cut = [period for period in periods if period != policies.period_of(period.start, grain)]
    recounted = [
        period for asked_periods, groups in asked if "loans" in groups for period in asked_periods
    ]
    assert recounted == cut
    assert any(code.startswith(rollup.WHOLE_CODES) for _l, _i, code in _nonzero(counted))
