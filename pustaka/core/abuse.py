"""Guards of the public forms (news comments, online registration) against
spam and floods, without any outside service: a honeypot field that people
never see (robots fill every field) and a rate limit per client address.

The address itself is kept nowhere: the limit counts under a keyed hash of
it, in the ``abuse`` cache (shared by the installation's processes), and
only for the length of the window."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _

from pustaka.core.errors import DomainError, Invalid

# The name of the honeypot input of every public form.
HONEYPOT_FIELD = "homepage"
CACHE_ALIAS = "abuse"


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429
    default_message = _(
        "You have sent this form several times in a short while. "
        "Please wait a few minutes and try again."
    )


def client_address(meta) -> str:
    """The address the request came from: behind the reverse proxy the one
    the proxy appended last to ``X-Forwarded-For`` (what a client sends itself
    comes earlier), else ``REMOTE_ADDR``."""
    if settings.BEHIND_PROXY:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return meta.get("REMOTE_ADDR", "")


def client_key(meta) -> str:
    """A keyed hash of the client's address: what the rate limit counts under."""
    address = client_address(meta).encode()
    return hmac.new(settings.SECRET_KEY.encode(), address, hashlib.sha256).hexdigest()[:32]


def honeypot_check(value: str) -> None:
    """Refuse a form whose honeypot was filled in: a robot did it. A person
    whose browser filled it gets the form back (with it empty) to send again."""
    if (value or "").strip():
        raise Invalid(
            _("The form was not sent. Please check it and send it again."), code="honeypot"
        )


def rate_limit(*, scope: str, client: str, limit: int, window: int) -> None:
    """Count one use of ``scope`` by ``client``; ``RateLimited`` once it was
    used ``limit`` times in the last ``window`` seconds."""
    cache = caches[CACHE_ALIAS]
    key = f"abuse:{scope}:{client}"
    now = time.time()
    recent = [moment for moment in cache.get(key, []) if moment > now - window]
    if len(recent) >= limit:
        raise RateLimited
    cache.set(key, [*recent, now], window)
