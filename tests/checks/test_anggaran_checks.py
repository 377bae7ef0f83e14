"""Each Anggaran check, on small workbooks built in the test: finding code and cell."""

from __future__ import annotations

import copy
from pathlib import Path

from tests.helpers import GOOD_B1_ANGGARAN, codes_at, run, write_bidang


def _anggaran(**changes: tuple[int, int, object]) -> list[list[object]]:
    rows = copy.deepcopy(GOOD_B1_ANGGARAN)
    for r, c, v in changes.values():
        rows[r][c] = v
    return rows


def test_correct_file_has_no_findings(tmp_path: Path) -> None:
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx"))
    assert report.findings == []
    assert report.exit_code() == 0


def test_realisasi_above_anggaran_is_A001(tmp_path: Path) -> None:
    rows = _anggaran(a=(1, 4, 1200), b=(1, 5, 120), c=(0, 4, 2800), d=(0, 5, 93.33))
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "A001") == ["Anggaran!E3"]


def test_negative_realisasi_is_A002(tmp_path: Path) -> None:
    rows = _anggaran(a=(2, 4, -5), b=(2, 5, None), c=(0, 4, None), d=(0, 5, None))
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "A002") == ["Anggaran!E4"]


def test_stated_percentage_beyond_rounding_is_A003(tmp_path: Path) -> None:
    rows = _anggaran(a=(1, 5, 90.02))
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "A003") == ["Anggaran!F3"]


def test_percentage_within_its_displayed_rounding_passes(tmp_path: Path) -> None:
    # 2500/3000 = 83.333…: "83.33" (2 decimals) and "83.3" (1 decimal) both agree with their rounding
    for stated in (83.33, 83.3, 83):
        rows = _anggaran(a=(0, 5, stated))
        report = run(tmp_path, write_bidang(tmp_path / f"b1_{stated}.xlsx", anggaran=rows))
        assert codes_at(report, "A003") == [], stated


def test_program_total_typed_over_formula_is_A004(tmp_path: Path) -> None:
    rows = _anggaran(a=(0, 3, 3100), b=(0, 4, 2600), c=(0, 5, 83.87))
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert sorted(codes_at(report, "A004")) == ["Anggaran!D2", "Anggaran!E2"]
    finding = next(f for f in report.findings if f.code == "A004" and f.cell == "D2")
    assert finding.expected == "Rp 3.000" and finding.actual == "Rp 3.100"


def test_changed_planning_anggaran_is_A005(tmp_path: Path) -> None:
    rows = _anggaran(a=(1, 3, 1500), b=(1, 5, 60), c=(0, 3, 3500), d=(0, 5, 71.43))
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "A005") == ["Anggaran!D3"]


def test_blank_kegiatan_realisasi_is_A006_not_zero(tmp_path: Path) -> None:
    rows = _anggaran(a=(2, 4, None), b=(2, 5, None), c=(0, 4, None), d=(0, 5, None))
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "A006") == ["Anggaran!E4"]


def test_missing_kegiatan_row_is_A007(tmp_path: Path) -> None:
    rows = copy.deepcopy(GOOD_B1_ANGGARAN)[:2]
    rows[0][3:6] = [1000, 900, 90]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert [f.kode for f in report.findings if f.code == "A007"] == ["P1.02"]


def test_unknown_kode_is_A008_and_not_merged(tmp_path: Path) -> None:
    rows = [*copy.deepcopy(GOOD_B1_ANGGARAN), ["P9.99", "Kegiatan liar", "APBD II", 10, 5, 50, ""]]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "A008") == ["Anggaran!A5"]
    assert report.files[0].rows_rejected == 1


def test_kode_of_another_bidang_is_rejected_A009(tmp_path: Path) -> None:
    rows = [*copy.deepcopy(GOOD_B1_ANGGARAN), ["P2.01", "Kegiatan Tiga", "APBN", 500, 400, 80, ""]]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "A009") == ["Anggaran!A5"]
    assert "P2.01" not in report.anggaran["kode"].to_list()


def test_duplicate_kode_is_A010_first_row_kept(tmp_path: Path) -> None:
    rows = [*copy.deepcopy(GOOD_B1_ANGGARAN), ["P1.02", "Kegiatan Dua", "APBD II", 2000, 1, 0.05, ""]]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "A010") == ["Anggaran!A5"]
    kept = report.anggaran.filter(report.anggaran["kode"] == "P1.02")
    assert kept["row"].to_list() == [4]


def test_row_with_numbers_but_no_kode_is_A011(tmp_path: Path) -> None:
    # (a row labelled JUMLAH/TOTAL is a total row instead: tests/checks/test_totals.py)
    rows = [*copy.deepcopy(GOOD_B1_ANGGARAN), [None, "Kegiatan tambahan", None, 3000, 2500, None, ""]]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "A011") == ["Anggaran!A5"]
    assert report.files[0].rows_read == report.files[0].rows_merged + report.files[0].rows_rejected


def test_percentage_a_hundred_times_too_small_is_flagged_N005(tmp_path: Path) -> None:
    rows = _anggaran(a=(1, 5, 0.9))
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "N005") == ["Anggaran!F3"]
    assert codes_at(report, "A003") == []


def test_unrecalculated_formula_is_said_once_and_never_an_error(tmp_path: Path) -> None:
    rows = _anggaran(a=(1, 5, ('=IF(D3=0,"",E3/D3*100)', "")), b=(2, 5, ('=IF(D4=0,"",E4/D4*100)', "")))
    path = write_bidang(tmp_path / "b1.xlsx", anggaran=rows)
    import openpyxl

    wb = openpyxl.load_workbook(path)  # openpyxl drops cached values, as a bidang's script would
    wb.save(path)
    report = run(tmp_path, path)
    assert [f.code for f in report.findings] == ["B023"]
    assert report.exit_code() == 0


def test_rupiah_with_a_fraction_is_rounded_with_N008(tmp_path: Path) -> None:
    rows = _anggaran(a=(1, 4, 900.4))
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "N008") == ["Anggaran!E3"]
    merged = report.anggaran.filter(report.anggaran["kode"] == "P1.01")["realisasi"].to_list()
    assert merged == [900]
