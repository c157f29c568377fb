"""Demo members: 15 to 40 people at each library of the demo district, with
names common in Kutai Kartanegara, villages of the library's kecamatan, a
few children registered by a parent, and a NIK for some adults. Registered
through ``member_register`` (minted numbers, consent, change log) and
idempotent: a library that has members keeps them."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import translation

from pustaka.libraries.demo import DEMO_PASSWORD
from pustaka.libraries.models import Library
from pustaka.libraries.queries import villages_of
from pustaka.members import accounts, policies, services
from pustaka.members.models import Member, MemberCategory

DEMO_SEED = 2026
FEMALE = ["Siti", "Nur", "Rahmawati", "Dewi", "Sri", "Aisyah", "Fitri", "Rina", "Yuliana",
          "Mariana", "Hasnah", "Norhayati", "Wahyuni", "Lestari", "Ani", "Kartini", "Salmah",
          "Putri", "Intan", "Maria"]  # fmt: skip
MALE = ["Budi", "Muhammad", "Ahmad", "Rudi", "Agus", "Yohanes", "Hendra", "Syahrani",
        "Abdul", "Rizky", "Bambang", "Andi", "Samsul", "Fajar", "Dedi", "Ilham", "Yusuf",
        "Petrus", "Arif", "Joko"]  # fmt: skip
FAMILY = ["Rahman", "Santoso", "Lahang", "Hidayat", "Saputra", "Hasan", "Ibrahim", "Syahrir",
          "Wijaya", "Kurniawan", "Ningsih", "Lestari", "Anwar", "Pratama", "Rusdi", "Jaang",
          "Ngau", "Effendi", "Aminah", "Maulana"]  # fmt: skip
OCCUPATIONS = ["petani", "nelayan", "pedagang", "guru", "ibu rumah tangga", "pelajar",
               "mahasiswa", "wiraswasta", "buruh", "perawat", ""]  # fmt: skip
RELATIONS = ["ibu", "ayah", "nenek", "kakek", "paman"]


def demo_load() -> dict:
    """Register the demo members at every library that has none yet."""
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is None:
        return {"members": 0}
    categories = {category.code: category for category in MemberCategory.objects.all()}
    rng = random.Random(DEMO_SEED)
    today = datetime.date.today()
    added = 0
    with translation.override("id"):
        consent = str(policies.CONSENT_TEXT)
        for library in Library.objects.select_related("kecamatan").order_by("code"):
            count = rng.randint(15, 40)
            if Member.objects.filter(library=library).exists():
                continue
            villages = list(villages_of(library.kecamatan)) or [None]
            for _index in range(count):
                _register(admin, library, rng, categories, villages, consent, today)
            added += count
    return {"members": added, "member accounts": _demo_account(admin)}


def _demo_reader() -> Member | None:
    """The demo's member who signs in on the public site: the first adult of DS01."""
    adults = Member.objects.filter(
        library__code="DS01",
        status=Member.Status.ACTIVE,
        birth_date__lte=datetime.date.today() - datetime.timedelta(days=20 * 365),
    )
    return adults.order_by("number").first()


def _demo_account(admin) -> int:
    reader = _demo_reader()
    if reader is None or reader.user_id:
        return 0
    accounts.member_password_set(actor=admin, member=reader, password=DEMO_PASSWORD)
    return 1


def demo_logins() -> list[tuple[str, str, str]]:
    """The demo member's sign-in on the public site (``/akun/masuk/``)."""
    reader = _demo_reader()
    if reader is None or not reader.user_id:
        return []
    return [(reader.number, DEMO_PASSWORD, f"{reader.name}, anggota (DS01) — /akun/masuk/")]


def _register(admin, library, rng, categories, villages, consent, today):
    gender = rng.choice(["female", "male"])
    age = rng.choice([8, 10, 13, 15, 17]) if rng.random() < 0.25 else rng.randint(18, 72)
    birth_date = today - datetime.timedelta(days=age * 365 + rng.randint(10, 350))
    given = rng.choice(FEMALE if gender == "female" else MALE)
    family = rng.choice(FAMILY)
    village = rng.choice(villages)
    fields = {
        "name": f"{given} {family}",
        "gender": gender,
        "birth_date": birth_date,
        "category": categories.get(_category_code(age)),
        "phone": f"08{rng.randint(11, 59)}{rng.randint(10000000, 99999999)}"
        if rng.random() < 0.7
        else "",
        "address": f"RT {rng.randint(1, 20):02d}" + (f", {village.name}" if village else ""),
        "village": village,
        "occupation": "pelajar" if age < 18 else rng.choice(OCCUPATIONS),
        "disability": rng.choice(["physical", "visual", "hearing"]) if rng.random() < 0.05 else "",
        "notices_by": "sms",
    }
    minor = age < policies.ADULT_AGE
    services.member_register(
        actor=admin,
        library=library,
        fields={name: value for name, value in fields.items() if value is not None},
        consent_statement=consent,
        consent_given_by=f"{rng.choice(FEMALE + MALE)} {family}" if minor else "",
        guardian_relation=rng.choice(RELATIONS) if minor else "",
        nik=_nik(library, birth_date, gender, rng) if not minor and rng.random() < 0.4 else "",
        today=today,
    )


def _category_code(age: int) -> str:
    if age < 13:
        return "children"
    if age < 19:
        return "students"
    return "seniors" if age >= 60 else "general"


def _nik(library, birth_date, gender, rng) -> str:
    """A valid NIK of the library's kecamatan (a made-up serial)."""
    kecamatan = library.kecamatan.code.replace(".", "")[-2:]
    day = birth_date.day + (policies.FEMALE_DAY_OFFSET if gender == "female" else 0)
    return f"6402{kecamatan}{day:02d}{birth_date:%m%y}{rng.randint(1, 9999):04d}"
