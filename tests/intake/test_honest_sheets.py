"""Sheets as people name and fill them (issue 12, kinds 4 and 5): names changed, copies, tables on the wrong sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkjip_xl.findings import Severity
from tests.intake.test_honest_files import ANG_HEADER, ANG_ROWS, KIN_HEADER, KIN_ROWS, check, merged, workbook

EXPECTED = {
    "3.31.16": 62_000_000,
    "3.31.16.01": 38_000_000,
    "3.31.16.02": 24_000_000,
    "3.31.19": 9_000_000,
    "3.31.19.01": 9_000_000,
}


@pytest.mark.parametrize(
    ("kinerja", "anggaran"),
    [
        ("KINERJA", "ANGGARAN"),
        ("kinerja ", "Anggaran 2017"),
        ("Capaian Kinerja", "Realisasi Anggaran"),
        ("Kinerja 2017", "anggaran"),
    ],
)
def test_sheet_names_as_people_change_them_are_read_without_findings(tmp_path: Path, kinerja: str, anggaran: str) -> None:
    path = workbook(
        tmp_path / "LKjIP_2017_IND.xlsx", {kinerja: ([KIN_HEADER, *KIN_ROWS], ()), anggaran: ([ANG_HEADER, *ANG_ROWS], ())}
    )
    report = check(path)
    assert report.findings == []
    assert merged(report) == EXPECTED
    assert set(report.anggaran["sheet"].to_list()) == {anggaran}


def test_of_two_sheets_that_could_be_meant_the_best_is_read_and_the_other_named(tmp_path: Path) -> None:
    old = [list(r) for r in ANG_ROWS]
    old[1][4] = 1  # the copy holds other numbers: never read
    path = workbook(
        tmp_path / "LKjIP_2017_IND.xlsx",
        {
            "Kinerja": ([KIN_HEADER, *KIN_ROWS], ()),
            "Anggaran (2)": ([ANG_HEADER, *old], ()),
            "Anggaran": ([ANG_HEADER, *ANG_ROWS], ()),
        },
    )
    report = check(path)
    assert [(f.code, f.sheet, f.actual) for f in report.findings] == [("B028", "Anggaran", "Anggaran (2)")]
    assert merged(report) == EXPECTED


def test_a_file_without_any_table_names_the_sheets_it_has(tmp_path: Path) -> None:
    path = workbook(tmp_path / "LKjIP_2017_IND.xlsx", {"Data": ([["halo"]], ()), "Lain": ([["dunia"]], ())})
    report = check(path)
    assert [f.code for f in report.findings] == ["B010"]
    assert "'Data'" in report.findings[0].actual and "'Lain'" in report.findings[0].actual


def test_a_missing_sheet_names_the_sheets_the_file_has(tmp_path: Path) -> None:
    path = workbook(tmp_path / "LKjIP_2017_IND.xlsx", {"Kinerja": ([KIN_HEADER, *KIN_ROWS], ()), "Lembar2": ([["x"]], ())})
    report = check(path)
    (b019,) = [f for f in report.findings if f.code == "B019"]
    assert b019.sheet == "Anggaran" and "'Lembar2'" in b019.actual


def test_the_anggaran_table_pasted_under_the_kinerja_table_is_found_and_read(tmp_path: Path) -> None:
    rows = [KIN_HEADER, *KIN_ROWS, [], [], ANG_HEADER, *ANG_ROWS]
    report = check(workbook(tmp_path / "LKjIP_2017_IND.xlsx", {"Kinerja": (rows, ())}))
    assert [(f.code, f.location) for f in report.findings] == [("B029", "Kinerja!A6")]  # one finding, no galat per row
    assert merged(report) == EXPECTED
    assert merged(report, "kinerja") == {"IK09": pytest.approx(5.5), "IK10": 40}
    row = report.anggaran.filter(report.anggaran["kode"] == "3.31.16.01")
    assert (row["sheet"].to_list(), row["row"].to_list()) == (["Kinerja"], [8])


def test_both_tables_on_sheet1_are_both_read_and_findings_point_into_sheet1(tmp_path: Path) -> None:
    ang = [list(r) for r in ANG_ROWS]
    ang[1][4] = 50_000_000  # above its anggaran: the finding must point at the cell where it is
    rows = [["LAPORAN BIDANG INDUSTRI"], KIN_HEADER, *KIN_ROWS, [], ANG_HEADER, *ang]
    report = check(workbook(tmp_path / "LKjIP_2017_IND.xlsx", {"Sheet1": (rows, ())}))
    assert sorted((f.code, f.location) for f in report.findings if f.code == "B029") == [
        ("B029", "Sheet1!A2"),
        ("B029", "Sheet1!A6"),
    ]
    assert ("A001", "Sheet1!E8") in {(f.code, f.location) for f in report.findings}
    assert {f.code for f in report.findings if f.severity is Severity.ERROR} == {
        "A001",
        "A003",
        "A004",
    }  # the row's own %, the program total
    assert merged(report, "kinerja") == {"IK09": pytest.approx(5.5), "IK10": 40}


def test_a_filled_copy_pasted_below_wins_over_the_unfilled_template_sheet(tmp_path: Path) -> None:
    unfilled = [[*r[:4], None, None, ""] for r in ANG_ROWS]  # the template's Anggaran sheet, never filled in
    path = workbook(
        tmp_path / "LKjIP_2017_IND.xlsx",
        {"Kinerja": ([KIN_HEADER, *KIN_ROWS, [], ANG_HEADER, *ANG_ROWS], ()), "Anggaran": ([ANG_HEADER, *unfilled], ())},
    )
    report = check(path)
    assert [(f.code, f.location) for f in report.findings] == [("B029", "Anggaran!A1")]  # names the copy not read
    assert merged(report) == EXPECTED
    assert set(report.anggaran["sheet"].to_list()) == {"Kinerja"}


def test_a_second_copy_below_with_less_is_named_and_not_read(tmp_path: Path) -> None:
    partial = [list(r) for r in ANG_ROWS[:2]]
    path = workbook(
        tmp_path / "LKjIP_2017_IND.xlsx",
        {"Kinerja": ([KIN_HEADER, *KIN_ROWS, [], ANG_HEADER, *partial], ()), "Anggaran": ([ANG_HEADER, *ANG_ROWS], ())},
    )
    report = check(path)
    assert [(f.code, f.location) for f in report.findings] == [("B029", "Kinerja!A5")]
    assert merged(report) == EXPECTED
    assert set(report.anggaran["sheet"].to_list()) == {"Anggaran"}
