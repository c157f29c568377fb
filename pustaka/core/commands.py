"""What the ``pustaka`` commands share: the library a ``--library CODE``
names and the account a command acts as, each refused in words."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from pustaka.core.permissions import Role
from pustaka.libraries.models import Library


def library_by_code(code: str) -> Library:
    """The live library coded ``code`` (any case)."""
    library = Library.objects.filter(code=code.strip().upper(), deleted_at__isnull=True).first()
    if library is None:
        raise CommandError(_("No library with code %(code)s.") % {"code": code})
    return library


def acting_user(username: str | None):
    """The active account ``username``, or without one the first active
    district administrator (a superuser or a ``district_admin``): the way
    the office runs commands on the hub."""
    users = get_user_model().objects.filter(is_active=True)
    if username:
        actor = users.filter(username=username).first()
        if actor is None:
            raise CommandError(_("No active user %(username)s.") % {"username": username})
        return actor
    admins = users.filter(Q(is_superuser=True) | Q(staff_role__role=Role.DISTRICT_ADMIN))
    actor = admins.order_by("date_joined", "pk").first()
    if actor is None:
        raise CommandError(
            _("No active district administrator: create one, or give --as USERNAME.")
        )
    return actor
