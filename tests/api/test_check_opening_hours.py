"""The pure check of opening hours as the API sends them (``policies.check_opening_hours``)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from pustaka.libraries.policies import check_opening_hours


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_hours_are_normalised_and_closed_days_left_out():
    sent = {"5": [["08.00", "12.00"]], "0": [["08:00", "12:00"], ["13:00", "16:00"]], "6": []}

    assert check_opening_hours(sent) == {
        "0": [["08:00", "12:00"], ["13:00", "16:00"]],
        "5": [["08:00", "12:00"]],
    }


@pytest.mark.parametrize("sent", [{}, None])
def test_no_hours_mean_closed_all_week(sent):
    assert check_opening_hours(sent) == {}


PAIRS = 'Give each opening as a pair of times, e.g. ["08:00", "12:00"].'


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        (
            {"0": [["13:00", "16:00"], ["08:00", "12:00"]]},
            "Opening hours must run forward and not overlap: “08:00-12:00”.",
        ),
        (
            {"0": [["08:00", "25:00"]]},
            "Write hours like 08:00-12:00, separated by commas: “08:00-25:00”.",
        ),
        ({"monday": [["08:00", "12:00"]]}, "Days are numbered 0 (Monday) to 6 (Sunday): “monday”."),
        ({"0": "08:00-12:00"}, PAIRS),
        ({"0": [["08:00", "10:00", "12:00"]]}, PAIRS),
    ],
)
def test_wrong_hours_are_refused(sent, message):
    with pytest.raises(ValidationError) as error:
        check_opening_hours(sent)

    assert error.value.messages == [message]
