"""The ways a notice reaches a member: e-mail through Django's mail (SMTP by
settings), and a text-message gateway for SMS/WhatsApp, which by default
writes the message to the ``OutboxMessage`` table for another program to
pass on (so nothing needs the internet).

A gateway has one method, ``send(address, subject, body)``, which returns
when the message is handed over and raises on any failure. Another SMS or
WhatsApp provider is a class with that method, named by the setting
``PUSTAKA_SMS_GATEWAY`` (a dotted path; instantiated without arguments).
A gateway that keeps messages rather than sending them also has
``keep(notice)``, and is given the notice itself (``deliver``): the outbox
links its message to the notice, so staff see it with its member's library."""

from typing import Protocol

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.utils.module_loading import import_string

from pustaka.circulation.models import Notice, OutboxMessage

# Seconds an SMTP server may take to answer before the attempt fails.
SMTP_TIMEOUT_SECONDS = 30


class Gateway(Protocol):
    def send(self, address: str, subject: str, body: str) -> None: ...


class EmailGateway:
    """Sends through Django's e-mail backend (``EMAIL_*`` settings)."""

    def send(self, address: str, subject: str, body: str) -> None:
        timeout = getattr(settings, "EMAIL_TIMEOUT", None) or SMTP_TIMEOUT_SECONDS
        send_mail(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [address],
            connection=get_connection(timeout=timeout),
        )


class OutboxGateway:
    """Keeps the text message in the outbox table; nothing leaves the node.
    Staff pass it on from a phone, or a bridge program through the API."""

    def send(self, address: str, subject: str, body: str) -> None:
        OutboxMessage.objects.create(to=address, text=body)

    def keep(self, notice: Notice) -> None:
        OutboxMessage.objects.create(notice=notice, to=notice.address, text=notice.body)


def gateway_for(channel: str) -> Gateway:
    """The gateway of a notice's channel ("email" or "sms")."""
    if channel == "email":
        return EmailGateway()
    if channel == "sms":
        return import_string(settings.PUSTAKA_SMS_GATEWAY)()
    raise ValueError(f"no gateway for the channel {channel!r}")


def deliver(notice: Notice) -> None:
    """Hand ``notice`` to its channel's gateway; raises when that fails."""
    gateway = gateway_for(notice.channel)
    keep = getattr(gateway, "keep", None)
    if keep is not None:
        keep(notice)
    else:
        gateway.send(notice.address, notice.subject, notice.body)
