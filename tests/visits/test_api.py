"""The visits API: the visitor book and computer sessions through the same
services, counts per day, and a volunteer who sees and logs only at their
own library (404 for another's)."""

import datetime

import pytest
from django.utils import timezone

from pustaka.visits.models import ComputerSession, Visit
from pustaka.visits.policies import local_day

JSON = "application/json"


def today() -> str:
    return local_day(timezone.now()).isoformat()


@pytest.fixture
def api(api_for, volunteer_a):
    return api_for(volunteer_a)


def test_member_guest_and_group_are_recorded_and_counted(api, member_a, regions):
    member = api.post(
        "/api/v1/visits/member", {"number": member_a.number, "purpose": "borrow"}, JSON
    )
    guest = api.post(
        "/api/v1/visits/guest",
        {
            "gender": "male",
            "age_group": "6-12",
            "purpose": "read",
            "village": "64.02.01.2006",
            "disability": "yes",
        },
        JSON,
    )
    group = api.post(
        "/api/v1/visits/group",
        {
            "counts": [
                {"gender": "female", "age_group": "13-18", "people": 9},
                {"gender": "male", "age_group": "13-18", "people": 8},
            ],
            "purpose": "study",
            "description": "Kelas 7",
        },
        JSON,
    )
    assert [member.status_code, guest.status_code, group.status_code] == [201, 201, 201]
    assert (member.json()["member"], member.json()["gender"]) == (member_a.number, "female")
    assert (guest.json()["village"], guest.json()["library"]) == ("64.02.01.2006", "DSA")
    assert group.json()["people"] == 17 and len(group.json()["counts"]) == 2
    (day,) = api.get("/api/v1/visits/counts", {"start": today(), "end": today()}).json()
    assert (day["entries"], day["people"], day["with_disability"]) == (3, 19, 1)
    assert day["by_purpose"] == {"borrow": 1, "read": 1, "study": 17}
    assert day["by_gender"] == {"female": 10, "male": 9}
    assert day["by_disability"] == {"yes": 1, "no": 1, "not_said": 17}
    listed = api.get("/api/v1/visits").json()
    assert listed["count"] == 3


def test_an_unknown_card_number_is_a_422_naming_the_number(api, member_a):
    response = api.post("/api/v1/visits/member", {"number": "DSA-000999"}, JSON)
    assert response.status_code == 422
    assert response.json()["fields"] == {"number": ["No member has the number “DSA-000999”."]}


def test_a_volunteer_cannot_log_or_see_at_another_library(api, guest_visit_b, member_a):
    answers = {"gender": "male", "age_group": "60+", "purpose": "read", "library": "DSB"}
    assert api.post("/api/v1/visits/guest", answers, JSON).status_code == 404
    scan = {"number": member_a.number, "library": "DSB"}
    assert api.post("/api/v1/visits/member", scan, JSON).status_code == 404
    assert api.get("/api/v1/visits", {"library": "DSB"}).status_code == 404
    assert api.get("/api/v1/visits/counts", {"library": "DSB"}).status_code == 404
    assert api.get("/api/v1/visits").json()["count"] == 0
    url = f"/api/v1/visits/{guest_visit_b.pk}"
    assert api.patch(url, {"purpose": "study"}, JSON).status_code == 404
    assert api.delete(url).status_code == 404
    guest_visit_b.refresh_from_db()
    assert (guest_visit_b.purpose, guest_visit_b.deleted_at) == ("internet", None)


def test_the_viewer_reads_but_does_not_log(api_for, viewer, library_a, guest_visit_a):
    api = api_for(viewer)
    assert api.get("/api/v1/visits", {"library": "DSA"}).json()["count"] == 1
    answers = {"gender": "male", "age_group": "60+", "purpose": "read", "library": "DSA"}
    assert api.post("/api/v1/visits/guest", answers, JSON).status_code == 403


def test_the_office_names_the_library(api_for, admin, library_b):
    api = api_for(admin)
    answers = {"gender": "female", "age_group": "60+", "purpose": "read"}
    missing = api.post("/api/v1/visits/guest", answers, JSON)
    assert missing.status_code == 422 and "library" in missing.json()["fields"]
    named = api.post("/api/v1/visits/guest", {**answers, "library": "dsb"}, JSON)
    assert named.status_code == 201 and named.json()["library"] == "DSB"


def test_todays_entry_is_corrected_and_deleted(api, guest_visit_a, group_visit_a):
    guest = api.patch(
        f"/api/v1/visits/{guest_visit_a.pk}", {"age_group": "36-59", "village": None}, JSON
    )
    assert guest.status_code == 200
    assert (guest.json()["age_group"], guest.json()["village"]) == ("36-59", None)
    counts = [{"gender": "male", "age_group": "6-12", "people": 30}]
    group = api.patch(f"/api/v1/visits/{group_visit_a.pk}", {"counts": counts}, JSON)
    assert group.json()["people"] == 30 and group.json()["counts"] == counts
    refused = api.patch(f"/api/v1/visits/{guest_visit_a.pk}", {"counts": counts}, JSON)
    assert refused.status_code == 422 and set(refused.json()["fields"]) == {"counts"}
    assert api.delete(f"/api/v1/visits/{guest_visit_a.pk}").status_code == 204
    assert Visit.objects.filter(deleted_at__isnull=True).count() == 1


def test_yesterdays_entry_is_not_corrected(api, volunteer_a, library_a):
    from pustaka.visits import services

    visit = services.visit_log_guest(
        actor=volunteer_a,
        library=library_a,
        gender="male",
        age_group="60+",
        purpose="read",
        at=timezone.now() - datetime.timedelta(days=1),
    )
    response = api.patch(f"/api/v1/visits/{visit.pk}", {"purpose": "study"}, JSON)
    assert response.status_code == 422 and response.json()["code"] == "not_today"


def test_past_visits_are_imported_all_or_nothing(api, member_a):
    at = (timezone.now() - datetime.timedelta(days=2)).isoformat()
    entries = [
        {"kind": "member", "at": at, "number": member_a.number, "purpose": "read"},
        {"kind": "guest", "at": at, "gender": "female", "age_group": "0-5", "purpose": "read"},
        {
            "kind": "group",
            "at": at,
            "purpose": "activity",
            "counts": [{"gender": "female", "age_group": "60+", "people": 12}],
        },
    ]
    wrong = [*entries, {"kind": "guest", "at": at, "gender": "male", "purpose": "read"}]
    refused = api.post("/api/v1/visits/import", {"entries": wrong}, JSON)
    assert refused.status_code == 422
    assert refused.json()["fields"] == {"entries.3.age_group": ["Choose an age group."]}
    assert not Visit.objects.exists()
    response = api.post("/api/v1/visits/import", {"entries": entries}, JSON)
    assert response.status_code == 201 and response.json() == {"recorded": 3, "people": 14}


def test_computer_sessions_are_logged_listed_counted_and_deleted(api, member_a):
    guest = api.post(
        "/api/v1/computer-sessions",
        {"purpose": "business", "minutes": 50, "gender": "female", "age_group": "19-35"},
        JSON,
    )
    member = api.post(
        "/api/v1/computer-sessions",
        {"purpose": "government", "minutes": 20, "number": member_a.number},
        JSON,
    )
    assert (guest.status_code, member.status_code) == (201, 201)
    assert member.json()["member"] == member_a.number
    assert api.get("/api/v1/computer-sessions").json()["count"] == 2
    (day,) = api.get("/api/v1/computer-sessions/counts", {"start": today()}).json()[-1:]
    assert (day["sessions"], day["minutes"]) == (2, 70)
    assert day["by_purpose"] == {"business": 1, "government": 1}
    assert api.delete(f"/api/v1/computer-sessions/{guest.json()['id']}").status_code == 204
    assert ComputerSession.objects.filter(deleted_at__isnull=True).count() == 1


def test_counts_refuse_a_range_too_long_or_backwards(api):
    assert (
        api.get("/api/v1/visits/counts", {"start": "2026-03-02", "end": "2026-03-01"}).status_code
        == 422
    )
    assert (
        api.get("/api/v1/visits/counts", {"start": "2024-01-01", "end": "2026-03-01"}).status_code
        == 422
    )
