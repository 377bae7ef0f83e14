"""Staff figures (SDM, Bab I): the Sekretariat's SDM sheet, its checks and the finished workbook's breakdowns."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
import pytest

from lkjip_xl.example import data
from lkjip_xl.example.build import build_master, published_anggaran, published_kinerja
from lkjip_xl.example.fill import fill
from lkjip_xl.jobs import check, demo
from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.planning.templates import write_templates

Figures = dict[str, tuple[list[tuple[str, int]], int]]


def _consistent() -> Figures:
    sdm = copy.deepcopy(data.SDM)
    rows, _ = sdm["golongan"]
    rows[3] = ("Gol. Ruang III.d", 21)  # 76 - 2: the three breakdowns now count the same 74 people
    return sdm


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("sdm")
    master = write_master(build_master(), base / "master.xlsx")
    from lkjip_xl.intake.master import read_master

    templates = write_templates(read_master(master)[0], base / "template")
    return master, next(t for t in templates if "SEKRE" in t.name)


def _check(
    setup: tuple[Path, Path], tmp_path: Path, sdm: Figures, edit: dict[str, object] | None = None
) -> list[tuple[str, str]]:
    master, template = setup
    path = fill(template, tmp_path / template.name, published_kinerja(), published_anggaran(), sdm=sdm)
    if edit:
        wb = openpyxl.load_workbook(path)
        for cell, value in edit.items():
            if cell == "delete":
                del wb["SDM"]
            else:
                wb["SDM"][cell].value = value
        wb.save(path)
    report = check([path], master)
    return sorted((f.code, f.location) for f in report.findings if f.code.startswith("S"))


def test_template_sdm_sheet_has_three_breakdowns_with_typed_totals(setup: tuple[Path, Path]) -> None:
    ws = openpyxl.load_workbook(setup[1])["SDM"]
    assert [c.value for c in ws[1]] == ["Rincian", "Uraian", "Jumlah (orang)"]
    totals = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "Jumlah"]
    assert [ws.cell(r, 1).value for r in totals] == ["Jabatan", "Golongan/Ruang", "Tingkat Pendidikan"]
    assert all(not ws.cell(r, 3).protection.locked for r in range(2, ws.max_row + 1))
    assert ws.cell(totals[0], 2).protection.locked and not ws.cell(2, 2).protection.locked
    rules = {str(dv.sqref): (dv.type, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert rules == {f"C2:C{ws.max_row}": ("whole", "0")}


def test_consistent_figures_have_no_finding(setup: tuple[Path, Path], tmp_path: Path) -> None:
    assert _check(setup, tmp_path, _consistent()) == []


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"C3": None}, [("S006", "SDM!C3")]),  # Sekretaris: 0 left blank (blank is not 0)
        ({"C2": -1}, [("S001", "SDM!C12"), ("S002", "SDM!C12"), ("S004", "SDM!C2")]),
        ({"C12": None}, [("S003", "SDM!C12")]),
        ({"C12": 75}, [("S001", "SDM!C12")]),  # the typed total alone is wrong: the rows still agree
        ({"delete": True}, [("S005", "SDM")]),
    ],
)
def test_each_sdm_problem_is_found_at_its_cell(
    setup: tuple[Path, Path], tmp_path: Path, edit: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    assert _check(setup, tmp_path, _consistent(), edit) == expected


def test_demo_finds_the_golongan_breakdown_at_its_cells(tmp_path: Path) -> None:
    result = demo(tmp_path / "demo")
    found = {(f.code, f.file, f.location, f.expected, f.actual) for f in result.report.findings if f.code.startswith("S")}
    sekre = "LKjIP_2017_SEKRE_Sekretariat.xlsx"
    # the report's golongan/ruang rows add up to 76 where its Jumlah, and the other two breakdowns, say 74
    assert found == {("S001", sekre, "SDM!C30", "76", "74"), ("S002", sekre, "SDM!C30", "74", "76")}
    ws = openpyxl.load_workbook(result.output)["SDM Aparatur"]
    cells = {ws.cell(r, 2).value: ws.cell(r, 3).value for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value}
    assert cells["Gol. Ruang III.d"] == 23 and cells["Pejabat Fungsional Khusus"] == 41 and cells["Sarjana"] == 46
    sums = [ws.cell(r, 3).value for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "JUMLAH (dari baris)"]
    typed = [ws.cell(r, 3).value for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "JUMLAH TERTULIS"]
    assert len(sums) == 3 and all(s.startswith("=SUM(") for s in sums) and typed == [74, 74, 74]
    from tests.workbook.test_writer import _cached

    cached = [row[2] for row in _cached(result.output, "SDM Aparatur") if len(row) > 2 and row[1] == "JUMLAH (dari baris)"]
    assert cached == [74, 76, 74]
