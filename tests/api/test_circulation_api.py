"""The circulation desk through the API: checkout with refusals as 409 and
overrides, returns that say what to do next, renewals, holds, transfers,
the desk's member summary, and who may lend where and see what."""

import datetime

import pytest
from django.utils import timezone

from pustaka.catalog.models import Item
from pustaka.circulation.models import Hold, Loan, LoanRule, Transfer
from pustaka.core.models import AuditLog


def post(client, path, data=None):
    return client.post(f"/api/v1{path}", data=data or {}, content_type="application/json")


def get(client, path, params=None):
    return client.get(f"/api/v1{path}", params or {})


def lend(client, member, item, **extra):
    return post(client, "/checkouts", {"member": member.number, "barcode": item.barcode, **extra})


# --- checkout ------------------------------------------------------------------


def test_checkout_lends_the_copy_until_a_day_the_library_is_open(
    api_client_for, manager_a, member_a, item_a, record
):
    response = lend(api_client_for(manager_a), member_a, item_a)

    assert response.status_code == 201
    body = response.json()
    loan = Loan.objects.get(item=item_a, returned_at__isnull=True)
    due_on = datetime.date.fromisoformat(body.pop("due_on"))
    assert body.pop("checked_out_at")
    assert body == {
        "id": str(loan.pk),
        "barcode": item_a.barcode,
        "record": str(record.pk),
        "title": "Budidaya Lele di Kolam Terpal",
        "member": member_a.number,
        "library": "DSA",
        "overdue": False,
        "renewals": 0,
        "overridden": False,
        "returned_at": None,
    }
    # 14 days, moved on to a Monday: library A opens on Mondays only
    assert due_on.weekday() == 0
    assert 14 <= (due_on - timezone.localdate()).days < 21
    item_a.refresh_from_db()
    assert item_a.status == Item.Status.ON_LOAN


def test_a_refused_checkout_is_a_409_with_the_reasons_in_words(
    api_client_for, manager_a, member_a, member_a2, item_a
):
    client = api_client_for(manager_a)
    lend(client, member_a, item_a)

    response = lend(client, member_a2, item_a, override=True)

    assert response.status_code == 409
    assert response.json() == {
        "code": "not_available",
        "message": "This copy is not on the shelf: On loan.",
        "refusals": [
            {
                "code": "not_available",
                "message": "This copy is not on the shelf: On loan.",
                "overridable": False,
            }
        ],
        "overridable": False,
    }
    assert Loan.objects.filter(item=item_a).count() == 1


def test_an_overridable_refusal_lends_with_override_and_is_audited(
    api_client_for, manager_a, library_a, member_a, item_a, item_a2
):
    LoanRule.objects.create(library=library_a, max_loans=1)
    client = api_client_for(manager_a)
    lend(client, member_a, item_a)

    refused = lend(client, member_a, item_a2)
    lent = lend(client, member_a, item_a2, override=True)

    assert refused.status_code == 409
    assert refused.json()["refusals"] == [
        {
            "code": "limit_reached",
            "message": "The member already has 1 items on loan (the limit is 1).",
            "overridable": True,
        }
    ]
    assert refused.json()["overridable"] is True
    assert lent.status_code == 201 and lent.json()["overridden"] is True
    audit = AuditLog.objects.get(action="loan.override")
    assert audit.entity_id == lent.json()["id"] and audit.detail == {"refusals": ["limit_reached"]}


def test_unknown_member_and_barcode_are_said_plainly(api_client_for, manager_a, member_a, item_a):
    client = api_client_for(manager_a)

    no_member = post(client, "/checkouts", {"member": "DSA-999999", "barcode": item_a.barcode})
    no_copy = post(client, "/checkouts", {"member": member_a.number, "barcode": "XYZ-1"})

    assert no_member.status_code == 404
    assert no_member.json() == {
        "code": "not_found",
        "message": "No member has the number “DSA-999999”.",
    }
    assert no_copy.status_code == 404
    assert no_copy.json()["message"] == "No copy has the barcode “XYZ-1”."


# --- return --------------------------------------------------------------------


def test_a_return_at_home_says_shelve_it(api_client_for, manager_a, loan_a):
    response = post(api_client_for(manager_a), "/returns", {"barcode": loan_a.item.barcode})

    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("barcode", "action", "instruction", "fine", "hold")} == {
        "barcode": loan_a.item.barcode,
        "action": "shelve",
        "instruction": "Put it back on the shelf.",
        "fine": 0,
        "hold": None,
    }
    assert body["loan"]["id"] == str(loan_a.pk) and body["loan"]["returned_at"]
    assert body["loan"]["member"] is None  # the member keeps no reading history
    assert Item.objects.get(pk=loan_a.item_id).status == Item.Status.AVAILABLE


def test_a_return_with_a_hold_waiting_here_goes_to_the_hold_shelf(
    api_client_for, manager_a, loan_a, hold_b, member_b
):
    body = post(api_client_for(manager_a), "/returns", {"barcode": loan_a.item.barcode}).json()

    assert body["action"] == "hold_shelf"
    assert body["instruction"] == (
        f"Put it on the hold shelf for Budi Santoso ({member_b.number})."
    )
    assert body["hold"]["id"] == str(hold_b.pk)
    assert body["hold"]["status"] == "ready"
    assert body["hold"]["trapped_copy"] == loan_a.item.barcode


def test_a_return_elsewhere_is_sent_home(api_client_for, manager_b, loan_a):
    body = post(api_client_for(manager_b), "/returns", {"barcode": loan_a.item.barcode}).json()

    assert body["action"] == "transfer"
    assert body["instruction"] == "Send it to Perpustakaan Desa Rebaq Rinding."
    transfer = Transfer.objects.get(item=loan_a.item)
    assert body["transfer"]["id"] == str(transfer.pk)
    assert {key: body["transfer"][key] for key in ("from_library", "to_library", "status")} == {
        "from_library": "DSB",
        "to_library": "DSA",
        "status": "to_send",
    }


# --- renew ---------------------------------------------------------------------


def test_renew_then_refused_then_overridden(api_client_for, manager_a, loan_a):
    client = api_client_for(manager_a)

    first = post(client, f"/loans/{loan_a.pk}/renew")
    second = post(client, f"/loans/{loan_a.pk}/renew")
    third = post(client, f"/loans/{loan_a.pk}/renew", {"override": True})

    assert first.status_code == 200 and first.json()["renewals"] == 1
    assert first.json()["due_on"] > loan_a.due_on.isoformat()
    assert second.status_code == 409
    assert second.json()["code"] == "no_renewals_left" and second.json()["overridable"] is True
    assert third.status_code == 200
    assert third.json()["renewals"] == 2


def test_a_returned_loan_is_not_renewed(api_client_for, manager_a, loan_a):
    client = api_client_for(manager_a)
    post(client, "/returns", {"barcode": loan_a.item.barcode})

    response = post(client, f"/loans/{loan_a.pk}/renew")

    assert response.status_code == 422
    assert response.json()["code"] == "loan_closed"


# --- loans and the desk summary ---------------------------------------------------


def test_desk_summary_shows_what_lending_needs_only(
    api_client_for, manager_b, member_a, loan_a, item_a
):
    response = get(api_client_for(manager_b), f"/desk/members/{member_a.number.lower()}")

    assert response.status_code == 200
    body = response.json()
    # nothing personal beyond the name: no phone, e-mail, address, birth date or NIK
    assert body["member"] == {
        "id": str(member_a.pk),
        "number": member_a.number,
        "name": "Siti Rahmawati",
        "library_code": "DSA",
        "library_name": "Perpustakaan Desa Rebaq Rinding",
        "category_code": member_a.category.code,
        "category_name": member_a.category.name,
        "status": member_a.status,
        "expires_on": member_a.expires_on.isoformat() if member_a.expires_on else None,
        "is_expired": False,
        "is_blocked": False,
        "blocked_reason": "",
        "is_minor": False,
    }
    assert body["may_borrow"] is True and body["warnings"] == []
    assert [loan["barcode"] for loan in body["loans"]] == [item_a.barcode]
    assert body["holds_ready"] == []


def test_desk_summary_warns_of_a_blocked_member_and_lists_ready_holds(
    api_client_for, manager_a, member_b, ready_hold
):
    Member = type(member_b)
    Member.objects.filter(pk=member_b.pk).update(
        blocked_at=timezone.now(), blocked_reason="Buku rusak"
    )

    body = get(api_client_for(manager_a), f"/desk/members/{member_b.number}").json()

    assert body["may_borrow"] is False
    assert body["warnings"] == [
        {"code": "blocked", "message": "The member is blocked: Buku rusak", "overridable": True}
    ]
    assert [hold["id"] for hold in body["holds_ready"]] == [str(ready_hold.pk)]


def test_open_loans_at_any_desk_history_only_at_home(
    api_client_for, manager_a, manager_b, member_a, loan_a
):
    open_loans = get(api_client_for(manager_b), "/loans", {"member": member_a.number})
    history_elsewhere = get(
        api_client_for(manager_b), "/loans", {"member": member_a.number, "returned": "true"}
    )
    history_at_home = get(
        api_client_for(manager_a), "/loans", {"member": member_a.number, "returned": "true"}
    )

    assert [loan["id"] for loan in open_loans.json()] == [str(loan_a.pk)]
    assert history_elsewhere.status_code == 404
    assert [loan["id"] for loan in history_at_home.json()] == [str(loan_a.pk)]


# --- holds ---------------------------------------------------------------------


def test_place_list_and_cancel_a_hold(
    api_client_for, manager_a, member_a2, member_b, record, loan_a
):
    client = api_client_for(manager_a)

    placed = post(client, "/holds", {"member": member_b.number, "record": str(record.pk)})
    second = post(client, "/holds", {"member": member_a2.number, "barcode": loan_a.item.barcode})
    listed = get(client, "/holds", {"member": member_a2.number})
    cancelled = post(client, f"/holds/{placed.json()['id']}/cancel")

    assert placed.status_code == 201
    assert {key: placed.json()[key] for key in ("member", "pickup_library", "status")} == {
        "member": member_b.number,
        "pickup_library": "DSA",
        "status": "waiting",
    }
    assert placed.json()["queue_position"] == 1
    assert second.status_code == 201 and second.json()["copy_only"] == loan_a.item.barcode
    assert [(h["id"], h["queue_position"]) for h in listed.json()] == [(second.json()["id"], 2)]
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert Hold.objects.get(pk=placed.json()["id"]).status == Hold.Status.CANCELLED


def test_a_second_hold_on_the_same_book_is_refused(api_client_for, manager_a, member_b, hold_b):
    response = post(
        api_client_for(manager_a),
        "/holds",
        {"member": member_b.number, "record": str(hold_b.record_id)},
    )

    assert response.status_code == 422
    assert response.json()["code"] == "hold_exists"


def test_the_pickup_library_lists_its_ready_holds(api_client_for, manager_a, manager_b, ready_hold):
    ready = get(api_client_for(manager_a), "/holds", {"library": "DSA", "show": "ready"})
    elsewhere = get(api_client_for(manager_b), "/holds", {"library": "DSA"})
    neither = get(api_client_for(manager_a), "/holds")

    assert [hold["id"] for hold in ready.json()] == [str(ready_hold.pk)]
    assert elsewhere.status_code == 403
    assert neither.status_code == 422


# --- transfers -----------------------------------------------------------------


def test_transfers_to_send_then_to_receive(api_client_for, manager_a, manager_b, transfer_home):
    client_b = api_client_for(manager_b)

    to_send = get(client_b, "/transfers")
    not_theirs = post(api_client_for(manager_a), f"/transfers/{transfer_home.pk}/send")
    sent = post(client_b, f"/transfers/{transfer_home.pk}/send")
    to_receive = get(api_client_for(manager_a), "/transfers", {"direction": "receive"})
    other_library = get(client_b, "/transfers", {"library": "DSA"})

    assert [t["id"] for t in to_send.json()] == [str(transfer_home.pk)]
    assert not_theirs.status_code == 403
    assert sent.status_code == 200 and sent.json()["status"] == "in_transit"
    assert [t["id"] for t in to_receive.json()] == [str(transfer_home.pk)]
    assert other_library.status_code == 403


# --- scoping -------------------------------------------------------------------


def test_staff_lend_only_at_their_own_desk(api_client_for, manager_b, member_a, item_a):
    response = lend(api_client_for(manager_b), member_a, item_a, library="DSA")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not Loan.objects.exists()


def test_members_borrow_at_any_library_of_the_district(api_client_for, manager_b, member_a, item_b):
    response = lend(api_client_for(manager_b), member_a, item_b)

    assert response.status_code == 201
    assert response.json()["library"] == "DSB" and response.json()["member"] == member_a.number


@pytest.mark.parametrize("who", ["viewer", "admin"])
def test_district_accounts_name_the_desk(request, api_client_for, who, member_a, item_a):
    user = request.getfixturevalue(who)

    without = lend(api_client_for(user), member_a, item_a)
    at_a = lend(api_client_for(user), member_a, item_a, library="DSA")

    assert without.status_code == 422 and "library" in without.json()["fields"]
    assert at_a.status_code == (403 if who == "viewer" else 201)


def test_no_token_no_loan(client, member_a, item_a):
    assert lend(client, member_a, item_a).status_code == 401


# --- schema --------------------------------------------------------------------


def test_schema_describes_the_circulation_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = {path: sorted(methods) for path, methods in schema["paths"].items()}

    assert {path: paths.get(path) for path in CIRCULATION_PATHS} == CIRCULATION_PATHS
    refused = schema["paths"]["/api/v1/checkouts"]["post"]["responses"]["409"]
    assert refused["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RefusedOut"
    }


CIRCULATION_PATHS = {
    "/api/v1/checkouts": ["post"],
    "/api/v1/returns": ["post"],
    "/api/v1/loans": ["get"],
    "/api/v1/loans/{id}/renew": ["post"],
    "/api/v1/desk/members/{number}": ["get"],
    "/api/v1/holds": ["get", "post"],
    "/api/v1/holds/{id}/cancel": ["post"],
    "/api/v1/transfers": ["get"],
    "/api/v1/transfers/{id}/send": ["post"],
}
