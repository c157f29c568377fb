"""Change-log cases for the members services (collected by tests/core/test_change_log.py)."""

import datetime

from pustaka.members import accounts, services
from pustaka.members.queries_account import sign_in_tokens
from tests.change_log import Expected
from tests.members.fixtures import CONSENT, MEMBER_PASSWORD


def case_member_register(manager_a, library_a):
    member = services.member_register(
        actor=manager_a,
        library=library_a,
        fields={"name": "Nur Aini", "gender": "female", "birth_date": datetime.date(1985, 2, 3)},
        consent_statement=CONSENT,
        nik="6402064302850001",
    )
    consent = member.consents.get()
    return [
        Expected(
            "members.member", str(member.pk), "create", {"name": "Nur Aini", "nik_last4": "0001"}
        ),
        Expected("members.consent", str(consent.pk), "create", {"statement": CONSENT}),
    ]


def _member(member_a) -> Expected:
    return lambda operation, **fields: Expected(
        "members.member", str(member_a.pk), operation, fields
    )


def case_member_update(manager_a, member_a):
    services.member_update(
        actor=manager_a, member=member_a, changes={"phone": "0812-5555-0101"}, nik=""
    )
    return [_member(member_a)("update", phone="0812-5555-0101")]


def case_member_renew(manager_a, member_a):
    expires_on = services.member_renew(actor=manager_a, member=member_a, today=member_a.expires_on)
    return [_member(member_a)("update", expires_on=expires_on.isoformat())]


def case_member_block(manager_a, member_a):
    services.member_block(actor=manager_a, member=member_a, reason="Buku hilang belum diganti")
    return [_member(member_a)("update", blocked_reason="Buku hilang belum diganti")]


def case_member_unblock(manager_a, blocked_member_a):
    services.member_unblock(actor=manager_a, member=blocked_member_a, reason="Sudah diganti")
    return [_member(blocked_member_a)("update", blocked_at=None, blocked_reason="")]


def case_consent_withdraw(manager_a, member_a):
    consent = member_a.consents.get()
    today = datetime.date(2026, 3, 2)
    services.consent_withdraw(actor=manager_a, member=member_a, today=today)
    return [Expected("members.consent", str(consent.pk), "update", {"withdrawn_on": "2026-03-02"})]


def case_member_anonymise(manager_a, member_a):
    consent = member_a.consents.get()
    services.member_anonymise(actor=manager_a, member=member_a, today=datetime.date(2026, 3, 2))
    return [
        _member(member_a)("update", name="Anggota anonim", birth_date=None, status="anonymised"),
        Expected("members.consent", str(consent.pk), "update", {"withdrawn_on": "2026-03-02"}),
    ]


def case_member_register_online(seeded, library_a):
    member = services.member_register_online(
        library=library_a,
        fields={
            "name": "Rina Wulandari",
            "gender": "female",
            "birth_date": datetime.date(2001, 1, 9),
            "email": "rina@example.id",
        },
        consent_statement=CONSENT,
    )
    consent = member.consents.get()
    fields = {"name": "Rina Wulandari", "status": "pending", "expires_on": None}
    return [
        Expected("members.member", str(member.pk), "create", fields),
        Expected("members.consent", str(consent.pk), "create", {"statement": CONSENT}),
    ]


def case_member_confirm(manager_a, pending_member_a):
    today = datetime.date(2026, 3, 2)
    services.member_confirm(actor=manager_a, member=pending_member_a, today=today)
    fields = {"status": "active", "number": "DSA-000001", "expires_on": "2027-03-02"}
    return [_member(pending_member_a)("update", **fields)]


def case_member_registration_reject(manager_a, pending_member_a):
    consent = pending_member_a.consents.get()
    member_id = pending_member_a.pk
    services.member_registration_reject(actor=manager_a, member=pending_member_a)
    forgotten = {"name": "Anggota anonim", "phone": "", "birth_date": None, "gender": ""}
    return [
        Expected("members.member", str(member_id), "delete", forgotten),
        Expected("members.consent", str(consent.pk), "delete", {"given_by": ""}),
    ]


def case_member_category_create(admin):
    category = services.member_category_create(
        actor=admin, code="guru", name="Guru", membership_months=24
    )
    fields = {"code": "guru", "name": "Guru", "membership_months": 24}
    return [Expected("members.membercategory", str(category.pk), "create", fields)]


def case_member_category_update(admin):
    from pustaka.members.models import MemberCategory

    category = MemberCategory.objects.get(code="seniors")
    services.member_category_update(actor=admin, category=category, changes={"name": "Lanjut usia"})
    return [Expected("members.membercategory", str(category.pk), "update", {"name": "Lanjut usia"})]


CASES = {
    f"pustaka.members.services.{case.__name__.removeprefix('case_')}": case
    for case in [
        case_member_register,
        case_member_update,
        case_member_renew,
        case_member_block,
        case_member_unblock,
        case_consent_withdraw,
        case_member_anonymise,
        case_member_register_online,
        case_member_confirm,
        case_member_registration_reject,
        case_member_category_create,
        case_member_category_update,
    ]
}
HELPERS = {
    # Turns a typed NIK into its hash and last four digits; pure.
    "pustaka.members.services.nik_fields",
    # Reads a member's data for them and writes only an audit-log row (who
    # exported whose data); it changes no synced row. Tested in tests/members.
    "pustaka.members.services.member_export",
    # Part of member_update and member_history_keep (inside their transaction);
    # the loans it forgets are checked in tests/members/test_accounts.py.
    "pustaka.members.services.returned_loans_forget",
}


# Members' own accounts (pustaka/members/accounts.py).


def case_member_password_set(manager_a, member_a):
    user = accounts.member_password_set(
        actor=manager_a, member=member_a, password="kebun-pisang-77"
    )
    return [
        Expected("core.user", str(user.pk), "create", {"username": f"member+{member_a.pk.hex}"}),
        _member(member_a)("update", user_id=str(user.pk)),
    ]


def case_member_password_reset(member_a):
    token = sign_in_tokens.make_token(member_a)
    user = accounts.member_password_reset(member=member_a, token=token, password="sungai-deras-88")
    return [
        Expected("core.user", str(user.pk), "create", {"username": f"member+{member_a.pk.hex}"}),
        _member(member_a)("update", user_id=str(user.pk)),
    ]


def case_member_password_change(member_a_with_account):
    member = member_a_with_account
    user = accounts.member_password_change(
        actor=member.user,
        member=member,
        current_password=MEMBER_PASSWORD,
        password="sungai-deras-88",
    )
    return [Expected("core.user", str(user.pk), "update", {})]


def case_member_history_keep(manager_a, member_a):
    accounts.member_history_keep(actor=manager_a, member=member_a, keep=True)
    return [_member(member_a)("update", keeps_history=True)]


CASES.update(
    {
        f"pustaka.members.accounts.{case.__name__.removeprefix('case_')}": case
        for case in [
            case_member_password_set,
            case_member_password_reset,
            case_member_password_change,
            case_member_history_keep,
        ]
    }
)
HELPERS |= {
    # E-mails a sign-in link; writes only an audit-log row (tested in tests/members).
    "pustaka.members.accounts.member_sign_in_link_send",
    # The member's own copy of their data: a read plus an audit-log row.
    "pustaka.members.accounts.member_export_own",
}
