"""Indicator rules (issue 14): polaritas positif/negatif/rentang, agregasi over quarters, the cap, in the master,
the checks, the template formula, the consolidated tables and the legend beside the figures."""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from lkjip_xl.consolidate.tables import consolidate
from lkjip_xl.intake.master import read_master
from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.planning.model import IndikatorKegiatan, Master
from lkjip_xl.planning.rules import (
    JUMLAH,
    MAKSIMUM,
    NILAI_AKHIR,
    RATA_RATA,
    aggregate,
    capaian,
    capaian_uncapped,
)
from lkjip_xl.planning.templates import capaian_formula
from tests.helpers import GOOD_B1_KINERJA, run, small_master, write_bidang


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "rumus", "maks", "expected"),
    [
        (100, 95, "positif", "2 - R/T", None, 95.0),
        (10, 5, "negatif", "2 - R/T", None, 150.0),
        (10, 5, "negatif", "T/R", None, 200.0),
        (10, 0, "negatif", "T/R", None, None),  # T/R with realisasi 0: cannot be computed
        (0, 5, "positif", "2 - R/T", None, None),  # target 0
        (0, 5, "negatif", "2 - R/T", None, None),
        (100, None, "positif", "2 - R/T", None, None),  # blank realisasi
        (None, 5, "positif", "2 - R/T", None, None),
        # rentang 10-20: inside 100, below R/L, above 2 - R/U
        (10, 15, "rentang", "2 - R/T", 20, 100.0),
        (10, 10, "rentang", "2 - R/T", 20, 100.0),
        (10, 20, "rentang", "2 - R/T", 20, 100.0),
        (10, 8, "rentang", "2 - R/T", 20, 80.0),
        (10, 25, "rentang", "2 - R/T", 20, 75.0),
        (0, 3, "rentang", "2 - R/T", 5, 100.0),  # a range starting at 0: target 0 is fine inside
        (0, 6, "rentang", "2 - R/T", 0, None),  # above an upper bound of 0: cannot be computed
        (10, 12, "rentang", "2 - R/T", None, 80.0),  # no upper bound: a one-point range
        (10, None, "rentang", "2 - R/T", 20, None),
    ],
)
def test_capaian_by_polarity(
    target: float | None, realisasi: float | None, polaritas: str, rumus: str, maks: float | None, expected: float | None
) -> None:
    got = capaian(target, realisasi, polaritas, rumus, maks)
    assert got == (None if expected is None else pytest.approx(expected))


def test_cap_shows_the_capped_value_and_keeps_the_uncapped_one() -> None:
    assert capaian(100, 150, "positif", "2 - R/T", batas=120) == pytest.approx(120)
    assert capaian_uncapped(100, 150, "positif", "2 - R/T") == pytest.approx(150)
    assert capaian(100, 110, "positif", "2 - R/T", batas=120) == pytest.approx(110)
    assert capaian(10, 2, "negatif", "T/R", batas=120) == pytest.approx(120)
    assert capaian(0, 2, "positif", "2 - R/T", batas=120) is None  # a cap never makes a value out of nothing


@pytest.mark.parametrize(
    ("values", "rule", "expected"),
    [
        ([10, 20, 30, 40], JUMLAH, 100),
        ([10, 20, 30, 40], NILAI_AKHIR, 40),
        ([10, 20, 30, 40], RATA_RATA, 25),
        ([10, 40, 30, 20], MAKSIMUM, 40),
        ([10, 20], JUMLAH, 30),  # up to quarter 2
        ([0, 0, 0, 0], JUMLAH, 0),  # zeros are values
        ([10, None, 30, 40], JUMLAH, None),  # a blank quarter: cannot be computed, never read as 0
        ([10, 20, 30, None], NILAI_AKHIR, None),
        ([10, None], RATA_RATA, None),
        ([None, 20], MAKSIMUM, None),
        ([], JUMLAH, None),
    ],
)
def test_agregasi_rules(values: list[float | None], rule: str, expected: float | None) -> None:
    got = aggregate(values, rule)
    assert got == (None if expected is None else pytest.approx(expected))


def test_polars_capaian_agrees_with_the_rules_everywhere() -> None:
    import polars as pl

    from lkjip_xl.checks.kinerja import capaian_expr

    grid = list(
        itertools.product(
            ["positif", "negatif", "rentang"], [None, 0.0, 10.0], [None, 0.0, 5.0, 10.0, 15.0, 30.0], [None, 0.0, 20.0]
        )
    )
    for rumus in ("2 - R/T", "T/R"):
        frame = pl.DataFrame(
            {"polaritas": [g[0] for g in grid], "t": [g[1] for g in grid], "r": [g[2] for g in grid], "m": [g[3] for g in grid]},
            schema={"polaritas": pl.Utf8, "t": pl.Float64, "r": pl.Float64, "m": pl.Float64},
        )
        got = frame.select(capaian_expr(pl.col("t"), pl.col("r"), rumus, pl.col("m"), pl.lit(120.0)).alias("c"))["c"]
        for (pol, t, r, m), value in zip(grid, got.to_list(), strict=True):
            expected = capaian(t, r, pol, rumus, m, 120.0)
            assert value == (None if expected is None else pytest.approx(expected)), (pol, t, r, m, rumus)


def test_template_formula_keeps_todays_formulas_and_adds_range_and_cap() -> None:
    assert capaian_formula("E2", "F2", "positif", "2 - R/T") == '=IF(OR(E2="",F2="",E2=0),"",F2/E2*100)'
    assert capaian_formula("E2", "F2", "negatif", "T/R") == '=IF(OR(E2="",F2="",E2=0,F2=0),"",E2/F2*100)'
    assert capaian_formula("E2", "F2", "positif", "2 - R/T", batas=120.0) == '=IF(OR(E2="",F2="",E2=0),"",MIN(120,F2/E2*100))'
    ranged = capaian_formula("E2", "F2", "rentang", "2 - R/T", 20.5)
    assert "20.5" in ranged and "E2=0" not in ranged.split(",IF(F2<E2")[0]


def rules_master() -> Master:
    """small_master with every rule: I1 capped at 120 %, I2 a range 5-10, I3 summed with quarterly targets."""
    m = small_master()
    i1, i2, i3 = m.indikator
    m.indikator = [
        replace(i1, batas_capaian=Decimal(120), agregasi=RATA_RATA),
        replace(i2, polaritas="rentang", target=Decimal(5), target_maks=Decimal(10), agregasi=MAKSIMUM),
        replace(i3, agregasi=JUMLAH, target_triwulan=(Decimal(50), Decimal(50), Decimal(50), Decimal(50))),
    ]
    m.indikator_kegiatan = [IndikatorKegiatan("P1.01", "Pelatihan terlaksana", "kali", Decimal(4), JUMLAH)]
    return m


def test_master_round_trips_every_rule(tmp_path: Path) -> None:
    master, findings = read_master(write_master(rules_master(), tmp_path / "m.xlsx"))
    assert findings == []
    i1, i2, i3 = master.indikator
    assert (i1.batas_capaian, i1.agregasi, i1.kumulatif) == (Decimal(120), RATA_RATA, False)
    assert (i2.polaritas, i2.target, i2.target_maks, i2.agregasi) == ("rentang", Decimal(5), Decimal(10), MAKSIMUM)
    assert (i3.agregasi, i3.kumulatif, i3.target_triwulan) == (JUMLAH, True, (Decimal(50),) * 4)
    assert master.indikator_kegiatan == [IndikatorKegiatan("P1.01", "Pelatihan terlaksana", "kali", Decimal(4), JUMLAH, 2)]


def test_old_master_with_kumulatif_ya_tidak_is_read_as_before(tmp_path: Path) -> None:
    """A master written before agregasi existed: column 'Kumulatif' (ya/tidak), no rule columns, no optional sheet."""
    path = write_master(small_master(), tmp_path / "m.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Indikator"]
    header = [c.value for c in ws[1]]
    col = header.index("Agregasi") + 1
    ws.cell(1, col).value = "Kumulatif"
    for r in range(2, ws.max_row + 1):
        ws.cell(r, col).value = "ya" if ws.cell(r, col).value == "jumlah" else "tidak"
    ws.delete_cols(header.index("Target Maksimum") + 1, 6)
    del wb["Indikator Kegiatan"]
    wb.save(path)
    master, findings = read_master(path)
    assert findings == []
    assert [(i.kumulatif, i.agregasi) for i in master.indikator] == [(False, NILAI_AKHIR), (False, NILAI_AKHIR), (True, JUMLAH)]
    assert master.indikator_kegiatan == []


def _edit(path: Path, sheet: str, header: str, row: int, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    col = [c.value for c in ws[1]].index(header) + 1
    ws.cell(row, col).value = value
    wb.save(path)


@pytest.mark.parametrize(
    ("sheet", "header", "row", "value", "code", "cell"),
    [
        ("Indikator", "Target Maksimum", 3, 2, "M020", "K3"),  # range 5..2
        ("Indikator", "Target Maksimum", 3, None, "M020", "K3"),  # rentang without its upper bound
        ("Indikator", "Target TW IV", 4, 60, "M021", "P4"),  # 50+50+50+60 != 200
        ("Indikator", "Target TW II", 4, None, "M021", "M4"),  # three of four
        ("Indikator", "Agregasi", 2, "kadang-kadang", "M022", "H2"),
        ("Indikator", "Batas Capaian (%)", 2, 90, "M023", "L2"),
        ("Indikator Kegiatan", "Kode Kegiatan", 2, "P9.99", "M024", "A2"),
        ("Indikator Kegiatan", "Target", 2, None, "M025", "D2"),
        ("Indikator", "Polaritas", 2, "naik-turun", "M003", "E2"),
    ],
)
def test_rule_problems_are_located_findings(
    tmp_path: Path, sheet: str, header: str, row: int, value: object, code: str, cell: str
) -> None:
    path = write_master(rules_master(), tmp_path / "m.xlsx")
    _edit(path, sheet, header, row, value)
    _, findings = read_master(path)
    assert [(f.code, f.location) for f in findings] == [(code, f"{sheet}!{cell}")]


def test_cap_and_range_in_a_merge_finding_table_and_legend(tmp_path: Path) -> None:
    """I1 realisasi 150 of 100 with a 120 % cap: shown 120, K030 keeps 150; I2 8 in the range 5-10: 100."""
    from lkjip_xl.workbook.sheets.legend import rule_lines

    master = rules_master()
    rows = [list(r) for r in GOOD_B1_KINERJA]
    rows[0][5:7] = [150, 150]  # the uncapped figure written by hand: accepted (K003 takes capped or uncapped)
    rows[1][4:7] = [5, 8, 100]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", rows), master=master)
    assert [(f.code, f.location, f.expected, f.actual) for f in report.findings if f.code.startswith("K")] == [
        ("K030", "Kinerja!G2", "120,00 %", "150,00 %")
    ]
    c = consolidate(report)
    by = {r.kode: r for r in c.kinerja}
    assert (by["I1"].capaian, by["I1"].capaian_tanpa_batas, by["I1"].kategori) == (120.0, 150.0, "Memuaskan")
    assert by["I2"].capaian == 100.0
    lines = rule_lines(c)
    assert any(line.startswith("Polaritas rentang") for line in lines)
    assert "Batas capaian I1: 120,00 % (dibatasi; tanpa batas 150,00 %)." in lines
    assert {line.split(":")[0] for line in lines if line.startswith("Agregasi")} == {
        "Agregasi rata-rata",
        "Agregasi maksimum",
        "Agregasi jumlah",
    }


def test_written_capaian_that_matches_neither_capped_nor_uncapped_is_k003(tmp_path: Path) -> None:
    rows = [list(r) for r in GOOD_B1_KINERJA]
    rows[0][5:7] = [150, 130]
    rows[1][4:7] = [5, 8, 100]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", rows), master=rules_master())
    assert ("K003", "Kinerja!G2") in [(f.code, f.location) for f in report.findings]


def test_renstra_realisasi_follows_agregasi_over_the_years() -> None:
    from lkjip_xl.consolidate.tables import _renstra_realisasi
    from lkjip_xl.planning.model import Riwayat

    m = small_master()
    history = {("X", y): Riwayat("X", y, None, Decimal(v), None) for y, v in ((2014, 4), (2015, 9), (2016, 5))}
    got = {rule: _renstra_realisasi("X", rule, 6.0, history, m)[0] for rule in (JUMLAH, NILAI_AKHIR, RATA_RATA, MAKSIMUM)}
    assert got == {JUMLAH: 24.0, NILAI_AKHIR: 6.0, RATA_RATA: 6.0, MAKSIMUM: 9.0}
