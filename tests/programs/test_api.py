"""The programmes API: activities with attendance both ways, registrations,
partners and contributions, the village fund, stories with consent; a
library's rows are a 404 for another library's staff."""

import datetime
import json

from django.utils import timezone

from pustaka.programs.models import Activity, Story


def _json(client, method, url, body=None):
    send = getattr(client, method)
    if body is None:
        return send(url)
    return send(url, json.dumps(body, default=str), content_type="application/json")


def test_plan_an_activity_and_record_attendance_both_ways(
    api_for, volunteer_a, member_a, partner_a
):
    client = api_for(volunteer_a)
    starts = timezone.now() + datetime.timedelta(days=2)
    created = _json(
        client,
        "post",
        "/api/v1/activities",
        {
            "title": "Klub baca remaja",
            "category": "reading",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + datetime.timedelta(hours=2)).isoformat(),
            "target_group": "youth",
            "partners": [str(partner_a.pk)],
        },
    )
    assert created.status_code == 201, created.content
    activity = created.json()
    assert (activity["library"], activity["category"]) == ("DSA", "reading")
    assert activity["partners"] == [str(partner_a.pk)]
    url = f"/api/v1/activities/{activity['id']}"
    # a member by card, a walk-in, and counts
    member = _json(client, "post", url + "/participants", {"number": member_a.number})
    assert member.status_code == 201 and member.json()["member"] == member_a.number
    walk_in = {"gender": "male", "age_group": "13-18", "disability": "no"}
    assert _json(client, "post", url + "/participants", walk_in).status_code == 201
    counts = _json(
        client,
        "put",
        url + "/counts",
        {"cells": [{"gender": "male", "age_group": "13-18", "disability": "no", "people": 4}]},
    )
    assert counts.status_code == 200
    # then the attendance adds both ways together
    attendance = client.get(url).json()["attendance"]
    assert attendance == {
        "total": 6,
        "cells": [
            {"gender": "female", "age_group": "36-59", "disability": "no", "people": 1},
            {"gender": "male", "age_group": "13-18", "disability": "no", "people": 5},
        ],
    }


def test_a_person_without_gender_is_refused(api_for, volunteer_a, activity_a):
    response = _json(
        api_for(volunteer_a), "post", f"/api/v1/activities/{activity_a.pk}/participants", {}
    )
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"gender", "age_group"}


def test_another_library_gets_404(
    api_for, manager_b, activity_a, partner_a, story_a, participant_a, registration_a
):
    client = api_for(manager_b)
    assert client.get(f"/api/v1/activities/{activity_a.pk}").status_code == 404
    assert client.get(f"/api/v1/activities/{activity_a.pk}/registrations").status_code == 404
    assert client.get(f"/api/v1/stories/{story_a.pk}").status_code == 404
    patch = _json(client, "patch", f"/api/v1/activities/{activity_a.pk}", {"title": "X"})
    assert patch.status_code == 404
    counts = _json(client, "put", f"/api/v1/activities/{activity_a.pk}/counts", {"cells": []})
    assert counts.status_code == 404
    assert (
        _json(client, "patch", f"/api/v1/partners/{partner_a.pk}", {"name": "X"}).status_code == 404
    )
    consent = {"given_on": "2026-01-01", "given_by": "X", "statement": "Y"}
    assert (
        _json(client, "post", f"/api/v1/stories/{story_a.pk}/consent", consent).status_code == 404
    )
    removal = f"/api/v1/activities/{activity_a.pk}/participants/{participant_a.pk}"
    assert client.delete(removal).status_code == 404
    assert client.get("/api/v1/activities?period=all").json()["items"] == []
    assert client.get("/api/v1/stories").json()["items"] == []
    assert Activity.objects.get().title == "Kelas komputer untuk ibu-ibu"


def test_staff_may_not_name_another_library(api_for, volunteer_a, library_b):
    starts = timezone.now()
    response = _json(
        api_for(volunteer_a),
        "post",
        "/api/v1/activities",
        {
            "library": "DSB",
            "title": "X",
            "category": "other",
            "starts_at": starts.isoformat(),
            "ends_at": starts.isoformat(),
        },
    )
    assert response.status_code == 403


def test_registrations_are_listed_in_order(
    api_for, volunteer_a, activity_a, registration_a, waiting_a
):
    rows = api_for(volunteer_a).get(f"/api/v1/activities/{activity_a.pk}/registrations").json()
    assert [(row["name"], row["status"]) for row in rows] == [
        ("Nurul Hidayah", "confirmed"),
        ("Rina", "confirmed"),
        ("Ani", "waiting"),
    ]


def test_partners_contributions_and_village_fund(api_for, manager_a, admin, activity_a):
    client = api_for(manager_a)
    partner = _json(
        client, "post", "/api/v1/partners", {"name": "Toko Buku Ilmu", "kind": "business"}
    )
    assert partner.status_code == 201 and partner.json()["library"] == "DSA"
    contribution = _json(
        client,
        "post",
        "/api/v1/contributions",
        {
            "partner": partner.json()["id"],
            "kind": "goods",
            "given_on": "2026-03-01",
            "value_idr": 1_200_000,
            "activity": str(activity_a.pk),
        },
    )
    assert contribution.status_code == 201, contribution.content
    assert contribution.json()["library"] == "DSA"
    listed = client.get("/api/v1/contributions?year=2026").json()["items"]
    assert [row["value_idr"] for row in listed] == [1_200_000]
    fund = _json(client, "put", "/api/v1/village-funds", {"year": 2026, "amount_idr": 30_000_000})
    assert fund.status_code == 200 and fund.json()["library"] == "DSA"
    district = _json(
        api_for(admin), "post", "/api/v1/partners", {"name": "Bank", "kind": "business"}
    )
    assert district.json()["library"] is None
    # the district's partners are seen by every library's staff
    names = [row["name"] for row in client.get("/api/v1/partners").json()["items"]]
    assert names == ["Bank", "Toko Buku Ilmu"]


def test_a_story_needs_consent_before_publishing(api_for, volunteer_a, member_a):
    client = api_for(volunteer_a)
    created = _json(
        client,
        "post",
        "/api/v1/stories",
        {
            "title": "Usaha keripik",
            "member": member_a.number,
            "what_changed": "Menjual keripik ke kota.",
            "happened_on": "2026-04-01",
            "theme": "economic",
        },
    )
    assert created.status_code == 201, created.content
    url = f"/api/v1/stories/{created.json()['id']}"
    refused = client.post(url + "/publish")
    assert refused.status_code == 422 and refused.json()["code"] == "no_consent"
    consent = {"given_on": "2026-04-02", "given_by": "Siti Rahmawati", "statement": "Setuju."}
    assert _json(client, "post", url + "/consent", consent).status_code == 200
    published = client.post(url + "/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert Story.objects.get().member == member_a


def test_categories_are_listed(api_for, viewer):
    codes = [row["code"] for row in api_for(viewer).get("/api/v1/activity-categories").json()]
    assert codes[:3] == ["digital-literacy", "skills", "reading"]
    assert len(codes) == 9
