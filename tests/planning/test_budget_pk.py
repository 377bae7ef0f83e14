"""Budgets as planned and as changed: DPA murni / DPPA perubahan, the Perjanjian Kinerja's programs (Bab II)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from lkjip_xl.consolidate.pk import pk_table
from lkjip_xl.example.build import build_master
from lkjip_xl.intake.master import read_master
from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.planning.model import Master, ProgramPK
from tests.helpers import GOOD_B1_ANGGARAN, codes_at, run, small_master, write_bidang


def _with_perubahan(kode: str, value: int | None) -> Master:
    m = small_master()
    m.kegiatan = [replace(k, anggaran_perubahan=value) if k.kegiatan_kode == kode else k for k in m.kegiatan]
    return m


def _b1_rows(realisasi: int, anggaran: int) -> list[list[object]]:
    rows = [list(r) for r in GOOD_B1_ANGGARAN]
    rows[1][3], rows[1][4], rows[1][5] = anggaran, realisasi, round(realisasi / anggaran * 100, 2)
    rows[0][3], rows[0][4] = anggaran + 2000, realisasi + 1600
    rows[0][5] = round((realisasi + 1600) / (anggaran + 2000) * 100, 2)
    return rows


def test_realisasi_is_checked_against_the_perubahan_when_there_is_one(tmp_path: Path) -> None:
    master = _with_perubahan("P1.01", 1500)
    # 1.200 is above the murni (1.000) but within the perubahan (1.500): no A001, and the anggaran typed is the DPPA's
    ok = run(tmp_path, write_bidang(tmp_path / "ok.xlsx", anggaran=_b1_rows(1200, 1500)), master=master)
    assert codes_at(ok, "A001") == [] and codes_at(ok, "A005") == []
    over = run(tmp_path, write_bidang(tmp_path / "over.xlsx", anggaran=_b1_rows(1600, 1500)), master=master)
    assert codes_at(over, "A001") == ["Anggaran!E3"]
    # the same file against the master without perubahan: its 1.500 differs from the DPA's 1.000
    plain = run(tmp_path, write_bidang(tmp_path / "plain.xlsx", anggaran=_b1_rows(1200, 1500)))
    assert codes_at(plain, "A005") == ["Anggaran!D3"] and codes_at(plain, "A001") == ["Anggaran!E3"]


def test_budget_in_force_and_which_one_is_said() -> None:
    m = small_master()
    assert m.anggaran_basis == "anggaran murni (DPA)" and m.programs()[0].anggaran == 3000
    m = _with_perubahan("P1.01", 1500)
    assert m.programs()[0].anggaran == 3500 and m.programs()[0].anggaran_murni == 3000
    assert "bila ada" in m.anggaran_basis


def test_perubahan_round_trips_and_a_negative_one_is_M013(tmp_path: Path) -> None:
    master = _with_perubahan("P1.02", 2500)
    back, findings = read_master(write_master(master, tmp_path / "m.xlsx"))
    assert findings == [] and [k.anggaran_perubahan for k in back.kegiatan] == [None, 2500, None]
    master = _with_perubahan("P1.02", -1)
    _, findings = read_master(write_master(master, tmp_path / "n.xlsx"))
    assert [(f.code, f.location) for f in findings] == [("M013", "Anggaran!H3")]


def test_old_master_without_the_new_sheet_and_columns_reads_as_before(tmp_path: Path) -> None:
    path = write_master(build_master(), tmp_path / "m.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb["Program PK"]
    ws = wb["Anggaran"]
    assert ws["G1"].value == "Anggaran Murni (Rp)" and ws["H1"].value == "Anggaran Perubahan (Rp)"
    ws["G1"].value = "Anggaran (Rp)"  # the label masters had before
    ws.delete_cols(8)
    wb.save(path)
    master, findings = read_master(path)
    assert findings == []
    assert master.program_pk == [] and master.pk_total is None and not master.has_perubahan
    assert sum(p.anggaran for p in master.programs()) == 8_516_086_000


def _pk_master(tmp_path: Path, edit: tuple[str, object]) -> list[tuple[str, str]]:
    path = write_master(build_master(), tmp_path / "m.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Program PK"][edit[0]].value = edit[1]
    wb.save(path)
    _, findings = read_master(path)
    return [(f.code, f.location) for f in findings if f.code != "M016"]


@pytest.mark.parametrize(
    ("cell", "value", "expected"),
    [
        ("D16", 7_775_334_001, [("M012", "Program PK!D16")]),  # the stated JUMLAH differs from its 14 rows
        ("D5", 25_000_001, [("M012", "Program PK!D16")]),  # a row changed: the stated total no longer adds up
        ("A2", "9.99.99", [("M014", "Program PK!A2")]),
        ("E3", "Sasaran lain", [("M015", "Program PK!E3")]),
    ],
)
def test_pk_problems_are_found_at_their_cells(tmp_path: Path, cell: str, value: object, expected: list[tuple[str, str]]) -> None:
    assert _pk_master(tmp_path, (cell, value)) == expected


def test_example_pk_table_compares_the_report_s_own_figures() -> None:
    table = pk_table(build_master())
    assert len(table.rows) == 14
    assert table.stated_total == table.total_pk == 7_775_334_000 and table.stated_difference == 0
    apbn = table.rows[-1]
    assert (apbn.sumber_dana, apbn.anggaran_pk, apbn.anggaran, apbn.selisih) == ("APBN", 516_540_000, None, None)
    transmigrasi = next(r for r in table.rows if r.kode == "2.08.15")
    assert transmigrasi.selisih == 173_632_000 - 335_002_000
    assert table.total_anggaran == 8_516_086_000


def test_a_dpa_program_missing_from_the_pk_is_listed_without_pk_budget() -> None:
    m = small_master()
    m.program_pk = [ProgramPK("P1", "Program Satu", "APBD II", 2900, "Sasaran A")]
    table = pk_table(m)
    assert [(r.kode, r.anggaran_pk, r.anggaran, r.selisih) for r in table.rows] == [
        ("P1", 2900, 3000, 100),
        ("P2", None, 500, None),
    ]


def test_demo_workbook_shows_the_pk_table_with_totals(tmp_path: Path) -> None:
    from lkjip_xl.jobs import demo

    result = demo(tmp_path / "demo")
    ws = openpyxl.load_workbook(result.output)["Perjanjian Kinerja"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "PROGRAM")
    assert ws.cell(header, 5).value == "ANGGARAN MURNI (DPA) (Rp)"
    rows = range(header + 1, header + 15)
    assert [ws.cell(r, 4).value for r in rows][-1] == 516_540_000
    total = header + 15
    assert ws.cell(total, 2).value == "JUMLAH" and ws.cell(total, 4).value == f"=SUM(D{header + 1}:D{header + 14})"
    assert ws.cell(total + 1, 4).value == 7_775_334_000
    codes = {f.code for f in result.report.findings}
    assert "M016" in codes and "M012" not in codes


def test_every_sheet_showing_a_budget_says_which_one(tmp_path: Path) -> None:
    from lkjip_xl.consolidate.tables import consolidate
    from lkjip_xl.planning.templates import write_templates
    from lkjip_xl.workbook.writer import write_workbook

    master = small_master()
    master.kegiatan = [replace(k, anggaran_perubahan=(k.anggaran or 0) + 500) for k in master.kegiatan]
    master.program_pk = [ProgramPK("P1", "Program Satu", "APBD II", 3000, "Sasaran A")]
    rows = [list(r) for r in GOOD_B1_ANGGARAN]
    rows[0][3], rows[1][3], rows[2][3] = 4000, 1500, 2500
    rows[0][5], rows[1][5], rows[2][5] = 62.5, 60, 64
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows), master=master)
    assert [f.code for f in report.findings if f.code.startswith("A")] == []
    wb = openpyxl.load_workbook(write_workbook(consolidate(report), tmp_path / "out.xlsx"))
    said = "anggaran perubahan (DPPA)"
    for sheet in ("Ringkasan", "Realisasi Anggaran", "Perjanjian Kinerja", "Efisiensi", "Grafik", "Narasi"):
        texts = [str(c.value) for row in wb[sheet].iter_rows() for c in row if isinstance(c.value, str)]
        assert any(said.lower() in t.lower() for t in texts), sheet  # the PK sheet says it in capitals
    template = openpyxl.load_workbook(write_templates(master, tmp_path / "t")[0])
    assert any(said in str(c.value) for row in template["Petunjuk"].iter_rows() for c in row)
    assert template["Anggaran"]["D3"].value == 1500  # the template carries the DPPA figure
