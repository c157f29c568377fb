"""Fixtures for the staff pages of libraries and accounts."""

import pytest


@pytest.fixture
def english_client_for(client_for):
    """``english_client_for(user)``: signed in, pages in English."""

    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make
