"""Sheet SDM Aparatur (Bab I): staff by jabatan, golongan/ruang and pendidikan, each sum beside its typed Jumlah."""

from __future__ import annotations

from typing import Any

from lkjip_xl.checks.sdm import groups
from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.planning.spec import SDM_GROUPS, SDM_TITLES
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheets.common import HEADER_ROW, SHEET_SDM, table_sheet

HEADERS = ["NO", "URAIAN", "JUMLAH (orang)", "KETERANGAN"]


def sdm_aparatur(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    title = f"SUMBER DAYA MANUSIA APARATUR TAHUN {c.master.instansi.tahun}"
    sw = table_sheet(wb, fmt, SHEET_SDM, title, c, HEADERS, {1: 50, 3: 50})
    row = HEADER_ROW + 1
    if c.sdm is None:
        sw.text(row, 0, "Lembar SDM berkas Sekretariat tidak ada atau tidak diperiksa.", fmt.note, measure=False)
        sw.finish()
        return
    by_group = groups(c.sdm)
    for letter, g in zip("abc", SDM_GROUPS, strict=True):
        sw.text(row, 0, f"{letter}. Berdasarkan {SDM_TITLES[g]}", fmt.section, measure=False)
        row += 1
        rows, total = by_group.get(g, ([], None))
        first = row
        for no, e in enumerate(rows, start=1):
            sw.number(row, 0, no, fmt.no)
            sw.text(row, 1, e.uraian, fmt.text)
            sw.number(row, 2, e.jumlah, fmt.count)
            sw.text(row, 3, "", fmt.text)
            row += 1
        counted = sum(e.jumlah or 0 for e in rows)
        sw.text(row, 0, "", fmt.total_text)
        sw.text(row, 1, "JUMLAH (dari baris)", fmt.total_text)
        sw.formula(row, 2, f"=SUM(C{first + 1}:C{row})" if rows else "=0", fmt.total_count, counted)
        sw.text(row, 3, "", fmt.total_text)
        row += 1
        typed = None if total is None else total.jumlah
        sw.text(row, 0, "", fmt.total_text)
        sw.text(row, 1, "JUMLAH TERTULIS", fmt.total_text)
        sw.number(row, 2, typed, fmt.total_count)
        verdict = "" if typed is None else "sama" if typed == counted else f"BERBEDA {typed - counted:+d} (temuan S001)"
        sw.text(row, 3, verdict, fmt.total_text)
        row += 2
    counts = {g: sum(e.jumlah or 0 for e in by_group.get(g, ([], None))[0]) for g in SDM_GROUPS}
    same = len(set(counts.values())) == 1
    note = (
        "Ketiga rincian menghitung jumlah pegawai yang sama."
        if same
        else "Ketiga rincian TIDAK menghitung jumlah pegawai yang sama (temuan S002)."
    )
    sw.text(row, 0, note, fmt.note, measure=False)
    sw.finish()
