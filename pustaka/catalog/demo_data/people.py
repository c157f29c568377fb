"""Names of authors and publishers for the demo catalogue: Javanese, Banjar,
Kutai, Dayak, Bugis and Batak names, English names, Indonesian publishers."""


def words_of(text: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split("|"))


JAVANESE_SINGLE = words_of(
    "Sutarno|Sumarno|Wagiman|Sukirman|Suparman|Sugiyono|Sumiati|Suratmi|Slamet|Sunarto|"
    "Mulyono|Karsono|Suwarni|Tukiman|Parjiyo|Sarmini|Kasiyem|Rusmanto|Hadisiswoyo"
)
JAVANESE_FIRST = words_of(
    "Agus|Bambang|Budi|Dwi|Eko|Endang|Heru|Joko|Sri|Tri|Wahyu|Yuli|Adi|Dewi|Ratna|Rina|Sigit|"
    "Teguh|Wulan|Yanti|Hadi|Puji|Setyo|Anik|Nur|Bayu|Dian|Fajar|Galih|Indah|Retno|Ayu|Dimas|"
    "Putri|Rizki|Tutik|Asih|Ari|Lilik|Bagus"
)
JAVANESE_LAST = words_of(
    "Santoso|Susanto|Wibowo|Prasetyo|Hartono|Wahyuni|Lestari|Setiawan|Purnomo|Kurniawan|"
    "Suryadi|Hidayat|Nugroho|Utomo|Handayani|Rahayu|Susilo|Sulistyowati|Widodo|Saputra|"
    "Wijaya|Pratama|Astuti|Rahmawati|Yulianti|Hartati|Kusumawati|Priyanto|Sutrisno|Haryanto"
)
BANJAR_KUTAI_FIRST = words_of(
    "Muhammad|Ahmad|Abdul|Siti|Noor|Rahmat|Husin|Hairani|Jumiati|Rusdi|Aminah|Saidah|Fauziah|"
    "Syahrani|Mahmud|Arbain|Irwan|Fitriani|Nurul|Awang|Dayang|Edi|Yusuf|Rita"
)
BANJAR_KUTAI_LAST = words_of(
    "Rahman|Hadi|Fauzi|Rusdiansyah|Syahrani|Noor|Effendi|Mansyur|Jailani|Hamdani|Arsyad|"
    "Rifani|Damansyah|Maulana|Ramadhan|Yusran|Marwan|Rasyid|Hasanuddin|Aidil Fitri|"
    "Misransyah|Jumransyah|Ardiansyah|Widyasari"
)
DAYAK_FIRST = words_of(
    "Yohanes|Markus|Paulus|Petrus|Lukas|Antonius|Fransiskus|Yosef|Maria|Agustina|Theresia|"
    "Elisabeth|Martinus|Stefanus|Yakobus|Kristina|Veronika|Yulius|Herculanus|Ignasius"
)
DAYAK_LAST = words_of(
    "Lejau|Ajang|Bilung|Ipong|Luhat|Jalung|Anyeq|Ngau|Usat|Lawing|Ingan|Tingang|Lahang|"
    "Belareq|Hanyeq|Lencau|Igau|Apui|Udau|Bayau|Lalung|Huvat"
)
BUGIS_FIRST = words_of(
    "Syamsuddin|Baso|Haruna|Sitti|Nurhayati|Rusli|Jusman|Syahrir|Ambo|Hasnah|Rahmatiah|"
    "Mappiare|Abdullah|Ridwan|Hamzah"
)
BUGIS_LAST = words_of(
    "Mattalitti|Latief|Pawelloi|Rahim|Amir|Tahir|Palallo|Mangkona|Lallo|Sikki|Tjoneng|"
    "Pananrangi|Mappasessu|Daming|Tappa"
)
BATAK_FIRST = words_of(
    "Tiurma|Hotman|Martua|Sahat|Roslina|Ruth|Dorkas|Hotmaida|Parlindungan|Togar|Lamhot|"
    "Poltak|Rosmawati|Imelda|Jonner|Benny|Daniel|Ester|Melva|Rinaldi"
)
BATAK_MARGA = words_of(
    "Siregar|Nasution|Simanjuntak|Hutapea|Sitompul|Harahap|Lubis|Tampubolon|Sinaga|Panjaitan|"
    "Simatupang|Situmorang|Pardede|Manurung|Sihombing|Hutagalung|Ginting|Tarigan|Sembiring|"
    "Silalahi|Pasaribu|Napitupulu|Sitorus|Damanik|Saragih|Purba"
)
ENGLISH_FIRST = words_of(
    "John|Mary|David|Sarah|James|Emma|Michael|Laura|Peter|Anna|Robert|Helen|William|Julia|"
    "Thomas|Kate|Richard|Jane|Daniel|Lucy|Mark|Alice|George|Claire|Paul|Rachel|Andrew|Sophie"
)
ENGLISH_LAST = words_of(
    "Smith|Johnson|Brown|Taylor|Wilson|Davies|Evans|Roberts|Walker|Wright|Thompson|White|"
    "Green|Hall|Wood|Clarke|Jackson|Hughes|Edwards|Turner|Hill|Moore|Cooper|Ward|Morris|King|"
    "Baker|Harris|Lewis|Carter|Mitchell|Parker|Bennett|Fletcher|Grant|Russell"
)
PREFIX_TITLES = {
    "islam": words_of("H.|Hj.|K.H.|Ustadz|Dr. H."),
    "health": words_of("dr.|dr.|Dr."),
    "agri": words_of("Ir.|Ir.|Dr. Ir."),
    "academic": words_of("Dr.|Prof. Dr.|Drs.|Dra."),
}
SUFFIX_TITLES = {
    "islam": words_of("S.Ag.|Lc.|M.Ag.|S.Pd.I."),
    "health": words_of("S.K.M.|M.Kes.|S.Kep., Ns.|Sp.A."),
    "agri": words_of("S.P.|S.Pi.|M.P.|M.Si."),
    "academic": words_of("S.Pd.|M.Pd.|S.E., M.M.|S.Kom.|M.Si.|S.S.|S.Sos."),
}

# (publisher, place) by kind of book
PUBLISHERS = {
    "general": (
        ("Gramedia Pustaka Utama", "Jakarta"), ("Balai Pustaka", "Jakarta"),
        ("Deepublish", "Yogyakarta"), ("Grasindo", "Jakarta"), ("Bhuana Ilmu Populer", "Jakarta"),
        ("Kanisius", "Yogyakarta"), ("Andi", "Yogyakarta"), ("Pustaka Pelajar", "Yogyakarta"),
    ),
    "children": (
        ("Bhuana Ilmu Populer", "Jakarta"), ("Elex Media Komputindo", "Jakarta"),
        ("Kanisius", "Yogyakarta"), ("Badan Pengembangan dan Pembinaan Bahasa", "Jakarta"),
        ("Dar! Mizan", "Bandung"), ("Tiga Ananda", "Surakarta"), ("Litara", "Bandung"),
        ("Kantor Bahasa Provinsi Kalimantan Timur", "Samarinda"),
    ),
    "islam": (
        ("Gema Insani", "Depok"), ("Pustaka Al-Kautsar", "Jakarta"), ("Mizan", "Bandung"),
        ("Republika Penerbit", "Jakarta"), ("Erlangga", "Jakarta"),
        ("Pustaka Imam Syafii", "Jakarta"),
    ),
    "christian": (
        ("BPK Gunung Mulia", "Jakarta"), ("Kanisius", "Yogyakarta"), ("Andi", "Yogyakarta"),
        ("Yayasan Kalam Hidup", "Bandung"),
    ),
    "agri": (
        ("Penebar Swadaya", "Depok"), ("Agromedia Pustaka", "Jakarta"), ("Kanisius", "Yogyakarta"),
        ("Trubus Swadaya", "Depok"), ("IPB Press", "Bogor"), ("Pustaka Baru Press", "Yogyakarta"),
    ),
    "health": (
        ("Penerbit Buku Kedokteran EGC", "Jakarta"), ("Kementerian Kesehatan RI", "Jakarta"),
        ("Gramedia Pustaka Utama", "Jakarta"), ("Salemba Medika", "Jakarta"),
        ("Deepublish", "Yogyakarta"),
    ),
    "business": (
        ("Elex Media Komputindo", "Jakarta"), ("Gramedia Pustaka Utama", "Jakarta"),
        ("Andi", "Yogyakarta"), ("Kawan Pustaka", "Jakarta"), ("Deepublish", "Yogyakarta"),
        ("Penebar Swadaya", "Depok"), ("Laksana", "Yogyakarta"),
    ),
    "computing": (
        ("Elex Media Komputindo", "Jakarta"), ("Andi", "Yogyakarta"), ("Informatika", "Bandung"),
        ("Lokomedia", "Yogyakarta"),
    ),
    "school": (
        ("Erlangga", "Jakarta"), ("Yudhistira", "Jakarta"), ("Tiga Serangkai", "Surakarta"),
        ("Yrama Widya", "Bandung"), ("Grasindo", "Jakarta"), ("Bumi Aksara", "Jakarta"),
        ("Pusat Kurikulum dan Perbukuan", "Jakarta"), ("Intan Pariwara", "Klaten"),
    ),
    "fiction": (
        ("Gramedia Pustaka Utama", "Jakarta"), ("Bentang Pustaka", "Yogyakarta"),
        ("Gagas Media", "Jakarta"), ("Noura Books", "Jakarta"),
        ("Marjin Kiri", "Tangerang Selatan"),
        ("Balai Pustaka", "Jakarta"), ("Pustaka Jaya", "Jakarta"),
        ("Republika Penerbit", "Jakarta"),
        ("Diva Press", "Yogyakarta"), ("Basabasi", "Yogyakarta"),
    ),
    "local": (
        ("Dinas Kearsipan dan Perpustakaan Kabupaten Kutai Kartanegara", "Tenggarong"),
        ("Kantor Bahasa Provinsi Kalimantan Timur", "Samarinda"),
        ("Mulawarman University Press", "Samarinda"), ("Ombak", "Yogyakarta"),
        ("Komunitas Bambu", "Depok"), ("Pustaka Jaya", "Jakarta"),
    ),
    "javanese": (
        ("Kanisius", "Yogyakarta"), ("Narasi", "Yogyakarta"),
        ("Balai Bahasa Jawa Tengah", "Semarang"),
    ),
    "banjarese": (
        ("Balai Bahasa Provinsi Kalimantan Selatan", "Banjarbaru"),
        ("Pustaka Banua", "Banjarmasin"),
    ),
    "english": (
        ("Penguin Books", "London"), ("Oxford University Press", "Oxford"),
        ("Scholastic", "New York"), ("Usborne", "London"),
        ("Cambridge University Press", "Cambridge"),
        ("Walker Books", "London"), ("Periplus Editions", "Singapore"),
        ("Natural History Publications (Borneo)", "Kota Kinabalu"),
        ("The Lontar Foundation", "Jakarta"),
    ),
}  # fmt: skip
MAGAZINE_PUBLISHERS = {
    "Trubus": ("Trubus Swadaya", "Depok"), "Bobo": ("Kompas Gramedia", "Jakarta"),
    "Intisari": ("Kompas Gramedia", "Jakarta"), "Ayahbunda": ("Femina Group", "Jakarta"),
    "Suara Muhammadiyah": ("Suara Muhammadiyah", "Yogyakarta"),
    "Panjebar Semangat": ("Panjebar Semangat", "Surabaya"),
}  # fmt: skip
PUBLISHERS.update({f"magazine:{name}": (pair,) for name, pair in MAGAZINE_PUBLISHERS.items()})
PUBLISHERS["map"] = (("Badan Informasi Geospasial", "Bogor"), ("Pustaka Pelajar", "Yogyakarta"))
COUNTRY_CODES = {
    "London": "enk", "Oxford": "enk", "Cambridge": "enk", "New York": "nyu",
    "Singapore": "si ", "Kota Kinabalu": "my ",
}  # fmt: skip
