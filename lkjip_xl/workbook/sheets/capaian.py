"""Sheets 2-4: Capaian Kinerja, Perbandingan Capaian and Capaian Renstra, indicators grouped by sasaran."""

from __future__ import annotations

from typing import Any

from lkjip_xl.consolidate.tables import Consolidated, KinerjaRow
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheets.common import (
    SHEETS,
    TIDAK_DAPAT_DIBANDINGKAN,
    TIDAK_DAPAT_DIHITUNG,
    pct_value,
    quantities,
    sasaran_table,
    table_sheet,
)

# ---- 2-4. Capaian tables ---------------------------------------------------------------------------


def capaian_kinerja(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
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
    sw = table_sheet(wb, fmt, SHEETS[1], title, c, headers, {1: 40, 2: 45, 3: 10, 7: 20, 8: 40})

    def write_columns(at: list[int], rows: list[KinerjaRow]) -> None:
        sw.column(3, at, [r.satuan for r in rows], fmt.text)
        quantities(sw, fmt, at, 4, [r.target for r in rows])
        quantities(sw, fmt, at, 5, [r.realisasi for r in rows])
        sw.column(6, at, [pct_value(r.capaian) for r in rows], fmt.pct, 2)
        sw.column(7, at, [r.kategori if r.capaian is not None else TIDAK_DAPAT_DIHITUNG for r in rows], fmt.text)
        sw.column(8, at, [r.keterangan for r in rows], fmt.text)

    sasaran_table(sw, fmt, c.kinerja, write_columns)
    sw.finish()


def perbandingan(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    year = c.master.instansi.tahun
    headers = ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", f"CAPAIAN {year - 1} (%)", f"CAPAIAN {year} (%)", "KETERANGAN"]
    title = f"PERBANDINGAN CAPAIAN KINERJA TAHUN {year} DENGAN TAHUN {year - 1}"
    sw = table_sheet(wb, fmt, SHEETS[2], title, c, headers, {1: 45, 2: 45, 5: 26})

    def write_columns(at: list[int], rows: list[KinerjaRow]) -> None:
        sw.column(3, at, [pct_value(r.capaian_lalu) for r in rows], fmt.pct, 2)
        sw.column(4, at, [pct_value(r.capaian) for r in rows], fmt.pct, 2)
        sw.column(5, at, [r.tren or TIDAK_DAPAT_DIBANDINGKAN for r in rows], fmt.text)

    sasaran_table(sw, fmt, c.kinerja, write_columns)
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


def renstra(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
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
    sw = table_sheet(wb, fmt, SHEETS[3], title, c, headers, {1: 40, 2: 40, 6: 45})

    def write_columns(at: list[int], rows: list[KinerjaRow]) -> None:
        quantities(sw, fmt, at, 3, [r.target_renstra for r in rows])
        quantities(sw, fmt, at, 4, [r.realisasi_renstra for r in rows])
        sw.column(5, at, [pct_value(r.capaian_renstra) for r in rows], fmt.pct, 2)
        sw.column(6, at, [renstra_note(r, c) for r in rows], fmt.text)

    sasaran_table(sw, fmt, c.kinerja, write_columns)
    sw.finish()
