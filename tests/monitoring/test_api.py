"""GET /api/v1/indicators: the indicators of the pages, as JSON."""

import pytest
from django.test import Client

RANGE = {"from": "2025-01-01", "to": "2025-12-31", "grain": "quarter"}


@pytest.fixture
def api_for(admin):
    """``api_for(user)``: a client with a bearer token acting as ``user``, in English."""
    from pustaka.core.services import api_token_create

    def make(user):
        _token, secret = api_token_create(actor=admin, user=user, name=f"app {user.username}")
        headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
        return Client(headers=headers)

    return make


def test_a_librarys_indicators_per_quarter(year_2025, manager_a, api_for):
    response = api_for(manager_a).get("/api/v1/indicators", {**RANGE, "library": "dsa"})
    assert response.status_code == 200
    data = response.json()
    assert [period["key"] for period in data["periods"]] == [
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
    ]
    (library,) = data["libraries"]
    assert library["library"] == "DSA"
    assert [values["loans"] for values in library["values"]] == [1, 2, 0, 0]
    assert library["values"][1]["visits.per_opening_day"] == 1.8
    assert library["values"][0]["profile.staff"] is None
    # the district's totals come with it
    assert [values["returns"] for values in data["district"]["values"]] == [0, 2, 0, 0]
    labels = {item["code"]: item["label"] for item in data["indicators"]}
    assert labels["borrowers"] == "Active borrowers"


def test_every_library_the_caller_sees(year_2025, viewer, api_for):
    data = api_for(viewer).get("/api/v1/indicators", RANGE).json()
    assert [row["library"] for row in data["libraries"]] == ["DSA", "DSB"]


def test_another_librarys_indicators_are_not_found(year_2025, manager_a, api_for):
    response = api_for(manager_a).get("/api/v1/indicators", {**RANGE, "library": "DSB"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_manager_gets_their_library_and_the_district(year_2025, manager_a, api_for):
    data = api_for(manager_a).get("/api/v1/indicators", RANGE).json()
    assert [row["library"] for row in data["libraries"]] == ["DSA"]
    assert data["district"]["library"] is None


def test_bad_ranges_are_refused_in_words(year_2025, admin, api_for):
    client = api_for(admin)
    backwards = client.get("/api/v1/indicators", {"from": "2025-12-31", "to": "2025-01-01"})
    assert backwards.status_code == 422
    assert backwards.json()["fields"]["end"] == ["The end comes before the start."]
    assert client.get("/api/v1/indicators", {**RANGE, "grain": "week"}).status_code == 422
    assert client.get("/api/v1/indicators", {"to": "2025-01-01"}).status_code == 422
