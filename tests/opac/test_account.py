"""Members on the public site: sign in with the member number (password set
at the desk or through an e-mailed link), the lock after wrong passwords, my
account (loans to renew, holds to cancel, reading history, my data,
language), and that a member's account reaches no staff page or API."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from pustaka.circulation import services as circulation
from pustaka.circulation.models import Hold, Loan
from pustaka.core.errors import NotPermitted
from pustaka.core.models import AuditLog
from pustaka.members import accounts
from pustaka.members import services as member_services
from pustaka.members.models import Member
from tests.conftest import PASSWORD
from tests.core.html import tags, text
from tests.members.fixtures import MEMBER_PASSWORD

SIGN_IN = "/akun/masuk/"
ACCOUNT = "/akun/"


def with_password(staff, member):
    """``member`` with a password set at the desk by ``staff``; their account."""
    user = accounts.member_password_set(actor=staff, member=member, password=MEMBER_PASSWORD)
    member.refresh_from_db()
    return user


def english(**kwargs) -> Client:
    client = Client(**kwargs)
    client.cookies["django_language"] = "en"
    return client


def sign_in(client, number, password=MEMBER_PASSWORD, **extra):
    return client.post(SIGN_IN, {"number": number, "password": password, **extra})


def signed_in(member) -> Client:
    """An English-reading client signed in as ``member`` through the form."""
    client = english()
    assert sign_in(client, member.number).status_code == 302
    return client


def page_text(client, url=ACCOUNT) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return text(response.text)


@pytest.fixture
def member(manager_a, member_a):
    """``member_a`` with a password set at the desk."""
    with_password(manager_a, member_a)
    return member_a


# -- signing in -------------------------------------------------------------------


def test_the_sign_in_page_has_labelled_fields(library_a):
    response = english().get(SIGN_IN)
    assert response.status_code == 200
    page = response.text
    assert "<h1>Member sign-in</h1>" in page
    for name in ("number", "password"):
        field = next(attrs for tag, attrs in tags(page) if attrs.get("name") == name)
        assert f'<label for="{field["id"]}">' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert not any(tag == "script" for tag, _attrs in tags(page))


def test_a_password_set_at_the_desk_signs_the_member_in(member):
    client = english()
    response = sign_in(client, member.number)
    assert response.status_code == 302 and response["Location"] == ACCOUNT
    page = page_text(client)
    assert "My account" in page and "Siti Rahmawati" in page and member.number in page


def test_the_number_is_accepted_as_typed_from_the_card(member):
    typed = f"  {member.number.lower()} "
    assert sign_in(english(), typed).status_code == 302


def test_sign_in_goes_back_to_the_page_asked_for(member, record):
    client = english()
    reserve = f"/katalog/{record.pk}/pesan/"
    first = client.get(reserve)
    assert first.status_code == 302 and first["Location"] == f"{SIGN_IN}?next={reserve}"
    assert sign_in(client, member.number, next=reserve)["Location"] == reserve
    assert sign_in(english(), member.number, next="https://example.org/")["Location"] == ACCOUNT


def test_a_wrong_password_is_refused_in_words(member):
    client = english()
    response = sign_in(client, member.number, "bukan-ini")
    assert response.status_code == 200
    assert "The member number or the password is wrong." in text(response.text)
    assert client.get(ACCOUNT).status_code == 302


def test_an_unknown_number_gets_the_same_answer(member):
    response = sign_in(english(), "DSA-999999", MEMBER_PASSWORD)
    assert "The member number or the password is wrong." in text(response.text)


def test_five_wrong_passwords_lock_the_account_for_a_while(member):
    client = english()
    for _ in range(4):
        assert sign_in(client, member.number, "bukan-ini").status_code == 200
    assert sign_in(client, member.number, "bukan-ini").status_code == 429
    locked = sign_in(client, member.number)
    assert locked.status_code == 429
    assert "Sign-in blocked for a while" in locked.text
    assert client.get(ACCOUNT).status_code == 302


def test_a_staff_account_cannot_sign_in_as_a_member(manager_a, member):
    response = sign_in(english(), "pengelola_a", PASSWORD)
    assert response.status_code == 200
    assert "The member number or the password is wrong." in text(response.text)


def test_a_blocked_member_cannot_sign_in(manager_a, member):
    member_services.member_block(actor=manager_a, member=member, reason="Buku hilang")
    client = english()
    response = sign_in(client, member.number)
    assert response.status_code == 200
    assert "Your membership is blocked. Please ask at your library." in text(response.text)
    assert client.get(ACCOUNT).status_code == 302


def test_a_pending_member_cannot_sign_in(member):
    Member.objects.filter(pk=member.pk).update(status=Member.Status.PENDING)
    response = sign_in(english(), member.number)
    assert "Your registration is not confirmed yet" in text(response.text)


def test_a_member_blocked_while_signed_in_is_signed_out(manager_a, member):
    client = signed_in(member)
    member_services.member_block(actor=manager_a, member=member, reason="Buku hilang")
    response = client.get(ACCOUNT, follow=True)
    assert response.redirect_chain[-1][0] == SIGN_IN
    assert "Your membership is blocked" in text(response.text)
    member_services.member_unblock(actor=manager_a, member=member, reason="Sudah diganti")
    assert client.get(ACCOUNT).status_code == 302


def test_signing_out_is_a_post(member):
    client = signed_in(member)
    assert client.get("/akun/keluar/").status_code == 405
    response = client.post("/akun/keluar/", follow=True)
    assert "You are signed out." in text(response.text)
    assert client.get(ACCOUNT).status_code == 302


def test_sign_in_speaks_the_language_the_member_chose(member):
    client = signed_in(member)
    client.post("/language/", {"language": "en", "next": ACCOUNT})
    member.user.refresh_from_db()
    assert member.user.language == "en"
    fresh = Client()
    response = sign_in(fresh, member.number)
    assert response.cookies["django_language"].value == "en"


# -- the sign-in link ---------------------------------------------------------------


@pytest.fixture
def member_with_email(manager_a, member_a):
    member_services.member_update(
        actor=manager_a, member=member_a, changes={"email": "siti@example.org"}
    )
    return member_a


def ask_for_link(client, number):
    return client.post("/akun/tautan/", {"number": number}, follow=True)


def test_a_link_by_e_mail_lets_the_member_choose_a_password_once(member_with_email, mailoutbox):
    client = english()
    # when the member asks for a link with their number
    asked = ask_for_link(client, member_with_email.number)
    assert "a sign-in link is on its way there" in text(asked.text)
    [mail] = mailoutbox
    link = re.search(r"http://testserver(/akun/tautan/\S+/)", mail.body)[1]
    # then the link leads to a page without the token in its address
    opened = client.get(link)
    assert opened.status_code == 302
    password_page = opened["Location"]
    assert password_page == f"/akun/tautan/{member_with_email.pk}/kata-sandi/"
    assert member_with_email.number in page_text(client, password_page)
    # and choosing a password there signs them in
    chosen = {"password": "sungai-deras-88", "password_again": "sungai-deras-88"}
    response = client.post(password_page, chosen, follow=True)
    assert response.redirect_chain[-1][0] == ACCOUNT
    assert "Your password is set and you are signed in." in text(response.text)
    assert sign_in(english(), member_with_email.number, "sungai-deras-88").status_code == 302
    # and the link works once
    again = english().get(link)
    assert again.status_code == 400
    assert "This link no longer works" in text(again.text)


def test_a_weak_password_through_the_link_is_refused_in_words(member_with_email, mailoutbox):
    client = english()
    ask_for_link(client, member_with_email.number)
    link = re.search(r"http://testserver(/akun/tautan/\S+/)", mailoutbox[0].body)[1]
    page = client.get(link)["Location"]
    response = client.post(page, {"password": "12345678", "password_again": "12345678"})
    assert response.status_code == 200
    assert "This password is entirely numeric." in text(response.text)
    response = client.post(page, {"password": "sungai-deras-88", "password_again": "lain"})
    assert "The two passwords differ." in text(response.text)


def test_the_password_page_without_an_opened_link_is_refused(member_with_email):
    response = english().get(f"/akun/tautan/{member_with_email.pk}/kata-sandi/")
    assert response.status_code == 400


def test_a_member_changes_their_password_from_my_account(member):
    client = signed_in(member)
    elsewhere = signed_in(member)
    assert "Change my password" in page_text(client)
    new = {"password": "sungai-mahakam-9", "password_again": "sungai-mahakam-9"}

    wrong = client.post("/akun/kata-sandi/", {"current_password": "tebakan", **new})
    changed = client.post("/akun/kata-sandi/", {"current_password": MEMBER_PASSWORD, **new})

    assert "This is not your current password." in text(wrong.content.decode())
    assert changed.status_code == 302 and changed["Location"] == ACCOUNT
    assert client.get(ACCOUNT).status_code == 200  # still signed in here
    assert elsewhere.get(ACCOUNT).status_code == 302  # signed out elsewhere
    assert sign_in(english(), member.number).status_code == 200  # the old one is refused
    assert sign_in(english(), member.number, "sungai-mahakam-9").status_code == 302
    assert AuditLog.objects.filter(action="member.password", detail__by="member").count() == 1


def test_a_weak_new_password_is_refused_in_words(member):
    client = signed_in(member)

    response = client.post(
        "/akun/kata-sandi/",
        {"current_password": MEMBER_PASSWORD, "password": "12345678", "password_again": "12345678"},
    )

    assert response.status_code == 200 and "entirely numeric" in response.content.decode()
    assert sign_in(english(), member.number).status_code == 302


def test_only_the_member_may_change_their_own_password(manager_a, member):
    with pytest.raises(NotPermitted):
        accounts.member_password_change(
            actor=manager_a, member=member, current_password=PASSWORD, password="x-y-z-1234"
        )


def test_asking_for_a_link_tells_nothing_about_the_number(member_a, mailoutbox):
    # member A has no e-mail address; the other number does not exist
    for number in (member_a.number, "DSA-999999"):
        response = ask_for_link(english(), number)
        assert "a sign-in link is on its way there" in text(response.text)
    assert mailoutbox == []


# -- my account ------------------------------------------------------------------


def test_my_account_needs_signing_in(library_a):
    response = english().get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={ACCOUNT}"


def test_a_staff_account_gets_a_page_that_says_it_is_not_a_member(client_for, manager_a):
    client = client_for(manager_a)
    client.cookies["django_language"] = "en"
    response = client.get(ACCOUNT)
    assert response.status_code == 403
    assert "This is not a member's account" in text(response.text)


@pytest.fixture
def loans(member, manager_a, library_a, item_a, item_a2):
    """Member A borrowed both copies of library A: one is overdue by 3 days."""
    overdue = circulation.checkout(
        actor=manager_a, library=library_a, member=member, barcode=item_a.barcode
    )
    Loan.objects.filter(pk=overdue.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    current = circulation.checkout(
        actor=manager_a, library=library_a, member=member, barcode=item_a2.barcode
    )
    overdue.refresh_from_db()
    return overdue, current


def day(date: datetime.date) -> str:
    return f"{date.day} {date.strftime('%B %Y')}"


def test_my_account_lists_my_loans_with_due_dates_and_overdue_in_words(member, loans, record):
    overdue, current = loans
    page = page_text(signed_in(member))
    assert f"{record.title} lent at Perpustakaan Desa Rebaq Rinding {day(overdue.due_on)}" in page
    assert "Overdue by 3 days" in page
    assert day(current.due_on) in page
    assert page.count("Overdue by") == 1
    assert page.count("Renew") >= 2


def test_renewing_from_my_account_moves_the_due_date_then_the_rule_refuses(member, loans, record):
    _overdue, current = loans
    client = signed_in(member)
    url = f"/akun/pinjaman/{current.pk}/perpanjang/"
    response = client.post(url, follow=True)
    current.refresh_from_db()
    assert current.renewals == 1
    assert f"“{record.title}” is renewed: now due on" in text(response.text)
    # the district's default rule allows one renewal; a member cannot override
    refused = client.post(url, {"override": "1"}, follow=True)
    current.refresh_from_db()
    assert current.renewals == 1
    assert (
        f"“{record.title}” was not renewed: This loan has been renewed 1 times, "
        "the most the rule allows." in text(refused.text)
    )
    assert not AuditLog.objects.filter(action="loan.override").exists()


def test_a_member_may_not_override_a_refusal_nor_renew_elsewhere(member, loans, library_b):
    _overdue, current = loans
    with pytest.raises(circulation.NotPermitted):
        circulation.renew(actor=member.user, library=current.library, loan=current, override=True)
    with pytest.raises(circulation.NotPermitted):
        circulation.renew(actor=member.user, library=library_b, loan=current)
    current.refresh_from_db()
    assert current.renewals == 0


def test_a_member_cannot_renew_another_members_loan(manager_b, member_b, loans):
    _overdue, current = loans
    other = with_password(manager_b, member_b)
    with pytest.raises(circulation.NotPermitted):
        circulation.renew(actor=other, library=current.library, loan=current)
    client = signed_in(member_b)
    assert client.post(f"/akun/pinjaman/{current.pk}/perpanjang/").status_code == 404
    current.refresh_from_db()
    assert current.renewals == 0


@pytest.fixture
def holds(member, manager_a, manager_b, member_b, library_a, library_b, record, loans):
    """Member B waits for ``record`` first, member A second (pickup at B)."""
    first = circulation.hold_place(
        actor=manager_b, member=member_b, record=record, pickup_library=library_b
    )
    second = circulation.hold_place(
        actor=member.user, member=member, record=record, pickup_library=library_b
    )
    return first, second


def test_my_account_shows_my_place_in_the_queue(member, holds, record):
    page = page_text(signed_in(member))
    assert f"{record.title} Number 2 in the queue; to pick up at Perpustakaan Desa Bukit" in page


def test_my_account_says_when_a_hold_is_ready_for_pickup(
    member, manager_a, library_a, item_a, record
):
    hold = circulation.hold_place(
        actor=member.user, member=member, record=record, pickup_library=library_a
    )
    circulation.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    hold.refresh_from_db()
    assert hold.status == Hold.Status.READY
    page = page_text(signed_in(member))
    assert (
        f"Ready for pickup at Perpustakaan Desa Rebaq Rinding until {day(hold.expires_on)}." in page
    )


def test_cancelling_a_hold_from_my_account(member, holds, record):
    _first, mine = holds
    client = signed_in(member)
    response = client.post(f"/akun/pesanan/{mine.pk}/batal/", follow=True)
    assert f"Your hold on “{record.title}” is cancelled." in text(response.text)
    mine.refresh_from_db()
    assert mine.status == Hold.Status.CANCELLED
    assert "You have no reservations." in text(response.text)


def test_a_member_cannot_cancel_another_members_hold(member, holds):
    theirs, _mine = holds
    client = signed_in(member)
    assert client.post(f"/akun/pesanan/{theirs.pk}/batal/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Hold.Status.WAITING


def test_keeping_and_forgetting_my_reading_history(member, manager_a, library_a, loans, record):
    overdue, _current = loans
    client = signed_in(member)
    assert "The libraries do not keep the books you return" in page_text(client)
    kept = client.post("/akun/riwayat/", {"keep": "1"}, follow=True)
    assert "Your reading history is kept from now on." in text(kept.text)
    circulation.checkin(actor=manager_a, library=library_a, barcode=overdue.item.barcode)
    page = page_text(client)
    assert "The libraries keep the list of books you return." in page
    assert f"{record.title} · lent {day(timezone.localdate())}" in page
    forgotten = client.post("/akun/riwayat/", {"keep": "0"}, follow=True)
    assert "1 returned loans were forgotten" in text(forgotten.text)
    overdue.refresh_from_db()
    assert overdue.member is None


def test_downloading_my_data_gives_my_data_only_and_is_audited(member, member_b, loans, record):
    client = signed_in(member)
    response = client.post("/akun/data.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="anggota-{member.number}.json"'
    data = json.loads(response.content)
    assert data["member"]["number"] == member.number
    assert {loan["title"] for loan in data["loans"]} == {record.title}
    assert member_b.number not in response.content.decode()
    assert "Budi Santoso" not in response.content.decode()
    audit = AuditLog.objects.get(action="member.export")
    assert audit.actor == member.user and audit.entity_id == str(member.pk)


def test_the_account_page_works_with_plain_forms(member, loans, holds):
    page = signed_in(member).get(ACCOUNT).text
    assert not any(tag == "script" for tag, _attrs in tags(page))
    actions = re.findall(r'<form method="post" action="(/akun/[^"]*)">(.*?)</form>', page, re.S)
    assert {action for action, _body in actions} >= {
        "/akun/keluar/",
        f"/akun/pinjaman/{loans[0].pk}/perpanjang/",
        f"/akun/pesanan/{holds[1].pk}/batal/",
        "/akun/riwayat/",
        "/akun/data.json",
    }
    assert all('name="csrfmiddlewaretoken"' in body for _action, body in actions)


def test_posts_without_the_csrf_token_are_refused(member, loans):
    _overdue, current = loans
    client = english(enforce_csrf_checks=True)
    client.force_login(member.user)
    assert client.post(f"/akun/pinjaman/{current.pk}/perpanjang/").status_code == 403
    assert client.post("/akun/data.json").status_code == 403
    current.refresh_from_db()
    assert current.renewals == 0


# -- no way into staff pages or the API ----------------------------------------------

SAMPLES = {
    "uuid": "0190a9c4-7b3e-7000-8000-000000000000",
    "int": "1",
    "slug": "x",
    "path": "x",
    "str": "DSA",
}


def staff_paths(patterns=None, prefix="") -> list[str]:
    """Every staff page address, with sample values for its parameters."""
    paths = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            paths += staff_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("staff/"):
            filled = re.sub(
                r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m[1] or "str"], route.replace("^", "")
            )
            paths.append("/" + filled)
    return paths


def test_a_members_account_opens_no_staff_page(member, library_a):
    client = signed_in(member)
    paths = staff_paths()
    assert "/staff/" in paths and "/staff/desk/" in paths and len(paths) > 40
    for path in paths:
        status = client.get(path).status_code
        if status == 405:
            status = client.post(path).status_code
        assert status == 403, path


def test_a_members_account_gets_no_api_access(member, loans):
    client = signed_in(member)
    assert client.get("/api/v1/me").status_code == 403
    assert client.get(f"/api/v1/loans?member={member.number}").status_code == 403
    response = client.post(
        "/api/v1/checkouts",
        {"member": member.number, "barcode": "DSA-000001"},
        content_type="application/json",
    )
    assert response.status_code == 403
