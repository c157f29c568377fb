"""Notices to members: which are due, queued once each (their ``key``), and
sent through the member's channel (``gateways``).

When notices are due (``notice_stage``, run each morning by the daily task):

- *due soon*: from ``PUSTAKA_NOTICE_DUE_SOON_DAYS`` days (default 2) before
  the due date until the due date itself;
- *overdue*: the day after the due date, then once a week, four reminders in
  all (days 1, 8, 15 and 22 after the due date); then no more.

One message per member and due date lists every book due that day, so a
member who borrowed three books at once gets one message. Its key names the
member, the due date and the reminder (``due_soon:<member>:<date>``,
``overdue:<member>:<date>:<round>``): running the job again, the same day or
the next (a node switched off for a day catches up), queues nothing new;
renewing a loan moves its due date and so earns a new reminder.

Sending (``notices_send``): each queued or failed notice is claimed with one
conditional ``UPDATE`` (to "sending", one more attempt), so two workers never
send the same notice; it is then sent, marked sent, or failed with the error
and tried again after a growing pause (15 minutes, 1 hour, 4 hours, 16 hours);
after ``MAX_ATTEMPTS`` it is given up. A notice found "sending" long after
its attempt began was interrupted (the process died): it may have gone out,
so it is marked "unknown" and never sent again rather than risk sending it
twice. Staff may queue a failed or given-up notice once more
(``services_notices.notice_retry``): it goes out on the next run, through
the same claim, and is given up again if that one attempt fails.

Notices are node-local bookkeeping: they are not synced and not change-logged."""

import datetime
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from pustaka.circulation.gateways import deliver
from pustaka.circulation.models import Hold, Loan, Notice
from pustaka.members.models import Member

MAX_ATTEMPTS = 5
FIRST_RETRY = datetime.timedelta(minutes=15)
RETRY_GROWTH = 4
# A notice still "sending" this long after its attempt began was interrupted.
SENDING_ABANDONED_AFTER = datetime.timedelta(hours=1)
OVERDUE_EVERY_DAYS = 7
OVERDUE_REMINDERS = 4
DATE_FORMAT = "%d-%m-%Y"


def member_channel(member) -> tuple[str, str]:
    """The channel and address a member is reached at; ("", "") when none."""
    if member.status == Member.Status.ANONYMISED:
        return "", ""
    if member.notices_by == "email" and member.email:
        return "email", member.email
    if member.notices_by == "sms" and member.phone:
        return "sms", member.phone
    return "", ""


def hold_ready_queue(hold: Hold) -> Notice | None:
    """Queue the "ready for pickup" notice of ``hold`` (once per time it is ready)."""
    member = hold.member
    if member is None:
        return None
    channel, address = member_channel(member)
    if not channel:
        return None
    with override("id"):
        subject = _("Your reserved book is ready for pickup")
        body = _("%(name)s, “%(title)s” is waiting for you at %(library)s until %(date)s.") % {
            "name": member.name,
            "title": hold.record.title,
            "library": hold.pickup_library.name,
            "date": hold.expires_on.strftime(DATE_FORMAT),
        }
    notice, _created = Notice.objects.get_or_create(
        key=f"hold_ready:{hold.pk}:{hold.ready_at:%Y%m%d%H%M%S}",
        defaults={
            "member": member,
            "kind": Notice.Kind.HOLD_READY,
            "channel": channel,
            "address": address,
            "subject": subject,
            "body": body,
        },
    )
    return notice


def due_soon_days() -> int:
    return int(getattr(settings, "PUSTAKA_NOTICE_DUE_SOON_DAYS", 2))


def notice_stage(
    due_on: datetime.date, today: datetime.date, soon_days: int
) -> tuple[str, int] | None:
    """Which notice a loan due on ``due_on`` calls for today: ("due_soon", 0),
    ("overdue", round) with round 0 from the day after the due date, 1 a week
    later, ...; None when none (not due yet, or past the last reminder)."""
    days_over = (today - due_on).days
    if -soon_days <= days_over <= 0:
        return Notice.Kind.DUE_SOON, 0
    if 1 <= days_over <= OVERDUE_EVERY_DAYS * OVERDUE_REMINDERS:
        return Notice.Kind.OVERDUE, (days_over - 1) // OVERDUE_EVERY_DAYS
    return None


def notice_key(kind: str, member_id, due_on: datetime.date, round_: int) -> str:
    key = f"{kind}:{member_id}:{due_on:%Y%m%d}"
    return f"{key}:{round_}" if kind == Notice.Kind.OVERDUE else key


def notices_queue_due(today: datetime.date | None = None) -> int:
    """Queue today's due-soon and overdue notices (once each); how many are new."""
    today = today or timezone.localdate()
    soon_days = due_soon_days()
    groups = defaultdict(list)
    for loan in _loans_to_notice(today, soon_days):
        kind, round_ = notice_stage(loan.due_on, today, soon_days)
        groups[notice_key(kind, loan.member_id, loan.due_on, round_)].append(loan)
    existing = set(Notice.objects.filter(key__in=list(groups)).values_list("key", flat=True))
    created = 0
    for key, loans in groups.items():
        if key not in existing:
            created += _queue_loans(key, loans)
    return created


def _loans_to_notice(today: datetime.date, soon_days: int):
    """Open loans of reachable members due between the last overdue reminder
    and the due-soon horizon, grouped by member and due date."""
    oldest = today - datetime.timedelta(days=OVERDUE_EVERY_DAYS * OVERDUE_REMINDERS)
    return (
        Loan.objects.filter(
            returned_at__isnull=True,
            member__isnull=False,
            due_on__gte=oldest,
            due_on__lte=today + datetime.timedelta(days=soon_days),
        )
        .exclude(member__status=Member.Status.ANONYMISED)
        .exclude(member__notices_by="none")
        .select_related("member", "library", "item__record")
        .order_by("member_id", "due_on", "checked_out_at")
    )


def _queue_loans(key: str, loans: list[Loan]) -> int:
    member = loans[0].member
    channel, address = member_channel(member)
    if not channel:
        return 0
    kind = key.split(":", 1)[0]
    subject, body = loan_message(kind, member, loans)
    _notice, created = Notice.objects.get_or_create(
        key=key,
        defaults={
            "member": member,
            "kind": kind,
            "channel": channel,
            "address": address,
            "subject": subject[:200],
            "body": body,
        },
    )
    return int(created)


def loan_message(kind: str, member, loans: list[Loan]) -> tuple[str, str]:
    """Subject and body, in Indonesian, of a due-soon or overdue notice for
    ``loans`` (all due on the same day). Loans from several libraries name
    the library of each book."""
    libraries = {loan.library.name for loan in loans}
    one_library = loans[0].library.name if len(libraries) == 1 else ""
    with override("id"):
        subject, intro, closing = _loan_wording(kind, len(loans))
        values = {"date": loans[0].due_on.strftime(DATE_FORMAT)}
        subject = subject % values
        if one_library:
            subject = f"{one_library}: {subject}"
        lines = [
            f"- “{loan.item.record.title}”" + ("" if one_library else f" ({loan.library.name})")
            for loan in loans
        ]
        body = "\n".join(
            [
                _("Dear %(name)s,") % {"name": member.name},
                "",
                intro % values,
                *lines,
                "",
                closing,
                "",
                one_library or _("Your libraries"),
            ]
        )
    return subject, body


def _loan_wording(kind: str, count: int) -> tuple[str, str, str]:
    """The subject, opening line and closing line of a loan notice."""
    if kind == Notice.Kind.DUE_SOON:
        return (
            ngettext("Your book is due on %(date)s", "Your books are due on %(date)s", count),
            ngettext(
                "This book you borrowed is due on %(date)s:",
                "These books you borrowed are due on %(date)s:",
                count,
            ),
            ngettext(
                "Please return or renew it at the library by that day.",
                "Please return or renew them at the library by that day.",
                count,
            ),
        )
    return (
        ngettext("Your book is overdue", "Your books are overdue", count),
        ngettext(
            "This book you borrowed was due back on %(date)s:",
            "These books you borrowed were due back on %(date)s:",
            count,
        ),
        ngettext(
            "Please return it to the library as soon as you can.",
            "Please return them to the library as soon as you can.",
            count,
        ),
    )


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait before the next try after ``attempts`` failed ones."""
    return FIRST_RETRY * RETRY_GROWTH ** max(0, attempts - 1)


def notices_send(now: datetime.datetime | None = None) -> dict:
    """Send every queued notice and every failed one whose pause is over;
    each is sent at most once. Returns the counts: sent, failed, gave_up.

    Call it outside a transaction: each claim must be committed before the
    message leaves."""
    now = now or timezone.now()
    report = Counter({"sent": 0, "failed": 0, "gave_up": 0})
    report["gave_up"] += _give_up_interrupted(now)
    to_send = (
        Notice.objects.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            Q(status=Notice.Status.QUEUED)
            | Q(status=Notice.Status.FAILED, attempts__lt=MAX_ATTEMPTS),
        )
        .order_by("created_at")
        .values_list("pk", "attempts")
    )
    for pk, attempts in list(to_send):
        notice = _claim(pk, attempts, now)
        if notice is not None:
            report[_attempt(notice, now)] += 1
    return dict(report)


def _claim(pk, attempts: int, now) -> Notice | None:
    """Take the notice for this worker, unless another took it first."""
    claimed = Notice.objects.filter(
        pk=pk,
        status__in=[Notice.Status.QUEUED, Notice.Status.FAILED],
        attempts=attempts,
    ).update(
        status=Notice.Status.SENDING,
        attempts=F("attempts") + 1,
        next_attempt_at=now,
        updated_at=now,
    )
    return Notice.objects.get(pk=pk) if claimed else None


def _attempt(notice: Notice, now) -> str:
    """Send one claimed notice and record how it went."""
    try:
        deliver(notice)
    except Exception as error:
        gave_up = notice.attempts >= MAX_ATTEMPTS
        Notice.objects.filter(pk=notice.pk, status=Notice.Status.SENDING).update(
            status=Notice.Status.GAVE_UP if gave_up else Notice.Status.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=None if gave_up else now + retry_delay(notice.attempts),
            updated_at=now,
        )
        return "gave_up" if gave_up else "failed"
    Notice.objects.filter(pk=notice.pk, status=Notice.Status.SENDING).update(
        status=Notice.Status.SENT, sent_at=now, next_attempt_at=None, updated_at=now
    )
    return "sent"


def _give_up_interrupted(now) -> int:
    """Notices left "sending" by a process that died: they may have gone out,
    so they are not sent again (staff cannot send them again either)."""
    return Notice.objects.filter(
        status=Notice.Status.SENDING, next_attempt_at__lt=now - SENDING_ABANDONED_AFTER
    ).update(
        status=Notice.Status.UNKNOWN,
        last_error=_("Interrupted while being sent; not sent again, as it may have gone out."),
        next_attempt_at=None,
        updated_at=now,
    )
