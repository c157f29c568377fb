"""The demo district's visitor books: three weeks of visits at every library
in its opening hours — members scanning their cards, guests, now and then a
school class — and two weeks of computer sessions where a library offers
computers. Visits go in through ``visits_import`` (one batch per library,
each row checked and logged), sessions through ``computer_session_log``;
loaded once (a district with visits keeps its own)."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from pustaka.libraries.models import Library
from pustaka.libraries.queries import villages_of
from pustaka.members.models import Member
from pustaka.members.policies import AGE_GROUP_CODES
from pustaka.visits import services
from pustaka.visits.models import ComputerPurpose, Purpose, Visit
from pustaka.visits.policies import local_day
from pustaka.visits.services import VisitEntry

DEMO_SEED = 2026
VISIT_DAYS = 21
SESSION_DAYS = 14
# Guests come mostly to read and study; members also to borrow.
GUEST_PURPOSES = ["read"] * 4 + ["study"] * 2 + ["internet", "activity", "other"]
MEMBER_PURPOSES = ["read", "borrow", "borrow", "study", "", ""]
GUEST_AGES = ["6-12", "6-12", "13-18", "13-18", "19-35", "19-35", "36-59", "0-5", "60+"]


def demo_load() -> dict:
    """Fill every library's visitor book for the last weeks, once."""
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is None or Visit.objects.exists():
        return {"visits": 0, "computer sessions": 0}
    rng = random.Random(DEMO_SEED)
    now = timezone.now()
    visits = sessions = 0
    for library in Library.objects.select_related("kecamatan", "village").order_by("code"):
        entries = _library_entries(library, now, rng)
        visits += len(services.visits_import(actor=admin, library=library, entries=entries))
        if "computers" in (library.offers or []):
            sessions += _library_sessions(admin, library, now, rng)
    return {"visits": visits, "computer sessions": sessions}


def _open_moments(library: Library, day: datetime.date, count: int, rng, now) -> list:
    """``count`` random moments of ``day`` in the library's opening hours, before ``now``."""
    ranges = (library.opening_hours or {}).get(str(day.weekday())) or []
    zone = timezone.get_default_timezone()
    moments = []
    for _index in range(count if ranges else 0):
        start, end = (datetime.time.fromisoformat(text) for text in rng.choice(ranges))
        minutes = (end.hour - start.hour) * 60 + end.minute - start.minute
        opened = datetime.datetime.combine(day, start, tzinfo=zone)
        moment = opened + datetime.timedelta(minutes=rng.randrange(max(minutes, 1)))
        if moment < now:
            moments.append(moment)
    return sorted(moments)


def _library_entries(library: Library, now, rng) -> list[VisitEntry]:
    numbers = list(
        Member.objects.filter(library=library, status=Member.Status.ACTIVE).values_list(
            "number", flat=True
        )[:40]
    )
    villages = list(villages_of(library.kecamatan)) or [None]
    home = library.village or villages[0]
    entries = []
    today = local_day(now)
    for back in range(VISIT_DAYS - 1, -1, -1):
        day = today - datetime.timedelta(days=back)
        for moment in _open_moments(library, day, rng.randint(3, 12), rng, now):
            if numbers and rng.random() < 0.4:
                entries.append(
                    VisitEntry(
                        kind="member",
                        at=moment,
                        number=rng.choice(numbers),
                        purpose=rng.choice(MEMBER_PURPOSES),
                    )
                )
            else:
                village = home if rng.random() < 0.7 else rng.choice(villages)
                entries.append(_guest(moment, village, rng))
        if rng.random() < 0.12:
            entries.extend(
                _school_class(moment, rng) for moment in _open_moments(library, day, 1, rng, now)
            )
    return entries


def _guest(moment, village, rng) -> VisitEntry:
    return VisitEntry(
        kind="guest",
        at=moment,
        gender=rng.choice(["female", "male"]),
        age_group=rng.choice(GUEST_AGES),
        purpose=rng.choice(GUEST_PURPOSES),
        village=village,
        disability=rng.choice(["", "", "no", "no", "no", "yes"]) if rng.random() < 0.5 else "",
    )


def _school_class(moment, rng) -> VisitEntry:
    """A class with its teacher, on a reading or library visit."""
    pupils = rng.choice(["6-12", "6-12", "13-18"])
    grade = rng.randint(1, 6) if pupils == "6-12" else rng.randint(7, 9)
    school = "SDN" if pupils == "6-12" else "SMPN"
    counts = {
        ("female", pupils): rng.randint(6, 16),
        ("male", pupils): rng.randint(6, 16),
        (rng.choice(["female", "male"]), "36-59"): 1,
    }
    return VisitEntry(
        kind="group",
        at=moment,
        purpose=rng.choice([Purpose.READ, Purpose.ACTIVITY, Purpose.STUDY]),
        counts=counts,
        description=f"Kelas {grade} {school} {rng.randint(1, 30):03d}",
    )


def _library_sessions(admin, library: Library, now, rng) -> int:
    today = local_day(now)
    logged = 0
    for back in range(SESSION_DAYS - 1, -1, -1):
        day = today - datetime.timedelta(days=back)
        for moment in _open_moments(library, day, rng.randint(1, 5), rng, now):
            services.computer_session_log(
                actor=admin,
                library=library,
                purpose=rng.choice(ComputerPurpose.values),
                minutes=rng.choice([15, 30, 30, 45, 60, 90]),
                gender=rng.choice(["female", "male"]),
                age_group=rng.choice(AGE_GROUP_CODES[2:5]),
                at=moment,
            )
            logged += 1
    return logged
