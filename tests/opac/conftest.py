"""Fixtures for the public site."""

import datetime
import types
import zoneinfo

import pytest
from django.test import Client

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


@pytest.fixture
def english():
    """An anonymous visitor reading in English."""
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def clock_at(monkeypatch):
    """``clock_at(2026, 3, 2, 10, 0)``: the public pages think it is then, in WITA."""

    def freeze(*parts):
        moment = datetime.datetime(*parts, tzinfo=WITA)
        monkeypatch.setattr(
            "pustaka.opac.views.timezone", types.SimpleNamespace(localtime=lambda: moment)
        )
        return moment

    return freeze
