"""The rules the library services enforce, whoever calls them (pages, API, imports)."""

import pytest
from django.core.exceptions import ValidationError

from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import Role
from pustaka.libraries import services
from pustaka.libraries.models import District, Library, Region, StaffRole
from tests.conftest import PASSWORD


def library_args(regions, **overrides):
    return {
        "code": "TB07",
        "name": "Taman Baca Sukarame",
        "kind": "taman_baca",
        "kecamatan": regions["64.02.06"],
        "village": regions["64.02.06.1007"],
        **overrides,
    }


def test_library_code_is_stored_upper_case(admin, regions):
    library = services.library_create(actor=admin, **library_args(regions, code=" tb07 "))
    assert Library.objects.get(pk=library.pk).code == "TB07"


def test_library_code_must_be_unique(admin, library_a, regions):
    with pytest.raises(Invalid) as error:
        services.library_create(actor=admin, **library_args(regions, code="dsa"))
    assert list(error.value.fields) == ["code"]


def test_library_code_with_spaces_is_refused(admin, regions):
    with pytest.raises(Invalid) as error:
        services.library_create(actor=admin, **library_args(regions, code="TB 07"))
    assert list(error.value.fields) == ["code"]


def test_library_village_must_lie_in_its_kecamatan(admin, regions):
    with pytest.raises(Invalid) as error:
        services.library_create(
            actor=admin, **library_args(regions, village=regions["64.02.01.2006"])
        )
    assert list(error.value.fields) == ["village"]
    assert not Library.objects.exists()


def test_library_with_an_unknown_field_is_refused(admin, regions):
    with pytest.raises(Invalid) as error:
        services.library_create(actor=admin, **library_args(regions, colour="green"))
    assert list(error.value.fields) == ["colour"]


def test_only_the_office_adds_libraries(manager_a, viewer, regions):
    for actor in (manager_a, viewer):
        with pytest.raises(NotPermitted):
            services.library_create(actor=actor, **library_args(regions))
    assert not Library.objects.filter(code="TB07").exists()


def test_moving_a_library_needs_a_village_of_the_new_kecamatan(admin, library_a, regions):
    with pytest.raises(Invalid) as error:
        services.library_update(
            actor=admin, library=library_a, changes={"kecamatan": regions["64.02.06"]}
        )
    assert list(error.value.fields) == ["village"]
    assert Library.objects.get(pk=library_a.pk).kecamatan.code == "64.02.01"


def test_district_is_created_once(district, admin):
    with pytest.raises(Invalid) as error:
        services.district_create(actor=admin, name="Kabupaten Lain", region_code="64.03")
    assert error.value.code == "district_exists"
    assert District.objects.count() == 1


def test_district_region_code_is_checked(district, admin):
    with pytest.raises(Invalid) as error:
        services.district_update(actor=admin, district=district, changes={"region_code": "6402"})
    assert list(error.value.fields) == ["region_code"]


def test_regions_load_adds_only_new_regions(regions):
    rows = [
        {"code": "64.02.06", "name": "Tenggarong", "level": "kecamatan"},
        {"code": "64.02.06.2002", "name": "Loa Lepu", "level": "desa"},
    ]
    assert services.regions_load(actor=None, rows=rows) == 1
    assert services.regions_load(actor=None, rows=rows) == 0
    assert Region.objects.get(code="64.02.06.2002").parent.code == "64.02.06"


def test_regions_load_with_a_malformed_code_adds_nothing(db):
    rows = [
        {"code": "64.02", "name": "Kabupaten Kutai Kartanegara", "level": "kabupaten"},
        {"code": "64-02-01", "name": "Muara Muntai", "level": "kecamatan"},
    ]
    with pytest.raises((Invalid, ValidationError)):
        services.regions_load(actor=None, rows=rows)
    assert not Region.objects.exists()


def test_username_is_unique_whatever_its_case(admin, manager_a, library_a):
    with pytest.raises(Invalid) as error:
        services.staff_create(
            actor=admin,
            username="Pengelola_A",
            password=PASSWORD,
            role=Role.VOLUNTEER,
            library=library_a,
        )
    assert list(error.value.fields) == ["username"]


def test_weak_password_is_refused(admin, library_a):
    with pytest.raises(Invalid) as error:
        services.staff_create(
            actor=admin, username="baru", password="12345678", role="volunteer", library=library_a
        )
    assert list(error.value.fields) == ["password"]
    assert not StaffRole.objects.filter(user__username="baru").exists()


@pytest.mark.parametrize(
    ("role", "with_library", "field"),
    [
        (Role.DISTRICT_VIEWER, True, "library"),
        (Role.LIBRARY_MANAGER, False, "library"),
        ("kepala", True, "role"),
    ],
)
def test_role_and_library_must_match(role, with_library, field, admin, library_a):
    with pytest.raises(Invalid) as error:
        services.staff_create(
            actor=admin,
            username="baru",
            password=PASSWORD,
            role=role,
            library=library_a if with_library else None,
        )
    assert list(error.value.fields) == [field]


@pytest.mark.parametrize("role", [Role.DISTRICT_ADMIN, Role.DISTRICT_VIEWER])
def test_manager_cannot_create_district_accounts(role, manager_a):
    with pytest.raises(NotPermitted):
        services.staff_create(
            actor=manager_a, username="baru", password=PASSWORD, role=role, library=None
        )


def test_volunteer_cannot_create_accounts(volunteer_a, library_a):
    with pytest.raises(NotPermitted):
        services.staff_create(
            actor=volunteer_a,
            username="baru",
            password=PASSWORD,
            role=Role.VOLUNTEER,
            library=library_a,
        )


def test_manager_cannot_change_another_librarys_staff(manager_a, manager_b):
    with pytest.raises(NotPermitted):
        services.staff_update(actor=manager_a, user=manager_b, changes={"first_name": "X"})
    with pytest.raises(NotPermitted):
        services.staff_set_password(actor=manager_a, user=manager_b, password="sandi-baru-2026")
    manager_b.refresh_from_db()
    assert manager_b.first_name == "Pengelola_B"
    assert manager_b.check_password(PASSWORD)


def test_nobody_deactivates_themselves(admin):
    with pytest.raises(Invalid) as error:
        services.staff_update(actor=admin, user=admin, changes={"is_active": False})
    assert error.value.code == "self_deactivate"


def test_staff_update_returns_only_what_changed(admin, manager_a, library_a):
    changed = services.staff_update(
        actor=admin,
        user=manager_a,
        changes={"first_name": "Siti", "last_name": "", "is_active": True},
        role=Role.LIBRARY_MANAGER,
        library=library_a,
    )
    assert changed == ["first_name"]
