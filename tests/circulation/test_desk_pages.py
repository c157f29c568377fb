"""The circulation desk's pages as staff use them: scan a member, lend copy
after copy, refusals in words with "Lend anyway" only where allowed, returns
that say what to do next, renewals, the slip, holds, the work lists, and
which library's desk and which member details each account may see."""

import datetime

import pytest
from django.utils import timezone

from pustaka.circulation import services
from pustaka.circulation.models import Hold, Loan, LoanRule, Transfer
from pustaka.core.models import AuditLog
from tests.core.html import links, tags, text
from tests.members.fixtures import register

DESK_A = "/staff/desk/DSA/"
DESK_B = "/staff/desk/DSB/"


@pytest.fixture
def english_client_for(client_for):
    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


@pytest.fixture
def desk_a(english_client_for, manager_a):
    return english_client_for(manager_a)


def day(date: datetime.date) -> str:
    """A date as the English pages write it: 7 December 2026."""
    return f"{date.day} {date.strftime('%B %Y')}"


def lend(client, member, barcode, **extra):
    """Scan a copy at desk A (without htmx: the desk answers with a redirect)."""
    data = {"member": member.number, "barcode": barcode, **extra}
    response = client.post(f"{DESK_A}checkout/", data, follow=True)
    assert response.status_code == 200
    return text(response.content.decode())


def give_back(client, barcode, desk=DESK_A):
    response = client.post(f"{desk}return/", {"barcode": barcode}, follow=True)
    assert response.status_code == 200
    return text(response.content.decode())


def live(html: str) -> str:
    """The text of the desk's announcement of the last scan."""
    start = html.index('id="desk-live"')
    return text(html[start : html.index('id="desk-after"', start)])


# -- choosing the desk and the member ----------------------------------------


def test_library_staff_land_on_their_own_desk(desk_a, library_a):
    response = desk_a.get("/staff/desk/")
    assert response.status_code == 302 and response["Location"] == DESK_A


def test_the_office_chooses_a_library(english_client_for, admin, library_a, library_b):
    page = english_client_for(admin).get("/staff/desk/").content.decode()
    hrefs = [href for _text, href in links(page)]
    assert DESK_A in hrefs and DESK_B in hrefs


def test_the_staff_navigation_leads_to_the_desk(desk_a, library_a):
    page = desk_a.get("/staff/").content.decode()
    assert ("Circulation", "/staff/desk/") in links(page)


def test_scanning_a_member_shows_what_lending_needs(desk_a, member_a, loan_a, library_a):
    Loan.objects.filter(pk=loan_a.pk).update(due_on=timezone.localdate() - datetime.timedelta(3))
    page = desk_a.get(DESK_A, {"member": member_a.number.lower()}).content.decode()
    words = text(page)
    assert "Siti Rahmawati" in words and member_a.number in words
    assert "Category Umum" in words or f"Category {member_a.category.name}" in words
    assert "Home library Perpustakaan Desa Rebaq Rinding (DSA)" in words
    assert f"Membership expires {day(member_a.expires_on)}" in words
    assert "1 book on loan · 1 overdue" in words
    assert f"Budidaya Lele di Kolam Terpal {loan_a.item.barcode} DSA" in words
    assert "Overdue by 3 days" in words  # in words, not only in colour
    # the copy scan field has the focus, ready for the first book
    barcode_input = [a for t, a in tags(page) if t == "input" and a.get("name") == "barcode"]
    assert "autofocus" in barcode_input[0]


def test_blocks_and_expiry_are_warned_in_words(desk_a, member_a):
    member_a.blocked_at, member_a.blocked_reason = timezone.now(), "Buku rusak belum diganti"
    member_a.expires_on = datetime.date(2025, 1, 31)
    member_a.save(update_fields=["blocked_at", "blocked_reason", "expires_on"])
    words = text(desk_a.get(DESK_A, {"member": member_a.number}).content.decode())
    assert "⚠ Blocked: Buku rusak belum diganti" in words
    assert "⚠ Membership expired on 31 January 2025" in words


def test_an_unknown_member_number_is_said_plainly(desk_a, library_a):
    words = text(desk_a.get(DESK_A, {"member": "XX-999"}).content.decode())
    assert "No member has the number “XX-999”." in words


# -- lending -----------------------------------------------------------------


def test_each_scan_lends_and_says_the_due_date(desk_a, member_a, item_a, item_a2):
    lend(desk_a, member_a, item_a.barcode)
    page = lend(desk_a, member_a, item_a2.barcode.lower())
    loans = Loan.objects.filter(member=member_a, returned_at__isnull=True).order_by("created_at")
    assert [loan.item_id for loan in loans] == [item_a.pk, item_a2.pk]
    due = day(loans[1].due_on)
    title = "Budidaya Lele di Kolam Terpal"
    assert f"✓ Lent: {title} ({item_a2.barcode}), due" in page
    assert due in page
    # both lines of this session are listed, the newest first
    assert page.index(f"({item_a2.barcode}), due") < page.rindex(f"({item_a.barcode}), due")
    assert "2 books on loan" in page


def test_with_htmx_the_working_area_is_swapped_and_the_scan_field_takes_the_focus(
    desk_a, member_a, item_a
):
    response = desk_a.post(
        f"{DESK_A}checkout/",
        {"member": member_a.number, "barcode": item_a.barcode},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    form = dict(tags(html))["form"]
    assert form["id"] == "scan-form" and form["hx-swap-oob"] == "true"
    barcode_input = [a for t, a in tags(html) if t == "input" and a.get("name") == "barcode"]
    assert "autofocus" in barcode_input[0] and barcode_input[0].get("value") is None
    announcement = html[html.index('<div id="desk-live" hx-swap-oob="innerHTML">') :]
    assert 'role="status"' in announcement and "✓" in announcement
    assert f"({item_a.barcode}), due" in text(announcement)


def test_a_refusal_is_said_in_words_and_can_be_overridden_where_allowed(
    desk_a, member_a, library_a, item_a, item_a2
):
    LoanRule.objects.create(library=library_a, max_loans=1)
    lend(desk_a, member_a, item_a.barcode)
    response = desk_a.post(
        f"{DESK_A}checkout/", {"member": member_a.number, "barcode": item_a2.barcode}, follow=True
    )
    html = response.content.decode()
    announcement = html[html.index('id="desk-live"') : html.index('id="desk-after"')]
    assert 'role="alert"' in announcement
    assert (
        f"✗ Refused: Budidaya Lele di Kolam Terpal ({item_a2.barcode}) "
        "The member already has 1 items on loan (the limit is 1)."
    ) in text(announcement)
    assert "Lend anyway" in announcement
    assert not Loan.objects.filter(item=item_a2).exists()

    page = lend(desk_a, member_a, item_a2.barcode, override="1")
    loan = Loan.objects.get(item=item_a2, returned_at__isnull=True)
    assert loan.overridden
    assert AuditLog.objects.get(action="loan.override").entity_id == str(loan.pk)
    assert "recorded in the audit log" in page


def test_no_lend_anyway_when_the_refusal_cannot_be_overridden(desk_a, member_a, member_a2, item_a):
    lend(desk_a, member_a2, item_a.barcode)
    response = desk_a.post(
        f"{DESK_A}checkout/", {"member": member_a.number, "barcode": item_a.barcode}, follow=True
    )
    html = response.content.decode()
    assert "This copy is not on the shelf: On loan." in live(html)
    assert "Lend anyway" not in html
    # and forcing it by hand lends nothing either
    lend(desk_a, member_a, item_a.barcode, override="1")
    assert Loan.objects.get(item=item_a, returned_at__isnull=True).member == member_a2


def test_no_lend_anyway_where_the_rule_forbids_overrides(
    desk_a, member_a, library_a, item_a, item_a2
):
    LoanRule.objects.create(library=library_a, max_loans=1, overrides_allowed=False)
    lend(desk_a, member_a, item_a.barcode)
    html = desk_a.post(
        f"{DESK_A}checkout/", {"member": member_a.number, "barcode": item_a2.barcode}, follow=True
    ).content.decode()
    assert "the limit is 1" in live(html)
    assert "Lend anyway" not in html


def test_an_unknown_barcode_is_refused_plainly(desk_a, member_a):
    html = desk_a.post(
        f"{DESK_A}checkout/", {"member": member_a.number, "barcode": "ZZ-1"}, follow=True
    ).content.decode()
    assert "✗ Refused: ZZ-1 No copy has the barcode “ZZ-1”." in live(html)


# -- returns -----------------------------------------------------------------


def test_a_return_says_to_shelve_the_copy(desk_a, loan_a):
    page = give_back(desk_a, loan_a.item.barcode)
    assert (
        f"✓ Returned: Budidaya Lele di Kolam Terpal ({loan_a.item.barcode}). "
        "Next: put it back on the shelf."
    ) in page


def test_a_return_names_the_member_whose_hold_it_fills(desk_a, loan_a, hold_b, member_b):
    page = give_back(desk_a, loan_a.item.barcode)
    assert f"Next: put it on the hold shelf for Budi Santoso ({member_b.number})." in page


def test_a_copy_returned_elsewhere_is_sent_home(english_client_for, manager_b, loan_a):
    page = give_back(english_client_for(manager_b), loan_a.item.barcode, desk=DESK_B)
    assert "Next: send it to Perpustakaan Desa Rebaq Rinding (DSA)." in page


def test_a_return_shows_the_fine_the_rule_asks(desk_a, library_a, loan_a):
    LoanRule.objects.create(library=library_a, fine_per_day=500)
    Loan.objects.filter(pk=loan_a.pk).update(due_on=timezone.localdate() - datetime.timedelta(4))
    page = give_back(desk_a, loan_a.item.barcode)
    assert "Fine to collect: Rp 2,000." in page


# -- renewals, the slip, holds -----------------------------------------------


def test_renew_all_renews_each_loan_and_says_so(desk_a, member_a, item_a, item_a2):
    lend(desk_a, member_a, item_a.barcode)
    lend(desk_a, member_a, item_a2.barcode)
    response = desk_a.post(f"{DESK_A}renew/", {"member": member_a.number}, follow=True)
    page = text(response.content.decode())
    loans = Loan.objects.filter(member=member_a, returned_at__isnull=True)
    assert [loan.renewals for loan in loans] == [1, 1]
    for loan in loans:
        assert f"✓ Renewed: Budidaya Lele di Kolam Terpal ({loan.item.barcode}), due" in page
    # a second renewal goes past what the rule allows: said for each loan
    response = desk_a.post(f"{DESK_A}renew/", {"member": member_a.number}, follow=True)
    html = response.content.decode()
    page = text(html[html.index('id="desk-live"') :])  # the last scan and the ones before
    assert page.count("✗ Not renewed") == 2 and page.count("✓ Renewed") == 2
    assert "renewed 1 times, the most the rule allows" in page


def test_renew_one_loan(desk_a, member_a, loan_a, item_a2):
    lend(desk_a, member_a, item_a2.barcode)
    desk_a.post(f"{DESK_A}renew/", {"member": member_a.number, "loan": str(loan_a.pk)})
    renewed = dict(Loan.objects.filter(member=member_a).values_list("item_id", "renewals"))
    assert renewed == {loan_a.item_id: 1, item_a2.pk: 0}


def test_the_slip_lists_the_current_loans_for_printing(desk_a, member_a, loan_a):
    html = desk_a.get(f"{DESK_A}slip/", {"member": member_a.number}).content.decode()
    words = text(html)
    assert "Loan slip" in words and "Siti Rahmawati" in words
    assert f"Budidaya Lele di Kolam Terpal {loan_a.item.barcode}" in words
    assert day(loan_a.due_on) in words
    assert "/static/circulation/desk.css" in html  # its print rules hide the staff header


def test_a_hold_is_placed_from_the_desk_and_cancelled(desk_a, member_a, record, item_a, loan_a):
    found = desk_a.get(f"{DESK_A}holds/new/", {"member": member_a.number, "q": "lele"})
    assert "Budidaya Lele di Kolam Terpal" in text(found.content.decode())
    by_copy = desk_a.get(
        f"{DESK_A}holds/new/", {"member": member_a.number, "barcode": item_a.barcode}
    )
    assert f"only copy {item_a.barcode}" in text(by_copy.content.decode())
    library_a = item_a.library
    response = desk_a.post(
        f"{DESK_A}holds/new/",
        {"member": member_a.number, "record": str(record.pk), "pickup_library": str(library_a.pk)},
    )
    assert response.status_code == 302
    hold = Hold.objects.get(member=member_a)
    assert (hold.record, hold.pickup_library, hold.status) == (record, library_a, "waiting")
    page = text(desk_a.get(DESK_A, {"member": member_a.number}).content.decode())
    assert "Budidaya Lele di Kolam Terpal · Waiting · pick up at" in page
    assert "number 1 in the queue" in page

    desk_a.post(f"{DESK_A}holds/{hold.pk}/cancel/")
    hold.refresh_from_db()
    assert hold.status == Hold.Status.CANCELLED


def test_a_hold_the_service_refuses_is_said_on_the_page(desk_a, member_a, record, item_a):
    data = {
        "member": member_a.number,
        "record": str(record.pk),
        "pickup_library": str(item_a.library_id),
    }
    desk_a.post(f"{DESK_A}holds/new/", data)
    response = desk_a.post(f"{DESK_A}holds/new/", data)
    assert "This member already has a hold on this book." in text(response.content.decode())
    assert Hold.objects.filter(member=member_a).count() == 1


# -- the work lists ----------------------------------------------------------


def test_lists_show_transfers_to_send_and_sent_moves_them_on(
    english_client_for, manager_a, manager_b, transfer_home
):
    desk_b = english_client_for(manager_b)
    page = text(desk_b.get("/staff/desk/lists/").content.decode())
    barcode = transfer_home.item.barcode
    assert "Transfers to send (1)" in page
    assert f"{barcode} Budidaya Lele di Kolam Terpal Perpustakaan Desa Rebaq Rinding (DSA)" in page

    response = desk_b.post(f"/staff/desk/transfers/{transfer_home.pk}/send/")
    assert response.status_code == 302
    transfer_home.refresh_from_db()
    assert transfer_home.status == Transfer.Status.IN_TRANSIT
    # library A now expects it; its desk header counts it
    page_a = text(english_client_for(manager_a).get("/staff/desk/lists/").content.decode())
    assert "Transfers to receive (1)" in page_a
    assert f"{barcode} Budidaya Lele di Kolam Terpal Perpustakaan Desa Bukit Biru (DSB)" in page_a
    header = text(english_client_for(manager_a).get(DESK_A).content.decode())
    assert "1 transfers to receive" in header


def test_lists_show_holds_to_pull_ready_and_to_clear(
    desk_a, manager_a, library_a, member_b, hold_b, item_a
):
    page = text(desk_a.get("/staff/desk/lists/").content.decode())
    assert "Holds to pull from the shelf (1)" in page
    assert f"Budidaya Lele di Kolam Terpal {item_a.barcode}" in page
    services.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    hold_b.refresh_from_db()
    page = text(desk_a.get("/staff/desk/lists/").content.decode())
    assert "Ready for pickup on the hold shelf (1)" in page
    assert f"Budi Santoso ({member_b.number}) {day(hold_b.expires_on)}" in page
    services.hold_cancel(actor=manager_a, hold=hold_b)
    page = text(desk_a.get("/staff/desk/lists/").content.decode())
    assert "Expired or cancelled holds to clear from the shelf (1)" in page


# -- who may use which desk --------------------------------------------------


def test_another_librarys_staff_cannot_use_the_desk(
    english_client_for, manager_b, member_a, item_a, transfer_home
):
    desk_b = english_client_for(manager_b)
    assert desk_b.get(DESK_A).status_code == 404
    data = {"member": member_a.number, "barcode": item_a.barcode}
    assert desk_b.post(f"{DESK_A}checkout/", data).status_code == 404
    assert desk_b.post(f"{DESK_A}return/", {"barcode": item_a.barcode}).status_code == 404
    assert desk_b.get("/staff/desk/lists/?library=DSA").status_code == 404


def test_the_district_viewer_has_no_desk(english_client_for, viewer, library_a):
    client = english_client_for(viewer)
    assert client.get("/staff/desk/").status_code == 403
    assert client.get(DESK_A).status_code == 403


def test_a_transfer_of_another_library_cannot_be_marked_sent(desk_a, transfer_home):
    response = desk_a.post(f"/staff/desk/transfers/{transfer_home.pk}/send/")
    assert response.status_code == 404
    transfer_home.refresh_from_db()
    assert transfer_home.status == Transfer.Status.TO_SEND


def test_another_librarys_member_is_lent_to_without_their_personal_data(
    desk_a, english_client_for, manager_b, library_b, item_a
):
    member = register(
        manager_b,
        library_b,
        "Dewi Lestari",
        phone="0812-5555-0101",
        email="dewi@example.org",
        address="Jalan Rahasia 7",
    )
    html = desk_a.get(DESK_A, {"member": member.number}).content.decode()
    assert "Dewi Lestari" in html and "Perpustakaan Desa Bukit Biru (DSB)" in text(html)
    for personal in ("0812-5555-0101", "dewi@example.org", "Jalan Rahasia", "1990"):
        assert personal not in html
    assert f"/staff/members/{member.pk}/" not in html
    assert "Lent:" in lend(desk_a, member, item_a.barcode)
    # their home library's desk links to the member's page
    home = english_client_for(manager_b).get(DESK_B, {"member": member.number})
    assert f"/staff/members/{member.pk}/" in home.content.decode()


# -- how many queries the busiest page makes ---------------------------------


def test_the_desk_page_reads_a_member_with_loans_in_few_queries(
    desk_a, manager_a, library_a, member_a, record, django_assert_max_num_queries
):
    from pustaka.catalog import services as catalog_services

    for _ in range(3):
        item = catalog_services.item_create(actor=manager_a, record=record, library=library_a)
        services.checkout(actor=manager_a, library=library_a, member=member_a, barcode=item.barcode)
    desk_a.get(DESK_A, {"member": member_a.number})  # warm the session
    with django_assert_max_num_queries(13):
        response = desk_a.get(DESK_A, {"member": member_a.number})
    assert "3 books on loan" in text(response.content.decode())


def test_a_refused_renewal_can_be_renewed_anyway_with_an_audit(desk_a, member_a, loan_a):
    desk_a.post(f"{DESK_A}renew/", {"member": member_a.number, "loan": str(loan_a.pk)})
    response = desk_a.post(
        f"{DESK_A}renew/", {"member": member_a.number, "loan": str(loan_a.pk)}, follow=True
    )
    assert "Renew anyway" in text(response.content.decode())
    desk_a.post(
        f"{DESK_A}renew/",
        {"member": member_a.number, "loan": str(loan_a.pk), "override": "1"},
    )
    assert Loan.objects.get(pk=loan_a.pk).renewals == 2
    assert AuditLog.objects.filter(action="loan.override", entity_id=str(loan_a.pk)).exists()


def test_a_withdrawn_copy_returned_at_the_desk_says_so(desk_a, item_a, manager_a):
    from pustaka.catalog import services as catalog_services

    catalog_services.item_withdraw(actor=manager_a, item=item_a)
    page = give_back(desk_a, item_a.barcode)
    assert "withdrawn from the collection" in page
