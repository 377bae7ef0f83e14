"""Sheet 5, Realisasi Anggaran: programs with their kegiatan, totals as live formulas with cached values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lkjip_xl.consolidate.tables import AnggaranRow, Consolidated
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheets.common import (
    HEADER_ROW,
    SHEETS,
    SUM_ARGS,
    span,
    table_sheet,
)
from lkjip_xl.workbook.sheetwriter import Formula, SheetWriter

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
    """Collects the Realisasi Anggaran rows column by column; every formula carries the value Excel would compute."""

    def __init__(self, sw: SheetWriter, fmt: ReportFormats) -> None:
        self.sw, self.fmt = sw, fmt
        self.rows: list[int] = []
        self.cols: list[list[Any]] = [[] for _ in range(7)]  # values of columns A..G
        self.fmts: list[list[Any]] = [[] for _ in range(7)]
        self.decimals: list[int] = []  # of column F (%) per row
        # kegiatan rows, the bulk of the sheet, are written column by column with one format each
        self.kegiatan_rows: list[int] = []
        self.kegiatan_list: list[AnggaranRow] = []

    def _add(self, row: int, values: list[Any], fmts: list[Any], persen_decimals: int = 2) -> None:
        self.rows.append(row)
        for col, (value, fmt) in enumerate(zip(values, fmts, strict=True)):
            self.cols[col].append(value)
            self.fmts[col].append(fmt)
        self.decimals.append(persen_decimals)

    def _labels(self, r: AnggaranRow, bold: bool) -> list[str]:
        return [r.kode, r.nama, r.sumber_dana]

    def _label_fmts(self, bold: bool) -> list[Any]:
        f = self.fmt
        return [f.text_bold, f.text_bold, f.text_bold] if bold else [f.text, f.text_indent, f.text]

    def _tail(self, n: int, anggaran: int, realisasi: int | None) -> list[Formula]:
        """% and Sisa formulas of Excel row n, with cached values."""
        persen: float | str = "" if realisasi is None or not anggaran else realisasi / anggaran * 100
        return [Formula(_persen_formula(n), persen), Formula(_sisa_formula(n), anggaran - (realisasi or 0))]

    def kegiatan(self, row: int, r: AnggaranRow) -> None:
        """Kegiatan figures are final values from the bidang files; only totals are live formulas.

        (Values rather than formulas here keep a Pemda-wide workbook of thousands of kegiatan fast to write.)
        """
        self.kegiatan_rows.append(row)
        self.kegiatan_list.append(r)

    def program(self, row: int, r: AnggaranRow, kegiatan: list[AnggaranRow]) -> ProgramTotal:
        """Program totals as SUM formulas over its kegiatan rows (below it), cached with the same sums."""
        f, n = self.fmt, row + 1
        fmts = [*self._label_fmts(True), f.rupiah_bold, f.rupiah_bold, f.pct_bold, f.rupiah_bold]
        if not kegiatan:
            self._add(row, [*self._labels(r, True), r.anggaran, r.realisasi, *self._tail(n, r.anggaran, r.realisasi)], fmts)
            return ProgramTotal(r.kode, r.nama, r.anggaran, r.realisasi)
        first, last = row + 2, row + 1 + len(kegiatan)
        anggaran = sum(k.anggaran for k in kegiatan)
        reported = [k.realisasi for k in kegiatan if k.realisasi is not None]
        realisasi = sum(reported) if reported else None
        d, e = span("D", first, last), span("E", first, last)
        totals = [
            Formula(f"=SUM({d})", anggaran),
            # blank, not 0, when none of its kegiatan reported: "not reported" must stay visible
            Formula(f'=IF(COUNT({e})=0,"",SUM({e}))', "" if realisasi is None else realisasi),
        ]
        self._add(row, [*self._labels(r, True), *totals, *self._tail(n, anggaran, realisasi)], fmts)
        return ProgramTotal(r.kode, r.nama, anggaran, realisasi)

    def total(self, row: int, spans: list[tuple[int, int]], anggaran: int, realisasi: int) -> None:
        """JUMLAH over `spans` (Excel rows): program subtotals and kegiatan without a program, never both."""
        f, n = self.fmt, row + 1
        persen: float | str = realisasi / anggaran * 100 if anggaran else ""
        values = [
            "",
            "JUMLAH",
            "",
            Formula(_sum_of("D", spans), anggaran),
            Formula(_sum_of("E", spans), realisasi),
            Formula(_persen_formula(n), persen),
            Formula(f"=D{n}-E{n}", anggaran - realisasi),
        ]
        self._add(row, values, [f.total_text] * 3 + [f.total_rupiah, f.total_rupiah, f.total_pct, f.total_rupiah])

    def write(self) -> None:
        for col in range(7):
            decimals: int | list[int] = self.decimals if col == COL_PERSEN else 0
            self.sw.column(col, self.rows, self.cols[col], self.fmts[col], decimals)
        f, at, keg = self.fmt, self.kegiatan_rows, self.kegiatan_list
        columns: list[tuple[list[Any], Any, int]] = [
            ([k.kode for k in keg], f.text, 0),
            ([k.nama for k in keg], f.text_indent, 0),
            ([k.sumber_dana for k in keg], f.text, 0),
            ([k.anggaran for k in keg], f.rupiah, 0),
            ([k.realisasi for k in keg], f.rupiah, 0),
            ([k.persen for k in keg], f.pct, 2),
            ([k.sisa for k in keg], f.rupiah, 0),
        ]
        for col, (values, fmt, decimals_) in enumerate(columns):
            self.sw.column(col, at, values, fmt, decimals_)


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
    sw.text(2, 0, f"Anggaran (Rp): {c.master.anggaran_basis}", fmt.note, measure=False)
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
    out.write()
    sw.finish({COL_PERSEN: 9})
    return programs
