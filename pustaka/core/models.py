"""Base models every app builds on, and the node's own records: users, the node
identity, the change log that sync replays, the audit log and API tokens."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from pustaka.core.ids import uuid7


class BaseModel(models.Model):
    """A domain row: time-ordered UUID key and its creation and change times."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        """Django's, without looking up a foreign key's row again when this
        instance holds it as read from the database (``Member(library=library)``):
        ``full_clean`` spent a query confirming it exists, for each such key of
        every row a service writes (a member's registration: three of its fifteen
        queries). Only that look-up is left out: uniqueness and constraints are
        still checked, and the database refuses a row deleted since."""
        super().clean_fields(exclude={*(exclude or ()), *_relations_read(self)})


def _relations_read(instance: models.Model) -> list[str]:
    """The foreign keys of ``instance`` (to a primary key, without
    ``limit_choices_to``) whose related object was read from or saved to the
    database and is the one the key names."""
    read = []
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or field.remote_field.limit_choices_to:
            continue
        related = field.get_cached_value(instance, default=None)
        if (
            related is not None
            and field.target_field.primary_key
            and related._state.db is not None
            and not related._state.adding
            and related.pk == getattr(instance, field.attname)
        ):
            read.append(field.name)
    return read


class SyncedModel(BaseModel):
    """A row other nodes may hold: never hard-deleted, only marked deleted."""

    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A person who signs in: district office or library staff."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class Node(models.Model):
    """This installation's identity: a village node, or the district hub."""

    node_id = models.UUIDField(unique=True, default=uuid7, editable=False)
    epoch = models.PositiveIntegerField(
        default=1, help_text=_("Changes when the node is restored or reinstalled.")
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    is_hub = models.BooleanField(_("district hub"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.name or self.node_id} (epoch {self.epoch})"


class ChangeLog(models.Model):
    """One change to one synced row, written in the same transaction as the change.

    ``seq`` is the local order; ``hlc`` orders changes across nodes; replaying
    the log in ``seq`` order rebuilds the node's data.
    """

    class Operation(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    seq = models.BigAutoField(primary_key=True)
    change_id = models.UUIDField(unique=True, default=uuid7, editable=False)
    entity = models.CharField(max_length=100)
    entity_id = models.CharField(max_length=64)
    operation = models.CharField(max_length=10, choices=Operation.choices)
    fields = models.JSONField(default=dict)
    previous = models.JSONField(null=True, blank=True)
    origin_node = models.UUIDField()
    hlc = models.BigIntegerField()
    occurred_at = models.DateTimeField()
    schema_version = models.PositiveSmallIntegerField()
    # Who made the change, as a key only: no constraint (a synced row may name
    # another node's staff) and no index (nothing looks changes up by their
    # staff; each row of a MARC import paid for both).
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )

    class Meta:
        indexes = [
            models.Index(fields=["entity", "entity_id"], name="changelog_entity_idx"),
            models.Index(fields=["hlc"], name="changelog_hlc_idx"),
        ]

    def __str__(self):
        return f"#{self.seq} {self.operation} {self.entity} {self.entity_id}"


class AuditLog(models.Model):
    """Who did what to personal data or access rights, and when (PDP law)."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=60)
    entity = models.CharField(max_length=100)
    entity_id = models.CharField(max_length=64)
    library_id = models.UUIDField(null=True, blank=True, db_index=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["entity", "entity_id"], name="audit_entity_idx")]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.entity} {self.entity_id}"


class ApiToken(BaseModel):
    """A secret another system or a script uses to call the API as ``user``.

    Only a SHA-256 digest is stored; the token itself is shown once.
    """

    name = models.CharField(_("name"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("acts as"),
    )
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
