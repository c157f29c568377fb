"""Staff's writes on notices and the SMS/WhatsApp outbox: send a failed notice
once more, and mark outbox messages as passed on (sent from a phone by hand
or by a bridge program).

Notices and outbox messages are node-local bookkeeping, not synced, so these
services write no change-log rows; each leaves an audit row naming who did it."""

from collections.abc import Collection
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.circulation.models import Notice, OutboxMessage
from pustaka.circulation.notices import member_channel
from pustaka.circulation.tasks import circulation_notices_send
from pustaka.core.audit import audit_record
from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.permissions import access_for


def _require_member_library(actor, library_id) -> None:
    """The office, or the staff of the member's home library; an outbox
    message without a notice (written before it kept one) is the office's."""
    access = access_for(actor)
    allowed = access.can_manage_members(library_id) if library_id else access.is_district_admin
    if not allowed:
        raise NotPermitted


def _require_visible(actor, library_id) -> None:
    """A message of a library the actor does not see is not found."""
    access = access_for(actor)
    visible = access.can_view_library(library_id) if library_id else access.sees_all_libraries
    if not visible:
        raise NotFound


@transaction.atomic
def notice_retry(*, actor, notice: Notice) -> Notice:
    """Queue a failed notice to be sent once more, to the member's present
    address (staff may have corrected it). It goes out through the daily
    task's sending (enqueued when this commits) and, if that attempt fails
    too, is given up again. Only a failed notice is queued: one already sent,
    waiting, being sent or interrupted while sent is refused."""
    _require_member_library(actor, notice.member.library_id)
    channel, address = member_channel(notice.member)
    if not channel:
        raise Invalid(
            _("The member has no e-mail address or phone number for notices."),
            code="notice_no_address",
        )
    queued = Notice.objects.filter(pk=notice.pk, status__in=Notice.RETRYABLE).update(
        status=Notice.Status.QUEUED,
        channel=channel,
        address=address,
        next_attempt_at=None,
        updated_at=timezone.now(),
    )
    if not queued:
        raise Invalid(_("Only a notice that failed can be sent again."), code="notice_not_failed")
    notice.refresh_from_db()
    audit_record(
        actor=actor,
        action="notice.retry",
        instance=notice,
        library_id=notice.member.library_id,
        detail={"channel": channel, "attempts": notice.attempts},
    )
    transaction.on_commit(circulation_notices_send.enqueue)
    return notice


@transaction.atomic
def outbox_pass_on(*, actor, message_ids: Collection[UUID]) -> int:
    """Mark outbox messages as passed on to their members. A message already
    passed on keeps its time (marking it again changes nothing), so a bridge
    program may report twice. Returns how many were marked now; every id must
    name a message the actor may see (else ``NotFound``) and change."""
    wanted = set(message_ids)
    found = dict(
        OutboxMessage.objects.filter(pk__in=wanted).values_list("pk", "notice__member__library_id")
    )
    if len(found) != len(wanted):
        raise NotFound
    for library_id in set(found.values()):
        _require_visible(actor, library_id)
        _require_member_library(actor, library_id)
    now = timezone.now()
    waiting = list(
        OutboxMessage.objects.select_for_update()
        .filter(pk__in=wanted, passed_on_at__isnull=True)
        .order_by("created_at")
    )
    OutboxMessage.objects.filter(pk__in=[message.pk for message in waiting]).update(
        passed_on_at=now, updated_at=now
    )
    for message in waiting:
        audit_record(
            actor=actor,
            action="outbox.pass_on",
            instance=message,
            library_id=found[message.pk],
        )
    return len(waiting)
