"""Fixtures of the members tests: an API client acting as a staff member."""

import base64
import re
import zlib

import pytest
from django.test import Client

from pustaka.core.services import api_token_create

STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)


@pytest.fixture
def api_for(admin):
    """``api_for(user)``: a client with a bearer token acting as ``user``, in English."""

    def make(user):
        _token, secret = api_token_create(actor=admin, user=user, name=f"kiosk {user.username}")
        headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
        return Client(enforce_csrf_checks=True, headers=headers)

    return make


def pdf_text(pdf: bytes) -> str:
    """The page drawing operators of a reportlab PDF (ASCII85 + Flate), as text."""
    parts = []
    for match in STREAM.finditer(pdf):
        data = match.group(1).strip()
        try:
            parts.append(zlib.decompress(base64.a85decode(data, adobe=True)).decode("latin-1"))
        except ValueError:
            parts.append(data.decode("latin-1"))
    return "\n".join(parts)
