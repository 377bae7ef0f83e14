"""Evaluasi Renja (E.81) Rupiah columns 5 and 6 from the master's Pagu Renstra and Realisasi Renstra s.d. tahun
lalu; 14 Rp = 6 + 12 and 15 Rp = 14 / 5 × 100 as live formulas with cached values, program rows as the sum of their
kegiatan (blank when none has the figure), blank when 5 is blank or 0; LibreOffice recalculates the same values."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from lkjip_xl.example.triwulan import fill_quarter
from lkjip_xl.jobs import MergeResult, make_templates, merge
from lkjip_xl.planning.master_writer import write_master
from tests.helpers import small_master
from tests.lo import SOFFICE, convert, sheet_values, value_differences

SHEET = "Evaluasi Renja"
RP5, RP6, RP12, RP14, RP15 = 6, 8, 20, 24, 26  # 1-based sheet columns (F, H, T, X, Z)
RENSTRA = {"P1.01": (10_000, 2_000), "P1.02": (None, None), "P2.01": (0, 400)}


def _q(*values: float | None) -> tuple[float | None, ...]:
    return tuple([*values, None, None, None, None][:4])


def _merge(root: Path, renstra: dict[str, tuple[int | None, int | None]]) -> MergeResult:
    m = small_master()
    m.kegiatan = [
        replace(k, pagu_renstra=renstra[k.kegiatan_kode][0], realisasi_renstra_lalu=renstra[k.kegiatan_kode][1])
        if k.kegiatan_kode in renstra
        else k
        for k in m.kegiatan
    ]
    master = write_master(m, root / "master.xlsx")
    templates, _ = make_templates(master, root / "t", triwulan=1)
    kinerja = {"I1": _q(50), "I2": _q(3), "I3": _q(40)}
    anggaran = {"P1.01": _q(300), "P1.02": _q(200), "P2.01": _q(100)}
    for t in templates:
        fill_quarter(t, root / "in" / t.name, 1, kinerja, anggaran, {})
    return merge(master, root / "in", root / "hasil.xlsx", triwulan=1)


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> MergeResult:
    return _merge(tmp_path_factory.mktemp("renja_rp"), RENSTRA)


def _at(ws: object, kode: str) -> int:
    return next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 2).value == kode)  # type: ignore[attr-defined]


def test_kegiatan_rows_take_the_master_figures_with_live_formulas(first: MergeResult) -> None:
    ws = openpyxl.load_workbook(first.output)[SHEET]
    r = _at(ws, "P1.01")
    assert ws.cell(r, RP5).value == 10_000 and ws.cell(r, RP6).value == 2_000
    assert ws.cell(r, RP14).value == f'=IF(T{r}="","",IF(H{r}="",T{r},H{r}+T{r}))'  # 14 = 6 + 12
    assert ws.cell(r, RP15).value == f'=IF(OR(F{r}="",X{r}="",F{r}=0),"",X{r}/F{r}*100)'  # 15 = 14 / 5 × 100
    p = _at(ws, "P1")
    assert ws.cell(p, RP5).value == f"=SUM(F{p + 1}:F{p + 2})" and ws.cell(p, RP6).value == f"=SUM(H{p + 1}:H{p + 2})"
    assert ws.cell(p, RP15).value == f'=IF(OR(F{p}="",X{p}="",F{p}=0),"",X{p}/F{p}*100)'
    q = _at(ws, "P2")
    assert ws.cell(q, RP6).value == f"=SUM(H{q + 1}:H{q + 1})"


def test_cached_values_of_kegiatan_and_program_rows(first: MergeResult) -> None:
    ws = openpyxl.load_workbook(first.output)[SHEET]
    values = {str(r[1]): r for r in sheet_values(first.output)[SHEET][6:] if len(r) > 1 and r[1]}

    def rp(kode: str) -> list[object]:
        row = values[kode]
        return [row[c - 1] for c in (RP5, RP6, RP12, RP14, RP15)]

    assert rp("P1.01") == [10_000, 2_000, 300, 2_300, pytest.approx(23)]
    assert rp("P1.02") == ["", "", 200, 200, ""]  # no Renstra figures: 5 and 6 blank, 14 = 12, 15 cannot be computed
    assert rp("P1") == [10_000, 2_000, 500, 2_500, pytest.approx(25)]  # the kegiatan that have them
    assert rp("P2.01") == [0, 400, 100, 500, ""]  # pagu 0: 15 cannot be computed, never 0 % or 100 %
    assert rp("P2") == [0, 400, 100, 500, ""]
    assert ws.cell(_at(ws, "P1.02"), RP5).value is None  # blank, not 0


def test_old_master_leaves_5_and_6_rp_blank(tmp_path: Path) -> None:
    result = _merge(tmp_path, {})
    rows = {str(r[1]): r for r in sheet_values(result.output)[SHEET][6:] if len(r) > 1 and r[1]}
    for kode in ("P1", "P1.01", "P1.02", "P2", "P2.01"):
        assert [rows[kode][c - 1] for c in (RP5, RP6, RP15)] == ["", "", ""]
    assert rows["P1.01"][RP14 - 1] == 300 and rows["P1"][RP14 - 1] == 500
    assert not [f for f in result.report.findings if f.code == "M017"]


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) tidak terpasang; pasang paket libreoffice-calc")
def test_libreoffice_recalculation_gives_the_cached_rp_values(first: MergeResult, tmp_path: Path) -> None:
    (recalculated,) = convert([first.output], "xlsx", tmp_path / "hitung", tmp_path / "profil", recalc_on_load=True)
    before, after = sheet_values(first.output)[SHEET], sheet_values(recalculated)[SHEET]
    assert value_differences({SHEET: before}, {SHEET: after}) == []
    p1 = next(r for r in after if len(r) > 1 and r[1] == "P1")
    assert p1[RP14 - 1] == 2_500 and p1[RP15 - 1] == pytest.approx(25)
