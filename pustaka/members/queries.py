"""Reads of members: the home library's list (personal data, scoped), the
desk's look-up by number (any library of the district, lending facts only),
possible duplicates before registering, and everything held about a member."""

import datetime
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pustaka.core.changes import json_value
from pustaka.core.permissions import access_for, scope_to_user
from pustaka.members import policies
from pustaka.members.models import Member, MemberCategory


def members_for_user(
    user,
    *,
    search: str = "",
    status: str = "",
    category: str = "",
    library_code: str = "",
    registered_since: datetime.date | None = None,
) -> QuerySet[Member]:
    """Members whose personal data ``user`` may see: their home library's
    staff and the district office; filtered by name or number, status
    (``active``, ``expired``, ``blocked``, ``anonymised``), category code,
    home library and registration date."""
    members = scope_to_user(
        Member.objects.filter(deleted_at__isnull=True).select_related("library", "category"),
        user,
    )
    if search.strip():
        text = search.strip()
        members = members.filter(Q(name__icontains=text) | Q(number__iexact=text.upper()))
    members = _with_status(members, status)
    if category:
        members = members.filter(category__code=category)
    if library_code:
        members = members.filter(library__code=library_code.strip().upper())
    if registered_since:
        start = datetime.datetime.combine(registered_since, datetime.time.min)
        members = members.filter(created_at__gte=timezone.make_aware(start))
    return members.order_by("name", "number")


def _with_status(members: QuerySet[Member], status: str) -> QuerySet[Member]:
    today = timezone.localdate()
    if status == "active":
        return members.filter(status=Member.Status.ACTIVE, blocked_at__isnull=True).exclude(
            expires_on__lt=today
        )
    if status == "expired":
        return members.filter(status=Member.Status.ACTIVE, expires_on__lt=today)
    if status == "blocked":
        return members.filter(blocked_at__isnull=False)
    if status in (Member.Status.ANONYMISED, Member.Status.PENDING):
        return members.filter(status=status)
    return members


def member_for_user(user, member_id) -> Member:
    """One member whose personal data ``user`` may see; 404 otherwise (never
    reveal that the member exists); with the village its page shows."""
    member = members_for_user(user).select_related("village").filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member


@dataclass(frozen=True)
class DeskMember:
    """What the desk of any library in the district sees of a member: enough
    to lend (who, whether they may borrow), nothing more — no contact
    details, address, birth date, NIK or disability."""

    id: UUID
    number: str
    name: str
    library_code: str
    library_name: str
    category_code: str
    category_name: str
    status: str
    expires_on: datetime.date | None
    is_expired: bool
    is_blocked: bool
    blocked_reason: str
    is_minor: bool


def member_by_number(user, number: str, *, today: datetime.date | None = None) -> DeskMember:
    """The desk view of the district's member with exactly this number, for
    any staff member at a desk; 404 for an unknown or anonymised number."""
    if not access_for(user).is_staff_member:
        raise Http404
    member = (
        Member.objects.select_related("library", "category")
        .filter(number=(number or "").strip().upper(), deleted_at__isnull=True)
        .exclude(status=Member.Status.ANONYMISED)
        .first()
    )
    if member is None:
        raise Http404
    return desk_view(member, today=today)


def desk_view(member: Member, *, today: datetime.date | None = None) -> DeskMember:
    today = today or timezone.localdate()
    return DeskMember(
        id=member.pk,
        number=member.number,
        name=member.name,
        library_code=member.library.code,
        library_name=member.library.name,
        category_code=member.category.code,
        category_name=member.category.name,
        status=member.status,
        expires_on=member.expires_on,
        is_expired=member.expires_on is not None and member.expires_on < today,
        is_blocked=member.is_blocked,
        blocked_reason=member.blocked_reason,
        is_minor=policies.is_minor(member.birth_date, today),
    )


@dataclass(frozen=True)
class Duplicate:
    """A member of the district who may be the person being registered."""

    member: DeskMember
    same_nik: bool
    same_name_and_birth_date: bool


def possible_duplicates(
    *,
    nik_hash: str = "",
    name: str = "",
    birth_date: datetime.date | None = None,
    exclude: Member | None = None,
) -> list[Duplicate]:
    """Members anywhere in the district with the same NIK hash, or the same
    name (ignoring case and spacing) and date of birth. Only their desk view
    is returned: staff of another library learn that the person is a member
    there, not their details."""
    match = Q(pk__in=[])
    if nik_hash:
        match |= Q(nik_hash=nik_hash)
    clean_name = " ".join((name or "").split())
    if clean_name and birth_date:
        match |= Q(name__iexact=clean_name, birth_date=birth_date)
    members = Member.objects.filter(match, deleted_at__isnull=True).select_related(
        "library", "category"
    )
    if exclude is not None:
        members = members.exclude(pk=exclude.pk)
    return [
        Duplicate(
            member=desk_view(member),
            same_nik=bool(nik_hash) and member.nik_hash == nik_hash,
            same_name_and_birth_date=bool(birth_date)
            and member.birth_date == birth_date
            and member.name.casefold() == clean_name.casefold(),
        )
        for member in members.order_by("name")[:20]
    ]


def categories() -> QuerySet[MemberCategory]:
    return MemberCategory.objects.filter(deleted_at__isnull=True).order_by("name")


# Fields of the member that the export leaves out: keys and bookkeeping.
EXPORT_SKIPPED = {"id", "deleted_at", "nik_hash", "user"}


def member_export_data(member: Member) -> dict:
    """Everything Pustaka holds about a member, as plain JSON values: their
    details, consents, loans, holds, visits, activities and stories (the keyed
    NIK hash is left out: it is not the member's data but a district key's
    output)."""
    details = {}
    for field in member._meta.concrete_fields:
        if field.name in EXPORT_SKIPPED:
            continue
        value = getattr(member, field.name)
        if field.is_relation:
            value = str(value) if value is not None else None
        details[field.name] = json_value(value)
    return {
        "member": details,
        "consents": [
            {
                "given_on": json_value(consent.given_on),
                "statement": consent.statement,
                "given_by": consent.given_by,
                "guardian_relation": consent.guardian_relation,
                "withdrawn_on": json_value(consent.withdrawn_on),
            }
            for consent in member.consents.order_by("given_on", "created_at")
        ],
        "loans": _loans(member),
        "holds": _holds(member),
        "visits": _visits(member),
        "activities": [
            {
                "activity": taken.activity.title,
                "library": taken.activity.library.code,
                "starts_at": json_value(taken.activity.starts_at),
            }
            for taken in member.activity_participations.filter(deleted_at__isnull=True)
            .select_related("activity__library")
            .order_by("activity__starts_at")
        ],
        "stories": [
            {"title": story.title, "what_changed": story.what_changed, "status": story.status}
            for story in member.stories.filter(deleted_at__isnull=True).order_by("happened_on")
        ],
        "exported_at": json_value(timezone.now()),
    }


def _loans(member: Member) -> list[dict]:
    """The member's loans (circulation's ``member.loans``), oldest first."""
    loans = member.loans.select_related("item__record", "library").order_by("checked_out_at")
    return [
        {
            "title": loan.item.record.title,
            "barcode": loan.item.barcode,
            "library": loan.library.code,
            "checked_out_at": json_value(loan.checked_out_at),
            "due_on": json_value(loan.due_on),
            "returned_at": json_value(loan.returned_at),
            "renewals": loan.renewals,
        }
        for loan in loans
    ]


def _visits(member: Member) -> list[dict]:
    """The member's recorded visits and computer sessions (the visitor book's
    ``member.visits`` and ``member.computer_sessions``), oldest first."""
    visits = [
        {
            "library": visit.library.code,
            "at": json_value(visit.visited_at),
            "purpose": visit.purpose,
        }
        for visit in member.visits.filter(deleted_at__isnull=True)
        .select_related("library")
        .order_by("visited_at")
    ]
    sessions = [
        {
            "library": session.library.code,
            "at": json_value(session.started_at),
            "purpose": f"computer: {session.purpose}",
            "minutes": session.minutes,
        }
        for session in member.computer_sessions.filter(deleted_at__isnull=True)
        .select_related("library")
        .order_by("started_at")
    ]
    return sorted(visits + sessions, key=lambda entry: entry["at"])


def _holds(member: Member) -> list[dict]:
    """The member's holds (circulation's ``member.holds``), oldest first."""
    holds = member.holds.select_related("record", "pickup_library").order_by("placed_at")
    return [
        {
            "title": hold.record.title,
            "pickup_library": hold.pickup_library.code,
            "placed_at": json_value(hold.placed_at),
            "status": hold.status,
            "expires_on": json_value(hold.expires_on),
        }
        for hold in holds
    ]
