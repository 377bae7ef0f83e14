"""The hidden trail sheet (what a later `merge --sebelumnya` compares against) and the Perubahan sheet."""

from __future__ import annotations

from typing import Any

from lkjip_xl.consolidate.compare import (
    TRAIL_DATA_ROW,
    TRAIL_MARK,
    TRAIL_SHEET,
    TRAIL_VERSION,
    Changes,
    Trail,
    shown,
    trail_cells,
)
from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.findings import Finding
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheets.common import HEADER_ROW, table_sheet
from lkjip_xl.workbook.sheetwriter import SheetWriter

PERUBAHAN_SHEET = "Perubahan"
PERUBAHAN_HEADERS = [
    "Bidang",
    "Perubahan",
    "Berkas",
    "Lembar",
    "Sel",
    "Kode Baris",
    "Kode/Kolom",
    "Sebelumnya",
    "Sesudah",
    "Keterangan",
]


def jejak(wb: Any, trail: Trail) -> None:
    """This run's accepted values, findings and file sha256 for a later `merge --sebelumnya`, in a hidden sheet."""
    ws = wb.add_worksheet(TRAIL_SHEET)
    sw = SheetWriter(ws, splice=getattr(wb, "splice", None))
    head = [
        [TRAIL_MARK, TRAIL_VERSION],
        ["instansi", trail.instansi],
        ["tahun", trail.tahun],
        ["Data untuk lkjip-xl merge --sebelumnya (JSON di kolom A mulai baris 5). Jangan diubah."],
    ]
    for r, texts in enumerate(head):
        for c, text in enumerate(texts):
            sw.text(r, c, text, measure=False)
    sw.packed_column(0, TRAIL_DATA_ROW, trail_cells(trail))
    sw.finish({0: 20})
    ws.hide()


def _finding_row(kind: str, f: Finding) -> list[str]:
    before = "" if kind == "baru" else f.actual
    after = "" if kind == "diperbaiki" else f.actual
    return [f.bidang, kind, f.file, f.sheet, f.cell, f.kode, f.code, before, after, f.message]


def change_rows(changes: Changes) -> list[list[str]]:
    """One row per finding fixed, new or still open, per value changed and per file unchanged."""
    rows = [_finding_row("diperbaiki", f) for f in changes.fixed]
    rows += [_finding_row("baru", f) for f in changes.new]
    rows += [_finding_row("masih ada", f) for f in changes.open]
    rows += [
        [v.bidang, "nilai berubah", v.file, v.sheet, v.cell, v.kode, v.column, shown(v.before), shown(v.after), ""]
        for v in changes.values
    ]
    rows += [
        [b, "berkas tidak berubah", f, "", "", "", "", "", "", "isi berkas sama persis dengan sebelumnya"]
        for b, f in changes.unchanged
    ]
    return sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3], r[4]))


def perubahan(wb: Any, fmt: ReportFormats, c: Consolidated, changes: Changes) -> None:
    title = f"PERUBAHAN SEJAK HASIL SEBELUMNYA TAHUN {c.master.instansi.tahun}"
    sw = table_sheet(wb, fmt, PERUBAHAN_SHEET, title, c, PERUBAHAN_HEADERS, {2: 40, 9: 60})
    rows = change_rows(changes)
    for n, values in enumerate(rows, start=HEADER_ROW + 1):
        for col, value in enumerate(values):
            sw.text(n, col, value, fmt.text)
    if not rows:
        sw.text(HEADER_ROW + 1, 0, "Tidak ada perubahan.", fmt.note, measure=False)
    sw.ws.autofilter(HEADER_ROW, 0, max(HEADER_ROW + len(rows), HEADER_ROW), len(PERUBAHAN_HEADERS) - 1)
    sw.finish()
