"""Write the finished LKjIP workbook: summary, capaian tables, realisasi anggaran, findings, sources and charts."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkjip_xl.findings import CATALOGUE, Finding, Severity, col_letter, count_by_severity
from lkjip_xl.merge import AnggaranRow, Consolidated, KinerjaRow
from lkjip_xl.numbers import format_id, format_pct, round_half_up
from lkjip_xl.xlsx_style import ReportFormats, SheetWriter, a4_landscape, clean_text, new_workbook

SHEETS = (
    "Ringkasan",
    "Capaian Kinerja",
    "Perbandingan Capaian",
    "Capaian Renstra",
    "Realisasi Anggaran",
    "Temuan",
    "Sumber",
)
HEADER_ROW = 3  # rows 0-1: title and instansi, row 2 empty, row 3: table header
TIDAK_DAPAT_DIHITUNG = "tidak dapat dihitung"
TIDAK_DAPAT_DIBANDINGKAN = "tidak dapat dibandingkan"
SUM_ARGS = 250  # Excel allows 255 arguments per function

RowWriter = Callable[[int, KinerjaRow], None]


def write_workbook(c: Consolidated, path: Path) -> Path:
    """Write the workbook atomically: a temporary file beside `path`, flushed to disk, then renamed onto it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    _remove_stale_temporaries(path)
    try:
        _render(c, tmp)
        _fsync_file(tmp)
        os.replace(tmp, path)
    except BaseException:
        # an interrupted write must neither leave debris nor touch the previous output
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files left by a killed run (its process is gone) are removed; a live run's are left alone.

    POSIX only: on Windows, probing a process with os.kill would terminate it.
    """
    if os.name != "posix":
        return
    for stale in path.parent.glob(f".{path.name}.tmp-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            stale.unlink(missing_ok=True)
        except OSError:  # alive but not ours (EPERM): not stale
            continue


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX only: Windows cannot open a directory)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _render(c: Consolidated, path: Path) -> None:
    from lkjip_xl.charts import add_grafik

    inst = c.master.instansi
    wb = new_workbook(path, clean_text(f"LKjIP {inst.nama} {inst.pemda} {inst.tahun}"))
    fmt = ReportFormats(wb)
    _ringkasan(wb, fmt, c)
    _capaian_kinerja(wb, fmt, c)
    _perbandingan(wb, fmt, c)
    _renstra(wb, fmt, c)
    programs = _realisasi_anggaran(wb, fmt, c)
    _temuan(wb, fmt, c)
    _sumber(wb, fmt, c)
    add_grafik(wb, fmt, c, _kinerja_order(c.kinerja), programs)
    wb.close()


# ---- shared pieces ---------------------------------------------------------------------------------


def instansi_line(c: Consolidated) -> str:
    """The line under every sheet title: instansi and pemda."""
    inst = c.master.instansi
    return f"{inst.nama} {inst.pemda}"


def _table_sheet(
    wb: Any, fmt: ReportFormats, name: str, title: str, c: Consolidated, headers: list[str], caps: dict[int, int]
) -> SheetWriter:
    """A sheet with title, instansi, a styled header row frozen and repeated on every printed page."""
    ws = wb.add_worksheet(name)
    sw = SheetWriter(ws, caps)
    sw.text(0, 0, title, fmt.title, measure=False)
    sw.text(1, 0, instansi_line(c), fmt.subtitle, measure=False)
    sw.header(HEADER_ROW, headers, fmt.header)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    a4_landscape(ws, (HEADER_ROW, HEADER_ROW))
    return sw


def pct_value(value: float | None) -> float | None:
    """Capaian as shown in the report: rounded half up to 2 decimals, so the cell holds what it displays."""
    return None if value is None else float(round_half_up(value, 2))


def _quantity(sw: SheetWriter, fmt: ReportFormats, row: int, col: int, value: float | None) -> None:
    """A target or realisasi: whole numbers as 3.160, fractions with up to 2 decimals (18,11)."""
    if value is not None and float(value).is_integer():
        sw.number(row, col, value, fmt.count)
    else:
        sw.number(row, col, value, fmt.dec, 2)


def _kinerja_order(rows: list[KinerjaRow]) -> list[KinerjaRow]:
    """Indicators grouped by sasaran (master order kept inside each sasaran), as the report's tables show them."""
    return sorted(rows, key=lambda r: r.no)


def _sasaran_groups(rows: list[KinerjaRow]) -> list[list[KinerjaRow]]:
    groups: dict[tuple[int, str], list[KinerjaRow]] = {}
    for r in _kinerja_order(rows):
        groups.setdefault((r.no, r.sasaran), []).append(r)
    return list(groups.values())


def _sasaran_table(sw: SheetWriter, fmt: ReportFormats, rows: list[KinerjaRow], write_row: RowWriter) -> int:
    """NO and SASARAN once per sasaran, merged over its indicator rows; the rest by `write_row`. Returns the next row."""
    row = HEADER_ROW + 1
    for group in _sasaran_groups(rows):
        last = row + len(group) - 1
        sw.merge_number(row, 0, last, group[0].no, fmt.no)
        sw.merge_text(row, 1, last, 1, group[0].sasaran, fmt.text)
        for offset, r in enumerate(group):
            sw.text(row + offset, 2, r.indikator, fmt.text)
            write_row(row + offset, r)
        row = last + 1
    return row


def _join_id(items: list[str]) -> str:
    """Indonesian enumeration: a; a dan b; a, b, dan c."""
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


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


def _ringkasan(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
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
    s.number("Jumlah anggaran (Rp)", c.total_anggaran, s.fmt.rupiah)
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
        detail += _join_id(parts)
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
    return f"Dibandingkan tahun {c.master.instansi.tahun - 1}, capaian {_join_id(parts)}."


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


# ---- 2-4. Capaian tables ---------------------------------------------------------------------------


def _capaian_kinerja(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    headers = [
        "NO",
        "SASARAN STRATEGIS",
        "INDIKATOR KINERJA",
        "SATUAN",
        "TARGET",
        "REALISASI",
        "CAPAIAN (%)",
        "KATEGORI",
        "KETERANGAN",
    ]
    title = f"CAPAIAN KINERJA TAHUN {c.master.instansi.tahun}"
    sw = _table_sheet(wb, fmt, SHEETS[1], title, c, headers, {1: 40, 2: 45, 3: 10, 7: 20, 8: 40})

    def write_row(row: int, r: KinerjaRow) -> None:
        sw.text(row, 3, r.satuan, fmt.text)
        _quantity(sw, fmt, row, 4, r.target)
        _quantity(sw, fmt, row, 5, r.realisasi)
        sw.number(row, 6, pct_value(r.capaian), fmt.pct, 2)
        sw.text(row, 7, r.kategori if r.capaian is not None else TIDAK_DAPAT_DIHITUNG, fmt.text)
        sw.text(row, 8, r.keterangan, fmt.text)

    _sasaran_table(sw, fmt, c.kinerja, write_row)
    sw.finish()


def _perbandingan(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    year = c.master.instansi.tahun
    headers = ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", f"CAPAIAN {year - 1} (%)", f"CAPAIAN {year} (%)", "KETERANGAN"]
    title = f"PERBANDINGAN CAPAIAN KINERJA TAHUN {year} DENGAN TAHUN {year - 1}"
    sw = _table_sheet(wb, fmt, SHEETS[2], title, c, headers, {1: 45, 2: 45, 5: 26})

    def write_row(row: int, r: KinerjaRow) -> None:
        sw.number(row, 3, pct_value(r.capaian_lalu), fmt.pct, 2)
        sw.number(row, 4, pct_value(r.capaian), fmt.pct, 2)
        sw.text(row, 5, r.tren or TIDAK_DAPAT_DIBANDINGKAN, fmt.text)

    _sasaran_table(sw, fmt, c.kinerja, write_row)
    sw.finish()


def renstra_note(r: KinerjaRow, c: Consolidated) -> str:
    """How REALISASI S.D. is obtained (cumulative sum or this year's level), plus what is missing."""
    inst = c.master.instansi
    if r.kumulatif:
        parts = [f"kumulatif: jumlah realisasi {inst.renstra_awal}–{inst.tahun}"]
    else:
        parts = [f"tingkat: realisasi tahun {inst.tahun}"]
    if r.catatan_renstra:
        parts.append(r.catatan_renstra)
    if r.target_renstra is None:
        parts.append("target akhir Renstra belum ada di master")
    return "; ".join(parts)


def _renstra(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    inst = c.master.instansi
    headers = [
        "NO",
        "SASARAN STRATEGIS",
        "INDIKATOR KINERJA",
        f"TARGET AKHIR RENSTRA ({inst.renstra_akhir})",
        f"REALISASI S.D. {inst.tahun}",
        "CAPAIAN (%)",
        "CATATAN",
    ]
    title = f"CAPAIAN KINERJA TAHUN {inst.tahun} TERHADAP TARGET AKHIR RENSTRA {inst.renstra_awal}–{inst.renstra_akhir}"
    sw = _table_sheet(wb, fmt, SHEETS[3], title, c, headers, {1: 40, 2: 40, 6: 45})

    def write_row(row: int, r: KinerjaRow) -> None:
        _quantity(sw, fmt, row, 3, r.target_renstra)
        _quantity(sw, fmt, row, 4, r.realisasi_renstra)
        sw.number(row, 5, pct_value(r.capaian_renstra), fmt.pct, 2)
        sw.text(row, 6, renstra_note(r, c), fmt.text)

    _sasaran_table(sw, fmt, c.kinerja, write_row)
    sw.finish()


# ---- 5. Realisasi Anggaran -------------------------------------------------------------------------

# columns: A Kode, B Program/Kegiatan, C Sumber Dana, D Anggaran, E Realisasi, F %, G Sisa
COL_ANGGARAN, COL_REALISASI, COL_PERSEN, COL_SISA = 3, 4, 5, 6


def _persen_formula(n: int) -> str:
    """% realisasi of Excel row n, blank (not 0 %, not an error) when anggaran is 0/blank or realisasi blank."""
    return f'=IF(OR(D{n}="",D{n}=0,E{n}=""),"",E{n}/D{n}*100)'


def _sisa_formula(n: int) -> str:
    # N() reads a program's "" (nothing reported) as 0 instead of failing with #VALUE!
    return f"=D{n}-N(E{n})"


def _anggaran_groups(rows: list[AnggaranRow]) -> list[tuple[AnggaranRow | None, list[AnggaranRow]]]:
    """Each program with the kegiatan that follow it; kegiatan before any program form a group of their own."""
    groups: list[tuple[AnggaranRow | None, list[AnggaranRow]]] = []
    for r in rows:
        if r.level == "program":
            groups.append((r, []))
        elif groups:
            groups[-1][1].append(r)
        else:
            groups.append((None, [r]))
    return groups


@dataclass(frozen=True)
class ProgramTotal:
    """A program's totals as the workbook shows them (sums of the kegiatan rows written under it)."""

    kode: str
    nama: str
    anggaran: int
    realisasi: int | None


class _Anggaran:
    """Writes the Realisasi Anggaran rows; every formula carries the value Excel would compute."""

    def __init__(self, sw: SheetWriter, fmt: ReportFormats) -> None:
        self.sw, self.fmt = sw, fmt

    def labels(self, row: int, r: AnggaranRow, bold: bool) -> None:
        self.sw.text(row, 0, r.kode, self.fmt.text_bold if bold else self.fmt.text)
        self.sw.text(row, 1, r.nama, self.fmt.text_bold if bold else self.fmt.text_indent)
        self.sw.text(row, 2, r.sumber_dana, self.fmt.text_bold if bold else self.fmt.text)

    def tail(self, row: int, anggaran: int, realisasi: int | None, bold: bool) -> None:
        """% and Sisa formulas of one row, with cached values."""
        n = row + 1
        persen: float | str = "" if realisasi is None or not anggaran else realisasi / anggaran * 100
        pct = self.fmt.pct_bold if bold else self.fmt.pct
        money = self.fmt.rupiah_bold if bold else self.fmt.rupiah
        self.sw.formula(row, COL_PERSEN, _persen_formula(n), pct, persen, 2)
        self.sw.formula(row, COL_SISA, _sisa_formula(n), money, anggaran - (realisasi or 0))

    def kegiatan(self, row: int, r: AnggaranRow) -> None:
        """Kegiatan figures are final values from the bidang files; only totals are live formulas.

        (Values rather than formulas here keep a Pemda-wide workbook of thousands of kegiatan fast to write.)
        """
        self.labels(row, r, bold=False)
        self.sw.number(row, COL_ANGGARAN, r.anggaran, self.fmt.rupiah)
        self.sw.number(row, COL_REALISASI, r.realisasi, self.fmt.rupiah)
        self.sw.number(row, COL_PERSEN, r.persen, self.fmt.pct, 2)
        self.sw.number(row, COL_SISA, r.sisa, self.fmt.rupiah)

    def program(self, row: int, r: AnggaranRow, kegiatan: list[AnggaranRow]) -> ProgramTotal:
        """Program totals as SUM formulas over its kegiatan rows (below it), cached with the same sums."""
        self.labels(row, r, bold=True)
        if not kegiatan:
            self.sw.number(row, COL_ANGGARAN, r.anggaran, self.fmt.rupiah_bold)
            self.sw.number(row, COL_REALISASI, r.realisasi, self.fmt.rupiah_bold)
            self.tail(row, r.anggaran, r.realisasi, bold=True)
            return ProgramTotal(r.kode, r.nama, r.anggaran, r.realisasi)
        first, last = row + 2, row + 1 + len(kegiatan)
        anggaran = sum(k.anggaran for k in kegiatan)
        reported = [k.realisasi for k in kegiatan if k.realisasi is not None]
        realisasi = sum(reported) if reported else None
        d, e = _span("D", first, last), _span("E", first, last)
        self.sw.formula(row, COL_ANGGARAN, f"=SUM({d})", self.fmt.rupiah_bold, anggaran)
        # blank, not 0, when none of its kegiatan reported: "not reported" must stay visible
        self.sw.formula(
            row,
            COL_REALISASI,
            f'=IF(COUNT({e})=0,"",SUM({e}))',
            self.fmt.rupiah_bold,
            "" if realisasi is None else realisasi,
        )
        self.tail(row, anggaran, realisasi, bold=True)
        return ProgramTotal(r.kode, r.nama, anggaran, realisasi)

    def total(self, row: int, spans: list[tuple[int, int]], anggaran: int, realisasi: int) -> None:
        """JUMLAH over `spans` (Excel rows): program subtotals and kegiatan without a program, never both."""
        n = row + 1
        self.sw.text(row, 0, "", self.fmt.total_text)
        self.sw.text(row, 1, "JUMLAH", self.fmt.total_text)
        self.sw.text(row, 2, "", self.fmt.total_text)
        for col, value in ((COL_ANGGARAN, anggaran), (COL_REALISASI, realisasi)):
            self.sw.formula(row, col, _sum_of(col_letter(col), spans), self.fmt.total_rupiah, value)
        persen: float | str = realisasi / anggaran * 100 if anggaran else ""
        self.sw.formula(row, COL_PERSEN, _persen_formula(n), self.fmt.total_pct, persen, 2)
        self.sw.formula(row, COL_SISA, f"=D{n}-E{n}", self.fmt.total_rupiah, anggaran - realisasi)


def _span(letter: str, first: int, last: int) -> str:
    """A1 reference of Excel rows first..last of one column (a single cell when they are equal)."""
    return f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}"


def _sum_of(letter: str, spans: list[tuple[int, int]]) -> str:
    """=SUM(D5,D12,…) in chunks that respect Excel's limit on arguments."""
    args = [_span(letter, a, b) for a, b in spans]
    if not args:
        return "=0"
    chunks = [args[i : i + SUM_ARGS] for i in range(0, len(args), SUM_ARGS)]
    return "=" + "+".join(f"SUM({','.join(chunk)})" for chunk in chunks)


def _realisasi_anggaran(wb: Any, fmt: ReportFormats, c: Consolidated) -> list[ProgramTotal]:
    """Write the sheet; returns each program's totals as written, for the chart."""
    headers = ["Kode", "Program/Kegiatan", "Sumber Dana", "Anggaran (Rp)", "Realisasi (Rp)", "%", "Sisa (Rp)"]
    title = f"REALISASI ANGGARAN TAHUN {c.master.instansi.tahun}"
    sw = _table_sheet(wb, fmt, SHEETS[4], title, c, headers, {0: 22, 1: 60, 2: 18})
    out = _Anggaran(sw, fmt)
    row = HEADER_ROW + 1
    spans: list[tuple[int, int]] = []
    programs: list[ProgramTotal] = []
    for program, kegiatan in _anggaran_groups(c.anggaran):
        if program is not None:
            programs.append(out.program(row, program, kegiatan))
            spans.append((row + 1, row + 1))
            row += 1
        elif kegiatan:
            spans.append((row + 1, row + len(kegiatan)))
        for k in kegiatan:
            out.kegiatan(row, k)
            row += 1
    out.total(row, spans, c.total_anggaran, c.total_realisasi)
    sw.finish({COL_PERSEN: 9})
    return programs


# ---- 6. Temuan -------------------------------------------------------------------------------------

TEMUAN_HEADERS = [
    "No",
    "Tingkat",
    "Kode",
    "Judul",
    "Bidang",
    "Berkas",
    "Lembar",
    "Sel",
    "Kode Baris",
    "Masalah",
    "Seharusnya",
    "Tertulis",
    "Saran",
]


def _judul(f: Finding) -> str:
    # an unknown code must not abort the write after every check has run
    entry = CATALOGUE.get(f.code)
    return entry.title if entry else ""


def _temuan(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    title = f"TEMUAN PEMERIKSAAN BERKAS BIDANG TAHUN {c.master.instansi.tahun}"
    caps = {1: 11, 3: 22, 5: 22, 6: 12, 8: 12, 9: 42, 10: 16, 11: 16, 12: 32}
    sw = _table_sheet(wb, fmt, SHEETS[5], title, c, TEMUAN_HEADERS, caps)
    row = HEADER_ROW + 1
    for no, f in enumerate(c.findings, start=1):
        sw.number(row, 0, no, fmt.count)
        values = [
            f.severity.label,
            f.code,
            _judul(f),
            f.bidang,
            f.file,
            f.sheet,
            f.cell,
            f.kode,
            f.message,
            f.expected,
            f.actual,
            f.hint,
        ]
        for col, value in enumerate(values, start=1):
            sw.text(row, col, value, fmt.text)
        row += 1
    sw.ws.autofilter(HEADER_ROW, 0, max(row - 1, HEADER_ROW), len(TEMUAN_HEADERS) - 1)
    if not c.findings:
        sw.text(row, 0, "Tidak ada temuan.", fmt.note, measure=False)
    sw.finish()


# ---- 7. Sumber -------------------------------------------------------------------------------------


def skipped_note(name: str) -> str:
    """Why an inbox entry was not read (the inbox lists skip Office lock files and non-spreadsheets)."""
    if name.startswith("~$"):
        return "berkas kunci Office (dibuat saat berkas sedang dibuka); tidak dibaca"
    return "bukan lembar kerja Excel (.xlsx/.xlsm); tidak dibaca"


def _sumber(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    headers = ["Berkas", "Bidang", "SHA-256", "Baris dibaca", "Baris digabung", "Baris ditolak", "Digabung"]
    title = f"BERKAS SUMBER LKjIP TAHUN {c.master.instansi.tahun}"
    sw = _table_sheet(wb, fmt, SHEETS[6], title, c, headers, {0: 45, 1: 12, 2: 66})
    row = HEADER_ROW + 1
    for f in c.files:
        for col, value in enumerate((f.name, f.bidang, f.sha256)):
            sw.text(row, col, value, fmt.text)
        for col, count in enumerate((f.rows_read, f.rows_merged, f.rows_rejected), start=3):
            sw.number(row, col, count, fmt.count)
        sw.text(row, 6, "ya" if f.merged else "tidak", fmt.text)
        row += 1
    _sumber_total(sw, fmt, c, row)
    row += 2
    if c.skipped:
        sw.text(row, 0, "Berkas yang dilewati", fmt.section, measure=False)
        sw.header(row + 1, ["Berkas", "Keterangan"], fmt.header)
        row += 2
        for name in c.skipped:
            sw.text(row, 0, name, fmt.text)
            sw.merge_text(row, 1, row, 2, skipped_note(name), fmt.text)
            row += 1
    sw.finish()


def _sumber_total(sw: SheetWriter, fmt: ReportFormats, c: Consolidated, row: int) -> None:
    first, last = HEADER_ROW + 2, row
    sw.text(row, 0, "JUMLAH", fmt.total_text)
    sw.text(row, 1, "", fmt.total_text)
    sw.text(row, 2, "", fmt.total_text)
    columns = (
        (3, "D", [f.rows_read for f in c.files]),
        (4, "E", [f.rows_merged for f in c.files]),
        (5, "F", [f.rows_rejected for f in c.files]),
    )
    for col, letter, values in columns:
        formula = f"=SUM({_span(letter, first, last)})" if c.files else "=0"
        sw.formula(row, col, formula, fmt.total_count, sum(values))
    merged = sum(1 for f in c.files if f.merged)
    sw.text(row, 6, f"{format_id(merged)} dari {format_id(len(c.files))}", fmt.total_text)
