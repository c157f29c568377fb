"""Every change to members: registration with consent (and the NIK kept only
as a keyed hash), and what follows in a membership's life."""

import datetime

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.core import abuse
from pustaka.core.audit import audit_record
from pustaka.core.changes import change_record, json_value
from pustaka.core.errors import Invalid, NotFound, NotPermitted
from pustaka.core.ids import uuid7
from pustaka.core.models import ChangeLog
from pustaka.core.permissions import access_for
from pustaka.core.writes import (
    change_log_redact,
    insert_logged,
    refuse_unknown_fields,
    update_logged,
)
from pustaka.libraries.models import Library
from pustaka.libraries.services import codes_mint
from pustaka.members import policies
from pustaka.members.models import Consent, Member, MemberCategory
from pustaka.members.queries import member_export_data

MEMBER_COUNTER = "member"
MEMBER_FIELDS = {
    "name",
    "gender",
    "birth_date",
    "category",
    "phone",
    "email",
    "address",
    "village",
    "disability",
    "occupation",
    "keeps_history",
    "notices_by",
}


def nik_fields(nik: str, *, birth_date, gender: str) -> dict:
    """``nik_hash`` and ``nik_last4`` for a typed NIK (empty when none), or
    ``Invalid`` on the ``nik`` field. The NIK itself goes no further."""
    if not (nik or "").strip():
        return {"nik_hash": "", "nik_last4": ""}
    try:
        clean = policies.nik_check(nik, birth_date=birth_date, gender=gender)
    except ValidationError as error:
        raise Invalid(fields={"nik": error.messages}) from None
    return {"nik_hash": policies.nik_hash(clean, settings.PUSTAKA_NIK_KEY), "nik_last4": clean[-4:]}


@transaction.atomic
def member_register(
    *,
    actor,
    library: Library,
    fields: dict,
    consent_statement: str,
    consent_given_by: str = "",
    guardian_relation: str = "",
    nik: str = "",
    number: str = "",
    today: datetime.date | None = None,
) -> Member:
    """Register a member at ``library`` (their home library), with the consent
    they (or, under 18, a named parent or guardian) gave to what they were
    shown. The member number is minted unless one is typed from a card."""
    if not access_for(actor).can_manage_members(library.pk):
        raise NotPermitted
    today = today or timezone.localdate()
    refuse_unknown_fields(fields, MEMBER_FIELDS)
    _consent_check(consent_statement, consent_given_by, fields.get("birth_date"), today)
    number = _number_clean(number) or codes_mint(library=library, name=MEMBER_COUNTER)[0]
    category = fields.get("category") or MemberCategory.objects.get(code="general")
    member = Member(
        library=library,
        number=number,
        expires_on=policies.months_later(today, category.membership_months),
        **{**fields, "category": category},
        **nik_fields(nik, birth_date=fields.get("birth_date"), gender=fields.get("gender", "")),
    )
    insert_logged(member, actor=actor)
    _consent_save(actor, member, today, consent_statement, consent_given_by, guardian_relation)
    audit_record(actor=actor, action="member.register", instance=member, library_id=library.pk)
    return member


def _consent_check(statement: str, given_by: str, birth_date, today) -> None:
    if not statement.strip():
        raise Invalid(fields={"consent": [_("Record the consent the member gave.")]})
    if policies.is_minor(birth_date, today) and not given_by.strip():
        raise Invalid(
            fields={"consent_given_by": [_("For a member under 18, name the parent or guardian.")]}
        )


def _consent_save(actor, member, today, statement: str, given_by: str, relation: str) -> None:
    consent = Consent(
        member=member,
        given_on=today,
        statement=statement,
        given_by=given_by.strip(),
        guardian_relation=relation.strip(),
    )
    insert_logged(consent, actor=actor)


# What a person gives when registering online; the desk adds the rest.
ONLINE_FIELDS = {"name", "gender", "birth_date", "phone", "email", "address", "village"}
# At most REGISTRATION_LIMIT registrations from one address in REGISTRATION_WINDOW seconds.
REGISTRATION_LIMIT = 3
REGISTRATION_WINDOW = 60 * 60
PENDING_NUMBER_PREFIX = "PENDING-"


@transaction.atomic
def member_register_online(
    *,
    library: Library,
    fields: dict,
    consent_statement: str,
    consent_given_by: str = "",
    guardian_relation: str = "",
    honeypot: str = "",
    client: str = "",
    today: datetime.date | None = None,
) -> Member:
    """A person registers themself on the public site, with the consent they
    gave there (or, under 18, a named parent or guardian gave): they wait,
    pending, until their chosen home library checks who they are and confirms
    them (``member_confirm``). No member number is minted until then, so
    registrations that are never confirmed use up none of a library's
    numbers; the placeholder ``PENDING-…`` is no card number and cannot borrow.
    Robots are refused by the honeypot and floods by a rate limit per
    ``client`` (see ``core.abuse``)."""
    abuse.honeypot_check(honeypot)
    today = today or timezone.localdate()
    refuse_unknown_fields(fields, ONLINE_FIELDS)
    if not library.is_active or library.deleted_at is not None:
        raise Invalid(fields={"library": [_("Choose one of the district's libraries.")]})
    _online_fields_check(fields, today)
    _consent_check(consent_statement, consent_given_by, fields["birth_date"], today)
    abuse.rate_limit(
        scope="members.register",
        client=client,
        limit=REGISTRATION_LIMIT,
        window=REGISTRATION_WINDOW,
    )
    key = uuid7()
    member = Member(
        id=key,
        library=library,
        number=f"{PENDING_NUMBER_PREFIX}{key.hex[-16:].upper()}",
        status=Member.Status.PENDING,
        category=MemberCategory.objects.get(code="general"),
        notices_by="email" if fields.get("email") else "sms",
        **fields,
    )
    insert_logged(member, actor=None)
    _consent_save(None, member, today, consent_statement, consent_given_by, guardian_relation)
    audit_record(
        actor=None,
        action="member.register_online",
        instance=member,
        library_id=library.pk,
        detail={"consent": "given online"},
    )
    return member


def _online_fields_check(fields: dict, today: datetime.date) -> None:
    """A date of birth (whether a guardian must consent) and a way to reach them."""
    problems = {}
    birth_date = fields.get("birth_date")
    if birth_date is None:
        problems["birth_date"] = [_("Give your date of birth.")]
    elif birth_date > today:
        problems["birth_date"] = [_("The date of birth cannot be in the future.")]
    if not (fields.get("phone") or "").strip() and not (fields.get("email") or "").strip():
        problems["phone"] = [
            _("Give a phone number or an e-mail address, so the library can reach you.")
        ]
    if problems:
        raise Invalid(fields=problems)


def _pending_locked(actor, member: Member) -> Member:
    """The pending registration, locked (two desks may act on it at once),
    if ``actor`` works for its home library or the office."""
    if not access_for(actor).can_manage_members(member.library_id):
        raise NotPermitted
    locked = (
        Member.objects.select_for_update()
        .select_related("library", "category")
        .filter(pk=member.pk, deleted_at__isnull=True)
        .first()
    )
    if locked is None:
        raise NotFound
    if locked.status != Member.Status.PENDING:
        raise Invalid(_("This registration has been dealt with already."), code="not_pending")
    return locked


@transaction.atomic
def member_confirm(
    *,
    actor,
    member: Member,
    category: MemberCategory | None = None,
    today: datetime.date | None = None,
) -> Member:
    """The home library has checked who the person is: they become an active
    member with a newly minted number, in ``category`` (default: as
    registered), and their membership runs for the category's length."""
    member = _pending_locked(actor, member)
    today = today or timezone.localdate()
    category = category or member.category
    changes = {
        "number": codes_mint(library=member.library, name=MEMBER_COUNTER)[0],
        "status": Member.Status.ACTIVE,
        "category": category,
        "expires_on": policies.months_later(today, category.membership_months),
    }
    update_logged(member, actor=actor, changes=changes, allowed=set(changes))
    audit_record(
        actor=actor, action="member.confirm", instance=member, library_id=member.library_id
    )
    return member


def _number_clean(number: str) -> str:
    """A member number typed from an existing card, checked to be new."""
    number = (number or "").strip().upper()
    if number and Member.objects.filter(number=number).exists():
        raise Invalid(fields={"number": [_("Another member already has this number.")]})
    return number


def _member_for_change(actor, member: Member) -> None:
    """Refuse unless ``actor`` may change ``member`` and it still names a person."""
    if not access_for(actor).can_manage_members(member.library_id):
        raise NotPermitted
    if member.status == Member.Status.ANONYMISED:
        raise Invalid(_("This member has been anonymised; nothing about them can change."))


@transaction.atomic
def member_update(
    *, actor, member: Member, changes: dict, nik: str | None = None, today=None
) -> list[str]:
    """Change a member's details; ``nik`` replaces the kept NIK hash when
    typed (``""`` removes it, ``None`` leaves it). Returns the changed fields."""
    _member_for_change(actor, member)
    changes = dict(changes)
    if "category" in changes and changes["category"] is None:
        raise Invalid(fields={"category": [_("Choose a category.")]})
    if nik is not None:
        birth_date = changes.get("birth_date", member.birth_date)
        gender = changes.get("gender", member.gender)
        changes.update(nik_fields(nik, birth_date=birth_date, gender=gender))
    today = today or timezone.localdate()
    if _needs_guardian(member, changes, today):
        raise Invalid(
            fields={"birth_date": [_("A member under 18 needs a parent's or guardian's consent.")]}
        )
    changed = update_logged(
        member, actor=actor, changes=changes, allowed=MEMBER_FIELDS | {"nik_hash", "nik_last4"}
    )
    if "keeps_history" in changed and not member.keeps_history:
        returned_loans_forget(actor, member)
    if changed:
        audit_record(
            actor=actor,
            action="member.update",
            instance=member,
            library_id=member.library_id,
            detail={"fields": sorted(changed)},
        )
    return changed


def _needs_guardian(member: Member, changes: dict, today) -> bool:
    """A birth date that makes the member a minor, without a guardian's consent on file."""
    if "birth_date" not in changes or not policies.is_minor(changes["birth_date"], today):
        return False
    return not member.consents.filter(withdrawn_on__isnull=True).exclude(given_by="").exists()


@transaction.atomic
def member_renew(*, actor, member: Member, today: datetime.date | None = None) -> datetime.date:
    """Extend the membership by the category's length: from the current expiry
    while it still runs, from today once it has passed. Returns the new expiry."""
    _member_for_change(actor, member)
    today = today or timezone.localdate()
    start = max(today, member.expires_on or today)
    expires_on = policies.months_later(start, member.category.membership_months)
    update_logged(member, actor=actor, changes={"expires_on": expires_on}, allowed={"expires_on"})
    return expires_on


@transaction.atomic
def member_block(*, actor, member: Member, reason: str) -> None:
    """Stop a member borrowing anywhere in the district, saying why."""
    _member_for_change(actor, member)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(fields={"reason": [_("Say why the member is blocked.")]})
    if member.is_blocked:
        raise Invalid(_("This member is already blocked."))
    changes = {"blocked_at": timezone.now(), "blocked_reason": reason}
    update_logged(member, actor=actor, changes=changes, allowed=set(changes))
    audit_record(
        actor=actor,
        action="member.block",
        instance=member,
        library_id=member.library_id,
        detail={"reason": reason},
    )


@transaction.atomic
def member_unblock(*, actor, member: Member, reason: str) -> None:
    """Let a blocked member borrow again; the reason goes to the audit log."""
    _member_for_change(actor, member)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(fields={"reason": [_("Say why the block is lifted.")]})
    if not member.is_blocked:
        raise Invalid(_("This member is not blocked."))
    changes = {"blocked_at": None, "blocked_reason": ""}
    update_logged(member, actor=actor, changes=changes, allowed=set(changes))
    audit_record(
        actor=actor,
        action="member.unblock",
        instance=member,
        library_id=member.library_id,
        detail={"reason": reason},
    )


@transaction.atomic
def consent_withdraw(*, actor, member: Member, today: datetime.date | None = None) -> int:
    """Record that the member (or their guardian) withdrew their consent; the
    data may then no longer be used: the next step is ``member_anonymise``.
    Returns the number of consents withdrawn."""
    _member_for_change(actor, member)
    today = today or timezone.localdate()
    consents = list(member.consents.filter(withdrawn_on__isnull=True))
    if not consents:
        raise Invalid(_("This member has no consent in force."))
    for consent in consents:
        update_logged(
            consent, actor=actor, changes={"withdrawn_on": today}, allowed={"withdrawn_on"}
        )
    audit_record(
        actor=actor, action="consent.withdraw", instance=member, library_id=member.library_id
    )
    return len(consents)


# What an anonymised member keeps: home library, category, village, gender,
# status, expiry and the row itself (loans keep their counts). Everything
# below names or singles out the person, and is wiped.
ANONYMOUS_NAME = "Anggota anonim"
ANONYMISED_VALUES = {
    "name": ANONYMOUS_NAME,
    "birth_date": None,
    "phone": "",
    "email": "",
    "address": "",
    "occupation": "",
    "disability": "",
    "nik_hash": "",
    "nik_last4": "",
    "blocked_at": None,
    "blocked_reason": "",
    "keeps_history": False,
    "notices_by": "none",
    "user": None,
    "status": Member.Status.ANONYMISED,
}
CONSENT_ANONYMISED = {"given_by": "", "guardian_relation": ""}
# A story of change about an anonymised member: unpublished, naming no one.
STORY_ANONYMISED = {
    "member": None,
    "person_name": "",
    "shown_as": "",
    "consent_given_by": "",
    "status": "draft",
}
# What a rejected registration leaves in the change log: not even gender or village.
REJECTED_VALUES = {
    **{name: value for name, value in ANONYMISED_VALUES.items() if name not in {"status", "user"}},
    "gender": "",
    "village": None,
}


@transaction.atomic
def member_registration_reject(*, actor, member: Member) -> None:
    """The home library does not confirm an online registration (not a real
    person, or someone already a member): nothing of it is kept (PDP law).
    The member and its consent are deleted; their deletion is logged without
    the person's data, and the earlier change-log rows lose it too."""
    member = _pending_locked(actor, member)
    consents = list(member.consents.all())
    change_log_redact("members.member", [member.pk], _column_values(member, REJECTED_VALUES))
    change_log_redact("members.consent", [consent.pk for consent in consents], CONSENT_ANONYMISED)
    audit_record(
        actor=actor,
        action="member.registration_reject",
        instance=member,
        library_id=member.library_id,
    )
    for consent in consents:
        _delete_logged(actor, consent, CONSENT_ANONYMISED)
    _delete_logged(actor, member, REJECTED_VALUES)


def _delete_logged(actor, instance, forget: dict) -> None:
    """Log the deletion of ``instance`` without the values in ``forget``, then delete it."""
    for name, value in forget.items():
        setattr(instance, name, value)
    change_record(instance=instance, operation=ChangeLog.Operation.DELETE, staff=actor)
    instance.delete()


@transaction.atomic
def member_anonymise(*, actor, member: Member, today: datetime.date | None = None) -> None:
    """Wipe everything that names the person, on their request or when their
    consent is withdrawn; the row stays so loans keep their counts. Earlier
    change-log rows of the member and its consents lose the same values."""
    if not access_for(actor).can_export_personal_data:
        raise NotPermitted
    _member_for_change(actor, member)
    today = today or timezone.localdate()
    if member.loans.filter(returned_at__isnull=True).exists():
        raise Invalid(
            _("The member still has books on loan: take them back first."), code="loans_open"
        )
    story_ids = list(member.stories.values_list("pk", flat=True))
    _loans_and_holds_forget(actor, member)
    _notices_forget(member)
    account = member.user
    values = {**ANONYMISED_VALUES, "number": f"ANON-{member.pk.hex[-16:].upper()}"}
    update_logged(member, actor=actor, changes=values, allowed=set(values))
    if account is not None:  # the member's sign-in closes with them
        update_logged(account, actor=actor, changes={"is_active": False}, allowed={"is_active"})
    for consent in member.consents.all():
        changes = {**CONSENT_ANONYMISED, "withdrawn_on": consent.withdrawn_on or today}
        update_logged(consent, actor=actor, changes=changes, allowed=set(changes))
    change_log_redact("members.member", [member.pk], _column_values(member, values))
    change_log_redact(
        "members.consent", member.consents.values_list("pk", flat=True), CONSENT_ANONYMISED
    )
    story_person = {"member": None, "person_name": "", "shown_as": "", "consent_given_by": ""}
    change_log_redact("programs.story", story_ids, story_person)
    audit_record(
        actor=actor, action="member.anonymise", instance=member, library_id=member.library_id
    )


def _notices_forget(member: Member) -> None:
    """The member's notices and the text messages carrying them lose their
    address and words (they named the person); they stay, counted. Both are
    node-local rows, never synced, so no change-log row follows them. Text
    messages written before the outbox linked them to their notice are found
    by the member's phone."""
    outbox = apps.get_model("circulation", "OutboxMessage").objects
    mine = Q(notice__member=member)
    if member.phone:
        mine |= Q(notice__isnull=True, to=member.phone)
    outbox.filter(mine).update(to="", text="")
    member.notices.update(address="", subject="", body="", last_error="")


def returned_loans_forget(actor, member: Member) -> int:
    """The loans the member returned no longer name them (as a return does for
    members who keep no history); they still count in the statistics. Called
    inside the service that stops keeping the history; returns how many."""
    loans = list(member.loans.filter(returned_at__isnull=False))
    for loan in loans:
        update_logged(loan, actor=actor, changes={"member": None}, allowed={"member"})
    return len(loans)


def _loans_and_holds_forget(actor, member: Member) -> None:
    """The member's loans, holds, visits, computer sessions and activity
    attendance keep their counts but no longer name them; holds still waiting
    are cancelled; stories about them lose the person, their consent is
    withdrawn and they leave the public site."""
    now = timezone.now()
    counted = [
        *member.loans.all(),
        *member.visits.all(),
        *member.computer_sessions.all(),
        *member.activity_participations.all(),
    ]
    for row in counted:
        update_logged(row, actor=actor, changes={"member": None}, allowed={"member"})
    for story in member.stories.all():
        changes = {**STORY_ANONYMISED, "consent_withdrawn_on": timezone.localdate(now)}
        update_logged(story, actor=actor, changes=changes, allowed=set(changes))
    for hold in member.holds.all():
        changes = {"member": None}
        if hold.status in ("waiting", "in_transit", "ready"):
            changes.update(status="cancelled", closed_at=now)
        update_logged(hold, actor=actor, changes=changes, allowed=set(changes))


def _column_values(member: Member, values: dict) -> dict:
    """``values`` by column name, as the change log stores them (``user`` -> ``user_id``)."""
    return {
        member._meta.get_field(name).attname: json_value(value) for name, value in values.items()
    }


@transaction.atomic
def member_export(*, actor, member: Member, file_format: str) -> dict:
    """Everything held about a member, for giving them a copy (PDP law): the
    export is written to the audit log (who exported whose data, how)."""
    access = access_for(actor)
    if not (access.can_export_personal_data and access.can_manage_members(member.library_id)):
        raise NotPermitted
    audit_record(
        actor=actor,
        action="member.export",
        instance=member,
        library_id=member.library_id,
        detail={"format": file_format},
    )
    return member_export_data(member)


CATEGORY_FIELDS = {"code", "name", "membership_months"}


@transaction.atomic
def member_category_create(
    *, actor, code: str, name: str, membership_months: int = 12
) -> MemberCategory:
    """Add a member category (district office only)."""
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    category = MemberCategory(
        code=(code or "").strip().lower(),
        name=(name or "").strip(),
        membership_months=membership_months,
    )
    return insert_logged(category, actor=actor)


@transaction.atomic
def member_category_update(*, actor, category: MemberCategory, changes: dict) -> list[str]:
    """Rename a category or change its membership length (district office only)."""
    if not access_for(actor).is_district_admin:
        raise NotPermitted
    if "code" in changes:
        changes = {**changes, "code": (changes["code"] or "").strip().lower()}
    return update_logged(category, actor=actor, changes=changes, allowed=CATEGORY_FIELDS)
