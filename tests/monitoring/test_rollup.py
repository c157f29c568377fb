"""The dashboard's roll-up gives the same figures as the indicators, and
follows every change through the change log."""

import datetime

import pytest

from pustaka.catalog import services as catalog_services
from pustaka.circulation import services as circulation_services
from pustaka.monitoring import policies, rollup, rollup_changes
from pustaka.monitoring.dashboard import district_dashboard
from pustaka.monitoring.definitions import KEY_CODES
from pustaka.monitoring.indicators import indicators
from pustaka.monitoring.models import MonthlyRollup, RollupState


def _live(user, periods):
    table = indicators(
        user=user,
        libraries=None,
        start=periods[0].start,
        end=periods[-1].end,
        grain=periods[0].grain,
    )
    return table


@pytest.mark.parametrize(
    "grain, key", [("month", "2025-04"), ("quarter", "2025-Q2"), ("year", "2025")]
)
def test_dashboard_shows_the_indicators_figures(year_2025, admin, grain, key):
    # given the year of work, when the district dashboard is read
    period = policies.period_parse(key, grain)
    dashboard = district_dashboard(user=admin, period=period)
    # then every key figure of every library, and the district's, is the indicators'
    live = _live(admin, dashboard.trend)
    for row in dashboard.rows:
        expected = live.row(row.library)
        for code, values in zip(KEY_CODES, row.series, strict=True):
            assert values == expected.series(code), (row.library.code, code)
    for code, values in zip(KEY_CODES, dashboard.district.series, strict=True):
        assert values == live.district.series(code), code


def test_a_new_loan_is_on_the_dashboard_at_once(year_2025, admin, clock, library_a):
    year = policies.period_parse("2025", "year")
    before = district_dashboard(user=admin, period=year)
    copy = year_2025.copies[0]
    with clock(2025, 6, 2, 10, 0):
        circulation_services.checkout(
            actor=admin, library=library_a, member=year_2025.bayu, barcode=copy.barcode
        )
    after = district_dashboard(user=admin, period=year)
    loans = KEY_CODES.index("loans")
    assert after.district.series[loans][-1] == before.district.series[loans][-1] + 1


def test_an_old_copy_withdrawn_leaves_every_period(year_2025, admin):
    year = policies.period_parse("2025", "year")
    copies = KEY_CODES.index("collection.copies")
    before = district_dashboard(user=admin, period=year)
    assert before.district.series[copies][-2:] == [1, 4]
    catalog_services.item_withdraw(actor=admin, item=year_2025.copies[0])
    after = district_dashboard(user=admin, period=year)
    # acquired in December 2024: gone from 2024 and 2025 alike
    assert after.district.series[copies][-2:] == [0, 3]


def test_rebuild_counts_rows_written_without_the_change_log(year_2025, admin, library_a):
    year = policies.period_parse("2025", "year")
    district_dashboard(user=admin, period=year)
    MonthlyRollup.objects.filter(code="loans").delete()
    rollup.rollup_rebuild()
    dashboard = district_dashboard(user=admin, period=year)
    assert dashboard.district.series[KEY_CODES.index("loans")][-1] == 3


def test_a_refresh_without_changes_recounts_nothing(
    year_2025, admin, django_assert_max_num_queries
):
    rollup.rollup_refresh()
    with django_assert_max_num_queries(2):
        rollup.rollup_refresh()


def test_numbers_missing_from_the_change_log_are_read_again_for_a_day():
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    first = now.isoformat()
    # 11..20 read, 14 and 17-18 missing
    gaps = rollup_changes._missing([[11, 20, first]], [11, 12, 13, 15, 16, 19, 20])
    assert gaps == [[14, 14, first], [17, 18, first]]
    # later 17 arrives: only 14 and 18 stay missing
    assert rollup_changes._missing(gaps, [17]) == [[14, 14, first], [18, 18, first]]
    # a day on, a number still missing is given up (a transaction rolled back)
    assert not rollup_changes._young(gaps[0], now + rollup_changes.GAP_WAIT)


def test_a_late_transaction_is_counted_when_it_arrives(year_2025, admin, library_a, clock):
    from pustaka.core.models import ChangeLog

    rollup.rollup_refresh()
    state = RollupState.objects.get()
    # given a change logged under a number the last refresh saw missing
    with clock(2025, 6, 3, 10, 0):
        circulation_services.checkout(
            actor=admin,
            library=library_a,
            member=year_2025.bayu,
            barcode=year_2025.copies[0].barcode,
        )
    newest = ChangeLog.objects.order_by("-seq").first().seq
    state.last_seq = newest
    state.gaps = [[newest - 5, newest, datetime.datetime.now(datetime.UTC).isoformat()]]
    state.save()
    # when the dashboard is read, the loan in the gap is counted
    dashboard = district_dashboard(user=admin, period=policies.period_parse("2025", "year"))
    assert dashboard.district.series[KEY_CODES.index("loans")][-1] == 4
