"""The trainings and mentoring API: the office plans, enrols, records
attendance and scores; trainees come with eligibility; action items are
followed until done; each library sees only its own trainees and mentoring."""

import datetime

from django.utils import timezone

from pustaka.training.models import Attendance, Training


def send(client, method, path, data=None):
    return getattr(client, method)(path, data=data or {}, content_type="application/json")


def test_the_office_plans_a_training_with_sessions(api_for, admin):
    client = api_for(admin)
    created = send(
        client,
        "post",
        "/api/v1/trainings",
        {
            "code": "bimtek-tik",
            "title": "Strategi TIK",
            "organiser": "Dinas",
            "venue": "Samarinda",
            "starts_on": "2024-11-13",
            "ends_on": "2024-11-16",
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["code"], body["minimum_attendance"], body["session_count"]) == (
        "BIMTEK-TIK",
        75,
        0,
    )
    path = f"/api/v1/trainings/{body['id']}/sessions"
    session = {"date": "2024-11-13", "starts_at": "08:00", "ends_at": "12:00", "topic": "Strategi"}
    assert send(client, "post", path, session).status_code == 201
    wrong_day = send(client, "post", path, {**session, "date": "2024-11-20"})
    assert wrong_day.status_code == 422 and "date" in wrong_day.json()["fields"]
    assert [row["topic"] for row in client.get(path).json()] == ["Strategi"]
    patched = send(client, "patch", f"/api/v1/trainings/{body['id']}", {"venue": "Tenggarong"})
    assert patched.json()["venue"] == "Tenggarong"


def test_a_library_manager_cannot_change_trainings(api_for, manager_a, training, library_a):
    client = api_for(manager_a)
    assert client.get("/api/v1/trainings").json()["count"] == 1
    assert (
        send(client, "patch", f"/api/v1/trainings/{training.pk}", {"venue": "X"}).status_code == 403
    )
    refused = send(
        client,
        "post",
        f"/api/v1/trainings/{training.pk}/trainees",
        {"library": "DSA", "role": "manager", "name": "Siti"},
    )
    assert refused.status_code == 403
    assert Training.objects.get().venue == "Samarinda"


def test_enrol_record_attendance_and_scores(
    api_for, admin, manager_a, library_b, training, four_days
):
    client = api_for(admin)
    path = f"/api/v1/trainings/{training.pk}/trainees"
    siti = send(client, "post", path, {"library": "dsa", "role": "manager", "user": "pengelola_a"})
    assert siti.status_code == 201
    siti = siti.json()
    assert (siti["number"], siti["name"], siti["user"]) == (1, "Pengelola_A", "pengelola_a")
    budi = send(client, "post", path, {"library": "DSB", "role": "volunteer", "name": "Budi"})
    budi = budi.json()
    for session in four_days[:3]:
        counts = send(
            client,
            "put",
            f"/api/v1/training-sessions/{session.pk}/attendance",
            {"present": [siti["id"]]},
        )
        assert counts.json() == {"present": 1, "absent": 1}
    scored = send(
        client, "patch", f"/api/v1/trainees/{siti['id']}", {"pre_score": 50, "post_score": 85}
    )
    assert (scored.json()["attended"], scored.json()["eligible"]) == (3, True)
    too_high = send(client, "patch", f"/api/v1/trainees/{budi['id']}", {"post_score": 101})
    assert too_high.status_code == 422
    listed = client.get(path).json()
    assert [(t["name"], t["attended"], t["eligible"]) for t in listed] == [
        ("Pengelola_A", 3, True),
        ("Budi", 0, False),
    ]
    # a library sees only its own trainees and their attendance
    assert [t["name"] for t in api_for(manager_a).get(path).json()] == ["Pengelola_A"]
    attendance = api_for(manager_a).get(f"/api/v1/training-sessions/{four_days[0].pk}/attendance")
    assert attendance.json() == [
        {"trainee": siti["id"], "name": "Pengelola_A", "library": "DSA", "present": True}
    ]
    assert Attendance.objects.count() == 6


def test_mentoring_items_through_the_api_until_done(api_for, admin, manager_a, training):
    client = api_for(admin)
    visit = send(
        client,
        "post",
        "/api/v1/mentoring-visits",
        {
            "library": "DSA",
            "visited_on": "2025-01-15",
            "mentor": "admin",
            "training": str(training.pk),
            "findings": "Katalog belum lengkap.",
        },
    )
    assert visit.status_code == 201
    visit = visit.json()
    assert (visit["mentor_name"], visit["training"]) == ("Admin Dinas", str(training.pk))
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    item = send(
        client,
        "post",
        f"/api/v1/mentoring-visits/{visit['id']}/action-items",
        {"description": "Isi katalog", "owner": "Pengelola", "due_on": yesterday},
    ).json()
    assert (item["status"], item["overdue"], item["library"]) == ("open", True, "DSA")
    manager = api_for(manager_a)
    overdue = manager.get("/api/v1/action-items", {"overdue": "true"}).json()
    assert [row["id"] for row in overdue["items"]] == [item["id"]]
    status = f"/api/v1/action-items/{item['id']}/status"
    assert (
        send(manager, "post", status, {"status": "in_progress"}).json()["status"] == "in_progress"
    )
    done = send(manager, "post", status, {"status": "done"}).json()
    assert (done["status"], done["done_on"], done["overdue"]) == (
        "done",
        timezone.localdate().isoformat(),
        False,
    )
    assert manager.get("/api/v1/action-items").json()["count"] == 0
    changed = send(manager, "patch", f"/api/v1/action-items/{item['id']}", {"owner": "X"})
    assert changed.status_code == 403


def test_library_b_cannot_see_library_a_mentoring(api_for, manager_b, visit_a, action_item_a):
    client = api_for(manager_b)
    assert client.get("/api/v1/mentoring-visits").json()["count"] == 0
    assert client.get(f"/api/v1/mentoring-visits/{visit_a.pk}").status_code == 404
    assert client.get("/api/v1/mentoring-visits", {"library": "DSA"}).status_code == 404
    status = f"/api/v1/action-items/{action_item_a.pk}/status"
    assert send(client, "post", status, {"status": "done"}).status_code == 404
    assert client.get("/api/v1/action-items").json()["count"] == 0


def test_the_evaluation_survey_through_the_api(api_for, admin, training):
    path = f"/api/v1/trainings/{training.pk}/evaluation"
    made = send(api_for(admin), "post", path)
    assert made.status_code == 201
    survey = api_for(admin).get(f"/api/v1/surveys/{made.json()['evaluation']}")
    assert survey.status_code == 200 and survey.json()["kind"] == "training_evaluation"
    again = send(api_for(admin), "post", path)
    assert again.status_code == 422 and again.json()["code"] == "exists"
