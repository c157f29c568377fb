"""Members of the two test libraries, registered through the real service."""

import datetime

import pytest

from pustaka.members import accounts, services

CONSENT = (
    "Data Anda dipakai untuk layanan perpustakaan dan statistik; Anda dapat melihat, "
    "mengubah dan meminta penghapusan data Anda."
)

MEMBER_PASSWORD = "kebun-pisang-77"


def register(actor, library, name, **fields):
    return services.member_register(
        actor=actor,
        library=library,
        fields={
            "name": name,
            "gender": "female",
            "birth_date": datetime.date(1990, 5, 17),
            **fields,
        },
        consent_statement=CONSENT,
    )


@pytest.fixture
def member_a(seeded, manager_a, library_a):
    """An adult member whose home library is A."""
    return register(manager_a, library_a, "Siti Rahmawati")


@pytest.fixture
def member_b(seeded, manager_b, library_b):
    """An adult member whose home library is B."""
    return register(manager_b, library_b, "Budi Santoso", gender="male")


@pytest.fixture
def pending_member_a(seeded, library_a):
    """A person who registered online with library A as home library, not yet confirmed."""
    return services.member_register_online(
        library=library_a,
        fields={
            "name": "Dewi Lestari",
            "gender": "female",
            "birth_date": datetime.date(1995, 8, 17),
            "phone": "0812-5555-0303",
            "address": "RT 04 Rebaq Rinding",
        },
        consent_statement=CONSENT,
        client="client-pending",
    )


@pytest.fixture
def blocked_member_a(manager_a, member_a):
    """``member_a``, blocked by their library's manager."""
    services.member_block(actor=manager_a, member=member_a, reason="Buku hilang")
    return member_a


@pytest.fixture
def member_a_with_account(manager_a, member_a):
    """``member_a`` with a password set at the desk: the account they sign in with."""
    accounts.member_password_set(actor=manager_a, member=member_a, password=MEMBER_PASSWORD)
    member_a.refresh_from_db()
    return member_a
