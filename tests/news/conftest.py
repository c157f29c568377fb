"""Fixtures of the news tests: English clients, images to upload, media in a
temporary folder."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image


@pytest.fixture
def english_client_for(client_for):
    """``english_client_for(user)``: a signed-in client reading in English."""

    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


@pytest.fixture
def english():
    """An anonymous visitor reading in English."""
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image(width: int, height: int, *, kind: str = "JPEG", mode: str = "RGB") -> SimpleUploadedFile:
    """An uploaded photo of ``width`` x ``height`` pixels."""
    buffer = BytesIO()
    Image.new(mode, (width, height), "green").save(buffer, kind)
    name = f"foto.{kind.lower()}"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


@pytest.fixture
def api_for(admin):
    """``api_for(user)``: a client with a bearer token acting as ``user``, in English."""
    from pustaka.core.services import api_token_create

    def make(user):
        _token, secret = api_token_create(actor=admin, user=user, name=f"web {user.username}")
        headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
        return Client(enforce_csrf_checks=True, headers=headers)

    return make
