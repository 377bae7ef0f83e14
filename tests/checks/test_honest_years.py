"""Another year without metadata (issue 12, kind 8): the file name, sheet names or title rows say it; dates do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.intake.test_honest_files import ANG_HEADER, ANG_ROWS, KIN_HEADER, KIN_ROWS, check, plain, workbook

SIGNED = [[], [None, None, None, None, "Magelang, 15 Januari 2018"], [None, None, None, None, "NIP. 19680101 199203 1 005"]]


def at(report, code: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.location, f.actual) for f in report.findings if f.code == code]


def test_a_file_named_for_another_year_is_G004_without_metadata(tmp_path: Path) -> None:
    report = check(plain(tmp_path / "LKjIP_2016_IND.xlsx"))
    assert at(report, "G004") == [("", "2016")]
    assert report.anggaran.height == 0  # nothing of it merged


def test_title_rows_saying_another_year_are_G004_at_the_title_cell(tmp_path: Path) -> None:
    rows = [["REALISASI ANGGARAN BIDANG INDUSTRI"], ["TAHUN ANGGARAN 2016"], [], ANG_HEADER, *ANG_ROWS]
    path = workbook(tmp_path / "LKjIP_IND.xlsx", {"Kinerja": ([KIN_HEADER, *KIN_ROWS], ()), "Anggaran": (rows, ())})
    assert at(check(path), "G004") == [("Anggaran!A2", "2016")]


def test_a_sheet_named_for_another_year_is_G004(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "LKjIP_IND.xlsx",
        {"Kinerja 2016": ([KIN_HEADER, *KIN_ROWS], ()), "Anggaran 2016": ([ANG_HEADER, *ANG_ROWS], ())},
    )
    assert [loc for loc, _ in at(check(path), "G004")] == ["Kinerja 2016"]


@pytest.mark.parametrize("title", ["TAHUN 2017", "RENSTRA 2014-2019 TAHUN 2017", "Data per 31 Desember 2016"])
def test_this_year_periods_and_dates_are_not_another_year(tmp_path: Path, title: str) -> None:
    kin = [list(r) for r in KIN_ROWS]
    kin[1][7] = "dibanding tahun 2016 naik"  # a year in a Keterangan does not count
    rows = [[title], [], ANG_HEADER, *ANG_ROWS, *SIGNED]
    path = workbook(tmp_path / "LKjIP_2017_IND_2018-01-15.xlsx", {"Kinerja": ([KIN_HEADER, *kin], ()), "Anggaran": (rows, ())})
    report = check(path)
    assert at(report, "G004") == []
    assert report.anggaran.height == len(ANG_ROWS)
