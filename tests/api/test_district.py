"""The district through the API: every staff role reads it, the office changes it."""

import pytest

from pustaka.core.models import ChangeLog

DISTRICT = {
    "name": "Kabupaten Kutai Kartanegara",
    "region_code": "64.02",
    "population": None,
    "office_name": "",
    "address": "",
    "phone": "",
    "email": "",
}


@pytest.mark.parametrize("role", ["admin", "viewer", "manager_a", "volunteer_a"])
def test_every_staff_role_reads_the_district(api_client_for, request, district, role):
    user = request.getfixturevalue(role)

    response = api_client_for(user).get("/api/v1/district")

    assert response.status_code == 200
    assert response.json() == DISTRICT


def test_district_not_yet_created_is_404(api_client_for, admin):
    response = api_client_for(admin).get("/api/v1/district")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found."}


def test_admin_patches_the_district_and_the_change_is_logged(api_client_for, admin, district):
    response = api_client_for(admin).patch(
        "/api/v1/district",
        data={"office_name": "Dinas Kearsipan dan Perpustakaan", "population": 747000},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json() == {
        **DISTRICT,
        "office_name": "Dinas Kearsipan dan Perpustakaan",
        "population": 747000,
    }
    change = ChangeLog.objects.filter(entity="libraries.district").latest("seq")
    assert (change.operation, change.entity_id, change.staff) == ("update", str(district.pk), admin)
    assert change.fields == {
        "office_name": "Dinas Kearsipan dan Perpustakaan",
        "population": 747000,
    }


@pytest.mark.parametrize("role", ["viewer", "manager_a"])
def test_only_the_district_admin_patches_the_district(api_client_for, request, district, role):
    user = request.getfixturevalue(role)

    response = api_client_for(user).patch(
        "/api/v1/district", data={"name": "Kabupaten Lain"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    district.refresh_from_db()
    assert district.name == "Kabupaten Kutai Kartanegara"


def test_bad_region_code_and_unknown_field_are_refused_with_fields(api_client_for, admin, district):
    client = api_client_for(admin)

    wrong_code = client.patch(
        "/api/v1/district", data={"region_code": "6402"}, content_type="application/json"
    )
    unknown = client.patch(
        "/api/v1/district", data={"mayor": "Bupati"}, content_type="application/json"
    )

    assert wrong_code.status_code == 422
    assert wrong_code.json()["fields"] == {
        "region_code": ["A region code looks like 64.02 (province.regency), digits and dots only."]
    }
    assert unknown.status_code == 422
    assert unknown.json()["fields"] == {"mayor": ["Unknown field."]}
    district.refresh_from_db()
    assert district.region_code == "64.02"
