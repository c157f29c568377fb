"""Fixtures of the training tests: English clients (pages and API) and a
training with four days of sessions and trainees of both test libraries."""

import pytest

from tests.news.conftest import api_for, english_client_for  # noqa: F401 (fixtures)
from tests.training.factories import session_make, trainee_make


@pytest.fixture
def four_days(admin, training):
    """One session on each of the training's four days (08:00-12:00)."""
    return [session_make(admin, training, day=day) for day in range(4)]


@pytest.fixture
def trainee_a2(admin, training, library_a):
    """Budi, the volunteer of library A, trainee number 2 (after ``trainee_a``)."""
    return trainee_make(admin, training, library_a, "Budi Santoso")
