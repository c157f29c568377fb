"""Reads of members' own accounts on the public site: who signs in with a
member number, whether they may, whether a sign-in link is live, and the
loans "my account" lists.

A member's account is a ``User`` without a staff role, linked as
``member.user`` and named ``member+<the member's key>``. It holds no name or
address (those stay on the member). Sign-in always goes through the member
number and accepts only the account linked to that member, so a staff
account never signs in as a member; and a member's account, having no role,
gets no access to staff pages or the API (``access_for``)."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pustaka.catalog.identifiers import barcode_clean
from pustaka.members.models import Member

USERNAME_PREFIX = "member+"


class SignInLinkTokens(PasswordResetTokenGenerator):
    """Tokens of the sign-in links sent by e-mail. A token covers the
    member's e-mail address and their account's password and last sign-in,
    so it stops working once used (the password changes), once the member
    signs in, when the address changes, and after ``PASSWORD_RESET_TIMEOUT``."""

    key_salt = "pustaka.members.queries_account.SignInLinkTokens"

    def _make_hash_value(self, member, timestamp):
        user = member.user
        password = user.password if user else ""
        last_login = user.last_login if user else None
        login = "" if last_login is None else last_login.replace(microsecond=0, tzinfo=None)
        return f"{member.pk}{member.email}{password}{login}{timestamp}"


sign_in_tokens = SignInLinkTokens()


def username_for(member: Member) -> str:
    """The account name of ``member`` (never typed: members sign in with their number)."""
    return f"{USERNAME_PREFIX}{member.pk.hex}"


def member_by_sign_in_number(number: str) -> Member | None:
    """The member whose card shows ``number`` (typed or scanned), with their
    account; None for an unknown or anonymised number."""
    number = barcode_clean(number)
    if not number:
        return None  # a registration waiting for confirmation has no number yet
    return (
        Member.objects.select_related("user")
        .filter(number=number, deleted_at__isnull=True)
        .exclude(status=Member.Status.ANONYMISED)
        .first()
    )


def member_for_link(member_id) -> Member | None:
    """The member a sign-in link names, with their account; None when gone."""
    return (
        Member.objects.select_related("user")
        .filter(pk=member_id, deleted_at__isnull=True)
        .exclude(status=Member.Status.ANONYMISED)
        .first()
    )


def member_of(user) -> Member | None:
    """The member whose account ``user`` is; None for staff and visitors."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Member.objects.select_related("library", "category", "user")
        .filter(user=user, deleted_at__isnull=True)
        .first()
    )


def status_refusal(member: Member) -> str | None:
    """Why the membership itself keeps ``member`` from signing in, if it does."""
    if member.status == Member.Status.ANONYMISED or member.deleted_at is not None:
        return _("This membership no longer exists.")
    if member.status == Member.Status.PENDING:
        return _("Your registration is not confirmed yet: the library confirms it at the desk.")
    if member.is_blocked:
        return _("Your membership is blocked. Please ask at your library.")
    return None


def sign_in_refusal(member: Member) -> str | None:
    """Why ``member`` may not sign in now, in words; None when they may."""
    refusal = status_refusal(member)
    if refusal is None and (member.user is None or not member.user.is_active):
        return _("This member has no password yet. Ask for a sign-in link or ask at the desk.")
    return refusal


def member_loans_open(member: Member) -> QuerySet:
    """The member's loans not yet returned, soonest due first."""
    return (
        member.loans.filter(returned_at__isnull=True)
        .select_related("item__record", "library")
        .order_by("due_on", "checked_out_at")
    )


def member_reading_history(member: Member) -> QuerySet:
    """The loans the member returned while keeping their reading history, latest first."""
    return (
        member.loans.filter(returned_at__isnull=False)
        .select_related("item__record", "library")
        .order_by("-returned_at")
    )


def sign_in_link_check(member: Member, token: str) -> bool:
    """Whether ``token`` is a live sign-in link of ``member``."""
    return sign_in_tokens.check_token(member, token)
