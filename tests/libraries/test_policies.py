"""Pure rules about libraries: codes, region codes, opening hours."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pustaka.libraries import policies

# Monday 2 March 2026 and the days after it.
MONDAY = datetime.date(2026, 3, 2)


def at(day: datetime.date, hhmm: str) -> datetime.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.datetime(day.year, day.month, day.day, hours, minutes)


@pytest.mark.parametrize(
    ("typed", "stored"), [("ds01", "DS01"), (" tb02 ", "TB02"), ("PUD", "PUD"), ("AB", "AB")]
)
def test_library_code_is_stored_upper_case(typed, stored):
    assert policies.normalise_library_code(typed) == stored


@pytest.mark.parametrize("typed", ["", "A", "DS 01", "DS-01", "ABCDEFGHIJKLM", "perpus_1", None])
def test_library_code_refuses_spaces_signs_and_wrong_lengths(typed):
    with pytest.raises(ValidationError) as error:
        policies.normalise_library_code(typed)
    assert error.value.code == "code"


@pytest.mark.parametrize("typed", ["district", "Rows", "TARGETS"])
def test_library_code_may_not_name_a_page(typed):
    """/staff/monitoring/district/ is the district's page, not a library's."""
    with pytest.raises(ValidationError) as error:
        policies.normalise_library_code(typed)
    assert typed.upper() in error.value.messages[0]


@pytest.mark.parametrize("code", ["64", "64.02", "64.02.06", "64.02.06.1007", " 64.02 "])
def test_region_code_accepts_each_kemendagri_level(code):
    assert policies.check_region_code(code) == code.strip()


@pytest.mark.parametrize("code", ["", "6402", "64.2", "64.02.6", "64.02.06.107", "64.02.x1", "64."])
def test_region_code_refuses_other_shapes(code):
    with pytest.raises(ValidationError) as error:
        policies.check_region_code(code)
    assert error.value.code == "region_code"


def test_day_hours_are_parsed_into_ranges():
    assert policies.parse_day_hours("08:00-12:00, 13:00-16:00") == [
        ["08:00", "12:00"],
        ["13:00", "16:00"],
    ]


def test_day_hours_accept_dots_and_spaces_as_written_in_indonesia():
    assert policies.parse_day_hours("08.00 - 12.00,13.30-24:00") == [
        ["08:00", "12:00"],
        ["13:30", "24:00"],
    ]


@pytest.mark.parametrize("text", ["", "   ", ",", None])
def test_empty_day_hours_mean_closed(text):
    assert policies.parse_day_hours(text) == []


@pytest.mark.parametrize(
    "text", ["8-12", "08:00", "08:00-12", "25:00-26:00", "08:60-09:00", "23:00-24:30", "pagi"]
)
def test_day_hours_in_a_bad_format_are_refused_naming_the_part(text):
    with pytest.raises(ValidationError) as error:
        policies.parse_day_hours(f"07:00-07:30, {text}")
    assert error.value.code == "hours"
    assert text in error.value.messages[0]


def test_day_hours_running_backwards_are_refused():
    with pytest.raises(ValidationError) as error:
        policies.parse_day_hours("12:00-08:00")
    assert error.value.code == "hours"
    assert "12:00-08:00" in error.value.messages[0]


def test_day_hours_of_zero_length_are_refused():
    with pytest.raises(ValidationError):
        policies.parse_day_hours("08:00-08:00")


def test_overlapping_day_hours_are_refused():
    with pytest.raises(ValidationError) as error:
        policies.parse_day_hours("08:00-12:00, 11:00-14:00")
    assert "11:00-14:00" in error.value.messages[0]


def test_day_hours_out_of_order_are_refused():
    with pytest.raises(ValidationError):
        policies.parse_day_hours("13:00-16:00, 08:00-12:00")


def test_touching_day_hours_are_accepted():
    assert policies.parse_day_hours("08:00-12:00, 12:00-14:00") == [
        ["08:00", "12:00"],
        ["12:00", "14:00"],
    ]


def test_day_hours_format_back_to_what_was_typed():
    assert policies.format_day_hours([["08:00", "12:00"], ["13:00", "16:00"]]) == (
        "08:00-12:00, 13:00-16:00"
    )
    assert policies.format_day_hours([]) == ""


HOURS = {"0": [["08:00", "12:00"], ["13:00", "16:00"]], "5": [["09:00", "11:30"]]}


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (at(MONDAY, "07:59"), False),
        (at(MONDAY, "08:00"), True),
        (at(MONDAY, "11:59"), True),
        (at(MONDAY, "12:00"), False),
        (at(MONDAY, "12:30"), False),
        (at(MONDAY, "15:59"), True),
        (at(MONDAY, "16:00"), False),
        (at(MONDAY + datetime.timedelta(days=1), "10:00"), False),
        (at(MONDAY + datetime.timedelta(days=5), "10:00"), True),
        (at(MONDAY + datetime.timedelta(days=6), "10:00"), False),
    ],
)
def test_is_open_at_follows_the_weekly_hours(moment, is_open):
    assert policies.is_open_at(HOURS, moment) is is_open


def test_a_library_without_hours_is_never_open():
    assert policies.is_open_at({}, at(MONDAY, "10:00")) is False


def test_weekly_hours_add_up_every_range():
    # Monday 4 + 3 hours, Saturday 2.5 hours
    assert policies.weekly_hours(HOURS) == 9.5
    assert policies.weekly_hours({}) == 0
