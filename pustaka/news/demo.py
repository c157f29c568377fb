"""Demo news: a district-wide post from the office and a few posts of some
libraries, written by their staff, with comments approved and waiting.
Written through the services (change log, moderation) and idempotent: an
installation that has news keeps it."""

from django.contrib.auth import get_user_model

from pustaka.libraries.models import Library
from pustaka.news import services
from pustaka.news.models import Post

# library code (None: the whole district), author, title, text, published
POSTS = [
    (
        None,
        "admin",
        "Lomba bercerita anak tingkat kabupaten",
        "Dinas Kearsipan dan Perpustakaan mengundang anak usia 8 sampai 12 tahun dari "
        "semua desa untuk ikut lomba bercerita.\n\nPendaftaran dibuka di perpustakaan "
        "desa masing-masing sampai akhir bulan.",
        True,
    ),
    (
        "DS01",
        "pengelola",
        "Pelatihan budidaya ikan lele bersama penyuluh",
        "Sabtu ini perpustakaan desa mengadakan pelatihan budidaya lele di kolam terpal "
        "bersama penyuluh perikanan kecamatan.\n\nBuku-buku tentang perikanan bisa "
        "dipinjam setelah acara.",
        True,
    ),
    (
        "DS01",
        "relawan",
        "Buku baru untuk pojok baca anak",
        "Perpustakaan menerima kiriman 120 buku cerita anak dari dinas. Ayo ajak "
        "anak-anak membaca bersama setiap sore.",
        True,
    ),
    (
        "DS01",
        "pengelola",
        "Jadwal layanan selama bulan puasa",
        "Selama bulan puasa perpustakaan buka pukul 09.00 sampai 14.00.",
        False,
    ),
    (
        "DS02",
        "pengelola2",
        "Kelas komputer untuk ibu-ibu PKK",
        "Setiap Kamis sore ada kelas komputer dasar: mengetik, surat-menyurat dan "
        "mencari informasi di internet.",
        True,
    ),
    (
        "TB01",
        "admin",
        "Taman baca kini buka hari Minggu",
        "Mulai bulan ini Taman Baca Makarti buka setiap Minggu pagi untuk keluarga.",
        True,
    ),
]
# post title, commenter, text, approved
COMMENTS = [
    (
        "Pelatihan budidaya ikan lele bersama penyuluh",
        "Pak Rusdi",
        "Terima kasih, sangat bermanfaat. Kapan ada pelatihan lagi?",
        True,
    ),
    (
        "Buku baru untuk pojok baca anak",
        "Ibu Salmah",
        "Anak saya senang sekali dengan buku-buku barunya.",
        True,
    ),
    ("Buku baru untuk pojok baca anak", "Rina", "Apakah ada buku bergambar untuk balita?", False),
]


def demo_load() -> dict:
    """Write the demo news once, when there is none yet."""
    accounts = {user.username: user for user in get_user_model().objects.all()}
    libraries = {library.code: library for library in Library.objects.all()}
    if Post.objects.exists() or "admin" not in accounts:
        return {"news posts": 0, "comments": 0}
    posts = {}
    for code, author, title, text, publish in POSTS:
        if code is not None and code not in libraries:
            continue
        posts[title] = services.post_create(
            actor=accounts.get(author, accounts["admin"]),
            library=libraries.get(code),
            title=title,
            text=text,
            publish=publish,
        )
    comments = 0
    for number, (title, name, text, approved) in enumerate(COMMENTS):
        if title not in posts:
            continue
        comment = services.comment_submit(
            post=posts[title], name=name, text=text, client=f"demo-{number}"
        )
        comments += 1
        if approved:
            services.comment_moderate(
                actor=accounts["admin"], comment=comment, decision=comment.Status.APPROVED
            )
    return {"news posts": len(posts), "comments": comments}
