"""Amounts in thousands or millions (issue 12, kind 7): declared → scaled with a warning; undeclared → galat, never
merged as Rupiah."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkjip_xl.consolidate.tables import consolidate
from lkjip_xl.findings import Severity
from tests.intake.test_honest_files import ANG_HEADER, ANG_ROWS, KIN_HEADER, KIN_ROWS, check, merged, workbook

IN_THOUSANDS = [
    ["3.31.16", "Program Pengembangan IKM", "APBD II", "65.103,05", 62_000, None, ""],
    ["3.31.16.01", "Pembinaan IKM", "APBD II", "40.103,05", 38_000, 94.76, ""],
    ["3.31.16.02", "Pameran produk", "APBD II", 25_000, 24_000, 96, ""],
    ["3.31.19", "Program Sentra Industri", "APBD II", 10_000, 9_000, 90, ""],
    ["3.31.19.01", "Sentra logam", "APBD II", 10_000, 9_000, 90, ""],
]
RUPIAH = {
    "3.31.16": 62_000_000,
    "3.31.16.01": 38_000_000,
    "3.31.16.02": 24_000_000,
    "3.31.19": 9_000_000,
    "3.31.19.01": 9_000_000,
}


def errors(report) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return sorted((f.code, f.location) for f in report.findings if f.severity is Severity.ERROR)


@pytest.mark.parametrize("unit", ["(Ribu Rp)", "(dalam ribuan rupiah)", "(Rp. 000)"])
def test_a_header_declaring_thousands_is_scaled_with_a_warning_at_the_header_cell(tmp_path: Path, unit: str) -> None:
    header = [*ANG_HEADER[:3], f"Anggaran {unit}", f"Realisasi {unit}", *ANG_HEADER[5:]]
    path = workbook(
        tmp_path / "LKjIP_2017_IND.xlsx", {"Kinerja": ([KIN_HEADER, *KIN_ROWS], ()), "Anggaran": ([header, *IN_THOUSANDS], ())}
    )
    report = check(path)
    assert errors(report) == []
    assert sorted(f.location for f in report.findings if f.code == "B030") == ["Anggaran!D1", "Anggaran!E1"]
    assert merged(report) == RUPIAH
    assert merged(report, key="anggaran")["3.31.16.01"] == 40_103_050


def test_a_note_above_the_table_declares_millions(tmp_path: Path) -> None:
    rows = [["REALISASI ANGGARAN 2017"], ["(dalam juta rupiah)"], ANG_HEADER]
    rows += [[r[0], r[1], r[2], r[3] / 1_000_000, r[4] / 1_000_000, r[5], r[6]] for r in ANG_ROWS]
    path = workbook(tmp_path / "LKjIP_2017_IND.xlsx", {"Kinerja": ([KIN_HEADER, *KIN_ROWS], ()), "Anggaran": (rows, ())})
    report = check(path)
    assert errors(report) == []
    assert [f.location for f in report.findings if f.code == "B030"] == ["Anggaran!A2"]
    assert merged(report) == RUPIAH


def test_undeclared_thousands_are_a_galat_at_each_cell_and_never_merged_as_rupiah(tmp_path: Path) -> None:
    rows = [list(r) for r in ANG_ROWS]
    for r, small in zip(rows, IN_THOUSANDS, strict=True):
        r[4] = small[4]  # realisasi in thousands, anggaran in Rupiah
    report = check(
        workbook(
            tmp_path / "LKjIP_2017_IND.xlsx", {"Kinerja": ([KIN_HEADER, *KIN_ROWS], ()), "Anggaran": ([ANG_HEADER, *rows], ())}
        )
    )
    assert [loc for code, loc in errors(report)] == [f"Anggaran!E{n}" for n in range(2, 7)]
    assert {code for code, _ in errors(report)} == {"A014"}
    assert set(merged(report).values()) == {None}
    tables = consolidate(report)
    assert tables.total_realisasi == 0  # the Ringkasan never shows 62.000 Rupiah against 65 million


def test_one_row_in_thousands_among_rupiah_rows_is_flagged_alone(tmp_path: Path) -> None:
    rows = [list(r) for r in ANG_ROWS]
    rows[0][4] = 9_038_000  # program total in Rupiah... of a kegiatan typed in thousands
    rows[1][4] = 38_000
    rows[2][4] = 24_000_000
    report = check(
        workbook(
            tmp_path / "LKjIP_2017_IND.xlsx", {"Kinerja": ([KIN_HEADER, *KIN_ROWS], ()), "Anggaran": ([ANG_HEADER, *rows], ())}
        )
    )
    assert ("A014", "Anggaran!E3") in errors(report)
    assert [loc for code, loc in errors(report) if code == "A014"] == ["Anggaran!E3"]
    assert merged(report)["3.31.16.02"] == 24_000_000
