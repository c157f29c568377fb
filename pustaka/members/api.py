"""The members API: list and read members (home library's staff and the
office only), the desk's look-up by number (any library), register, change,
renew, block and unblock — through the same services as the pages."""

import datetime
from typing import Literal
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.libraries.queries import libraries_public, villages_of
from pustaka.members import queries, services
from pustaka.members.models import Disability, Gender, Member

router = Router(tags=["members"])

READ_ERRORS = frozenset({401, 403, 404})
WRITE_ERRORS = frozenset({401, 403, 404, 422})
NoticesBy = Literal["email", "sms", "none"]
StatusFilter = Literal["", "active", "expired", "blocked", "anonymised", "pending"]


class ConsentOut(Schema):
    given_on: datetime.date
    statement: str
    given_by: str = Field(description="The parent or guardian, for a member under 18.")
    guardian_relation: str
    withdrawn_on: datetime.date | None


class MemberOut(Schema):
    id: UUID
    number: str
    name: str
    library: str = Field(description="The home library's code.")
    category: str = Field(description="The member category's code.")
    gender: str
    birth_date: datetime.date | None
    phone: str
    email: str
    address: str
    village: str | None = Field(description="The village's official code.")
    disability: str
    occupation: str
    nik_last4: str = Field(description="The last four digits of the NIK; the NIK is never kept.")
    status: Member.Status
    expires_on: datetime.date | None
    blocked_at: datetime.datetime | None
    blocked_reason: str
    keeps_history: bool
    notices_by: str
    consents: list[ConsentOut]

    @staticmethod
    def resolve_library(obj):
        return obj.library.code

    @staticmethod
    def resolve_category(obj):
        return obj.category.code

    @staticmethod
    def resolve_village(obj):
        return obj.village.code if obj.village_id else None

    @staticmethod
    def resolve_consents(obj):
        return list(obj.consents.all())


class MemberSummary(Schema):
    id: UUID
    number: str
    name: str
    library: str
    category: str
    status: Member.Status
    expires_on: datetime.date | None
    blocked: bool

    @staticmethod
    def resolve_library(obj):
        return obj.library.code

    @staticmethod
    def resolve_category(obj):
        return obj.category.code

    @staticmethod
    def resolve_blocked(obj):
        return obj.is_blocked


class DeskOut(Schema):
    """What any library's desk sees of a member of the district: no contact
    details, address, date of birth, NIK or disability."""

    id: UUID
    number: str
    name: str
    library_code: str
    library_name: str
    category_code: str
    category_name: str
    status: Member.Status
    expires_on: datetime.date | None
    is_expired: bool
    is_blocked: bool
    blocked_reason: str
    is_minor: bool


class MemberFields(Schema):
    model_config = ConfigDict(extra="forbid")

    gender: Gender | Literal[""] = None
    birth_date: datetime.date | None = None
    category: str = Field(None, description="A category code; default: general.")
    phone: str = None
    email: str = None
    address: str = None
    village: str | None = Field(None, description="The village's official code.")
    disability: Disability | Literal[""] = None
    occupation: str = None
    keeps_history: bool = None
    notices_by: NoticesBy = None


class MemberIn(MemberFields):
    """A new member with the consent they (or, under 18, a parent or guardian)
    gave. When possible duplicates exist in the district (same NIK, or same
    name and date of birth) the registration is refused with code
    ``possible_duplicates`` until it is sent again with ``confirm_duplicates``."""

    name: str = Field(min_length=1, examples=["Siti Rahmawati"])
    library: str | None = Field(None, description="Home library code; default: the caller's.")
    number: str = Field("", description="A number from an existing card; empty: a new one.")
    nik: str = Field("", description="Optional; validated, kept only as a keyed hash.")
    consent_statement: str = Field(min_length=1, description="The text shown to the member.")
    consent_given_by: str = Field("", description="Parent or guardian, for a member under 18.")
    guardian_relation: str = ""
    confirm_duplicates: bool = False


class MemberPatch(MemberFields):
    """Only the fields sent are changed; ``nik`` replaces the kept NIK (``""`` removes it)."""

    name: str = Field(None, min_length=1)
    nik: str = None


class ReasonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=255)


class MemberParams(Schema):
    q: str = Field("", description="Part of the name, or the exact member number.")
    status: StatusFilter = ""
    category: str = Field("", description="A category code.")
    library: str = Field("", description="A home library code.")


@router.get("/members", response={200: list[MemberSummary], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def member_list(request, params: Query[MemberParams]):
    """Members whose data the caller may see (their library's; all for the
    office), by name. Paged with ``limit`` and ``offset``."""
    return queries.members_for_user(
        caller(request),
        search=params.q,
        status=params.status,
        category=params.category,
        library_code=params.library,
    )


@router.get("/members/by-number/{number}", response={200: DeskOut, READ_ERRORS: ErrorOut})
def member_by_number(request, number: str):
    """The desk's look-up: any staff member may find a member of the district
    by their exact number and sees what lending needs."""
    return queries.member_by_number(caller(request), number)


@router.get("/members/{id}", response={200: MemberOut, READ_ERRORS: ErrorOut})
def member_get(request, id: UUID):
    """One member with their consents; 404 unless the caller's library is
    their home library (or the caller is the district office)."""
    return queries.member_for_user(caller(request), id)


@router.post("/members", response={201: MemberOut, WRITE_ERRORS: ErrorOut})
def member_post(request, payload: MemberIn):
    """Register a member at a library (the caller's own, unless district office)."""
    user = caller(request)
    library = _home_library(user, payload.library)
    fields = _member_fields(payload.model_dump(exclude_unset=True))
    fields.setdefault("name", payload.name)
    if not payload.confirm_duplicates:
        _refuse_duplicates(payload)
    member = services.member_register(
        actor=user,
        library=library,
        fields=fields,
        consent_statement=payload.consent_statement,
        consent_given_by=payload.consent_given_by,
        guardian_relation=payload.guardian_relation,
        nik=payload.nik,
        number=payload.number,
    )
    return Status(201, member)


@router.patch("/members/{id}", response={200: MemberOut, WRITE_ERRORS: ErrorOut})
def member_patch(request, id: UUID, payload: MemberPatch):
    """Change a member's details (their home library's staff, or the office)."""
    user = caller(request)
    member = queries.member_for_user(user, id)
    sent = payload.model_dump(exclude_unset=True)
    nik = sent.pop("nik", None)
    services.member_update(actor=user, member=member, changes=_member_fields(sent), nik=nik)
    return queries.member_for_user(user, id)


@router.post("/members/{id}/renew", response={200: MemberOut, WRITE_ERRORS: ErrorOut})
def member_renew(request, id: UUID):
    """Extend the membership by the category's length."""
    user = caller(request)
    member = queries.member_for_user(user, id)
    services.member_renew(actor=user, member=member)
    return member


@router.post("/members/{id}/block", response={200: MemberOut, WRITE_ERRORS: ErrorOut})
def member_block(request, id: UUID, payload: ReasonIn):
    """Stop the member borrowing anywhere in the district, with a reason."""
    user = caller(request)
    member = queries.member_for_user(user, id)
    services.member_block(actor=user, member=member, reason=payload.reason)
    return member


@router.post("/members/{id}/unblock", response={200: MemberOut, WRITE_ERRORS: ErrorOut})
def member_unblock(request, id: UUID, payload: ReasonIn):
    """Lift a block, saying why (kept in the audit log)."""
    user = caller(request)
    member = queries.member_for_user(user, id)
    services.member_unblock(actor=user, member=member, reason=payload.reason)
    return member


class ConfirmIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: str | None = Field(None, description="A category code (default: as registered).")


class AnonymiseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    confirm: str = Field(description="The member's number, typed again to confirm.")


@router.post("/members/{id}/confirm", response={200: MemberOut, WRITE_ERRORS: ErrorOut})
def member_confirm(request, id: UUID, payload: ConfirmIn):
    """Confirm an online registration once the person's identity is checked:
    they get a member number and an expiry date (their home library's staff)."""
    user = caller(request)
    member = _pending(user, id)
    category = (
        _member_fields({"category": payload.category})["category"] if payload.category else None
    )
    return services.member_confirm(actor=user, member=member, category=category)


@router.post("/members/{id}/reject", response={204: None, WRITE_ERRORS: ErrorOut})
def member_reject(request, id: UUID):
    """Reject an online registration: nothing it held is kept."""
    user = caller(request)
    services.member_registration_reject(actor=user, member=_pending(user, id))
    return Status(204, None)


@router.post("/members/{id}/export", response={200: dict, WRITE_ERRORS: ErrorOut})
def member_export(request, id: UUID):
    """Everything held about the member, to give them a copy (written to the
    audit log); not for volunteers."""
    user = caller(request)
    member = queries.member_for_user(user, id)
    return services.member_export(actor=user, member=member, file_format="json")


@router.post("/members/{id}/anonymise", response={200: MemberOut, WRITE_ERRORS: ErrorOut})
def member_anonymise(request, id: UUID, payload: AnonymiseIn):
    """Wipe everything that names the member, on their request; their loans
    keep counting in the statistics. Not for volunteers."""
    user = caller(request)
    member = queries.member_for_user(user, id)
    if payload.confirm.strip() != member.number:
        raise Invalid(fields={"confirm": [_("Type the member's number to confirm.")]})
    services.member_anonymise(actor=user, member=member)
    return queries.member_for_user(user, id)


def _pending(user, member_id) -> Member:
    member = queries.member_for_user(user, member_id)
    if member.status != Member.Status.PENDING:
        raise Invalid(_("This registration has been handled already."), code="not_pending")
    return member


def _member_fields(sent: dict) -> dict:
    """The sent member fields as the services take them: codes become rows."""
    fields = {key: value for key, value in sent.items() if key in services.MEMBER_FIELDS}
    if "category" in fields:
        category = queries.categories().filter(code=(fields["category"] or "").strip()).first()
        if category is None:
            raise Invalid(fields={"category": [_("There is no member category with this code.")]})
        fields["category"] = category
    if "village" in fields and fields["village"] is not None:
        village = villages_of(None).filter(code=fields["village"].strip()).first()
        if village is None:
            raise Invalid(fields={"village": [_("There is no village with this code.")]})
        fields["village"] = village
    for key in ("gender", "disability"):
        if key in fields:
            fields[key] = str(fields[key] or "")
    return fields


def _home_library(user, code: str | None):
    access = access_for(user)
    if code is None:
        if access.library_id is not None:
            return user.staff_role.library
        if not access.is_district_admin:
            raise NotPermitted
        raise Invalid(fields={"library": [_("Give the code of the member's home library.")]})
    library = libraries_public().filter(code=code.strip().upper()).first()
    if library is None:
        raise Invalid(
            fields={"library": [_("There is no library with code “%(code)s”.") % {"code": code}]}
        )
    return library


def _refuse_duplicates(payload: MemberIn) -> None:
    nik = services.nik_fields(
        payload.nik, birth_date=payload.birth_date, gender=payload.gender or ""
    )
    duplicates = queries.possible_duplicates(
        nik_hash=nik["nik_hash"], name=payload.name, birth_date=payload.birth_date
    )
    if duplicates:
        found = [
            f"{duplicate.member.name} ({duplicate.member.number}, {duplicate.member.library_name})"
            for duplicate in duplicates
        ]
        raise Invalid(
            _("This person may be a member already; send confirm_duplicates to register anyway."),
            code="possible_duplicates",
            fields={"confirm_duplicates": found},
        )
