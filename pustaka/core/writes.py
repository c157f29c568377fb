"""Small steps services use to save a row and log the change in one go."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from pustaka.core.bulk import rows_insert
from pustaka.core.changes import change_record, changes_record_created, snapshot
from pustaka.core.errors import Invalid
from pustaka.core.models import ChangeLog
from pustaka.core.rows import row_insert, row_update


def validated(instance: models.Model, *, exclude=None) -> None:
    """Run model validation; raise ``Invalid`` with per-field messages."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise Invalid(fields=error.message_dict) from error


def refuse_unknown_fields(given, allowed) -> None:
    """``Invalid`` naming each of ``given`` that is not in ``allowed``."""
    unknown = set(given) - set(allowed)
    if unknown:
        raise Invalid(fields={name: [_("Unknown field.")] for name in sorted(unknown)})


def insert_logged(instance: models.Model, *, actor, exclude=None) -> models.Model:
    """Validate, insert and log a new row. Its new UUIDv7 key is not looked up
    for uniqueness (the insert itself would refuse a clash)."""
    validated(instance, exclude={instance._meta.pk.name, *(exclude or ())})
    row_insert(instance)
    change_record(instance=instance, operation=ChangeLog.Operation.CREATE, staff=actor)
    return instance


def update_logged(
    instance: models.Model, *, actor, changes: dict, allowed: set[str], exclude=None
) -> list[str]:
    """Apply the ``allowed`` keys of ``changes``, validate, save and log them.

    Returns the names of the fields that really changed (none: nothing written).
    """
    refuse_unknown_fields(changes, allowed)
    previous = snapshot(instance)
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, changes[name])
    if not changed:
        return []
    validated(instance, exclude=exclude)
    update_fields = [*changed, "updated_at"] if hasattr(instance, "updated_at") else changed
    row_update(instance, update_fields)
    change_record(
        instance=instance, operation=ChangeLog.Operation.UPDATE, staff=actor, previous=previous
    )
    return changed


def insert_many_logged(instances: list[models.Model], *, actor) -> list[models.Model]:
    """Insert many already-validated rows of one model and log them (bulk imports)."""
    if not instances:
        return instances
    rows_insert(type(instances[0]), instances)
    changes_record_created(instances=instances, staff=actor)
    return instances


def change_log_redact(entity: str, ids, values: dict) -> None:
    """Overwrite ``values``' keys in earlier change-log rows of these rows, so
    the log no longer holds what the person asked to be forgotten. Replaying
    the log still gives the anonymised row."""
    rows = ChangeLog.objects.filter(entity=entity, entity_id__in=[str(pk) for pk in ids])
    for row in rows.only("seq", "fields", "previous"):
        fields, previous = _redacted(row.fields, values), _redacted(row.previous, values)
        if (fields, previous) != (row.fields, row.previous):
            ChangeLog.objects.filter(seq=row.seq).update(fields=fields, previous=previous)


def _redacted(logged: dict | None, values: dict) -> dict | None:
    """``logged`` with the keys it shares with ``values`` overwritten."""
    if logged is None:
        return None
    return {**logged, **{key: value for key, value in values.items() if key in logged}}
