"""The demo district's programmes: activities of several categories over the
last months at a handful of libraries (attendance by name at some, counted
at others), coming public activities with online registrations, partners
with their contributions, the village fund of recent years, and stories of
change told with consent. Written through the services; loaded once (a
district with activities keeps its own)."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from pustaka.libraries.models import Library
from pustaka.members.models import Member
from pustaka.members.policies import AGE_GROUP_CODES
from pustaka.programs import policies, services
from pustaka.programs.models import Activity, ActivityCategory

DEMO_SEED = 2026
# The libraries with programmes in the demo, and who records them.
RECORDERS = {"DS01": "pengelola", "DS02": "pengelola2", "DS04": "admin", "KL01": "admin"}
# category code, title, target group, funding, place, facilitators
ACTIVITIES = [
    ("digital-literacy", "Kelas komputer dasar untuk ibu-ibu PKK", "women", "village_fund",
     "Ruang baca", "Relawan TIK desa"),
    ("skills", "Pelatihan membuat kue kering untuk dijual", "small_business", "partner",
     "Balai desa", "Ibu Hasnah (UMKM Kue Rebaq)"),
    ("reading", "Klub baca sore anak-anak", "children", "none", "Pojok baca anak", "Relawan"),
    ("children", "Mendongeng dan mewarnai", "children", "library", "Halaman perpustakaan",
     "Kak Rina"),
    ("learning-support", "Bimbingan belajar matematika SD", "children", "community",
     "Ruang baca", "Guru SDN 003"),
    ("digital-literacy", "Memasarkan produk UMKM lewat WhatsApp dan media sosial",
     "small_business", "partner", "Ruang komputer", "Penyuluh Diskominfo"),
    ("health-social", "Penyuluhan gizi balita bersama Posyandu", "women", "government",
     "Balai desa", "Bidan desa"),
    ("advocacy", "Musyawarah desa: dukungan dana desa untuk perpustakaan", "everyone",
     "village_fund", "Kantor desa", "Kepala perpustakaan"),
    ("culture", "Belajar tari Jepen untuk remaja", "youth", "community", "Balai adat",
     "Sanggar Jepen desa"),
]  # fmt: skip
# category code, title, target group, places, registrations (more than places: some wait)
UPCOMING = [
    ("digital-literacy", "Membuat surat lamaran kerja di komputer", "youth", 4, 6),
    ("skills", "Pelatihan budidaya lele di kolam terpal", "small_business", 20, 5),
    ("reading", "Lomba membaca puisi anak", "children", 30, 3),
]
# library code (None: the district), name, kind, contribution kind, value, hours, description
PARTNERS = [
    ("DS01", "Pemerintah Desa Rebaq Rinding", "village_government", "venue", 1_500_000, None,
     "Balai desa untuk pelatihan"),
    ("DS01", "SDN 003 Muara Muntai", "school", "expertise", 0, None, "Guru pendamping bimbel"),
    ("DS01", "Karang Taruna Rebaq Rinding", "community_group", "volunteer_time", 0, 24,
     "Relawan klub baca"),
    ("DS02", "Koperasi Tani Jonggon Makmur", "business", "money", 2_500_000, None,
     "Bahan pelatihan kue"),
    ("DS02", "Majelis Taklim Al-Ikhlas", "religious_group", "goods", 600_000, None,
     "Buku cerita anak"),
    ("DS04", "Puskesmas Loa Janan", "government_office", "expertise", 0, None,
     "Penyuluhan gizi"),
    (None, "Bank Kaltimtara (CSR)", "business", "goods", 15_000_000, None,
     "Lima komputer untuk perpustakaan desa"),
]  # fmt: skip
# library code, amounts of the last years (oldest first)
VILLAGE_FUNDS = {"DS01": [15_000_000, 20_000_000], "DS02": [10_000_000, 12_500_000],
                 "DS04": [25_000_000, 25_000_000]}  # fmt: skip
# library code, title, person name, shown as, what changed, helped by, theme, published
STORIES = [
    ("DS01", "Dari kelas komputer ke toko daring", "Hasnah", "Ibu Hasnah, pembuat kue",
     "Setelah ikut kelas komputer, Ibu Hasnah memotret kuenya dan menjualnya lewat "
     "WhatsApp. Pesanan kini datang dari Tenggarong setiap minggu.\n\nPenghasilannya "
     "naik hampir dua kali lipat.", "Kelas komputer dasar", "economic", True),
    ("DS01", "Rizky kini suka membaca", "Rizky", "Rizky, 10 tahun",
     "Dulu Rizky lebih suka bermain gawai. Sejak ikut klub baca sore, ia sudah "
     "menamatkan dua puluh buku cerita dan menjadi juara lomba bercerita di sekolah.",
     "Klub baca sore", "education", True),
    ("DS02", "Kelompok tani belajar dari buku", "Pak Samsul", "",
     "Kelompok tani meminjam buku budidaya dan mencoba pupuk kompos; panen jagung "
     "meningkat.", "Koleksi buku pertanian", "economic", False),
]  # fmt: skip
REGISTRANTS = [("Nur Aini", "female"), ("Dewi Lestari", "female"), ("Fajar Pratama", "male"),
               ("Intan Maulana", "female"), ("Yusuf Hasan", "male"), ("Putri Wijaya", "female"),
               ("Andi Saputra", "male"), ("Lestari Ningsih", "female")]  # fmt: skip


def demo_load() -> dict:
    """Write the demo programmes once, when the district has no activity yet."""
    accounts = {user.username: user for user in get_user_model().objects.all()}
    libraries = {library.code: library for library in Library.objects.filter(code__in=RECORDERS)}
    empty = {"activities": 0, "participants": 0, "partners": 0, "stories": 0}
    if Activity.objects.exists() or "admin" not in accounts or not libraries:
        return empty
    rng = random.Random(DEMO_SEED)
    categories = {category.code: category for category in ActivityCategory.objects.all()}
    recorders = {code: accounts.get(RECORDERS[code], accounts["admin"]) for code in libraries}
    partners = _partners(accounts["admin"], recorders, libraries)
    activities, participants = 0, 0
    for code, library in sorted(libraries.items()):
        actor = recorders[code]
        for index, row in enumerate(rng.sample(ACTIVITIES, 5)):
            activity = _past_activity(actor, library, categories, row, index, partners, rng)
            participants += _attendance(actor, activity, rng, named=index % 2 == 0)
            activities += 1
        activities += _upcoming(actor, library, categories, rng)
    _contributions(accounts["admin"], recorders, libraries, partners)
    _village_funds(recorders, libraries)
    with translation.override("id"):
        stories = _stories(recorders, libraries)
    return {
        "activities": activities,
        "participants": participants,
        "partners": len(partners),
        "stories": stories,
    }


def _past_activity(actor, library, categories, row, index, partners, rng) -> Activity:
    code, title, target, funding, place, facilitators = row
    day = timezone.localdate() - datetime.timedelta(days=12 + index * 17 + rng.randrange(5))
    starts = _at(day, 14)
    fields = {
        "title": title,
        "category": categories[code],
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "place": place,
        "facilitators": facilitators,
        "target_group": target,
        "funding": funding,
        "status": Activity.Status.DONE,
        "outcomes": "Peserta antusias dan meminta kegiatan lanjutan.",
    }
    own = [partner for partner in partners.values() if partner.library_id == library.pk]
    involved = own[:1] if funding == "partner" else []
    return services.activity_create(actor=actor, library=library, fields=fields, partners=involved)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_default_timezone()
    )


def _attendance(actor, activity, rng, *, named: bool) -> int:
    """Named participants (members of the library and walk-ins), or counts."""
    if not named:
        counts = {}
        for _index in range(rng.randint(8, 16)):
            cell = (
                rng.choice(["female", "female", "male"]),
                rng.choice(AGE_GROUP_CODES[1:]),
                rng.choice(["", "", "no", "yes"]),
            )
            counts[cell] = counts.get(cell, 0) + rng.randint(1, 3)
        services.attendance_counts_set(actor=actor, activity=activity, counts=counts)
        return 0
    members = Member.objects.filter(library=activity.library, status=Member.Status.ACTIVE)
    chosen = list(members.order_by("number")[: rng.randint(3, 8)])
    for member in chosen:
        services.participant_add_member(actor=actor, activity=activity, number=member.number)
    walk_ins = rng.randint(2, 6)
    for _index in range(walk_ins):
        services.participant_add_person(
            actor=actor,
            activity=activity,
            gender=rng.choice(["female", "male"]),
            age_group=rng.choice(AGE_GROUP_CODES[1:]),
            disability=rng.choice(["", "no", "no", "yes"]),
        )
    return len(chosen) + walk_ins


def _upcoming(actor, library, categories, rng) -> int:
    """Coming public activities with places, and a few online registrations."""
    for index, (code, title, target, capacity, registrations) in enumerate(UPCOMING):
        starts = _at(timezone.localdate() + datetime.timedelta(days=5 + index * 9), 15)
        fields = {
            "title": title,
            "category": categories[code],
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "place": "Ruang baca",
            "target_group": target,
            "is_public": True,
            "capacity": capacity,
        }
        activity = services.activity_create(actor=actor, library=library, fields=fields)
        for number, (name, gender) in enumerate(rng.sample(REGISTRANTS, registrations)):
            services.registration_submit(
                activity=activity,
                name=name,
                phone=f"0812-55{number:02d}-{rng.randrange(10000):04d}",
                gender=gender,
                age_group=rng.choice(["13-18", "19-35", "36-59"]),
                client=f"demo-{library.code}-{index}-{number}",
            )
    return len(UPCOMING)


def _partners(admin, recorders, libraries) -> dict:
    partners = {}
    for code, name, kind, *_contribution in PARTNERS:
        if code is not None and code not in libraries:
            continue
        partners[name] = services.partner_create(
            actor=recorders.get(code, admin),
            library=libraries.get(code),
            fields={"name": name, "kind": kind, "mou_start": datetime.date(2025, 1, 1)},
        )
    return partners


def _contributions(admin, recorders, libraries, partners) -> None:
    today = timezone.localdate()
    for code, name, _kind, given, value, hours, description in PARTNERS:
        if name not in partners:
            continue
        fields = {
            "kind": given,
            "given_on": today - datetime.timedelta(days=30),
            "value_idr": value,
            "hours": hours,
            "description": description,
        }
        # The district's partner gave to the first demo library.
        library = libraries.get(code) or libraries[min(libraries)]
        services.contribution_create(
            actor=recorders.get(code, admin), partner=partners[name], library=library, fields=fields
        )


def _village_funds(recorders, libraries) -> None:
    this_year = timezone.localdate().year
    for code, amounts in VILLAGE_FUNDS.items():
        if code not in libraries:
            continue
        for offset, amount in enumerate(reversed(amounts)):
            services.village_fund_set(
                actor=recorders[code],
                library=libraries[code],
                year=this_year - offset,
                amount_idr=amount,
            )


def _stories(recorders, libraries) -> int:
    written = 0
    consent = str(policies.STORY_CONSENT_TEXT)
    for code, title, person, shown_as, changed, helped_by, theme, publish in STORIES:
        if code not in libraries:
            continue
        actor = recorders[code]
        story = services.story_create(
            actor=actor,
            library=libraries[code],
            fields={
                "title": title,
                "person_name": person,
                "shown_as": shown_as,
                "what_changed": changed,
                "helped_by": helped_by,
                "happened_on": timezone.localdate() - datetime.timedelta(days=20),
                "theme": theme,
            },
        )
        if publish:
            services.story_consent_record(
                actor=actor,
                story=story,
                given_on=timezone.localdate() - datetime.timedelta(days=18),
                given_by=person,
                statement=consent,
            )
            services.story_publish(actor=actor, story=story)
        written += 1
    return written
