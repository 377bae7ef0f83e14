"""Validated rows → the consolidated LKjIP tables (capaian, comparison, Renstra, realisasi anggaran, summary)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lkjip_xl.checks.runner import FileSummary, Report
from lkjip_xl.findings import Finding
from lkjip_xl.numbers import round_half_up
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.rules import RUMUS_NEGATIF, Band, capaian, kategori


@dataclass
class KinerjaRow:
    """One indicator in the finished report (master order; values from the bidang file, target from the master)."""

    no: int  # number of its sasaran (1, 2, …), shown on the sasaran's first row
    sasaran: str
    kode: str
    indikator: str
    satuan: str
    polaritas: str
    bidang: str
    target: float | None
    realisasi: float | None
    capaian: float | None
    kategori: str
    keterangan: str = ""
    capaian_lalu: float | None = None
    tren: str = ""  # naik / tetap / turun / "" (not comparable)
    target_renstra: float | None = None
    realisasi_renstra: float | None = None
    capaian_renstra: float | None = None
    kumulatif: bool = False
    catatan_renstra: str = ""
    faktor_pendorong: str = ""
    faktor_penghambat: str = ""
    upaya: str = ""


@dataclass
class AnggaranRow:
    """A program (totals computed from its kegiatan) or a kegiatan of the DPA."""

    level: str  # "program" | "kegiatan"
    kode: str
    nama: str
    sumber_dana: str
    bidang: str
    anggaran: int
    realisasi: int | None  # None: not reported (file missing or rejected)
    program_kode: str = ""
    anggaran_murni: int = 0  # DPA; `anggaran` is the budget in force (DPPA when changed)

    @property
    def persen(self) -> float | None:
        if self.realisasi is None or not self.anggaran:
            return None
        return self.realisasi / self.anggaran * 100

    @property
    def sisa(self) -> int:
        return self.anggaran - (self.realisasi or 0)


@dataclass
class Consolidated:
    """Everything the finished workbook shows."""

    master: Master
    kinerja: list[KinerjaRow]
    anggaran: list[AnggaranRow]
    findings: list[Finding]
    files: list[FileSummary]
    skipped: list[str] = field(default_factory=list)
    trail: Any = None  # compare.Trail of this run: written to the hidden sheet a later run compares against
    changes: Any = None  # compare.Changes since an earlier result (merge --sebelumnya): the Perubahan sheet
    sdm: Any = None  # the Sekretariat's SDM sheet as read (intake.sdm.SdmSheet), None when not checked

    @property
    def bands(self) -> list[Band]:
        return self.master.bands

    @property
    def rumus_negatif_label(self) -> str:
        r = self.master.settings.rumus_negatif
        return f"{r}: {RUMUS_NEGATIF[r]}"

    @property
    def programs(self) -> list[AnggaranRow]:
        return [r for r in self.anggaran if r.level == "program"]

    @property
    def kegiatan(self) -> list[AnggaranRow]:
        return [r for r in self.anggaran if r.level == "kegiatan"]

    @property
    def total_anggaran(self) -> int:
        return sum(r.anggaran for r in self.kegiatan)

    @property
    def total_realisasi(self) -> int:
        return sum(r.realisasi or 0 for r in self.kegiatan)

    @property
    def total_persen(self) -> float | None:
        return self.total_realisasi / self.total_anggaran * 100 if self.total_anggaran else None

    def kategori_counts(self) -> dict[str, int]:
        counts = Counter(r.kategori for r in self.kinerja if r.kategori)
        return {b.kategori: counts.get(b.kategori, 0) for b in self.bands}

    @property
    def rata_rata_capaian(self) -> float | None:
        values = [r.capaian for r in self.kinerja if r.capaian is not None]
        return sum(values) / len(values) if values else None

    def tren_counts(self) -> dict[str, int]:
        counts = Counter(r.tren or "tidak dapat dibandingkan" for r in self.kinerja)
        return {k: counts.get(k, 0) for k in ("naik", "tetap", "turun", "tidak dapat dibandingkan")}


def consolidate(report: Report, skipped: list[str] | None = None) -> Consolidated:
    master = report.master
    return Consolidated(
        master,
        _kinerja(report.kinerja, master),
        _anggaran(report.anggaran, master),
        report.findings,
        report.files,
        list(skipped or []),
        sdm=report.sdm,
    )


def _kinerja(frame: Any, master: Master) -> list[KinerjaRow]:
    # only the columns used, column-wise: iter_rows over every column cost more than the rest of this function
    wanted = ("kode", "realisasi", "realisasi_kecil", "keterangan", "faktor_pendorong", "faktor_penghambat", "upaya")
    got = {r["kode"]: r for r in frame.select(wanted).iter_rows(named=True)}
    rumus = master.settings.rumus_negatif
    year = master.instansi.tahun
    history = {(h.kode, h.tahun): h for h in master.riwayat}
    sasaran_no: dict[str, int] = {}
    rows = []
    for ind in master.indikator:
        no = sasaran_no.setdefault(ind.sasaran, len(sasaran_no) + 1)
        rec = got.get(ind.kode, {})
        target = None if ind.target is None else float(ind.target)
        realisasi = None if rec.get("realisasi_kecil") else rec.get("realisasi")
        value = capaian(target, realisasi, ind.polaritas, rumus)
        row = KinerjaRow(
            no,
            ind.sasaran,
            ind.kode,
            ind.indikator,
            ind.satuan,
            ind.polaritas,
            ind.bidang,
            target,
            realisasi,
            value,
            kategori(value, master.bands),
            rec.get("keterangan") or "",
            kumulatif=ind.kumulatif,
            target_renstra=None if ind.target_renstra is None else float(ind.target_renstra),
            faktor_pendorong=rec.get("faktor_pendorong") or "",
            faktor_penghambat=rec.get("faktor_penghambat") or "",
            upaya=rec.get("upaya") or "",
        )
        last = history.get((ind.kode, year - 1))
        row.capaian_lalu = _capaian_of(last, ind.polaritas, rumus) if last else None
        row.tren = _tren(row.capaian_lalu, value)
        row.realisasi_renstra, row.catatan_renstra = _renstra_realisasi(ind.kode, ind.kumulatif, realisasi, history, master)
        row.capaian_renstra = capaian(row.target_renstra, row.realisasi_renstra, ind.polaritas, rumus)
        rows.append(row)
    return rows


def _capaian_of(h: Any, polaritas: str, rumus: str) -> float | None:
    if h.capaian is not None:
        return float(h.capaian)
    t = None if h.target is None else float(h.target)
    r = None if h.realisasi is None else float(h.realisasi)
    return capaian(t, r, polaritas, rumus)


def _tren(last: float | None, now: float | None) -> str:
    if last is None or now is None:
        return ""
    a, b = round_half_up(last, 2), round_half_up(now, 2)
    return "naik" if b > a else "turun" if b < a else "tetap"


def _renstra_realisasi(
    kode: str, kumulatif: bool, now: float | None, history: dict[tuple[str, int], Any], master: Master
) -> tuple[float | None, str]:
    """Cumulative indicators sum every Renstra year up to this one; others take this year's value."""
    if not kumulatif:
        return now, ""
    inst = master.instansi
    years = range(inst.renstra_awal, inst.tahun)
    values = [history[(kode, y)].realisasi for y in years if (kode, y) in history and history[(kode, y)].realisasi is not None]
    missing = [str(y) for y in years if (kode, y) not in history or history[(kode, y)].realisasi is None]
    if now is None:
        return None, "realisasi tahun ini belum ada"
    total = now + sum(float(v) for v in values)
    note = f"tanpa realisasi tahun {', '.join(missing)} (tidak ada di riwayat)" if missing else ""
    return total, note


def _anggaran(frame: Any, master: Master) -> list[AnggaranRow]:
    import polars as pl

    reported = frame.filter(pl.col("is_kegiatan")).select("kode", "realisasi")
    got = dict(zip(reported["kode"].to_list(), reported["realisasi"].to_list(), strict=True))  # the last row per kode wins
    rows: list[AnggaranRow] = []
    for prog in master.programs():
        kegiatan = [
            AnggaranRow(
                "kegiatan",
                k.kegiatan_kode,
                k.kegiatan_nama,
                k.sumber_dana,
                k.bidang,
                k.anggaran_final or 0,
                got.get(k.kegiatan_kode),
                prog.kode,
                k.anggaran or 0,
            )
            for k in prog.kegiatan
        ]
        reported = [k.realisasi for k in kegiatan if k.realisasi is not None]
        owners = ", ".join(dict.fromkeys(k.bidang for k in prog.kegiatan))
        rows.append(
            AnggaranRow(
                "program",
                prog.kode,
                prog.nama,
                prog.sumber_dana,
                owners,
                prog.anggaran,
                sum(reported) if reported else None,
                anggaran_murni=prog.anggaran_murni,
            )
        )
        rows.extend(kegiatan)
    return rows
