"""Changes to members' own accounts on the public site: the password a
member signs in with (set at the desk, or by the member through a one-time
link sent to their e-mail address), the reading-history choice a member
makes themself, and the copy of their data they download. What an account
is: ``queries_account``."""

import datetime
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from pustaka.core.audit import audit_record
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.models import AuditLog
from pustaka.core.permissions import access_for
from pustaka.core.writes import insert_logged, update_logged
from pustaka.members.models import Member
from pustaka.members.queries import member_export_data
from pustaka.members.queries_account import (
    sign_in_link_check,
    sign_in_tokens,
    status_refusal,
    username_for,
)
from pustaka.members.services import returned_loans_forget

# A member asking for sign-in links again and again gets one per pause.
LINK_PAUSE = datetime.timedelta(minutes=2)
MAIL_TIMEOUT_SECONDS = 30


def _is_self(actor, member: Member) -> bool:
    return bool(member.user_id) and member.user_id == getattr(actor, "pk", None)


def _require_staff_or_self(actor, member: Member) -> None:
    """The member themself, or staff who may change the member's record."""
    if not (_is_self(actor, member) or access_for(actor).can_manage_members(member.library_id)):
        raise NotPermitted


def _refuse_anonymised(member: Member) -> None:
    if member.status == Member.Status.ANONYMISED:
        raise Invalid(_("This member has been anonymised; nothing about them can change."))


def _refuse_unless_confirmed(member: Member) -> None:
    """An account only for a member with a card: not anonymised, not pending."""
    _refuse_anonymised(member)
    if member.status == Member.Status.PENDING:
        raise Invalid(_("Confirm the member's registration first."), code="pending")


def _checked_password(member: Member, password: str) -> str:
    """The hash of ``password`` once Django's validators accept it (not like
    the member's number, name or e-mail, long enough, not common)."""
    person = get_user_model()(username=member.number, first_name=member.name, email=member.email)
    try:
        validate_password(password, person)
    except ValidationError as error:
        raise Invalid(fields={"password": error.messages}) from error
    return make_password(password)


def _password_write(member: Member, password_hash: str, *, actor):
    """Give the member's account this password; the account is created (and
    linked) the first time. Returns the account."""
    user = member.user
    if user is not None:
        update_logged(user, actor=actor, changes={"password": password_hash}, allowed={"password"})
        return user
    User = get_user_model()
    username = username_for(member)
    if User.objects.filter(username__iexact=username).exists():
        raise Invalid(_("An account with this member's name exists already; ask the office."))
    user = User(username=username, password=password_hash)
    insert_logged(user, actor=actor, exclude=["password"])
    update_logged(member, actor=actor, changes={"user": user}, allowed={"user"})
    return user


@transaction.atomic
def member_password_set(*, actor, member: Member, password: str):
    """Set the password ``member`` signs in with on the public site: at the
    desk (the home library's staff or the office) or by the member themself.
    The member's account is created the first time; it has no staff role.
    Returns the account."""
    _require_staff_or_self(actor, member)
    _refuse_unless_confirmed(member)
    user = _password_write(member, _checked_password(member, password), actor=actor)
    audit_record(
        actor=actor,
        action="member.password",
        instance=member,
        library_id=member.library_id,
        detail={"by": "member" if _is_self(actor, member) else "staff"},
    )
    return user


@transaction.atomic
def member_password_change(*, actor, member: Member, current_password: str, password: str):
    """The member changes their own password from their account: only with
    the password they signed in with. Returns the account."""
    if not _is_self(actor, member):
        raise NotPermitted
    if not actor.check_password(current_password):
        raise Invalid(fields={"current_password": [_("This is not your current password.")]})
    return member_password_set(actor=actor, member=member, password=password)


@transaction.atomic
def member_password_reset(*, member: Member, token: str, password: str):
    """Set the member's password through the link they were sent: the link
    is checked on the locked member row, so it works once. Returns the
    account, for signing the member in."""
    member = Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
    if not sign_in_link_check(member, token):
        raise Invalid(_("This link has expired or was used already. Ask for a new one."))
    refusal = status_refusal(member)
    if refusal:
        raise Invalid(refusal, code="may_not_sign_in")
    password_hash = _checked_password(member, password)
    user = _password_write(member, password_hash, actor=member.user)
    audit_record(
        actor=user,
        action="member.password",
        instance=member,
        library_id=member.library_id,
        detail={"by": "link"},
    )
    return user


def _link_sent_lately(member: Member) -> bool:
    return AuditLog.objects.filter(
        action="member.sign_in_link",
        entity=member._meta.label_lower,
        entity_id=str(member.pk),
        occurred_at__gte=timezone.now() - LINK_PAUSE,
    ).exists()


def _link_mail(member: Member, link: str) -> tuple[str, str]:
    """Subject and body of the sign-in link's e-mail, in the member's language."""
    language = (member.user.language if member.user else "") or settings.LANGUAGE_CODE
    days = max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1)
    with override(language):
        subject = _("Sign in to your library account")
        body = _(
            "Hello %(name)s,\n\nOpen this link to set the password you sign in with, "
            "using your member number %(number)s. The link works once, for %(days)s days:\n\n"
            "%(link)s\n\nIf you did not ask for it, ignore this message."
        ) % {"name": member.name, "number": member.number, "days": days, "link": link}
    return subject, body


@transaction.atomic
def member_sign_in_link_send(*, actor, member: Member, link_for: Callable[[Member, str], str]):
    """E-mail the member a one-time link to set their password and sign in.
    Anyone may ask for it (it only goes to the address on file, one per
    ``LINK_PAUSE``); staff acting on the record need the right to change it.
    ``link_for(member, token)`` gives the link's full address."""
    by_staff = getattr(actor, "is_authenticated", False) and not _is_self(actor, member)
    if by_staff:
        _require_staff_or_self(actor, member)
    refusal = status_refusal(member)
    if refusal:
        raise Invalid(refusal, code="may_not_sign_in")
    if not member.email:
        raise Invalid(_("The member has no e-mail address on file."), code="no_email")
    if _link_sent_lately(member):
        raise Invalid(
            _("A link was sent a moment ago. Check the e-mail, or try again in a few minutes."),
            code="link_sent_recently",
        )
    subject, body = _link_mail(member, link_for(member, sign_in_tokens.make_token(member)))
    try:
        connection = get_connection(timeout=MAIL_TIMEOUT_SECONDS)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [member.email], connection=connection)
    except (smtplib.SMTPException, OSError) as error:
        raise Invalid(
            _("The e-mail could not be sent. Try again later, or ask at the library."),
            code="mail_failed",
        ) from error
    audit_record(
        actor=actor,
        action="member.sign_in_link",
        instance=member,
        library_id=member.library_id,
        detail={"by": "staff" if by_staff else "member"},
    )


@transaction.atomic
def member_history_keep(*, actor, member: Member, keep: bool) -> int:
    """Keep the member's reading history from now on, or stop keeping it:
    the loans they returned then no longer name them (as a return does for
    members who keep none); they still count in the statistics. Returns the
    number of returned loans forgotten."""
    _require_staff_or_self(actor, member)
    _refuse_anonymised(member)
    update_logged(member, actor=actor, changes={"keeps_history": keep}, allowed={"keeps_history"})
    forgotten = 0 if keep else returned_loans_forget(actor, member)
    audit_record(
        actor=actor,
        action="member.history",
        instance=member,
        library_id=member.library_id,
        detail={"keep": keep, "forgotten": forgotten},
    )
    return forgotten


@transaction.atomic
def member_export_own(*, actor, member: Member) -> dict:
    """Everything held about the member, downloaded by the member themself
    (PDP law: a copy in a machine-readable form); written to the audit log."""
    if not _is_self(actor, member):
        raise NotPermitted
    audit_record(
        actor=actor,
        action="member.export",
        instance=member,
        library_id=member.library_id,
        detail={"format": "json", "by": "member"},
    )
    return member_export_data(member)
