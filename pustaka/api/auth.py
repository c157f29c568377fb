"""Who is calling the API: an API token (scripts, other systems) or a staff session."""

import threading
import time

from django.conf import settings
from django.db.models.base import ModelState
from django.utils.translation import gettext_lazy as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from pustaka.core.errors import NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.services import api_token_authenticate, token_digest

# How long a process trusts a token it has looked up: a revoked token, or the
# token of an account deactivated or given another role, is refused by every
# process at most this many seconds later.
TOKEN_TRUSTED_SECONDS = 10
TOKENS_REMEMBERED = 1000

CSRF_FAILED = _("The security token of this page is missing or out of date. Reload and try again.")


def staff_only(user):
    """``user`` if they have a staff role; a signed-in account without one is refused."""
    if not access_for(user).is_staff_member:
        raise NotPermitted
    return user


class TokenUsers:
    """The users of the API tokens this process looked up in the last
    ``TOKEN_TRUSTED_SECONDS``, by the token's digest.

    A desk or a kiosk sends its token with every scan: reading the token, its
    account, staff role and library costs a statement and about as much
    Python as the rest of a checkout. Each request gets its own copy of the
    account, its role and library (gunicorn's threads share the process).
    """

    def __init__(self):
        self._users: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def user_for(self, secret: str):
        digest = token_digest(secret)
        now = time.monotonic()
        seen = self._users.get(digest)
        if seen is None or now - seen[0] >= TOKEN_TRUSTED_SECONDS:
            user = api_token_authenticate(secret)
            seen = None if user is None else (now, user)
            with self._lock:
                if len(self._users) >= TOKENS_REMEMBERED:
                    self._users.clear()
                if seen is None:
                    self._users.pop(digest, None)
                else:
                    self._users[digest] = seen
        return None if seen is None else _own_copy(seen[1])


def _own_copy(user):
    """``user`` with their staff role and its library, as copies a request may change."""
    user = _row_copy(user)
    staff_role = getattr(user, "staff_role", None)
    if staff_role is not None:
        staff_role = _row_copy(staff_role)
        if staff_role.library_id is not None:
            staff_role.library = _row_copy(staff_role.library)
        user.staff_role = staff_role
    return user


def _row_copy(instance):
    """``copy.copy(instance)`` of a saved row, without the pickling protocol
    ``copy`` goes through (a third of the cost of authenticating a scan)."""
    clone = instance.__class__.__new__(instance.__class__)
    clone.__dict__.update(instance.__dict__)
    clone._state = ModelState()
    clone._state.db, clone._state.adding = instance._state.db, False
    clone._state.fields_cache = dict(instance._state.fields_cache)
    return clone


token_users = TokenUsers()


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: the token acts as the user it was issued for."""

    def authenticate(self, request, token: str):
        user = token_users.user_for(token.strip()) if token.strip() else None
        if user is None:
            return None
        request.user = user
        return staff_only(user)


class StaffSessionAuth(APIKeyCookie):
    """The browser's staff session; unsafe methods need Django's CSRF token.

    Unlike ninja's ``django_auth`` the CSRF check runs only for a signed-in
    session, so a caller with no credentials at all gets 401, not 403.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise NotPermitted(CSRF_FAILED, code="csrf_failed")
        return self.authenticate(request, request.COOKIES.get(self.param_name))

    def authenticate(self, request, key):
        return staff_only(request.user)


def caller(request):
    """The user an authenticated API request acts as."""
    return request.auth
