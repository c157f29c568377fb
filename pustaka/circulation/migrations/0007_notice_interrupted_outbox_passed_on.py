"""Notices interrupted while being sent get their own status (staff may send
a failed notice again, never one that may have gone out); outbox messages
know their notice and when they were passed on.

Earlier interrupted notices were "gave_up" with a fixed error (English or
Indonesian, the language the task ran in): they become "unknown". Earlier
outbox messages are linked to the sent SMS notice with the same phone and
text, so their library's staff see them."""

import django.db.models.deletion
from django.db import migrations, models

INTERRUPTED_ERRORS = (
    "Interrupted while being sent; not sent again, as it may have gone out.",
    "Terputus saat dikirim; tidak dikirim ulang karena mungkin sudah terkirim.",
)


def mark_interrupted(apps, schema_editor):
    Notice = apps.get_model("circulation", "Notice")
    Notice.objects.filter(status="gave_up", last_error__in=INTERRUPTED_ERRORS).update(
        status="unknown"
    )


def unmark_interrupted(apps, schema_editor):
    Notice = apps.get_model("circulation", "Notice")
    Notice.objects.filter(status="unknown").update(status="gave_up")


def link_outbox_to_notices(apps, schema_editor):
    Notice = apps.get_model("circulation", "Notice")
    OutboxMessage = apps.get_model("circulation", "OutboxMessage")
    for message in OutboxMessage.objects.filter(notice__isnull=True).iterator():
        notice_id = (
            Notice.objects.filter(channel="sms", address=message.to, body=message.text)
            .order_by("created_at")
            .values_list("pk", flat=True)
            .first()
        )
        if notice_id is not None:
            OutboxMessage.objects.filter(pk=message.pk).update(notice_id=notice_id)


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0006_loan_indexes_for_monitoring"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="notice",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="outbox_messages",
                to="circulation.notice",
            ),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="passed_on_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="passed on"),
        ),
        migrations.AlterField(
            model_name="notice",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "Waiting to be sent"),
                    ("sending", "Being sent"),
                    ("sent", "Sent"),
                    ("failed", "Failed, will be retried"),
                    ("gave_up", "Failed"),
                    ("unknown", "Interrupted, may have been sent"),
                ],
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="outboxmessage",
            name="text",
            field=models.TextField(verbose_name="text"),
        ),
        migrations.AlterField(
            model_name="outboxmessage",
            name="to",
            field=models.CharField(max_length=30, verbose_name="phone"),
        ),
        migrations.AddIndex(
            model_name="outboxmessage",
            index=models.Index(fields=["passed_on_at", "created_at"], name="outbox_waiting_idx"),
        ),
        migrations.AddIndex(
            model_name="notice",
            index=models.Index(fields=["created_at", "id"], name="notice_created_idx"),
        ),
        migrations.RunPython(mark_interrupted, unmark_interrupted),
        migrations.RunPython(link_outbox_to_notices, migrations.RunPython.noop),
    ]
