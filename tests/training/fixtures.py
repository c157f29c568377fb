"""A training and a mentoring visit of the test district, made through the
real services (also used by the change-log walk in tests/core)."""

import pytest

from tests.training.factories import (
    item_make,
    session_make,
    trainee_make,
    training_make,
    visit_make,
)


@pytest.fixture
def training(admin):
    """The four-day ICT training, with no sessions yet."""
    return training_make(admin)


@pytest.fixture
def session_day1(admin, training):
    return session_make(admin, training, day=0)


@pytest.fixture
def trainee_a(admin, training, library_a):
    """Siti of library A, trainee number 1."""
    return trainee_make(admin, training, library_a, "Siti Rahmawati", role="manager")


@pytest.fixture
def trainee_b(admin, training, library_b):
    """Yohanes of library B."""
    return trainee_make(admin, training, library_b, "Yohanes Lahang", role="manager")


@pytest.fixture
def visit_a(admin, library_a, training):
    """A mentoring visit to library A after the training."""
    return visit_make(admin, library_a, training)


@pytest.fixture
def visit_b(admin, library_b, training):
    return visit_make(admin, library_b, training)


@pytest.fixture
def action_item_a(admin, visit_a):
    """An open action item of library A, due 15 February 2025."""
    return item_make(admin, visit_a)
