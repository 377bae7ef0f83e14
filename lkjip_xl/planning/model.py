"""The planning data (master) as plain dataclasses: instansi, bidang, indikator, riwayat, DPA, settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lkjip_xl.planning.rules import (
    DEFAULT_BANDS,
    DEFAULT_RUMUS_NEGATIF,
    DEFAULT_TOLERANSI,
    JUMLAH,
    NILAI_AKHIR,
    PERMENDAGRI_86_BANDS,
    PREDIKAT_KATEGORI,
    PREDIKAT_PERMENDAGRI,
    Band,
)


@dataclass(frozen=True)
class Instansi:
    nama: str
    pemda: str
    tahun: int
    renstra_awal: int
    renstra_akhir: int


@dataclass(frozen=True)
class Bidang:
    kode: str
    nama: str


@dataclass(frozen=True)
class Indikator:
    kode: str
    sasaran: str
    indikator: str
    satuan: str
    polaritas: str
    target: Decimal | None
    target_renstra: Decimal | None
    kumulatif: bool
    bidang: str
    keterangan: str = ""
    row: int = 0
    # indicator rules (issue 14); blank agregasi follows `kumulatif` (ya = jumlah, tidak = nilai akhir)
    agregasi: str = ""
    target_maks: Decimal | None = None  # upper bound of a `rentang` target (Target is the lower bound)
    batas_capaian: Decimal | None = None  # cap in percent units (120 = 120 %); None: no cap
    target_triwulan: tuple[Decimal | None, ...] = ()  # targets of TW I..IV, when the master gives them

    def __post_init__(self) -> None:
        # the two spellings of one rule stay in step: kumulatif is agregasi == jumlah
        if not self.agregasi:
            object.__setattr__(self, "agregasi", JUMLAH if self.kumulatif else NILAI_AKHIR)
        else:
            object.__setattr__(self, "kumulatif", self.agregasi == JUMLAH)

    @property
    def is_percent(self) -> bool:
        return self.satuan.strip() == "%"

    def target_tw(self, n: int) -> Decimal | None:
        """Target of quarter n (1..4), None when the master gives none."""
        return self.target_triwulan[n - 1] if len(self.target_triwulan) >= n else None


@dataclass(frozen=True)
class IndikatorKegiatan:
    """An output indicator of a kegiatan (sheet Indikator Kegiatan): what the Renja form measures besides Rupiah."""

    kegiatan_kode: str
    indikator: str
    satuan: str
    target: Decimal | None
    agregasi: str = JUMLAH
    row: int = 0


@dataclass(frozen=True)
class Riwayat:
    kode: str
    tahun: int
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    keterangan: str = ""


@dataclass(frozen=True)
class Kegiatan:
    program_kode: str
    program_nama: str
    kegiatan_kode: str
    kegiatan_nama: str
    bidang: str
    sumber_dana: str
    anggaran: int | None  # murni (DPA)
    row: int = 0
    anggaran_perubahan: int | None = None  # DPPA, when the APBD-Perubahan changed it
    pagu_renstra: int | None = None  # the kegiatan's budget over the whole Renstra period (E.81 column 5 Rp)
    realisasi_renstra_lalu: int | None = None  # Renstra realisasi of the years before this one (E.81 column 6 Rp)

    @property
    def anggaran_final(self) -> int | None:
        """The budget in force at year end: perubahan when present, else murni."""
        return self.anggaran if self.anggaran_perubahan is None else self.anggaran_perubahan


@dataclass(frozen=True)
class ProgramPK:
    """A program as stated in the signed Perjanjian Kinerja (Bab II), with the sasaran it serves."""

    program_kode: str
    program_nama: str
    sumber_dana: str
    anggaran: int | None
    sasaran: str = ""
    row: int = 0


@dataclass(frozen=True)
class Program:
    kode: str
    nama: str
    kegiatan: tuple[Kegiatan, ...]

    @property
    def anggaran(self) -> int:
        """The budget in force (perubahan where present), summed over its kegiatan."""
        return sum(k.anggaran_final or 0 for k in self.kegiatan)

    @property
    def anggaran_murni(self) -> int:
        return sum(k.anggaran or 0 for k in self.kegiatan)

    @property
    def sumber_dana(self) -> str:
        return ", ".join(dict.fromkeys(k.sumber_dana for k in self.kegiatan if k.sumber_dana))


@dataclass(frozen=True)
class Settings:
    rumus_negatif: str = DEFAULT_RUMUS_NEGATIF
    toleransi: Decimal = DEFAULT_TOLERANSI
    predikat: str = PREDIKAT_PERMENDAGRI  # bands of the Evaluasi Renja predikat: the preset, or the Kategori sheet


@dataclass
class Master:
    instansi: Instansi
    bidang: list[Bidang]
    indikator: list[Indikator]
    kegiatan: list[Kegiatan]
    riwayat: list[Riwayat] = field(default_factory=list)
    bands: list[Band] = field(default_factory=lambda: list(DEFAULT_BANDS))
    settings: Settings = field(default_factory=Settings)
    file: str = ""
    indikator_kegiatan: list[IndikatorKegiatan] = field(default_factory=list)
    program_pk: list[ProgramPK] = field(default_factory=list)
    pk_total: int | None = None  # the PK's own 'Jumlah' as stated (None: not stated)
    pk_total_row: int = 0

    @property
    def has_perubahan(self) -> bool:
        return any(k.anggaran_perubahan is not None for k in self.kegiatan)

    @property
    def anggaran_basis(self) -> str:
        """Which budget the tables show, said on every sheet that shows one."""
        if not self.has_perubahan:
            return "anggaran murni (DPA)"
        if all(k.anggaran_perubahan is not None for k in self.kegiatan):
            return "anggaran perubahan (DPPA)"
        return "anggaran perubahan (DPPA) bila ada, selain itu anggaran murni (DPA)"

    def sasaran_of_program(self) -> dict[str, str]:
        """program kode → the sasaran it serves (from the Program PK sheet)."""
        return {p.program_kode: p.sasaran for p in self.program_pk if p.program_kode and p.sasaran}

    def programs(self, bidang: str | None = None) -> list[Program]:
        """Programs in master order with their kegiatan (only `bidang`'s when given)."""
        order: dict[str, list[Kegiatan]] = {}
        names: dict[str, str] = {}
        for k in self.kegiatan:
            if bidang is not None and k.bidang != bidang:
                continue
            order.setdefault(k.program_kode, []).append(k)
            names.setdefault(k.program_kode, k.program_nama)
        return [Program(kode, names[kode], tuple(ks)) for kode, ks in order.items()]

    @property
    def predikat_bands(self) -> list[Band]:
        return list(self.bands) if self.settings.predikat == PREDIKAT_KATEGORI else list(PERMENDAGRI_86_BANDS)

    def bidang_by_kode(self) -> dict[str, Bidang]:
        return {b.kode: b for b in self.bidang}

    def indikator_of(self, bidang: str) -> list[Indikator]:
        return [i for i in self.indikator if i.bidang == bidang]

    def by_bidang(self) -> tuple[dict[str, list[Indikator]], dict[str, list[Kegiatan]]]:
        """Indicators and kegiatan grouped by owning bidang (master order kept): one pass for many files."""
        indikator: dict[str, list[Indikator]] = {}
        kegiatan: dict[str, list[Kegiatan]] = {}
        for i in self.indikator:
            indikator.setdefault(i.bidang, []).append(i)
        for k in self.kegiatan:
            kegiatan.setdefault(k.bidang, []).append(k)
        return indikator, kegiatan
