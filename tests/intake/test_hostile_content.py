"""Bidang files with absurd content: each problem is a finding for that file, and a good file alongside is read normally."""

from __future__ import annotations

import copy
import datetime as dt
import random
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from lkjip_xl.checks.runner import Report, check_files
from lkjip_xl.findings import CATALOGUE, col_letter
from lkjip_xl.intake import reader
from tests.helpers import (
    ANGGARAN_HEADER,
    GOOD_B1_ANGGARAN,
    GOOD_B1_KINERJA,
    KINERJA_HEADER,
    cell_formats,
    check_in_capped_child,
    small_master,
    write_bidang,
    write_cell,
)
from tests.hostile import add_sheet_first, rewrite_zip

ROOT = Path(__file__).resolve().parents[2]
KINERJA_XML = "xl/worksheets/sheet1.xml"  # write_bidang and build write Kinerja first
GOOD_B2_KINERJA = [
    ["I3", "Sasaran B", "Pencari kerja ditempatkan", "orang", 200, 180, 90, "Lowongan sedikit", "", "Lowongan sedikit", ""]
]
GOOD_B2_ANGGARAN = [["P2", "Program Dua", "APBN", 500, 400, 80, ""], ["P2.01", "Kegiatan Tiga", "APBN", 500, 400, 80, ""]]
Edit = Callable[[Any, dict[str, Any]], None]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A clean file of the other bidang, checked in the same call as every hostile file."""
    return write_bidang(tmp_path / "baik_B2.xlsx", GOOD_B2_KINERJA, GOOD_B2_ANGGARAN, bidang="B2")


def check(bad: Path, good: Path) -> Report:
    """Check both files together; the good one must come through untouched, and every file's rows add up."""
    report = check_files([bad, good], small_master())
    assert all(f.code in CATALOGUE for f in report.findings)
    assert [f for f in report.findings if f.file == good.name] == []
    summary = {s.name: s for s in report.files}
    assert (summary[good.name].rows_read, summary[good.name].rows_merged) == (3, 3)
    for s in report.files:
        assert s.rows_read == s.rows_merged + s.rows_rejected
        assert s.rows_rejected >= 0
    return report


def at(report: Report, code: str, file: str) -> list[str]:
    """Locations (Sheet!Cell, or Sheet) of the findings with `code` in `file`."""
    return [f.location for f in report.findings if f.code == code and f.file == file]


def codes(report: Report, file: str) -> set[str]:
    return {f.code for f in report.findings if f.file == file}


def summary(report: Report, file: str) -> Any:
    return next(s for s in report.files if s.name == file)


def patch_xml(path: Path, member: str, edit: Callable[[bytes], bytes]) -> Path:
    """Rewrite one XML part of a workbook (the package is re-zipped properly; only that XML changes)."""
    with zipfile.ZipFile(path) as zf:
        data = zf.read(member)
    changed = edit(data)
    assert changed != data, "the edit did not apply"
    patched = path.with_name(f"ubah_{path.name}")
    rewrite_zip(path, patched, {member: changed})
    path.unlink()
    return patched.rename(path)


def build(path: Path, kinerja: list[list[Any]], anggaran: list[list[Any]], edit: Edit | None = None) -> Path:
    """A B1 workbook like write_bidang's, where a cell may be a datetime and `edit(workbook, sheets)` runs last."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    formats = cell_formats(wb)
    sheets: dict[str, Any] = {}
    for name, header, rows in (("Kinerja", KINERJA_HEADER, kinerja), ("Anggaran", ANGGARAN_HEADER, anggaran)):
        ws = sheets[name] = wb.add_worksheet(name)
        ws.write_row(0, 0, header)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                write_cell(ws, r, c, value, formats)
    meta = wb.add_worksheet("_meta")
    for r, pair in enumerate((("Instansi", "Dinas Uji"), ("Tahun", "2017"), ("Kode Bidang", "B1"))):
        meta.write_row(r, 0, pair)
    meta.hide()
    if edit is not None:
        edit(wb, sheets)
    wb.close()
    return path


def kinerja_rows() -> list[list[Any]]:
    return copy.deepcopy(GOOD_B1_KINERJA)


def anggaran_rows() -> list[list[Any]]:
    return copy.deepcopy(GOOD_B1_ANGGARAN)


# -- sheets too large to load: refused from the XML scan, calamine never sees them


@pytest.fixture
def loaded_sheets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """(file, sheet) of every sheet the reader asks calamine for. The Kinerja sheet of a file named raksasa*
    is never really loaded: if the reader asks, calamine could abort the whole test run, so the request fails."""
    real = reader.open_workbook
    loaded: list[tuple[str, str]] = []

    class Book:
        def __init__(self, book: Any, path: Path) -> None:
            self._book, self._file = book, path.name

        def __getattr__(self, name: str) -> Any:
            return getattr(self._book, name)

        def get_sheet_by_name(self, name: str) -> Any:
            loaded.append((self._file, name))
            if self._file.startswith("raksasa") and name == "Kinerja":
                raise RuntimeError("the reader handed calamine a sheet it had to refuse")
            return self._book.get_sheet_by_name(name)

    def spied(path: Path, screened: Any) -> Book:
        return Book(real(path, screened), path)

    monkeypatch.setattr(reader, "open_workbook", spied)
    yield loaded


def _sparse_million(xml: bytes) -> bytes:
    cell = b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'
    return xml.replace(b"</sheetData>", cell + b"</sheetData>")


def _dense_million(xml: bytes) -> bytes:
    rows = b"".join(b'<row r="%d"><c r="F%d"><v>1</v></c></row>' % (i, i) for i in range(4, 1_000_001))
    return xml.replace(b"</sheetData>", rows + b"</sheetData>")


def _column_xfd(xml: bytes) -> bytes:
    return xml.replace(b"</sheetData>", b'<row r="4"><c r="XFD4"><v>1</v></c></row></sheetData>')


@pytest.mark.parametrize(
    "edit",
    [_sparse_million, _dense_million, _column_xfd],
    ids=["one-cell-at-row-1000000", "1000000-filled-rows", "cell-in-column-XFD"],
)
def test_huge_sheet_is_B015_quickly_and_never_reaches_calamine(
    tmp_path: Path, good: Path, loaded_sheets: list[tuple[str, str]], edit: Callable[[bytes], bytes]
) -> None:
    bad = patch_xml(write_bidang(tmp_path / "raksasa.xlsx"), KINERJA_XML, edit)
    started = time.perf_counter()
    report = check(bad, good)
    assert time.perf_counter() - started < 10
    assert at(report, "B015", bad.name) == ["Kinerja"]
    assert ("raksasa.xlsx", "Kinerja") not in loaded_sheets
    assert ("raksasa.xlsx", "Anggaran") in loaded_sheets  # the rest of the file is still read
    assert summary(report, bad.name).rows_merged == 3


def _cell_f2(new: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b'<c r="F2">', new, 1)


def _f2_as(cell: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b'<c r="F2"><v>95</v></c>', cell, 1)


def _after_data(rows: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>", 1)


# Each of these made calamine allocate a grid of billions of cells (and abort the process): the XML scan must
# place every cell where calamine places it, or refuse the sheet.
@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (_cell_f2(b'<c r="ZZZZ99999999">'), "B015"),
        (_cell_f2(b'<c r="F0000000000000000002">'), "B015"),
        (_cell_f2(b'<c r="F2" r="ZZZ9999999">'), "B015"),
        (_cell_f2(b'<c r="F2" r = "ZZZ9999999">'), "B015"),
        (_cell_f2(b'<c cm="a>b" r="ZZZ9999999">'), "B015"),
        (_cell_f2(b"<c r='ZZZ9999999'>"), "B015"),
        (_after_data(b'<row r="4000000000"><c r="A1"><v>1</v></c></row><row><c><v>1</v></c></row>'), "B015"),
        (_after_data(b'<row r="' + b"9" * 5000 + b'"><c><v>1</v></c></row>'), "B015"),
        (_after_data(b'<row r="4"><x:c r="ZZZ9999999"><v>1</v></x:c></row>'), "B024"),
    ],
    ids=[
        "four-letter-column",
        "leading-zeros",
        "second-r-attribute",
        "spaced-second-r-attribute",
        "gt-inside-an-attribute",
        "single-quoted",
        "row-tag-far-below",
        "5000-digit-row",
        "other-namespace-prefix",
    ],
)
def test_cell_placed_far_away_is_refused_before_calamine(
    tmp_path: Path, good: Path, loaded_sheets: list[tuple[str, str]], edit: Callable[[bytes], bytes], code: str
) -> None:
    bad = patch_xml(write_bidang(tmp_path / "raksasa.xlsx"), KINERJA_XML, edit)
    report = check(bad, good)
    assert at(report, code, bad.name) == ["Kinerja"]
    assert ("raksasa.xlsx", "Kinerja") not in loaded_sheets
    assert summary(report, bad.name).rows_merged == 3


@pytest.mark.parametrize(
    "edit",
    [
        _f2_as(b'<c r="F2" t="e"><v>#BUKAN!</v></c>'),
        _f2_as(b'<c r="F2" t="b"><v>7</v></c>'),
        _f2_as(b'<c r="F2" t="s"><v>99999</v></c>'),
        _f2_as(b'<c r="F0"><v>95</v></c>'),
    ],
    ids=["unknown-error-value", "boolean-7", "missing-shared-string", "row-0"],
)
def test_sheet_calamine_cannot_read_is_B024_for_that_sheet_only(
    tmp_path: Path, good: Path, edit: Callable[[bytes], bytes]
) -> None:
    bad = patch_xml(write_bidang(tmp_path / "rusak.xlsx"), KINERJA_XML, edit)
    report = check(bad, good)
    assert at(report, "B024", bad.name) == ["Kinerja"]
    assert summary(report, bad.name).rows_merged == 3  # the Anggaran sheet is still read and merged


# -- text far beyond what Excel can hold

MEGABYTE = 1 << 20


def prose(size: int, seed: int = 0) -> bytes:
    """Text that compresses like real writing (a repeated letter would be refused as a zip bomb, B007)."""
    return bytes(random.Random(seed).choices(b"abcdefghijklmnopqrstuvwxyz     ", k=size))


def _inline_text(cell: bytes, text: bytes) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        start = xml.index(b'<c r="' + cell + b'"')
        end = xml.index(b"</c>", start) + len(b"</c>")
        return xml[:start] + b'<c r="' + cell + b'" t="inlineStr"><is><t>' + text + b"</t></is></c>" + xml[end:]

    return edit


def test_megabyte_keterangan_is_read_cut_to_excel_limit_with_N009(tmp_path: Path, good: Path) -> None:
    bad = patch_xml(write_bidang(tmp_path / "panjang.xlsx"), KINERJA_XML, _inline_text(b"H2", prose(MEGABYTE)))
    report = check(bad, good)
    assert at(report, "N009", bad.name) == ["Kinerja!H2"]
    assert summary(report, bad.name).rows_merged == 5  # the row is still merged, with its text cut
    keterangan = report.kinerja.filter(report.kinerja["kode"] == "I1")["keterangan"].to_list()
    assert [len(k) for k in keterangan] == [32_767]


def test_text_of_exactly_excel_limit_is_no_finding(tmp_path: Path, good: Path) -> None:
    bad = patch_xml(write_bidang(tmp_path / "batas.xlsx"), KINERJA_XML, _inline_text(b"H2", b"x" * 32_767))
    assert check(bad, good).findings == []


def test_number_followed_by_a_megabyte_of_text_is_N002_not_a_number_with_a_unit(tmp_path: Path, good: Path) -> None:
    bad = patch_xml(write_bidang(tmp_path / "angka_panjang.xlsx"), KINERJA_XML, _inline_text(b"F2", b"9" + prose(MEGABYTE)))
    report = check(bad, good)
    assert at(report, "N002", bad.name) == ["Kinerja!F2"]


def test_megabyte_kode_is_N009_and_not_merged(tmp_path: Path, good: Path) -> None:
    bad = patch_xml(
        write_bidang(tmp_path / "kode_panjang.xlsx"), KINERJA_XML, _inline_text(b"A2", b"I" + prose(MEGABYTE).replace(b" ", b"."))
    )
    report = check(bad, good)
    assert at(report, "N009", bad.name) == ["Kinerja!A2"]
    assert at(report, "K007", bad.name) == ["Kinerja!A2"]
    assert all(len(f.message) < 40_000 for f in report.findings)
    s = summary(report, bad.name)
    assert (s.rows_merged, s.rows_rejected) == (4, 1)


# -- numbers that are not numbers


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (1e308, "N006"),
        ("1e308", "N006"),
        ("1e999999999999999999", "N006"),
        ("NaN", "N006"),
        ("inf", "N006"),
        ("-Infinity", "N006"),
        (dt.datetime(2017, 12, 31), "N007"),
    ],
    ids=["float-1e308", "text-1e308", "text-exponent-beyond-decimal", "text-NaN", "text-inf", "text-minus-Infinity", "date"],
)
def test_absurd_realisasi_is_a_finding_at_its_cell(tmp_path: Path, good: Path, value: Any, code: str) -> None:
    rows = kinerja_rows()
    rows[0][5] = value
    bad = build(tmp_path / "absurd.xlsx", rows, anggaran_rows())
    report = check(bad, good)
    assert at(report, code, bad.name) == ["Kinerja!F2"]
    assert codes(report, bad.name) - {code} <= {"K001"}  # the value is unreadable: nothing else is claimed
    assert summary(report, bad.name).rows_merged == 5


@pytest.mark.parametrize("raw", [b"NaN", b"INF", b"-inf", b"1e999"], ids=["NaN", "INF", "minus-inf", "1e999"])
def test_non_finite_number_cell_in_the_xml_is_N006(tmp_path: Path, good: Path, raw: bytes) -> None:
    bad = patch_xml(
        write_bidang(tmp_path / "nan.xlsx"),
        KINERJA_XML,
        _f2_as(b'<c r="F2"><v>' + raw + b"</v></c>"),
    )
    report = check(bad, good)
    assert at(report, "N006", bad.name) == ["Kinerja!F2"]


def test_negative_zero_is_zero_without_finding(tmp_path: Path, good: Path) -> None:
    kinerja = kinerja_rows()
    kinerja[1][5:7] = [-0.0, 200]  # I2 is negative: (2 - 0/10) × 100 = 200
    anggaran = anggaran_rows()
    anggaran[0][4:6] = [1600, 53.33]
    anggaran[1][4:6] = [-0.0, -0.0]
    bad = build(tmp_path / "nol_negatif.xlsx", kinerja, anggaran)
    report = check(bad, good)
    assert codes(report, bad.name) == set()
    ang = report.anggaran.filter(report.anggaran["kode"] == "P1.01")
    assert ang["realisasi"].to_list() == [0]
    assert [str(v) for v in ang["persen"].to_list()] == ["0.0"]  # not -0.0


def test_dates_in_money_and_target_columns_are_N007(tmp_path: Path, good: Path) -> None:
    kinerja, anggaran = kinerja_rows(), anggaran_rows()
    kinerja[1][4] = dt.datetime(2017, 1, 10)
    anggaran[2][4] = dt.datetime(2017, 6, 30)
    report = check(build(tmp_path / "tanggal.xlsx", kinerja, anggaran), good)
    assert sorted(at(report, "N007", "tanggal.xlsx")) == ["Anggaran!E4", "Kinerja!E3"]


# -- layout surprises


def test_merged_cells_across_data_are_B022(tmp_path: Path, good: Path) -> None:
    def merge(wb: Any, sheets: dict[str, Any]) -> None:
        sheets["Kinerja"].merge_range("F2:F3", None)
        sheets["Kinerja"].write_number("F2", 95)

    rows = kinerja_rows()
    rows[1][5] = None  # as Excel merges: only the top-left value is kept
    report = check(build(tmp_path / "gabung.xlsx", rows, anggaran_rows(), merge), good)
    assert at(report, "B022", "gabung.xlsx") == ["Kinerja!F2"]
    assert at(report, "K001", "gabung.xlsx") == ["Kinerja!F3"]  # the merged-away cell is blank, not a copy


def test_header_cell_merged_down_into_the_data_is_B022(tmp_path: Path, good: Path) -> None:
    def merge(wb: Any, sheets: dict[str, Any]) -> None:
        sheets["Anggaran"].merge_range("G1:G4", "Keterangan")

    report = check(build(tmp_path / "judul_gabung.xlsx", kinerja_rows(), anggaran_rows(), merge), good)
    assert at(report, "B022", "judul_gabung.xlsx") == ["Anggaran!G1"]
    assert codes(report, "judul_gabung.xlsx") == {"B022"}


def test_hidden_rows_with_data_are_B016_and_still_read(tmp_path: Path, good: Path) -> None:
    def hide(wb: Any, sheets: dict[str, Any]) -> None:
        sheets["Kinerja"].set_row(2, None, None, {"hidden": True})
        sheets["Anggaran"].set_row(3, None, None, {"hidden": True})

    report = check(build(tmp_path / "baris_tersembunyi.xlsx", kinerja_rows(), anggaran_rows(), hide), good)
    assert sorted(at(report, "B016", "baris_tersembunyi.xlsx")) == ["Anggaran!A4", "Kinerja!A3"]
    assert codes(report, "baris_tersembunyi.xlsx") == {"B016"}
    assert summary(report, "baris_tersembunyi.xlsx").rows_merged == 5
    assert "I2" in report.kinerja["kode"].to_list()


def test_hidden_kinerja_sheet_is_B016_and_still_read(tmp_path: Path, good: Path) -> None:
    def hide(wb: Any, sheets: dict[str, Any]) -> None:
        sheets["Anggaran"].activate()
        sheets["Kinerja"].hide()

    report = check(build(tmp_path / "lembar_tersembunyi.xlsx", kinerja_rows(), anggaran_rows(), hide), good)
    assert at(report, "B016", "lembar_tersembunyi.xlsx") == ["Kinerja"]
    assert codes(report, "lembar_tersembunyi.xlsx") == {"B016"}
    assert summary(report, "lembar_tersembunyi.xlsx").rows_merged == 5


def test_duplicate_header_label_is_B021_and_the_first_column_is_read(tmp_path: Path, good: Path) -> None:
    header = [*KINERJA_HEADER, "Realisasi"]
    rows = [[*row, 1] for row in kinerja_rows()]
    report = check(write_bidang(tmp_path / "judul_ganda.xlsx", rows, kinerja_header=header), good)
    assert at(report, "B021", "judul_ganda.xlsx") == [f"Kinerja!{col_letter(len(KINERJA_HEADER))}1"]
    assert codes(report, "judul_ganda.xlsx") == {"B021"}
    assert report.kinerja.filter(report.kinerja["kode"] == "I1")["realisasi"].to_list() == [95]


def test_two_sheets_of_one_name_are_not_loaded_B024_even_when_the_first_is_an_allocation_bomb(tmp_path: Path) -> None:
    """calamine loads the first sheet of a repeated name, a scan keyed by name would describe the last: the first
    here holds a cell at XFD1048576, which made calamine abort the whole process before names were checked."""
    bomb = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>9</v></c></row>'
        b"</sheetData></worksheet>"
    )
    path = add_sheet_first(write_bidang(tmp_path / "asal.xlsx"), tmp_path / "nama_ganda.xlsx", "Kinerja", bomb)
    assert [where for code, where in check_in_capped_child(path) if code == "B024"] == ["Kinerja"]


def test_an_8_kb_file_of_unclosed_cells_cannot_stall_the_merge(tmp_path: Path) -> None:
    """70,000 unclosed formula cells (under the guard's 1 MiB ratio check): the XML scan once rescanned the rest
    of the sheet for each, ≈ 8 minutes for this file alone. A liveness check in a child, with a generous limit."""
    cells = b'<c r="A1"><f>1' * 70_000
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    path = rewrite_zip(write_bidang(tmp_path / "asal.xlsx"), tmp_path / "macet.xlsx", {KINERJA_XML: sheet + cells + b"</row>"})
    assert path.stat().st_size < 16_000
    assert [where for code, where in check_in_capped_child(path) if code == "B024"] == ["Kinerja"]


def test_missing_anggaran_sheet_is_B019_and_the_kinerja_rows_are_still_merged(tmp_path: Path, good: Path) -> None:
    import openpyxl

    path = write_bidang(tmp_path / "tanpa_anggaran.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb["Anggaran"]
    wb.save(path)
    report = check(path, good)
    assert at(report, "B019", path.name) == ["Anggaran"]
    s = summary(report, path.name)
    assert (s.rows_read, s.rows_merged) == (len(GOOD_B1_KINERJA), len(GOOD_B1_KINERJA))


def test_row_without_kode_or_numbers_is_B025_quoting_what_it_holds(tmp_path: Path, good: Path) -> None:
    """A note typed below the table (no kode, nothing in a number column) is named, not merged, not lost."""
    kinerja = kinerja_rows()
    kinerja.append([None, "Catatan: data per Desember", None, 1500000.5, None, None, None, "tahun 2017"])
    report = check(write_bidang(tmp_path / "catatan.xlsx", kinerja), good)
    found = [f for f in report.findings if f.code == "B025" and f.file == "catatan.xlsx"]
    assert [f.location for f in found] == ["Kinerja!A4"]
    # the row as Excel shows it in an Indonesian locale (General format): decimal comma
    assert found[0].actual == "Catatan: data per Desember 1500000,5 tahun 2017"
    assert codes(report, "catatan.xlsx") == {"B025"}
    s = summary(report, "catatan.xlsx")
    assert (s.rows_read, s.rows_merged, s.rows_rejected) == (len(kinerja) + len(GOOD_B1_ANGGARAN), s.rows_read - 1, 1)


def test_header_row_repeated_below_is_one_B026_never_a_data_row(tmp_path: Path, good: Path) -> None:
    kinerja = kinerja_rows()
    kinerja.insert(1, list(KINERJA_HEADER))  # e.g. pasted from a printout that repeats the title row
    anggaran = anggaran_rows()
    anggaran.append([f"  {label.upper()} " for label in ANGGARAN_HEADER])
    report = check(write_bidang(tmp_path / "judul_ulang.xlsx", kinerja, anggaran), good)
    assert sorted(at(report, "B026", "judul_ulang.xlsx")) == ["Anggaran!A5", "Kinerja!A3"]
    assert codes(report, "judul_ulang.xlsx") == {"B026"}
    s = summary(report, "judul_ulang.xlsx")
    assert (s.rows_read, s.rows_merged, s.rows_rejected) == (7, 5, 2)


def test_formula_pointing_at_another_file_is_B017_and_its_value_is_read(tmp_path: Path, good: Path) -> None:
    rows = kinerja_rows()
    rows[0][5] = ("='C:\\Data\\[Rekap Bidang.xlsx]Kinerja'!F2", 95)
    report = check(build(tmp_path / "rujukan_luar.xlsx", rows, anggaran_rows()), good)
    assert at(report, "B017", "rujukan_luar.xlsx") == ["Kinerja!F2"]
    assert codes(report, "rujukan_luar.xlsx") == {"B017"}
    assert report.kinerja.filter(report.kinerja["kode"] == "I1")["realisasi"].to_list() == [95]
