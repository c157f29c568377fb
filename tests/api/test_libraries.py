"""Libraries through the API: each user sees and changes only what their role allows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pustaka.core.models import ChangeLog
from pustaka.libraries import services


def library_a_json(library_a):
    return {
        "id": str(library_a.pk),
        "code": "DSA",
        "name": "Perpustakaan Desa Rebaq Rinding",
        "kind": "desa",
        "kecamatan": {"code": "64.02.01", "name": "Muara Muntai"},
        "village": {"code": "64.02.01.2006", "name": "Rebaq Rinding"},
        "address": "",
        "latitude": None,
        "longitude": None,
        "opening_hours": {"0": [["08:00", "12:00"]]},
        "phone": "",
        "email": "",
        "website": "",
        "established_on": None,
        "population_served": None,
        "description": "",
        "offers": [],
        "is_active": True,
    }


def patch(client, code, data):
    return client.patch(f"/api/v1/libraries/{code}", data=data, content_type="application/json")


def codes(response):
    return [library["code"] for library in response.json()["items"]]


def test_manager_lists_only_their_own_library(api_client_for, manager_a, library_b):
    response = api_client_for(manager_a).get("/api/v1/libraries")

    assert response.status_code == 200
    assert response.json() == {"items": [library_a_json(manager_a.staff_role.library)], "count": 1}


def test_district_viewer_lists_every_library_by_kecamatan(
    api_client_for, viewer, library_a, library_b
):
    response = api_client_for(viewer).get("/api/v1/libraries")

    assert codes(response) == ["DSA", "DSB"]
    assert response.json()["count"] == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=bukit", ["DSB"]),
        ("q=dsa", ["DSA"]),
        ("kecamatan=64.02.01", ["DSA"]),
        ("kecamatan=64.02.06&q=rebaq", []),
    ],
)
def test_library_list_filters_by_text_and_kecamatan(
    api_client_for, admin, library_a, library_b, query, expected
):
    response = api_client_for(admin).get(f"/api/v1/libraries?{query}")

    assert codes(response) == expected


def test_library_list_pages_with_limit_and_offset(api_client_for, admin, library_a, library_b):
    response = api_client_for(admin).get("/api/v1/libraries?limit=1&offset=1")

    assert codes(response) == ["DSB"]
    assert response.json()["count"] == 2


def test_library_list_queries_do_not_grow_with_libraries(api_client_for, admin, library_a, regions):
    client = api_client_for(admin)
    client.get("/api/v1/me")  # the token's first use is noted once

    with CaptureQueriesContext(connection) as one_library:
        client.get("/api/v1/libraries")
    services.library_create(
        actor=admin,
        code="TBS",
        name="Taman Baca Sukarame",
        kind="taman_baca",
        kecamatan=regions["64.02.06"],
        village=regions["64.02.06.1007"],
    )
    with CaptureQueriesContext(connection) as two_libraries:
        response = client.get("/api/v1/libraries")

    assert response.json()["count"] == 2
    assert len(two_libraries) == len(one_library)


def test_manager_reads_their_library(api_client_for, manager_a, library_a):
    response = api_client_for(manager_a).get("/api/v1/libraries/dsa")

    assert response.status_code == 200
    assert response.json() == library_a_json(library_a)


def test_manager_cannot_read_other_library(api_client_for, manager_a, library_b):
    response = api_client_for(manager_a).get("/api/v1/libraries/DSB")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found."}


def test_manager_cannot_patch_other_library_profile(api_client_for, manager_a, library_b):
    logged_before = ChangeLog.objects.count()

    response = patch(api_client_for(manager_a), "DSB", {"name": "Diambil alih"})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    library_b.refresh_from_db()
    assert library_b.name == "Perpustakaan Desa Bukit Biru"
    assert ChangeLog.objects.count() == logged_before


def test_manager_patches_their_library_profile(api_client_for, manager_a, library_a):
    response = patch(
        api_client_for(manager_a),
        "DSA",
        {
            "phone": "0541-661234",
            "latitude": "-0.412300",
            "established_on": "2019-08-17",
            "opening_hours": {"0": [["08.00", "12.00"], ["13:00", "16:00"]], "5": [], "6": []},
        },
    )

    assert response.status_code == 200
    assert response.json() == {
        **library_a_json(library_a),
        "phone": "0541-661234",
        "latitude": -0.4123,
        "established_on": "2019-08-17",
        "opening_hours": {"0": [["08:00", "12:00"], ["13:00", "16:00"]]},
    }
    library_a.refresh_from_db()
    assert library_a.opening_hours == {"0": [["08:00", "12:00"], ["13:00", "16:00"]]}
    assert str(library_a.latitude) == "-0.412300"


def test_manager_cannot_move_their_library_to_another_kecamatan(
    api_client_for, manager_a, library_a
):
    response = patch(api_client_for(manager_a), "DSA", {"kecamatan": "64.02.06"})

    assert response.status_code == 403
    assert response.json() == {
        "code": "forbidden",
        "message": "Only the district office can change “kecamatan”.",
    }
    library_a.refresh_from_db()
    assert library_a.kecamatan.code == "64.02.01"


def test_volunteer_cannot_patch_their_library(api_client_for, volunteer_a, library_a):
    response = patch(api_client_for(volunteer_a), "DSA", {"phone": "0541-1"})

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_admin_moves_a_library_and_the_change_is_logged(api_client_for, admin, library_a, regions):
    response = patch(
        api_client_for(admin),
        "DSA",
        {"code": "tgr01", "kind": "kelurahan", "kecamatan": "64.02.06", "village": "64.02.06.1007"},
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["kind"]) == ("TGR01", "kelurahan")
    assert body["kecamatan"] == {"code": "64.02.06", "name": "Tenggarong"}
    assert body["village"] == {"code": "64.02.06.1007", "name": "Sukarame"}
    change = ChangeLog.objects.filter(entity="libraries.library").latest("seq")
    assert (change.operation, change.entity_id, change.staff) == (
        "update",
        str(library_a.pk),
        admin,
    )
    assert change.fields == {
        "code": "TGR01",
        "kind": "kelurahan",
        "kecamatan_id": str(regions["64.02.06"].pk),
        "village_id": str(regions["64.02.06.1007"].pk),
    }


def test_admin_clears_the_village_with_null(api_client_for, admin, library_a):
    response = patch(api_client_for(admin), "DSA", {"village": None})

    assert response.status_code == 200
    assert response.json()["village"] is None
    library_a.refresh_from_db()
    assert library_a.village is None


def test_bad_opening_hours_are_refused_with_fields(api_client_for, manager_a, library_a):
    response = patch(
        api_client_for(manager_a),
        "DSA",
        {"opening_hours": {"0": [["12:00", "08:00"]], "7": [["08:00", "12:00"]], "1": [["8"]]}},
    )

    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid",
        "message": "Some values are not valid.",
        "fields": {
            "opening_hours": [
                "Opening hours must run forward and not overlap: “12:00-08:00”.",
                "Days are numbered 0 (Monday) to 6 (Sunday): “7”.",
                'Give each opening as a pair of times, e.g. ["08:00", "12:00"].',
            ]
        },
    }
    library_a.refresh_from_db()
    assert library_a.opening_hours == {"0": [["08:00", "12:00"]]}


def test_unknown_region_codes_are_refused_with_fields(api_client_for, admin, library_a):
    response = patch(api_client_for(admin), "DSA", {"kecamatan": "64.02.99", "village": "64"})

    assert response.status_code == 422
    assert response.json()["fields"] == {
        "kecamatan": ["There is no kecamatan with code “64.02.99”."],
        "village": ["There is no village with code “64”."],
    }


def test_village_outside_the_kecamatan_is_refused(api_client_for, admin, library_a):
    response = patch(api_client_for(admin), "DSA", {"village": "64.02.06.2001"})

    assert response.status_code == 422
    assert response.json()["fields"] == {
        "village": ["This village is not in the chosen kecamatan."]
    }
    library_a.refresh_from_db()
    assert library_a.village.code == "64.02.01.2006"


def test_wrong_types_are_refused_field_by_field(api_client_for, admin, library_a):
    response = patch(
        api_client_for(admin),
        "DSA",
        {
            "name": None,
            "kind": "perpustakaan",
            "population_served": -5,
            "established_on": "17-08-2019",
        },
    )

    assert response.status_code == 422
    assert response.json()["fields"] == {
        "name": ["Enter text."],
        "kind": ["Choose one of: 'desa', 'kelurahan', 'taman_baca' or 'district'."],
        "population_served": ["Enter a number of at least 0."],
        "established_on": ["Enter a date as YYYY-MM-DD."],
    }


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        (
            {"code": "a b"},
            {"code": ["A library code has 2 to 12 letters or digits, without spaces."]},
        ),
        ({"email": "bukan-email"}, {"email": ["Enter a valid email address."]}),
        ({"name": ""}, {"name": ["This field cannot be blank."]}),
    ],
)
def test_model_rules_are_checked_by_the_service(api_client_for, admin, library_a, sent, fields):
    response = patch(api_client_for(admin), "DSA", sent)

    assert response.status_code == 422
    assert response.json()["fields"] == fields
    library_a.refresh_from_db()
    assert (library_a.code, library_a.email) == ("DSA", "")
