"""Fixtures of the notices tests: two members who chose SMS (one per library),
their notices queued, sent to the outbox or given up, and an API client."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from pustaka.circulation import notices, services
from pustaka.circulation.models import Notice, OutboxMessage
from pustaka.core.services import api_token_create
from tests.circulation.fixtures import MONDAY

DAY = datetime.timedelta(days=1)
PHONE_A = "0812-5555-0101"
PHONE_B = "+62 813 5555 0202"


class RefusingGateway:
    """An SMS provider that is down."""

    def send(self, address, subject, body):
        raise ConnectionError("the SMS modem does not answer")


REFUSING = f"{__name__}.RefusingGateway"


def member_wants_sms(member, phone: str) -> None:
    member.notices_by, member.phone = "sms", phone
    member.save(update_fields=["notices_by", "phone"])


@pytest.fixture
def sms_loans(manager_a, manager_b, library_a, library_b, member_a, member_b, item_a, item_b):
    """Members A and B want SMS; each borrowed a copy at their own library."""
    member_wants_sms(member_a, PHONE_A)
    member_wants_sms(member_b, PHONE_B)
    return [
        services.checkout(
            actor=manager, library=library, member=member, barcode=item.barcode, today=MONDAY
        )
        for manager, library, member, item in (
            (manager_a, library_a, member_a, item_a),
            (manager_b, library_b, member_b, item_b),
        )
    ]


@pytest.fixture
def sms_notices(sms_loans, member_a, member_b) -> tuple[Notice, Notice]:
    """Each member's "due soon" notice, queued by the daily task, not sent yet."""
    for loan in sms_loans:
        notices.notices_queue_due(loan.due_on - DAY)
    return Notice.objects.get(member=member_a), Notice.objects.get(member=member_b)


@pytest.fixture
def outbox_ab(sms_notices) -> tuple[OutboxMessage, OutboxMessage]:
    """Both notices sent through the default gateway: two messages wait."""
    assert notices.notices_send()["sent"] == 2
    return tuple(OutboxMessage.objects.get(notice=notice) for notice in sms_notices)


@pytest.fixture
def given_up(sms_notices, settings) -> tuple[Notice, Notice]:
    """Both notices given up: the SMS provider refused every attempt."""
    settings.PUSTAKA_SMS_GATEWAY = REFUSING
    when = timezone.now()
    for attempt in range(1, notices.MAX_ATTEMPTS + 1):
        notices.notices_send(when)
        when += notices.retry_delay(attempt)
    settings.PUSTAKA_SMS_GATEWAY = "pustaka.circulation.gateways.OutboxGateway"
    for notice in sms_notices:
        notice.refresh_from_db()
        assert (notice.status, notice.attempts) == ("gave_up", notices.MAX_ATTEMPTS)
    return sms_notices


@pytest.fixture
def api_for(admin):
    """``api_for(user)``: a client with a bearer token acting as ``user``, in English."""

    def make(user):
        _token, secret = api_token_create(actor=admin, user=user, name=f"bridge {user.username}")
        headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
        return Client(enforce_csrf_checks=True, headers=headers)

    return make
