"""Words that the demo catalogue builds its titles from: places of Kutai
Kartanegara, animals of folk tales, crops and fish, health and business
topics, school subjects, and English words."""

from pustaka.catalog.demo_data.people import ENGLISH_FIRST, words_of

KECAMATAN = words_of(
    "Samboja|Muara Jawa|Sanga-Sanga|Loa Janan|Loa Kulu|Muara Muntai|Muara Wis|Kota Bangun|"
    "Tenggarong|Sebulu|Tenggarong Seberang|Anggana|Muara Badak|Marang Kayu|Muara Kaman|"
    "Kenohan|Kembang Janggut|Tabang|Samboja Barat|Kota Bangun Darat"
)
VILLAGES = words_of(
    "Bukit Biru|Sukarame|Rebaq Rinding|Muara Muntai Ulu|Loa Ipuh|Jembayan|Batuah|Bukit Raya|"
    "Sungai Meriam|Kota Bangun Ulu|Kedang Ipil|Sumber Sari|Perangat Baru|Separi|Tanjung Batu|"
    "Muara Kaman Ilir|Sebelimbingan|Liang Ilir|Kahala|Enggelam|Pela|Semayang|Tuana Tuha|"
    "Lekaq Kidau|Sungai Payang|Genting Tanah|Teluk Dalam|Jonggon|Loleng|Tanjung Limau|"
    "Santan Ilir|Sepatin|Salo Palai|Rapak Lambur|Bakungan|Tanjung Harapan|Manunggal Jaya|"
    "Kerta Buana|Bhuana Jaya|Mulawarman|Embalut|Bangun Rejo|Loa Duri|Handil Terusan"
)
REGIONS = words_of(
    "Kalimantan Timur|Kutai Kartanegara|Tepian Mahakam|Kalimantan|Tanah Borneo|Samarinda|"
    "Tenggarong|Nusantara|Kalimantan Selatan|Sulawesi|Jawa|Sumatra|Pulau Derawan"
)
SETTINGS = words_of(
    "Tepi Mahakam|Ujung Senja|Kota Tepian|Balik Bukit|Bawah Pohon Ulin|Tanah Borneo|"
    "Kampung Nelayan|Stasiun Tua|Ujung Dermaga|Tepi Danau|Hutan Kalimantan|Lorong Pasar|"
    "Kebun Sawit|Rumah Lamin|Simpang Jalan|Beranda Rumah|Muara Sungai|Kaki Langit|"
    "Pulau Seberang|Jendela Kelas|Tanah Rantau|Pelabuhan Lama|Sudut Kota|Kaki Gunung|"
    "Ladang Jagung|Perahu Ketinting|Bukit Soeharto|Jembatan Kartanegara|Desa Kami|"
    "Tengah Malam|Teras Masjid|Dapur Nenek|Kapal Kayu|Tepi Sawah|Pasar Subuh|Balai Desa|"
    "Tanjung Harapan|Rumah Panggung|Lamin Tua|Kota Raja|Pinggir Kali|Tengah Laut|"
    "Ruang Tunggu|Bukit Bangkirai|Kampung Halaman"
)


# --- words for titles --------------------------------------------------------------

ANIMALS = words_of(
    "Kancil|Buaya|Monyet|Kura-Kura|Gajah|Harimau|Burung Enggang|Pesut|Orang Utan|Bekantan|"
    "Ayam Jago|Kerbau|Semut|Belalang|Kelinci|Beruang Madu|Rusa|Landak|Tupai|Katak|Ikan Patin|"
    "Kucing|Bebek|Kupu-Kupu|Lebah|Burung Pipit|Ular Sawa|Kambing|Burung Hantu|Ikan Pesut|"
    "Siput|Kepiting|Elang|Kijang"
)
TRAITS = words_of(
    "Cerdik|Serakah|Pemberani|Sombong|Baik Hati|Pemalas|Jujur|Rajin|Penakut|Ceroboh|Setia|"
    "Pemaaf|Suka Menolong|Lapar|Kesepian|Tamak|Bijaksana|Pelupa|Periang|Pemalu|Kecil|Ajaib|"
    "Rakus|Keras Kepala|Penyayang|Licik|Lincah|Sabar|Cengeng|Pintar"
)
LEGENDS = words_of(
    "Pesut Mahakam|Danau Semayang|Putri Karang Melenu|Lembu Suana|Naga Erau|Pulau Kumala|"
    "Gunung Kombeng|Batu Dinding|Putri Junjung Buih|Danau Jempang|Sungai Mahakam|"
    "Batu Menangis|Malin Kundang|Sangkuriang|Danau Toba|Rawa Pening|Timun Mas|"
    "Bawang Merah Bawang Putih|Putri Petung|Aji Batara Agung Dewa Sakti|Tanjung Batu|"
    "Keris Pusaka"
)
CHILD_NAMES = words_of(
    "Dayu|Rina|Budi|Andi|Siti|Lala|Tono|Nisa|Raka|Ayu|Dimas|Intan|Putri|Bayu|Sari|Lintang|"
    "Dodo|Mimi|Kiki|Ucok|Upik|Nanda|Fikri|Aisyah|Raya|Bima|Tari|Ujang|Lulu|Jaka|Kinan|Awang|"
    "Dayang|Lejau|Ipah|Amat|Iyan|Nuri|Salsa|Gilang|Adit|Citra|Fani|Hana|Joni|Laras|Mira|Oki|"
    "Rafi|Tegar"
)
CHILD_SKILLS = words_of(
    "Menabung|Berbagi|Mencuci Tangan|Membaca|Berenang|Menanam Pohon|Bersepeda|Menggosok Gigi|"
    "Memasak|Memancing|Mengaji|Berhitung|Menari|Menggambar|Bernyanyi|Antre|Jujur|"
    "Membuang Sampah|Meminta Maaf|Berterima Kasih|Merawat Kucing|Mendayung|Menjahit|"
    "Bercerita|Memanjat Pohon|Menyapu Halaman|Merapikan Mainan|Berpuasa|Menanam Cabai|"
    "Memberi Makan Ayam|Mengayuh Perahu|Menulis Surat|Berkebun|Menolong Nenek"
)
CHILD_PLACES = words_of(
    "Pasar Terapung|Sekolah|Perpustakaan Desa|Sungai|Hutan|Kebun Nenek|Posyandu|Masjid|"
    "Pantai|Sawah|Rumah Lamin|Pelabuhan|Kampung Nelayan|Pulau Kumala|Kota|Taman Baca|"
    "Puskesmas|Danau|Kebun Binatang|Bukit|Rumah Kakek|Lapangan|Air Terjun|Pasar Malam|"
    "Kolam Ikan|Balai Desa"
)
ISLAM_WORSHIP = (
    ("Shalat", "297.382", "Shalat"), ("Wudhu", "297.382", "Bersuci (Islam)"),
    ("Puasa Ramadhan", "297.53", "Puasa (Islam)"), ("Zakat Fitrah", "297.54", "Zakat"),
    ("Haji dan Umrah", "297.352", "Haji"), ("Qurban", "297.36", "Kurban"),
    ("Aqiqah", "297.36", "Akikah"), ("Shalat Jenazah", "297.382", "Shalat jenazah"),
    ("Shalat Dhuha", "297.382", "Shalat"), ("Shalat Tahajud", "297.382", "Shalat"),
    ("Thaharah", "297.382", "Bersuci (Islam)"), ("Sedekah", "297.54", "Sedekah"),
)  # fmt: skip
ISLAM_QUALIFIERS = words_of(
    "Lengkap|untuk Anak|Sesuai Sunnah|bagi Muslimah|bagi Pemula|Praktis|Bergambar|"
    "Menurut Empat Mazhab|Sehari-hari|untuk Keluarga|bagi Remaja|untuk Kaum Ibu|"
    "di Perantauan"
)
PROPHETS = words_of(
    "Nabi Adam|Nabi Nuh|Nabi Ibrahim|Nabi Musa|Nabi Yusuf|Nabi Sulaiman|Nabi Yunus|Nabi Isa|"
    "Nabi Muhammad|Nabi Daud|Nabi Ayub|Nabi Ismail|Umar bin Khattab|Abu Bakar Ash-Shiddiq|"
    "Siti Khadijah|Ali bin Abi Thalib|Sunan Kalijaga|Wali Songo|Siti Aisyah|Khalid bin Walid"
)
SURAHS = words_of(
    "Al-Fatihah|Yasin|Al-Kahfi|Al-Mulk|Ar-Rahman|Al-Waqiah|Al-Baqarah|Ali Imran|An-Nisa|"
    "Luqman|Maryam|Yusuf|Al-Hujurat|Al-Ikhlas|An-Naba|Al-Insyirah|Ad-Dhuha|Al-Asr|Taha|"
    "Al-Anam"
)
GROUPS = words_of(
    "Anak|Remaja|Keluarga|Pemula|Muslimah|Petani|Pedagang|Masyarakat Desa|Ibu Rumah Tangga|"
    "Pelajar|Lansia|Pemuda|Guru|Kader Desa|Nelayan|Santri|Mahasiswa|Karang Taruna|"
    "Ibu-Ibu PKK|Kelompok Tani|Anak Muda|Perantau|Buruh Kebun|Keluarga Muda|Pengusaha Pemula"
)
BIBLE = words_of(
    "Daud dan Goliat|Nuh dan Bahtera|Yusuf dan Saudara-Saudaranya|Musa|Rut|Ester|Daniel|"
    "Yunus|Zakheus|Samuel Kecil|Perempuan Samaria|Anak yang Hilang|"
    "Orang Samaria yang Baik Hati"
)
COMMODITIES = (
    ("Padi", "633.18", "Padi -- Budi daya", "crop"), ("Jagung", "633.15", "Jagung", "crop"),
    ("Kelapa Sawit", "633.851", "Kelapa sawit", "crop"), ("Karet", "633.8952", "Karet", "crop"),
    ("Cabai", "635.643", "Cabai", "crop"), ("Tomat", "635.642", "Tomat", "crop"),
    ("Kakao", "633.74", "Kakao", "crop"), ("Kopi", "633.73", "Kopi", "crop"),
    ("Lada", "633.84", "Lada", "crop"), ("Pisang", "634.772", "Pisang", "crop"),
    ("Durian", "634.6", "Durian", "crop"), ("Nanas", "634.774", "Nanas", "crop"),
    ("Singkong", "633.682", "Singkong", "crop"), ("Kedelai", "633.34", "Kedelai", "crop"),
    ("Sayuran Daun", "635.3", "Sayuran", "crop"), ("Semangka", "635.615", "Semangka", "crop"),
    ("Bawang Merah", "635.25", "Bawang merah", "crop"), ("Jeruk", "634.3", "Jeruk", "crop"),
    ("Kangkung", "635.4", "Sayuran", "crop"), ("Jahe", "633.83", "Jahe", "crop"),
    ("Lele", "639.37492", "Lele -- Budi daya", "fish"), ("Nila", "639.3774", "Ikan nila", "fish"),
    ("Patin", "639.37492", "Ikan patin", "fish"), ("Gurami", "639.3758", "Gurami", "fish"),
    ("Udang Galah", "639.68", "Udang", "fish"), ("Ikan Mas", "639.37483", "Ikan mas", "fish"),
    ("Ikan Gabus", "639.3772", "Ikan gabus", "fish"),
    ("Kepiting Bakau", "639.56", "Kepiting", "fish"),
    ("Rumput Laut", "639.89", "Rumput laut", "fish"),
    ("Ikan Bawal", "639.3775", "Ikan bawal", "fish"),
    ("Ayam Kampung", "636.5", "Ayam", "stock"), ("Itik", "636.597", "Itik", "stock"),
    ("Kambing", "636.39", "Kambing", "stock"), ("Sapi Bali", "636.2", "Sapi", "stock"),
    ("Lebah Madu", "638.1", "Lebah madu", "stock"), ("Puyuh", "636.5", "Burung puyuh", "stock"),
    ("Kelinci", "636.932", "Kelinci", "stock"), ("Maggot BSF", "638.5", "Serangga", "stock"),
    ("Kelulut", "638.1", "Lebah madu", "stock"),
)  # fmt: skip
AGRI_ACTIVITIES = {
    "crop": words_of("Budidaya|Pembibitan|Pemupukan|Panen dan Pascapanen|Agribisnis|Bertanam"),
    "fish": words_of("Budidaya|Pembenihan|Pembesaran|Pakan Alami|Agribisnis|Bisnis"),
    "stock": words_of("Beternak|Budidaya|Pakan|Kesehatan|Agribisnis|Bisnis"),
}
AGRI_METHODS = {
    "crop": words_of(
        "di Lahan Sempit|di Pekarangan|di Lahan Gambut|di Lahan Pasang Surut|Secara Organik|"
        "Sistem Hidroponik|dalam Polybag|Sistem Tumpang Sari|di Lahan Kering|dengan Pupuk Organik"
    ),
    "fish": words_of(
        "di Kolam Terpal|Sistem Bioflok|di Keramba Jaring Apung|di Kolam Tanah|"
        "Sistem Resirkulasi|dalam Ember|Sistem Minapadi|di Sungai Mahakam|di Tambak"
    ),
    "stock": words_of(
        "di Kandang Panggung|Sistem Umbaran|dengan Pakan Fermentasi|Tanpa Bau|"
        "di Lahan Sawit|Secara Intensif|Sistem Kandang Koloni"
    ),
}
GENERIC_METHODS = words_of(
    "untuk Pemula|Skala Rumah Tangga|dengan Modal Kecil|Ramah Lingkungan|di Kalimantan Timur|"
    "untuk Kelompok Tani|Secara Modern|Tanpa Gagal|Panen Berlimpah"
)
HEALTH_GROUPS = words_of(
    "Balita|Ibu Hamil|Ibu Menyusui|Anak Sekolah|Remaja Putri|Lansia|Keluarga|Bayi 6-12 Bulan|"
    "Pekerja Kebun|Calon Pengantin|Anak Usia Dini|Pasangan Muda"
)
DISEASES = words_of(
    "Demam Berdarah|Malaria|Diare|Tuberkulosis|Diabetes|Hipertensi|ISPA|Cacingan|Anemia|"
    "Campak|Gizi Buruk|Asam Urat|Kolesterol|Rabies|Hepatitis|Stroke|Tifus|Infeksi Kulit"
)
HEALTH_TOPICS = (
    ("Gizi Seimbang", "613.2", "Gizi"), ("Menu Sehat", "641.563", "Gizi anak"),
    ("Mencegah Stunting", "618.9239", "Stunting -- Pencegahan"),
    ("Panduan Kader Posyandu", "362.12", "Posyandu"), ("Imunisasi", "614.47", "Imunisasi"),
    ("Tanaman Obat", "615.321", "Tanaman obat"), ("Kesehatan Gigi", "617.601", "Kesehatan gigi"),
    ("Pertolongan Pertama", "616.0252", "Pertolongan pertama"),
    ("Air Bersih dan Sanitasi", "614.7", "Sanitasi"),
    ("Kesehatan Reproduksi", "613.9", "Kesehatan reproduksi"),
    ("Senam Sehat", "613.71", "Kebugaran"), ("ASI Eksklusif", "649.33", "Air susu ibu"),
)  # fmt: skip
PRODUCTS = (
    ("Amplang", "food"), ("Keripik Pisang", "food"), ("Abon Ikan Patin", "food"),
    ("Kerupuk Ikan", "food"), ("Madu Kelulut", "food"), ("Gula Aren", "food"),
    ("Kopi Bubuk", "food"), ("Kue Bingka", "food"), ("Kue Kering", "food"), ("Frozen Food", "food"),
    ("Sambal Kemasan", "food"), ("Nasi Bekepor", "food"), ("Sabun Herbal", "craft"),
    ("Tas Rotan", "craft"), ("Anyaman Manik", "craft"), ("Tenun Ulap Doyo", "craft"),
    ("Sarung Samarinda", "craft"), ("Batik Kutai", "craft"), ("Ecoprint", "craft"),
    ("Pupuk Kompos", "service"), ("Katering Rumahan", "service"), ("Laundry Kiloan", "service"),
    ("Bengkel Motor", "service"), ("Warung Kopi", "service"), ("Homestay Desa Wisata", "service"),
)  # fmt: skip
PRODUCT_CLASSES = {"food": "664.02", "craft": "745.5", "service": "338.642"}
BUSINESS_QUALIFIERS = words_of(
    "dengan Modal Kecil|dari Rumah|untuk Ibu Rumah Tangga|untuk Pemuda Desa|Skala UMKM|"
    "di Desa Wisata|yang Menguntungkan|untuk BUMDes|bagi Pemula|Tanpa Karyawan|"
    "di Era Digital"
)
PLATFORMS = words_of(
    "WhatsApp Business|Instagram|Facebook|TikTok Shop|Shopee|Tokopedia|Google Maps|Marketplace"
)
GARMENTS = words_of(
    "Baju Kurung|Kebaya|Gamis|Seragam Sekolah|Baju Anak|Celana Panjang|Tas Kain|Mukena|"
    "Daster|Kemeja Pria|Rok Lipit|Sarung Bantal|Jilbab|Blus Wanita|Busana Muslim"
)
MATERIALS = words_of(
    "Rotan|Bambu|Manik-Manik|Eceng Gondok|Sabut Kelapa|Kain Perca|Daun Pandan|Purun|"
    "Kayu Ulin|Botol Plastik|Koran Bekas|Kulit Kayu|Kerang|Biji-Bijian"
)
SOFTWARE = (
    ("Microsoft Excel", "005.54"), ("Microsoft Word", "005.52"), ("PowerPoint", "005.58"),
    ("Canva", "006.6"), ("WordPress", "006.76"), ("Python", "005.133"),
    ("Google Sheets", "005.54"), ("CorelDRAW", "006.68"), ("Photoshop", "006.686"),
    ("CapCut", "006.696"), ("Google Drive", "004.6782"), ("Android", "004.1675"),
)  # fmt: skip
ARTIFACTS = words_of(
    "Laporan Keuangan BUMDes|Website Desa|Desain Poster|Video Pendek|Administrasi Desa|"
    "Katalog Produk UMKM|Presentasi Menarik|Data Penduduk|Undangan Digital|Konten Promosi"
)
FICTION_NOUNS = words_of(
    "Hujan|Senja|Rindu|Luka|Cahaya|Bulan|Angin|Laut|Sungai|Pelangi|Gerimis|Kabut|Embun|Jejak|"
    "Langkah|Mimpi|Doa|Bayang|Matahari|Bintang|Purnama|Kenangan|Janji|Daun|Pulang|Ombak|"
    "Rahasia|Nyanyian|Bisikan|Surat|Perahu|Layang-Layang|Api|Pagi|Sunyi|Kembang|Tangis|Tawa"
)
FICTION_ADJECTIVES = words_of(
    "Merah|Terakhir|Pertama|Abadi|Biru|Sunyi|Hilang|Panjang|Kelabu|Jingga|Patah|Tak Bertuan|"
    "yang Tertunda|yang Tersisa|di Ujung Jalan|Tanpa Nama|yang Pulang|Musim Kemarau|Putih|"
    "Sepi|Kedua|yang Dirindukan|Tengah Malam|Dini Hari|Penghabisan|Bisu|Retak|Bersayap"
)
MONTHS = words_of(
    "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
)
SCHOOL_SUBJECTS = (
    ("Matematika", "372.7", "510"), ("IPA", "372.35", "507"),
    ("Bahasa Indonesia", "372.6", "499.221"),
    ("IPS", "372.83", "300"), ("Bahasa Inggris", "372.652", "428"), ("PPKn", "372.832", "323.6"),
    ("Pendidikan Agama Islam", "372.84", "297.07"), ("Seni Budaya", "372.5", "700"),
    ("PJOK", "372.86", "613.7"), ("Informatika", "372.34", "004"),
    ("Sejarah", "372.89", "959.8"), ("Geografi", "372.891", "910"), ("Prakarya", "372.55", "745.5"),
    ("Ekonomi", "372.83", "330"), ("Biologi", "372.357", "570"), ("Fisika", "372.35", "530"),
    ("Muatan Lokal Kutai", "372.89", "306.09598"),
    ("Pendidikan Lingkungan Hidup", "372.357", "363.7"),
)  # fmt: skip
SCHOOL_THEMES = words_of(
    "Diriku|Kegemaranku|Kegiatanku|Keluargaku|Pengalamanku|"
    "Lingkungan Bersih, Sehat, dan Asri|Benda, Hewan, dan Tanaman di Sekitarku|"
    "Peristiwa Alam|Merawat Hewan dan Tumbuhan|Keberagaman Budaya Bangsaku|"
    "Indahnya Kebersamaan|Peduli Terhadap Lingkungan|Cita-Citaku|Energi dan Perubahannya|"
    "Ekosistem|Sejarah Peradaban Indonesia|Daerah Tempat Tinggalku"
)
ENCYCLOPEDIA_TOPICS = words_of(
    "Hewan Kalimantan|Tumbuhan Hutan Tropis|Tata Surya|Tubuh Manusia|Dinosaurus|"
    "Sains Sehari-hari|Budaya Nusantara|Pahlawan Indonesia|Rumah Adat|Serangga|"
    "Laut dan Isinya|Penemuan Dunia"
)
CULTURE = (
    ("Erau", "394.269598", "Erau (upacara adat)"), ("Tari Jepen", "793.319598", "Tari tradisional"),
    ("Tari Gantar", "793.319598", "Tari tradisional"),
    ("Hudoq", "394.269598", "Dayak (suku bangsa)"),
    ("Musik Sampek", "781.629", "Musik tradisional"), ("Rumah Lamin", "728.09598", "Rumah adat"),
    ("Tenun Ulap Doyo", "746.1409598", "Tenun ikat"),
    ("Upacara Belian", "390.09598", "Adat istiadat"),
    ("Adat Dayak Benuaq", "390.09598", "Dayak (suku bangsa)"),
    ("Suku Kutai", "305.89922", "Suku Kutai"),
    ("Kuliner Kutai", "641.59598", "Masakan Indonesia"), ("Pesut Mahakam", "599.53", "Pesut"),
    ("Hutan Kalimantan", "577.34", "Hutan hujan tropis"), ("Kayu Ulin", "634.9", "Kayu ulin"),
    ("Orang Utan Kalimantan", "599.883", "Orang utan"),
    ("Burung Enggang", "598.78", "Burung enggang"),
    ("Sungai Mahakam", "915.983", "Sungai Mahakam"), ("Pantun Kutai", "398.8", "Pantun"),
)  # fmt: skip
CULTURE_NAMES = tuple(name for name, _ddc, _subject in CULTURE)
CULTURE_QUALIFIERS = words_of(
    "Warisan Budaya Kutai|dari Masa ke Masa|dalam Kehidupan Masyarakat Dayak|"
    "bagi Generasi Muda|di Tepian Mahakam|dan Kearifan Lokal|untuk Pelajar|"
    "Sejarah dan Maknanya|yang Hampir Punah|untuk Anak|Masa Kini|dalam Foto|"
    "Tradisi dan Perubahan|yang Perlu Diketahui|di Era Digital"
)
HISTORY_SUBJECTS = words_of(
    "Kesultanan Kutai Kartanegara Ing Martadipura|Kerajaan Kutai Martadipura|Kota Tenggarong|"
    "Peristiwa Merah Putih Sanga-Sanga|Pertambangan Batu Bara di Kalimantan Timur|"
    "Kota Samarinda|Perjuangan Rakyat Kalimantan Timur|Prasasti Yupa|"
    "Sultan Aji Muhammad Idris|Kota Balikpapan"
)
INDONESIA_PERIODS = (
    ("Masa Kerajaan Hindu-Buddha", "959.801"), ("Masa Kerajaan Islam", "959.8015"),
    ("Masa Penjajahan Belanda", "959.8022"), ("Masa Pendudukan Jepang", "959.8022"),
    ("Masa Perang Kemerdekaan", "959.8035"), ("Masa Orde Baru", "959.8037"),
    ("Masa Reformasi", "959.8039"),
)  # fmt: skip
WAYANG = words_of("Arjuna|Bima|Gatotkaca|Semar|Petruk|Gareng|Bagong|Kresna|Srikandi|Anoman")
BANJAR = words_of(
    "Datu Kalampayan|Lambung Mangkurat|Putri Junjung Buih|Pangeran Antasari|Si Palui|"
    "Datu Sanggul|Pangeran Samudera|Datu Nuraya|Datu Taruna|Raja Banjar"
)
ENGLISH_COMMODITIES = (
    ("Rice", "633.18", "Padi -- Budi daya"), ("Oil Palm", "633.851", "Kelapa sawit"),
    ("Rubber", "633.8952", "Karet"), ("Cocoa", "633.74", "Kakao"), ("Coffee", "633.73", "Kopi"),
    ("Pepper", "633.84", "Lada"), ("Banana", "634.772", "Pisang"), ("Durian", "634.6", "Durian"),
    ("Cassava", "633.682", "Singkong"), ("Maize", "633.15", "Jagung"),
    ("Vegetable", "635", "Sayuran"), ("Catfish", "639.37492", "Lele -- Budi daya"),
    ("Tilapia", "639.3774", "Ikan nila"), ("Shrimp", "639.68", "Udang"),
    ("Seaweed", "639.89", "Rumput laut"), ("Poultry", "636.5", "Ayam"),
    ("Goat", "636.39", "Kambing"), ("Honey Bee", "638.1", "Lebah madu"),
)  # fmt: skip
MAGAZINES = (
    ("Trubus", "630.5", "Pertanian -- Majalah", "adults"),
    ("Bobo", "059.9922", "Majalah anak-anak", "children"),
    ("Intisari", "059.9921", "Majalah umum", "general"),
    ("Ayahbunda", "649.105", "Pengasuhan anak -- Majalah", "adults"),
    ("Suara Muhammadiyah", "297.05", "Islam -- Majalah", "adults"),
    ("Panjebar Semangat", "059.99222", "Majalah berbahasa Jawa", "adults"),
)  # fmt: skip
ENGLISH_ANIMALS = words_of(
    "Fox|Crocodile|Monkey|Turtle|Elephant|Tiger|Hornbill|Dolphin|Orangutan|Proboscis Monkey|"
    "Rooster|Buffalo|Ant|Grasshopper|Rabbit|Sun Bear|Deer|Porcupine|Squirrel|Frog|Cat|Duck|"
    "Butterfly|Bee|Owl|Goat|Whale|Lion"
)
ENGLISH_ADJECTIVES = words_of(
    "Clever|Greedy|Brave|Proud|Kind|Lazy|Honest|Busy|Shy|Hungry|Lonely|Wise|Little|Magic|"
    "Sleepy|Grumpy|Curious|Noisy|Tiny|Giant|Lost|Happy"
)
ENGLISH_NOUNS = words_of(
    "River|Island|Garden|Lighthouse|Secret|Promise|Letter|Silence|Storm|Harvest|Shadow|"
    "Journey|House|Forest|Orchard|Bridge|Mountain|Ocean|Stranger|Song|Lantern|Window|Map|"
    "Winter|Dream|Orchid|Monsoon|Boat|Tide|Kite|Feather|Key|Clock|Garden Gate|Rain|Wedding|"
    "Library|Painter|Teacher|Fisherman"
)
ENGLISH_PLACES = words_of(
    "Borneo|the North|Java|the Valley|Mahakam|the Sea|Singapore|the Hills|Bali|the Old Town|"
    "the Coast|Sumatra|the Forest|the Harbour|the Village|Jakarta|Kalimantan|the Delta|"
    "Samarinda|the Plantation|the Mangroves|the Islands|Lombok|the Peninsula|the Lake|"
    "the Highlands|Toraja|the Rainforest|the Bay|the Border"
)
ENGLISH_GROUPS = words_of(
    "Beginners|Young Learners|Teenagers|Farmers|Nurses|Travellers|Teachers|Small Business|"
    "Village Guides|Adults|Tourism Workers|Job Seekers"
)
ENGLISH_SITUATIONS = words_of(
    "Everyday Life|the Market|the Office|Travel|Hotels|the Clinic|School|Job Interviews|"
    "Restaurants|Tour Guides|Online Selling|Public Speaking"
)


LOCALES = KECAMATAN + VILLAGES + REGIONS
KALTIM_LOCALES = frozenset(KECAMATAN + VILLAGES + REGIONS[:7])
NUMBERS = words_of(
    "5|7|9|10|12|15|17|20|21|25|30|33|35|40|45|50|55|60|66|70|75|77|80|88|99|100|101|111|123|150"
)
ISLAM_STYLES = words_of(
    "Lengkap|Praktis|Bergambar|Sesuai Sunnah|Menurut Empat Mazhab|Sehari-hari|Mudah|Ringkas"
)
SEWING_QUALIFIERS = words_of(
    "untuk Pemula|Tanpa Pola|Siap Jual|Sistem Praktis|dengan Mesin Portabel|Model Terkini"
)
FOODS = tuple(name for name, kind in PRODUCTS if kind == "food")
SCHOOL_SERIES = words_of(
    "Mandiri|Pintar|Cerdas|Unggul|Jelajah|Aktif|Kreatif|Ayo Belajar|Siap|Mahir"
)
QURAN_METHODS = words_of("Iqro|Tilawati|Ummi|Qiraati|Wafa|Yanbua")

# The slots of title templates ("{animal} dan {animal2} di {locale}").
VOCAB = {
    "animal": ANIMALS, "trait": TRAITS, "legend": LEGENDS, "child": CHILD_NAMES,
    "skill": CHILD_SKILLS, "cplace": CHILD_PLACES, "locale": LOCALES, "village": VILLAGES,
    "kecamatan": KECAMATAN, "region": REGIONS, "setting": SETTINGS, "group": GROUPS, "n": NUMBERS,
    "istyle": ISLAM_STYLES, "prophet": PROPHETS, "surah": SURAHS, "qmethod": QURAN_METHODS,
    "bible": BIBLE, "gmethod": GENERIC_METHODS, "hgroup": HEALTH_GROUPS, "disease": DISEASES,
    "bqual": BUSINESS_QUALIFIERS, "platform": PLATFORMS, "garment": GARMENTS,
    "sewqual": SEWING_QUALIFIERS, "material": MATERIALS, "food": FOODS, "artifact": ARTIFACTS,
    "noun": FICTION_NOUNS, "fadj": FICTION_ADJECTIVES, "month": MONTHS, "stheme": SCHOOL_THEMES,
    "etopic": ENCYCLOPEDIA_TOPICS, "sseries": SCHOOL_SERIES, "cqual": CULTURE_QUALIFIERS,
    "history": HISTORY_SUBJECTS, "wayang": WAYANG, "culture": CULTURE_NAMES, "banjar": BANJAR,
    "eanimal": ENGLISH_ANIMALS, "eadj": ENGLISH_ADJECTIVES, "enoun": ENGLISH_NOUNS,
    "eplace": ENGLISH_PLACES, "egroup": ENGLISH_GROUPS, "esituation": ENGLISH_SITUATIONS,
    "ename": CHILD_NAMES + ENGLISH_FIRST,
    "eregion": tuple(place for place in ENGLISH_PLACES if not place.startswith("the ")),
}  # fmt: skip
