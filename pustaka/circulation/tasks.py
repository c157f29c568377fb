"""Background work of circulation: the daily task (ready holds not collected
in time expire, due-soon and overdue notices are queued, notices are sent;
for the programmes, registrants' contacts kept past their time are
forgotten), and the frequent retry of notices whose sending failed. ``pustaka scheduler``
enqueues both; each is safe to run twice."""

import datetime

from django.utils import timezone
from django_tasks import task

from pustaka.circulation import notices, services
from pustaka.programs.services import registrations_forget_contacts


@task()
def circulation_daily(today: str | None = None) -> dict:
    """The morning's work for ``today`` (ISO date; default: today here)."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    expired = services.holds_expire(today=day)
    queued = notices.notices_queue_due(day)
    sent = notices.notices_send(timezone.now())
    forgotten = registrations_forget_contacts(today=day)
    return {
        "today": day.isoformat(),
        "holds_expired": expired,
        "notices_queued": queued,
        **sent,
        "registrant_contacts_forgotten": forgotten,
    }


@task()
def circulation_notices_send() -> dict:
    """Send the notices waiting to go: new ones and failed ones due a retry."""
    return notices.notices_send(timezone.now())
