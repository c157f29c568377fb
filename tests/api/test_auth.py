"""Who may call the API: staff with a live API token or a signed-in session."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pustaka.api import auth
from pustaka.core.models import ApiToken
from pustaka.core.services import api_token_revoke
from pustaka.libraries import services

UNAUTHENTICATED = {
    "code": "unauthenticated",
    "message": "Sign in, or send an API token as “Authorization: Bearer <token>”.",
}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/me"),
        ("get", "/api/v1/district"),
        ("patch", "/api/v1/district"),
        ("get", "/api/v1/libraries"),
        ("get", "/api/v1/libraries/DSA"),
        ("patch", "/api/v1/libraries/DSA"),
    ],
)
def test_anonymous_call_is_refused_with_401(library_a, method, path):
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})

    response = getattr(client, method)(path, data={}, content_type="application/json")

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_bearer_token_acts_as_its_user(api_client_for, manager_a):
    response = api_client_for(manager_a).get("/api/v1/me")

    assert response.status_code == 200
    assert response.json() == {
        "username": "pengelola_a",
        "name": "Pengelola_A",
        "role": "library_manager",
        "library": "DSA",
    }


def test_unknown_token_is_refused(library_a):
    client = Client(
        headers={"Authorization": "Bearer pst_not-a-real-token", "Accept-Language": "en"}
    )

    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_revoked_token_is_refused(admin, manager_a, token_for):
    secret = token_for(manager_a)
    api_token_revoke(actor=admin, token=ApiToken.objects.get(user=manager_a))
    client = Client(headers={"Authorization": f"Bearer {secret}", "Accept-Language": "en"})

    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_token_of_a_deactivated_account_is_refused(admin, manager_a, token_for):
    secret = token_for(manager_a)
    services.staff_update(actor=admin, user=manager_a, changes={"is_active": False})

    response = Client(headers={"Authorization": f"Bearer {secret}"}).get("/api/v1/me")

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_session_reads_through_the_api(client_for, manager_a, library_b):
    response = client_for(manager_a).get("/api/v1/libraries")

    assert response.status_code == 200
    assert [library["code"] for library in response.json()["items"]] == ["DSA"]


def test_session_patch_without_csrf_token_is_refused(manager_a, library_a):
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})
    client.force_login(manager_a)

    response = client.patch(
        "/api/v1/libraries/DSA", data={"phone": "0541-111"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json() == {
        "code": "csrf_failed",
        "message": "The security token of this page is missing or out of date. "
        "Reload and try again.",
    }
    library_a.refresh_from_db()
    assert library_a.phone == ""


def test_session_patch_with_csrf_token_is_accepted(manager_a, library_a):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")  # the sign-in page hands out the CSRF cookie
    client.force_login(manager_a)

    response = client.patch(
        "/api/v1/libraries/DSA",
        data={"phone": "0541-111"},
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )

    assert response.status_code == 200
    library_a.refresh_from_db()
    assert library_a.phone == "0541-111"


def test_signed_in_account_without_staff_role_is_refused(district):
    account = get_user_model().objects.create_user(username="warga", password="x-9-long-pass")
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(account)

    response = client.get("/api/v1/district")

    assert response.status_code == 403
    assert response.json() == {
        "code": "forbidden",
        "message": "You do not have permission to do this.",
    }


@pytest.fixture
def clock(monkeypatch):
    """The API's view of time, moved on by hand: ``clock.seconds += 11``."""

    class Clock:
        seconds = 1000.0

    monkeypatch.setattr(auth.time, "monotonic", lambda: Clock.seconds)
    return Clock


def test_a_token_used_again_soon_is_not_read_again(api_client_for, manager_a):
    client = api_client_for(manager_a)
    client.get("/api/v1/me")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/me")

    assert response.json()["library"] == "DSA"
    assert not [query for query in queries if "core_apitoken" in query["sql"]]


def test_a_token_revoked_while_in_use_is_refused_within_the_trusted_time(
    admin, manager_a, token_for, clock
):
    client = Client(headers={"Authorization": f"Bearer {token_for(manager_a)}"})
    assert client.get("/api/v1/me").status_code == 200

    api_token_revoke(actor=admin, token=ApiToken.objects.get(user=manager_a))
    clock.seconds += auth.TOKEN_TRUSTED_SECONDS

    assert client.get("/api/v1/me").status_code == 401


def test_an_account_deactivated_while_its_token_is_in_use_is_refused_within_the_trusted_time(
    admin, manager_a, token_for, clock
):
    client = Client(headers={"Authorization": f"Bearer {token_for(manager_a)}"})
    assert client.get("/api/v1/me").status_code == 200

    services.staff_update(actor=admin, user=manager_a, changes={"is_active": False})
    clock.seconds += auth.TOKEN_TRUSTED_SECONDS

    assert client.get("/api/v1/me").status_code == 401


def test_a_new_role_of_the_tokens_account_holds_within_the_trusted_time(
    admin, manager_a, library_b, token_for, clock
):
    client = Client(headers={"Authorization": f"Bearer {token_for(manager_a)}"})
    assert client.get("/api/v1/me").json()["library"] == "DSA"

    services.staff_update(
        actor=admin, user=manager_a, changes={}, role="volunteer", library=library_b
    )
    clock.seconds += auth.TOKEN_TRUSTED_SECONDS

    me = client.get("/api/v1/me").json()
    assert (me["role"], me["library"]) == ("volunteer", "DSB")
