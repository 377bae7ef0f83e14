"""Sheets 6-7, Temuan and Sumber: every finding, and every input file with its row accounting."""

from __future__ import annotations

from typing import Any

from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.findings import CATALOGUE, Finding
from lkjip_xl.numbers import format_id
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheets.common import (
    HEADER_ROW,
    SHEETS,
    span,
    table_sheet,
)
from lkjip_xl.workbook.sheetwriter import SheetWriter

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


def temuan(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    title = f"TEMUAN PEMERIKSAAN BERKAS BIDANG TAHUN {c.master.instansi.tahun}"
    caps = {1: 11, 3: 22, 5: 22, 6: 12, 8: 12, 9: 42, 10: 16, 11: 16, 12: 32}
    sw = table_sheet(wb, fmt, SHEETS[5], title, c, TEMUAN_HEADERS, caps)
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


def sumber(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    headers = ["Berkas", "Bidang", "SHA-256", "Baris dibaca", "Baris digabung", "Baris ditolak", "Digabung"]
    title = f"BERKAS SUMBER LKjIP TAHUN {c.master.instansi.tahun}"
    sw = table_sheet(wb, fmt, SHEETS[6], title, c, headers, {0: 45, 1: 12, 2: 66})
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
        formula = f"=SUM({span(letter, first, last)})" if c.files else "=0"
        sw.formula(row, col, formula, fmt.total_count, sum(values))
    merged = sum(1 for f in c.files if f.merged)
    sw.text(row, 6, f"{format_id(merged)} dari {format_id(len(c.files))}", fmt.total_text)
