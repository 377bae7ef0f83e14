"""Findings: the one type every check returns, the catalogue of codes, and sorting."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is; errors make the command exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "Galat", "warning": "Peringatan", "info": "Info"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Code:
    """A catalogue entry: stable code, default severity, Indonesian title and what to do."""

    code: str
    severity: Severity
    title: str
    hint: str


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# The catalogue. Codes are stable: never renumber, only add. Families:
# B berkas (the file itself), N nilai (reading a cell), A anggaran, K kinerja,
# M master (planning data), G gabungan (the set of files in a merge),
# T triwulan (quarterly templates and merges: the quarter of a file, quarter values against the previous
# quarter's result, cumulative figures up to the quarter),
# S SDM (the Sekretariat's staff figures: three breakdowns of the same people, Bab I).
_CATALOGUE: tuple[Code, ...] = (
    # -- berkas
    Code("B001", E, "Berkas kosong", "Kirim ulang berkas hasil isian template; berkas ini 0 byte."),
    Code(
        "B002",
        E,
        "Bukan berkas Excel (.xlsx)",
        "Isi berkas ini teks/CSV walau namanya .xlsx. Buka template asli, isi, lalu simpan sebagai Excel Workbook (.xlsx).",
    ),
    Code("B003", E, "Format Excel lama (.xls) tidak didukung", "Buka di Excel lalu Simpan Sebagai 'Excel Workbook (.xlsx)'."),
    Code(
        "B004",
        E,
        "Format OpenDocument (.ods) tidak didukung",
        "Di LibreOffice pilih Simpan Sebagai, jenis berkas 'Excel 2007-365 (.xlsx)'.",
    ),
    Code(
        "B005",
        E,
        "Berkas dilindungi kata sandi",
        "Buka berkas, hapus kata sandi (Info > Lindungi Buku Kerja), lalu simpan ulang tanpa kata sandi.",
    ),
    Code(
        "B006",
        E,
        "Berkas rusak atau terpotong",
        "Berkas tidak dapat dibuka sebagai .xlsx (mungkin lampiran email terpotong). Minta bidang mengirim ulang.",
    ),
    Code(
        "B007",
        E,
        "Berkas ditolak: isi terkompresi terlalu besar",
        "Isi berkas jauh melebihi ukuran wajar template (kemungkinan 'zip bomb'). Minta berkas asli dari template.",
    ),
    Code(
        "B008",
        E,
        "Berkas ditolak: XML berisi deklarasi entitas",
        "Berkas memuat DOCTYPE/ENTITY yang tidak pernah dibuat Excel. Minta berkas asli dari template.",
    ),
    Code("B009", E, "Bukan berkas (sebuah folder)", "Hapus atau ganti nama folder ini; isi kotak masuk harus berkas .xlsx."),
    Code(
        "B010",
        E,
        "Bukan template bidang",
        "Berkas tidak memuat lembar 'Kinerja' maupun 'Anggaran'. Gunakan template dari Sekretariat (lkjip-xl template).",
    ),
    Code("B011", INFO, "Berkas kunci Office dilewati", "Berkas '~$…' dibuat Office saat berkas sedang dibuka; abaikan."),
    Code(
        "B012",
        W,
        "Berkas mengandung makro",
        "Makro tidak pernah dijalankan; hanya data yang dibaca. Sebaiknya simpan sebagai .xlsx biasa.",
    ),
    Code(
        "B013",
        E,
        "Bidang berkas tidak dikenali",
        "Lembar metadata tidak ada dan nama berkas tidak memuat kode/nama bidang. Gunakan template dari Sekretariat atau beri nama berkas sesuai bidang.",
    ),
    Code("B014", INFO, "Berkas bukan lembar kerja dilewati", "Hanya berkas .xlsx/.xlsm yang dibaca."),
    Code(
        "B015",
        E,
        "Lembar terlalu besar",
        "Lembar melebihi batas baris/kolom yang wajar untuk template. Hapus isi di luar tabel template.",
    ),
    Code("B016", W, "Data tersembunyi", "Baris/lembar tersembunyi tetap dibaca sebagai data. Tampilkan dan periksa isinya."),
    Code(
        "B017",
        W,
        "Rumus merujuk berkas lain",
        "Nilai diambil dari berkas lain yang tidak ikut terkirim. Ganti rumus dengan nilainya (Tempel Nilai).",
    ),
    Code(
        "B018",
        E,
        "Metadata berkas tidak sesuai master",
        "Tahun/instansi/bidang pada lembar metadata berbeda dengan master. Gunakan template tahun ini dari Sekretariat.",
    ),
    Code("B019", E, "Lembar wajib tidak ada", "Tambahkan lembar yang hilang dari template asli."),
    Code(
        "B020",
        E,
        "Kolom wajib tidak ditemukan",
        "Baris judul kolom tidak memuat label yang diperlukan. Salin baris judul dari template asli.",
    ),
    Code(
        "B021",
        W,
        "Judul kolom ganda",
        "Label kolom yang sama muncul dua kali; hanya kolom pertama yang dibaca. Hapus salah satunya.",
    ),
    Code("B022", W, "Sel tergabung di area data", "Pisahkan sel tergabung (Unmerge) agar setiap baris punya nilainya sendiri."),
    Code(
        "B023",
        INFO,
        "Persentase belum dihitung ulang",
        "Rumus persentase tidak punya nilai tersimpan (berkas belum dihitung ulang). Buka dan simpan di Excel/LibreOffice agar dapat dibandingkan.",
    ),
    Code("B024", E, "Berkas tidak dapat dibaca", "Buka berkas di Excel, periksa isinya, simpan ulang sebagai .xlsx."),
    Code(
        "B025",
        INFO,
        "Baris teks tanpa kode tidak dibaca",
        "Judul, catatan atau blok tanda tangan (tanpa kode dan tanpa angka) tidak digabung; tidak perlu tindakan. "
        "Penjelasan untuk satu kegiatan/indikator sebaiknya ditulis di kolom Keterangan barisnya.",
    ),
    Code(
        "B026",
        INFO,
        "Baris judul berulang",
        "Baris ini mengulang judul kolom di tengah tabel dan tidak dibaca sebagai data. Hapus baris itu.",
    ),
    Code(
        "B027",
        INFO,
        "Master di kotak masuk dilewati",
        "Berkas master ikut berada di folder berkas bidang; ia tidak dibaca sebagai berkas bidang. Boleh dibiarkan di sana.",
    ),
    # B028–B039: files as bidang staff make them (issue 12)
    Code(
        "B028",
        INFO,
        "Lembar dipilih dari beberapa yang mirip",
        "Beberapa lembar dapat dimaksud; yang paling cocok dibaca, yang lain diabaikan. Hapus lembar salinan yang tidak dipakai.",
    ),
    Code(
        "B029",
        W,
        "Tabel ditemukan di lembar lain",
        "Tabel dikenali dari baris judulnya di lembar yang tidak semestinya dan tetap dibaca. "
        "Sebaiknya pindahkan ke lembarnya sendiri (Kinerja / Anggaran).",
    ),
    Code(
        "B030",
        W,
        "Angka dalam ribuan/jutaan rupiah",
        "Judul kolom menyatakan satuan ribuan/jutaan; angkanya dikalikan menjadi Rupiah. Sebaiknya isi dalam Rupiah penuh.",
    ),
    Code(
        "B031",
        INFO,
        "Kinerja dan Anggaran bidang dalam dua berkas",
        "Kedua berkas digabung karena masing-masing memuat lembar yang berbeda. Tidak perlu tindakan.",
    ),
    # -- nilai (reading a cell)
    Code(
        "N001", W, "Angka ditulis sebagai teks", "Ketik angka tanpa titik ribuan, 'Rp' atau '%', atau biarkan format sel Angka."
    ),
    Code("N002", E, "Teks tidak dapat dibaca sebagai angka", "Isi sel dengan angka saja (tanpa satuan atau keterangan)."),
    Code("N003", E, "Sel berisi galat rumus", "Perbaiki rumus atau ketik nilainya langsung."),
    Code(
        "N004",
        W,
        "Nilai persen tersimpan sebagai pecahan",
        "Sel berformat persen: 116,52% tersimpan sebagai 1,1652 dan dibaca 116,52. Sebaiknya ketik 116,52 tanpa tanda %.",
    ),
    Code(
        "N005",
        W,
        "Nilai persen tampak 100 kali terlalu kecil",
        "Kolom ini dalam satuan persen (55,35 berarti 55,35%). Periksa apakah yang dimaksud 100 kali lebih besar.",
    ),
    Code(
        "N006", E, "Nilai bukan angka terhingga", "Ketik angka biasa; nilai ini (tak hingga/NaN/terlalu besar) tidak masuk akal."
    ),
    Code("N007", E, "Tanggal di kolom angka", "Sel berisi tanggal; ubah format sel menjadi Angka dan ketik nilainya."),
    Code("N008", W, "Rupiah berpecahan dibulatkan", "Rupiah dicatat tanpa sen; nilai dibulatkan ke rupiah terdekat."),
    Code("N009", E, "Teks terlalu panjang", "Sel berisi teks sangat panjang; persingkat isinya."),
    # -- anggaran
    Code("A001", E, "Realisasi melebihi anggaran", "Periksa realisasi; realisasi tidak boleh melebihi anggaran."),
    Code("A002", E, "Nilai negatif", "Anggaran dan realisasi tidak boleh negatif."),
    Code(
        "A003",
        E,
        "Persentase realisasi tidak sesuai",
        "Realisasi (%) harus = Realisasi / Anggaran × 100. Pulihkan rumus template.",
    ),
    Code(
        "A004",
        E,
        "Jumlah program tidak sama dengan jumlah kegiatan",
        "Total program diketik menimpa rumus. Pulihkan rumus penjumlahan template.",
    ),
    Code(
        "A005",
        E,
        "Anggaran berbeda dengan master (DPA)",
        "Anggaran adalah data perencanaan; nilai master yang dipakai. Jangan mengubah kolom Anggaran.",
    ),
    Code("A006", E, "Realisasi kegiatan kosong", "Isi Realisasi (Rp) kegiatan ini (ketik 0 bila memang tidak ada realisasi)."),
    Code("A007", E, "Kegiatan bidang ini tidak ada di berkas", "Tambahkan kembali baris kegiatan dari template asli."),
    Code("A008", E, "Kode tidak dikenal", "Kode tidak ada di master DPA. Gunakan kode dari template."),
    Code("A009", E, "Kode milik bidang lain", "Baris ini milik bidang lain dan tidak digabung. Hapus baris ini dari berkas."),
    Code("A010", E, "Kode ganda", "Kode muncul lebih dari sekali; hanya baris pertama yang digabung. Hapus baris ganda."),
    Code("A011", E, "Baris tanpa kode", "Setiap baris berisi angka harus punya Kode; salin kode dari template."),
    # A012–A019: issue 12
    Code(
        "A012",
        W,
        "Kode ditulis berbeda dari master",
        "Kode dicocokkan dengan satu-satunya kode master yang sama (huruf besar/kecil, spasi, nol di depan). "
        "Sebaiknya salin kode persis dari template.",
    ),
    Code(
        "A013",
        E,
        "Baris jumlah tidak sama dengan yang dijumlahkan",
        "Baris JUMLAH/TOTAL tidak sama dengan jumlah baris di atasnya (hitungan lkjip-xl). Periksa angka atau rumus jumlahnya.",
    ),
    Code(
        "A014",
        E,
        "Rupiah tampak dalam ribuan/jutaan",
        "Angka ini kira-kira 1.000 atau 1.000.000 kali lebih kecil dari anggarannya dan tidak digabung sebagai Rupiah. "
        "Isi dalam Rupiah penuh, atau nyatakan satuannya di judul kolom (mis. 'Realisasi (Ribu Rp)').",
    ),
    # -- kinerja
    Code("K001", E, "Realisasi indikator kosong", "Isi Realisasi indikator; kosong tidak sama dengan 0."),
    Code(
        "K002",
        E,
        "Target berbeda dengan master (Perjanjian Kinerja)",
        "Target adalah data perencanaan; nilai master yang dipakai. Jangan mengubah kolom Target.",
    ),
    Code(
        "K003",
        E,
        "Capaian (%) tidak sesuai perhitungan",
        "Capaian harus dihitung sesuai polaritas indikator. Pulihkan rumus template.",
    ),
    Code("K004", W, "Capaian tidak wajar (di bawah 0% atau di atas 200%)", "Periksa realisasi dan satuannya."),
    Code(
        "K005",
        W,
        "Capaian di bawah 100% tanpa keterangan",
        "LKjIP wajib menjelaskan penyebab capaian belum tercapai. Isi Keterangan, atau Faktor Penghambat dan Upaya / "
        "Tindak Lanjut.",
    ),
    Code("K006", E, "Indikator bidang ini tidak ada di berkas", "Tambahkan kembali baris indikator dari template asli."),
    Code("K007", E, "Kode indikator tidak dikenal", "Kode tidak ada di master Perjanjian Kinerja. Gunakan kode dari template."),
    Code(
        "K008", E, "Indikator milik bidang lain", "Baris ini milik bidang lain dan tidak digabung. Hapus baris ini dari berkas."
    ),
    Code(
        "K009", E, "Kode indikator ganda", "Kode muncul lebih dari sekali; hanya baris pertama yang digabung. Hapus baris ganda."
    ),
    Code(
        "K011", E, "Baris indikator tanpa kode", "Setiap baris berisi angka harus punya Kode Indikator; salin kode dari template."
    ),
    Code(
        "K010", E, "Capaian tidak dapat dihitung", "Target 0 atau kosong: capaian tidak dapat dihitung. Periksa target di master."
    ),
    Code(
        "K030",
        INFO,
        "Capaian dibatasi",
        "Capaian melebihi Batas Capaian (%) indikator di master; yang ditampilkan nilai batas, hitungan tanpa batas ada di "
        "kolom Tertulis temuan ini.",
    ),
    Code(
        "K020",
        W,
        "Capaian di bawah 100% tanpa faktor penghambat atau upaya",
        "Keterangan sudah diisi, tetapi Bab III menguraikan penyebab dan upayanya dari kolom faktor. Isi Faktor "
        "Penghambat dan/atau Upaya / Tindak Lanjut.",
    ),
    # K012–K019: issue 12
    Code(
        "K012",
        W,
        "Kode indikator ditulis berbeda dari master",
        "Kode dicocokkan dengan satu-satunya kode master yang sama (huruf besar/kecil, spasi, nol di depan). "
        "Sebaiknya salin kode persis dari template.",
    ),
    # -- master
    Code("M001", E, "Rentang kategori tumpang tindih", "Perbaiki batas bawah/atas kategori di lembar Pengaturan."),
    Code("M002", E, "Rentang kategori berlubang", "Rentang kategori harus bersambung tanpa celah di lembar Pengaturan."),
    Code("M003", E, "Polaritas tidak dikenal", "Isi polaritas dengan 'positif', 'negatif' atau 'rentang'."),
    Code("M004", E, "Bidang pemilik tidak ada", "Kode bidang harus terdaftar di lembar Bidang."),
    Code("M005", E, "Kode ganda di master", "Setiap kode harus unik."),
    Code("M006", E, "Target tidak diisi", "Isi target tahun berjalan untuk indikator ini."),
    Code("M007", E, "Lembar master tidak ada atau kolomnya tidak lengkap", "Gunakan master dari 'lkjip-xl init'."),
    Code("M008", E, "Nilai pengaturan tidak valid", "Perbaiki nilai di lembar Pengaturan."),
    Code("M009", E, "Kegiatan tanpa program", "Setiap kegiatan harus berada di bawah program yang terdaftar."),
    Code("M010", E, "Anggaran tidak diisi atau tidak valid", "Isi anggaran (Rp) kegiatan sesuai DPA."),
    Code("M011", E, "Data wajib master kosong", "Lengkapi sel yang kosong."),
    Code(
        "M020",
        E,
        "Rentang target tidak valid",
        "Polaritas rentang memakai Target sebagai batas bawah dan Target Maksimum sebagai batas atas; isi keduanya, "
        "Target Maksimum tidak lebih kecil dari Target.",
    ),
    Code(
        "M021",
        W,
        "Target triwulan tidak sesuai target tahunan",
        "Isi keempat Target TW I–IV sehingga menurut agregasi indikator (jumlah, nilai akhir, rata-rata, maksimum) "
        "hasilnya sama dengan Target Tahun Ini, atau kosongkan semuanya.",
    ),
    Code(
        "M022",
        E,
        "Agregasi tidak dikenal",
        "Isi Agregasi dengan 'jumlah', 'nilai akhir', 'rata-rata' atau 'maksimum' (kolom lama Kumulatif: 'ya'/'tidak').",
    ),
    Code("M023", E, "Batas capaian di bawah 100 %", "Isi Batas Capaian (%) dengan angka ≥ 100 (mis. 120), atau kosongkan."),
    Code(
        "M024",
        E,
        "Indikator keluaran untuk kegiatan yang tidak ada",
        "Kode kegiatan di lembar Indikator Kegiatan harus ada di lembar Anggaran.",
    ),
    Code("M025", W, "Target indikator keluaran kosong", "Isi target indikator keluaran kegiatan di lembar Indikator Kegiatan."),
    Code("M026", E, "Predikat Evaluasi Renja tidak dikenal", "Isi 'Permendagri 86/2017' atau 'Kategori' di lembar Pengaturan."),
    Code(
        "M027",
        W,
        "Periode Renstra berakhir",
        "Master tahun baru berada di luar periode Renstra: isi Renstra Tahun Awal/Akhir periode baru di lembar Instansi "
        "dan target akhir Renstra di lembar Indikator.",
    ),
    Code(
        "M012",
        E,
        "Jumlah anggaran Perjanjian Kinerja tidak sama dengan jumlah barisnya",
        "Periksa baris Jumlah di lembar Program PK: ia harus sama dengan jumlah anggaran program di atasnya.",
    ),
    Code("M013", E, "Anggaran perubahan negatif", "Isi Anggaran Perubahan (Rp) sesuai DPPA, atau kosongkan bila tidak berubah."),
    Code(
        "M014",
        W,
        "Program Perjanjian Kinerja tidak ada di DPA",
        "Isi Kode Program sesuai lembar Anggaran, atau kosongkan bila program itu memang tidak ada di DPA (mis. dana APBN).",
    ),
    Code(
        "M015",
        W,
        "Sasaran program tidak dikenal",
        "Salin sasaran persis seperti di lembar Indikator agar program terhubung ke sasarannya (analisis efisiensi).",
    ),
    Code(
        "M016",
        W,
        "Anggaran program di Perjanjian Kinerja berbeda dengan DPA",
        "PK ditandatangani atas DPA (anggaran murni). Bila anggaran berubah, isi Anggaran Perubahan (Rp) dan revisi PK.",
    ),
    Code(
        "M017",
        E,
        "Pagu atau realisasi Renstra kegiatan negatif",
        "Isi Pagu Renstra (Rp) dan Realisasi Renstra s.d. Tahun Lalu (Rp) dengan Rupiah 0 atau lebih sesuai dokumen "
        "Renstra, atau kosongkan bila belum diketahui (kosong bukan 0).",
    ),
    # -- sdm (Bab I staff figures, the Sekretariat's SDM sheet)
    Code(
        "S001",
        E,
        "Jumlah pegawai tertulis tidak sama dengan jumlah barisnya",
        "Periksa angka setiap baris rincian dan baris Jumlah-nya di lembar SDM; keduanya harus cocok.",
    ),
    Code(
        "S002",
        E,
        "Rincian pegawai tidak menghitung orang yang sama",
        "Rincian menurut jabatan, golongan/ruang dan pendidikan adalah pegawai yang sama: jumlahnya harus sama.",
    ),
    Code(
        "S003",
        W,
        "Rincian pegawai tidak lengkap",
        "Isi ketiga rincian (jabatan, golongan/ruang, pendidikan) beserta baris Jumlah-nya.",
    ),
    Code("S004", E, "Jumlah pegawai negatif", "Ketik jumlah pegawai 0 atau lebih."),
    Code(
        "S005",
        W,
        "Lembar SDM tidak ada",
        "Berkas Sekretariat dibuat dari template lama atau lembarnya dihapus. Gunakan template tahun ini dan isi lembar SDM.",
    ),
    Code("S006", W, "Jumlah pegawai kosong", "Ketik 0 bila tidak ada pegawai pada baris ini; kosong tidak sama dengan 0."),
    # -- gabungan
    Code("G001", E, "Bidang tanpa berkas", "Bidang ini belum mengirim berkas. Minta berkasnya sebelum LKjIP difinalkan."),
    Code(
        "G002",
        E,
        "Dua berkas untuk bidang yang sama",
        "Dua berkas memuat lembar yang sama untuk bidang ini, jadi tidak ada yang digabung. Satukan isinya dalam satu "
        "berkas, atau pindahkan dari kotak masuk hanya berkas yang seluruh isinya juga ada di berkas lain.",
    ),
    Code("G003", E, "Bidang tidak ada di master", "Periksa kode bidang di lembar metadata atau nama berkas."),
    Code("G004", E, "Berkas untuk tahun atau instansi lain", "Gunakan template tahun ini dari Sekretariat."),
    # -- triwulan
    Code(
        "T001",
        E,
        "Berkas untuk triwulan lain",
        "Berkas ini bukan template triwulan yang sedang digabung (lembar _meta, Triwulan); tidak digabung. "
        "Minta bidang mengisi template triwulan ini (lkjip-xl template --triwulan N).",
    ),
    Code(
        "T002",
        E,
        "Berkas triwulan di penggabungan tahunan",
        "Realisasi berkas triwulan hanya sampai triwulannya. Gabungkan dengan --triwulan N, atau buat laporan tahunan "
        "dari hasil triwulan IV.",
    ),
    Code(
        "T003",
        E,
        "Realisasi s.d. triwulan tidak sesuai triwulannya",
        "Kolom Realisasi s.d. Triwulan adalah rumus dari kolom TW menurut agregasi indikator; nilai hitungan yang dipakai. "
        "Pulihkan rumus template.",
    ),
    Code(
        "T004",
        E,
        "Realisasi kumulatif turun",
        "Indikator beragregasi jumlah tidak boleh turun dari triwulan ke triwulan dan nilai triwulannya tidak boleh "
        "negatif. Periksa nilai triwulan dan jelaskan koreksinya di Keterangan.",
    ),
    Code(
        "T005",
        W,
        "Nilai triwulan lalu berubah",
        "Nilai triwulan sebelumnya berbeda dengan hasil triwulan lalu. Bila memang koreksi, jelaskan di Keterangan; "
        "bila tidak, kembalikan nilai yang sudah dilaporkan.",
    ),
    Code(
        "T006",
        E,
        "Realisasi triwulan kosong",
        "Isi realisasi setiap triwulan sampai triwulan ini (0 bila memang nol); tanpa itu realisasi s.d. triwulan "
        "tidak dapat dihitung.",
    ),
    # G005–G009: issue 12
    Code(
        "G005",
        E,
        "Berkas bidang datang tetapi tidak dapat dipakai",
        "Bidang ini sudah mengirim berkas, tetapi berkasnya tidak dapat dibaca (lihat temuan berkas itu). "
        "Minta bidang menyimpan ulang sebagai .xlsx dan mengirimnya lagi.",
    ),
)

CATALOGUE: dict[str, Code] = {c.code: c for c in _CATALOGUE}

_CELL_RE = re.compile(r"^([A-Z]{1,3})(\d+)$")


def col_letter(col: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int) -> str:
    """1-based Excel row and 0-based column → A1 reference."""
    return f"{col_letter(col)}{row}"


def _cell_key(cell: str) -> tuple[int, int]:
    m = _CELL_RE.match(cell or "")
    if not m:
        return (0, 0)
    col = 0
    for ch in m.group(1):
        col = col * 26 + (ord(ch) - 64)
    return (int(m.group(2)), col)


@dataclass(frozen=True)
class Finding:
    """One data problem, located Excel-natively (file, sheet, A1 cell, row kode)."""

    code: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    kode: str = ""
    expected: str = ""
    actual: str = ""
    bidang: str = ""
    severity: Severity = field(default=Severity.ERROR)
    hint: str = ""

    @classmethod
    def make(cls, code: str, message: str, **kw: str) -> Finding:
        entry = CATALOGUE[code]
        kw.setdefault("hint", entry.hint)
        fields = {key: readable(value) for key, value in kw.items()}  # a file name may not be valid text
        return cls(code=code, message=readable(message), severity=entry.severity, **fields)  # type: ignore[arg-type]

    @property
    def title(self) -> str:
        return CATALOGUE[self.code].title

    @property
    def location(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""

    def sort_key(self) -> tuple[str, str, int, int, str, str, str]:
        row, col = _cell_key(self.cell)
        return (self.file, self.sheet, row, col, self.code, self.kode, self.message)

    def to_dict(self) -> dict[str, str]:
        d = asdict(self)
        d["severity"] = self.severity.value
        return {k: d[k] for k in _JSON_FIELDS}


def readable(text: str) -> str:
    """Text that can be shown, stored and encoded. A file name that is not valid UTF-8 keeps its bytes as
    surrogates (Linux); each such byte is read as Windows-1252, the usual encoding of such e-mail attachment
    names ('\\udcc9' → 'É'). Other lone surrogates become '\\ufffd'. polars, JSON and the console refuse them."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(bytes([code - 0xDC00]).decode("cp1252", "replace"))
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


_JSON_FIELDS = ("code", "severity", "bidang", "file", "sheet", "cell", "kode", "message", "expected", "actual", "hint")


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Deterministic order: file, sheet, row, column, code."""
    return sorted(set(findings), key=Finding.sort_key)


def count_by_severity(findings: list[Finding]) -> dict[Severity, int]:
    counts = {s: 0 for s in Severity}
    for f in findings:
        counts[f.severity] += 1
    return counts
