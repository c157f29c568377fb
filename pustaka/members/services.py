"""Every change to members: registration with consent (and the NIK kept only
as a keyed hash), and what follows in a membership's life."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pustaka.core.audit import audit_record
from pustaka.core.errors import Invalid, NotPermitted
from pustaka.core.permissions import access_for
from pustaka.core.writes import insert_logged
from pustaka.libraries.models import Library
from pustaka.libraries.services import codes_mint
from pustaka.members import policies
from pustaka.members.models import Consent, Member, MemberCategory

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
    unknown = set(fields) - MEMBER_FIELDS
    if unknown:
        raise Invalid(fields={name: [_("Unknown field.")] for name in sorted(unknown)})
    if not consent_statement.strip():
        raise Invalid(fields={"consent": [_("Record the consent the member gave.")]})
    if policies.is_minor(fields.get("birth_date"), today) and not consent_given_by.strip():
        raise Invalid(
            fields={"consent_given_by": [_("For a member under 18, name the parent or guardian.")]}
        )
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
    consent = Consent(
        member=member,
        given_on=today,
        statement=consent_statement,
        given_by=consent_given_by.strip(),
        guardian_relation=guardian_relation.strip(),
    )
    insert_logged(consent, actor=actor)
    audit_record(actor=actor, action="member.register", instance=member, library_id=library.pk)
    return member


def _number_clean(number: str) -> str:
    """A member number typed from an existing card, checked to be new."""
    number = (number or "").strip().upper()
    if number and Member.objects.filter(number=number).exists():
        raise Invalid(fields={"number": [_("Another member already has this number.")]})
    return number
