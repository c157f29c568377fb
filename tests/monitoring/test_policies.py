"""Pure rules of monitoring: periods, opening days, progress, time zones, charts."""

import bisect
import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pustaka.members.policies import AGE_GROUPS
from pustaka.monitoring import charts, policies

D = datetime.date


def test_periods_between_cut_the_first_and_last():
    periods = policies.periods_between(D(2025, 2, 15), D(2025, 7, 10), "quarter")
    assert [(p.key, p.start, p.end) for p in periods] == [
        ("2025-Q1", D(2025, 2, 15), D(2025, 3, 31)),
        ("2025-Q2", D(2025, 4, 1), D(2025, 6, 30)),
        ("2025-Q3", D(2025, 7, 1), D(2025, 7, 10)),
    ]


def test_periods_ending_go_back_over_the_year():
    months = policies.periods_ending(policies.period_parse("2025-02", "month"), 3)
    assert [p.key for p in months] == ["2024-12", "2025-01", "2025-02"]


def test_a_period_starts_and_ends_at_local_midnight():
    march = policies.period_parse("2025-03", "month")
    assert march.starts_at() == datetime.datetime(2025, 2, 28, 16, tzinfo=datetime.UTC)
    assert march.ends_before() == datetime.datetime(2025, 3, 31, 16, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "text, grain", [("2025-13", "month"), ("2025-Q5", "quarter"), ("25", "year")]
)
def test_unknown_periods_are_refused(text, grain):
    with pytest.raises(ValueError):
        policies.period_parse(text, grain)


def test_opening_days_are_open_weekdays_less_holidays():
    mondays = {"0": [["08:00", "12:00"]]}
    # February 2025 has four Mondays; the 17th is a holiday, the 18th (a Tuesday) too
    holidays = {D(2025, 2, 17), D(2025, 2, 18)}
    assert policies.opening_days(mondays, holidays, D(2025, 2, 1), D(2025, 2, 28)) == 3
    # no hours recorded: open every day
    assert policies.opening_days({}, set(), D(2025, 2, 1), D(2025, 2, 28)) == 28


def test_progress_of_a_growing_figure_is_judged_against_the_year_gone_by():
    # half the year gone, 40 of 100 reached: behind
    found = policies.progress(
        target=Decimal(100), value=40, grows=True, year=2025, through=D(2025, 7, 2)
    )
    assert found.reached == 0.4 and round(found.expected, 2) == 0.5
    assert found.on_track is False
    # a level (members held) is judged against the whole target
    level = policies.progress(
        target=Decimal(100), value=100, grows=False, year=2025, through=D(2025, 7, 2)
    )
    assert level.on_track is True and level.expected is None


def test_a_zone_without_daylight_saving_has_one_offset():
    assert policies.fixed_offset_minutes(ZoneInfo("Asia/Makassar")) == 480
    assert policies.fixed_offset_minutes(ZoneInfo("Europe/Berlin")) is None


def test_a_sparkline_says_its_numbers_and_breaks_where_none_is_known():
    svg = str(charts.sparkline([1, None, 3, 4], label="Loans"))
    assert svg.startswith('<svg class="sparkline" role="img" aria-label="Loans: 1, ')
    assert svg.count("<polyline") == 2
    assert "<circle" in svg


def test_bars_carry_their_labels_and_escape_them():
    svg = str(charts.bars([("Jan <1>", 5), ("Feb", 10)], title="Visitors"))
    assert 'aria-label="Visitors. Jan &lt;1&gt;: 5; Feb: 10"' in svg
    assert svg.count("<rect") == 2


def _age_group_counted(born: datetime.date, day: datetime.date) -> str | None:
    """The age group as members are counted: born on or before the day
    ``low`` years before, after the day ``high + 1`` years before."""
    for low, high, label in AGE_GROUPS:
        if policies.years_before(day, high + 1) < born <= policies.years_before(day, low):
            return label
    return None


def test_age_spans_give_each_period_ends_age_group():
    ends = [p.end for p in policies.periods_between(D(2023, 1, 1), D(2025, 8, 20), "month")]
    spans = policies.AgeSpans(ends)
    births = [D(2017, 3, 1), D(2016, 2, 29), D(2019, 8, 21), D(2025, 5, 1), D(1960, 6, 30)]
    births += [D(2004, 2, 28), D(2006, 12, 31), D(1823, 1, 1), D(2030, 1, 1)]
    for born in births:
        by_span = [None] * len(ends)
        for label, first, after in spans.of(born):
            by_span[first:after] = [label] * (after - first)
        assert by_span == [_age_group_counted(born, end) for end in ends], born
        assert spans.at_position(bisect.bisect_left(spans.days, born)) == spans.of(born)


def test_age_spans_of_someone_turning_six_and_thirteen():
    ends = [D(2024, 12, 31), D(2025, 3, 31), D(2025, 6, 30)]
    # six on 1 April 2025
    assert policies.AgeSpans(ends).of(D(2019, 4, 1)) == [("0-5", 0, 2), ("6-12", 2, 3)]
    # born on 29 February: thirteen on 1 March in a year without one
    assert policies.AgeSpans([D(2025, 2, 28), D(2025, 3, 31)]).of(D(2012, 2, 29)) == [
        ("6-12", 0, 1),
        ("13-18", 1, 2),
    ]
