"""Visits at the two test libraries, logged through the real services."""

import pytest

from pustaka.visits import services


@pytest.fixture
def guest_visit_a(volunteer_a, library_a, regions):
    """A woman of 19-35 from Rebaq Rinding who came to library A to read, today."""
    return services.visit_log_guest(
        actor=volunteer_a,
        library=library_a,
        gender="female",
        age_group="19-35",
        purpose="read",
        village=regions["64.02.01.2006"],
    )


@pytest.fixture
def group_visit_a(volunteer_a, library_a):
    """A school class at library A today: 12 girls and 10 boys of 6-12, a teacher."""
    return services.visit_log_group(
        actor=volunteer_a,
        library=library_a,
        counts={("female", "6-12"): 12, ("male", "6-12"): 10, ("female", "36-59"): 1},
        purpose="activity",
        description="Kelas 5 SDN 001 Muara Muntai",
    )


@pytest.fixture
def guest_visit_b(manager_b, library_b):
    """A man of 36-59 who came to library B to use the internet, today."""
    return services.visit_log_guest(
        actor=manager_b, library=library_b, gender="male", age_group="36-59", purpose="internet"
    )


@pytest.fixture
def session_a(volunteer_a, library_a):
    """A boy of 13-18 doing school work on a computer of library A for 45 minutes."""
    return services.computer_session_log(
        actor=volunteer_a,
        library=library_a,
        purpose="school",
        minutes=45,
        gender="male",
        age_group="13-18",
    )
