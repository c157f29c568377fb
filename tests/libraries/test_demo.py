"""``pustaka demo``: the demo district of Kutai Kartanegara, loadable again and again."""

import re
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from pustaka.core.models import ChangeLog
from pustaka.libraries.demo import DEMO_PASSWORD
from pustaka.libraries.models import District, Library, Region, StaffRole
from tests.conftest import fresh_state, settings_for_tests

MODELS = [District, Region, Library, StaffRole, get_user_model()]


def run_demo(*args, **options) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, **options)
    return out.getvalue()


def database_snapshot() -> dict:
    """Every field of every row of the demo's tables, and the size of the change log."""
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}
    return {**rows, "changes": ChangeLog.objects.count()}


@pytest.fixture(scope="class")
def demo_output(django_db_setup, django_db_blocker):
    """The demo loaded once for a class's tests (it is most of their time),
    with the settings every test has, in a transaction undone after the last
    of them; each test runs in one of its own inside it, undone after the
    test, as every test does."""
    with (
        override_settings(**settings_for_tests(django_settings)),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        fresh_state(django_settings)
        output = run_demo()
        yield output
        transaction.set_rollback(True)


def added(output: str) -> dict[str, int]:
    """What the demo's summary line says it added, by kind (every app's loader
    adds its own kinds)."""
    sentence = re.search(r"added (.*?)\.\n", output).group(1)
    counts = {}
    for part in sentence.split(", "):
        number, kind = part.split(" ", 1)
        counts[kind] = int(number)
    assert {"regions", "libraries", "accounts", "members", "loans"} <= set(counts)
    return counts


def test_demo_if_empty_does_nothing_when_a_district_exists(district, library_a):
    # given an installation with its own district and library
    before = database_snapshot()
    # when
    output = run_demo(if_empty=True)
    # then nothing is added
    assert database_snapshot() == before
    assert "Demo district" not in output
    assert list(Library.objects.values_list("code", flat=True)) == ["DSA"]


def test_demo_if_empty_loads_an_empty_database(db):
    output = run_demo(if_empty=True)
    assert "added 258 regions, 23 libraries, 4 accounts, 3000 records, " in output
    assert Library.objects.count() == 23


def test_demo_if_empty_leaves_a_real_installation_being_set_up_alone(db):
    # given a real installation: a superuser created, the district not yet named
    call_command("createsuperuser", interactive=False, username="kepala", email="k@desa.id")
    # when `pustaka start` runs the demo "if empty"
    output = run_demo(if_empty=True)
    # then no demo district, libraries or demo accounts (known passwords!) appear
    assert "Demo district" not in output
    assert "demo-pustaka-2026" not in output, "no logins printed that do not exist"
    assert not District.objects.exists()
    assert not Library.objects.exists()
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["kepala"]


class TestTheDemoLoaded:
    """What one run of ``pustaka demo`` on an empty database gives (loaded once
    for them all: ``demo_output``)."""

    def test_demo_loads_the_district_its_libraries_and_accounts(self, db, demo_output):
        district = District.objects.get()
        assert (district.name, district.region_code, district.population) == (
            "Kabupaten Kutai Kartanegara",
            "64.02",
            806964,
        )
        assert Library.objects.count() == 23
        assert Region.objects.filter(level="kecamatan").count() == 20
        assert dict(StaffRole.objects.values_list("user__username", "role")) == {
            "admin": "district_admin",
            "pemantau": "district_viewer",
            "pengelola": "library_manager",
            "relawan": "volunteer",
            "pengelola2": "library_manager",
        }
        assert StaffRole.objects.get(user__username="relawan").library.code == "DS01"
        assert Library.objects.get(code="DS01").village.name == "Rebaq Rinding"
        assert "added 258 regions, 23 libraries, 4 accounts, 3000 records, " in demo_output

    def test_demo_prints_the_logins(self, db, demo_output):
        lines = demo_output.splitlines()
        assert "Demo logins (username / password):" in lines
        for username in ["admin", "pemantau", "pengelola", "relawan", "pengelola2"]:
            assert any(line.split()[:2] == [username, DEMO_PASSWORD] for line in lines), username
        assert any(line.split()[0] == "relawan" and line.endswith("(DS01)") for line in lines)

    def test_demo_logins_work(self, db, demo_output, client):
        response = client.post(
            "/accounts/login/", {"username": "pengelola", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302
        assert client.get("/staff/libraries/DS01/").status_code == 200

    def test_demo_twice_leaves_the_same_data(self, db, demo_output):
        # given the demo loaded once
        first = database_snapshot()
        # when it runs again
        output = run_demo()
        # then every row and the change log are exactly as they were
        assert database_snapshot() == first
        assert added(output) == dict.fromkeys(added(output), 0)

    def test_demo_completes_a_partly_loaded_district(self, db, demo_output):
        # given a demo whose account was lost
        full = {name: len(rows) for name, rows in database_snapshot().items() if name != "changes"}
        StaffRole.objects.filter(user__username="pengelola2").delete()
        get_user_model().objects.filter(username="pengelola2").delete()
        # when
        output = run_demo()
        # then only what was missing comes back
        assert added(output) == {**dict.fromkeys(added(output), 0), "accounts": 1}
        again = {name: len(rows) for name, rows in database_snapshot().items() if name != "changes"}
        assert again == full

    def test_demo_catalogue_spreads_copies_over_the_libraries(self, db, demo_output):
        from pustaka.catalog.models import Item, Record
        from pustaka.catalog.search.service import catalog_search

        assert Record.objects.count() == 3000
        holding = set(Item.objects.values_list("library__code", flat=True).distinct())
        assert holding == set(Library.objects.values_list("code", flat=True))
        assert catalog_search(query="budidaya").total > 0
