"""Reserving a book online ("peminjaman online"): a signed-in member picks a
pickup library, the hold joins the district's queue, my account shows its
place and later "ready for pickup", and the member gets the notice."""

import datetime

import pytest
from django.utils import timezone

from pustaka.circulation import notices
from pustaka.circulation import services as circulation
from pustaka.circulation.models import Hold, Notice
from pustaka.libraries import services as library_services
from pustaka.members import services as member_services
from tests.core.html import tags, text
from tests.opac.test_account import day, english, page_text, signed_in, with_password


@pytest.fixture
def member(manager_a, member_a):
    """``member_a`` (home library A) with a password, reading e-mail."""
    member_services.member_update(
        actor=manager_a, member=member_a, changes={"email": "siti@example.org"}
    )
    with_password(manager_a, member_a)
    return member_a


@pytest.fixture
def lent(manager_a, library_a, member_a2, item_a):
    """The only copy of ``record`` (at library A) is on loan to another member."""
    circulation.checkout(
        actor=manager_a, library=library_a, member=member_a2, barcode=item_a.barcode
    )
    return item_a


def reserve_url(record) -> str:
    return f"/katalog/{record.pk}/pesan/"


def test_reserving_needs_signing_in_and_comes_back(record, library_a):
    response = english().get(reserve_url(record))
    assert response.status_code == 302
    assert response["Location"] == f"/akun/masuk/?next={reserve_url(record)}"


def test_the_reserve_page_offers_every_library_with_my_own_first_chosen(
    member, record, library_a, library_b
):
    page = signed_in(member).get(reserve_url(record)).text
    assert record.title in text(page) and "Siti Aminah" in text(page)
    options = [attrs for tag, attrs in tags(page) if tag == "option"]
    assert [attrs["value"] for attrs in options if "selected" in attrs] == [str(library_a.pk)]
    assert {attrs["value"] for attrs in options} >= {str(library_a.pk), str(library_b.pk)}
    select = next(attrs for tag, attrs in tags(page) if tag == "select")
    assert f'<label for="{select["id"]}">Pick up at' in page
    assert f'href="/katalog/{record.pk}/"' in page


def test_reserving_for_pickup_at_another_library_joins_the_queue_with_my_place(
    member, member_b, manager_b, library_b, record, lent
):
    # given another member already waits for the book
    circulation.hold_place(
        actor=manager_b, member=member_b, record=record, pickup_library=library_b
    )
    client = signed_in(member)
    # when I reserve it for pickup at library B
    response = client.post(reserve_url(record), {"pickup_library": library_b.pk}, follow=True)
    # then I am second in the district's queue, and my account says so
    assert response.redirect_chain[-1][0] == "/akun/"
    page = text(response.text)
    assert (
        f"“{record.title}” is reserved for you, to pick up at Perpustakaan Desa Bukit Biru. "
        "You are number 2 in the queue" in page
    )
    assert "Number 2 in the queue; to pick up at Perpustakaan Desa Bukit Biru." in page
    hold = Hold.objects.get(member=member)
    assert (hold.pickup_library, hold.status) == (library_b, Hold.Status.WAITING)


def test_a_second_hold_on_the_same_book_is_refused_in_words(member, library_a, record, lent):
    client = signed_in(member)
    client.post(reserve_url(record), {"pickup_library": library_a.pk})
    response = client.post(reserve_url(record), {"pickup_library": library_a.pk})
    assert response.status_code == 200
    assert "already has a hold on this book" in text(response.text)
    assert Hold.objects.filter(member=member).count() == 1


def test_an_expired_membership_is_refused_in_words(member, library_a, record, lent):
    Member = type(member)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Member.objects.filter(pk=member.pk).update(expires_on=yesterday)
    response = signed_in(member).post(reserve_url(record), {"pickup_library": library_a.pk})
    assert response.status_code == 200
    assert f"The membership expired on {yesterday:%d-%m-%Y}." in text(response.text)
    assert not Hold.objects.exists()


def test_a_closed_library_cannot_be_chosen(member, admin, library_b, record, lent):
    library_services.library_update(actor=admin, library=library_b, changes={"is_active": False})
    response = signed_in(member).post(reserve_url(record), {"pickup_library": library_b.pk})
    assert response.status_code == 200
    assert "Select a valid choice." in text(response.text)
    assert not Hold.objects.exists()


def test_an_unknown_or_withdrawn_record_is_not_found(member, admin, record):
    from pustaka.catalog import services as catalog_services

    client = signed_in(member)
    assert client.get("/katalog/01a2f000-0000-7000-8000-000000000000/pesan/").status_code == 404
    catalog_services.record_withdraw(actor=admin, record=record)
    assert client.get(reserve_url(record)).status_code == 404


def test_a_staff_account_is_told_it_cannot_reserve(client_for, manager_a, record):
    client = client_for(manager_a)
    client.cookies["django_language"] = "en"
    response = client.get(reserve_url(record))
    assert response.status_code == 403
    assert "This is not a member's account" in text(response.text)


def test_reserving_without_the_csrf_token_is_refused(member, library_a, record, lent):
    client = english(enforce_csrf_checks=True)
    client.force_login(member.user)
    assert client.post(reserve_url(record), {"pickup_library": library_a.pk}).status_code == 403
    assert not Hold.objects.exists()


def test_an_online_hold_travels_becomes_ready_and_the_member_is_told(
    member, manager_a, manager_b, library_a, library_b, record, lent, mailoutbox
):
    # given my online hold for pickup at library B
    client = signed_in(member)
    client.post(reserve_url(record), {"pickup_library": library_b.pk})
    # when the copy is returned at A, sent, and received at B
    outcome = circulation.checkin(actor=manager_a, library=library_a, barcode=lent.barcode)
    assert outcome.action == "transfer"
    assert "A copy is on its way to Perpustakaan Desa Bukit Biru." in page_text(client)
    circulation.transfer_send(actor=manager_a, transfer=outcome.transfer)
    circulation.checkin(actor=manager_b, library=library_b, barcode=lent.barcode)
    # then my account says it is ready, and until when
    hold = Hold.objects.get(member=member)
    assert hold.status == Hold.Status.READY
    assert (
        f"Ready for pickup at Perpustakaan Desa Bukit Biru until {day(hold.expires_on)}."
        in page_text(client)
    )
    # and the ready notice goes out by e-mail, once
    assert Notice.objects.get().kind == "hold_ready"
    assert notices.notices_send()["sent"] == 1
    [mail] = mailoutbox
    assert mail.to == ["siti@example.org"]
    assert record.title in mail.body and library_b.name in mail.body
    assert notices.notices_send()["sent"] == 0
