"""Reads of notices and the SMS/WhatsApp outbox that the staff pages and the
API share, scoped by the member's home library: a library's staff see the
notices of their own members, the district office sees every one. Notices
of an anonymised member are never shown (their text and address name the
person), nor are their messages passed on."""

from django.db.models import QuerySet
from django.http import Http404

from pustaka.circulation.models import Notice, OutboxMessage
from pustaka.core.permissions import scope_to_user
from pustaka.members.models import Member

# The statuses staff filter by: still on its way, sent, or not sent.
STATUS_GROUPS = {
    "pending": (Notice.Status.QUEUED, Notice.Status.SENDING),
    "sent": (Notice.Status.SENT,),
    "failed": (Notice.Status.FAILED, Notice.Status.GAVE_UP, Notice.Status.UNKNOWN),
}


def notices_for_user(
    user,
    *,
    status: str = "",
    channel: str = "",
    kind: str = "",
    library_code: str = "",
    member_number: str = "",
) -> QuerySet[Notice]:
    """Notices of the members ``user`` may see, newest first; filtered by a
    status group (``STATUS_GROUPS``), channel, kind, the member's home
    library (code) and member number."""
    notices = scope_to_user(
        Notice.objects.select_related("member__library").exclude(member_id__in=_anonymised()),
        user,
        library_field="member__library",
    )
    if status:
        notices = notices.filter(status__in=STATUS_GROUPS[status])
    if channel:
        notices = notices.filter(channel=channel)
    if kind:
        notices = notices.filter(kind=kind)
    if library_code:
        notices = notices.filter(member__library__code=library_code.strip().upper())
    if member_number:
        notices = notices.filter(member__number=member_number.strip().upper())
    return notices.order_by("-created_at", "-id")


def notice_for_user(user, notice_id) -> Notice:
    """One notice ``user`` may see; 404 otherwise (never reveal it exists)."""
    notice = notices_for_user(user).filter(pk=notice_id).first()
    if notice is None:
        raise Http404
    return notice


def outbox_waiting(user, *, library_code: str = "") -> QuerySet[OutboxMessage]:
    """Outbox messages not yet passed on, of the members ``user`` may see
    (messages without a notice: the office only), oldest first."""
    return outbox_for_user(user, library_code=library_code).filter(passed_on_at__isnull=True)


def outbox_for_user(user, *, library_code: str = "") -> QuerySet[OutboxMessage]:
    """Every outbox message of the members ``user`` may see, oldest first."""
    messages = scope_to_user(
        OutboxMessage.objects.select_related("notice__member__library").exclude(
            notice__member_id__in=_anonymised()
        ),
        user,
        library_field="notice__member__library",
    )
    if library_code:
        messages = messages.filter(notice__member__library__code=library_code.strip().upper())
    return messages.order_by("created_at", "id")


def outbox_message_for_user(user, message_id) -> OutboxMessage:
    """One outbox message ``user`` may see; 404 otherwise."""
    message = outbox_for_user(user).filter(pk=message_id).first()
    if message is None:
        raise Http404
    return message


def _anonymised():
    """Anonymised members, as a subquery: a join on the member's status would
    lead the planner away from the notices' own indexes."""
    return Member.objects.filter(status=Member.Status.ANONYMISED).values("pk")
