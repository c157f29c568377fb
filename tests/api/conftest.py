"""Fixtures for API tests: tokens issued through the real service, and clients using them."""

import pytest
from django.test import Client

from pustaka.core.services import api_token_create


@pytest.fixture
def token_for(admin):
    """``token_for(user)``: the secret of a new API token acting as ``user``."""

    def make(user):
        _token, secret = api_token_create(actor=admin, user=user, name=f"script {user.username}")
        return secret

    return make


@pytest.fixture
def api_client_for(token_for):
    """``api_client_for(user)``: a client sending a bearer token that acts as ``user``.

    Like a script it has no session and no CSRF token (checks enforced), and
    asks for English so messages can be compared exactly; ``language=None``
    sends no ``Accept-Language`` (Indonesian, the default).
    """

    def make(user, *, language: str | None = "en"):
        headers = {"Authorization": f"Bearer {token_for(user)}"}
        if language:
            headers["Accept-Language"] = language
        return Client(enforce_csrf_checks=True, headers=headers)

    return make
