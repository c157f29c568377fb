"""Changes to accounts and API tokens that every app relies on."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from pustaka.core.audit import audit_record
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.models import ApiToken
from pustaka.core.permissions import access_for
from pustaka.core.reads import one_or_none
from pustaka.core.writes import update_logged

TOKEN_PREFIX = "pst_"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor, user, name: str) -> tuple[ApiToken, str]:
    """Issue a token acting as ``user`` (office only); returns it and its secret,
    which is shown once and never stored."""
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    if not access_for(user).is_staff_member:
        raise Invalid(fields={"user": ["A token must act as a staff account with a role."]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name.strip() or "token",
        user=user,
        digest=token_digest(secret),
        prefix=secret[:10],
        created_by=actor,
    )
    audit_record(
        actor=actor, action="api_token.create", instance=token, detail={"user": str(user.pk)}
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> None:
    """Revoke a token at once (office only)."""
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=actor, action="api_token.revoke", instance=token)


def api_token_authenticate(secret: str):
    """The user a live token acts as, or ``None``; notes when it was last used."""
    token = one_or_none(
        ApiToken.objects.select_related("user", "user__staff_role__library").filter(
            digest=token_digest(secret), revoked_at__isnull=True, user__is_active=True
        )
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def user_set_language(*, user, language: str) -> None:
    """Remember the interface language a signed-in user chose."""
    update_logged(user, actor=user, changes={"language": language}, allowed={"language"})
