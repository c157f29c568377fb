"""Roles and the one place where library-owned rows are scoped to a user.

Every view, API endpoint and report that returns rows a library owns passes
its queryset through ``scope_to_user``; every change checks an ``Access``.
"""

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", _("District administrator")
    DISTRICT_VIEWER = "district_viewer", _("District viewer")
    LIBRARY_MANAGER = "library_manager", _("Library manager")
    VOLUNTEER = "volunteer", _("Volunteer")


DISTRICT_ROLES = {Role.DISTRICT_ADMIN, Role.DISTRICT_VIEWER}
LIBRARY_ROLES = {Role.LIBRARY_MANAGER, Role.VOLUNTEER}


@dataclass(frozen=True)
class Access:
    """What one signed-in user may see and change."""

    role: str | None
    library_id: UUID | None = None

    @property
    def is_staff_member(self) -> bool:
        return self.role is not None

    @property
    def sees_all_libraries(self) -> bool:
        return self.role in DISTRICT_ROLES

    @property
    def is_district_admin(self) -> bool:
        return self.role == Role.DISTRICT_ADMIN

    def can_view_library(self, library_id: UUID) -> bool:
        return self.sees_all_libraries or (self.role is not None and library_id == self.library_id)

    def can_edit_library(self, library_id: UUID) -> bool:
        return self.is_district_admin or (
            self.role == Role.LIBRARY_MANAGER and library_id == self.library_id
        )

    def can_manage_staff(self, library_id: UUID | None) -> bool:
        """Admins manage every account; a manager manages their own library's."""
        if self.is_district_admin:
            return True
        return self.role == Role.LIBRARY_MANAGER and library_id == self.library_id

    def assignable_roles(self) -> list[str]:
        if self.is_district_admin:
            return list(Role.values)
        if self.role == Role.LIBRARY_MANAGER:
            return [Role.LIBRARY_MANAGER, Role.VOLUNTEER]
        return []

    @property
    def can_catalogue(self) -> bool:
        """Describe records in the union catalogue (everyone but the viewer)."""
        return self.role in {Role.DISTRICT_ADMIN, Role.LIBRARY_MANAGER, Role.VOLUNTEER}

    def can_manage_items(self, library_id: UUID) -> bool:
        """Add and change copies: the office anywhere, library staff at home."""
        if self.is_district_admin:
            return True
        return self.role in LIBRARY_ROLES and library_id == self.library_id

    def can_manage_members(self, library_id: UUID) -> bool:
        """Register and change members: the office anywhere, library staff at home."""
        return self.can_manage_items(library_id)

    def can_lend_at(self, library_id: UUID) -> bool:
        """Work the circulation desk of a library: the office, or its own staff."""
        return self.can_manage_items(library_id)

    @property
    def can_export_personal_data(self) -> bool:
        return self.role in {Role.DISTRICT_ADMIN, Role.LIBRARY_MANAGER}


NO_ACCESS = Access(role=None)


def access_for(user) -> Access:
    """The access of ``user``: from their staff role; superusers administer."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    if user.is_superuser:
        return Access(role=Role.DISTRICT_ADMIN)
    staff_role = getattr(user, "staff_role", None)
    if staff_role is None:
        return NO_ACCESS
    return Access(role=staff_role.role, library_id=staff_role.library_id)


def scope_to_user(queryset: models.QuerySet, user, *, library_field: str = "library"):
    """Only the rows of ``queryset`` owned by libraries ``user`` may see.

    ``library_field`` names the owning library (``"pk"`` for libraries
    themselves, ``"staff_role__library"`` for users, ...).
    """
    access = access_for(user)
    if access.sees_all_libraries:
        return queryset
    if access.library_id is None:
        return queryset.none()
    return queryset.filter(**{library_field: access.library_id})


def require(allowed: bool) -> None:
    """Raise ``PermissionDenied`` unless ``allowed``."""
    if not allowed:
        raise PermissionDenied
