"""The programmes API: activities with their attendance (named and counted),
registrations, partners and contributions, the village fund, and stories of
change with consent — through the same services as the pages."""

import datetime
import decimal
from typing import Literal
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.libraries.queries import libraries_for_user, villages_of
from pustaka.members.models import Gender
from pustaka.members.policies import AGE_GROUP_CODES
from pustaka.programs import queries, services
from pustaka.programs.models import (
    Activity,
    ActivityCategory,
    Contribution,
    Partner,
    Registration,
    Story,
)

router = Router(tags=["programs"])

READ_ERRORS = frozenset({401, 403, 404})
WRITE_ERRORS = frozenset({401, 403, 404, 422})
AgeGroup = Literal[AGE_GROUP_CODES]
DisabilityOrNotAsked = Literal["yes", "no", ""]


# --- schemas ---------------------------------------------------------------------


class CategoryOut(Schema):
    code: str
    name: str
    strategy: ActivityCategory.Strategy
    is_active: bool


class Cell(Schema):
    """People of one gender, age group and disability (``""``: unknown or not asked)."""

    gender: str
    age_group: str
    disability: str
    people: int


class AttendanceOut(Schema):
    total: int
    cells: list[Cell]


class ParticipantOut(Schema):
    id: UUID
    member: str | None = Field(description="The member's card number; null: not a member.")
    name: str
    gender: str
    age_group: str
    disability: str
    village: str | None = Field(description="The village's official code.")

    @staticmethod
    def resolve_member(obj):
        return obj.member.number if obj.member_id else None

    @staticmethod
    def resolve_village(obj):
        return obj.village.code if obj.village_id else None


class ActivityOut(Schema):
    id: UUID
    library: str = Field(description="The library's code.")
    title: str
    category: str = Field(description="The category's code.")
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    facilitators: str
    target_group: Activity.TargetGroup
    funding: str
    status: Activity.Status
    is_public: bool
    capacity: int | None
    outcomes: str

    @staticmethod
    def resolve_library(obj):
        return obj.library.code

    @staticmethod
    def resolve_category(obj):
        return obj.category.code


class ActivityDetailOut(ActivityOut):
    partners: list[UUID]
    attendance: AttendanceOut
    participants: list[ParticipantOut]

    @staticmethod
    def resolve_partners(obj):
        return [partner.pk for partner in queries.activity_partners(obj)]

    @staticmethod
    def resolve_attendance(obj):
        return _attendance(obj)

    @staticmethod
    def resolve_participants(obj):
        return list(queries.participants_of(obj))


class ActivityFields(Schema):
    model_config = ConfigDict(extra="forbid")

    description: str = None
    place: str = None
    facilitators: str = None
    target_group: Activity.TargetGroup = None
    funding: Activity.Funding | Literal[""] = None
    status: Activity.Status = None
    is_public: bool = None
    capacity: int | None = Field(None, ge=1, description="Places for online registration.")
    outcomes: str = None
    partners: list[UUID] = Field(None, description="The partners involved (ids).")


class ActivityIn(ActivityFields):
    """A new activity of the caller's library (the office names the library)."""

    library: str | None = Field(None, description="A library code (district office only).")
    title: str = Field(min_length=1, max_length=200)
    category: str = Field(description="A category code, e.g. digital-literacy.")
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class ActivityPatch(ActivityFields):
    """Only the fields sent are changed."""

    title: str = Field(None, min_length=1, max_length=200)
    category: str = None
    starts_at: datetime.datetime = None
    ends_at: datetime.datetime = None


class ActivityParams(Schema):
    period: Literal["upcoming", "past", "all"] = "upcoming"
    library: str = Field("", description="A library code.")
    status: Activity.Status | Literal[""] = ""


class ParticipantIn(Schema):
    """A member by card ``number``, or someone else by gender and age group
    (name, disability and village only if they wish)."""

    model_config = ConfigDict(extra="forbid")

    number: str = Field("", description="A member's card number.")
    name: str = ""
    gender: Gender | Literal[""] = ""
    age_group: AgeGroup | Literal[""] = ""
    disability: DisabilityOrNotAsked = ""
    village: str | None = Field(None, description="The village's official code.")


class CellIn(Schema):
    model_config = ConfigDict(extra="forbid")

    gender: Gender
    age_group: AgeGroup
    disability: DisabilityOrNotAsked = ""
    people: int = Field(ge=0)


class CountsIn(Schema):
    """The people counted without names; cells left out are 0."""

    model_config = ConfigDict(extra="forbid")

    cells: list[CellIn]


class RegistrationOut(Schema):
    id: UUID
    name: str
    phone: str
    email: str
    gender: str
    age_group: str
    status: Registration.Status
    created_at: datetime.datetime


class PartnerOut(Schema):
    id: UUID
    library: str | None = Field(description="The library's code; null: a district partner.")
    name: str
    kind: Partner.Kind
    contact_person: str
    phone: str
    email: str
    address: str
    mou_start: datetime.date | None
    mou_end: datetime.date | None
    notes: str

    @staticmethod
    def resolve_library(obj):
        return obj.library.code if obj.library_id else None


class PartnerFields(Schema):
    model_config = ConfigDict(extra="forbid")

    contact_person: str = None
    phone: str = None
    email: str = None
    address: str = None
    mou_start: datetime.date | None = None
    mou_end: datetime.date | None = None
    notes: str = None


class PartnerIn(PartnerFields):
    """A partner of the caller's library; the office names a library or none
    (a partner of the whole district)."""

    library: str | None = Field(None, description="A library code (district office only).")
    name: str = Field(min_length=1, max_length=200)
    kind: Partner.Kind


class PartnerPatch(PartnerFields):
    name: str = Field(None, min_length=1, max_length=200)
    kind: Partner.Kind = None


class ContributionOut(Schema):
    id: UUID
    partner: UUID
    library: str | None = Field(description="The library's code; null: the district's programme.")
    activity: UUID | None
    kind: Contribution.Kind
    given_on: datetime.date
    value_idr: int
    hours: decimal.Decimal | None
    description: str

    @staticmethod
    def resolve_partner(obj):
        return obj.partner_id

    @staticmethod
    def resolve_library(obj):
        return obj.library.code if obj.library_id else None

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id


class ContributionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    partner: UUID
    library: str | None = Field(None, description="A library code (district office only).")
    activity: UUID | None = None
    kind: Contribution.Kind
    given_on: datetime.date
    value_idr: int = Field(0, ge=0, description="Rupiah: the amount, or what it is worth.")
    hours: decimal.Decimal | None = Field(None, ge=0, description="For volunteers' time.")
    description: str = ""


class VillageFundOut(Schema):
    library: str
    year: int
    amount_idr: int
    notes: str

    @staticmethod
    def resolve_library(obj):
        return obj.library.code


class VillageFundIn(Schema):
    """The village fund of a library in a year; sending a year again corrects it."""

    model_config = ConfigDict(extra="forbid")

    library: str | None = Field(None, description="A library code; default: the caller's.")
    year: int
    amount_idr: int = Field(ge=0)
    notes: str = ""


class StoryOut(Schema):
    id: UUID
    library: str
    title: str
    member: str | None = Field(description="The member's card number, if the person is one.")
    person_name: str
    shown_as: str
    what_changed: str
    activity: UUID | None
    helped_by: str
    happened_on: datetime.date
    theme: Story.Theme
    consent_given_on: datetime.date | None
    consent_given_by: str
    consent_statement: str
    consent_withdrawn_on: datetime.date | None
    status: Story.Status
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_library(obj):
        return obj.library.code

    @staticmethod
    def resolve_member(obj):
        return obj.member.number if obj.member_id else None

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id


class StoryIn(Schema):
    """A story of change (a draft until consent is recorded and it is published)."""

    model_config = ConfigDict(extra="forbid")

    library: str | None = Field(None, description="A library code (district office only).")
    title: str = Field(min_length=1, max_length=200)
    member: str = Field("", description="The member's card number, if the person is one.")
    person_name: str = ""
    shown_as: str = ""
    what_changed: str = Field(min_length=1)
    activity: UUID | None = None
    helped_by: str = ""
    happened_on: datetime.date
    theme: Story.Theme


class ConsentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    given_on: datetime.date
    given_by: str = Field(min_length=1, description="The person, or a child's parent or guardian.")
    statement: str = Field(min_length=1, description="The exact text the person agreed to.")


# --- activities ---------------------------------------------------------------------


@router.get("/activity-categories", response={200: list[CategoryOut], READ_ERRORS: ErrorOut})
def category_list(request):
    """The district's activity categories (also those no longer in use)."""
    caller(request)
    return queries.categories(in_use=False)


@router.get("/activities", response={200: list[ActivityOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def activity_list(request, params: Query[ActivityParams]):
    """Activities of the caller's library (the office: all): upcoming (soonest
    first), past or all. Paged with ``limit`` and ``offset``."""
    user = caller(request)
    library = _library_seen(user, params.library) if params.library else None
    return queries.activities_for_user(
        user, period=params.period, library=library, status=params.status
    )


@router.get("/activities/{id}", response={200: ActivityDetailOut, READ_ERRORS: ErrorOut})
def activity_get(request, id: UUID):
    """An activity with its partners and attendance: the participants by
    name, and everyone (named and counted) by gender, age group and disability."""
    return queries.activity_for_user(caller(request), id)


@router.post("/activities", response={201: ActivityDetailOut, WRITE_ERRORS: ErrorOut})
def activity_post(request, payload: ActivityIn):
    """Plan (or record) an activity."""
    user = caller(request)
    sent = payload.model_dump(exclude_unset=True, exclude={"library", "partners"})
    activity = services.activity_create(
        actor=user,
        library=_own_or_named(user, payload.library, required=True),
        fields=_activity_fields(sent),
        partners=_partners(user, payload.partners or []),
    )
    return Status(201, queries.activity_for_user(user, activity.pk))


@router.patch("/activities/{id}", response={200: ActivityDetailOut, WRITE_ERRORS: ErrorOut})
def activity_patch(request, id: UUID, payload: ActivityPatch):
    """Change an activity; ``partners`` replaces the partners involved."""
    user = caller(request)
    activity = queries.activity_for_user(user, id)
    sent = payload.model_dump(exclude_unset=True, exclude={"partners"})
    partners = _partners(user, payload.partners) if payload.partners is not None else None
    services.activity_update(
        actor=user, activity=activity, changes=_activity_fields(sent), partners=partners
    )
    return queries.activity_for_user(user, id)


@router.post(
    "/activities/{id}/participants", response={201: ParticipantOut, WRITE_ERRORS: ErrorOut}
)
def participant_post(request, id: UUID, payload: ParticipantIn):
    """Someone took part: a member by card ``number``, or anyone by gender and age group."""
    user = caller(request)
    activity = queries.activity_for_user(user, id)
    if payload.number:
        participant = services.participant_add_member(
            actor=user, activity=activity, number=payload.number
        )
    else:
        participant = services.participant_add_person(
            actor=user,
            activity=activity,
            name=payload.name,
            gender=payload.gender,
            age_group=payload.age_group,
            disability=payload.disability,
            village=_village(payload.village),
        )
    return Status(201, participant)


@router.delete(
    "/activities/{id}/participants/{participant_id}",
    response={204: None, WRITE_ERRORS: ErrorOut},
)
def participant_delete(request, id: UUID, participant_id: UUID):
    """Take a participant off the list (a mistaken scan or entry)."""
    user = caller(request)
    participant = queries.participant_for_user(user, participant_id)
    if participant.activity_id != id:
        raise Http404
    services.participant_remove(actor=user, participant=participant)
    return Status(204, None)


@router.put("/activities/{id}/counts", response={200: AttendanceOut, WRITE_ERRORS: ErrorOut})
def counts_put(request, id: UUID, payload: CountsIn):
    """Set the people counted without names; answers the whole attendance."""
    user = caller(request)
    activity = queries.activity_for_user(user, id)
    counts = {}
    for cell in payload.cells:
        key = (cell.gender, cell.age_group, cell.disability)
        counts[key] = counts.get(key, 0) + cell.people
    services.attendance_counts_set(actor=user, activity=activity, counts=counts)
    return _attendance(activity)


@router.get(
    "/activities/{id}/registrations",
    response={200: list[RegistrationOut], READ_ERRORS: ErrorOut},
)
def registration_list(request, id: UUID):
    """Who registered online: with a place, waiting (in order), cancelled."""
    return queries.registrations_of(queries.activity_for_user(caller(request), id))


def _attendance(activity: Activity) -> dict:
    attendance = queries.attendance_of(Activity.objects.filter(pk=activity.pk))
    cells = [
        {"gender": gender, "age_group": age_group, "disability": disability, "people": people}
        for (gender, age_group, disability), people in sorted(attendance.cells.items())
    ]
    return {"total": attendance.total, "cells": cells}


def _activity_fields(sent: dict) -> dict:
    if "category" in sent:
        category = queries.categories(in_use=False).filter(code=sent["category"]).first()
        if category is None:
            message = _("There is no category with code “%(code)s”.") % {"code": sent["category"]}
            raise Invalid(fields={"category": [message]})
        sent["category"] = category
    return sent


def _partners(user, ids: list[UUID]) -> list[Partner]:
    partners = list(queries.partners_for_user(user).filter(pk__in=ids))
    if len(partners) != len(set(ids)):
        raise Invalid(fields={"partners": [_("Choose partners of this library.")]})
    return partners


def _village(code: str | None):
    if not code:
        return None
    village = villages_of(None).filter(code=code).first()
    if village is None:
        message = _("There is no village with code “%(code)s”.") % {"code": code}
        raise Invalid(fields={"village": [message]})
    return village


def _library_seen(user, code: str):
    library = libraries_for_user(user).filter(code=code.strip().upper()).first()
    if library is None:
        message = _("There is no library with code “%(code)s”.") % {"code": code}
        raise Invalid(fields={"library": [message]})
    return library


def _own_or_named(user, code: str | None, *, required: bool):
    """The caller's own library, or the one the office names (``None`` for
    the district when not ``required``)."""
    if access_for(user).library_id is not None:
        own = user.staff_role.library
        if code is not None and code.strip().upper() != own.code:
            raise NotPermitted
        return own
    if code is None:
        if required:
            raise Invalid(fields={"library": [_("Name the library.")]})
        return None
    return _library_seen(user, code)


# --- partners, contributions, village fund ---------------------------------------------


@router.get("/partners", response={200: list[PartnerOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def partner_list(request, q: str = ""):
    """The caller's library's partners and the district's (the office: all), by name."""
    return queries.partners_for_user(caller(request), search=q)


@router.post("/partners", response={201: PartnerOut, WRITE_ERRORS: ErrorOut})
def partner_post(request, payload: PartnerIn):
    user = caller(request)
    fields = payload.model_dump(exclude_unset=True, exclude={"library"})
    fields |= {"name": payload.name, "kind": payload.kind}
    library = _own_or_named(user, payload.library, required=False)
    return Status(201, services.partner_create(actor=user, library=library, fields=fields))


@router.patch("/partners/{id}", response={200: PartnerOut, WRITE_ERRORS: ErrorOut})
def partner_patch(request, id: UUID, payload: PartnerPatch):
    user = caller(request)
    partner = queries.partner_for_user(user, id)
    services.partner_update(
        actor=user, partner=partner, changes=payload.model_dump(exclude_unset=True)
    )
    return partner


@router.get("/contributions", response={200: list[ContributionOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def contribution_list(request, year: int | None = None, partner: UUID | None = None):
    """Contributions to the caller's library and the district's programme
    (the office: all), newest first."""
    user = caller(request)
    chosen = queries.partner_for_user(user, partner) if partner else None
    return queries.contributions_for_user(user, partner=chosen, year=year)


@router.post("/contributions", response={201: ContributionOut, WRITE_ERRORS: ErrorOut})
def contribution_post(request, payload: ContributionIn):
    user = caller(request)
    partner = queries.partner_for_user(user, payload.partner)
    fields = payload.model_dump(exclude={"partner", "library", "activity"})
    if payload.activity is not None:
        fields["activity"] = queries.activity_for_user(user, payload.activity)
    contribution = services.contribution_create(
        actor=user,
        partner=partner,
        library=_own_or_named(user, payload.library, required=False),
        fields=fields,
    )
    return Status(201, contribution)


@router.get("/village-funds", response={200: list[VillageFundOut], READ_ERRORS: ErrorOut})
def village_fund_list(request, year: int | None = None):
    """The village fund per library and year (the caller's library; the office: all)."""
    return list(queries.village_funds_for_user(caller(request), year=year))


@router.put("/village-funds", response={200: VillageFundOut, WRITE_ERRORS: ErrorOut})
def village_fund_put(request, payload: VillageFundIn):
    user = caller(request)
    return services.village_fund_set(
        actor=user,
        library=_own_or_named(user, payload.library, required=True),
        year=payload.year,
        amount_idr=payload.amount_idr,
        notes=payload.notes,
    )


# --- stories -----------------------------------------------------------------------------


@router.get("/stories", response={200: list[StoryOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def story_list(request):
    """Stories of the caller's library (the office: all), newest first."""
    return queries.stories_for_user(caller(request))


@router.get("/stories/{id}", response={200: StoryOut, READ_ERRORS: ErrorOut})
def story_get(request, id: UUID):
    return queries.story_for_user(caller(request), id)


@router.post("/stories", response={201: StoryOut, WRITE_ERRORS: ErrorOut})
def story_post(request, payload: StoryIn):
    user = caller(request)
    fields = payload.model_dump(exclude={"library", "member", "activity"})
    fields["member"] = _member(payload.member)
    if payload.activity is not None:
        fields["activity"] = queries.activity_for_user(user, payload.activity)
    library = _own_or_named(user, payload.library, required=True)
    return Status(201, services.story_create(actor=user, library=library, fields=fields))


@router.post("/stories/{id}/consent", response={200: StoryOut, WRITE_ERRORS: ErrorOut})
def story_consent(request, id: UUID, payload: ConsentIn):
    """Record the person's consent; the story may then be published."""
    user = caller(request)
    story = queries.story_for_user(user, id)
    return services.story_consent_record(actor=user, story=story, **payload.model_dump())


@router.post("/stories/{id}/publish", response={200: StoryOut, WRITE_ERRORS: ErrorOut})
def story_publish(request, id: UUID):
    """Publish a story on its library's public page; refused (422,
    ``no_consent``) without the person's consent."""
    user = caller(request)
    return services.story_publish(actor=user, story=queries.story_for_user(user, id))


def _member(number: str):
    if not number:
        return None
    member = queries.member_by_card(number)
    if member is None:
        message = _("No member has the number “%(number)s”.") % {"number": number}
        raise Invalid(fields={"member": [message]})
    return member
