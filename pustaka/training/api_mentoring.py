"""The mentoring API: visits to libraries with the action items agreed
there, followed until done; each library sees only its own."""

import datetime
from typing import Literal
from uuid import UUID

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.core.errors import Invalid
from pustaka.libraries.queries import libraries_for_user, library_for_user
from pustaka.training import policies, queries, services
from pustaka.training.models import ActionItem

router = Router(tags=["training"])

READ_ERRORS = frozenset({401, 403, 404})
WRITE_ERRORS = frozenset({401, 403, 404, 422})
ItemStatus = Literal["open", "in_progress", "done"]


class ActionItemOut(Schema):
    id: UUID
    visit: UUID
    library: str = Field(description="The visited library's code.")
    description: str
    owner: str
    due_on: datetime.date
    status: ActionItem.Status
    done_on: datetime.date | None
    overdue: bool

    @staticmethod
    def resolve_visit(obj):
        return obj.visit_id

    @staticmethod
    def resolve_library(obj):
        return obj.visit.library.code

    @staticmethod
    def resolve_overdue(obj):
        return policies.is_overdue(status=obj.status, due_on=obj.due_on, today=timezone.localdate())


class VisitOut(Schema):
    id: UUID
    library: str = Field(description="The library's code.")
    visited_on: datetime.date
    mentor_name: str
    training: UUID | None = Field(description="The training the visit follows.")
    findings: str
    action_items: list[ActionItemOut]

    @staticmethod
    def resolve_library(obj):
        return obj.library.code

    @staticmethod
    def resolve_training(obj):
        return obj.training_id

    @staticmethod
    def resolve_action_items(obj):
        return queries.action_items_of(obj).select_related("visit__library")


class VisitPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    visited_on: datetime.date = None
    mentor_name: str = Field(None, min_length=1, max_length=150)
    training: UUID | None = None
    findings: str = None


class VisitIn(VisitPatch):
    """A visit to a library; the mentor by account (``mentor``, a username)
    or by name."""

    library: str = Field(description="The library's code.")
    visited_on: datetime.date
    mentor: str | None = Field(None, description="The mentor's username.")
    mentor_name: str = Field("", max_length=150)


class ActionItemPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    description: str = Field(None, min_length=1)
    owner: str = Field(None, min_length=1, max_length=150)
    due_on: datetime.date = None


class ActionItemIn(ActionItemPatch):
    description: str = Field(min_length=1)
    owner: str = Field(min_length=1, max_length=150)
    due_on: datetime.date


class StatusIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: ItemStatus
    done_on: datetime.date | None = Field(None, description="For done: default today.")


class ActionItemParams(Schema):
    library: str = Field("", description="One library's, by code.")
    overdue: bool = Field(False, description="Only those past their due date.")


@router.get("/mentoring-visits", response={200: list[VisitOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def visit_list(request, library: str = ""):
    """The mentoring visits the caller may see (their library's; all for the
    office), newest first; ``library``: one library's. Paged."""
    user = caller(request)
    return queries.visits_for_user(
        user, library=library_for_user(user, library) if library else None
    )


@router.post("/mentoring-visits", response={201: VisitOut, WRITE_ERRORS: ErrorOut})
def visit_post(request, payload: VisitIn):
    """Record a mentoring visit (the district office)."""
    user = caller(request)
    visit = services.mentoring_visit_create(
        actor=user,
        library=library_by_code(user, payload.library),
        visited_on=payload.visited_on,
        mentor=account_by_username(payload.mentor),
        mentor_name=payload.mentor_name,
        training=_training(user, payload.training),
        findings=payload.findings or "",
    )
    return Status(201, queries.visit_for_user(user, visit.pk))


@router.get("/mentoring-visits/{id}", response={200: VisitOut, READ_ERRORS: ErrorOut})
def visit_get(request, id: UUID):
    return queries.visit_for_user(caller(request), id)


@router.patch("/mentoring-visits/{id}", response={200: VisitOut, WRITE_ERRORS: ErrorOut})
def visit_patch(request, id: UUID, payload: VisitPatch):
    user = caller(request)
    visit = queries.visit_for_user(user, id)
    changes = payload.model_dump(exclude_unset=True)
    if "training" in changes:
        changes["training"] = _training(user, changes["training"])
    services.mentoring_visit_update(actor=user, visit=visit, changes=changes)
    return queries.visit_for_user(user, id)


@router.post(
    "/mentoring-visits/{id}/action-items",
    response={201: ActionItemOut, WRITE_ERRORS: ErrorOut},
)
def action_item_post(request, id: UUID, payload: ActionItemIn):
    """Note an action item agreed at the visit (the district office)."""
    user = caller(request)
    visit = queries.visit_for_user(user, id)
    item = services.action_item_create(actor=user, visit=visit, **payload.model_dump())
    return Status(201, queries.action_item_for_user(user, item.pk))


@router.get("/action-items", response={200: list[ActionItemOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def action_item_list(request, params: Query[ActionItemParams]):
    """Action items not done yet that the caller may see, soonest due first.
    Paged with ``limit`` and ``offset``."""
    user = caller(request)
    return queries.action_items_for_user(
        user,
        library=library_for_user(user, params.library) if params.library else None,
        overdue_on=timezone.localdate() if params.overdue else None,
    )


@router.patch("/action-items/{id}", response={200: ActionItemOut, WRITE_ERRORS: ErrorOut})
def action_item_patch(request, id: UUID, payload: ActionItemPatch):
    """Change what an action item asks, who does it or by when (the district office)."""
    user = caller(request)
    item = queries.action_item_for_user(user, id)
    services.action_item_update(
        actor=user, item=item, changes=payload.model_dump(exclude_unset=True)
    )
    return item


@router.post("/action-items/{id}/status", response={200: ActionItemOut, WRITE_ERRORS: ErrorOut})
def action_item_status(request, id: UUID, payload: StatusIn):
    """Move an action item on: open, in progress or done (the office, or the
    visited library's manager)."""
    user = caller(request)
    item = queries.action_item_for_user(user, id)
    return services.action_item_set_status(
        actor=user, item=item, status=payload.status, done_on=payload.done_on
    )


def _training(user, training_id: UUID | None):
    if training_id is None:
        return None
    training = queries.trainings_for_user(user).filter(pk=training_id).first()
    if training is None:
        raise Invalid(fields={"training": [_("There is no such training.")]})
    return training


def library_by_code(user, code: str):
    """A library the caller may see, by code; ``Invalid`` (422) when there is none."""
    library = libraries_for_user(user).filter(code=code.strip().upper()).first()
    if library is None:
        message = _("There is no library with code “%(code)s”.") % {"code": code}
        raise Invalid(fields={"library": [message]})
    return library


def account_by_username(username: str | None):
    """An active account by username (``None`` stays ``None``); ``Invalid`` when unknown."""
    if username is None:
        return None
    account = get_user_model().objects.filter(username=username, is_active=True).first()
    if account is None:
        message = _("There is no account “%(username)s”.") % {"username": username}
        raise Invalid(fields={"user": [message]})
    return account
