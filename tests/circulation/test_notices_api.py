"""The notices API as a bridge program uses it: read the SMS/WhatsApp messages
waiting, send them, report each delivered (twice is harmless); and the
notices with filters, scoped to the caller's library (the office: all)."""

import datetime

import pytest

from pustaka.circulation.models import Notice, OutboxMessage
from tests.circulation.conftest import PHONE_A, PHONE_B


def post(client, path):
    return client.post(f"/api/v1{path}", content_type="application/json")


def phones(response) -> list[str]:
    assert response.status_code == 200
    return [message["to"] for message in response.json()["items"]]


def test_a_bridge_reads_the_waiting_messages_and_reports_them_delivered(
    outbox_ab, api_for, manager_a, member_a, library_a
):
    client = api_for(manager_a)
    message = outbox_ab[0]

    response = client.get("/api/v1/outbox")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item == {
        "id": str(message.pk),
        "to": PHONE_A,
        "text": message.text,
        "created_at": item["created_at"],
        "passed_on_at": None,
        "notice": str(message.notice_id),
        "member": member_a.number,
        "library": library_a.code,
    }

    delivered = post(client, f"/outbox/{message.pk}/delivered")
    assert delivered.status_code == 200
    passed_on_at = delivered.json()["passed_on_at"]
    assert passed_on_at is not None
    again = post(client, f"/outbox/{message.pk}/delivered")
    assert again.status_code == 200 and again.json()["passed_on_at"] == passed_on_at
    assert phones(client.get("/api/v1/outbox")) == []


def test_the_office_reads_every_librarys_messages_and_filters_by_library(
    outbox_ab, api_for, admin, library_b
):
    client = api_for(admin)
    assert phones(client.get("/api/v1/outbox")) == [PHONE_A, PHONE_B]
    assert phones(client.get("/api/v1/outbox", {"library": library_b.code})) == [PHONE_B]
    assert phones(client.get("/api/v1/outbox", {"limit": 1, "offset": 1})) == [PHONE_B]


def test_another_librarys_message_is_not_found(outbox_ab, api_for, manager_b):
    response = post(api_for(manager_b), f"/outbox/{outbox_ab[0].pk}/delivered")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert OutboxMessage.objects.get(pk=outbox_ab[0].pk).passed_on_at is None


def test_the_viewer_reads_but_cannot_report_delivered(outbox_ab, api_for, viewer):
    client = api_for(viewer)
    assert phones(client.get("/api/v1/outbox")) == [PHONE_A, PHONE_B]
    response = post(client, f"/outbox/{outbox_ab[0].pk}/delivered")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


@pytest.mark.parametrize(
    ("role", "numbers"),
    [("manager_a", ["a"]), ("volunteer_a", ["a"]), ("manager_b", ["b"]), ("admin", ["b", "a"])],
)
def test_notices_are_scoped_to_the_callers_library(
    request, given_up, api_for, member_a, member_b, role, numbers
):
    later = given_up[0].created_at + datetime.timedelta(hours=1)
    Notice.objects.filter(pk=given_up[1].pk).update(created_at=later)
    number = {"a": member_a.number, "b": member_b.number}
    response = api_for(request.getfixturevalue(role)).get("/api/v1/notices")
    assert response.status_code == 200
    assert [item["member"] for item in response.json()["items"]] == [number[n] for n in numbers]


def test_notices_filters(given_up, api_for, admin, member_a, library_b):
    Notice.objects.filter(pk=given_up[1].pk).update(status="sent")
    client = api_for(admin)

    def members(**params):
        response = client.get("/api/v1/notices", params)
        assert response.status_code == 200, response.json()
        return sorted(item["member_name"] for item in response.json()["items"])

    assert members(status="failed") == ["Siti Rahmawati"]
    assert members(status="sent") == ["Budi Santoso"]
    assert members(status="pending") == []
    assert members(channel="sms", kind="due_soon") == ["Budi Santoso", "Siti Rahmawati"]
    assert members(kind="hold_ready") == []
    assert members(library=library_b.code) == ["Budi Santoso"]
    assert members(member=member_a.number) == ["Siti Rahmawati"]
    assert client.get("/api/v1/notices", {"status": "lost"}).status_code == 422


def test_a_notice_as_the_api_gives_it(given_up, api_for, manager_a, member_a, library_a):
    notice = given_up[0]
    [item] = api_for(manager_a).get("/api/v1/notices").json()["items"]
    assert {key: item[key] for key in ("id", "member", "library", "kind", "channel")} == {
        "id": str(notice.pk),
        "member": member_a.number,
        "library": library_a.code,
        "kind": "due_soon",
        "channel": "sms",
    }
    assert (item["status"], item["attempts"], item["address"]) == ("gave_up", 5, PHONE_A)
    assert item["last_error"] == "ConnectionError: the SMS modem does not answer"


def test_the_schema_describes_the_notices_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert sorted(paths["/api/v1/outbox"]) == ["get"]
    assert sorted(paths["/api/v1/outbox/{id}/delivered"]) == ["post"]
    assert sorted(paths["/api/v1/notices"]) == ["get"]
    parameters = {p["name"] for p in paths["/api/v1/notices"]["get"]["parameters"]}
    assert {"status", "channel", "kind", "library", "member", "limit", "offset"} <= parameters
