"""Sheet 1, Ringkasan: the figures and the opening paragraph of Bab III."""

from __future__ import annotations

from typing import Any

from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.findings import Severity, count_by_severity
from lkjip_xl.numbers import format_id, format_pct
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheets.common import (
    SHEETS,
    instansi_line,
    join_id,
    pct_value,
)
from lkjip_xl.workbook.sheetwriter import SheetWriter
from lkjip_xl.xlsx.formats import a4_landscape

# ---- 1. Ringkasan ----------------------------------------------------------------------------------


class _Summary:
    """Writes the Ringkasan sheet top to bottom: sections of label/value rows and small tables."""

    def __init__(self, sw: SheetWriter, fmt: ReportFormats, row: int) -> None:
        self.sw, self.fmt, self.row = sw, fmt, row

    def section(self, title: str) -> None:
        self.row += 1
        self.sw.text(self.row, 0, title, self.fmt.section, measure=False)
        self.row += 1

    def header(self, labels: list[str]) -> None:
        self.sw.header(self.row, labels, self.fmt.header)
        self.row += 1

    def text(self, label: str, value: str) -> None:
        self.sw.text(self.row, 0, label, self.fmt.text)
        self.sw.text(self.row, 1, value, self.fmt.text)
        self.row += 1

    def number(self, label: str, value: float | None, num_fmt: Any, decimals: int = 0, note: str = "") -> None:
        self.sw.text(self.row, 0, label, self.fmt.text)
        self.sw.number(self.row, 1, value, num_fmt, decimals)
        if note:
            self.sw.text(self.row, 2, note, self.fmt.text)
        self.row += 1


def ringkasan(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    ws = wb.add_worksheet(SHEETS[0])
    sw = SheetWriter(ws, {0: 36, 1: 40, 2: 30})
    inst = c.master.instansi
    sw.text(0, 0, f"RINGKASAN LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN {inst.tahun}", fmt.title, measure=False)
    sw.text(1, 0, instansi_line(c), fmt.subtitle, measure=False)
    ws.freeze_panes(2, 0)
    a4_landscape(ws, (0, 1))
    s = _Summary(sw, fmt, 2)
    _summary_identitas(s, c)
    _summary_kinerja(s, c)
    _summary_anggaran(s, c)
    _summary_temuan_berkas(s, c)
    _summary_paragraph(s, c)
    sw.finish()


def _summary_identitas(s: _Summary, c: Consolidated) -> None:
    inst = c.master.instansi
    s.section("Identitas")
    s.text("Instansi", inst.nama)
    s.text("Pemerintah daerah", inst.pemda)
    s.number("Tahun laporan", inst.tahun, s.fmt.year)
    s.text("Periode Renstra", f"{inst.renstra_awal}–{inst.renstra_akhir}")


def _summary_kinerja(s: _Summary, c: Consolidated) -> None:
    inst = c.master.instansi
    s.section(f"Capaian kinerja tahun {inst.tahun}")
    s.header(["Kategori", "Rentang capaian", "Jumlah indikator"])
    counts = c.kategori_counts()
    for band in c.bands:
        s.sw.text(s.row, 0, band.kategori, s.fmt.text)
        s.sw.text(s.row, 1, band.label, s.fmt.text)
        s.sw.number(s.row, 2, counts[band.kategori], s.fmt.count)
        s.row += 1
    extra = [("Capaian tidak dapat dihitung", _not_computable(c), "target 0/kosong atau realisasi kosong")]
    outside = _outside_bands(c)
    if outside:
        extra.append(("Di luar rentang kategori", outside, "periksa rentang di master"))
    for label, count, note in extra:
        s.sw.text(s.row, 0, label, s.fmt.text)
        s.sw.text(s.row, 1, note, s.fmt.text)
        s.sw.number(s.row, 2, count, s.fmt.count)
        s.row += 1
    s.sw.text(s.row, 0, "Jumlah indikator", s.fmt.total_text)
    s.sw.text(s.row, 1, "", s.fmt.total_text)
    s.sw.number(s.row, 2, len(c.kinerja), s.fmt.total_count)
    s.row += 2
    s.number(
        "Rata-rata capaian (%)",
        pct_value(c.rata_rata_capaian),
        s.fmt.pct,
        2,
        "rata-rata indikator yang capaiannya dapat dihitung",
    )
    s.text("Rumus capaian indikator negatif", c.rumus_negatif_label)
    s.section(f"Perbandingan capaian dengan tahun {inst.tahun - 1}")
    s.header(["Keterangan", "Jumlah indikator"])
    for tren, count in c.tren_counts().items():
        s.number(tren, count, s.fmt.count)


def _not_computable(c: Consolidated) -> int:
    return sum(1 for r in c.kinerja if r.capaian is None)


def _outside_bands(c: Consolidated) -> int:
    return sum(1 for r in c.kinerja if r.capaian is not None and not r.kategori)


def _unreported(c: Consolidated) -> int:
    return sum(1 for r in c.kegiatan if r.realisasi is None)


def _summary_anggaran(s: _Summary, c: Consolidated) -> None:
    s.section("Realisasi anggaran")
    s.number("Jumlah program", len(c.programs), s.fmt.count)
    s.number("Jumlah kegiatan", len(c.kegiatan), s.fmt.count)
    s.number(
        "Kegiatan belum melaporkan realisasi",
        _unreported(c),
        s.fmt.count,
        note="dihitung 0 dalam jumlah realisasi" if _unreported(c) else "",
    )
    s.number("Jumlah anggaran (Rp)", c.total_anggaran, s.fmt.rupiah, note=c.master.anggaran_basis)
    s.number("Jumlah realisasi (Rp)", c.total_realisasi, s.fmt.rupiah)
    s.number("Realisasi (%)", pct_value(c.total_persen), s.fmt.pct, 2, "dari jumlah realisasi dan anggaran")
    s.number("Sisa anggaran (Rp)", c.total_anggaran - c.total_realisasi, s.fmt.rupiah)


def _summary_temuan_berkas(s: _Summary, c: Consolidated) -> None:
    s.section("Temuan pemeriksaan berkas")
    s.header(["Tingkat", "Jumlah temuan"])
    for severity, count in count_by_severity(c.findings).items():
        s.number(severity.label, count, s.fmt.count)
    s.section("Berkas bidang")
    merged = [f for f in c.files if f.merged]
    s.number("Berkas dibaca", len(c.files), s.fmt.count)
    s.number("Berkas digabung", len(merged), s.fmt.count)
    s.number("Berkas tidak digabung", len(c.files) - len(merged), s.fmt.count)
    s.number("Berkas dilewati (tidak dibaca)", len(c.skipped), s.fmt.count)
    s.number("Baris dibaca", sum(f.rows_read for f in c.files), s.fmt.count)
    s.number("Baris digabung", sum(f.rows_merged for f in c.files), s.fmt.count)
    s.number("Baris ditolak", sum(f.rows_rejected for f in c.files), s.fmt.count)


def _summary_paragraph(s: _Summary, c: Consolidated) -> None:
    s.section("Paragraf pembuka Bab III (dapat disalin)")
    s.sw.merge_text(s.row, 0, s.row, 2, bab3_paragraph(c), s.fmt.paragraph)
    s.row += 1
    errors = count_by_severity(c.findings)[Severity.ERROR]
    if errors:
        note = (
            f"Catatan: masih ada {format_id(errors)} temuan tingkat Galat (lihat lembar Temuan); "
            "angka di atas dapat berubah setelah berkas bidang diperbaiki."
        )
        s.sw.merge_text(s.row, 0, s.row, 2, note, s.fmt.note)
        s.row += 1


def bab3_paragraph(c: Consolidated) -> str:
    """The opening of Bab III, in Indonesian, from the consolidated figures."""
    return " ".join(p for p in (_kinerja_sentences(c), _tren_sentence(c), _anggaran_sentence(c)) if p)


def _kinerja_sentences(c: Consolidated) -> str:
    inst = c.master.instansi
    n = len(c.kinerja)
    opening = f"Pada tahun {inst.tahun}, {inst.nama} {inst.pemda}"
    if not n:
        return f"{opening} tidak memiliki indikator kinerja dalam data perencanaan."
    parts = [f"{format_id(k)} indikator berkategori {name}" for name, k in c.kategori_counts().items() if k]
    not_computable = _not_computable(c)
    detail = f"Dari {format_id(n)} indikator kinerja tersebut, "
    if parts:
        detail += join_id(parts)
        if not_computable:
            detail += f"; capaian {format_id(not_computable)} indikator tidak dapat dihitung"
    else:
        detail += "belum ada yang capaiannya dapat dihitung"
    average = c.rata_rata_capaian
    closing = f" Rata-rata capaian kinerja sebesar {format_pct(average)}." if average is not None else ""
    return f"{opening} menetapkan {format_id(n)} indikator kinerja dalam Perjanjian Kinerja. {detail}.{closing}"


def _tren_sentence(c: Consolidated) -> str:
    counts = c.tren_counts()
    if not c.kinerja:
        return ""
    parts = [f"{format_id(k)} indikator {name}" for name, k in counts.items() if k]
    return f"Dibandingkan tahun {c.master.instansi.tahun - 1}, capaian {join_id(parts)}."


def _anggaran_sentence(c: Consolidated) -> str:
    if not c.kegiatan:
        return "Data anggaran belum tersedia."
    persen = f" ({format_pct(c.total_persen)})" if c.total_persen is not None else ""
    text = (
        f"Realisasi anggaran sebesar Rp {format_id(c.total_realisasi)} dari anggaran Rp {format_id(c.total_anggaran)}"
        f"{persen} untuk {format_id(len(c.programs))} program dan {format_id(len(c.kegiatan))} kegiatan"
    )
    unreported = _unreported(c)
    if unreported:
        text += f"; {format_id(unreported)} kegiatan belum melaporkan realisasi"
    return text + "."
