"""The kinds of books a village library holds, each as a function that draws
a title from templates and gives the class, subjects and audience that go
with it: folk tales, picture books, religion, farming and fishing, health,
small business, computing, fiction, school books, local history; the
English ones are in ``english``."""

import random
from itertools import accumulate

from pustaka.catalog.demo_data.english import english_children, english_fiction, english_nonfiction
from pustaka.catalog.demo_data.templates import draft, fill, heading, recent_year
from pustaka.catalog.demo_data.words import (
    AGRI_ACTIVITIES,
    AGRI_METHODS,
    COMMODITIES,
    CULTURE,
    HEALTH_TOPICS,
    INDONESIA_PERIODS,
    ISLAM_WORSHIP,
    KALTIM_LOCALES,
    KECAMATAN,
    MAGAZINES,
    MONTHS,
    PRODUCT_CLASSES,
    PRODUCTS,
    SCHOOL_SUBJECTS,
    SOFTWARE,
)

FOLK_TALES = (
    ("{animal} yang {trait} dari {locale}", 4), ("{animal} dan {animal2} di {locale}", 3),
    ("Kisah {animal} yang {trait} dan {animal2}", 2), ("Legenda {legend}", 0.2),
    ("Asal Usul Desa {village}", 0.2),
)  # fmt: skip


def folk_tale(rng):
    title, words = fill(rng, FOLK_TALES)
    kaltim = words.get("locale", "Kalimantan Timur") in KALTIM_LOCALES
    subject = "Cerita rakyat -- Kalimantan Timur" if kaltim else "Cerita rakyat -- Indonesia"
    return draft(
        title, "398.2095983" if kaltim else "398.209598", [subject, "Dongeng"],
        rng.choice(("children", "children", "general")), "children", authors="picture",
        material_type="picture_book" if rng.random() < 0.4 else "book",
        subtitle=rng.choice(("", "", "cerita rakyat Kalimantan Timur", "dongeng Nusantara")),
        series=rng.choice(("", "", "Seri Cerita Rakyat Nusantara")),
        summary=f"Cerita tentang {words['animal'].lower()} yang mengajarkan sifat "
        f"{words['trait'].lower()} kepada anak-anak di {words['locale']}.",
    )  # fmt: skip


PICTURE_BOOKS = (
    ("{child} Belajar {skill} di {cplace}", 3), ("{child} dan {animal} yang {trait}", 3),
    ("{child} dan {child2} Pergi ke {cplace}", 2), ("{child} dan {child2} Belajar {skill}", 1),
    ("Hari Pertama {child} di {cplace}", 0.5),
)  # fmt: skip


def picture_book(rng):
    title, words = fill(rng, PICTURE_BOOKS)
    return draft(
        title, "899.2213", ["Cerita anak", rng.choice(("Buku bergambar", "Pendidikan karakter"))],
        "children", "children", material_type="picture_book", authors="picture",
        series=rng.choice(("", "", "Seri Aku Bisa", "Seri Bacaan Literasi", "Seri Anak Mahakam")),
        summary=f"{words['child']} belajar {words['skill'].lower()} bersama teman-temannya.",
    )  # fmt: skip


ISLAM = (
    ("Tuntunan {worship} {istyle} untuk {group}", 2),
    ("{n} Tanya Jawab Seputar {worship} bagi {group} di {locale}", 3),
    ("Hikmah {worship} dalam Kehidupan {group} di {locale}", 2),
    ("{n} Kisah Teladan {prophet} untuk {group}", 2),
    ("Tadabbur Surah {surah}: {n} Pelajaran untuk {group}", 1), ("Fikih {worship} {istyle}", 0.3),
    ("Belajar Membaca Al-Quran Metode {qmethod} Jilid {volume}", 0.3),
)  # fmt: skip


def islam(rng):
    worship, ddc, subject = rng.choice(ISLAM_WORSHIP)
    title, words = fill(rng, ISLAM, worship=worship, volume=str(rng.randint(1, 6)))
    subjects, topic = [subject, "Ibadah"], worship.lower()
    if "prophet" in words:
        ddc, subjects, topic = "297.246", ["Nabi -- Kisah", "Akhlak"], f"kisah {words['prophet']}"
    elif "surah" in words:
        ddc, subjects, topic = "297.1227", ["Al-Quran -- Tafsir"], f"Surah {words['surah']}"
    elif "qmethod" in words:
        ddc, subjects, topic = "297.1226", ["Al-Quran -- Pelajaran membaca"], "membaca Al-Quran"
    audience = "children" if "Anak" in title else rng.choice(("general", "adults"))
    return draft(
        title, ddc, subjects, audience, "islam", honorifics="islam",
        summary=f"Membahas {topic} dan akhlak sehari-hari bagi {words['group'].lower()}.",
    )  # fmt: skip


CHRISTIAN = (
    ("Renungan Harian {group} Tahun {year}", 2), ("Kisah {bible} untuk {group}", 1),
    ("{n} Renungan tentang {virtue} bagi {group}", 2),
    ("Bertumbuh dalam {virtue} bersama {group} di {locale}", 2),
)  # fmt: skip


def christian(rng):
    virtue = rng.choice(("Iman", "Kasih", "Doa", "Pengharapan"))
    year = recent_year(rng)
    title, words = fill(rng, CHRISTIAN, virtue=virtue, year=str(year))
    ddc, subject = ("220.9505", "Cerita Alkitab") if "bible" in words else ("242.2", "Renungan")
    year = year if "Tahun" in title else None
    return draft(title, ddc, [subject, "Kehidupan Kristen"], "general", "christian", year=year)


AGRICULTURE = (
    ("{activity} {commodity} {method}", 1), ("{activity} {commodity} {method} {gmethod}", 3),
    ("{n} Jurus Sukses {activity} {commodity} di {locale}", 2),
    ("Pengalaman {group} {activity} {commodity} di {locale}", 2),
    ("Untung Besar dari {commodity} {method}", 0.5),
)  # fmt: skip
AGRI_TOPICS = {
    "crop": ("Pertanian", "Pupuk organik"),
    "fish": ("Perikanan", "Budidaya ikan"),
    "stock": ("Peternakan", "Pakan ternak"),
}


def agriculture(rng):
    name, ddc, subject, kind = rng.choice(COMMODITIES)
    activity = rng.choice(AGRI_ACTIVITIES[kind])
    method = rng.choice(AGRI_METHODS[kind])
    title, _words = fill(rng, AGRICULTURE, commodity=name, activity=activity, method=method)
    topic, extra = AGRI_TOPICS[kind]
    other = rng.choice(COMMODITIES)[0]
    return draft(
        title, ddc, [subject, topic] + ([extra] if rng.random() < 0.3 else []), "adults", "agri",
        series=rng.choice(("", "", "", "Seri Petani Mandiri", "Seri Agribisnis")),
        honorifics="agri",
        summary=f"Panduan {activity.lower()} {name.lower()} mulai dari persiapan hingga panen, "
        f"termasuk pengendalian hama dan peluang usaha {other.lower()}.",
    )  # fmt: skip


HEALTH = (
    ("{topic} untuk {hgroup}", 0.5), ("{n} Tips {topic} untuk {hgroup} di {locale}", 3),
    ("{n} Cara Mencegah {disease} pada {hgroup}", 1.5),
    ("Mencegah {disease} di {locale}: Panduan untuk {hgroup}", 2),
    ("{topic} di Desa {village} Kecamatan {kecamatan}", 1),
)  # fmt: skip


def health(rng):
    topic, ddc, subject = rng.choice(HEALTH_TOPICS)
    title, words = fill(rng, HEALTH, topic=topic)
    disease = words["disease"]
    if "Mencegah " + disease in title:
        ddc, subject = "614.5", f"{heading(disease)} -- Pencegahan"
    subjects = [subject, rng.choice(("Gizi anak", "Kesehatan ibu dan anak", "Kesehatan keluarga"))]
    return draft(
        title, ddc, subjects, "adults", "health", honorifics="health",
        series=rng.choice(("", "", "Seri Kesehatan Keluarga")),
        summary=f"Berisi informasi {topic.lower()} dan pencegahan {disease.lower()} "
        f"untuk {words['hgroup'].lower()}, disertai menu sehat dan panduan posyandu.",
    )  # fmt: skip


BUSINESS = (
    ("Peluang Usaha {product} {bqual} di {locale}", 2),
    ("Jualan {product} Lewat {platform} untuk {group}", 2),
    ("Menjahit {garment} {sewqual} untuk {group}", 1),
    ("Kerajinan {material} {bqual} dari {locale}", 1.5), ("{n} Resep {food} {bqual}", 1),
    ("Mengelola Keuangan Usaha {product} untuk {group}", 1),
    ("{n} Kisah Sukses UMKM {product} dari {locale}", 1.5),
)  # fmt: skip
BUSINESS_CLASSES = (
    ("Lewat", "658.872", ["Pemasaran digital", "Usaha kecil dan menengah"]),
    ("Menjahit", "646.4", ["Menjahit", "Busana"]),
    ("Kerajinan", "745.5", ["Kerajinan tangan"]),
    ("Resep", PRODUCT_CLASSES["food"], ["Pengolahan pangan", "Usaha kecil dan menengah"]),
    ("Keuangan", "658.15", ["Manajemen keuangan", "Usaha kecil dan menengah"]),
)


def business(rng):
    product, _kind = rng.choice(PRODUCTS)
    title, words = fill(rng, BUSINESS, product=product)
    ddc, subjects = "338.642", ["Kewirausahaan", "Usaha kecil dan menengah"]
    for word, word_ddc, word_subjects in BUSINESS_CLASSES:
        if f" {word} " in f" {title} ":
            ddc, subjects = word_ddc, word_subjects
            break
    return draft(
        title, ddc, subjects, "adults", "business", honorifics="academic",
        series=rng.choice(("", "", "", "Seri UMKM Naik Kelas", "Seri Keterampilan Desa")),
        summary=f"Langkah praktis memulai usaha {words.get('food', product).lower()} "
        "dan memasarkannya secara digital.",
    )  # fmt: skip


COMPUTING = (
    ("Belajar {software} untuk {group}", 1), ("Mahir {software} dalam {days} Hari", 0.5),
    ("Modul Pelatihan {software} bagi {group} Desa {village}", 3),
    ("{n} Trik {software} untuk {artifact}", 2),
    ("Membuat {artifact} dengan {software} untuk {group}", 2),
)  # fmt: skip


def computing(rng):
    software, ddc = rng.choice(SOFTWARE)
    days = str(rng.choice((3, 7, 14, 21, 30)))
    title, _words = fill(rng, COMPUTING, software=software, days=days)
    return draft(
        title, ddc, ["Perangkat lunak", rng.choice(("Komputer", "Literasi digital"))],
        rng.choice(("adults", "teens")), "computing", honorifics="academic",
    )  # fmt: skip


FICTION = (
    ("{noun} di {setting}", 1), ("{noun} {fadj} di {setting}", 3),
    ("{noun} dan {noun2} di {setting}", 3), ("{noun} Bulan {month}", 0.5),
    ("Surat untuk {child} dari {setting}", 1), ("{child} dan {noun} {fadj}", 2),
    ("{noun} {fadj} untuk {child}", 1.5),
)  # fmt: skip
FICTION_FORMS = {
    "novel": ("899.2213", "Fiksi Indonesia", ("", "", "sebuah novel")),
    "cerpen": ("899.2213", "Cerita pendek Indonesia", ("kumpulan cerpen",)),
    "puisi": ("899.2211", "Puisi Indonesia", ("kumpulan puisi",)),
}


def fiction(rng):
    title, words = fill(rng, FICTION)
    form = rng.choices(("novel", "cerpen", "puisi"), (6, 3, 1))[0]
    ddc, subject, subtitles = FICTION_FORMS[form]
    return draft(
        title, ddc, [subject], rng.choice(("adults", "teens", "general")), "fiction",
        subtitle=rng.choice(subtitles), authors="fiction",
        summary=f"Kisah tentang {words['noun'].lower()}, kenangan, dan harapan "
        f"di {words['setting']}.",
    )  # fmt: skip


SCHOOL = (
    ("Belajar {subject} untuk {level} Kelas {grade} Semester {semester}", 1),
    ("{sseries} {subject} untuk {level} Kelas {grade}", 1),
    ("{n} Soal {subject} {level} Kelas {grade} dan Pembahasannya", 2),
    ("Bank Soal {subject} {level} Kelas {grade} Edisi {year}", 2),
    ("Detik-Detik Ujian {subject} {level} Tahun Pelajaran {school_year}", 2),
    ("Tema {theme_no}: {stheme} untuk {level} Kelas {grade}", 1),
    ("Ensiklopedia {etopic} Jilid {volume}", 0.5),
)  # fmt: skip


def school(rng):
    subject, primary_ddc, secondary_ddc = rng.choice(SCHOOL_SUBJECTS)
    grade = rng.randint(1, 12)
    year = recent_year(rng)
    level = "SD/MI" if grade <= 6 else ("SMP/MTs" if grade <= 9 else "SMA/MA")
    title, words = fill(
        rng, SCHOOL, subject=subject, level=level, grade=str(grade), year=str(year),
        school_year=f"{year}/{year + 1}", semester=str(rng.randint(1, 2)),
        theme_no=str(rng.randint(1, 9)), volume=str(rng.randint(1, 12)),
    )  # fmt: skip
    ddc = primary_ddc if grade <= 6 else secondary_ddc
    subjects = [f"{subject} -- Studi dan pengajaran", "Buku pelajaran"]
    if "etopic" in words:
        ddc, subjects = "031", ["Ensiklopedia anak"]
    return draft(
        title, ddc, subjects, "children" if grade <= 6 else "teens", "school",
        authors="textbook", honorifics="academic", year=year if str(year) in title else None,
    )  # fmt: skip


LOCAL = (
    ("{culture} {cqual}", 0.5), ("{culture} {cqual} di {locale}", 1.5),
    ("{culture} dan {culture2} di {locale}", 2), ("Sejarah {history} {cqual}", 0.3),
    ("{kind} Desa {village} Kecamatan {kecamatan} Tahun {year}", 2),
    ("Jejak {period} di {locale}", 0.5),
)  # fmt: skip


def local(rng):
    culture, culture_ddc, culture_subject = rng.choice(CULTURE)
    period, period_ddc = rng.choice(INDONESIA_PERIODS)
    kind = rng.choice(("Sejarah", "Profil", "Potensi", "Cerita dari"))
    year = recent_year(rng)
    title, words = fill(rng, LOCAL, culture=culture, period=period, kind=kind, year=str(year))
    if "village" in words:
        ddc, subjects = "959.83", [f"{words['village']} (Kutai Kartanegara) -- Sejarah"]
    elif "history" in words:
        ddc, subjects = "959.83", ["Kutai Kartanegara -- Sejarah", "Kalimantan Timur -- Sejarah"]
    elif title.startswith("Jejak"):
        ddc, subjects = period_ddc, ["Indonesia -- Sejarah", "Kalimantan Timur -- Sejarah"]
    else:
        ddc, subjects = culture_ddc, [culture_subject, "Kutai Kartanegara -- Kebudayaan"]
    return draft(
        title, ddc, subjects, "general", "local", honorifics="academic",
        year=year if "Tahun" in title else None,
        summary=f"Mengenal sejarah dan budaya {rng.choice(KECAMATAN)} serta kearifan lokal "
        f"masyarakat Kutai dan Dayak, termasuk {culture.lower()}.",
    )  # fmt: skip


JAVANESE = (("{form} {wayang} lan {wayang2} ing {locale}", 2), ("{form} {wayang} lan {animal}", 1))
BANJARESE = (("{form} {banjar} di {locale}", 2), ("{form} {banjar} wan {animal} {origin}", 1))


def regional(rng):
    if rng.random() < 0.6:
        form = rng.choice(("Crita Wayang", "Geguritan", "Cerkak"))
        title, _words = fill(rng, JAVANESE, form=form)
        return draft(
            title, "899.222", ["Kesusastraan Jawa"], "general", "javanese",
            language="jav", authors="fiction",
        )  # fmt: skip
    form = rng.choice(("Kisah", "Madihin", "Pantun"))
    origin = rng.choice(("Bahari", "Banjar", "Urang Banua"))
    title, _words = fill(rng, BANJARESE, form=form, origin=origin)
    return draft(
        title, "398.2095983", ["Cerita rakyat -- Banjar"], "general", "banjarese",
        language="bjn", authors="fiction",
    )  # fmt: skip


def magazine(rng):
    name, ddc, subject, audience = rng.choice(MAGAZINES)
    year = recent_year(rng)
    title = f"{name} Edisi {rng.randint(1, 720)}, {rng.choice(MONTHS)} {year}"
    language = "jav" if name == "Panjebar Semangat" else "ind"
    return draft(
        title, ddc, [subject], audience, f"magazine:{name}",
        material_type="magazine", authors="none", language=language, year=year,
    )  # fmt: skip


MAP_AREAS = (
    "Kabupaten Kutai Kartanegara", "Provinsi Kalimantan Timur", "Pulau Kalimantan", "Indonesia",
    *(f"Kecamatan {name}" for name in KECAMATAN),
)  # fmt: skip


def map_sheet(rng):
    area = rng.choice(MAP_AREAS)
    year = recent_year(rng)
    title = f"{rng.choice(('Peta', 'Peta Wisata', 'Atlas'))} {area} {year}"
    return draft(
        title, "912.5983", [f"{area} -- Peta"], "general", "map",
        material_type="map", authors="none", year=year,
    )  # fmt: skip


THEMES = (
    (folk_tale, 8), (picture_book, 10), (islam, 9), (christian, 2), (agriculture, 11),
    (health, 7), (business, 9), (computing, 3), (fiction, 12), (school, 7), (local, 6),
    (regional, 2), (magazine, 2), (map_sheet, 0.5), (english_children, 4),
    (english_fiction, 6), (english_nonfiction, 5),
)  # fmt: skip
THEME_FUNCTIONS = [theme for theme, _weight in THEMES]
THEME_CUM_WEIGHTS = list(accumulate(weight for _theme, weight in THEMES))


def draw_theme(rng: random.Random) -> dict:
    """A draft record of a kind drawn in proportion to a village collection."""
    return rng.choices(THEME_FUNCTIONS, cum_weights=THEME_CUM_WEIGHTS)[0](rng)
