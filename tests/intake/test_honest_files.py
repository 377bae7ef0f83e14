"""Files as bidang staff really make them (issue 12): built by hand with openpyxl, every honest value read, no galat."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from lkjip_xl.checks.runner import Report, check_files
from lkjip_xl.consolidate.tables import consolidate
from lkjip_xl.findings import Severity
from lkjip_xl.planning.model import Bidang, Indikator, Instansi, Kegiatan, Master, Settings

NBSP, NNBSP = "\u00a0", "\u202f"


def industri_master() -> Master:
    """One bidang (IND) with real-looking kodes: program 3.31.16 of two kegiatan, indicators IK09 (%) and IK10."""
    return Master(
        instansi=Instansi("Dinas Uji", "Kabupaten Uji", 2017, 2014, 2019),
        bidang=[Bidang("IND", "Bidang Industri"), Bidang("SEKRE", "Sekretariat")],
        indikator=[
            Indikator("IK09", "Sasaran industri", "Pertumbuhan industri", "%", "positif", Decimal(5), None, False, "IND"),
            Indikator("IK10", "Sasaran industri", "IKM dibina", "unit", "positif", Decimal(40), None, False, "IND"),
            Indikator("IK01", "Sasaran umum", "Nilai SAKIP", "nilai", "positif", Decimal(70), None, False, "SEKRE"),
        ],
        kegiatan=[
            Kegiatan("3.31.16", "Program Pengembangan IKM", "3.31.16.01", "Pembinaan IKM", "IND", "APBD II", 40_103_050),
            Kegiatan("3.31.16", "Program Pengembangan IKM", "3.31.16.02", "Pameran produk", "IND", "APBD II", 25_000_000),
            Kegiatan("3.31.19", "Program Sentra Industri", "3.31.19.01", "Sentra logam", "IND", "APBD II", 10_000_000),
            Kegiatan("2.07.01", "Program Administrasi", "2.07.01.01", "Alat tulis", "SEKRE", "APBD II", 5_000_000),
        ],
        riwayat=[],
        settings=Settings(),
        file="master.xlsx",
    )


def sheet(wb: Any, name: str, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Any:
    ws = wb.create_sheet(name)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    for rng in merges:
        ws.merge_cells(rng)
    return ws


def workbook(path: Path, sheets: dict[str, tuple[list[list[Any]], tuple[str, ...]]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (rows, merges) in sheets.items():
        sheet(wb, name, rows, merges)
    wb.save(path)
    return path


KIN_HEADER = [
    "Kode Indikator",
    "Sasaran Strategis",
    "Indikator Kinerja",
    "Satuan",
    "Target",
    "Realisasi",
    "Capaian (%)",
    "Keterangan",
]
KIN_ROWS = [
    ["IK09", "Sasaran industri", "Pertumbuhan industri", "%", 5, 5.5, 110, ""],
    ["IK10", "Sasaran industri", "IKM dibina", "unit", 40, 40, 100, ""],
]
ANG_HEADER = ["Kode", "Program/Kegiatan", "Sumber Dana", "Anggaran (Rp)", "Realisasi (Rp)", "Realisasi (%)", "Keterangan"]
ANG_ROWS = [
    ["3.31.16", "Program Pengembangan IKM", "APBD II", 65_103_050, 62_000_000, None, ""],
    ["3.31.16.01", "Pembinaan IKM", "APBD II", 40_103_050, 38_000_000, 94.76, ""],
    ["3.31.16.02", "Pameran produk", "APBD II", 25_000_000, 24_000_000, 96, ""],
    ["3.31.19", "Program Sentra Industri", "APBD II", 10_000_000, 9_000_000, 90, ""],
    ["3.31.19.01", "Sentra logam", "APBD II", 10_000_000, 9_000_000, 90, ""],
]


def plain(path: Path, kinerja: list[list[Any]] | None = None, anggaran: list[list[Any]] | None = None) -> Path:
    return workbook(
        path,
        {
            "Kinerja": ([KIN_HEADER, *(KIN_ROWS if kinerja is None else kinerja)], ()),
            "Anggaran": ([ANG_HEADER, *(ANG_ROWS if anggaran is None else anggaran)], ()),
        },
    )


def check(*paths: Path, whole_set: bool = False) -> Report:
    return check_files(list(paths), industri_master(), whole_set=whole_set)


def errors(report: Report) -> list[tuple[str, str]]:
    return [(f.code, f.location) for f in report.findings if f.severity is Severity.ERROR]


def at(report: Report, code: str) -> list[str]:
    return sorted(f.location for f in report.findings if f.code == code)


def merged(report: Report, which: str = "anggaran", key: str = "realisasi") -> dict[str, Any]:
    frame = getattr(report, which)
    return dict(zip(frame["kode"].to_list(), frame[key].to_list(), strict=True))


def test_the_plain_hand_made_file_reads_without_any_finding(tmp_path: Path) -> None:
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx"))
    assert report.findings == []
    assert merged(report) == {
        "3.31.16": 62_000_000,
        "3.31.16.01": 38_000_000,
        "3.31.16.02": 24_000_000,
        "3.31.19": 9_000_000,
        "3.31.19.01": 9_000_000,
    }


# ---- kind 1: signature and approval block -------------------------------------------------------------------

SIGNATURE = [
    [],
    [None, None, None, None, "Magelang, 15 Januari 2018"],
    [None, None, None, None, "Mengetahui,"],
    [None, None, None, None, "Kepala Bidang Industri"],
    [],
    [],
    [None, None, None, None, "Ir. SUTRISNO, M.Si"],
    [None, None, None, None, "NIP. 19680101 199203 1 005"],
]


@pytest.mark.parametrize("column", [0, 1, 4, 5])  # the kode column, a text column, two number columns
def test_a_signature_block_in_any_column_is_one_info_never_a_galat(tmp_path: Path, column: int) -> None:
    block = [[None] * column + [row[4]] if row else [] for row in SIGNATURE]
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=[*ANG_ROWS, *block], kinerja=[*KIN_ROWS, *block]))
    assert errors(report) == []
    assert [f.code for f in report.findings] == ["B025", "B025"]  # one per sheet, for the whole block
    assert at(report, "B025") == [f"Anggaran!{'ABCDEFG'[0]}8", f"Kinerja!{'ABCDEFG'[0]}5"]
    assert all("salin kode" not in f.hint.lower() for f in report.findings)
    assert merged(report)["3.31.16.01"] == 38_000_000
    s = report.files[0]
    assert (s.rows_read, s.rows_merged) == (
        len(ANG_ROWS) + len(KIN_ROWS) + 10,
        len(ANG_ROWS) + len(KIN_ROWS),
    )  # 5 text rows a sheet


# ---- kind 2: total rows ---------------------------------------------------------------------------------------


def test_total_rows_typed_right_give_nothing_and_are_never_merged(tmp_path: Path) -> None:
    rows = [
        ANG_ROWS[0],
        ANG_ROWS[1],
        ANG_ROWS[2],
        [None, "Jumlah Program", None, 65_103_050, 62_000_000, None, ""],
        ANG_ROWS[3],
        ANG_ROWS[4],
        [None, "Jumlah Program", None, "Rp. 10.000.000,-", 9_000_000, 90, ""],
        ["TOTAL", "", None, 75_103_050, 71_000_000, None, ""],
        [None, "Total Keseluruhan", None, 75_103_050, 71_000_000, None, ""],
    ]
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=rows))
    assert errors(report) == []
    assert [f.code for f in report.findings] == ["N001"]  # the Rupiah typed as text, said how it was read
    assert set(merged(report)) == {"3.31.16", "3.31.16.01", "3.31.16.02", "3.31.19", "3.31.19.01"}
    tables = consolidate(report)
    assert tables.total_realisasi == 71_000_000  # never double-counted
    assert report.files[0].rows_read == len(ANG_ROWS) + len(KIN_ROWS)


def test_a_typed_total_that_differs_is_A013_at_its_cell(tmp_path: Path) -> None:
    rows = [*ANG_ROWS, [None, "JUMLAH", None, 75_103_050, 70_000_000, None, ""]]
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=rows))
    assert errors(report) == [("A013", "Anggaran!E7")]
    found = next(f for f in report.findings if f.code == "A013")
    assert (found.expected, found.actual) == ("Rp 71.000.000", "Rp 70.000.000")


def test_a_total_formula_without_a_stored_value_is_not_compared(tmp_path: Path) -> None:
    rows = [*ANG_ROWS, [None, "JUMLAH", None, "=SUM(D3:D4)+D6", "=SUM(E3:E4)+E6", None, ""]]
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=rows))
    assert errors(report) == []


# ---- kind 3: two-row header, No column, title block ------------------------------------------------------------

TITLE_AND_TWO_ROW_HEADER = [
    ["LAPORAN REALISASI ANGGARAN"],
    ["BIDANG INDUSTRI"],
    [],
    ["No", "Kode", "Program/Kegiatan", "Sumber Dana", "Anggaran (Rp)", "Realisasi", None, "Keterangan"],
    [None, None, None, None, None, "Rp", "%", None],
]
HEADER_MERGES = ("A1:H1", "A2:H2", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:G4", "H4:H5")


def test_a_two_row_header_with_merged_cells_is_one_header(tmp_path: Path) -> None:
    data = [
        [1, "3.31.16", "Program Pengembangan IKM", "APBD II", 65_103_050, 62_000_000, 95.23, ""],
        ["1.1", "3.31.16.01", "Pembinaan IKM", "APBD II", 40_103_050, 38_000_000, 94.76, ""],
        ["1.2", "3.31.16.02", "Pameran produk", "APBD II", 25_000_000, 24_000_000, 96, ""],
        [2, "3.31.19", "Program Sentra Industri", "APBD II", 10_000_000, 9_000_000, 90, ""],
        ["2.1", "3.31.19.01", "Sentra logam", "APBD II", 10_000_000, 9_000_000, 90, "sisa lelang"],
    ]
    path = workbook(
        tmp_path / "LKjIP_2017_IND.xlsx",
        {"Kinerja": ([KIN_HEADER, *KIN_ROWS], ()), "Anggaran": ([*TITLE_AND_TWO_ROW_HEADER, *data], HEADER_MERGES)},
    )
    report = check(path)
    assert report.findings == []  # no B022 for the header's merged cells, the sub-header row is not data
    assert merged(report) == {
        "3.31.16": 62_000_000,
        "3.31.16.01": 38_000_000,
        "3.31.16.02": 24_000_000,
        "3.31.19": 9_000_000,
        "3.31.19.01": 9_000_000,
    }
    assert merged(report, key="persen")["3.31.16.01"] == pytest.approx(94.76)
    assert merged(report, key="keterangan")["3.31.19.01"] == "sisa lelang"
    assert report.anggaran.filter(report.anggaran["kode"] == "3.31.16.01")["c_realisasi"].to_list() == ["F"]
    assert report.files[0].rows_read == len(data) + len(KIN_ROWS)


def test_a_column_number_row_under_the_header_is_not_data(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "LKjIP_2017_IND.xlsx",
        {
            "Kinerja": ([KIN_HEADER, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"], *KIN_ROWS], ()),
            "Anggaran": ([ANG_HEADER, [1, 2, 3, 4, 5, 6, 7], *ANG_ROWS], ()),
        },
    )
    report = check(path)
    assert report.findings == []


def test_merged_cells_below_the_header_are_still_B022(tmp_path: Path) -> None:
    data = [[1, *ANG_ROWS[0]], [None, *ANG_ROWS[1]], [None, *ANG_ROWS[2]]]
    path = workbook(
        tmp_path / "LKjIP_2017_IND.xlsx",
        {"Kinerja": ([KIN_HEADER, *KIN_ROWS], ()), "Anggaran": ([*TITLE_AND_TWO_ROW_HEADER, *data], (*HEADER_MERGES, "H6:H8"))},
    )
    assert at(check(path), "B022") == ["Anggaran!H6"]


# ---- kind 6: Rupiah as Indonesians write it -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["Rp. 38.000.000,-", "Rp38.000.000", "38.000.000,00", "38 000 000", f"38{NBSP}000{NBSP}000", f"38{NNBSP}000{NNBSP}000"],
)
def test_rupiah_as_typed_is_read_with_one_N001(tmp_path: Path, typed: str) -> None:
    rows = [list(r) for r in ANG_ROWS]
    rows[1][4] = typed
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=rows))
    assert [(f.code, f.location) for f in report.findings] == [("N001", "Anggaran!E3")]
    assert merged(report)["3.31.16.01"] == 38_000_000


def test_a_dash_for_a_nil_realisasi_is_zero_with_N001(tmp_path: Path) -> None:
    rows = [list(r) for r in ANG_ROWS]
    rows[3] = ["3.31.19", "Program Sentra Industri", "APBD II", 10_000_000, "-", 0, ""]
    rows[4] = ["3.31.19.01", "Sentra logam", "APBD II", 10_000_000, "Rp. -,-", 0, "batal"]
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=rows))
    assert sorted(f.location for f in report.findings) == ["Anggaran!E5", "Anggaran!E6"]
    assert {f.code for f in report.findings} == {"N001"}
    assert merged(report)["3.31.19.01"] == 0


def test_an_unreadable_realisasi_is_said_once_not_also_blank(tmp_path: Path) -> None:
    rows = [list(r) for r in ANG_ROWS]
    rows[1][4] = "tiga puluh delapan juta"
    kin = [list(r) for r in KIN_ROWS]
    kin[1][5] = "belum ada data"
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=rows, kinerja=kin))
    assert at(report, "N002") == ["Anggaran!E3", "Kinerja!F3"]
    assert at(report, "A006") == [] and at(report, "K001") == []


# ---- kind 9: kode as people type them --------------------------------------------------------------------------


def test_kodes_typed_differently_are_matched_uniquely_with_a_warning(tmp_path: Path) -> None:
    kin = [list(r) for r in KIN_ROWS]
    kin[0][0], kin[1][0] = "ik09", "IK 10"
    rows = [list(r) for r in ANG_ROWS]
    rows[1][0], rows[2][0], rows[3][0] = "3.31.16.1", "3.31.16.02.", " 3.31.19 "
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=rows, kinerja=kin))
    assert errors(report) == []
    assert at(report, "K012") == ["Kinerja!A2", "Kinerja!A3"]  # ik09, IK 10
    assert at(report, "A012") == ["Anggaran!A3", "Anggaran!A4"]  # 3.31.16.1, 3.31.16.02. (spaces around: nothing)
    assert merged(report)["3.31.16.01"] == 38_000_000
    assert merged(report, "kinerja")["IK09"] == pytest.approx(5.5)


def test_a_kode_matching_none_or_several_stays_unknown(tmp_path: Path) -> None:
    rows = [list(r) for r in ANG_ROWS]
    rows[1][0] = "3.31.16.9"
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=rows))
    assert at(report, "A008") == ["Anggaran!A3"]
    assert at(report, "A012") == []


def test_a_kode_stored_as_a_number_is_read(tmp_path: Path) -> None:
    master = industri_master()
    master.kegiatan.append(Kegiatan("7", "Program Tujuh", "7.1", "Kegiatan", "IND", "APBD II", 1_000))
    rows = [*ANG_ROWS, [7, "Program Tujuh", "APBD II", 1_000, 500, 50, ""], [7.1, "Kegiatan", "APBD II", 1_000, 500, 50, ""]]
    report = check_files([plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=rows)], master)
    assert errors(report) == []
    assert at(report, "A012") == ["Anggaran!A7", "Anggaran!A8"]  # said at the kode cell
    assert merged(report)["7.1"] == 500


# ---- kind 12: nothing depends on stored formula results -------------------------------------------------------


def test_a_program_percentage_is_checked_against_its_kegiatan_whatever_its_formulas_hold(tmp_path: Path) -> None:
    rows = [list(r) for r in ANG_ROWS]
    rows[0][4], rows[0][5] = "=SUM(E3:E4)", 90.5  # no stored value for the total; a typed, wrong percentage
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx", anggaran=rows))
    assert errors(report) == [("A003", "Anggaran!F2")]
    found = next(f for f in report.findings if f.code == "A003")
    assert found.expected == "95,23 %"  # 62.000.000 / 65.103.050 of the kegiatan and the DPA
    rows[0][5] = 95.23
    (tmp_path / "lagi").mkdir()
    report = check(plain(tmp_path / "lagi" / "LKjIP_2017_IND.xlsx", anggaran=rows))
    assert errors(report) == []
    assert consolidate(report).programs[0].realisasi == 62_000_000
