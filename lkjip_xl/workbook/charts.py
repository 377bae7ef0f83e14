"""The Grafik sheet: native Excel charts of capaian per indicator and of anggaran vs realisasi per program."""

from __future__ import annotations

from typing import Any

from lkjip_xl.consolidate.tables import Consolidated, KinerjaRow
from lkjip_xl.numbers import format_id
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheets.anggaran import ProgramTotal
from lkjip_xl.workbook.sheets.common import HEADER_ROW, instansi_line, pct_value
from lkjip_xl.workbook.sheetwriter import SheetWriter
from lkjip_xl.xlsx.formats import FMT_DEC, FMT_RUPIAH, a4_landscape

SHEET = "Grafik"
CHART_COL = 5  # charts sit right of the data tables (column F)
CHART_SIZE = {"width": 760, "height": 400}
CHART_ROWS = 21  # default-height rows a chart covers (400 px / 20 px, rounded up)
TARGET_PCT = 100.0
# Beyond this many bars a chart on an A4 page is a blur (a Pemda-wide set has thousands of indicators):
# the chart and its data table are left out with a note pointing to the table sheet.
MAX_CHART_ITEMS = 60


def add_grafik(wb: Any, fmt: ReportFormats, c: Consolidated, kinerja: list[KinerjaRow], programs: list[ProgramTotal]) -> None:
    """Add the Grafik sheet: each chart reads a small data table on the same sheet (values copied when written)."""
    ws = wb.add_worksheet(SHEET)
    sw = SheetWriter(ws, {0: 14, 1: 45})
    year = c.master.instansi.tahun
    sw.text(0, 0, f"GRAFIK CAPAIAN KINERJA DAN REALISASI ANGGARAN TAHUN {year}", fmt.title, measure=False)
    sw.text(1, 0, instansi_line(c), fmt.subtitle, measure=False)
    sw.text(
        2,
        0,
        "Data grafik disalin dari lembar Capaian Kinerja dan Realisasi Anggaran saat workbook dibuat; "
        f"anggaran: {c.master.anggaran_basis}.",
        fmt.note,
        measure=False,
    )
    ws.freeze_panes(2, 0)
    a4_landscape(ws, (0, 1))
    row = _capaian_chart(wb, sw, fmt, kinerja, year, HEADER_ROW)
    _anggaran_chart(wb, sw, fmt, programs, year, row + 2)
    sw.finish()


def _capaian_chart(wb: Any, sw: SheetWriter, fmt: ReportFormats, rows: list[KinerjaRow], year: int, top: int) -> int:
    """Data table Kode | Indikator | Capaian | Target and a column chart with a 100 % target line. Returns the next free row."""
    if len(rows) > MAX_CHART_ITEMS:
        _too_many(sw, fmt, top, "capaian", len(rows), "indikator", "Capaian Kinerja")
        return top + 1
    sw.header(top, ["Kode", "Indikator Kinerja", "Capaian (%)", "Target (%)"], fmt.header)
    for i, r in enumerate(rows, start=top + 1):
        sw.text(i, 0, r.kode, fmt.text)
        sw.text(i, 1, r.indikator, fmt.text)
        sw.number(i, 2, pct_value(r.capaian), fmt.pct, 2)
        sw.number(i, 3, TARGET_PCT, fmt.pct, 2)
    if not rows:
        return top + CHART_ROWS
    first, last = top + 1, top + len(rows)
    categories = [SHEET, first, 0, last, 0]
    bars = wb.add_chart({"type": "column"})
    bars.add_series(
        {
            "name": "Capaian (%)",
            "categories": categories,
            "values": [SHEET, first, 2, last, 2],
            "fill": {"color": "#2E75B6"},
            "data_labels": {"value": True, "num_format": FMT_DEC},
        }
    )
    target = wb.add_chart({"type": "line"})
    target.add_series(
        {
            "name": "Target (100%)",
            "categories": categories,
            "values": [SHEET, first, 3, last, 3],
            "line": {"color": "#C00000", "width": 2, "dash_type": "dash"},
            "marker": {"type": "none"},
        }
    )
    bars.combine(target)
    bars.set_title({"name": f"Capaian Kinerja Tahun {year}"})
    bars.set_x_axis({"name": "Indikator kinerja (kode)"})
    bars.set_y_axis({"name": "Capaian (%)", "num_format": "#,##0", "min": 0})
    _finish_chart(sw, bars, top)
    return max(last, top + CHART_ROWS)


def _anggaran_chart(wb: Any, sw: SheetWriter, fmt: ReportFormats, programs: list[ProgramTotal], year: int, top: int) -> None:
    """Data table Kode | Program | Anggaran | Realisasi and clustered columns per program."""
    if len(programs) > MAX_CHART_ITEMS:
        _too_many(sw, fmt, top, "anggaran", len(programs), "program", "Realisasi Anggaran")
        return
    sw.header(top, ["Kode", "Program", "Anggaran (Rp)", "Realisasi (Rp)"], fmt.header)
    for i, p in enumerate(programs, start=top + 1):
        sw.text(i, 0, p.kode, fmt.text)
        sw.text(i, 1, p.nama, fmt.text)
        sw.number(i, 2, p.anggaran, fmt.rupiah)
        sw.number(i, 3, p.realisasi, fmt.rupiah)
    if not programs:
        return
    first, last = top + 1, top + len(programs)
    chart = wb.add_chart({"type": "column"})
    for col, name, color in ((2, "Anggaran (Rp)", "#A5A5A5"), (3, "Realisasi (Rp)", "#2E75B6")):
        chart.add_series(
            {
                "name": name,
                "categories": [SHEET, first, 0, last, 0],
                "values": [SHEET, first, col, last, col],
                "fill": {"color": color},
            }
        )
    chart.set_title({"name": f"Anggaran dan Realisasi per Program Tahun {year}"})
    chart.set_x_axis({"name": "Program (kode)"})
    chart.set_y_axis({"name": "Rupiah", "num_format": FMT_RUPIAH, "min": 0})
    _finish_chart(sw, chart, top)


def _too_many(sw: SheetWriter, fmt: ReportFormats, row: int, chart: str, count: int, items: str, sheet: str) -> None:
    sw.text(
        row,
        0,
        f"Grafik {chart} tidak dibuat: {format_id(count)} {items} terlalu banyak untuk satu grafik "
        f"(paling banyak {MAX_CHART_ITEMS}). Lihat lembar {sheet}.",
        fmt.note,
        measure=False,
    )


def _finish_chart(sw: SheetWriter, chart: Any, row: int) -> None:
    chart.set_legend({"position": "bottom"})
    chart.show_blanks_as("gap")  # a capaian that cannot be computed is missing, not 0 %
    chart.set_size(CHART_SIZE)
    sw.ws.insert_chart(row, CHART_COL, chart)
