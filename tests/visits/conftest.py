"""Fixtures of the visits tests: an API client acting as a staff member."""

import pytest
from django.test import Client

from pustaka.core.services import api_token_create


@pytest.fixture
def api_for(admin):
    """``api_for(user)``: a client with a bearer token acting as ``user``, in English."""

    def make(user):
        _token, secret = api_token_create(actor=admin, user=user, name=f"kiosk {user.username}")
        headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
        return Client(enforce_csrf_checks=True, headers=headers)

    return make
