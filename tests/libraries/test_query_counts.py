"""The busiest staff pages run the same number of queries however many libraries
and accounts the district has (no N+1)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pustaka.core.permissions import Role
from pustaka.libraries import services
from tests.conftest import make_staff

# Baselines: session, user, staff role, then the page's own reads. A change that
# adds a query updates its baseline here, on purpose.
LIBRARY_LIST_QUERIES = 5  # + libraries with kecamatan and village, + kecamatan filter
ACCOUNT_LIST_QUERIES = 4  # + accounts with role and library


def add_libraries(admin, regions, count: int, first: int = 1) -> None:
    """``count`` more village libraries in both kecamatan, each with a manager."""
    villages = [regions["64.02.01.2006"], regions["64.02.06.2001"]]
    for number in range(first, first + count):
        village = villages[number % 2]
        library = services.library_create(
            actor=admin,
            code=f"QC{number:02d}",
            name=f"Perpustakaan Uji {number:02d}",
            kind="desa",
            kecamatan=village.parent,
            village=village,
        )
        make_staff(admin, f"pengelola_qc{number:02d}", Role.LIBRARY_MANAGER, library)


def queries_of(client, page: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(page)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_staff_library_list_queries_do_not_grow_with_libraries(client_for, admin, regions):
    client = client_for(admin)
    add_libraries(admin, regions, 2)
    with_two = queries_of(client, "/staff/libraries/")
    add_libraries(admin, regions, 4, first=3)
    with_six = queries_of(client, "/staff/libraries/")
    assert with_six == with_two == LIBRARY_LIST_QUERIES


def test_staff_account_list_queries_do_not_grow_with_accounts(client_for, admin, regions):
    client = client_for(admin)
    add_libraries(admin, regions, 2)
    with_two = queries_of(client, "/staff/accounts/")
    add_libraries(admin, regions, 4, first=3)
    with_six = queries_of(client, "/staff/accounts/")
    assert with_six == with_two == ACCOUNT_LIST_QUERIES


def test_staff_home_queries_do_not_grow_with_libraries(client_for, admin, regions):
    client = client_for(admin)
    add_libraries(admin, regions, 2)
    with_two = queries_of(client, "/staff/")
    add_libraries(admin, regions, 4, first=3)
    assert queries_of(client, "/staff/") == with_two
