"""The public home page runs the same few queries however many libraries there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pustaka.libraries import services


def add_libraries(admin, regions, count: int, first: int = 1) -> None:
    villages = [regions["64.02.01.2006"], regions["64.02.06.2001"], regions["64.02.06.1007"]]
    for number in range(first, first + count):
        village = villages[number % 3]
        services.library_create(
            actor=admin,
            code=f"QC{number:02d}",
            name=f"Perpustakaan Uji {number:02d}",
            kind="desa",
            kecamatan=village.parent,
            village=village,
        )


def home_queries(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get("/")
    assert response.status_code == 200
    return len(context.captured_queries), response.text.count('href="/perpustakaan/')


def test_public_home_queries_do_not_grow_with_libraries(client, admin, district, regions):
    add_libraries(admin, regions, 2)
    with_two, listed_two = home_queries(client)
    add_libraries(admin, regions, 4, first=3)
    with_six, listed_six = home_queries(client)
    assert (listed_two, listed_six) == (2, 6)
    assert with_six == with_two
    # the district, the libraries with their kecamatan and village, the latest news,
    # the coming activities
    assert with_two == 4


def test_public_library_page_queries(client, admin, district, regions):
    add_libraries(admin, regions, 1)
    with CaptureQueriesContext(connection) as context:
        assert client.get("/perpustakaan/QC01/").status_code == 200
    # the library, its coming holidays, its latest news, activities and stories
    assert len(context.captured_queries) == 5
