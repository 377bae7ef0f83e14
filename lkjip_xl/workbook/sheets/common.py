"""Pieces every sheet of the finished workbook shares: names, header row, titled tables, sasaran grouping."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lkjip_xl.consolidate.tables import Consolidated, KinerjaRow
from lkjip_xl.numbers import round_half_up
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheetwriter import SheetWriter
from lkjip_xl.xlsx.formats import a4_landscape

SHEETS = (
    "Ringkasan",
    "Capaian Kinerja",
    "Perbandingan Capaian",
    "Capaian Renstra",
    "Realisasi Anggaran",
    "Temuan",
    "Sumber",
    "Perjanjian Kinerja",
    "SDM Aparatur",
    "Efisiensi",
    "Narasi",
)
SHEET_PK = "Perjanjian Kinerja"  # Bab II
SHEET_SDM = "SDM Aparatur"  # Bab I
SHEET_EFISIENSI, SHEET_NARASI = "Efisiensi", "Narasi"  # Bab III
HEADER_ROW = 3  # rows 0-1: title and instansi, row 2 empty, row 3: table header
TIDAK_DAPAT_DIHITUNG = "tidak dapat dihitung"
TIDAK_DAPAT_DIBANDINGKAN = "tidak dapat dibandingkan"
SUM_ARGS = 250  # Excel allows 255 arguments per function

ColumnsWriter = Callable[[list[int], list[KinerjaRow]], None]


# ---- shared pieces ---------------------------------------------------------------------------------


def instansi_line(c: Consolidated) -> str:
    """The line under every sheet title: instansi and pemda."""
    inst = c.master.instansi
    return f"{inst.nama} {inst.pemda}"


def table_sheet(
    wb: Any, fmt: ReportFormats, name: str, title: str, c: Consolidated, headers: list[str], caps: dict[int, int]
) -> SheetWriter:
    """A sheet with title, instansi, a styled header row frozen and repeated on every printed page."""
    ws = wb.add_worksheet(name)
    sw = SheetWriter(ws, caps, splice=getattr(wb, "splice", None))
    sw.text(0, 0, title, fmt.title, measure=False)
    sw.text(1, 0, instansi_line(c), fmt.subtitle, measure=False)
    sw.header(HEADER_ROW, headers, fmt.header)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    a4_landscape(ws, (HEADER_ROW, HEADER_ROW))
    return sw


def pct_value(value: float | None) -> float | None:
    """Capaian as shown in the report: rounded half up to 2 decimals, so the cell holds what it displays."""
    return None if value is None else float(round_half_up(value, 2))


def quantities(sw: SheetWriter, fmt: ReportFormats, rows: list[int], col: int, values: list[float | None]) -> None:
    """Targets or realisasi down a column: whole numbers as 3.160, fractions with up to 2 decimals (18,11)."""
    whole = [v is not None and float(v).is_integer() for v in values]
    sw.column(col, rows, values, [fmt.count if w else fmt.dec for w in whole], [0 if w else 2 for w in whole])


def kinerja_order(rows: list[KinerjaRow]) -> list[KinerjaRow]:
    """Indicators grouped by sasaran (master order kept inside each sasaran), as the report's tables show them."""
    return sorted(rows, key=lambda r: r.no)


def sasaran_groups(rows: list[KinerjaRow]) -> list[list[KinerjaRow]]:
    groups: dict[tuple[int, str], list[KinerjaRow]] = {}
    for r in kinerja_order(rows):
        groups.setdefault((r.no, r.sasaran), []).append(r)
    return list(groups.values())


def sasaran_table(sw: SheetWriter, fmt: ReportFormats, rows: list[KinerjaRow], write_columns: ColumnsWriter) -> int:
    """NO and SASARAN once per sasaran, merged over its indicator rows; INDIKATOR, then the other columns by
    `write_columns` (given each indicator's sheet row, in order). Returns the next row."""
    row = HEADER_ROW + 1
    at: list[int] = []
    ordered: list[KinerjaRow] = []
    for group in sasaran_groups(rows):
        last = row + len(group) - 1
        sw.merge_number(row, 0, last, group[0].no, fmt.no)
        sw.merge_text(row, 1, last, 1, group[0].sasaran, fmt.text)
        at.extend(range(row, last + 1))
        ordered.extend(group)
        row = last + 1
    sw.column(2, at, [r.indikator for r in ordered], fmt.text)
    write_columns(at, ordered)
    return row


def join_id(items: list[str]) -> str:
    """Indonesian enumeration: a; a dan b; a, b, dan c."""
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def span(letter: str, first: int, last: int) -> str:
    """A1 reference of Excel rows first..last of one column (a single cell when they are equal)."""
    return f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}"
