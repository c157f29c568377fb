"""Fixtures of the survey tests: English clients and API clients."""

import pytest
from django.test import Client


@pytest.fixture
def english():
    """An anonymous visitor on a phone, reading in English."""
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def english_client_for(client_for):
    """``english_client_for(user)``: a signed-in client reading in English."""

    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


@pytest.fixture
def api_for(admin):
    """``api_for(user)``: a client with a bearer token acting as ``user``, in English."""
    from pustaka.core.services import api_token_create

    def make(user):
        _token, secret = api_token_create(actor=admin, user=user, name=f"web {user.username}")
        headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
        return Client(enforce_csrf_checks=True, headers=headers)

    return make
