"""Change-log cases for the members services (collected by tests/core/test_change_log.py)."""

import datetime

from pustaka.members import services
from tests.change_log import Expected
from tests.members.fixtures import CONSENT


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


CASES = {"pustaka.members.services.member_register": case_member_register}
HELPERS = {
    # Turns a typed NIK into its hash and last four digits; pure.
    "pustaka.members.services.nik_fields",
}
