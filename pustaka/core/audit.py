"""The audit log: services that touch personal data or access rights record
who did it, so the office can answer "whose data was seen, by whom, when"."""

from django.db import models
from django.utils import timezone

from pustaka.core.models import AuditLog


def audit_record(
    *,
    actor,
    action: str,
    instance: models.Model,
    library_id=None,
    detail: dict | None = None,
) -> AuditLog:
    """Write one audit row for ``action`` by ``actor`` on ``instance``."""
    return AuditLog.objects.create(
        occurred_at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        entity=instance._meta.label_lower,
        entity_id=str(instance.pk),
        library_id=library_id,
        detail=detail or {},
    )
