"""Sheet Perjanjian Kinerja (Bab II): sasaran, indicators and targets as signed; programs with the PK budget
beside the budget in force and the difference, with totals and the PK's own stated total."""

from __future__ import annotations

from typing import Any

from lkjip_xl.consolidate.pk import PkTable, pk_table
from lkjip_xl.consolidate.tables import Consolidated, KinerjaRow
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheets.common import SHEET_PK, quantities, sasaran_table, table_sheet
from lkjip_xl.workbook.sheetwriter import Formula, SheetWriter

PK_HEADERS = ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET"]


def program_headers(c: Consolidated) -> list[str]:
    basis = c.master.anggaran_basis.upper()
    return ["NO", "PROGRAM", "SUMBER DANA", "ANGGARAN PK (Rp)", f"{basis} (Rp)", "SELISIH (Rp)", "KODE PROGRAM (DPA)"]


def perjanjian_kinerja(wb: Any, fmt: ReportFormats, c: Consolidated) -> PkTable:
    """Write the sheet; returns the PK table it shows (for the text and the document)."""
    title = f"PERJANJIAN KINERJA TAHUN {c.master.instansi.tahun}"
    sw = table_sheet(wb, fmt, SHEET_PK, title, c, PK_HEADERS, {1: 40, 2: 45, 6: 18})

    def write_columns(at: list[int], rows: list[KinerjaRow]) -> None:
        sw.column(3, at, [r.satuan for r in rows], fmt.text)
        quantities(sw, fmt, at, 4, [r.target for r in rows])

    row = sasaran_table(sw, fmt, c.kinerja, write_columns) + 1
    table = pk_table(c.master)
    sw.text(row, 0, "Program dan anggaran Perjanjian Kinerja", fmt.section, measure=False)
    row += 1
    if not table.rows:
        sw.text(row, 0, "Master tidak memuat lembar Program PK.", fmt.note, measure=False)
        sw.finish()
        return table
    _programs(sw, fmt, row, table, program_headers(c))
    sw.finish()
    return table


def _programs(sw: SheetWriter, fmt: ReportFormats, row: int, table: PkTable, headers: list[str]) -> None:
    sw.header(row, headers, fmt.header)
    first = row + 1
    at = list(range(first, first + len(table.rows)))
    rows = table.rows
    sw.column(0, at, [float(i) for i in range(1, len(rows) + 1)], fmt.no)
    sw.column(1, at, [r.nama for r in rows], fmt.text)
    sw.column(2, at, [r.sumber_dana for r in rows], fmt.text)
    sw.column(3, at, [None if r.anggaran_pk is None else float(r.anggaran_pk) for r in rows], fmt.rupiah)
    sw.column(4, at, [None if r.anggaran is None else float(r.anggaran) for r in rows], fmt.rupiah)
    selisih = [
        Formula(f'=IF(OR(D{n + 1}="",E{n + 1}=""),"",E{n + 1}-D{n + 1})', "" if r.selisih is None else r.selisih)
        for n, r in zip(at, rows, strict=True)
    ]
    sw.column(5, at, selisih, fmt.rupiah)
    sw.column(6, at, [r.kode or "(tidak ada di DPA)" for r in rows], fmt.text)
    total = first + len(rows)
    a, b = first + 1, total  # Excel rows of the program lines
    sw.text(total, 0, "", fmt.total_text)
    sw.text(total, 1, "JUMLAH", fmt.total_text)
    sw.text(total, 2, "", fmt.total_text)
    sw.formula(total, 3, f"=SUM(D{a}:D{b})", fmt.total_rupiah, table.total_pk)
    sw.formula(total, 4, f"=SUM(E{a}:E{b})", fmt.total_rupiah, table.total_anggaran)
    sw.formula(total, 5, f"=E{total + 1}-D{total + 1}", fmt.total_rupiah, table.selisih)
    sw.text(total, 6, "", fmt.total_text)
    note = total + 1
    if table.stated_total is not None:
        sw.text(note, 1, "JUMLAH TERTULIS DI PERJANJIAN KINERJA", fmt.total_text)
        sw.text(note, 2, "", fmt.total_text)
        sw.number(note, 3, float(table.stated_total), fmt.total_rupiah)
        sw.text(note, 4, "selisih dengan jumlah baris:", fmt.total_text)
        sw.formula(note, 5, f"=D{note + 1}-D{total + 1}", fmt.total_rupiah, table.stated_difference or 0)
        verdict = "sama" if table.stated_difference == 0 else "BERBEDA (temuan M012)"
        sw.text(note, 6, verdict, fmt.total_text)
        note += 1
    sw.text(
        note + 1,
        0,
        "Selisih = anggaran yang berlaku − anggaran PK (positif: lebih besar dari yang ditandatangani).",
        fmt.note,
        measure=False,
    )
