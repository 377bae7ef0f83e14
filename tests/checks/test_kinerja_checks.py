"""Each Kinerja check, on small workbooks built in the test: finding code and cell."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tests.helpers import GOOD_B1_ANGGARAN, GOOD_B1_KINERJA, codes_at, run, small_master, write_bidang


def _kinerja(*changes: tuple[int, int, object]) -> list[list[object]]:
    rows = copy.deepcopy(GOOD_B1_KINERJA)
    for r, c, v in changes:
        rows[r][c] = v
    return rows


def test_blank_realisasi_is_K001(tmp_path: Path) -> None:
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=_kinerja((0, 5, None), (0, 6, None))))
    assert codes_at(report, "K001") == ["Kinerja!F2"]
    assert codes_at(report, "K003") == []


def test_changed_target_is_K002_and_master_target_is_used(tmp_path: Path) -> None:
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=_kinerja((0, 4, 50), (0, 6, 190))))
    assert codes_at(report, "K002") == ["Kinerja!E2"]
    # capaian from the master target (100): 95 %, so the stated 190 is wrong
    assert codes_at(report, "K003") == ["Kinerja!G2"]


def test_stated_capaian_not_matching_is_K003(tmp_path: Path) -> None:
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=_kinerja((0, 6, 96))))
    assert codes_at(report, "K003") == ["Kinerja!G2"]


@pytest.mark.parametrize(("rumus", "stated", "ok"), [("2 - R/T", 120, True), ("T/R", 125, True), ("2 - R/T", 125, False)])
def test_negative_indicator_capaian_follows_the_chosen_formula(tmp_path: Path, rumus: str, stated: float, ok: bool) -> None:
    path = write_bidang(tmp_path / "b1.xlsx", kinerja=_kinerja((1, 6, stated)))
    report = run(tmp_path, path, master=small_master(rumus))
    assert (codes_at(report, "K003") == []) is ok


def test_implausible_capaian_is_a_warning_K004(tmp_path: Path) -> None:
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=_kinerja((0, 5, 250), (0, 6, 250))))
    assert codes_at(report, "K004") == ["Kinerja!G2"]
    assert report.exit_code() == 0
    assert report.exit_code(strict=True) == 1


def test_shortfall_without_keterangan_is_a_warning_K005(tmp_path: Path) -> None:
    unexplained = _kinerja((0, 7, ""), (0, 8, ""), (0, 9, ""), (0, 10, ""))  # neither Keterangan nor a faktor
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=unexplained))
    assert codes_at(report, "K005") == ["Kinerja!H2"]


def test_missing_indicator_row_is_K006(tmp_path: Path) -> None:
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=_kinerja()[:1]))
    assert [f.kode for f in report.findings if f.code == "K006"] == ["I2"]


def test_unknown_indicator_is_K007(tmp_path: Path) -> None:
    rows = [*_kinerja(), ["I9", "S", "Indikator liar", "%", 1, 1, 100, ""]]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=rows))
    assert codes_at(report, "K007") == ["Kinerja!A4"]


def test_indicator_of_another_bidang_is_rejected_K008(tmp_path: Path) -> None:
    rows = [*_kinerja(), ["I3", "Sasaran B", "Pencari kerja ditempatkan", "orang", 200, 180, 90, "x"]]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=rows))
    assert codes_at(report, "K008") == ["Kinerja!A4"]
    assert "I3" not in report.kinerja["kode"].to_list()


def test_duplicate_indicator_is_K009(tmp_path: Path) -> None:
    rows = [*_kinerja(), _kinerja()[0]]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=rows))
    assert codes_at(report, "K009") == ["Kinerja!A4"]


def test_target_zero_in_master_cannot_give_a_capaian_K010(tmp_path: Path) -> None:
    from dataclasses import replace
    from decimal import Decimal

    master = small_master()
    master.indikator[0] = replace(master.indikator[0], target=Decimal(0))
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=_kinerja((0, 4, 0))), master=master)
    assert codes_at(report, "K010") == ["Kinerja!G2"]


def test_percent_typed_with_percent_sign_is_read_from_its_format_N004(tmp_path: Path) -> None:
    # a bidang typing 95% into Excel stores 0.95 in a percent-formatted cell
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=_kinerja((0, 5, ("pct", 0.95)))))
    assert codes_at(report, "N004") == ["Kinerja!F2"]
    (n004,) = [f for f in report.findings if f.code == "N004"]
    assert (n004.actual, n004.expected) == ("0,95", "95,00")  # both as Indonesian numbers, not 0.95
    assert codes_at(report, "K003") == []
    assert report.kinerja.filter(report.kinerja["kode"] == "I1")["capaian_hitung"].to_list() == [pytest.approx(95)]


def test_percent_value_a_hundred_times_too_small_without_format_is_flagged_not_computed(tmp_path: Path) -> None:
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=_kinerja((0, 5, 0.95))))
    assert codes_at(report, "N005") == ["Kinerja!F2"]
    assert report.kinerja.filter(report.kinerja["kode"] == "I1")["capaian_hitung"].to_list() == [None]


def test_row_with_numbers_but_no_kode_is_K011_and_not_merged(tmp_path: Path) -> None:
    rows = [*copy.deepcopy(GOOD_B1_KINERJA), [None, "Sasaran A", "Indikator tanpa kode", "%", 100, 90, 90, ""]]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=rows))
    assert codes_at(report, "K011") == ["Kinerja!A4"]
    assert report.kinerja["kode"].to_list() == ["I1", "I2"]
    assert (report.files[0].rows_read, report.files[0].rows_rejected) == (len(rows) + 3, 1)  # + 3 Anggaran rows


@pytest.mark.parametrize(
    ("keterangan", "faktor", "expected"),
    [
        ("", ["", "", ""], [("K005", "Kinerja!H2")]),  # nothing explains it: one warning, not two
        ("Kurang petugas", ["", "", ""], [("K020", "Kinerja!J2")]),  # Bab III still lacks the cause
        ("", ["", "Kurang petugas", "Menambah petugas"], []),  # the faktor columns explain it
        ("Kurang petugas", ["", "Kurang petugas", ""], []),
    ],
)
def test_an_indicator_below_target_gets_at_most_one_warning_for_its_missing_cause(
    tmp_path: Path, keterangan: str, faktor: list[str], expected: list[tuple[str, str]]
) -> None:
    rows = [list(r) for r in GOOD_B1_KINERJA]
    rows[0][7] = keterangan
    rows[0][8:11] = faktor
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", rows, GOOD_B1_ANGGARAN))
    assert [(f.code, f.location) for f in report.findings if f.code in ("K005", "K020")] == expected


def test_a_file_without_the_faktor_columns_is_not_asked_to_fill_them(tmp_path: Path) -> None:
    """A hand-made file from an older template (no Faktor columns) explains a shortfall in Keterangan: no K020."""
    from tests.helpers import KINERJA_HEADER

    rows = [list(r)[:8] for r in GOOD_B1_KINERJA]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", rows, GOOD_B1_ANGGARAN, kinerja_header=KINERJA_HEADER[:8]))
    assert [f.code for f in report.findings if f.code in ("K005", "K020")] == []
