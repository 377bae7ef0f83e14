"""The 2017 LKjIP of Disperinnaker Kabupaten Magelang, transcribed as published (inconsistencies included).

Codes are not in the report (it predates the current nomenclature); the ones here are
illustrative and documented as such. Figures are the report's own text, unparsed.
"""

from __future__ import annotations

INSTANSI = {
    "nama": "Dinas Perindustrian dan Tenaga Kerja",
    "pemda": "Kabupaten Magelang",
    "tahun": 2017,
    "renstra_awal": 2014,
    "renstra_akhir": 2019,
}

BIDANG = [
    ("SEKRE", "Sekretariat"),
    ("HIP", "Bidang Hubungan Industrial dan Produktivitas"),
    ("PTKT", "Bidang Penempatan Tenaga Kerja dan Transmigrasi"),
    ("IND", "Bidang Industri"),
    ("BLK", "UPT Balai Latihan Kerja"),
]

S1 = (
    "Cakupan pelayanan administrasi perkantoran, Cakupan peningkatan sarana dan prasarana aparatur; "
    "cakupan pelayanan administrasi PAK; cakupan pelaporan keuangan dan kinerja"
)
S2 = "Meningkatnya tingkat kesejahteraan tenaga kerja"
S3 = "Berkurangnya penyandang masalah kesejahteraan sosial dan penduduk miskin"
S4 = "Menguatnya daya saing koperasi dan UMKM"
S5 = "Mewujudkan industri daerah sebagai salah satu pilar penggerak perekonomian daerah"

# Perjanjian Kinerja 2017 (Bab II): kode, sasaran, indikator, satuan, polaritas, target, target akhir
# Renstra (Bab III.A.3; None where the report gives a percentage for a count), kumulatif, bidang, keterangan.
INDIKATOR = [
    ("IK01", S1, "Cakupan pelayanan administrasi perkantoran", "%", "positif", "100", "100", False, "SEKRE", ""),
    ("IK02", S1, "Cakupan peningkatan sarana dan prasarana aparatur", "%", "positif", "100", "100", False, "SEKRE", ""),
    ("IK03", S1, "Cakupan pelayanan administrasi PAK dan diklat aparatur", "%", "positif", "100", "100", False, "SEKRE", ""),
    ("IK04", S1, "Cakupan pelaporan keuangan dan kinerja", "%", "positif", "100", "100", False, "SEKRE", ""),
    ("IK05", S1, "Cakupan perencanaan pembangunan SKPD", "%", "positif", "100", "100", False, "SEKRE", ""),
    (
        "IK06",
        S2,
        "Pencari kerja yang ditempatkan",
        "orang",
        "positif",
        "3160",
        None,
        True,
        "PTKT",
        "Target akhir Renstra ditulis '100%' di laporan, tidak sesuai satuan orang.",
    ),
    (
        "IK07",
        S2,
        "Angka sengketa pengusaha pekerja per tahun",
        "buruh",
        "negatif",
        "12389",
        None,
        False,
        "HIP",
        "Makin kecil makin baik. Target akhir Renstra ditulis '100%' di laporan.",
    ),
    (
        "IK08",
        S3,
        "Besaran transmigran yang tertempatkan",
        "KK",
        "positif",
        "25",
        None,
        True,
        "PTKT",
        "PK menetapkan 25 KK; tabel capaian laporan menulis target 5 KK.",
    ),
    (
        "IK09",
        S4,
        "Jumlah UKM non BPR/LKM UKM",
        "UKM",
        "positif",
        "106391",
        None,
        False,
        "IND",
        "Ada di PK 2017 tetapi tidak dilaporkan di tabel capaian.",
    ),
    (
        "IK10",
        S4,
        "Persentase usaha mikro dan kecil",
        "%",
        "positif",
        "0.36",
        None,
        False,
        "IND",
        "Ada di PK 2017 tetapi tidak dilaporkan di tabel capaian.",
    ),
    ("IK11", S5, "Cakupan bina kelompok pengrajin", "%", "positif", "2.81", "16.83", False, "IND", ""),
    ("IK12", S5, "Kontribusi sektor perindustrian terhadap PDRB (%)", "%", "positif", "18.11", "17.95", False, "IND", ""),
    ("IK13", S5, "Pertumbuhan industri", "%", "positif", "3.76", "3.76", False, "IND", ""),
]

# Capaian 2016 as published in Bab III.A.2 (target/realisasi 2016 are not in the report; for the
# 100 % targets the realisasi equals the capaian). kode, target, realisasi, capaian, keterangan.
RIWAYAT_2016 = [
    ("IK01", "100", "108.90", "108.90", ""),
    ("IK02", "100", "104.35", "104.35", ""),
    ("IK03", "100", "93.69", "93.69", ""),
    ("IK04", "100", "100", "100", ""),
    ("IK05", "100", "100", "100", ""),
    ("IK06", None, None, "113.5", ""),
    ("IK07", None, None, None, "Laporan menulis '12.389' di kolom capaian 2016 (bukan persentase)."),
    ("IK08", None, None, "100", ""),
    ("IK11", None, None, "23.13", ""),
    ("IK12", None, None, "98.41", ""),
    ("IK13", None, None, "97.61", ""),
]

# Bab III.A.1 as published: kode, target, realisasi, capaian (text as printed).
KINERJA_PUBLISHED = [
    ("IK01", "100%", "116.52%", "116.52%"),
    ("IK02", "100%", "100.08%", "100.08%"),
    ("IK03", "100%", "94.23%", "94.23%"),
    ("IK04", "100%", "100%", "100%"),
    ("IK05", "100%", "100%", "100%"),
    ("IK06", "3.160", "1.749", "55.35%"),
    ("IK07", "12.389", "12.389", "100%"),
    ("IK08", "5 KK", "3 KK", "60%"),
    ("IK11", "2,81%", "0.72%", "25.62%"),
    ("IK12", "18,11%", "19.38%", "107.01%"),
    ("IK13", "3,76%", "2.88%", "76.60%"),
]

# Bab III.B Realisasi Anggaran as published. A program line starts with its kode, bidang and sumber
# dana; its kegiatan follow. (kode, nama, anggaran, realisasi, persen).
PROGRAMS = [
    (
        "2.07.01",
        "SEKRE",
        "Program Pelayanan Administrasi Perkantoran",
        "446.930.000",
        "433.884.867",
        "97,08",
        [
            ("Penyediaan Jasa Surat Menyurat", "41.000.000", "40.103.050", "97,81"),
            ("Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "86.700.000", "81.103.050", "93,89"),
            ("Penyediaan jasa administrasi keuangan", "69.900.000", "69.538.700", "99,48"),
            ("Rapat rapat koordinasi dan konsultasi ke luar daerah", "179.330.000", "173.189.560", "96,58"),
            ("Rapat-Rapat Koordinasi dan Konsultasi Dalam Daerah", "70.000.000", "69.653.400", "99,50"),
        ],
    ),
    (
        "2.07.02",
        "SEKRE",
        "Program Peningkatan Sarana dan Prasarana Aparatur",
        "1.372.897.000",
        "1.208.567.545",
        "88,03",
        [
            ("Pengadaan perlengkapan gedung kantor", "296.758.000", "290.056.050", "97,74"),
            ("Pengadaan peralatan gedung kantor", "156.365.000", "147.105.750", "94,08"),
            ("Pemeliharaan Rutin/Berkala Gedung Kantor", "197.500.000", "193.490.600", "97,97"),
            ("Pemeliharaan Rutin/Berkala Kendaraan Dinas/Operator", "348.309.000", "221.219.695", "63,51"),
            ("Pemeliharaan Rutin/Berkala Perlengkapan Gedung Kantor", "20.000.000", "20.000.000", "100,00"),
            ("Pemeliharaan Rutin/Berkala Peralatan Gedung Kantor", "42.000.000", "41.946.500", "99,87"),
            ("Rehabilitasi Sedang/Berat Gedung Kantor", "311.965.000", "294.748.950", "94,48"),
        ],
    ),
    (
        "2.07.03",
        "SEKRE",
        "Program Peningkatan Kapasitas Sumber Daya Aparatur",
        "39.759.000",
        "35.363.330",
        "88,94",
        [
            ("Penilaian Angka Kredit", "14.759.000", "10.593.590", "71,78"),
            ("Pendidikan dan Pelatihan Ketrampilan Aparatur", "25.000.000", "24.769.740", "99,08"),
        ],
    ),
    (
        "2.07.04",
        "SEKRE",
        "Program Peningkatan Pengembangan Sistem Pelaporan Capaian Kinerja dan Keuangan",
        "25.000.000",
        "24.129.450",
        "96,52",
        [
            ("Penyusunan laporan capaian kinerja dan ikhtisar realisasi kinerja SKPD", "25.000.000", "24.129.450", "96,52"),
        ],
    ),
    (
        "2.07.15",
        "BLK",
        "Program Peningkatan Kualitas dan Produktivitas Tenaga Kerja",
        "2,432,341,000",
        "2,125,022,615",
        "87.37%",
        [
            ("Pengadaan Peralatan Pelatihan dan Ketrampilan (DBHCHT)", "290,000,000", "285,455,500", "98.43%"),
            ("Pendidikan dan pelatihan keterampilan bagi pencaker", "465,000,000", "454,817,000", "97.81%"),
            ("Pelatihan Terapan Teknologi Tepat Guna (TTG) (DBHCHT)", "187,341,000", "184,878,600", "98.69%"),
            ("Pelatihan dan Ketrampilan (DBHCHT)", "460,000,000", "442,170,050", "96.12%"),
            ("Rehabilitasi Gedung (Workshop) BLK (DBHCHT)", "675,000,000", "596,350,150", "88.35%"),
            ("Optimalisasi data ketenagakerjaan, sosial dan ketransmigrasian", "125,000,000", "111,439,815", "89.15%"),
            ("Pelatihan Peningkatan Produktivitas Tenaga Kerja", "50,000,000", "49,911,500", "99.82%"),
            (
                "Pelatihan Peningkatan Produktivitas Tenaga Kerja / Sertifikasi Tenaga Kerja (DBHCHT)",
                "180,000,000",
                "179,699,830",
                "99.83%",
            ),
        ],
    ),
    (
        "3.31.16",
        "IND",
        "Program Pengembangan Kewirausahaan dan Keunggulan Kompetitif Usaha Kecil Menengah",
        "643,240,000",
        "626,732,000",
        "97.43%",
        [
            ("Fasilitasi Sertifikasi Halal", "150,000,000", "149,999,925", "100.00%"),
            ("Sosialisasi PIRT UMKM", "195,800,000", "189,495,750", "96.78%"),
        ],
    ),
    (
        "2.08.15",
        "PTKT",
        "Program Pengembangan Wilayah Transmigrasi",
        "173.632.000",
        "144.398.980",
        "83,16",
        [
            (
                "Peningkatan kerjasama antar wilayah, antar pelaku dan antar sektor dalam rangka pengembangan kawasan "
                "transmigrasi",
                "108.067.000",
                "94.759.925",
                "87,69",
            ),
            (
                "Pengerahan dan Fasilitasi Perpindahan Serta Penempatan Transmigrasi Untuk Memenuhi kebutuhan SDM",
                "65.565.000",
                "49.639.055",
                "75,71",
            ),
        ],
    ),
    (
        "2.07.16",
        "PTKT",
        "Program Peningkatan Kesempatan Kerja",
        "1.695.453.000",
        "1.596.865.371",
        "94,19",
        [
            ("Pembinaan dan pengendalian LPPS dan LPTKS", "33.416.000", "23.063.000", "69,02"),
            ("Sosialisasi Penempatan Tenaga Kerja melalui Mekanisme AKAL, AKAD, AKAN", "50.000.000", "50.000.000", "100,00"),
            ("Pembinaan dan Monitoring LPKS", "29.534.000", "26.223.400", "88,79"),
            ("Pelatihan Wira Usaha Baru (WUB) (DBHCHT)", "505.000.000", "477.225.546", "94,50"),
            ("Pelatihan Keterampilan di lokasi penghasil tembakau (DBHCHT)", "954.516.000", "927.693.925", "97,19"),
            ("Informasi Pasar Kerja/Job Fair", "122.987.000", "92.659.500", "75,34"),
        ],
    ),
    (
        "3.31.17",
        "IND",
        "Program Pengembangan Sistem Pendukung Usaha Bagi Usaha Mikro Kecil Menengah",
        "170.000.000",
        "165.127.350",
        "97,13",
        [
            ("Pembinaan Ketrampilan Masyarakat di Lingkungan IHT (DBHCHT)", "170.000.000", "165.127.350", "97,13"),
        ],
    ),
    (
        "2.07.17",
        "HIP",
        "Program Perlindungan Pengembangan Lembaga Ketenagakerjaan",
        "288.759.000",
        "281.497.760",
        "97,49",
        [
            ("Pelaksanaan fungsi Dewan Pengupahan", "78.712.000", "77.145.760", "98,01"),
            ("Penyelesaian dan pencegahan PHI dan PHK", "14.517.000", "14.481.450", "99,76"),
            ("Bimbingan teknis penyelesaian PHI dan PHK", "30.090.000", "30.089.900", "100,00"),
            ("Lembaga Kerjasama Tripartite", "54.114.000", "52.704.400", "97,40"),
            ("Sosialiasi dan monitoring pelaksanaan UMK", "45.610.000", "45.069.800", "98,82"),
            ("Fasilitasi May Day (Hari Buruh)", "65.716.000", "62.006.450", "94,36"),
        ],
    ),
    (
        "3.31.18",
        "IND",
        "Program Penataan Struktur Industri",
        "87.122.000",
        "76.294.500",
        "87,57",
        [
            ("Penyusunan Perda tentang Kebijakan Industri Daerah", "87.122.000", "76.294.500", "87,57"),
        ],
    ),
    (
        "3.31.19",
        "IND",
        "Program Pengembangan Sentra-Sentra Industri Potensial",
        "1.410.893.000",
        "1.083.789.941",
        "76,82",
        [
            ("Pendampingan/Pengembangan Produk OVOP", "732.323.000", "485.594.400", "66,31"),
            ("Pengembangan Sentra Industri Kecil (DBHCHT)", "350.000.000", "307.075.069", "87,84"),
            ("Dekranasda", "328.570.000", "291.119.851", "88,60"),
        ],
    ),
    (
        "2.07.06",
        "SEKRE",
        "Program Perencanaan Pembangunan Daerah",
        "27.500.000",
        "26.707.890",
        "97,72",
        [
            ("Penyusunan Renja SKPD", "17.500.000", "16.884.225", "96,48"),
            ("Penyusunan Renstra SKPD", "10.000.000", "9.823.665", "98,24"),
        ],
    ),
]

# Sections the report prints in English number style: the demo writes them as text, as a bidang
# pasting from that document would, so the reader's text handling is exercised.
TEXT_STYLE_PROGRAMS = frozenset({"2.07.15", "3.31.16"})

# Bab II, the programs of the signed Perjanjian Kinerja 2017 as printed (14 rows, the last funded by the
# APBN and absent from the DPA), with the stated JUMLAH. (program kode of the DPA or "", nama, anggaran,
# sumber anggaran, sasaran served: the program → sasaran mapping is illustrative, from the report's structure).
PK_PROGRAMS = [
    ("2.07.01", "Program Pelayanan Administrasi Perkantoran", "399.900.000", "APBD II", S1),
    ("2.07.02", "Program Peningkatan Sarana Prasarana Aparatur", "1.092.953.000", "APBD II", S1),
    ("2.07.03", "Program Peningkatan Kapasitas Sumber Daya Aparatur", "39.759.000", "APBD II", S1),
    (
        "2.07.04",
        "Program Peningkatan Pengembangan Sistem Pelaporan Capaian Kinerja dan Keuangan",
        "25.000.000",
        "APBD II",
        S1,
    ),
    ("2.07.06", "Program Perencanaan Pembangunan Daerah", "27.500.000", "APBD II", S1),
    ("2.07.15", "Program Peningkatan Kualitas dan Produktifitas Tenaga Kerja", "1.936.414.000", "APBD II", S2),
    ("2.07.16", "Program Peningkatan Kesempatan Kerja", "1.562.142.000", "APBD II", S2),
    ("2.07.17", "Program Perlindungan dan Pengembangan Lembaga Ketenagakerjaan", "288.759.000", "APBD II", S2),
    (
        "3.31.16",
        "Program Pengembangan Kewirausahaan dan Keunggulan Kompetitif Usaha Kecil Menengah",
        "80.180.000",
        "APBD II",
        S4,
    ),
    (
        "3.31.17",
        "Program Pengembangan Sistem Pendukung Usaha Bagi Usaha Mikro Kecil Menengah",
        "170.000.000",
        "APBD II",
        S4,
    ),
    ("3.31.18", "Program Penataan Struktur Industri", "70.292.000", "APBD II", S5),
    ("3.31.19", "Program Pengembangan Sentra-sentra Industri Potensial", "1.230.893.000", "APBD II", S5),
    ("2.08.15", "Program Pengembangan Wilayah Transmigrasi", "335.002.000", "APBD II", S3),
    ("", "Peningkatan Kompetensi Tenaga Kerja dan Produktivitas", "516.540.000", "APBN", S2),
]
PK_TOTAL = "7.775.334.000"

# Bab I.D, SDM aparatur as printed: per breakdown its rows (label, count; '- orang' typed as 0) and its
# typed Jumlah. The golongan/ruang rows add up to 76 where the report's total says 74.
SDM = {
    "jabatan": (
        [
            ("Kepala (Eselon II.b)", 1),
            ("Sekretaris (Eselon III.a)", 0),
            ("Kepala Bidang (Eselon III.a)", 0),
            ("Kepala Bidang (Eselon III.b)", 3),
            ("Kepala Sub Bagian (Eselon IV.a)", 2),
            ("Kepala BLK (Eselon IV.a)", 0),
            ("Kepala Sub Bidang (Eselon IV.a)", 7),
            ("Kepala Subbag TU BLK (Eselon IV.b)", 1),
            ("Pejabat Fungsional Khusus", 41),
            ("Pejabat Fungsional Umum", 19),
        ],
        74,
    ),
    "golongan": (
        [
            ("Gol. Ruang IV.c", 1),
            ("Gol. Ruang IV.b", 8),
            ("Gol. Ruang IV.a", 3),
            ("Gol. Ruang III.d", 23),
            ("Gol. Ruang III.c", 10),
            ("Gol. Ruang III.b", 18),
            ("Gol. Ruang III.a", 5),
            ("Gol. Ruang II.d", 3),
            ("Gol. Ruang II.c", 2),
            ("Gol. Ruang II.b", 2),
            ("Gol. Ruang II.a", 1),
        ],
        74,
    ),
    "pendidikan": (
        [("Pasca Sarjana", 3), ("Sarjana", 46), ("Sarjana Muda", 8), ("SLTA", 16), ("SLTP", 1)],
        74,
    ),
}
