"""The notices API: the notices sent to members, and the SMS/WhatsApp outbox
for a bridge program that passes its messages on (an SMS gateway phone, a
WhatsApp sender) — scoped like the desk's lists: a library's staff see
their own members' notices and messages, the district office every one."""

import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from pustaka.api.auth import caller
from pustaka.api.errors import ErrorOut
from pustaka.circulation import queries_notices, services_notices
from pustaka.circulation.models import Notice

router = Router(tags=["notices"])

READ_ERRORS = frozenset({401, 403, 404, 422})
WRITE_ERRORS = frozenset({401, 403, 404})


class NoticeOut(Schema):
    id: UUID
    member: str = Field(description="The member's number.")
    member_name: str
    library: str = Field(description="The member's home library's code.")
    kind: Notice.Kind
    channel: Literal["email", "sms"]
    address: str = Field(description="The e-mail address or phone number it was sent to.")
    subject: str
    body: str
    status: Notice.Status = Field(
        description="queued and sending: on its way; sent; failed: tried again later; "
        "gave_up: failed at its last attempt; unknown: interrupted while being sent "
        "(it may have gone out and is never sent again)."
    )
    attempts: int
    last_error: str
    created_at: datetime.datetime
    sent_at: datetime.datetime | None
    next_attempt_at: datetime.datetime | None

    @staticmethod
    def resolve_member(obj):
        return obj.member.number

    @staticmethod
    def resolve_member_name(obj):
        return obj.member.name

    @staticmethod
    def resolve_library(obj):
        return obj.member.library.code


class OutboxOut(Schema):
    id: UUID
    to: str = Field(description="The phone number to send the text to.")
    text: str
    created_at: datetime.datetime
    passed_on_at: datetime.datetime | None = Field(
        description="When it was marked passed on; null while it waits."
    )
    notice: UUID | None = Field(description="The notice it carries.")
    member: str | None = Field(description="The member's number.")
    library: str | None = Field(description="The member's home library's code.")

    @staticmethod
    def resolve_notice(obj):
        return obj.notice_id

    @staticmethod
    def resolve_member(obj):
        return obj.notice.member.number if obj.notice_id else None

    @staticmethod
    def resolve_library(obj):
        return obj.notice.member.library.code if obj.notice_id else None


class NoticeParams(Schema):
    status: Literal["", "pending", "sent", "failed"] = Field(
        "",
        description="pending: queued or being sent; sent; failed: failed, given up or interrupted.",
    )
    channel: Literal["", "email", "sms"] = ""
    kind: Literal["", "due_soon", "overdue", "hold_ready"] = ""
    library: str = Field("", description="The member's home library's code.")
    member: str = Field("", description="A member's number.")


class OutboxParams(Schema):
    library: str = Field("", description="The member's home library's code.")


@router.get("/notices", response={200: list[NoticeOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def notice_list(request, params: Query[NoticeParams]):
    """Notices of the members the caller may see, newest first. Paged with
    ``limit`` and ``offset``."""
    return queries_notices.notices_for_user(
        caller(request),
        status=params.status,
        channel=params.channel,
        kind=params.kind,
        library_code=params.library,
        member_number=params.member,
    )


@router.get("/outbox", response={200: list[OutboxOut], READ_ERRORS: ErrorOut})
@paginate(LimitOffsetPagination)
def outbox(request, params: Query[OutboxParams]):
    """SMS/WhatsApp messages waiting to be passed on, oldest first: send each
    one, then report it with ``POST /outbox/{id}/delivered``. Paged with
    ``limit`` and ``offset``."""
    return queries_notices.outbox_waiting(caller(request), library_code=params.library)


@router.post("/outbox/{id}/delivered", response={200: OutboxOut, WRITE_ERRORS: ErrorOut})
def outbox_delivered(request, id: UUID):
    """Mark a message passed on; it leaves the waiting list. Idempotent: a
    message already marked keeps its time and answers the same."""
    user = caller(request)
    services_notices.outbox_pass_on(actor=user, message_ids=[id])
    return queries_notices.outbox_message_for_user(user, id)
