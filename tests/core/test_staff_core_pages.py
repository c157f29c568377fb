"""The office's API token and audit log pages."""

import re

import pytest

from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.models import ApiToken, AuditLog
from pustaka.core.services import api_token_authenticate, api_token_create
from pustaka.libraries import services


def test_admin_issues_a_token_shown_once(client_for, admin, manager_a):
    client = client_for(admin)
    response = client.post("/staff/tokens/", {"name": "SLiMS sync", "user": str(manager_a.pk)})
    assert response.status_code == 200
    secret = re.search(r"<code>(pst_[\w-]+)</code>", response.text)[1]
    # the token acts as the manager, and only its digest is stored
    assert api_token_authenticate(secret) == manager_a
    token = ApiToken.objects.get()
    assert (token.name, token.prefix, token.created_by) == ("SLiMS sync", secret[:10], admin)
    assert secret not in (token.digest, token.prefix)
    # the list shows its start, never the whole secret again
    listing = client.get("/staff/tokens/").text
    assert secret not in listing
    assert f"<code>{secret[:10]}…</code>" in listing


def test_admin_revokes_a_token(client_for, admin, manager_a):
    token, secret = api_token_create(actor=admin, user=manager_a, name="skrip")
    response = client_for(admin).post(f"/staff/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert api_token_authenticate(secret) is None
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_is_a_post(client_for, admin, manager_a):
    token, secret = api_token_create(actor=admin, user=manager_a, name="skrip")
    assert client_for(admin).get(f"/staff/tokens/{token.pk}/revoke/").status_code == 405
    assert api_token_authenticate(secret) == manager_a


def test_token_of_a_deactivated_account_stops_working(admin, manager_a):
    token, secret = api_token_create(actor=admin, user=manager_a, name="skrip")
    services.staff_update(actor=admin, user=manager_a, changes={"is_active": False})
    assert api_token_authenticate(secret) is None


def test_only_the_office_issues_tokens(admin, manager_a, viewer):
    for actor in (manager_a, viewer):
        with pytest.raises(NotPermitted):
            api_token_create(actor=actor, user=manager_a, name="x")
    assert ApiToken.objects.count() == 0


def test_a_token_must_act_as_a_staff_account(admin, db, django_user_model):
    user = django_user_model(username="tanpa_peran")
    with pytest.raises(Invalid):
        api_token_create(actor=admin, user=user, name="x")


@pytest.mark.parametrize("who", ["manager_a", "volunteer_a", "viewer"])
def test_only_the_office_sees_tokens_and_the_audit_log(who, request, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/staff/tokens/").status_code == 403
    assert client.get("/staff/audit/").status_code == 403


def test_audit_log_lists_who_did_what_newest_first(client_for, admin, manager_a, volunteer_a):
    response = client_for(admin).get("/staff/audit/")
    assert response.status_code == 200
    actions = re.findall(r"<td><code>([\w.]+)</code></td>", response.text)
    assert actions == list(AuditLog.objects.values_list("action", flat=True))
    assert actions[0] == "staff.create"
    assert actions[-1] == "staff.create_first_admin"
    assert str(volunteer_a.pk) in response.text
