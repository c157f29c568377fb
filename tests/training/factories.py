"""Trainings and mentoring visits for the tests, made through the real
services (plain functions, so the change-log cases in tests/core can use
them with the shared fixtures alone)."""

import datetime

from pustaka.training import services
from pustaka.training.models import Trainee

FIRST_DAY = datetime.date(2024, 11, 13)
LAST_DAY = datetime.date(2024, 11, 16)
TOPICS = [
    "Strategi transformasi perpustakaan",
    "Advokasi untuk keberlanjutan",
    "Sistem informasi manajemen perpustakaan",
    "Monitoring, evaluasi dan dampak",
]


def training_make(admin, **fields):
    """The four-day ICT training of November 2024, without sessions."""
    values = {
        "code": "BIMTEK-TIK",
        "title": "Strategi Pengembangan Perpustakaan Berbasis TIK",
        "organiser": "Dinas Kearsipan dan Perpustakaan",
        "venue": "Samarinda",
        "starts_on": FIRST_DAY,
        "ends_on": LAST_DAY,
        "minimum_attendance": 75,
    }
    values.update(fields)
    return services.training_create(actor=admin, **values)


def session_make(admin, training, day: int = 0, topic: str = "", starts=(8, 0), ends=(12, 0)):
    """A session on the training's ``day``-th day (0: the first)."""
    return services.session_create(
        actor=admin,
        training=training,
        date=training.starts_on + datetime.timedelta(days=day),
        starts_at=datetime.time(*starts),
        ends_at=datetime.time(*ends),
        topic=topic or TOPICS[day % len(TOPICS)],
        speaker="Narasumber Perpusnas",
    )


def trainee_make(admin, training, library, name: str, role: str = Trainee.Role.VOLUNTEER):
    return services.trainee_add(
        actor=admin, training=training, library=library, role=role, name=name
    )


def visit_make(admin, library, training=None, day=datetime.date(2025, 1, 15)):
    return services.mentoring_visit_create(
        actor=admin,
        library=library,
        visited_on=day,
        mentor_name="Rahmat Hidayat",
        training=training,
        findings="Data anggota masih dicatat di buku.",
    )


def item_make(admin, visit, due_on=datetime.date(2025, 2, 15), description="Input data anggota"):
    return services.action_item_create(
        actor=admin, visit=visit, description=description, owner="Pengelola", due_on=due_on
    )
