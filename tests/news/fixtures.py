"""News of the two test libraries, written through the real services."""

import pytest

from pustaka.news import services


@pytest.fixture
def post_a(manager_a, library_a):
    """A published post of library A."""
    return services.post_create(
        actor=manager_a,
        library=library_a,
        title="Pelatihan budidaya lele",
        text="Sabtu ini ada pelatihan.\n\nSemua warga diundang.",
        publish=True,
    )


@pytest.fixture
def draft_a(manager_a, library_a):
    """A draft of library A, not on the public site."""
    return services.post_create(
        actor=manager_a, library=library_a, title="Jadwal bulan puasa", text="Buka 09.00-14.00."
    )


@pytest.fixture
def post_b(manager_b, library_b):
    """A published post of library B."""
    return services.post_create(
        actor=manager_b,
        library=library_b,
        title="Kelas komputer untuk ibu-ibu",
        text="Setiap Kamis sore.",
        publish=True,
    )


@pytest.fixture
def comment_a(post_a):
    """A comment on ``post_a`` from the public, waiting for moderation."""
    return services.comment_submit(
        post=post_a, name="Pak Rusdi", text="Kapan ada pelatihan lagi?", client="client-1"
    )
