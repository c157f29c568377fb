"""Pure rules of trainings and mentoring: who may do what, when a trainee
has earned a certificate, how certificates are numbered, when an action item
is overdue."""

import datetime

from pustaka.core.permissions import Access

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def may_manage(access: Access) -> bool:
    """Run trainings and mentoring (create, record, score): the district office."""
    return access.is_district_admin


def may_update_action_status(access: Access, library_id) -> bool:
    """Move an action item on (open, in progress, done): the office, or the
    manager of the visited library."""
    return access.can_edit_library(library_id)


def certificate_eligible(*, attended: int, sessions: int, minimum_percent: int) -> bool:
    """Whether attending ``attended`` of ``sessions`` sessions reaches the
    minimum share (in whole percent, the boundary included). Whole numbers
    only, so 6 of 8 is exactly 75 %. A training without sessions gives none."""
    if sessions <= 0:
        return False
    return attended * 100 >= minimum_percent * sessions


def certificate_number(*, number: int, code: str, ends_on: datetime.date) -> str:
    """The certificate number the Indonesian way of numbering letters:
    ``007/BIMTEK-TIK/XI/2024`` (trainee's number, training's code, the month
    in Roman numerals and the year the training ended)."""
    return f"{number:03d}/{code}/{ROMAN_MONTHS[ends_on.month - 1]}/{ends_on.year}"


def session_minutes(starts_at: datetime.time, ends_at: datetime.time) -> int:
    """How long a session lasts, in minutes."""
    start = starts_at.hour * 60 + starts_at.minute
    return ends_at.hour * 60 + ends_at.minute - start


def score_gain(pre: float | None, post: float | None) -> float | None:
    """The post-test score minus the pre-test score, when both are known."""
    if pre is None or post is None:
        return None
    return post - pre


def is_overdue(*, status: str, due_on: datetime.date, today: datetime.date) -> bool:
    """An action item not done after its due date."""
    return status != "done" and due_on < today
