"""Every refusal is JSON with a stable code and a message in the caller's language."""

from pustaka.libraries import queries

FORBIDDEN_EN = {"code": "forbidden", "message": "You do not have permission to do this."}


def patch_district(client):
    return client.patch("/api/v1/district", data={"name": "X"}, content_type="application/json")


def test_forbidden_message_is_english_when_asked_in_english(api_client_for, manager_a):
    response = patch_district(api_client_for(manager_a, language="en"))

    assert response.status_code == 403
    assert response.json() == FORBIDDEN_EN
    assert response.headers["Content-Language"] == "en"


def test_forbidden_message_is_english_with_the_language_cookie(client_for, manager_a):
    client = client_for(manager_a)
    client.cookies["django_language"] = "en"

    response = patch_district(client)

    assert response.status_code == 403
    assert response.json() == FORBIDDEN_EN


def test_forbidden_refusal_in_indonesian_keeps_its_code(api_client_for, manager_a):
    response = patch_district(api_client_for(manager_a, language=None))

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert response.headers["Content-Language"] == "id"


def test_forbidden_message_is_indonesian_by_default(api_client_for, manager_a):
    response = patch_district(api_client_for(manager_a, language=None))

    assert response.json() == {
        "code": "forbidden",
        "message": "Anda tidak memiliki izin untuk melakukan ini.",
    }


def test_unexpected_failure_is_500_without_details(api_client_for, manager_a, monkeypatch):
    def broken():
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(queries, "district_current", broken)

    response = api_client_for(manager_a).get("/api/v1/district")

    assert response.status_code == 500
    assert response.json() == {
        "code": "server_error",
        "message": "Something went wrong on the server. Please try again later.",
    }


def test_unreadable_json_is_400(api_client_for, admin, library_a):
    response = api_client_for(admin).patch(
        "/api/v1/libraries/DSA", data="{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {"code": "bad_request", "message": "The request could not be read."}


def test_invalid_query_value_is_422_with_fields(api_client_for, admin, library_a):
    response = api_client_for(admin).get("/api/v1/libraries?limit=0&offset=x")

    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid",
        "message": "Some values are not valid.",
        "fields": {
            "limit": ["Enter a number of at least 1."],
            "offset": ["Enter a whole number."],
        },
    }


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/no-such-thing", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found."}
