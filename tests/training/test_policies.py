"""The pure rules of trainings: certificate eligibility at the minimum share,
certificate numbers, session lengths, score gains, overdue action items."""

import datetime

import pytest

from pustaka.core.permissions import Access, Role
from pustaka.training import policies


@pytest.mark.parametrize(
    ("attended", "sessions", "minimum", "eligible"),
    [
        (6, 8, 75, True),  # exactly the minimum
        (5, 8, 75, False),  # just under
        (3, 4, 75, True),
        (2, 4, 75, False),
        (2, 3, 67, False),  # 66.7 % is under 67 %
        (2, 3, 66, True),
        (8, 8, 100, True),
        (7, 8, 100, False),
        (0, 0, 75, False),  # no sessions, no certificate
    ],
)
def test_certificate_eligibility_at_the_minimum_share(attended, sessions, minimum, eligible):
    assert (
        policies.certificate_eligible(attended=attended, sessions=sessions, minimum_percent=minimum)
        is eligible
    )


def test_certificate_number_uses_the_roman_month_of_the_last_day():
    number = policies.certificate_number(
        number=7, code="BIMTEK-TIK", ends_on=datetime.date(2024, 11, 16)
    )
    assert number == "007/BIMTEK-TIK/XI/2024"


def test_session_minutes_and_score_gain():
    assert policies.session_minutes(datetime.time(8, 0), datetime.time(11, 30)) == 210
    assert policies.score_gain(45, 80) == 35
    assert policies.score_gain(None, 80) is None


def test_an_action_item_is_overdue_only_after_its_day_and_until_done():
    due = datetime.date(2025, 2, 15)
    assert not policies.is_overdue(status="open", due_on=due, today=due)
    assert policies.is_overdue(status="in_progress", due_on=due, today=due.replace(day=16))
    assert not policies.is_overdue(status="done", due_on=due, today=due.replace(day=16))


def test_who_runs_trainings_and_moves_action_items_on():
    library = "a-library"
    admin = Access(role=Role.DISTRICT_ADMIN)
    viewer = Access(role=Role.DISTRICT_VIEWER)
    manager = Access(role=Role.LIBRARY_MANAGER, library_id=library)
    volunteer = Access(role=Role.VOLUNTEER, library_id=library)
    assert [policies.may_manage(a) for a in (admin, viewer, manager, volunteer)] == [
        True,
        False,
        False,
        False,
    ]
    assert policies.may_update_action_status(manager, library)
    assert not policies.may_update_action_status(manager, "another-library")
    assert not policies.may_update_action_status(volunteer, library)
    assert not policies.may_update_action_status(viewer, library)
