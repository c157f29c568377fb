"""Activities, partners and stories of the two test libraries, written
through the real services (also used by the change-log walk in tests/core)."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pustaka.programs import services
from pustaka.programs.models import ActivityCategory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def image_upload(width: int = 1600, height: int = 1200) -> SimpleUploadedFile:
    """A photo from a phone camera, larger than the pages need."""
    buffer = BytesIO()
    Image.new("RGB", (width, height), "orange").save(buffer, "JPEG")
    return SimpleUploadedFile("kegiatan.jpg", buffer.getvalue(), content_type="image/jpeg")


def pdf_upload(name: str = "daftar-hadir.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def category(code: str) -> ActivityCategory:
    """One of the categories the migrations seed."""
    return ActivityCategory.objects.get(code=code)


def activity_fields(**fields) -> dict:
    """An afternoon activity a week from now, public, with 2 places."""
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    return {
        "title": "Kelas komputer untuk ibu-ibu",
        "category": category("digital-literacy"),
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "place": "Ruang baca",
        "is_public": True,
        "capacity": 2,
        **fields,
    }


@pytest.fixture
def programs_files(settings, tmp_path):
    """Uploads go to temporary folders: media (photos) and private (documents)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUSTAKA_PRIVATE_ROOT = tmp_path / "private"
    return tmp_path


@pytest.fixture
def activity_a(manager_a, library_a):
    """An upcoming public activity of library A with 2 places."""
    return services.activity_create(actor=manager_a, library=library_a, fields=activity_fields())


@pytest.fixture
def activity_b(manager_b, library_b):
    """An upcoming public activity of library B."""
    fields = activity_fields(title="Klub baca anak", category=category("reading"))
    return services.activity_create(actor=manager_b, library=library_b, fields=fields)


@pytest.fixture
def registration_a(activity_a):
    """Someone registered online for ``activity_a`` (they have a place)."""
    return services.registration_submit(
        activity=activity_a,
        name="Nurul Hidayah",
        phone="0812-1111-2222",
        gender="female",
        age_group="19-35",
        client="client-a",
    )


@pytest.fixture
def waiting_a(activity_a, registration_a):
    """``activity_a`` full (2 places taken): this one waits, first in line."""
    services.registration_submit(
        activity=activity_a, name="Rina", phone="0813-0000-0001", gender="female", age_group="6-12"
    )
    return services.registration_submit(
        activity=activity_a, name="Ani", phone="0813-0000-0002", gender="female", age_group="6-12"
    )


@pytest.fixture
def participant_a(volunteer_a, activity_a):
    """A walk-in who took part in ``activity_a``, not named."""
    return services.participant_add_person(
        actor=volunteer_a, activity=activity_a, gender="male", age_group="13-18"
    )


@pytest.fixture
def partner_a(manager_a, library_a):
    return services.partner_create(
        actor=manager_a,
        library=library_a,
        fields={"name": "Pemerintah Desa Rebaq Rinding", "kind": "village_government"},
    )


@pytest.fixture
def partner_b(manager_b, library_b):
    return services.partner_create(
        actor=manager_b, library=library_b, fields={"name": "SDN 001 Bukit Biru", "kind": "school"}
    )


@pytest.fixture
def contribution_a(manager_a, partner_a, library_a):
    return services.contribution_create(
        actor=manager_a,
        partner=partner_a,
        library=library_a,
        fields={"kind": "money", "given_on": datetime.date(2026, 3, 2), "value_idr": 5_000_000},
    )


@pytest.fixture
def story_a(manager_a, library_a):
    """A draft story of library A, without consent yet."""
    return services.story_create(
        actor=manager_a,
        library=library_a,
        fields={
            "title": "Dari kelas komputer ke toko daring",
            "person_name": "Ibu Salmah",
            "shown_as": "Ibu Salmah, penjahit",
            "what_changed": "Kini menjual jahitannya lewat media sosial.",
            "happened_on": datetime.date(2026, 2, 10),
            "theme": "economic",
        },
    )


@pytest.fixture
def consented_story_a(manager_a, story_a):
    """``story_a`` with the person's consent recorded."""
    return services.story_consent_record(
        actor=manager_a,
        story=story_a,
        given_on=datetime.date(2026, 2, 12),
        given_by="Ibu Salmah",
        statement="Saya setuju cerita saya dimuat.",
    )


@pytest.fixture
def published_story_a(manager_a, consented_story_a):
    return services.story_publish(actor=manager_a, story=consented_story_a)


@pytest.fixture
def story_b(manager_b, library_b):
    return services.story_create(
        actor=manager_b,
        library=library_b,
        fields={
            "title": "Anak-anak gemar membaca",
            "person_name": "Pak Rusdi",
            "what_changed": "Anaknya kini membaca setiap sore.",
            "happened_on": datetime.date(2026, 1, 5),
            "theme": "education",
        },
    )


@pytest.fixture
def photo_a(programs_files, volunteer_a, activity_a):
    return services.photo_add(
        actor=volunteer_a, activity=activity_a, image=image_upload(), description="Peserta belajar"
    )


@pytest.fixture
def document_a(programs_files, volunteer_a, activity_a):
    return services.document_add(
        actor=volunteer_a, activity=activity_a, upload=pdf_upload(), title="Daftar hadir"
    )
