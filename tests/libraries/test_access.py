"""Isolation between libraries and what each role may see and change, through the
pages and by guessing addresses. Set-up in tests/conftest.py: library A (DSA) with
its manager and volunteer, library B (DSB) with its manager, a district viewer."""

import pytest

from pustaka.core.changes import snapshot
from pustaka.core.errors import NotPermitted
from pustaka.core.models import AuditLog, ChangeLog
from pustaka.libraries import services
from pustaka.libraries.models import Library, StaffRole
from tests.conftest import PASSWORD
from tests.core.html import cells

LIBRARY_USERS = ["manager_a", "volunteer_a"]


def profile_form(library, **changes) -> dict:
    """What the profile form posts for ``library``, with ``changes`` applied."""
    data = {
        "name": library.name,
        "address": library.address,
        "latitude": "",
        "longitude": "",
        "phone": library.phone,
        "email": library.email,
        "website": library.website,
        "established_on": "",
        "population_served": "",
        "description": library.description,
        **{f"hours_{day}": "" for day in range(7)},
    }
    return {**data, **changes}


def account_state(user) -> dict:
    user.refresh_from_db()
    return {**snapshot(user), "role": snapshot(user.staff_role)}


def change_count() -> int:
    return ChangeLog.objects.count()


# --- a user of library A and library B ------------------------------------------------


@pytest.mark.parametrize("who", LIBRARY_USERS)
def test_library_user_cannot_open_another_librarys_pages(who, request, client_for, library_b):
    # given a signed-in manager or volunteer of library A
    client = client_for(request.getfixturevalue(who))
    # when they guess library B's addresses
    pages = ["/staff/libraries/DSB/", "/staff/libraries/dsb/", "/staff/libraries/DSB/edit/"]
    # then B does not exist for them
    assert [client.get(page).status_code for page in pages] == [404, 404, 404]


@pytest.mark.parametrize("who", LIBRARY_USERS)
def test_library_user_posting_to_another_librarys_edit_page_changes_nothing(
    who, request, client_for, library_b
):
    client = client_for(request.getfixturevalue(who))
    before, changes = snapshot(library_b), change_count()
    # when
    response = client.post(
        "/staff/libraries/DSB/edit/", profile_form(library_b, name="Diambil alih", phone="1")
    )
    # then
    assert response.status_code == 404
    library_b.refresh_from_db()
    assert snapshot(library_b) == before
    assert change_count() == changes


@pytest.mark.parametrize("who", LIBRARY_USERS)
@pytest.mark.parametrize("page", ["", "password/"])
def test_library_user_cannot_open_or_change_another_librarys_account(
    who, page, request, client_for, manager_b
):
    # given a user of library A and the address of B's manager's account
    client = client_for(request.getfixturevalue(who))
    address = f"/staff/accounts/{manager_b.pk}/{page}"
    before, changes = account_state(manager_b), change_count()
    # when they open it and post to it
    opened = client.get(address)
    posted = client.post(
        address,
        {
            "first_name": "Diambil",
            "role": "volunteer",
            "is_active": "",
            "password": "sandi-baru-sekali-2026",
        },
    )
    # then the account is not found and stays as it was
    assert (opened.status_code, posted.status_code) == (404, 404)
    assert account_state(manager_b) == before
    assert manager_b.check_password(PASSWORD)
    assert change_count() == changes


def test_manager_staff_list_shows_only_own_librarys_accounts(
    english_client_for, manager_a, volunteer_a, manager_b
):
    response = english_client_for(manager_a).get("/staff/accounts/")
    assert response.status_code == 200
    assert sorted(cells(response.text, column=1)) == ["pengelola_a", "relawan_a"]
    assert str(manager_b.pk) not in response.text


@pytest.mark.parametrize("who", LIBRARY_USERS)
def test_library_list_shows_only_own_library(who, request, client_for, library_a, library_b):
    client = client_for(request.getfixturevalue(who))
    response = client.get("/staff/libraries/")
    assert cells(response.text) == ["DSA"]
    # nor does a search or a kecamatan filter reveal library B
    found = client.get("/staff/libraries/", {"q": "Bukit"})
    assert "DSB" not in cells(found.text)
    assert "Bukit Biru" not in found.text.split("</select>")[-1]
    by_kecamatan = client.get("/staff/libraries/", {"kecamatan": "64.02.06"})
    assert "DSB" not in cells(by_kecamatan.text)


@pytest.mark.parametrize("who", LIBRARY_USERS)
def test_staff_home_shows_only_own_library(who, request, client_for, library_a, library_b):
    response = client_for(request.getfixturevalue(who)).get("/staff/")
    assert response.status_code == 200
    assert "Perpustakaan Desa Rebaq Rinding" in response.text
    assert "Perpustakaan Desa Bukit Biru" not in response.text


# --- a volunteer --------------------------------------------------------------------


def test_volunteer_sees_own_library_page(english_client_for, volunteer_a, manager_a):
    response = english_client_for(volunteer_a).get("/staff/libraries/DSA/")
    assert response.status_code == 200
    assert "Perpustakaan Desa Rebaq Rinding" in response.text
    # no edit button, no staff list
    assert "/staff/libraries/DSA/edit/" not in response.text
    assert f"/staff/accounts/{manager_a.pk}/" not in response.text


def test_volunteer_cannot_manage_staff(client_for, volunteer_a, manager_a, library_a):
    client = client_for(volunteer_a)
    users = StaffRole.objects.count()
    responses = [
        client.get("/staff/accounts/"),
        client.get("/staff/accounts/new/"),
        client.post(
            "/staff/accounts/new/",
            {
                "username": "titipan",
                "password": "sandi-baru-sekali-2026",
                "first_name": "Titipan",
                "role": "volunteer",
                "library": str(library_a.pk),
                "is_active": "on",
            },
        ),
        client.get(f"/staff/accounts/{manager_a.pk}/"),
        client.post(f"/staff/accounts/{manager_a.pk}/password/", {"password": "x-2026-sandi"}),
    ]
    assert [response.status_code for response in responses] == [403] * 5
    assert StaffRole.objects.count() == users
    assert manager_a.check_password(PASSWORD)


def test_volunteer_cannot_edit_the_library_profile(client_for, volunteer_a, library_a):
    client = client_for(volunteer_a)
    before = snapshot(library_a)
    assert client.get("/staff/libraries/DSA/edit/").status_code == 403
    response = client.post("/staff/libraries/DSA/edit/", profile_form(library_a, phone="0811"))
    assert response.status_code == 403
    library_a.refresh_from_db()
    assert snapshot(library_a) == before


def test_volunteer_cannot_edit_the_profile_through_the_service(volunteer_a, library_a):
    with pytest.raises(NotPermitted):
        services.library_update(actor=volunteer_a, library=library_a, changes={"phone": "0811"})


# --- a library manager -----------------------------------------------------------------


def test_manager_edits_own_library_profile(client_for, manager_a, library_a):
    # given
    client = client_for(manager_a)
    assert client.get("/staff/libraries/DSA/edit/").status_code == 200
    # when the manager saves a new phone, e-mail and hours
    response = client.post(
        "/staff/libraries/DSA/edit/",
        profile_form(
            library_a,
            phone="0812-5555-0101",
            email="perpus@rebaqrinding.desa.id",
            hours_0="08.00-12.00, 13.00-15.00",
            hours_5="09:00-11:00",
        ),
    )
    # then the profile is saved and the change logged by the manager
    assert response.status_code == 302
    assert response["Location"] == "/staff/libraries/DSA/"
    library_a.refresh_from_db()
    assert library_a.phone == "0812-5555-0101"
    assert library_a.email == "perpus@rebaqrinding.desa.id"
    assert library_a.opening_hours == {
        "0": [["08:00", "12:00"], ["13:00", "15:00"]],
        "5": [["09:00", "11:00"]],
    }
    row = ChangeLog.objects.latest("seq")
    assert (row.entity, row.entity_id, row.operation) == (
        "libraries.library",
        str(library_a.pk),
        "update",
    )
    assert row.fields == {
        "phone": "0812-5555-0101",
        "email": "perpus@rebaqrinding.desa.id",
        "opening_hours": library_a.opening_hours,
    }
    assert row.staff == manager_a


def test_manager_profile_form_ignores_admin_only_fields(client_for, manager_a, library_a, regions):
    client = client_for(manager_a)
    client.post(
        "/staff/libraries/DSA/edit/",
        profile_form(
            library_a,
            code="HACK",
            kind="district",
            kecamatan=str(regions["64.02.06"].pk),
            is_active="",
            phone="0812",
        ),
    )
    library_a.refresh_from_db()
    assert (library_a.code, library_a.kind, library_a.kecamatan.code, library_a.is_active) == (
        "DSA",
        "desa",
        "64.02.01",
        True,
    )
    assert library_a.phone == "0812"


def test_manager_profile_with_bad_hours_is_not_saved(english_client_for, manager_a, library_a):
    before = snapshot(library_a)
    response = english_client_for(manager_a).post(
        "/staff/libraries/DSA/edit/", profile_form(library_a, hours_0="12:00-08:00", phone="1")
    )
    assert response.status_code == 200
    assert "Opening hours must run forward and not overlap: “12:00-08:00”." in response.text
    library_a.refresh_from_db()
    assert snapshot(library_a) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [("code", "DSX"), ("kind", "taman_baca"), ("kecamatan", "64.02.06"), ("is_active", False)],
)
def test_manager_cannot_change_admin_only_fields(
    field, value, manager_a, library_a, regions, admin
):
    if field == "kecamatan":
        value = regions[value]
    before, changes = snapshot(library_a), change_count()
    with pytest.raises(NotPermitted):
        services.library_update(
            actor=manager_a, library=library_a, changes={field: value, "phone": "0812"}
        )
    assert snapshot(Library.objects.get(pk=library_a.pk)) == before
    assert change_count() == changes


def test_manager_cannot_edit_another_library_through_the_service(manager_a, library_b):
    with pytest.raises(NotPermitted):
        services.library_update(actor=manager_a, library=library_b, changes={"phone": "0812"})


def test_manager_adds_a_volunteer_to_own_library(client_for, manager_a, library_a):
    response = client_for(manager_a).post(
        "/staff/accounts/new/",
        {
            "username": "relawan_baru",
            "password": "sandi-baru-sekali-2026",
            "first_name": "Rina",
            "role": "volunteer",
            "library": str(library_a.pk),
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    role = StaffRole.objects.get(user__username="relawan_baru")
    assert (role.role, role.library_id) == ("volunteer", library_a.pk)


@pytest.mark.parametrize(
    ("role", "library"),
    [("volunteer", "library_b"), ("library_manager", "library_b"), ("district_admin", None)],
)
def test_manager_cannot_create_accounts_elsewhere_or_above_own_role(
    role, library, request, client_for, manager_a
):
    library_pk = str(request.getfixturevalue(library).pk) if library else ""
    accounts = StaffRole.objects.count()
    response = client_for(manager_a).post(
        "/staff/accounts/new/",
        {
            "username": "penyusup",
            "password": "sandi-baru-sekali-2026",
            "first_name": "Penyusup",
            "role": role,
            "library": library_pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 200  # the form refuses the choice
    assert StaffRole.objects.count() == accounts


def test_manager_cannot_move_own_volunteer_to_another_library(
    client_for, manager_a, volunteer_a, library_b
):
    response = client_for(manager_a).post(
        f"/staff/accounts/{volunteer_a.pk}/",
        {"first_name": "Relawan", "role": "volunteer", "library": str(library_b.pk)},
    )
    assert response.status_code == 200
    volunteer_a.refresh_from_db()
    assert volunteer_a.staff_role.library.code == "DSA"
    with pytest.raises(NotPermitted):
        services.staff_update(
            actor=manager_a, user=volunteer_a, changes={}, role="volunteer", library=library_b
        )


# --- the district viewer ---------------------------------------------------------------


def test_district_viewer_sees_every_library(client_for, viewer, library_a, library_b):
    client = client_for(viewer)
    assert cells(client.get("/staff/libraries/").text) == ["DSA", "DSB"]
    assert client.get("/staff/libraries/DSB/").status_code == 200
    assert client.get("/staff/district/").status_code == 200


def test_district_viewer_sees_every_staff_account(client_for, viewer, manager_a, manager_b):
    response = client_for(viewer).get("/staff/accounts/")
    assert response.status_code == 200
    assert cells(response.text, column=1) == ["admin", "pemantau", "pengelola_b", "pengelola_a"]


def test_district_viewer_can_change_nothing(client_for, viewer, district, library_a, manager_b):
    client = client_for(viewer)
    before = (snapshot(library_a), account_state(manager_b), snapshot(district))
    changes = change_count()
    responses = [
        client.get("/staff/libraries/DSA/edit/"),
        client.post("/staff/libraries/DSA/edit/", profile_form(library_a, phone="0812")),
        client.get("/staff/libraries/new/"),
        client.post("/staff/libraries/new/", {"code": "NEW1", "name": "Baru", "kind": "desa"}),
        client.post("/staff/district/", {"name": "Kabupaten Lain", "region_code": "64.03"}),
        client.get("/staff/accounts/new/"),
        client.get(f"/staff/accounts/{manager_b.pk}/"),
        client.post(f"/staff/accounts/{manager_b.pk}/", {"first_name": "X", "role": "volunteer"}),
        client.post(f"/staff/accounts/{manager_b.pk}/password/", {"password": "x-2026-sandi"}),
        client.get("/staff/tokens/"),
        client.get("/staff/audit/"),
    ]
    assert [response.status_code for response in responses] == [403] * len(responses)
    library_a.refresh_from_db()
    district.refresh_from_db()
    assert (snapshot(library_a), account_state(manager_b), snapshot(district)) == before
    assert change_count() == changes


def test_district_viewer_cannot_edit_through_the_services(viewer, library_a, district):
    with pytest.raises(NotPermitted):
        services.library_update(actor=viewer, library=library_a, changes={"phone": "0812"})
    with pytest.raises(NotPermitted):
        services.district_update(actor=viewer, district=district, changes={"population": 1})


# --- the district administrator ----------------------------------------------------


def test_admin_adds_a_library_from_the_page(client_for, admin, regions):
    # given
    client = client_for(admin)
    assert client.get("/staff/libraries/new/").status_code == 200
    # when
    response = client.post(
        "/staff/libraries/new/",
        {
            "code": "tb05",
            "name": "Taman Baca Sukarame",
            "kind": "taman_baca",
            "kecamatan": str(regions["64.02.06"].pk),
            "village": str(regions["64.02.06.1007"].pk),
            "is_active": "on",
            "address": "Jl. Sukarame 3",
            "phone": "0541-123456",
            "hours_5": "15:00-18:00",
        },
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == "/staff/libraries/TB05/"
    library = Library.objects.get(code="TB05")
    assert (library.name, library.kind, library.kecamatan.code, library.village.code) == (
        "Taman Baca Sukarame",
        "taman_baca",
        "64.02.06",
        "64.02.06.1007",
    )
    assert library.opening_hours == {"5": [["15:00", "18:00"]]}
    assert library.is_active is True
    row = ChangeLog.objects.get(entity="libraries.library", entity_id=str(library.pk))
    assert (row.operation, row.fields["code"], row.staff) == ("create", "TB05", admin)


def test_admin_adds_a_staff_account_from_the_page(client, client_for, admin, library_b):
    response = client_for(admin).post(
        "/staff/accounts/new/",
        {
            "username": "pengelola_bb",
            "password": "sandi-baru-sekali-2026",
            "first_name": "Yohanes",
            "last_name": "Lahang",
            "email": "yohanes@bukitbiru.desa.id",
            "role": "library_manager",
            "library": str(library_b.pk),
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/accounts/"
    role = StaffRole.objects.select_related("user").get(user__username="pengelola_bb")
    assert (role.role, role.library_id, role.user.get_full_name()) == (
        "library_manager",
        library_b.pk,
        "Yohanes Lahang",
    )
    audit = AuditLog.objects.get(action="staff.create", entity_id=str(role.user.pk))
    assert (audit.actor, audit.library_id, audit.detail) == (
        admin,
        library_b.pk,
        {"role": "library_manager"},
    )
    # and the new manager can sign in and sees library B
    signed_in = client.post(
        "/accounts/login/", {"username": "pengelola_bb", "password": "sandi-baru-sekali-2026"}
    )
    assert signed_in.status_code == 302
    assert client.get("/staff/libraries/DSB/").status_code == 200


def test_admin_changes_admin_only_fields(admin, library_a, regions):
    changed = services.library_update(
        actor=admin,
        library=library_a,
        changes={
            "code": "ds01",
            "kind": "kelurahan",
            "kecamatan": regions["64.02.06"],
            "village": regions["64.02.06.1007"],
        },
    )
    assert sorted(changed) == ["code", "kecamatan", "kind", "village"]
    library_a.refresh_from_db()
    assert (library_a.code, library_a.kind, library_a.kecamatan.code) == (
        "DS01",
        "kelurahan",
        "64.02.06",
    )
