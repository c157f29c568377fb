"""Shared fixtures: a small district built through the real services."""

import pytest
from django.core.cache import caches
from django.test import Client

from pustaka.core.changes import local_node_id
from pustaka.core.permissions import Role
from pustaka.libraries import services

PASSWORD = "kata-sandi-uji-2026"

# Each app's shared fixtures (also used by the change-log walk in tests/core).
pytest_plugins = [
    "tests.members.fixtures",
    "tests.circulation.fixtures",
    "tests.news.fixtures",
    "tests.visits.fixtures",
    "tests.surveys.fixtures",
    "tests.training.fixtures",
    "tests.programs.fixtures",
]


def settings_for_tests(settings) -> dict:
    """Plain static storage (no collectstatic in tests), tasks run at once,
    Indonesian as the default language, caches in memory: the settings every
    test runs with, as changes to ``settings``."""
    return {
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "LANGUAGE_CODE": "id",
        "CACHES": {
            alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
            for alias in settings.CACHES
        },
    }


def fresh_state(settings) -> None:
    """Every cache empty, and the node's id read anew (a test's own)."""
    for alias in settings.CACHES:
        caches[alias].clear()
    local_node_id.cache_clear()


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """``settings_for_tests`` for every test, with nothing remembered from another."""
    for name, value in settings_for_tests(settings).items():
        setattr(settings, name, value)
    fresh_state(settings)


@pytest.fixture(autouse=True)
def _search_index_emptied(request):
    """After a test that commits (``transaction=True``), empty SQLite's
    full-text table too: Django's flush empties the tables it knows, not the
    FTS5 one, whose rows would otherwise name the next test's documents."""
    yield
    marker = request.node.get_closest_marker("django_db")
    committed = marker is not None and marker.kwargs.get("transaction")
    if not committed and not {"transactional_db", "live_server"} & set(request.fixturenames):
        return
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO catalog_search_fts(catalog_search_fts) VALUES ('delete-all')"
            )


@pytest.fixture
def regions(db):
    """Two kecamatan with two villages each (official codes)."""
    rows = [
        {"code": "64.02", "name": "Kabupaten Kutai Kartanegara", "level": "kabupaten"},
        {"code": "64.02.01", "name": "Muara Muntai", "level": "kecamatan"},
        {"code": "64.02.01.2006", "name": "Rebaq Rinding", "level": "desa"},
        {"code": "64.02.01.1001", "name": "Muara Muntai Ulu", "level": "kelurahan"},
        {"code": "64.02.06", "name": "Tenggarong", "level": "kecamatan"},
        {"code": "64.02.06.1007", "name": "Sukarame", "level": "kelurahan"},
        {"code": "64.02.06.2001", "name": "Bukit Biru", "level": "desa"},
    ]
    services.regions_load(actor=None, rows=rows)
    from pustaka.libraries.models import Region

    return {region.code: region for region in Region.objects.all()}


@pytest.fixture
def admin(db):
    """The first district administrator."""
    return services.staff_create_first_admin(
        username="admin", password=PASSWORD, first_name="Admin", last_name="Dinas"
    )


@pytest.fixture
def district(admin):
    return services.district_create(
        actor=admin, name="Kabupaten Kutai Kartanegara", region_code="64.02"
    )


@pytest.fixture
def library_a(admin, district, regions):
    return services.library_create(
        actor=admin,
        code="DSA",
        name="Perpustakaan Desa Rebaq Rinding",
        kind="desa",
        kecamatan=regions["64.02.01"],
        village=regions["64.02.01.2006"],
        opening_hours={"0": [["08:00", "12:00"]]},
    )


@pytest.fixture
def library_b(admin, district, regions):
    return services.library_create(
        actor=admin,
        code="DSB",
        name="Perpustakaan Desa Bukit Biru",
        kind="desa",
        kecamatan=regions["64.02.06"],
        village=regions["64.02.06.2001"],
    )


def make_staff(admin, username, role, library=None):
    return services.staff_create(
        actor=admin,
        username=username,
        password=PASSWORD,
        role=role,
        library=library,
        first_name=username.title(),
    )


@pytest.fixture
def viewer(admin, district):
    return make_staff(admin, "pemantau", Role.DISTRICT_VIEWER)


@pytest.fixture
def manager_a(admin, library_a):
    return make_staff(admin, "pengelola_a", Role.LIBRARY_MANAGER, library_a)


@pytest.fixture
def volunteer_a(admin, library_a):
    return make_staff(admin, "relawan_a", Role.VOLUNTEER, library_a)


@pytest.fixture
def manager_b(admin, library_b):
    return make_staff(admin, "pengelola_b", Role.LIBRARY_MANAGER, library_b)


@pytest.fixture
def client_for():
    """``client_for(user)``: a test client signed in as ``user``."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def record(admin):
    """A book in the union catalogue."""
    from pustaka.catalog import services as catalog_services

    return catalog_services.record_create(
        actor=admin,
        fields={
            "title": "Budidaya Lele di Kolam Terpal",
            "authors": [{"name": "Siti Aminah", "role": "author"}],
            "isbns": ["978-602-03-3295-6"],
            "year": 2019,
            "language": "ind",
            "ddc": "639.3",
        },
    )


@pytest.fixture
def item_a(record, manager_a, library_a):
    """A copy of ``record`` at library A, with a minted barcode."""
    from pustaka.catalog import services as catalog_services

    return catalog_services.item_create(actor=manager_a, record=record, library=library_a)


@pytest.fixture
def seeded(db):
    """What the data migrations seed (member categories, the district's default
    loan rule), again: a transactional test runs after others have emptied
    every table."""
    import importlib

    from django.apps import apps

    categories = importlib.import_module("pustaka.members.migrations.0002_default_categories")
    rule = importlib.import_module("pustaka.circulation.migrations.0002_district_default_rule")
    categories.add_defaults(apps, None)
    rule.add_default_rule(apps, None)
