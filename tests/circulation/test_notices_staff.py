"""What staff do with notices: see their own members' notices (the office
every one), send a failed one again (never one that may have gone out, never
twice), pass the SMS/WhatsApp outbox on by hand or download it as CSV, and
see a member's latest notices on the member's page."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.utils import timezone

from pustaka.circulation import notices, services_notices
from pustaka.circulation.models import Notice, OutboxMessage
from pustaka.circulation.services import checkin
from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.models import AuditLog, ChangeLog
from pustaka.members.services import member_anonymise
from tests.circulation.conftest import PHONE_A, PHONE_B, REFUSING
from tests.core.html import text

NOTICES = "/staff/desk/notices/"
OUTBOX = "/staff/desk/outbox/"
CSV = "/staff/desk/outbox/waiting.csv"


@pytest.fixture
def english_client_for(client_for):
    def make(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make


def page_text(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return text(response.content.decode())


def retry(actor, notice, capture):
    """Try a notice again and run what its commit starts (the sending task)."""
    with capture(execute=True):
        return services_notices.notice_retry(actor=actor, notice=notice)


# --- try again ------------------------------------------------------------------


def test_a_given_up_notice_tried_again_is_sent_once(
    given_up, manager_a, django_capture_on_commit_callbacks
):
    notice_a, notice_b = given_up

    retry(manager_a, notice_a, django_capture_on_commit_callbacks)

    notice_a.refresh_from_db()
    assert (notice_a.status, notice_a.attempts) == ("sent", notices.MAX_ATTEMPTS + 1)
    [message] = OutboxMessage.objects.all()
    assert (message.notice, message.to, message.text) == (notice_a, PHONE_A, notice_a.body)
    assert notices.notices_send(timezone.now() + 30 * notices.FIRST_RETRY)["sent"] == 0
    with pytest.raises(Invalid) as refused:
        retry(manager_a, notice_a, django_capture_on_commit_callbacks)
    assert refused.value.code == "notice_not_failed"
    assert OutboxMessage.objects.count() == 1
    notice_b.refresh_from_db()
    assert notice_b.status == "gave_up"


@pytest.mark.parametrize("status", ["queued", "sending", "sent", "unknown"])
def test_only_a_failed_notice_can_be_tried_again(
    sms_notices, manager_a, status, django_capture_on_commit_callbacks
):
    notice = sms_notices[0]
    Notice.objects.filter(pk=notice.pk).update(status=status)
    notice.refresh_from_db()

    with pytest.raises(Invalid):
        retry(manager_a, notice, django_capture_on_commit_callbacks)

    notice.refresh_from_db()
    assert notice.status == status and OutboxMessage.objects.count() == 0
    assert not AuditLog.objects.filter(action="notice.retry").exists()


def test_a_failed_notice_waiting_for_its_retry_goes_at_once(
    sms_notices, settings, manager_a, django_capture_on_commit_callbacks
):
    settings.PUSTAKA_SMS_GATEWAY = REFUSING
    assert notices.notices_send()["failed"] == 2
    settings.PUSTAKA_SMS_GATEWAY = "pustaka.circulation.gateways.OutboxGateway"
    notice = sms_notices[0]
    notice.refresh_from_db()

    retry(manager_a, notice, django_capture_on_commit_callbacks)

    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == ("sent", 2)
    assert OutboxMessage.objects.get().notice == notice


def test_a_notice_tried_again_that_fails_again_is_given_up_again(
    given_up, settings, manager_a, django_capture_on_commit_callbacks
):
    settings.PUSTAKA_SMS_GATEWAY = REFUSING
    notice = given_up[0]

    retry(manager_a, notice, django_capture_on_commit_callbacks)

    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == ("gave_up", notices.MAX_ATTEMPTS + 1)
    assert "modem" in notice.last_error
    assert notices.notices_send(timezone.now() + 30 * notices.FIRST_RETRY)["failed"] == 0


def test_trying_again_uses_the_members_corrected_phone(
    given_up, member_a, manager_a, django_capture_on_commit_callbacks
):
    member_a.phone = "0852-1111-2222"
    member_a.save(update_fields=["phone"])

    retry(manager_a, given_up[0], django_capture_on_commit_callbacks)

    assert OutboxMessage.objects.get().to == "0852-1111-2222"
    assert Notice.objects.get(pk=given_up[0].pk).address == "0852-1111-2222"


def test_a_member_without_notices_any_more_is_not_sent_one(
    given_up, member_a, manager_a, django_capture_on_commit_callbacks
):
    member_a.notices_by = "none"
    member_a.save(update_fields=["notices_by"])

    with pytest.raises(Invalid) as refused:
        retry(manager_a, given_up[0], django_capture_on_commit_callbacks)

    assert refused.value.code == "notice_no_address"
    assert Notice.objects.get(pk=given_up[0].pk).status == "gave_up"


def test_who_may_try_a_notice_again(
    given_up, admin, volunteer_a, viewer, manager_b, django_capture_on_commit_callbacks
):
    notice_a, notice_b = given_up
    for outsider in (viewer, manager_b):
        with pytest.raises(NotPermitted):
            retry(outsider, notice_a, django_capture_on_commit_callbacks)
    retry(volunteer_a, notice_a, django_capture_on_commit_callbacks)
    retry(admin, notice_b, django_capture_on_commit_callbacks)
    assert set(Notice.objects.values_list("status", flat=True)) == {"sent"}


def test_trying_again_is_audited_and_not_change_logged(
    given_up, volunteer_a, library_a, django_capture_on_commit_callbacks
):
    changes = ChangeLog.objects.count()

    retry(volunteer_a, given_up[0], django_capture_on_commit_callbacks)

    audit = AuditLog.objects.get(action="notice.retry")
    assert (audit.actor, audit.entity, audit.entity_id) == (
        volunteer_a,
        "circulation.notice",
        str(given_up[0].pk),
    )
    assert audit.library_id == library_a.pk
    assert ChangeLog.objects.count() == changes


# --- the outbox -----------------------------------------------------------------


def test_passing_a_message_on_twice_changes_nothing_the_second_time(outbox_ab, manager_a):
    message = outbox_ab[0]

    assert services_notices.outbox_pass_on(actor=manager_a, message_ids=[message.pk]) == 1
    message.refresh_from_db()
    first = message.passed_on_at
    assert services_notices.outbox_pass_on(actor=manager_a, message_ids=[message.pk]) == 0

    message.refresh_from_db()
    assert first is not None and message.passed_on_at == first
    assert AuditLog.objects.filter(action="outbox.pass_on", entity_id=str(message.pk)).count() == 1


def test_who_may_pass_a_message_on(outbox_ab, manager_b, viewer, volunteer_a, admin):
    message_a, message_b = outbox_ab
    with pytest.raises(NotFound):
        services_notices.outbox_pass_on(actor=manager_b, message_ids=[message_a.pk])
    with pytest.raises(NotPermitted):
        services_notices.outbox_pass_on(actor=viewer, message_ids=[message_a.pk])
    with pytest.raises(NotFound):  # one of them not B's: none is marked
        services_notices.outbox_pass_on(actor=manager_b, message_ids=[message_a.pk, message_b.pk])
    assert not OutboxMessage.objects.filter(passed_on_at__isnull=False).exists()
    assert services_notices.outbox_pass_on(actor=volunteer_a, message_ids=[message_a.pk]) == 1
    assert services_notices.outbox_pass_on(actor=admin, message_ids=[message_b.pk]) == 1


def test_a_message_kept_before_it_knew_its_notice_is_the_offices(
    outbox_ab, admin, manager_a, viewer
):
    old = OutboxMessage.objects.create(to="0812-0000-0000", text="Pesan lama")
    with pytest.raises(NotFound):
        services_notices.outbox_pass_on(actor=manager_a, message_ids=[old.pk])
    with pytest.raises(NotPermitted):
        services_notices.outbox_pass_on(actor=viewer, message_ids=[old.pk])
    assert services_notices.outbox_pass_on(actor=admin, message_ids=[old.pk]) == 1


# --- the notices page -------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_a", "sees_b"),
    [
        ("manager_a", True, False),
        ("volunteer_a", True, False),
        ("manager_b", False, True),
        ("admin", True, True),
        ("viewer", True, True),
    ],
)
def test_the_notices_page_shows_the_members_of_the_users_library(
    request, outbox_ab, english_client_for, role, sees_a, sees_b
):
    client = english_client_for(request.getfixturevalue(role))

    shown = page_text(client, NOTICES)

    assert "Notices to members" in shown
    assert ("Siti Rahmawati" in shown, "Budi Santoso" in shown) == (sees_a, sees_b)
    outbox = page_text(client, OUTBOX)
    assert (PHONE_A in outbox, PHONE_B in outbox) == (sees_a, sees_b)
    rows = list(csv.reader(io.StringIO(client.get(CSV).content.decode("utf-8-sig"))))
    expected = {phone for phone, seen in ((PHONE_A, sees_a), (PHONE_B, sees_b)) if seen}
    assert {row[0] for row in rows[1:]} == expected


def test_pages_render_in_indonesian_by_default(outbox_ab, client_for, manager_a, member_a):
    client = client_for(manager_a)
    for url in (NOTICES, OUTBOX, f"/staff/members/{member_a.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Content-Language"] == "id"


def test_the_notices_page_filters(given_up, english_client_for, admin, library_b):
    notice_a, notice_b = given_up
    Notice.objects.filter(pk=notice_b.pk).update(status="sent")
    client = english_client_for(admin)

    def names(**params):
        shown = page_text(client, NOTICES, params)
        return [name for name in ("Siti Rahmawati", "Budi Santoso") if name in shown]

    assert names() == ["Siti Rahmawati", "Budi Santoso"]
    assert names(status="failed") == ["Siti Rahmawati"]
    assert names(status="sent") == ["Budi Santoso"]
    assert names(status="pending") == []
    assert names(channel="email") == []
    assert names(channel="sms", kind="due_soon") == ["Siti Rahmawati", "Budi Santoso"]
    assert names(kind="overdue") == []
    assert names(library=library_b.code) == ["Budi Santoso"]
    assert names(member=notice_a.member.number.lower()) == ["Siti Rahmawati"]


def test_a_failed_notice_shows_its_error_attempts_and_a_try_again_button(
    given_up, english_client_for, manager_a
):
    client = english_client_for(manager_a)
    html = client.get(NOTICES).content.decode()
    shown = text(html)

    assert "Due soon" in shown and "SMS / WhatsApp" in shown and PHONE_A in shown
    attempts_error_status = "5 ConnectionError: the SMS modem does not answer ✗ Failed"
    assert attempts_error_status in shown
    assert f'action="/staff/desk/notices/{given_up[0].pk}/retry/"' in html
    assert "Try again Siti Rahmawati" in shown


def test_the_viewer_sees_failed_notices_without_the_button(given_up, english_client_for, viewer):
    shown = page_text(english_client_for(viewer), NOTICES)
    assert "Siti Rahmawati" in shown and "Try again" not in shown


def test_try_again_from_the_page_sends_the_notice(
    given_up, english_client_for, manager_a, django_capture_on_commit_callbacks
):
    client = english_client_for(manager_a)
    url = f"{NOTICES}{given_up[0].pk}/retry/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"query": "status=failed"})

    assert response.status_code == 302
    assert response["Location"] == f"{NOTICES}?status=failed"
    assert Notice.objects.get(pk=given_up[0].pk).status == "sent"
    shown = page_text(client, NOTICES)
    assert "The notice to Siti Rahmawati will be sent again in a moment." in shown
    second = client.post(url, follow=True)
    assert "Only a notice that failed can be sent again." in text(second.content.decode())
    assert OutboxMessage.objects.count() == 1


def test_another_librarys_notice_cannot_be_tried_again(given_up, english_client_for, manager_b):
    response = english_client_for(manager_b).post(f"{NOTICES}{given_up[0].pk}/retry/")
    assert response.status_code == 404
    assert Notice.objects.get(pk=given_up[0].pk).status == "gave_up"


def test_the_viewer_cannot_try_again(given_up, english_client_for, viewer):
    response = english_client_for(viewer).post(f"{NOTICES}{given_up[0].pk}/retry/")
    assert response.status_code == 403


def test_the_filters_answer_htmx_with_the_rows_only(given_up, english_client_for, admin):
    response = english_client_for(admin).get(NOTICES, {"status": "failed"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<tr>" in html and "Siti Rahmawati" in html and "<h1>" not in html


def test_the_notices_page_reads_a_fixed_number_of_queries(
    given_up, english_client_for, admin, member_a, django_assert_max_num_queries
):
    for number in range(30):
        Notice.objects.create(
            key=f"extra:{number}",
            member=member_a,
            kind="overdue",
            channel="sms",
            address=PHONE_A,
            subject="",
            body="Buku terlambat",
            status="gave_up",
        )
    client = english_client_for(admin)
    client.get(NOTICES)
    with django_assert_max_num_queries(6):  # session, user, role, libraries, count, page
        assert client.get(NOTICES).status_code == 200


def test_the_menu_and_the_desk_lists_lead_to_the_notices(english_client_for, manager_a):
    client = english_client_for(manager_a)
    home = client.get("/staff/").content.decode()
    assert f'href="{NOTICES}"' in home
    lists = client.get("/staff/desk/lists/").content.decode()
    assert f'href="{NOTICES}"' in lists and f'href="{OUTBOX}"' in lists


# --- the outbox page and its CSV ----------------------------------------------------


def test_a_message_passed_on_leaves_the_outbox(outbox_ab, english_client_for, manager_a):
    client = english_client_for(manager_a)
    assert "1 message waits to be passed on" in page_text(client, OUTBOX)

    response = client.post(f"{OUTBOX}passed-on/", {"message": str(outbox_ab[0].pk)}, follow=True)

    shown = text(response.content.decode())
    assert "1 message marked as passed on." in shown
    assert "No message waits." in shown and PHONE_A not in shown
    assert OutboxMessage.objects.get(pk=outbox_ab[0].pk).passed_on_at is not None


def test_all_messages_shown_are_passed_on_at_once(outbox_ab, english_client_for, admin):
    client = english_client_for(admin)
    html = client.get(OUTBOX).content.decode()
    assert "Mark all 2 messages shown as passed on" in text(html)
    later = OutboxMessage.objects.create(to="0812-9999-0000", text="Datang setelah halaman dibuka")

    response = client.post(
        f"{OUTBOX}passed-on/", {"message": [str(m.pk) for m in outbox_ab]}, follow=True
    )

    assert "2 messages marked as passed on." in text(response.content.decode())
    assert list(OutboxMessage.objects.filter(passed_on_at__isnull=True)) == [later]


def test_another_librarys_message_cannot_be_passed_on(outbox_ab, english_client_for, manager_b):
    response = english_client_for(manager_b).post(
        f"{OUTBOX}passed-on/", {"message": str(outbox_ab[0].pk)}
    )
    assert response.status_code == 404
    assert OutboxMessage.objects.filter(passed_on_at__isnull=True).count() == 2


def test_the_viewer_sees_the_outbox_without_buttons(outbox_ab, english_client_for, viewer):
    shown = page_text(english_client_for(viewer), OUTBOX)
    assert PHONE_A in shown and "Passed on" not in shown and "Mark all" not in shown


def test_the_csv_lists_the_waiting_messages(outbox_ab, english_client_for, admin):
    services_notices.outbox_pass_on(actor=admin, message_ids=[outbox_ab[1].pk])
    response = english_client_for(admin).get(CSV)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="outbox-')
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeffphone,text,created\r\n")
    header, *rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    message = outbox_ab[0]
    created = timezone.localtime(message.created_at).isoformat(timespec="seconds")
    assert rows == [[PHONE_A, message.text, created]]
    assert "\n" in message.text and created.endswith("+08:00")


def test_the_csv_of_one_library(outbox_ab, english_client_for, admin, library_b):
    response = english_client_for(admin).get(CSV, {"library": library_b.code})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [PHONE_B]


def test_the_csv_never_hands_a_spreadsheet_a_formula(english_client_for, admin):
    OutboxMessage.objects.create(to="=1+1", text='=HYPERLINK("http://x.example","klik")')
    OutboxMessage.objects.create(to="+62 812-3456-7890", text="- buku")
    response = english_client_for(admin).get(CSV)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[:2] for row in rows[1:]] == [
        ["'=1+1", '\'=HYPERLINK("http://x.example","klik")'],
        ["+62 812-3456-7890", "'- buku"],
    ]


# --- the member's page ----------------------------------------------------------------


def test_the_members_page_shows_their_ten_latest_notices(
    sms_notices, english_client_for, manager_a, member_a
):
    for number in range(11):
        Notice.objects.create(
            key=f"overdue:{member_a.pk}:{number}",
            member=member_a,
            kind="overdue",
            channel="sms",
            address=PHONE_A,
            subject="",
            body="Buku terlambat",
            status="sent" if number < 10 else "gave_up",
            last_error="" if number < 10 else "ConnectionError: modem",
        )
    html = english_client_for(manager_a).get(f"/staff/members/{member_a.pk}/").content.decode()
    shown = text(html)

    assert "Latest notices" in shown
    assert shown.count("Overdue") == 10 and "Due soon" not in shown
    assert "ConnectionError: modem" in shown
    assert f'href="{NOTICES}?member={member_a.number}"' in html


def test_a_member_without_notices_says_so(english_client_for, manager_a, member_a):
    shown = page_text(english_client_for(manager_a), f"/staff/members/{member_a.pk}/")
    assert "No notice sent yet." in shown


def test_an_anonymised_members_notices_and_messages_are_no_longer_shown(
    outbox_ab, sms_loans, english_client_for, manager_a, admin, library_a, member_a
):
    checkin(actor=manager_a, library=library_a, barcode=sms_loans[0].item.barcode)
    member_anonymise(actor=manager_a, member=member_a)
    client = english_client_for(admin)

    assert PHONE_A not in page_text(client, NOTICES) and PHONE_B in page_text(client, NOTICES)
    assert PHONE_A not in page_text(client, OUTBOX) and PHONE_A not in client.get(CSV).text
    assert "No notice sent yet." in page_text(client, f"/staff/members/{member_a.pk}/")


def test_anonymising_wipes_the_members_notices_and_messages(
    outbox_ab, sms_loans, manager_a, library_a, member_a, member_b
):
    checkin(actor=manager_a, library=library_a, barcode=sms_loans[0].item.barcode)
    earlier = OutboxMessage.objects.create(to=PHONE_A, text=f"Halo {member_a.name}")

    member_anonymise(actor=manager_a, member=member_a)

    notice = Notice.objects.get(member=member_a)
    assert (notice.address, notice.subject, notice.body) == ("", "", "")
    wiped = OutboxMessage.objects.filter(pk__in=[outbox_ab[0].pk, earlier.pk])
    assert [(message.to, message.text) for message in wiped] == [("", ""), ("", "")]
    kept = OutboxMessage.objects.get(pk=outbox_ab[1].pk)
    assert kept.to == PHONE_B and member_b.name in kept.text


# --- the migration ----------------------------------------------------------------


def test_the_migration_marks_interrupted_notices_and_links_old_messages(sms_notices):
    migration = importlib.import_module(
        "pustaka.circulation.migrations.0007_notice_interrupted_outbox_passed_on"
    )
    notice_a, notice_b = sms_notices
    Notice.objects.filter(pk=notice_a.pk).update(
        status="gave_up", last_error=migration.INTERRUPTED_ERRORS[1]
    )
    Notice.objects.filter(pk=notice_b.pk).update(status="gave_up", last_error="ConnectionError")
    old = OutboxMessage.objects.create(to=notice_b.address, text=notice_b.body)
    stray = OutboxMessage.objects.create(to="0812-0000-0000", text="Pesan lain")

    migration.mark_interrupted(apps, None)
    migration.link_outbox_to_notices(apps, None)

    assert Notice.objects.get(pk=notice_a.pk).status == "unknown"
    assert Notice.objects.get(pk=notice_b.pk).status == "gave_up"
    assert OutboxMessage.objects.get(pk=old.pk).notice_id == notice_b.pk
    assert OutboxMessage.objects.get(pk=stray.pk).notice_id is None
