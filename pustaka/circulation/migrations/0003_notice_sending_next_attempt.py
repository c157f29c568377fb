from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0002_district_default_rule"),
    ]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="next attempt"),
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
                ],
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddIndex(
            model_name="notice",
            index=models.Index(fields=["status", "next_attempt_at"], name="notice_to_send_idx"),
        ),
    ]
