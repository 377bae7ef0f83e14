"""Sheets Efisiensi (capaian beside serapan per sasaran) and Narasi (Bab III's text, from the same figures)."""

from __future__ import annotations

from typing import Any

from lkjip_xl.consolidate.efisiensi import RULE, efisiensi
from lkjip_xl.consolidate.narasi import FAKTOR, HEADING1, HEADING2, HEADING3, narasi
from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheets.common import HEADER_ROW, SHEET_EFISIENSI, SHEET_NARASI, instansi_line, pct_value, table_sheet
from lkjip_xl.workbook.sheetwriter import SheetWriter
from lkjip_xl.xlsx.formats import a4_landscape

EFISIENSI_HEADERS = [
    "NO",
    "SASARAN STRATEGIS",
    "INDIKATOR (dihitung / semua)",
    "RATA-RATA CAPAIAN (%)",
    "PROGRAM",
    "ANGGARAN (Rp)",
    "REALISASI (Rp)",
    "SERAPAN (%)",
    "CAPAIAN − SERAPAN (poin)",
    "PENILAIAN",
]


def efisiensi_sheet(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    title = f"ANALISIS EFISIENSI PENGGUNAAN SUMBER DAYA TAHUN {c.master.instansi.tahun}"
    sw = table_sheet(wb, fmt, SHEET_EFISIENSI, title, c, EFISIENSI_HEADERS, {1: 45, 4: 30})
    rows = efisiensi(c)
    at = list(range(HEADER_ROW + 1, HEADER_ROW + 1 + len(rows)))
    sw.column(0, at, [float(r.no) for r in rows], fmt.no)
    sw.column(1, at, [r.sasaran for r in rows], fmt.text)
    sw.column(2, at, [f"{r.dihitung} / {r.indikator}" for r in rows], fmt.text)
    sw.column(3, at, [pct_value(r.capaian) for r in rows], fmt.pct, 2)
    sw.column(4, at, [", ".join(r.programs) for r in rows], fmt.text)
    sw.column(5, at, [float(r.anggaran) if r.programs else None for r in rows], fmt.rupiah)
    sw.column(6, at, [float(r.realisasi) if r.programs else None for r in rows], fmt.rupiah)
    sw.column(7, at, [pct_value(r.serapan) for r in rows], fmt.pct, 2)
    sw.column(8, at, [pct_value(r.selisih) for r in rows], fmt.pct, 2)
    sw.column(9, at, [r.penilaian for r in rows], fmt.text)
    note = HEADER_ROW + 2 + len(rows)
    sw.text(note, 0, f"Aturan: {RULE}.", fmt.note, measure=False)
    sw.text(
        note + 1,
        0,
        f"Anggaran: {c.master.anggaran_basis}; program → sasaran menurut lembar Program PK master.",
        fmt.note,
        measure=False,
    )
    sw.finish()


def narasi_sheet(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    """One block per row in one wide column: headings bold, paragraphs wrapped; the bidang's text stays text."""
    ws = wb.add_worksheet(SHEET_NARASI)
    sw = SheetWriter(ws, {0: 100}, splice=getattr(wb, "splice", None))
    sw.text(0, 0, f"NARASI BAB III LKjIP TAHUN {c.master.instansi.tahun}", fmt.title, measure=False)
    sw.text(1, 0, instansi_line(c), fmt.subtitle, measure=False)
    styles = {HEADING1: fmt.title, HEADING2: fmt.section, HEADING3: fmt.section, FAKTOR: fmt.text_indent}
    for row, block in enumerate(narasi(c), start=HEADER_ROW):
        sw.text(row, 0, block.text, styles.get(block.style, fmt.paragraph))  # measured: wrapped rows get their height
    ws.freeze_panes(2, 0)
    a4_landscape(ws, (0, 1))
    sw.finish({0: 100})
