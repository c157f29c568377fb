"""Members' own accounts: the password set at the desk or through a one-time
e-mail link, the reading-history choice, the member's own data download."""

import datetime
import re
import socket

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django.utils.translation import override

from pustaka.circulation import services as circulation
from pustaka.circulation.models import Loan
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.models import AuditLog
from pustaka.core.permissions import access_for
from pustaka.libraries import services as library_services
from pustaka.members import accounts
from pustaka.members import queries_account as account_queries
from pustaka.members.models import Member
from tests.conftest import PASSWORD
from tests.core.html import text

NEW_PASSWORD = "kebun-pisang-77"


def links_sent(mailoutbox) -> list[tuple[str, str]]:
    """``(member id, token)`` of each sign-in link e-mailed."""
    return [
        match
        for mail in mailoutbox
        for match in re.findall(r"/akun/tautan/([0-9a-f-]+)/([^/\s]+)/", mail.body)
    ]


def link_for(member, token):
    return f"http://testserver/akun/tautan/{member.pk}/{token}/"


def send_link(actor, member):
    accounts.member_sign_in_link_send(actor=actor, member=member, link_for=link_for)


@pytest.fixture
def member_with_email(manager_a, member_a):
    from pustaka.members import services

    services.member_update(actor=manager_a, member=member_a, changes={"email": "siti@example.org"})
    return member_a


# -- the password set at the desk ------------------------------------------------


def test_the_desk_sets_a_password_and_creates_an_account_without_a_staff_role(manager_a, member_a):
    user = accounts.member_password_set(actor=manager_a, member=member_a, password=NEW_PASSWORD)
    member_a.refresh_from_db()
    assert member_a.user == user
    assert user.username == f"member+{member_a.pk.hex}"
    assert user.check_password(NEW_PASSWORD)
    assert not user.is_staff and not user.is_superuser
    assert not access_for(user).is_staff_member
    assert (user.first_name, user.last_name, user.email) == ("", "", "")
    audit = AuditLog.objects.get(action="member.password")
    assert (audit.actor, audit.entity_id, audit.detail) == (
        manager_a,
        str(member_a.pk),
        {"by": "staff"},
    )


def test_a_new_password_replaces_the_old_one_on_the_same_account(manager_a, member_a):
    first = accounts.member_password_set(actor=manager_a, member=member_a, password=NEW_PASSWORD)
    second = accounts.member_password_set(
        actor=manager_a, member=member_a, password="sungai-deras-88"
    )
    assert second.pk == first.pk
    second.refresh_from_db()
    assert second.check_password("sungai-deras-88") and not second.check_password(NEW_PASSWORD)


def test_staff_of_another_library_may_not_set_the_password(manager_b, member_a):
    with pytest.raises(NotPermitted):
        accounts.member_password_set(actor=manager_b, member=member_a, password=NEW_PASSWORD)
    member_a.refresh_from_db()
    assert member_a.user is None


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("1234", "too short"),
        ("20260317123", "entirely numeric"),
        ("password123", "too common"),
        ("Rahmawati1", "too similar"),
    ],
)
def test_a_weak_password_is_refused_with_the_reason(manager_a, member_a, password, why):
    with override("en"), pytest.raises(Invalid) as refused:
        accounts.member_password_set(actor=manager_a, member=member_a, password=password)
    assert why in " ".join(refused.value.fields["password"])
    member_a.refresh_from_db()
    assert member_a.user is None


def test_an_account_name_already_taken_by_staff_is_refused(admin, library_a, manager_a, member_a):
    from pustaka.core.permissions import Role

    library_services.staff_create(
        actor=admin,
        username=f"member+{member_a.pk.hex}",
        password=PASSWORD,
        role=Role.VOLUNTEER,
        library=library_a,
    )
    with pytest.raises(Invalid):
        accounts.member_password_set(actor=manager_a, member=member_a, password=NEW_PASSWORD)
    member_a.refresh_from_db()
    assert member_a.user is None


def test_an_anonymised_member_gets_no_password(admin, member_a):
    from pustaka.members import services

    services.member_anonymise(actor=admin, member=member_a)
    with pytest.raises(Invalid):
        accounts.member_password_set(actor=admin, member=member_a, password=NEW_PASSWORD)


def test_a_registration_waiting_for_confirmation_gets_no_password(manager_a, member_a):
    Member.objects.filter(pk=member_a.pk).update(status=Member.Status.PENDING)
    member_a.refresh_from_db()
    with pytest.raises(Invalid) as refused:
        accounts.member_password_set(actor=manager_a, member=member_a, password=NEW_PASSWORD)
    assert refused.value.code == "pending"


# -- the sign-in link --------------------------------------------------------------


def test_a_sign_in_link_sets_the_password_once(member_with_email, mailoutbox):
    # when the member asks for a link (from the public site: no one signed in)
    send_link(None, member_with_email)
    # then one e-mail goes to the address on file, with the number and the link
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["siti@example.org"]
    assert member_with_email.number in mail.body
    [(member_id, token)] = links_sent(mailoutbox)
    assert member_id == str(member_with_email.pk)
    # and the link sets the password (creating the account) once
    user = accounts.member_password_reset(
        member=member_with_email, token=token, password=NEW_PASSWORD
    )
    assert user.check_password(NEW_PASSWORD)
    member_with_email.refresh_from_db()
    assert member_with_email.user == user
    with override("en"), pytest.raises(Invalid, match="expired or was used"):
        accounts.member_password_reset(
            member=member_with_email, token=token, password="sungai-deras-88"
        )
    audits = AuditLog.objects.filter(entity_id=str(member_with_email.pk))
    assert [
        (row.action, row.actor, row.detail.get("by")) for row in audits.order_by("occurred_at")
    ][-2:] == [("member.sign_in_link", None, "member"), ("member.password", user, "link")]


def test_a_sign_in_link_expires(member_with_email, monkeypatch):
    token = account_queries.sign_in_tokens.make_token(member_with_email)
    assert account_queries.sign_in_link_check(member_with_email, token)
    later = datetime.datetime.now() + datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 60
    )
    monkeypatch.setattr(account_queries.sign_in_tokens, "_now", lambda: later)
    assert not account_queries.sign_in_link_check(member_with_email, token)
    with pytest.raises(Invalid):
        accounts.member_password_reset(member=member_with_email, token=token, password=NEW_PASSWORD)


def test_a_link_stops_working_once_the_member_signs_in(manager_a, member_with_email):
    user = accounts.member_password_set(
        actor=manager_a, member=member_with_email, password=NEW_PASSWORD
    )
    member_with_email.refresh_from_db()
    token = account_queries.sign_in_tokens.make_token(member_with_email)
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    member_with_email.refresh_from_db()
    assert not account_queries.sign_in_link_check(member_with_email, token)


def test_a_link_of_one_member_does_not_open_another(member_with_email, member_b):
    token = account_queries.sign_in_tokens.make_token(member_with_email)
    assert not account_queries.sign_in_link_check(member_b, token)


def test_no_link_without_an_e_mail_address(member_a, mailoutbox):
    with pytest.raises(Invalid) as refused:
        send_link(None, member_a)
    assert refused.value.code == "no_email"
    assert mailoutbox == []


def test_no_link_for_a_blocked_member(manager_a, member_with_email, mailoutbox):
    from pustaka.members import services

    services.member_block(actor=manager_a, member=member_with_email, reason="Buku hilang")
    with pytest.raises(Invalid) as refused:
        send_link(None, member_with_email)
    assert refused.value.code == "may_not_sign_in"
    assert mailoutbox == []


def test_no_link_for_a_pending_member(member_with_email, mailoutbox):
    Member.objects.filter(pk=member_with_email.pk).update(status=Member.Status.PENDING)
    member_with_email.refresh_from_db()
    with pytest.raises(Invalid) as refused:
        send_link(None, member_with_email)
    assert refused.value.code == "may_not_sign_in"
    assert mailoutbox == []


def test_one_link_per_pause(member_with_email, mailoutbox):
    send_link(None, member_with_email)
    with pytest.raises(Invalid) as refused:
        send_link(None, member_with_email)
    assert refused.value.code == "link_sent_recently"
    assert len(mailoutbox) == 1


def test_staff_of_another_library_may_not_send_the_link(manager_b, member_with_email, mailoutbox):
    with pytest.raises(NotPermitted):
        send_link(manager_b, member_with_email)
    assert mailoutbox == []


def test_a_mail_server_that_does_not_answer_is_said_in_words(settings, member_with_email):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    with pytest.raises(Invalid) as refused:
        send_link(None, member_with_email)
    assert refused.value.code == "mail_failed"
    assert not AuditLog.objects.filter(action="member.sign_in_link").exists()


# -- reading history and the member's data ------------------------------------------


@pytest.fixture
def member_account(manager_a, member_a):
    """``member_a`` with a password: the account they act as on the public site."""
    return accounts.member_password_set(actor=manager_a, member=member_a, password=NEW_PASSWORD)


def test_opting_out_of_the_reading_history_forgets_the_returned_loans(
    manager_a, library_a, member_a, member_account, item_a, item_a2
):
    # given a member who keeps their history, with one returned and one open loan
    accounts.member_history_keep(actor=member_account, member=member_a, keep=True)
    for item in (item_a, item_a2):
        circulation.checkout(
            actor=manager_a, library=library_a, member=member_a, barcode=item.barcode
        )
    circulation.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    assert list(account_queries.member_reading_history(member_a)) == [Loan.objects.get(item=item_a)]
    # when they stop keeping it
    forgotten = accounts.member_history_keep(actor=member_account, member=member_a, keep=False)
    # then the returned loan no longer names them; the open one still does
    assert forgotten == 1
    member_a.refresh_from_db()
    assert member_a.keeps_history is False
    assert Loan.objects.get(item=item_a).member is None
    assert Loan.objects.get(item=item_a2).member == member_a
    audit = AuditLog.objects.filter(action="member.history").latest("occurred_at")
    assert audit.actor == member_account and audit.detail == {"keep": False, "forgotten": 1}


def test_staff_turning_the_history_off_forget_the_returned_loans_too(
    manager_a, library_a, member_a, item_a
):
    from pustaka.members import services

    services.member_update(actor=manager_a, member=member_a, changes={"keeps_history": True})
    circulation.checkout(
        actor=manager_a, library=library_a, member=member_a, barcode=item_a.barcode
    )
    circulation.checkin(actor=manager_a, library=library_a, barcode=item_a.barcode)
    assert Loan.objects.get(item=item_a).member == member_a

    services.member_update(actor=manager_a, member=member_a, changes={"keeps_history": False})

    assert Loan.objects.get(item=item_a).member is None


def test_anonymising_a_member_closes_their_sign_in(admin, member_a, member_account):
    from pustaka.members import services

    services.member_anonymise(actor=admin, member=member_a)

    member_account.refresh_from_db()
    assert member_account.is_active is False


def test_another_member_may_not_change_my_history_choice(manager_b, member_b, member_a):
    other = accounts.member_password_set(actor=manager_b, member=member_b, password=NEW_PASSWORD)
    with pytest.raises(NotPermitted):
        accounts.member_history_keep(actor=other, member=member_a, keep=True)


def test_the_member_downloads_their_own_data_and_it_is_audited(member_a, member_account):
    data = accounts.member_export_own(actor=member_account, member=member_a)
    assert data["member"]["number"] == member_a.number
    assert data["member"]["name"] == "Siti Rahmawati"
    audit = AuditLog.objects.get(action="member.export")
    assert audit.actor == member_account
    assert audit.detail == {"format": "json", "by": "member"}


def test_no_one_else_downloads_a_members_data_this_way(manager_a, manager_b, member_a, member_b):
    other = accounts.member_password_set(actor=manager_b, member=member_b, password=NEW_PASSWORD)
    for actor in (other, manager_a):
        with pytest.raises(NotPermitted):
            accounts.member_export_own(actor=actor, member=member_a)
    assert not AuditLog.objects.filter(action="member.export").exists()


# -- the staff pages ------------------------------------------------------------------


@pytest.fixture
def staff_english(client_for):
    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


def test_the_members_page_offers_the_account_actions(staff_english, manager_a, member_with_email):
    page = text(staff_english(manager_a).get(f"/staff/members/{member_with_email.pk}/").text)
    assert "Online account The member has no password for the public site yet." in page
    assert "Set password" in page and "Send a sign-in link to siti@example.org" in page


def test_the_desk_sets_the_password_the_member_types(staff_english, volunteer_a, member_a):
    client = staff_english(volunteer_a)
    url = f"/staff/members/{member_a.pk}/password/"
    assert client.get(url).status_code == 200
    weak = client.post(url, {"password": "12345678", "password_again": "12345678"})
    assert "This password is entirely numeric." in text(weak.text)
    data = {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    response = client.post(url, data, follow=True)
    assert f"Password set: the member signs in with the number {member_a.number}." in text(
        response.text
    )
    assert "The member can sign in on the public site" in text(response.text)
    signed = Client().post("/akun/masuk/", {"number": member_a.number, "password": NEW_PASSWORD})
    assert signed.status_code == 302


def test_the_desk_sends_the_sign_in_link(staff_english, manager_a, member_with_email, mailoutbox):
    client = staff_english(manager_a)
    response = client.post(f"/staff/members/{member_with_email.pk}/sign-in-link/", follow=True)
    assert "A sign-in link was sent to siti@example.org." in text(response.text)
    [(member_id, _token)] = links_sent(mailoutbox)
    assert member_id == str(member_with_email.pk)
    audit = AuditLog.objects.get(action="member.sign_in_link")
    assert (audit.actor, audit.detail) == (manager_a, {"by": "staff"})
    again = client.post(f"/staff/members/{member_with_email.pk}/sign-in-link/", follow=True)
    assert "A link was sent a moment ago." in text(again.text)
    assert len(mailoutbox) == 1


def test_staff_of_another_library_do_not_reach_the_account_pages(
    staff_english, manager_b, member_a
):
    client = staff_english(manager_b)
    assert client.get(f"/staff/members/{member_a.pk}/password/").status_code == 404
    assert client.post(f"/staff/members/{member_a.pk}/sign-in-link/").status_code == 404
