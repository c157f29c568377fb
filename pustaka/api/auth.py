"""Who is calling the API: an API token (scripts, other systems) or a staff session."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from pustaka.core.errors import NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.services import api_token_authenticate

CSRF_FAILED = _("The security token of this page is missing or out of date. Reload and try again.")


def staff_only(user):
    """``user`` if they have a staff role; a signed-in account without one is refused."""
    if not access_for(user).is_staff_member:
        raise NotPermitted
    return user


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: the token acts as the user it was issued for."""

    def authenticate(self, request, token: str):
        user = api_token_authenticate(token.strip()) if token.strip() else None
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
