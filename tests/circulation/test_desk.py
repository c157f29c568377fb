"""Checkout, return and renewal at the desk: due dates, refusals in words,
overrides audited, and what to do with a returned copy next."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pustaka.catalog.models import Item, SearchDocument
from pustaka.catalog.search.service import SearchFilters, catalog_search
from pustaka.circulation import services
from pustaka.circulation.models import Event, Loan, LoanRule, Transfer
from pustaka.circulation.policies import replay
from pustaka.core.errors import NotFound, NotPermitted
from pustaka.core.models import AuditLog, ChangeLog
from pustaka.members.services import member_register
from tests.circulation.fixtures import MONDAY
from tests.members.fixtures import CONSENT


def lend(actor, library, member, item, **extra):
    return services.checkout(
        actor=actor, library=library, member=member, barcode=item.barcode, today=MONDAY, **extra
    )


def refusal_codes(error) -> list[str]:
    return [refusal.code for refusal in error.value.refusals]


def test_checkout_lends_until_a_day_the_library_is_open(manager_a, library_a, member_a, item_a):
    loan = lend(manager_a, library_a, member_a, item_a)
    item_a.refresh_from_db()
    assert item_a.status == Item.Status.ON_LOAN
    assert loan.due_on == MONDAY + datetime.timedelta(days=14)
    assert loan.borrower_gender == "female" and loan.borrower_age_group == "36-59"
    assert Event.objects.get(item=item_a).kind == "checkout"
    # the catalogue shows it is no longer on the shelf
    assert catalog_search(query="lele", filters=SearchFilters(available=True)).total == 0


def test_an_unknown_barcode_is_said_plainly(manager_a, library_a, member_a):
    with pytest.raises(NotFound, match="XYZ-1"):
        services.checkout(actor=manager_a, library=library_a, member=member_a, barcode="XYZ-1")


def test_a_copy_on_loan_cannot_be_lent_twice(manager_a, library_a, member_a, member_a2, item_a):
    lend(manager_a, library_a, member_a, item_a)
    with pytest.raises(services.Refused) as refused:
        lend(manager_a, library_a, member_a2, item_a, override=True)
    assert refusal_codes(refused) == ["not_available"]
    assert not refused.value.overridable
    assert Loan.objects.filter(item=item_a, returned_at__isnull=True).count() == 1


def test_the_limit_is_refused_and_can_be_overridden_with_an_audit(
    manager_a, library_a, member_a, record, item_a, item_a2
):
    LoanRule.objects.create(library=library_a, max_loans=1)
    lend(manager_a, library_a, member_a, item_a)
    with pytest.raises(services.Refused) as refused:
        lend(manager_a, library_a, member_a, item_a2)
    assert refusal_codes(refused) == ["limit_reached"]
    assert "1" in refused.value.refusals[0].message
    loan = lend(manager_a, library_a, member_a, item_a2, override=True)
    assert loan.overridden
    audit = AuditLog.objects.get(action="loan.override")
    assert audit.entity_id == str(loan.pk) and audit.detail == {"refusals": ["limit_reached"]}


def test_no_override_where_the_rule_forbids_it(manager_a, library_a, member_a, item_a, item_a2):
    LoanRule.objects.create(library=library_a, max_loans=1, overrides_allowed=False)
    lend(manager_a, library_a, member_a, item_a)
    with pytest.raises(services.Refused) as refused:
        lend(manager_a, library_a, member_a, item_a2, override=True)
    assert not refused.value.overridable


def test_blocked_and_expired_members_are_refused(manager_a, library_a, member_a, item_a):
    member_a.blocked_at, member_a.blocked_reason = timezone.now(), "Buku rusak belum diganti"
    member_a.expires_on = MONDAY - datetime.timedelta(days=1)
    member_a.save()
    with pytest.raises(services.Refused) as refused:
        lend(manager_a, library_a, member_a, item_a)
    assert refusal_codes(refused) == ["blocked", "expired"]
    assert "Buku rusak belum diganti" in str(refused.value)
    assert "22-11-2026" in str(refused.value)


def test_a_desk_lends_only_at_its_own_library(manager_b, library_a, member_a, item_a):
    with pytest.raises(NotPermitted):
        lend(manager_b, library_a, member_a, item_a)


def test_members_may_borrow_at_any_library(manager_b, library_b, member_a, item_b):
    loan = lend(manager_b, library_b, member_a, item_b)
    assert loan.member == member_a and loan.library == library_b


def test_return_at_home_says_shelve(manager_a, library_a, member_a, item_a):
    lend(manager_a, library_a, member_a, item_a)
    outcome = services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    assert outcome.action == "shelve"
    item_a.refresh_from_db()
    assert item_a.status == Item.Status.AVAILABLE
    loan = Loan.objects.get(item=item_a)
    assert loan.returned_at and loan.returned_library == library_a
    assert loan.member is None, "no reading history kept unless the member opted in"
    assert loan.borrower_gender == "female", "statistics keep the counts"


def test_reading_history_is_kept_when_the_member_opted_in(manager_a, library_a, member_a, item_a):
    member_a.keeps_history = True
    member_a.save()
    lend(manager_a, library_a, member_a, item_a)
    services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    assert Loan.objects.get(item=item_a).member == member_a


def test_return_elsewhere_sends_the_copy_home(
    manager_a, manager_b, library_a, library_b, member_a, item_a
):
    lend(manager_a, library_a, member_a, item_a)
    outcome = services.checkin(actor=manager_b, library=library_b, barcode=item_a.barcode)
    assert outcome.action == "transfer"
    assert (outcome.transfer.from_library, outcome.transfer.to_library) == (library_b, library_a)
    services.transfer_send(actor=manager_b, transfer=outcome.transfer)
    arrived = services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    assert arrived.action == "shelve"
    assert Transfer.objects.get().status == Transfer.Status.RECEIVED
    item_a.refresh_from_db()
    assert item_a.status == Item.Status.AVAILABLE


def test_renewal_moves_the_due_date_and_counts(manager_a, library_a, member_a, item_a):
    loan = lend(manager_a, library_a, member_a, item_a)
    renewed = services.renew(actor=manager_a, library=library_a, loan=loan, today=MONDAY)
    assert renewed.renewals == 1
    assert renewed.due_on == loan.due_on + datetime.timedelta(days=14)
    with pytest.raises(services.Refused) as refused:
        services.renew(actor=manager_a, library=library_a, loan=loan, today=MONDAY)
    assert refusal_codes(refused) == ["no_renewals_left"]


def test_no_renewal_while_someone_waits(manager_a, library_a, member_a, member_a2, record, item_a):
    loan = lend(manager_a, library_a, member_a, item_a)
    services.hold_place(actor=manager_a, member=member_a2, record=record, pickup_library=library_a)
    with pytest.raises(services.Refused) as refused:
        services.renew(actor=manager_a, library=library_a, loan=loan, today=MONDAY)
    assert refusal_codes(refused) == ["hold_waiting"]


def test_a_minor_without_a_guardian_cannot_be_registered(manager_a, library_a):
    from pustaka.core.errors import Invalid

    with pytest.raises(Invalid) as invalid:
        member_register(
            actor=manager_a,
            library=library_a,
            fields={"name": "Adi", "birth_date": datetime.date(2018, 1, 1)},
            consent_statement=CONSENT,
        )
    assert "consent_given_by" in invalid.value.fields


def test_replaying_a_copys_events_gives_its_state(
    manager_a, manager_b, library_a, library_b, member_a, member_b, record, item_a
):
    lend(manager_a, library_a, member_a, item_a)
    services.hold_place(actor=manager_b, member=member_b, record=record, pickup_library=library_b)
    outcome = services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    services.transfer_send(actor=manager_a, transfer=outcome.transfer)
    services.checkin(actor=manager_b, library=library_b, barcode=item_a.barcode)
    services.checkout(actor=manager_b, library=library_b, member=member_b, barcode=item_a.barcode)
    item_a.refresh_from_db()
    open_loan = Loan.objects.get(item=item_a, returned_at__isnull=True)
    state = replay(Event.objects.filter(item=item_a).order_by("occurred_at", "id"))
    assert state == {"status": item_a.status, "loan_id": open_loan.pk, "due_on": open_loan.due_on}
    kinds = list(Event.objects.filter(item=item_a).values_list("kind", flat=True))
    assert kinds == [
        "checkout", "return", "hold_trapped", "transfer_sent", "transfer_received",
        "hold_trapped", "checkout",
    ]  # fmt: skip


def test_a_withdrawn_copy_is_not_put_back_on_the_shelf(manager_a, library_a, item_a):
    from pustaka.catalog import services as catalog_services

    catalog_services.item_withdraw(actor=manager_a, item=item_a)
    outcome = services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    assert outcome.action == "nothing" and outcome.messages
    item_a.refresh_from_db()
    assert item_a.status == Item.Status.WITHDRAWN


def test_anonymising_a_member_keeps_loan_counts_but_not_the_person(
    manager_a, library_a, member_a, item_a, record
):
    from pustaka.core.errors import Invalid
    from pustaka.members.services import member_anonymise

    member_a.keeps_history = True
    member_a.save()
    lend(manager_a, library_a, member_a, item_a)
    with pytest.raises(Invalid):
        member_anonymise(actor=manager_a, member=member_a)
    services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    services.hold_place(actor=manager_a, member=member_a, record=record, pickup_library=library_a)
    member_anonymise(actor=manager_a, member=member_a)
    loan = Loan.objects.get(item=item_a)
    assert loan.member is None and loan.borrower_gender == "female"
    from pustaka.circulation.models import Hold

    assert Hold.objects.get().status == Hold.Status.CANCELLED
    assert Hold.objects.get().member is None


def test_a_late_return_says_the_fine_where_the_rule_fines(manager_a, library_a, member_a, item_a):
    LoanRule.objects.create(library=library_a, fine_per_day=500, grace_days=1)
    long_ago = timezone.localdate() - datetime.timedelta(days=40)
    loan = services.checkout(
        actor=manager_a, library=library_a, member=member_a, barcode=item_a.barcode, today=long_ago
    )
    outcome = services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    late = (timezone.localdate() - loan.due_on).days
    assert late > 1
    assert outcome.fine == late * 500


def test_a_checkout_and_a_return_log_their_changes_in_one_insert_each(
    manager_a, library_a, member_a, item_a
):
    def logged(operation) -> tuple[int, list[str]]:
        seq = ChangeLog.objects.order_by("-seq").values_list("seq", flat=True).first()
        with CaptureQueriesContext(connection) as queries:
            operation()
        inserts = sum('INTO "core_changelog"' in query["sql"] for query in queries)
        rows = ChangeLog.objects.filter(seq__gt=seq).order_by("seq")
        return inserts, list(rows.values_list("entity", flat=True))

    lent = logged(lambda: lend(manager_a, library_a, member_a, item_a))
    returned = logged(
        lambda: services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    )

    assert lent == (1, ["circulation.loan", "catalog.item", "circulation.event"])
    assert returned == (1, ["circulation.loan", "catalog.item", "circulation.event"])


def holdings(record) -> str:
    return SearchDocument.objects.get(record=record).holdings


def test_the_catalogue_shows_a_library_holds_a_copy_on_the_shelf_while_one_is(
    manager_a, library_a, member_a, member_a2, record, item_a, item_a2
):
    on_shelf, away = f"{library_a.pk.hex}+", library_a.pk.hex
    lend(manager_a, library_a, member_a, item_a)
    assert holdings(record) == on_shelf  # the second copy is still on the shelf
    lend(manager_a, library_a, member_a2, item_a2)
    assert holdings(record) == away
    services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    assert holdings(record) == on_shelf
    services.checkin(actor=manager_a, library=library_a, barcode=item_a2.barcode)
    assert holdings(record) == on_shelf


def test_a_return_beside_a_copy_on_the_shelf_counts_no_copies(
    manager_a, library_a, member_a, item_a, item_a2
):
    lend(manager_a, library_a, member_a, item_a)

    with CaptureQueriesContext(connection) as queries:
        services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)

    assert not [query for query in queries if '"catalog_item"."record_id" IN' in query["sql"]]
