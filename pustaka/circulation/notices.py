"""Notices to members: which are due, queued once each (their ``key``), and
sent through the member's channel."""

from django.utils.translation import gettext as _
from django.utils.translation import override

from pustaka.circulation.models import Hold, Notice


def _channel(member) -> tuple[str, str]:
    """The channel and address a member is reached at; ("", "") when none."""
    if member.notices_by == "email" and member.email:
        return "email", member.email
    if member.notices_by == "sms" and member.phone:
        return "sms", member.phone
    return "", ""


def hold_ready_queue(hold: Hold) -> Notice | None:
    """Queue the "ready for pickup" notice of ``hold`` (once per time it is ready)."""
    member = hold.member
    if member is None:
        return None
    channel, address = _channel(member)
    if not channel:
        return None
    with override("id"):
        subject = _("Your reserved book is ready for pickup")
        body = _("%(name)s, “%(title)s” is waiting for you at %(library)s until %(date)s.") % {
            "name": member.name,
            "title": hold.record.title,
            "library": hold.pickup_library.name,
            "date": hold.expires_on.strftime("%d-%m-%Y"),
        }
    notice, _created = Notice.objects.get_or_create(
        key=f"hold_ready:{hold.pk}:{hold.ready_at:%Y%m%d%H%M%S}",
        defaults={
            "member": member,
            "kind": Notice.Kind.HOLD_READY,
            "channel": channel,
            "address": address,
            "subject": subject,
            "body": body,
        },
    )
    return notice
