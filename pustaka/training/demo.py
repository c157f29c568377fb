"""Demo trainings and mentoring: the four-day Bimtek of 13–16 November 2024
in Samarinda on the strategy of developing libraries with ICT, for 40 staff
from 20 libraries (two each), with its sessions, attendance (a few missed
days, so not everyone earns a certificate), test scores and the
participants' evaluation (paper forms typed in); then mentoring
visits to some libraries with action items done, in progress, open and
overdue. Written through the services and idempotent: an installation that
has the training keeps it."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from pustaka.libraries.models import Library
from pustaka.surveys import services as survey_services
from pustaka.training import services
from pustaka.training.models import ActionItem, Trainee, Training

CODE = "BIMTEK-TIK"
FIRST_DAY = datetime.date(2024, 11, 13)
MORNING = (datetime.time(8, 0), datetime.time(12, 0))
AFTERNOON = (datetime.time(13, 0), datetime.time(16, 0))

# day (0: the first), morning or afternoon, topic, speaker
SESSIONS = [
    (
        0,
        MORNING,
        "Arah transformasi perpustakaan berbasis inklusi sosial",
        "Perpustakaan Nasional RI",
    ),
    (0, AFTERNOON, "Strategi transformasi perpustakaan desa", "Perpustakaan Nasional RI"),
    (1, MORNING, "Advokasi untuk keberlanjutan perpustakaan", "Bappeda Kutai Kartanegara"),
    (1, AFTERNOON, "Praktik: rencana advokasi ke pemerintah desa dan mitra", "Fasilitator TPBIS"),
    (2, MORNING, "Sistem informasi manajemen perpustakaan", "Dinas Kearsipan dan Perpustakaan"),
    (2, AFTERNOON, "Praktik: katalog, anggota dan sirkulasi dengan Pustaka", "Tim Pustaka"),
    (3, MORNING, "Monitoring dan evaluasi layanan perpustakaan", "Fasilitator TPBIS"),
    (3, AFTERNOON, "Mengukur dampak layanan dan menulis cerita perubahan", "Fasilitator TPBIS"),
]

# The staff of the demo accounts take part under their own accounts.
ACCOUNT_TRAINEES = {"DS01": ["pengelola", "relawan"], "DS02": ["pengelola2"]}
NAMES = [
    "Hendra Saputra", "Rina Marlina", "Agus Salim", "Dewi Lestari", "Yusuf Maulana",
    "Sri Wahyuni", "Andi Pratama", "Nur Aisyah", "Rahmadi", "Fitriani",
    "Samsul Bahri", "Maria Ulfa", "Ilham Akbar", "Wulan Sari", "Jumadi",
    "Lina Marlina", "Eko Prasetyo", "Hasnah", "Taufik Hidayat", "Yuliana",
    "Ahmad Fauzi", "Kartini", "Supriadi", "Rosmini", "Darmawan",
    "Nurhayati", "Arif Rahman", "Siti Aminah", "Bambang Irawan", "Erna Wati",
    "Muhammad Ridwan", "Suryani", "Paulus Lung", "Hartini", "Irwansyah",
    "Ratna Dewi", "Syahrani",
]  # fmt: skip
# Trainees (by number) and the sessions (indexes of SESSIONS) they missed:
# a missed day (6 of 8) still earns a certificate at 75 %; two days do not.
MISSED = {
    4: {6, 7},
    9: {2, 3},
    15: {0},
    17: {4, 5},
    22: {2, 3, 4, 5},
    26: {7},
    29: {0, 1},
    31: {4, 5, 6, 7},
    35: {1, 2, 3},
    38: {0, 1, 2, 3},
}

# library code, days before today, mentor, findings, action items as
# (description, owner, due in days from today, status, done days before today)
VISITS = [
    (
        "DS01",
        120,
        "Rahmat Hidayat",
        "Katalog sudah mulai diisi di Pustaka (sekitar 300 judul). Pengunjung belum "
        "dicatat setiap hari. Kepala desa mendukung, tetapi anggaran 2025 belum ada.",
        [
            ("Memasukkan seluruh koleksi ke katalog Pustaka", "Pengelola", -30, "done", 40),
            ("Mencatat pengunjung setiap hari di buku tamu", "Relawan", -60, "done", 70),
            (
                "Mengajukan anggaran perpustakaan dalam musyawarah desa",
                "Pengelola",
                45,
                "in_progress",
                None,
            ),
        ],
    ),
    (
        "DS02",
        100,
        "Rahmat Hidayat",
        "Kelas komputer berjalan, tetapi peserta belum dicatat. Belum ada mitra tetap.",
        [
            ("Mencatat peserta kelas komputer per kegiatan", "Pengelola", -20, "open", None),
            ("Menjajaki kerja sama dengan BUMDes", "Pengelola", 30, "open", None),
        ],
    ),
    (
        "DS05",
        80,
        "Nurul Aini",
        "Perpustakaan aktif dengan kegiatan anak. Data anggota masih di buku tulis.",
        [
            ("Mendaftarkan anggota ke Pustaka", "Relawan", -10, "in_progress", None),
            ("Menulis dua cerita perubahan dari peserta kegiatan", "Pengelola", 20, "open", None),
        ],
    ),
    (
        "KL01",
        60,
        "Nurul Aini",
        "Layanan internet ramai dipakai pelajar. Jadwal buka belum diumumkan.",
        [
            ("Mengumumkan jadwal buka di papan kelurahan", "Pengelola", -40, "done", 45),
            (
                "Menyusun rencana kegiatan literasi digital tiga bulan",
                "Pengelola",
                15,
                "open",
                None,
            ),
        ],
    ),
    (
        "TB01",
        30,
        "Rahmat Hidayat",
        "Taman baca buka hari Minggu. Relawan baru perlu pelatihan sirkulasi.",
        [("Melatih dua relawan baru di meja sirkulasi", "Pengelola", 10, "open", None)],
    ),
]


def demo_load() -> dict:
    """Write the demo training and mentoring once, when the training is not there."""
    empty = {
        "trainings": 0,
        "trainees": 0,
        "evaluations answered": 0,
        "mentoring visits": 0,
        "action items": 0,
    }
    accounts = {user.username: user for user in get_user_model().objects.all()}
    libraries = list(
        Library.objects.filter(deleted_at__isnull=True)
        .exclude(kind=Library.Kind.DISTRICT)
        .order_by("code")[:20]
    )
    if Training.objects.filter(code=CODE).exists() or "admin" not in accounts or not libraries:
        return empty
    admin = accounts["admin"]
    training = _training(admin)
    sessions = [_session(admin, training, *row) for row in SESSIONS]
    trainees = _trainees(admin, training, libraries, accounts)
    _attendance(admin, sessions, trainees)
    _scores(admin, training, trainees)
    answered = _evaluation(admin, training, trainees)
    visits, items = _mentoring(admin, training, accounts)
    return {
        "trainings": 1,
        "trainees": len(trainees),
        "evaluations answered": answered,
        "mentoring visits": visits,
        "action items": items,
    }


def _training(admin) -> Training:
    return services.training_create(
        actor=admin,
        code=CODE,
        title="Bimbingan Teknis Strategi Pengembangan Perpustakaan Berbasis TIK",
        theme="Transformasi perpustakaan berbasis inklusi sosial",
        organiser="Dinas Kearsipan dan Perpustakaan Kabupaten Kutai Kartanegara",
        venue="Samarinda",
        starts_on=FIRST_DAY,
        ends_on=FIRST_DAY + datetime.timedelta(days=3),
        description="Empat hari bagi pengelola dan relawan dari 20 perpustakaan desa, "
        "kelurahan dan taman baca: strategi transformasi perpustakaan, advokasi untuk "
        "keberlanjutan, sistem informasi manajemen, monitoring, evaluasi dan dampak.",
        minimum_attendance=75,
    )


def _session(admin, training, day, times, topic, speaker):
    return services.session_create(
        actor=admin,
        training=training,
        date=FIRST_DAY + datetime.timedelta(days=day),
        starts_at=times[0],
        ends_at=times[1],
        topic=topic,
        speaker=speaker,
    )


def _trainees(admin, training, libraries, accounts) -> list[Trainee]:
    """Two from each library: its manager and a volunteer (at every fifth
    library a village official instead), under their accounts where the demo
    has them."""
    names = iter(NAMES)
    trainees = []
    for position, library in enumerate(libraries):
        usernames = ACCOUNT_TRAINEES.get(library.code, [])
        second = Trainee.Role.VILLAGE_OFFICIAL if position % 5 == 4 else Trainee.Role.VOLUNTEER
        for place, role in enumerate([Trainee.Role.MANAGER, second]):
            user = accounts.get(usernames[place]) if place < len(usernames) else None
            trainees.append(
                services.trainee_add(
                    actor=admin,
                    training=training,
                    library=library,
                    role=role,
                    user=user,
                    name="" if user else next(names),
                )
            )
    return trainees


def _attendance(admin, sessions, trainees) -> None:
    for index, session in enumerate(sessions):
        present = [
            trainee.pk for trainee in trainees if index not in MISSED.get(trainee.number, ())
        ]
        services.session_attendance_record(actor=admin, session=session, present=present)


def _scores(admin, training, trainees) -> None:
    """Pre-test scores between 40 and 70 and a gain of 12 to 30; no post-test
    for those who missed the last day."""
    scores = {}
    for trainee in trainees:
        pre = 40 + (trainee.number * 7) % 31
        post = min(100, pre + 12 + (trainee.number * 5) % 19)
        missed_last_day = {6, 7} <= MISSED.get(trainee.number, set())
        scores[trainee.pk] = (pre, None if missed_last_day else post)
    services.training_scores_record(actor=admin, training=training, scores=scores)


# What the paper evaluation forms said, in turn: the most useful session,
# what they will do first, what should be improved.
EVALUATION_TEXTS = [
    ("Sistem informasi manajemen", "Memasukkan koleksi ke katalog Pustaka", "Waktu praktik lebih"),
    ("Advokasi", "Menemui kepala desa tentang anggaran perpustakaan", ""),
    ("Strategi transformasi", "Menyusun rencana kegiatan bersama relawan", "Materi dibagikan"),
    ("Monitoring dan evaluasi", "Mencatat pengunjung setiap hari", ""),
]  # fmt: skip


def _evaluation(admin, training, trainees) -> int:
    """The participants' evaluation: the survey made from its template, the
    paper forms of those there on the last day typed in, then closed."""
    survey = services.training_evaluation_create(actor=admin, training=training)
    survey_services.survey_open(actor=admin, survey=survey)
    questions = list(survey.questions.filter(deleted_at__isnull=True).order_by("position"))
    scales = [question for question in questions if question.code]
    texts = [question for question in questions if not question.code]
    answered = 0
    for trainee in trainees:
        if {6, 7} <= MISSED.get(trainee.number, set()):
            continue
        answers = {
            question.pk: 3 + (trainee.number + place) % 3 for place, question in enumerate(scales)
        }
        said = EVALUATION_TEXTS[trainee.number % len(EVALUATION_TEXTS)]
        answers.update({q.pk: text for q, text in zip(texts, said, strict=True) if text})
        survey_services.response_submit(survey=survey, answers=answers, actor=admin)
        answered += 1
    survey_services.survey_close(actor=admin, survey=survey)
    return answered


def _mentoring(admin, training, accounts) -> tuple[int, int]:
    """The visits after the training, with their action items moved on by
    the library's manager where the demo has one (else by the office)."""
    today = timezone.localdate()
    libraries = {library.code: library for library in Library.objects.all()}
    managers = {"DS01": accounts.get("pengelola"), "DS02": accounts.get("pengelola2")}
    visits = items = 0
    for code, days_ago, mentor, findings, actions in VISITS:
        if code not in libraries:
            continue
        visit = services.mentoring_visit_create(
            actor=admin,
            library=libraries[code],
            visited_on=today - datetime.timedelta(days=days_ago),
            mentor_name=mentor,
            training=training,
            findings=findings,
        )
        visits += 1
        for description, owner, due_in, status, done_ago in actions:
            item = services.action_item_create(
                actor=admin,
                visit=visit,
                description=description,
                owner=owner,
                due_on=today + datetime.timedelta(days=due_in),
            )
            items += 1
            if status != ActionItem.Status.OPEN:
                services.action_item_set_status(
                    actor=managers.get(code) or admin,
                    item=item,
                    status=status,
                    done_on=today - datetime.timedelta(days=done_ago) if done_ago else None,
                )
    return visits, items
