"""Sheet 5, Realisasi Anggaran: programs with their kegiatan, totals as live formulas with cached values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lkjip_xl.findings import col_letter
from lkjip_xl.merge import AnggaranRow, Consolidated
from lkjip_xl.sheets.common import (
    HEADER_ROW,
    SHEETS,
    SUM_ARGS,
    span,
    table_sheet,
)
from lkjip_xl.xlsx_style import ReportFormats, SheetWriter

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
        d, e = span("D", first, last), span("E", first, last)
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


def _sum_of(letter: str, spans: list[tuple[int, int]]) -> str:
    """=SUM(D5,D12,…) in chunks that respect Excel's limit on arguments."""
    args = [span(letter, a, b) for a, b in spans]
    if not args:
        return "=0"
    chunks = [args[i : i + SUM_ARGS] for i in range(0, len(args), SUM_ARGS)]
    return "=" + "+".join(f"SUM({','.join(chunk)})" for chunk in chunks)


def realisasi_anggaran(wb: Any, fmt: ReportFormats, c: Consolidated) -> list[ProgramTotal]:
    """Write the sheet; returns each program's totals as written, for the chart."""
    headers = ["Kode", "Program/Kegiatan", "Sumber Dana", "Anggaran (Rp)", "Realisasi (Rp)", "%", "Sisa (Rp)"]
    title = f"REALISASI ANGGARAN TAHUN {c.master.instansi.tahun}"
    sw = table_sheet(wb, fmt, SHEETS[4], title, c, headers, {0: 22, 1: 60, 2: 18})
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
