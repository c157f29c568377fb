"""The members API: scoped reads, the desk look-up, register with the
duplicate check, update, renew, block and unblock."""

import datetime

import pytest

from pustaka.core.models import AuditLog
from pustaka.members import services
from pustaka.members.models import Member
from tests.members.fixtures import CONSENT

NIK = "6402064302850001"


def new_member(**extra) -> dict:
    return {
        "name": "Nur Aini",
        "gender": "female",
        "birth_date": "1985-02-03",
        "consent_statement": CONSENT,
        **extra,
    }


def test_list_is_scoped_to_the_home_library(api_for, manager_a, member_a, member_b):
    response = api_for(manager_a).get("/api/v1/members")
    assert response.status_code == 200
    assert [row["number"] for row in response.json()["items"]] == [member_a.number]


def test_office_lists_every_library_and_searches(api_for, admin, member_a, member_b):
    rows = api_for(admin).get("/api/v1/members", {"q": "budi"}).json()["items"]
    assert [(row["name"], row["library"]) for row in rows] == [("Budi Santoso", "DSB")]


def test_read_a_member_with_consents(api_for, manager_a, member_a):
    body = api_for(manager_a).get(f"/api/v1/members/{member_a.pk}").json()
    assert body["number"] == member_a.number and body["category"] == "general"
    assert body["consents"][0]["statement"] == CONSENT
    assert "nik_hash" not in body


def test_other_library_gets_404_for_a_member(api_for, manager_b, member_a):
    client = api_for(manager_b)
    assert client.get(f"/api/v1/members/{member_a.pk}").status_code == 404
    patch = client.patch(
        f"/api/v1/members/{member_a.pk}", {"phone": "1"}, content_type="application/json"
    )
    assert patch.status_code == 404
    assert client.post(f"/api/v1/members/{member_a.pk}/renew").status_code == 404


def test_desk_look_up_by_number_from_any_library_shows_lending_facts_only(
    api_for, manager_b, member_a
):
    response = api_for(manager_b).get(f"/api/v1/members/by-number/{member_a.number.lower()}")
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["library_code"], body["is_blocked"]) == (
        "Siti Rahmawati",
        "DSA",
        False,
    )
    for private in ("phone", "email", "address", "birth_date", "nik_last4", "disability"):
        assert private not in body
    assert api_for(manager_b).get("/api/v1/members/by-number/XX-1").status_code == 404


def test_register_mints_a_number(api_for, manager_a):
    response = api_for(manager_a).post(
        "/api/v1/members", new_member(nik=NIK), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["number"], body["library"], body["nik_last4"]) == ("DSA-000001", "DSA", "0001")


def test_register_refuses_possible_duplicates_until_confirmed(api_for, manager_a, manager_b):
    api_for(manager_b).post("/api/v1/members", new_member(nik=NIK), content_type="application/json")
    client = api_for(manager_a)
    refused = client.post(
        "/api/v1/members", new_member(nik=NIK, name="Aini"), content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["code"] == "possible_duplicates"
    assert "DSB-000001" in refused.json()["fields"]["confirm_duplicates"][0]
    confirmed = client.post(
        "/api/v1/members",
        new_member(nik=NIK, name="Aini", confirm_duplicates=True),
        content_type="application/json",
    )
    assert confirmed.status_code == 201
    assert Member.objects.count() == 2


def test_register_a_minor_without_guardian_is_refused(api_for, manager_a):
    response = api_for(manager_a).post(
        "/api/v1/members", new_member(birth_date="2016-01-01"), content_type="application/json"
    )
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["consent_given_by"]


def test_register_refuses_a_bad_nik(api_for, manager_a):
    response = api_for(manager_a).post(
        "/api/v1/members", new_member(nik="9902064302850001"), content_type="application/json"
    )
    assert response.status_code == 422 and list(response.json()["fields"]) == ["nik"]


def test_office_must_name_the_home_library(api_for, admin, library_b):
    client = api_for(admin)
    missing = client.post("/api/v1/members", new_member(), content_type="application/json")
    assert missing.status_code == 422 and "library" in missing.json()["fields"]
    ok = client.post("/api/v1/members", new_member(library="dsb"), content_type="application/json")
    assert ok.status_code == 201 and ok.json()["library"] == "DSB"


def test_volunteer_of_another_library_cannot_register_there(api_for, manager_b, library_a):
    response = api_for(manager_b).post(
        "/api/v1/members", new_member(library="DSA"), content_type="application/json"
    )
    assert response.status_code == 403


def test_update_renew_block_unblock(api_for, manager_a, member_a):
    client = api_for(manager_a)
    base = f"/api/v1/members/{member_a.pk}"
    patched = client.patch(
        base, {"phone": "0812-0000-1111", "category": "seniors"}, content_type="application/json"
    )
    assert patched.status_code == 200
    assert (patched.json()["phone"], patched.json()["category"]) == ("0812-0000-1111", "seniors")
    before = patched.json()["expires_on"]
    renewed = client.post(f"{base}/renew")
    assert renewed.status_code == 200 and renewed.json()["expires_on"] > before
    blocked = client.post(
        f"{base}/block", {"reason": "Buku hilang"}, content_type="application/json"
    )
    assert blocked.json()["blocked_reason"] == "Buku hilang"
    again = client.post(f"{base}/block", {"reason": "lagi"}, content_type="application/json")
    assert again.status_code == 422
    unblocked = client.post(
        f"{base}/unblock", {"reason": "Diganti"}, content_type="application/json"
    )
    assert unblocked.json()["blocked_at"] is None


def test_patch_refuses_an_unknown_category(api_for, manager_a, member_a):
    response = api_for(manager_a).patch(
        f"/api/v1/members/{member_a.pk}", {"category": "vip"}, content_type="application/json"
    )
    assert response.status_code == 422 and list(response.json()["fields"]) == ["category"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/members",
        "/api/v1/members/by-number/{number}",
        "/api/v1/members/{id}",
        "/api/v1/members/{id}/renew",
        "/api/v1/members/{id}/block",
        "/api/v1/members/{id}/unblock",
        "/api/v1/members/{id}/confirm",
        "/api/v1/members/{id}/reject",
        "/api/v1/members/{id}/export",
        "/api/v1/members/{id}/anonymise",
    ],
)
def test_members_endpoints_are_in_the_schema(client, db, path):
    assert path in client.get("/api/v1/openapi.json").json()["paths"]


def registration(library):
    return services.member_register_online(
        library=library,
        fields={
            "name": "Dewi Lestari",
            "gender": "female",
            "birth_date": datetime.date(1995, 8, 17),
            "phone": "0812-5555-0303",
        },
        consent_statement=CONSENT,
        client="client-1",
    )


def test_confirm_an_online_registration_through_the_api(api_for, manager_a, library_a):
    pending = registration(library_a)
    listed = api_for(manager_a).get("/api/v1/members", {"status": "pending"}).json()["items"]

    response = api_for(manager_a).post(
        f"/api/v1/members/{pending.pk}/confirm",
        {"category": "seniors"},
        content_type="application/json",
    )
    again = api_for(manager_a).post(
        f"/api/v1/members/{pending.pk}/confirm", {}, content_type="application/json"
    )

    assert [row["name"] for row in listed] == ["Dewi Lestari"]
    body = response.json()
    assert response.status_code == 200
    assert (body["status"], body["category"]) == ("active", "seniors")
    assert body["number"].startswith("DSA-") and body["expires_on"]
    assert (again.status_code, again.json()["code"]) == (422, "not_pending")


def test_reject_an_online_registration_through_the_api(api_for, manager_a, manager_b, library_a):
    pending = registration(library_a)

    elsewhere = api_for(manager_b).post(f"/api/v1/members/{pending.pk}/reject")
    response = api_for(manager_a).post(f"/api/v1/members/{pending.pk}/reject")

    assert (elsewhere.status_code, response.status_code) == (404, 204)
    assert not Member.objects.filter(pk=pending.pk).exists()


def test_export_and_anonymise_a_member_through_the_api(api_for, manager_a, member_a):
    client = api_for(manager_a)
    base = f"/api/v1/members/{member_a.pk}"

    exported = client.post(f"{base}/export")
    unconfirmed = client.post(
        f"{base}/anonymise", {"confirm": "nope"}, content_type="application/json"
    )
    anonymised = client.post(
        f"{base}/anonymise", {"confirm": member_a.number}, content_type="application/json"
    )

    assert exported.status_code == 200 and member_a.name in str(exported.json())
    assert AuditLog.objects.filter(action="member.export").count() == 1
    assert (unconfirmed.status_code, list(unconfirmed.json()["fields"])) == (422, ["confirm"])
    assert anonymised.status_code == 200 and anonymised.json()["status"] == "anonymised"
    assert member_a.name not in anonymised.json()["name"]


def test_volunteers_cannot_export_or_anonymise_through_the_api(api_for, volunteer_a, member_a):
    client = api_for(volunteer_a)
    base = f"/api/v1/members/{member_a.pk}"

    exported = client.post(f"{base}/export")
    anonymised = client.post(
        f"{base}/anonymise", {"confirm": member_a.number}, content_type="application/json"
    )

    assert (exported.status_code, anonymised.status_code) == (403, 403)
    assert Member.objects.get(pk=member_a.pk).name == member_a.name
