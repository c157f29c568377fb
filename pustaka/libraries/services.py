"""Every change to the district, its regions, libraries and staff accounts."""

import csv
from collections.abc import Iterable
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pustaka.core.audit import audit_record
from pustaka.core.changes import change_record, snapshot
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.models import ChangeLog
from pustaka.core.permissions import DISTRICT_ROLES, Role, access_for
from pustaka.core.writes import insert_logged, refuse_unknown_fields, update_logged
from pustaka.libraries import policies
from pustaka.libraries.models import District, Library, LibraryCounter, Region, StaffRole

DISTRICT_FIELDS = {"name", "region_code", "population", "office_name", "address", "phone", "email"}
LIBRARY_PROFILE_FIELDS = {
    "name",
    "address",
    "latitude",
    "longitude",
    "opening_hours",
    "phone",
    "email",
    "website",
    "established_on",
    "population_served",
    "description",
    "offers",
}
LIBRARY_ADMIN_FIELDS = LIBRARY_PROFILE_FIELDS | {
    "code",
    "kind",
    "kecamatan",
    "village",
    "is_active",
}
STAFF_FIELDS = {"first_name", "last_name", "email", "phone", "is_active"}
PACKAGED_REGIONS = Path(__file__).parent / "data" / "kutai_kartanegara.csv"


@transaction.atomic
def district_update(*, actor, district: District, changes: dict) -> list[str]:
    """Change the district's name, region code or office details (office only)."""
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    if "region_code" in changes:
        changes = {**changes, "region_code": _checked(policies.check_region_code, changes)}
    return update_logged(district, actor=actor, changes=changes, allowed=DISTRICT_FIELDS)


@transaction.atomic
def district_create(*, actor, name: str, region_code: str, **details) -> District:
    """Create the installation's district (once: at set-up, by the office or the demo)."""
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    if District.objects.filter(deleted_at__isnull=True).exists():
        raise Invalid(_("This installation already has a district."), code="district_exists")
    refuse_unknown_fields(details, DISTRICT_FIELDS)
    region_code = _checked(policies.check_region_code, {"region_code": region_code})
    district = District(name=name, region_code=region_code, **details)
    return insert_logged(district, actor=actor)


@transaction.atomic
def regions_load(*, actor, rows: Iterable[dict]) -> int:
    """Add the regions in ``rows`` (``code``, ``name``, ``level``) not yet known.

    Parents are found by code prefix, so rows must come parents first.
    Returns how many regions were added.
    """
    known = {region.code: region for region in Region.objects.all()}
    added = 0
    for row in rows:
        code = _checked(policies.check_region_code, row, "code")
        if code in known:
            continue
        parent = known.get(code.rsplit(".", 1)[0]) if "." in code else None
        region = Region(code=code, name=row["name"].strip(), level=row["level"], parent=parent)
        known[code] = insert_logged(region, actor=actor)
        added += 1
    return added


def read_regions_csv(path: Path = PACKAGED_REGIONS) -> list[dict]:
    """The rows of a ``code,name,level`` file such as the shipped Kutai Kartanegara list."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def library_create(*, actor, code: str, name: str, kind: str, kecamatan: Region, **profile):
    """Add a library to the district (office only)."""
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    refuse_unknown_fields(profile, LIBRARY_ADMIN_FIELDS)
    code = _checked(policies.normalise_library_code, {"code": code}, "code")
    library = Library(code=code, name=name, kind=kind, kecamatan=kecamatan, **profile)
    _check_village(library.village, kecamatan)
    return insert_logged(library, actor=actor)


@transaction.atomic
def library_update(*, actor, library: Library, changes: dict) -> list[str]:
    """Change a library's profile: its manager may edit it, the office everything."""
    access = access_for(actor)
    if not access.can_edit_library(library.pk):
        raise NotPermitted
    allowed = LIBRARY_ADMIN_FIELDS if access.is_district_admin else LIBRARY_PROFILE_FIELDS
    if "code" in changes:
        changes = {**changes, "code": _checked(policies.normalise_library_code, changes, "code")}
    for name in set(changes) - allowed:
        if name in LIBRARY_ADMIN_FIELDS:
            raise NotPermitted(
                _("Only the district office can change “%(field)s”.")
                % {"field": Library._meta.get_field(name).verbose_name}
            )
    _check_village(
        changes.get("village", library.village), changes.get("kecamatan", library.kecamatan)
    )
    return update_logged(library, actor=actor, changes=changes, allowed=allowed)


@transaction.atomic
def staff_create(
    *,
    actor,
    username: str,
    password: str,
    role: str,
    library: Library | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    phone: str = "",
):
    """Create a staff account with its role (office: any; manager: own library)."""
    _check_role_assignment(actor, role, library)
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise Invalid(fields={"username": [_("This username is already taken.")]})
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email, phone=phone
    )
    _set_password(user, password)
    insert_logged(user, actor=actor, exclude=["password"])
    insert_logged(StaffRole(user=user, role=role, library=library), actor=actor)
    audit_record(
        actor=actor,
        action="staff.create",
        instance=user,
        library_id=_pk(library),
        detail={"role": role},
    )
    return user


@transaction.atomic
def staff_create_first_admin(
    *, username: str, password: str, first_name: str = "", last_name: str = ""
):
    """Create the first district administrator of a new installation.

    Refused once any staff account exists: from then on admins create accounts.
    """
    if StaffRole.objects.exists():
        raise NotPermitted(_("This installation already has staff accounts."))
    User = get_user_model()
    user = User(username=username, first_name=first_name, last_name=last_name)
    _set_password(user, password)
    insert_logged(user, actor=None, exclude=["password"])
    insert_logged(StaffRole(user=user, role=Role.DISTRICT_ADMIN, library=None), actor=user)
    audit_record(actor=None, action="staff.create_first_admin", instance=user)
    return user


@transaction.atomic
def staff_update(
    *, actor, user, changes: dict, role: str | None = None, library: Library | None = None
) -> list[str]:
    """Change a staff account's details, and its role when ``role`` is given."""
    staff_role = user.staff_role
    if not access_for(actor).can_manage_staff(staff_role.library_id):
        raise NotPermitted
    if user.pk == actor.pk and changes.get("is_active") is False:
        raise Invalid(_("You cannot deactivate your own account."), code="self_deactivate")
    changed = update_logged(user, actor=actor, changes=changes, allowed=STAFF_FIELDS)
    if role is not None:
        _check_role_assignment(actor, role, library)
        changed += update_logged(
            staff_role,
            actor=actor,
            changes={"role": role, "library": library},
            allowed={"role", "library"},
        )
    if changed:
        audit_record(
            actor=actor,
            action="staff.update",
            instance=user,
            library_id=staff_role.library_id,
            detail={"fields": sorted(changed)},
        )
    return changed


@transaction.atomic
def staff_set_password(*, actor, user, password: str) -> None:
    """Set a new password for a staff account (by whoever manages it)."""
    if not access_for(actor).can_manage_staff(user.staff_role.library_id):
        raise NotPermitted
    previous = snapshot(user)
    _set_password(user, password)
    user.save(update_fields=["password"])
    change_record(
        instance=user, operation=ChangeLog.Operation.UPDATE, staff=actor, previous=previous
    )
    audit_record(
        actor=actor,
        action="staff.password",
        instance=user,
        library_id=user.staff_role.library_id,
    )


def _check_role_assignment(actor, role: str, library: Library | None) -> None:
    access = access_for(actor)
    if role not in Role.values:
        raise Invalid(fields={"role": [_("Choose a role from the list.")]})
    if role in DISTRICT_ROLES and library is not None:
        raise Invalid(fields={"library": [_("District roles are not bound to a library.")]})
    if role not in DISTRICT_ROLES and library is None:
        raise Invalid(fields={"library": [_("Choose the library this person works at.")]})
    if role not in access.assignable_roles() or not access.can_manage_staff(_pk(library)):
        raise NotPermitted


def _set_password(user, password: str) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise Invalid(fields={"password": error.messages}) from error
    user.set_password(password)


def _check_village(village: Region | None, kecamatan: Region) -> None:
    if village is not None and village.parent_id != kecamatan.pk:
        raise Invalid(fields={"village": [_("This village is not in the chosen kecamatan.")]})


def _checked(check, changes: dict, field: str = "region_code") -> str:
    try:
        return check(changes[field])
    except ValidationError as error:
        raise Invalid(fields={field: error.messages}) from error


def _pk(instance):
    return instance.pk if instance is not None else None


def codes_mint(*, library: Library, name: str, count: int = 1) -> list[str]:
    """Reserve ``count`` new codes ``<LIBRARYCODE>-<sequence>`` for ``library``.

    Runs inside the caller's transaction; the counter row is locked, so two
    desks never mint the same code.
    """
    counter, _created = LibraryCounter.objects.get_or_create(library=library, name=name)
    counter = LibraryCounter.objects.select_for_update().get(pk=counter.pk)
    first = counter.value + 1
    counter.value += count
    counter.save(update_fields=["value"])
    return [f"{library.code}-{number:06d}" for number in range(first, first + count)]
