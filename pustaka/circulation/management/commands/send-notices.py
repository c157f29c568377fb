"""``pustaka send-notices [--queue] [--today DATE]``: send the notices waiting
to go (new ones, and failed ones whose pause is over), by hand or from cron;
with ``--queue``, first expire uncollected holds and queue the day's due-soon
and overdue notices (the daily task's work). Safe to run twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pustaka.circulation import notices, services


class Command(BaseCommand):
    help = (
        "Send the waiting notices; with --queue, first queue the day's due-soon and overdue ones."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help="first expire uncollected holds and queue the day's notices",
        )
        parser.add_argument(
            "--today", metavar="DATE", help="the day to queue for, YYYY-MM-DD (default: today)"
        )

    def handle(self, *args, queue: bool, today: str | None, **options):
        if today and not queue:
            raise CommandError("--today only makes sense with --queue.")
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be a date as YYYY-MM-DD, not {today!r}.") from None
        if queue:
            expired = services.holds_expire(today=day)
            queued = notices.notices_queue_due(day)
            self.stdout.write(
                f"{day:%d-%m-%Y}: {expired} uncollected holds expired, {queued} notices queued."
            )
        report = notices.notices_send(timezone.now())
        self.stdout.write(
            f"Notices sent: {report['sent']}, failed (tried again later): {report['failed']}, "
            f"given up: {report['gave_up']}."
        )
