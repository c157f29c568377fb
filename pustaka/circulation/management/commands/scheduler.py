"""``pustaka scheduler``: the clock of the background work. It enqueues the
daily circulation task once a day at ``PUSTAKA_DAILY_AT`` (local time,
``TIME_ZONE``) and the sending of waiting notices (retries) every 15 minutes;
the task worker (``db_worker``) runs them. ``pustaka serve`` starts it beside
the worker.

Started after the day's time has passed (a village computer switched on at
eight), it enqueues the daily task at once. Everything it enqueues is safe to
run twice, so two schedulers, or a restart, repeat no work. SIGTERM or Ctrl-C
stops it within a second; a failed enqueue (the database away for a moment)
is logged and tried again a minute later, never ending the process."""

import datetime
import logging
import signal
import time
import zoneinfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)

SEND_EVERY = datetime.timedelta(minutes=15)
RETRY_FAILED_ENQUEUE = datetime.timedelta(minutes=1)
# Wake at least this often (seconds), so a stop request or a clock change is noticed.
SLICE_SECONDS = 1.0


def parse_daily_at(value: str) -> datetime.time:
    """``"07:00"`` as a time of day; ValueError when it is not ``HH:MM``."""
    hours, minutes = value.strip().split(":")
    return datetime.time(int(hours), int(minutes))


def next_daily_run(
    now: datetime.datetime, at: datetime.time, tz: datetime.tzinfo
) -> datetime.datetime:
    """The first time of day ``at`` in ``tz`` strictly after ``now``."""
    local = now.astimezone(tz)
    run = datetime.datetime.combine(local.date(), at, tzinfo=tz)
    if run <= local:
        run = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), at, tzinfo=tz)
    return run


def first_daily_run(
    now: datetime.datetime, at: datetime.time, tz: datetime.tzinfo
) -> datetime.datetime:
    """When a scheduler started at ``now`` first runs the daily task: at once
    when today's time has already passed, else today at ``at``."""
    local = now.astimezone(tz)
    today_run = datetime.datetime.combine(local.date(), at, tzinfo=tz)
    return now if today_run <= local else today_run


class Scheduler:
    """Enqueues ``daily`` at ``at`` each day and ``send`` every ``SEND_EVERY``,
    until ``should_stop()``; ``now``, ``sleep`` and ``ready`` (run before each
    enqueue) are the clock and the database's, replaceable in tests."""

    def __init__(
        self,
        *,
        at,
        tz,
        daily,
        send,
        now=timezone.now,
        sleep=time.sleep,
        ready=close_old_connections,
    ):
        self.at, self.tz, self.daily, self.send = at, tz, daily, send
        self.now, self.sleep, self.ready = now, sleep, ready

    def run(self, should_stop) -> None:
        now = self.now()
        next_daily, next_send = first_daily_run(now, self.at, self.tz), now
        while not should_stop():
            now = self.now()
            if now >= next_daily:
                if self._enqueue(self.daily):
                    next_daily = next_daily_run(now, self.at, self.tz)
                    next_send = now + SEND_EVERY  # the daily task sends too
                else:
                    next_daily = now + RETRY_FAILED_ENQUEUE
            if now >= next_send:
                ok = self._enqueue(self.send)
                next_send = now + (SEND_EVERY if ok else RETRY_FAILED_ENQUEUE)
            wait = (min(next_daily, next_send) - self.now()).total_seconds()
            self.sleep(min(max(wait, 0.0), SLICE_SECONDS))

    def _enqueue(self, task) -> bool:
        try:
            self.ready()  # a long-lived process: drop a connection the database closed
            task.enqueue()
        except Exception:
            logger.exception("The scheduler could not enqueue %s", task.name)
            return False
        logger.info("The scheduler enqueued %s", task.name)
        return True


class Command(BaseCommand):
    help = (
        "Enqueue the daily circulation task at PUSTAKA_DAILY_AT and the sending of "
        "waiting notices every 15 minutes (run beside the task worker)."
    )

    def handle(self, *args, **options):
        from pustaka.circulation.tasks import circulation_daily, circulation_notices_send

        try:
            at = parse_daily_at(settings.PUSTAKA_DAILY_AT)
        except ValueError:
            raise CommandError(
                f"PUSTAKA_DAILY_AT must be a time as HH:MM, not {settings.PUSTAKA_DAILY_AT!r}."
            ) from None
        stopping = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda signum, frame: stopping.append(signum))
        self.stdout.write(
            f"The scheduler runs the daily circulation task at {at:%H:%M} "
            f"({settings.TIME_ZONE}) and sends waiting notices every 15 minutes."
        )
        self.stdout.flush()
        scheduler = Scheduler(
            at=at,
            tz=zoneinfo.ZoneInfo(settings.TIME_ZONE),
            daily=circulation_daily,
            send=circulation_notices_send,
        )
        scheduler.run(lambda: bool(stopping))
