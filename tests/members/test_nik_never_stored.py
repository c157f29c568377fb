"""The full NIK is never kept: not in any table (members, change log, audit
log, sessions, ...), not in the logs, not in the exports. Only its keyed hash
and last four digits are."""

import json
import logging

from django.db import connection

from tests.members.conftest import pdf_text

NIK = "6402064302850001"  # a woman born 3 February 1985
OTHER_NIK = "6402064302850777"


def every_stored_text() -> str:
    """Every row of every table, as one text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_full_nik_appears_nowhere(client_for, api_for, manager_a, caplog, settings):
    caplog.set_level(logging.DEBUG)
    settings.DEBUG = False
    client = client_for(manager_a)
    # when a member is registered with a NIK through the page, another through the API
    data = {
        "name": "Nur Aini",
        "gender": "female",
        "birth_date": "1985-02-03",
        "category": "",
        "notices_by": "sms",
        "consent": "on",
        "nik": "6402 0643 0285 0001",
    }
    from pustaka.members.models import Member, MemberCategory

    data["category"] = str(MemberCategory.objects.get(code="general").pk)
    assert client.post("/staff/members/register/", data).status_code == 302
    member = Member.objects.get()
    # and the NIK is changed through the edit page
    data["nik"] = OTHER_NIK
    assert client.post(f"/staff/members/{member.pk}/edit/", data).status_code == 302
    # a refused registration (duplicate shown) also passes through with the NIK
    refused = client.post("/staff/members/register/", {**data, "name": "Nur"})
    assert refused.status_code == 200
    api = api_for(manager_a)
    body = {
        "name": "Budi",
        "gender": "male",
        "birth_date": "1985-02-03",
        "nik": "6402060302850002",
        "consent_statement": "Setuju",
    }
    assert api.post("/api/v1/members", body, content_type="application/json").status_code == 201
    # and exported
    exported_json = client.post(f"/staff/members/{member.pk}/export.json").content.decode()
    exported_pdf = pdf_text(client.post(f"/staff/members/{member.pk}/export.pdf").content)
    # then the hash and last four digits are kept
    member.refresh_from_db()
    assert member.nik_last4 == "0777" and len(member.nik_hash) == 64
    # but no full NIK anywhere
    stored = every_stored_text()
    assert "members_member" in connection.introspection.table_names()
    assert "Nur Aini" in stored  # the scan does read the members' rows
    logs = caplog.text + json.dumps([record.getMessage() for record in caplog.records])
    for nik in (NIK, OTHER_NIK, "6402060302850002"):
        for where, text in [
            ("database", stored),
            ("logs", logs),
            ("JSON export", exported_json),
            ("PDF export", exported_pdf),
        ]:
            assert nik not in text, f"the full NIK is in the {where}"
    assert "0777" in exported_json
