"""Notices: due soon, overdue and hold ready, delivered through a real SMTP
server on loopback (aiosmtpd) or the SMS outbox, each exactly once; failures
are recorded and retried after a pause, then given up. And the scheduler that
runs the daily task."""

import datetime
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import zoneinfo
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from pustaka.circulation import notices, services
from pustaka.circulation.management.commands.scheduler import (
    SEND_EVERY,
    Scheduler,
    first_daily_run,
    next_daily_run,
    parse_daily_at,
)
from pustaka.circulation.models import Notice, OutboxMessage
from pustaka.circulation.tasks import circulation_daily
from pustaka.core.management.commands.serve import child_commands
from tests.circulation.fixtures import MONDAY

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
DAY = datetime.timedelta(days=1)
NOW = datetime.datetime(2026, 12, 5, 7, 0, tzinfo=WITA)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """An SMTP server's handler: keeps what it accepts; answers ``refuse``
    (e.g. "451 ...") to every message while that is set."""

    def __init__(self):
        self.received = []
        self.tries = 0
        self.refuse = None

    async def handle_DATA(self, server, session, envelope):
        self.tries += 1
        if self.refuse:
            return self.refuse
        self.received.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        return [
            (
                envelope.rcpt_tos,
                email.message_from_bytes(envelope.content, policy=email.policy.SMTP),
            )
            for envelope in self.received
        ]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback, with Django's SMTP backend pointed at it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "pustaka@perpustakaan.example"
    mailbox.controller = controller
    yield mailbox
    if controller._thread is not None:
        controller.stop()


@pytest.fixture
def lent(manager_a, library_a, member_a, item_a):
    """``item_a`` lent on a Monday to member A, who reads e-mail."""
    member_a.email = "siti@example.org"
    member_a.save(update_fields=["email"])
    return services.checkout(
        actor=manager_a, library=library_a, member=member_a, barcode=item_a.barcode, today=MONDAY
    )


def at(day: datetime.date, hour: int = 7, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WITA)


def daily(day: datetime.date) -> dict:
    return circulation_daily.enqueue(day.isoformat()).return_value


def test_a_due_soon_notice_is_delivered_once(smtp, lent, library_a, record):
    two_days_before = lent.due_on - 2 * DAY
    assert daily(two_days_before - DAY)["notices_queued"] == 0
    report = daily(two_days_before)
    assert report["notices_queued"] == 1 and report["sent"] == 1
    daily(two_days_before)
    daily(two_days_before + DAY)
    daily(lent.due_on)

    [(recipients, message)] = smtp.messages()
    assert recipients == ["siti@example.org"]
    assert message["From"] == "pustaka@perpustakaan.example"
    assert library_a.name in message["Subject"]
    assert lent.due_on.strftime("%d-%m-%Y") in message["Subject"]
    body = message.get_content()
    assert "Siti Rahmawati" in body and f"“{record.title}”" in body
    notice = Notice.objects.get()
    assert (notice.kind, notice.status, notice.attempts) == ("due_soon", "sent", 1)
    assert notice.sent_at is not None and notice.last_error == ""


def test_one_message_lists_every_book_due_the_same_day(
    smtp, lent, manager_a, library_a, member_a, item_a2
):
    services.checkout(
        actor=manager_a, library=library_a, member=member_a, barcode=item_a2.barcode, today=MONDAY
    )
    daily(lent.due_on - 2 * DAY)
    [(_recipients, message)] = smtp.messages()
    assert message.get_content().count("“Budidaya Lele di Kolam Terpal”") == 2


def test_overdue_reminders_the_day_after_then_weekly_then_no_more(smtp, lent):
    for days_over in range(0, 40):
        daily(lent.due_on + days_over * DAY)
    kinds = list(Notice.objects.order_by("created_at").values_list("kind", "key"))
    assert [kind for kind, _key in kinds] == ["due_soon"] + ["overdue"] * 4
    assert [key.rsplit(":", 1)[1] for _kind, key in kinds[1:]] == ["0", "1", "2", "3"]
    assert len(smtp.received) == 5
    due_soon, overdue = (message for _to, message in smtp.messages()[:2])
    assert overdue["Subject"] != due_soon["Subject"]
    assert lent.due_on.strftime("%d-%m-%Y") in overdue.get_content()


def test_a_node_switched_off_catches_up_without_repeating(smtp, lent):
    """The day of the due-soon reminder and the first overdue day were missed."""
    daily(lent.due_on - DAY)
    daily(lent.due_on + 3 * DAY)
    daily(lent.due_on + 4 * DAY)
    assert [n.kind for n in Notice.objects.order_by("created_at")] == ["due_soon", "overdue"]
    assert len(smtp.received) == 2


def test_a_returned_loan_earns_no_reminder(smtp, lent, manager_a, library_a):
    services.checkin(actor=manager_a, library=library_a, barcode=lent.item.barcode)
    daily(lent.due_on - 2 * DAY)
    daily(lent.due_on + DAY)
    assert Notice.objects.count() == 0 and smtp.received == []


def test_a_refused_message_is_retried_after_the_pause_and_sent_once(smtp, lent):
    notices.notices_queue_due(lent.due_on - 2 * DAY)
    smtp.refuse = "451 4.3.0 Mailbox busy, try again later"
    first = at(lent.due_on - 2 * DAY)
    assert notices.notices_send(first) == {"sent": 0, "failed": 1, "gave_up": 0}
    notice = Notice.objects.get()
    assert notice.status == "failed" and notice.attempts == 1
    assert "451" in notice.last_error and "Mailbox busy" in notice.last_error
    assert notice.next_attempt_at == first + datetime.timedelta(minutes=15)

    smtp.refuse = None
    assert notices.notices_send(first + datetime.timedelta(minutes=14))["sent"] == 0
    assert notices.notices_send(first + datetime.timedelta(minutes=15))["sent"] == 1
    assert notices.notices_send(first + datetime.timedelta(hours=2))["sent"] == 0
    assert len(smtp.received) == 1 and smtp.tries == 2
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == ("sent", 2)


def test_a_stopped_mail_server_marks_the_notice_failed(smtp, lent):
    smtp.controller.stop()
    report = daily(lent.due_on - 2 * DAY)
    assert report["failed"] == 1
    notice = Notice.objects.get()
    assert notice.status == "failed" and "Connection" in notice.last_error


def test_a_notice_is_given_up_after_the_last_attempt(smtp, lent):
    notices.notices_queue_due(lent.due_on)
    smtp.refuse = "550 5.1.1 No such mailbox"
    when = at(lent.due_on)
    for attempt in range(1, notices.MAX_ATTEMPTS + 1):
        report = notices.notices_send(when)
        assert report["failed" if attempt < notices.MAX_ATTEMPTS else "gave_up"] == 1
        when += notices.retry_delay(attempt)
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts) == ("gave_up", notices.MAX_ATTEMPTS)
    assert "550" in notice.last_error
    smtp.refuse = None
    assert notices.notices_send(when + 30 * DAY) == {"sent": 0, "failed": 0, "gave_up": 0}
    assert smtp.tries == notices.MAX_ATTEMPTS and smtp.received == []


def test_the_pause_grows_between_attempts():
    minutes = [notices.retry_delay(n).total_seconds() / 60 for n in range(1, 5)]
    assert minutes == [15, 60, 240, 960]


def test_the_sms_outbox_keeps_the_message_for_an_sms_member(lent, member_a, record):
    member_a.notices_by, member_a.phone = "sms", "0812-5555-0101"
    member_a.save(update_fields=["notices_by", "phone"])
    report = daily(lent.due_on - 2 * DAY)
    assert report["sent"] == 1
    outbox = OutboxMessage.objects.get()
    assert outbox.to == "0812-5555-0101"
    assert record.title in outbox.text and lent.due_on.strftime("%d-%m-%Y") in outbox.text
    assert Notice.objects.get().channel == "sms"


def test_a_member_without_notices_gets_none(lent, member_a):
    member_a.notices_by = "none"
    member_a.save(update_fields=["notices_by"])
    assert daily(lent.due_on - 2 * DAY)["notices_queued"] == 0


def test_the_hold_ready_notice_of_a_return_is_sent(
    smtp, loan_a, hold_b, member_b, manager_a, library_a, record
):
    member_b.email = "budi@example.org"
    member_b.save(update_fields=["email"])
    services.checkin(actor=manager_a, library=library_a, barcode=loan_a.item.barcode)
    assert notices.notices_send()["sent"] == 1
    [(recipients, message)] = smtp.messages()
    assert recipients == ["budi@example.org"]
    assert library_a.name in message.get_content() and record.title in message.get_content()
    assert Notice.objects.get().kind == "hold_ready"


class SecondWorkerGateway:
    """Sends through the outbox while, at that very moment, another worker
    runs ``notices_send`` too."""

    during_send = []

    def send(self, address, subject, body):
        self.during_send.append(notices.notices_send())
        OutboxMessage.objects.create(to=address, text=body)


def test_two_workers_never_send_the_same_notice(settings, lent, member_a):
    settings.PUSTAKA_SMS_GATEWAY = f"{__name__}.SecondWorkerGateway"
    member_a.notices_by, member_a.phone = "sms", "0812-5555-0101"
    member_a.save(update_fields=["notices_by", "phone"])
    SecondWorkerGateway.during_send.clear()
    notices.notices_queue_due(lent.due_on)
    assert notices.notices_send() == {"sent": 1, "failed": 0, "gave_up": 0}
    assert SecondWorkerGateway.during_send == [{"sent": 0, "failed": 0, "gave_up": 0}]
    assert OutboxMessage.objects.count() == 1


def test_a_notice_interrupted_while_sending_is_not_sent_again(smtp, lent):
    notices.notices_queue_due(lent.due_on)
    started = at(lent.due_on)
    Notice.objects.update(status="sending", attempts=1, next_attempt_at=started)
    assert notices.notices_send(started + datetime.timedelta(minutes=30))["gave_up"] == 0
    assert notices.notices_send(started + datetime.timedelta(hours=2))["gave_up"] == 1
    notice = Notice.objects.get()
    assert notice.status == "unknown" and notice.last_error
    assert notices.notices_send(started + 30 * DAY)["sent"] == 0
    assert smtp.tries == 0


def test_send_notices_command_queues_and_sends(smtp, lent):
    out = StringIO()
    day = lent.due_on - 2 * DAY
    call_command("send-notices", "--queue", "--today", day.isoformat(), stdout=out)
    assert "1" in out.getvalue() and len(smtp.received) == 1
    call_command("send-notices", "--queue", "--today", day.isoformat(), stdout=StringIO())
    assert len(smtp.received) == 1


def test_notice_stage():
    due = datetime.date(2026, 12, 7)
    stage = [notices.notice_stage(due, due + n * DAY, 2) for n in (-3, -2, 0, 1, 7, 8, 22, 28, 29)]
    assert stage == [
        None,
        ("due_soon", 0),
        ("due_soon", 0),
        ("overdue", 0),
        ("overdue", 0),
        ("overdue", 1),
        ("overdue", 3),
        ("overdue", 3),
        None,
    ]


# The scheduler.


def test_the_next_daily_run_is_the_next_seven_o_clock_here():
    seven = parse_daily_at("07:00")
    assert next_daily_run(at(MONDAY, 6, 59), seven, WITA) == at(MONDAY, 7)
    assert next_daily_run(at(MONDAY, 7), seven, WITA) == at(MONDAY + DAY, 7)
    assert next_daily_run(at(MONDAY, 23, 30), seven, WITA) == at(MONDAY + DAY, 7)
    # 22:30 UTC on Sunday is 06:30 on Monday in Kutai Kartanegara (UTC+8).
    sunday_utc = datetime.datetime(2026, 11, 22, 22, 30, tzinfo=datetime.UTC)
    assert next_daily_run(sunday_utc, seven, WITA) == at(MONDAY, 7)


def test_a_scheduler_started_after_the_hour_runs_the_day_at_once():
    seven = parse_daily_at("07:00")
    assert first_daily_run(at(MONDAY, 8, 15), seven, WITA) == at(MONDAY, 8, 15)
    assert first_daily_run(at(MONDAY, 6), seven, WITA) == at(MONDAY, 7)


def test_parse_daily_at_refuses_nonsense():
    assert parse_daily_at(" 19:30 ") == datetime.time(19, 30)
    for value in ("7", "25:00", "off"):
        with pytest.raises(ValueError):
            parse_daily_at(value)


class FakeTask:
    def __init__(self, name, clock, fail_first=False):
        self.name, self.clock, self.times, self.fail_first = name, clock, [], fail_first

    def enqueue(self):
        if self.fail_first:
            self.fail_first = False
            raise ConnectionError("database away")
        self.times.append(self.clock.now)


class FakeClock:
    def __init__(self, now):
        self.now = now

    def sleep(self, seconds):
        self.now += datetime.timedelta(seconds=max(seconds, 0.001))


def test_the_scheduler_enqueues_the_day_once_and_sends_every_quarter_hour():
    clock = FakeClock(at(MONDAY, 6))
    daily_task = FakeTask("daily", clock, fail_first=True)
    send_task = FakeTask("send", clock)
    end = at(MONDAY + 2 * DAY, 6)
    Scheduler(
        at=datetime.time(7),
        tz=WITA,
        daily=daily_task,
        send=send_task,
        now=lambda: clock.now,
        sleep=clock.sleep,
        ready=lambda: None,
    ).run(lambda: clock.now >= end)

    # The first try failed (database away): tried again a minute later.
    assert [t.replace(microsecond=0, second=0) for t in daily_task.times] == [
        at(MONDAY, 7, 1),
        at(MONDAY + DAY, 7),
    ]
    gaps = {b - a for a, b in zip(send_task.times, send_task.times[1:], strict=False)}
    assert max(gaps) < 2 * SEND_EVERY and min(gaps) >= SEND_EVERY
    assert send_task.times[0] == at(MONDAY, 6)


def test_serve_runs_the_scheduler_beside_the_worker(settings):
    commands = child_commands(host="127.0.0.1", port=8000, workers=1, threads=1, worker=True)
    assert commands[-1][-2:] == ["pustaka.cli", "scheduler"]
    assert len(commands) == 3
    settings.PUSTAKA_DAILY_AT = "off"
    assert len(child_commands(host="h", port=1, workers=1, threads=1, worker=True)) == 2
    assert len(child_commands(host="h", port=1, workers=1, threads=1, worker=False)) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
def test_the_scheduler_stops_cleanly_on_sigterm(tmp_path):
    """Even with no database to enqueue into (the errors are logged)."""
    env = {**os.environ, "PUSTAKA_HOME": str(tmp_path), "LOG_LEVEL": "CRITICAL"}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "pustaka.cli", "scheduler"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first_line = process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        # It sleeps in slices of a second, so it stops long before the next
        # daily run it waits for (hours away); 10 s only bounds a hang.
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert "07:00" in first_line
