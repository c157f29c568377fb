"""The API describes itself in OpenAPI and serves no page that needs a CDN."""


def test_openapi_schema_lists_every_endpoint(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {path: sorted(methods) for path, methods in paths.items()} == {
        "/api/v1/me": ["get"],
        "/api/v1/district": ["get", "patch"],
        "/api/v1/libraries": ["get"],
        "/api/v1/libraries/{code}": ["get", "patch"],
        "/api/v1/records": ["get", "post"],
        "/api/v1/records/{id}": ["get", "patch"],
        "/api/v1/records/{id}/withdraw": ["post"],
        "/api/v1/records/{id}/items": ["post"],
        "/api/v1/items/{barcode}": ["get", "patch"],
        "/api/v1/items/{barcode}/withdraw": ["post"],
        "/api/v1/marc/imports": ["post"],
        "/api/v1/marc/imports/{import_id}": ["get"],
        "/api/v1/marc/export": ["get"],
        "/api/v1/members": ["get", "post"],
        "/api/v1/members/by-number/{number}": ["get"],
        "/api/v1/members/{id}": ["get", "patch"],
        "/api/v1/members/{id}/block": ["post"],
        "/api/v1/members/{id}/renew": ["post"],
        "/api/v1/members/{id}/unblock": ["post"],
        "/api/v1/checkouts": ["post"],
        "/api/v1/returns": ["post"],
        "/api/v1/loans": ["get"],
        "/api/v1/loans/{id}/renew": ["post"],
        "/api/v1/desk/members/{number}": ["get"],
        "/api/v1/holds": ["get", "post"],
        "/api/v1/holds/{id}/cancel": ["post"],
        "/api/v1/transfers": ["get"],
        "/api/v1/transfers/{id}/send": ["post"],
        "/api/v1/news": ["get", "post"],
        "/api/v1/news/{id}/publish": ["post"],
        "/api/v1/news/comments": ["get"],
        "/api/v1/news/comments/{id}/moderate": ["post"],
        "/api/v1/visits": ["get"],
        "/api/v1/visits/member": ["post"],
        "/api/v1/visits/guest": ["post"],
        "/api/v1/visits/group": ["post"],
        "/api/v1/visits/import": ["post"],
        "/api/v1/visits/{id}": ["delete", "patch"],
        "/api/v1/visits/counts": ["get"],
        "/api/v1/computer-sessions": ["get", "post"],
        "/api/v1/computer-sessions/{id}": ["delete"],
        "/api/v1/computer-sessions/counts": ["get"],
        "/api/v1/trainings": ["get", "post"],
        "/api/v1/trainings/{id}": ["get", "patch"],
        "/api/v1/trainings/{id}/evaluation": ["post"],
        "/api/v1/trainings/{id}/sessions": ["get", "post"],
        "/api/v1/trainings/{id}/trainees": ["get", "post"],
        "/api/v1/training-sessions/{id}": ["patch"],
        "/api/v1/training-sessions/{id}/attendance": ["get", "put"],
        "/api/v1/trainees/{id}": ["patch"],
        "/api/v1/mentoring-visits": ["get", "post"],
        "/api/v1/mentoring-visits/{id}": ["get", "patch"],
        "/api/v1/mentoring-visits/{id}/action-items": ["post"],
        "/api/v1/action-items": ["get"],
        "/api/v1/action-items/{id}": ["patch"],
        "/api/v1/action-items/{id}/status": ["post"],
        "/api/v1/surveys": ["get", "post"],
        "/api/v1/surveys/from-template": ["post"],
        "/api/v1/surveys/{id}": ["get", "patch"],
        "/api/v1/surveys/{id}/open": ["post"],
        "/api/v1/surveys/{id}/close": ["post"],
        "/api/v1/surveys/{id}/questions": ["post"],
        "/api/v1/surveys/{id}/questions/{question_id}": ["delete", "patch"],
        "/api/v1/surveys/{id}/questions/order": ["post"],
        "/api/v1/surveys/{id}/responses": ["post"],
        "/api/v1/surveys/{id}/results": ["get"],
        "/api/v1/activity-categories": ["get"],
        "/api/v1/activities": ["get", "post"],
        "/api/v1/activities/{id}": ["get", "patch"],
        "/api/v1/activities/{id}/participants": ["post"],
        "/api/v1/activities/{id}/participants/{participant_id}": ["delete"],
        "/api/v1/activities/{id}/counts": ["put"],
        "/api/v1/activities/{id}/registrations": ["get"],
        "/api/v1/partners": ["get", "post"],
        "/api/v1/partners/{id}": ["patch"],
        "/api/v1/contributions": ["get", "post"],
        "/api/v1/village-funds": ["get", "put"],
        "/api/v1/stories": ["get", "post"],
        "/api/v1/stories/{id}": ["get"],
        "/api/v1/stories/{id}/consent": ["post"],
        "/api/v1/stories/{id}/publish": ["post"],
        "/api/v1/indicators": ["get"],
    }


def test_openapi_schema_offers_bearer_token_and_session(client, db):
    schemes = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]

    assert schemes == {
        "ApiTokenAuth": {"type": "http", "scheme": "bearer"},
        "StaffSessionAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }


def test_docs_page_is_not_served(client, db):
    assert client.get("/api/v1/docs").status_code == 404
