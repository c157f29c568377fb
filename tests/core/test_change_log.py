"""The change log: every service that writes synced data leaves its row.

``test_every_service_has_a_change_log_case`` walks every public function of every
``pustaka/*/services.py``: a new service fails it until a case is added below
(or, with a reason, to one of the two explicit lists).
"""

import importlib
import inspect
import pkgutil

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import pustaka
import tests
from pustaka.catalog import services as catalog_services
from pustaka.core.changes import change_record, changes_batched, snapshot
from pustaka.core.ids import uuid7
from pustaka.core.models import AuditLog, ChangeLog
from pustaka.core.permissions import Role
from pustaka.core.services import api_token_create, api_token_revoke, user_set_language
from pustaka.inventory import services as inventory_services
from pustaka.libraries import services
from pustaka.libraries.models import Region
from tests.change_log import Expected
from tests.conftest import PASSWORD

# Public functions of services modules that write nothing synced: reads and helpers.
HELPERS = {
    # Reads the shipped CSV of regions; regions_load does the writing.
    "pustaka.libraries.services.read_regions_csv",
    # Hashes a token secret; pure.
    # Advances a node-local counter inside the caller's transaction; the codes it
    # mints are logged with the rows that carry them (copies, members).
    "pustaka.libraries.services.codes_mint",
    "pustaka.core.services.token_digest",
    # Looks a token up at each API call; only notes ``last_used_at`` on the
    # node-local token row (bookkeeping, not a change anyone replays).
    "pustaka.core.services.api_token_authenticate",
}

# Services that by design write node-local rows, which are never synced and so
# have no change-log row: they must leave an audit-log row instead.
NODE_LOCAL = {
    # ApiToken belongs to the installation that issued it; it is not synced.
    "pustaka.core.services.api_token_create": "api_token.create",
    "pustaka.core.services.api_token_revoke": "api_token.revoke",
}


def with_fixtures(case, request) -> dict:
    """The fixtures a case names as its parameters."""
    return {name: request.getfixturevalue(name) for name in inspect.signature(case).parameters}


def _user(user, operation, **fields):
    return Expected("core.user", str(user.pk), operation, fields)


def case_user_set_language(manager_a):
    user_set_language(user=manager_a, language="en")
    return [_user(manager_a, "update", language="en")]


def case_district_create(admin):
    district = services.district_create(
        actor=admin, name="Kabupaten Kutai Barat", region_code="64.07"
    )
    fields = {"name": "Kabupaten Kutai Barat", "region_code": "64.07"}
    return [Expected("libraries.district", str(district.pk), "create", fields)]


def case_district_update(district, admin):
    services.district_update(actor=admin, district=district, changes={"population": 806964})
    return [Expected("libraries.district", str(district.pk), "update", {"population": 806964})]


def case_regions_load(regions, admin):
    kecamatan = regions["64.02.01"]
    rows = [{"code": "64.02.01.2001", "name": "Perian", "level": "desa"}]
    assert services.regions_load(actor=admin, rows=rows) == 1
    region = Region.objects.get(code="64.02.01.2001")
    fields = {"code": "64.02.01.2001", "name": "Perian", "level": "desa"}
    fields["parent_id"] = str(kecamatan.pk)
    return [Expected("libraries.region", str(region.pk), "create", fields)]


def case_library_create(admin, regions):
    library = services.library_create(
        actor=admin,
        code="tb09",
        name="Taman Baca Sukarame",
        kind="taman_baca",
        kecamatan=regions["64.02.06"],
        village=regions["64.02.06.1007"],
    )
    fields = {"code": "TB09", "name": "Taman Baca Sukarame", "kind": "taman_baca"}
    fields["village_id"] = str(regions["64.02.06.1007"].pk)
    return [Expected("libraries.library", str(library.pk), "create", fields)]


def case_library_update(library_a, manager_a):
    services.library_update(actor=manager_a, library=library_a, changes={"phone": "0541-661234"})
    return [Expected("libraries.library", str(library_a.pk), "update", {"phone": "0541-661234"})]


def case_staff_create(manager_a, library_a):
    user = services.staff_create(
        actor=manager_a,
        username="relawan_baru",
        password=PASSWORD,
        role=Role.VOLUNTEER,
        library=library_a,
        first_name="Rina",
    )
    role_fields = {"role": "volunteer", "library_id": str(library_a.pk), "user_id": str(user.pk)}
    return [
        _user(user, "create", username="relawan_baru", first_name="Rina"),
        Expected("libraries.staffrole", str(user.staff_role.pk), "create", role_fields),
    ]


def case_staff_create_first_admin():
    user = services.staff_create_first_admin(username="kepala", password=PASSWORD)
    role_fields = {"role": "district_admin", "library_id": None, "user_id": str(user.pk)}
    return [
        _user(user, "create", username="kepala", is_active=True),
        Expected("libraries.staffrole", str(user.staff_role.pk), "create", role_fields),
    ]


def case_staff_update(volunteer_a, manager_a, library_a):
    user = volunteer_a
    services.staff_update(
        actor=manager_a,
        user=user,
        changes={"last_name": "Santoso"},
        role=Role.LIBRARY_MANAGER,
        library=library_a,
    )
    return [
        _user(user, "update", last_name="Santoso"),
        Expected(
            "libraries.staffrole", str(user.staff_role.pk), "update", {"role": "library_manager"}
        ),
    ]


def case_staff_set_password(volunteer_a, manager_a):
    user = volunteer_a
    services.staff_set_password(actor=manager_a, user=user, password="buku-baru-2026")
    user.refresh_from_db()
    assert user.check_password("buku-baru-2026")
    return [_user(user, "update", password=user.password)]


def case_record_create(admin):
    record = catalog_services.record_create(
        actor=admin,
        fields={"title": "Budidaya Lele", "isbns": ["0-306-40615-2"], "language": "ind"},
        marc=b"00026nam a2200025 a 4500\x1e\x1d",
    )
    return [
        Expected("catalog.record", str(record.pk), "create", {"title": "Budidaya Lele"}),
        Expected("catalog.recordmarc", str(record.pk), "create"),
    ]


def case_record_update(admin, record):
    catalog_services.record_update(actor=admin, record=record, changes={"year": 2021})
    return [Expected("catalog.record", str(record.pk), "update", {"year": 2021})]


def case_record_withdraw(admin, record):
    catalog_services.record_withdraw(actor=admin, record=record)
    record.refresh_from_db()
    deleted = {"deleted_at": record.deleted_at.isoformat()}
    return [Expected("catalog.record", str(record.pk), "update", deleted)]


def case_item_create(manager_a, record, library_a):
    item = catalog_services.item_create(actor=manager_a, record=record, library=library_a)
    return [Expected("catalog.item", str(item.pk), "create", {"barcode": "DSA-000001"})]


def case_item_update(manager_a, item_a):
    catalog_services.item_update(actor=manager_a, item=item_a, changes={"shelf": "Rak anak"})
    return [Expected("catalog.item", str(item_a.pk), "update", {"shelf": "Rak anak"})]


def case_item_withdraw(manager_a, item_a):
    catalog_services.item_withdraw(actor=manager_a, item=item_a)
    return [Expected("catalog.item", str(item_a.pk), "update", {"status": "withdrawn"})]


def _stock_take(manager_a, library_a):
    return inventory_services.stocktake_start(actor=manager_a, library=library_a)


@pytest.fixture
def stock_take(manager_a, library_a, item_a):
    return _stock_take(manager_a, library_a)


def case_stocktake_start(manager_a, library_a):
    stock_take = _stock_take(manager_a, library_a)
    return [Expected("inventory.stocktake", str(stock_take.pk), "create", {"status": "open"})]


def case_stocktake_scan(manager_a, stock_take, item_a):
    scan = inventory_services.stocktake_scan(
        actor=manager_a, stock_take=stock_take, barcode=item_a.barcode
    )
    return [Expected("inventory.stocktakescan", str(scan.pk), "create", {"outcome": "found"})]


def case_stocktake_mark_missing_lost(manager_a, stock_take, item_a):
    inventory_services.stocktake_mark_missing_lost(actor=manager_a, stock_take=stock_take)
    return [
        Expected("catalog.item", str(item_a.pk), "update", {"status": "lost"}),
        Expected("inventory.stocktake", str(stock_take.pk), "update", {"marked_lost": 1}),
    ]


def case_stocktake_close(manager_a, stock_take):
    inventory_services.stocktake_close(actor=manager_a, stock_take=stock_take)
    return [Expected("inventory.stocktake", str(stock_take.pk), "update", {"status": "closed"})]


def case_records_import_batch(admin, record, library_a, manager_a):
    from pustaka.catalog.marc import ImportEntry, ImportItem
    from pustaka.catalog.models import Item, Record

    marc = b"00026nam a2200025 a 4500\x1e\x1d"
    new = ImportEntry(
        position=1,
        label="record 1",
        fields={"title": "Beternak Ayam Kampung", "control_number": "ocm0001"},
        marc=marc,
        items=[ImportItem(barcode="DSA-77001")],
    )
    again = ImportEntry(
        position=2,
        label="record 2",
        fields={"title": record.title, "isbns": record.isbns, "year": 2020},
        marc=marc,
    )
    result = catalog_services.records_import_batch(
        actor=manager_a, library=library_a, entries=[new, again]
    )
    assert (result.imported, result.updated, result.items_added) == (1, 1, 1)
    created = Record.objects.get(control_number="ocm0001")
    item = Item.objects.get(barcode="DSA-77001")
    return [
        Expected("catalog.record", str(created.pk), "create", {"title": "Beternak Ayam Kampung"}),
        Expected("catalog.recordmarc", str(created.pk), "create"),
        Expected("catalog.item", str(item.pk), "create", {"library_id": str(library_a.pk)}),
        Expected("catalog.record", str(record.pk), "update", {"year": 2020}),
        Expected("catalog.recordmarc", str(record.pk), "create"),
    ]


CASES = {
    "pustaka.inventory.services.stocktake_start": case_stocktake_start,
    "pustaka.inventory.services.stocktake_scan": case_stocktake_scan,
    "pustaka.inventory.services.stocktake_mark_missing_lost": case_stocktake_mark_missing_lost,
    "pustaka.inventory.services.stocktake_close": case_stocktake_close,
    "pustaka.catalog.services.record_create": case_record_create,
    "pustaka.catalog.services.record_update": case_record_update,
    "pustaka.catalog.services.record_withdraw": case_record_withdraw,
    "pustaka.catalog.services.records_import_batch": case_records_import_batch,
    "pustaka.catalog.services.item_create": case_item_create,
    "pustaka.catalog.services.item_update": case_item_update,
    "pustaka.catalog.services.item_withdraw": case_item_withdraw,
    "pustaka.core.services.user_set_language": case_user_set_language,
    "pustaka.libraries.services.district_create": case_district_create,
    "pustaka.libraries.services.district_update": case_district_update,
    "pustaka.libraries.services.regions_load": case_regions_load,
    "pustaka.libraries.services.library_create": case_library_create,
    "pustaka.libraries.services.library_update": case_library_update,
    "pustaka.libraries.services.staff_create": case_staff_create,
    "pustaka.libraries.services.staff_create_first_admin": case_staff_create_first_admin,
    "pustaka.libraries.services.staff_update": case_staff_update,
    "pustaka.libraries.services.staff_set_password": case_staff_set_password,
}


def app_cases() -> tuple[dict, set]:
    """The cases and helpers each app's tests add, in
    ``tests/<app>/change_log_cases.py`` (``CASES``, ``HELPERS``); their
    fixtures come from ``tests/<app>/fixtures.py``."""
    cases, helpers = {}, set()
    for app in pkgutil.iter_modules(tests.__path__):
        try:
            module = importlib.import_module(f"tests.{app.name}.change_log_cases")
        except ModuleNotFoundError as error:
            if error.name != f"tests.{app.name}.change_log_cases":
                raise
            continue
        cases.update(module.CASES)
        helpers.update(getattr(module, "HELPERS", set()))
    return cases, helpers


_cases, _helpers = app_cases()
CASES.update(_cases)
HELPERS.update(_helpers)


# Modules of services: ``services`` in every app, and the members' accounts.
SERVICE_MODULES = ("services", "accounts")


def discovered_services() -> set[str]:
    """``module.function`` of every public function defined in a services module."""
    names = set()
    for app in pkgutil.iter_modules(pustaka.__path__):
        if not app.ispkg:
            continue
        for module_name in SERVICE_MODULES:
            dotted = f"pustaka.{app.name}.{module_name}"
            try:
                module = importlib.import_module(dotted)
            except ModuleNotFoundError as error:
                if error.name != dotted:
                    raise
                continue
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if function.__module__ == module.__name__ and not name.startswith("_"):
                    names.add(f"{module.__name__}.{name}")
    return names


def test_every_service_has_a_change_log_case():
    # given every public function of every services module
    found = discovered_services()
    # then each is a case, node-local with an audit row, or a named helper
    assert not set(CASES) & set(NODE_LOCAL), "a service is in two lists"
    assert not (set(CASES) | set(NODE_LOCAL)) & HELPERS, "a service is in two lists"
    missing = found - set(CASES) - set(NODE_LOCAL) - HELPERS
    assert not missing, f"add a change-log case for: {sorted(missing)}"
    assert found == set(CASES) | set(NODE_LOCAL) | HELPERS, "a listed service no longer exists"


def test_the_walk_finds_the_foundation_services():
    # guards the discovery itself: if it found nothing, the test above would pass
    found = discovered_services()
    assert "pustaka.libraries.services.library_create" in found
    assert "pustaka.core.services.user_set_language" in found
    assert "pustaka.libraries.services._check_village" not in found
    assert "pustaka.libraries.services.validate_password" not in found
    assert "pustaka.members.accounts.member_password_set" in found


@pytest.mark.parametrize("service", sorted(CASES))
def test_service_write_leaves_its_change_log_row(service, request, db):
    # given the data the case needs (its parameters name fixtures), built first
    case = CASES[service]
    given = with_fixtures(case, request)
    last_seq = ChangeLog.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    # when the service writes once
    expected_rows = case(**given)
    # then each written entity has a new change-log row with its changed fields
    new_rows = list(ChangeLog.objects.filter(seq__gt=last_seq).order_by("seq"))
    assert expected_rows
    for expected in expected_rows:
        rows = [
            row
            for row in new_rows
            if (row.entity, row.entity_id) == (expected.entity, expected.entity_id)
        ]
        assert len(rows) == 1, f"{service}: no single change-log row for {expected.entity}"
        row = rows[0]
        assert row.operation == expected.operation
        assert {name: row.fields.get(name) for name in expected.fields} == expected.fields
        assert row.schema_version == 1
        if expected.operation == "update":
            assert row.previous is not None
            assert set(row.fields) <= set(row.previous)
        else:  # SQL NULL, not a JSON null
            assert ChangeLog.objects.filter(seq=row.seq, previous__isnull=True).exists()


def test_service_cases_log_who_did_it(admin, manager_a, library_a):
    services.library_update(actor=manager_a, library=library_a, changes={"email": "a@desa.id"})
    row = ChangeLog.objects.latest("seq")
    assert row.staff == manager_a
    assert row.origin_node is not None


def test_a_change_log_row_may_name_staff_who_are_not_users_here(manager_a, library_a):
    """A row synced from another node names that node's staff."""
    services.library_update(actor=manager_a, library=library_a, changes={"email": "b@desa.id"})
    row = ChangeLog.objects.latest("seq")
    row.staff_id = uuid7()
    row.save(update_fields=["staff"])

    connection.check_constraints(table_names=[ChangeLog._meta.db_table])

    assert ChangeLog.objects.get(seq=row.seq).staff_id == row.staff_id


def case_api_token_create(admin, manager_a):
    token, _secret = api_token_create(actor=admin, user=manager_a, name="SLiMS")
    return token


def case_api_token_revoke(admin, manager_a):
    token, _secret = api_token_create(actor=admin, user=manager_a, name="SLiMS")
    api_token_revoke(actor=admin, token=token)
    return token


NODE_LOCAL_CASES = {
    "pustaka.core.services.api_token_create": case_api_token_create,
    "pustaka.core.services.api_token_revoke": case_api_token_revoke,
}


@pytest.mark.parametrize("service", sorted(NODE_LOCAL))
def test_node_local_service_leaves_an_audit_row_and_no_change_log(service, request, db):
    case = NODE_LOCAL_CASES[service]
    given = with_fixtures(case, request)
    changes_before = ChangeLog.objects.count()
    # when
    token = case(**given)
    # then
    assert ChangeLog.objects.count() == changes_before
    audit = AuditLog.objects.filter(action=NODE_LOCAL[service], entity_id=str(token.pk)).get()
    assert audit.entity == "core.apitoken"
    assert audit.actor == given["admin"]


def test_node_local_lists_match():
    assert set(NODE_LOCAL_CASES) == set(NODE_LOCAL)


@pytest.mark.django_db(transaction=True)
def test_change_record_outside_a_transaction_raises(admin):
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        change_record(instance=admin, operation=ChangeLog.Operation.UPDATE, staff=admin)


def test_update_with_no_real_change_writes_no_row(admin, library_a):
    # given a library whose phone is already set
    services.library_update(actor=admin, library=library_a, changes={"phone": "0541-661000"})
    count = ChangeLog.objects.count()
    # when the same values are saved again
    changed = services.library_update(
        actor=admin, library=library_a, changes={"phone": "0541-661000", "name": library_a.name}
    )
    # then
    assert changed == []
    assert ChangeLog.objects.count() == count


def test_change_record_of_an_unchanged_row_writes_nothing(admin, library_a):
    count = ChangeLog.objects.count()
    with transaction.atomic():
        logged = change_record(
            instance=library_a, operation="update", staff=admin, previous=snapshot(library_a)
        )
    assert logged is False
    assert ChangeLog.objects.count() == count


def _log_inserts(queries) -> int:
    return sum('INSERT INTO "core_changelog"' in query["sql"] for query in queries.captured_queries)


def test_a_batch_writes_its_rows_in_one_insert_when_it_ends(admin, library_a, library_b):
    # given a changed library and another one to log
    before = snapshot(library_a)
    library_a.phone = "0541-1"
    library_a.save(update_fields=["phone"])
    count = ChangeLog.objects.count()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        # when both are logged in a batch
        with changes_batched():
            change_record(instance=library_a, operation="update", staff=admin, previous=before)
            change_record(instance=library_b, operation="create", staff=admin)
            assert ChangeLog.objects.count() == count  # nothing is written yet
        rows = list(ChangeLog.objects.order_by("seq")[count:])
    # then both rows are written, in order, by one statement
    assert _log_inserts(queries) == 1
    assert [(row.entity_id, row.operation) for row in rows] == [
        (str(library_a.pk), "update"),
        (str(library_b.pk), "create"),
    ]
    assert rows[0].fields == {"phone": "0541-1"} and rows[0].previous == before
    assert rows[0].hlc < rows[1].hlc
    # a created row's previous version is SQL NULL, not a JSON null
    assert ChangeLog.objects.filter(seq=rows[1].seq, previous__isnull=True).exists()


def test_a_batch_that_raises_writes_nothing(admin, library_a):
    count = ChangeLog.objects.count()
    with pytest.raises(ValueError), transaction.atomic(), changes_batched():
        change_record(instance=library_a, operation="create", staff=admin)
        raise ValueError
    assert ChangeLog.objects.count() == count


def test_hlc_values_strictly_increase(admin, library_a):
    # when several writes follow each other
    for phone in ["0541-1", "0541-2", "0541-3"]:
        services.library_update(actor=admin, library=library_a, changes={"phone": phone})
    # then every clock value is larger than the one before, in log order
    values = list(ChangeLog.objects.order_by("seq").values_list("hlc", flat=True))
    assert len(values) > 10
    assert all(later > earlier for earlier, later in zip(values, values[1:], strict=False))


def test_change_log_previous_holds_the_previous_version(admin, library_a):
    # given
    before = snapshot(library_a)
    # when
    services.library_update(
        actor=admin, library=library_a, changes={"phone": "0541-661000", "description": "Baru"}
    )
    # then
    row = ChangeLog.objects.latest("seq")
    assert row.operation == "update"
    assert row.fields == {"phone": "0541-661000", "description": "Baru"}
    assert row.previous == before
    assert row.previous["phone"] == ""
    assert row.previous["name"] == "Perpustakaan Desa Rebaq Rinding"


def test_user_rows_are_replayable_from_the_log(admin, manager_a):
    # the user row of a new staff account, as logged, matches the stored row
    row = ChangeLog.objects.get(entity="core.user", entity_id=str(manager_a.pk))
    manager_a.refresh_from_db()
    assert row.fields == snapshot(manager_a)


def test_staff_password_change_can_be_replayed(admin, volunteer_a, manager_a):
    # given a password set by the manager
    services.staff_set_password(actor=manager_a, user=volunteer_a, password="buku-baru-2026")
    # when the user row is rebuilt from its change-log rows in order
    rebuilt = {}
    for row in ChangeLog.objects.filter(entity="core.user", entity_id=str(volunteer_a.pk)):
        rebuilt.update(row.fields)
    # then the password that works is the rebuilt one
    volunteer_a.refresh_from_db()
    assert rebuilt["password"] == volunteer_a.password
