"""Reading a filled file: header found by its labels, real Excel rows, text numbers, errors, blank vs zero."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from tests.helpers import ANGGARAN_HEADER, GOOD_B1_ANGGARAN, GOOD_B1_KINERJA, KINERJA_HEADER, codes_at, run, write_bidang


def test_title_rows_and_reordered_columns_keep_real_excel_cells(tmp_path: Path) -> None:
    order = [1, 0, 2, 3, 5, 4, 6, 7]  # swap Kode/Sasaran and Target/Realisasi
    header = [KINERJA_HEADER[i] for i in order]
    rows = [[r[i] for i in order] for r in copy.deepcopy(GOOD_B1_KINERJA)]
    rows[0][4] = 90  # Realisasi of I1, now in column E; stated capaian stays 95
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=rows, kinerja_header=header, title_rows=3))
    assert codes_at(report, "K003") == ["Kinerja!G5"]
    assert report.kinerja.filter(report.kinerja["kode"] == "I1")["row"].to_list() == [5]


def test_numbers_typed_as_text_are_read_and_warned_N001(tmp_path: Path) -> None:
    rows = copy.deepcopy(GOOD_B1_ANGGARAN)
    rows[0][3:6] = ["3.000", "2,500", "83,33"]
    rows[1][3:6] = ["Rp 1.000,00", "900", "90%"]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert sorted(codes_at(report, "N001")) == sorted(
        ["Anggaran!D2", "Anggaran!E2", "Anggaran!F2", "Anggaran!D3", "Anggaran!E3", "Anggaran!F3"]
    )
    assert [f.code for f in report.findings if f.severity.value == "error"] == []


def test_text_that_is_not_a_number_is_an_error_N002_never_a_silent_null(tmp_path: Path) -> None:
    rows = copy.deepcopy(GOOD_B1_ANGGARAN)
    rows[2][4] = "sembilan ratus"
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "N002") == ["Anggaran!E4"]


def test_formula_error_value_is_an_error_N003(tmp_path: Path) -> None:
    rows = copy.deepcopy(GOOD_B1_ANGGARAN)
    rows[1][5] = ("=E3/0", "#DIV/0!")
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "N003") == ["Anggaran!F3"]


def test_blank_is_not_zero(tmp_path: Path) -> None:
    rows = copy.deepcopy(GOOD_B1_ANGGARAN)
    rows[2][4:6] = [0, 0]
    rows[0][4:6] = [900, 30]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran=rows))
    assert codes_at(report, "A006") == []
    assert report.findings == []


def test_dates_and_absurd_numbers_are_findings(tmp_path: Path) -> None:
    import datetime as dt

    import xlsxwriter

    path = write_bidang(tmp_path / "b1.xlsx")
    wb = xlsxwriter.Workbook(str(tmp_path / "d.xlsx"))
    ws = wb.add_worksheet("Anggaran")
    ws.write_row(0, 0, ANGGARAN_HEADER)
    ws.write_row(1, 0, ["P1.01", "Kegiatan Satu", "APBD II", 1000])
    ws.write_datetime(1, 4, dt.datetime(2017, 5, 1), wb.add_format({"num_format": "dd/mm/yyyy"}))
    ws.write_row(2, 0, ["P1.02", "Kegiatan Dua", "APBD II", 2000, "1e308"])
    meta = wb.add_worksheet("_meta")
    meta.write_column(0, 0, ["Instansi", "Tahun", "Kode Bidang"])
    meta.write_column(0, 1, ["Dinas Uji", "2017", "B1"])
    wb.close()
    report = run(tmp_path, tmp_path / "d.xlsx")
    assert codes_at(report, "N007") == ["Anggaran!E2"]
    assert codes_at(report, "N006") == ["Anggaran!E3"]
    assert path.exists()


def test_file_without_metadata_is_matched_by_name_or_rejected_B013(tmp_path: Path) -> None:
    named = write_bidang(tmp_path / "LKjIP 2017 - B1 revisi.xlsx", bidang=None)
    anonymous = write_bidang(tmp_path / "laporan.xlsx", bidang=None)
    report = run(tmp_path, named, anonymous)
    assert [f.file for f in report.findings if f.code == "B013"] == ["laporan.xlsx"]
    assert {f.name: f.bidang for f in report.files} == {"LKjIP 2017 - B1 revisi.xlsx": "B1", "laporan.xlsx": ""}
    assert report.files[1].rows_rejected == report.files[1].rows_read > 0


def test_workbook_without_template_sheets_is_B010(tmp_path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp_path / "lain.xlsx"))
    wb.add_worksheet("Sheet1").write(0, 0, "halo")
    wb.close()
    report = run(tmp_path, tmp_path / "lain.xlsx")
    assert [f.code for f in report.findings] == ["B010"]


def test_missing_required_column_is_B020(tmp_path: Path) -> None:
    header = ["Kode", "Program/Kegiatan", "Sumber Dana", "Anggaran (Rp)", "Jumlah", "Realisasi (%)", "Keterangan"]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", anggaran_header=header))
    assert [f.sheet for f in report.findings if f.code == "B020"] == ["Anggaran"]


def test_file_for_another_year_is_G004_and_not_merged(tmp_path: Path) -> None:
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", tahun="2016"))
    assert [f.code for f in report.findings] == ["G004"]
    assert report.files[0].rows_merged == 0


def test_unknown_bidang_in_metadata_is_G003(tmp_path: Path) -> None:
    report = run(tmp_path, write_bidang(tmp_path / "b9.xlsx", bidang="B9"))
    assert [f.code for f in report.findings] == ["G003"]


def test_metadata_claiming_a_bidang_whose_rows_are_not_in_the_file_is_B018(tmp_path: Path) -> None:
    b2_rows = [["I3", "Sasaran B", "Pencari kerja ditempatkan", "orang", 200, 180, 90, "x"]]
    b2_ang = [["P2", "Program Dua", "APBN", 500, 400, 80, ""], ["P2.01", "Kegiatan Tiga", "APBN", 500, 400, 80, ""]]
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", kinerja=b2_rows, anggaran=b2_ang, bidang="B1"))
    assert "B018" in {f.code for f in report.findings}
    assert report.files[0].rows_merged == 0


def test_the_bytes_the_guard_screened_are_the_bytes_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file replaced between screening and parsing (a bidang's new copy saved over it mid-run) must not reach
    calamine unscreened: the reader parses what the guard judged."""
    from lkjip_xl.intake import guard
    from lkjip_xl.intake.reader import read_bidang_file

    path = write_bidang(tmp_path / "b1.xlsx")
    real = guard.screen_file

    def screen_then_replace(p: Path, name: str | None = None) -> guard.Screened:
        screened = real(p, name)
        p.write_bytes(b"diganti setelah diperiksa")
        return screened

    monkeypatch.setattr(guard, "screen_file", screen_then_replace)
    result = read_bidang_file(path)
    assert result.readable and result.findings == []
    assert result.kinerja is not None and result.kinerja.values["kode"] == ["I1", "I2"]


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux file names can be bytes that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_read_like_any_other(tmp_path: Path) -> None:
    """E-mail attachments saved with a Latin-1 name: calamine takes such a path only as an open file."""
    import os

    source = write_bidang(tmp_path / "asal.xlsx")
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/LKjIP_Bidang_\xc9konomi_B1.xlsx"))
    source.rename(odd)
    report = run(tmp_path, odd)
    assert report.findings == []
    assert report.files[0].rows_merged == report.files[0].rows_read == 5
    assert report.files[0].name == "LKjIP_Bidang_Ékonomi_B1.xlsx"  # its byte read as Windows-1252
    assert set(report.kinerja["file"].to_list()) == {"LKjIP_Bidang_Ékonomi_B1.xlsx"}


def test_text_that_is_not_valid_unicode_becomes_readable() -> None:
    from lkjip_xl.findings import readable

    assert readable("Laporan_\udcc9konomi.xlsx") == "Laporan_Ékonomi.xlsx"  # an escaped byte: Windows-1252
    assert readable("a\ud800b") == "a\ufffdb"  # any other lone surrogate
    assert readable("Capaian 100 % → naik") == "Capaian 100 % → naik"  # valid text is left alone
