"""View guards: sign-in plus a staff role."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from pustaka.core.permissions import access_for


def staff_required(view):
    """Signed-in users with a staff role only; others get 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not access_for(request.user).is_staff_member:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
