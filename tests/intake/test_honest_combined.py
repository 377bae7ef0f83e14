"""One hand-made file combining the kinds of issue 12 (title block, two-row header, No column, total row, signature
block, `Rp. …,-` amounts, kodes typed loosely, formulas without stored values): every merged value asserted exactly,
in the checked rows, the consolidated tables and the finished workbook; and the same file saved by LibreOffice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lkjip_xl.checks.runner import Report, check_files
from lkjip_xl.consolidate.tables import consolidate
from lkjip_xl.findings import Severity
from tests.intake.test_honest_files import industri_master, workbook
from tests.lo import SOFFICE, convert

KINERJA = [
    ["CAPAIAN KINERJA BIDANG INDUSTRI"],
    ["TAHUN 2017"],
    [],
    ["No", "Kode Indikator", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)", "Keterangan"],
    [1, "ik09", "Pertumbuhan industri", "%", 5, "5,5", 110, ""],
    [2, "IK 10", "IKM dibina", "unit", 40, 36, 90, "dua IKM tutup"],
    [],
    [None, None, None, None, None, "Magelang, 15 Januari 2018"],
    [None, None, None, None, None, "Kepala Bidang Industri"],
    [],
    [None, None, None, None, None, "Ir. SUTRISNO, M.Si"],
    [None, None, None, None, None, "NIP. 19680101 199203 1 005"],
]
ANGGARAN = [
    ["LAPORAN REALISASI ANGGARAN"],
    ["BIDANG INDUSTRI TAHUN 2017"],
    [],
    ["No", "Kode", "Program/Kegiatan", "Sumber Dana", "Anggaran (Rp)", "Realisasi", None, "Keterangan"],
    [None, None, None, None, None, "Rp", "%", None],
    # formulas without stored values over number cells (a SUM over text would be 0 in Excel too)
    [1, "3.31.16", "Program Pengembangan IKM", "APBD II", "=SUM(E7:E8)", "=SUM(F7:F8)", "=F6/E6*100", ""],
    ["1.1", "3.31.16.1", "Pembinaan IKM", "APBD II", 40_103_050, 38_000_000, 94.76, ""],
    ["1.2", "3.31.16.02.", "Pameran produk", "APBD II", 25_000_000, 24_000_000, 96, ""],
    [2, "3.31.19", "Program Sentra Industri", "APBD II", "Rp. 10.000.000,-", "Rp. 9.000.000,-", 90, ""],
    ["2.1", "3.31.19.01", "Sentra logam", "APBD II", "10.000.000,00", "Rp9.000.000", 90, "sisa lelang"],
    [None, None, "JUMLAH", None, "75\u00a0103\u00a0050", "Rp. 71.000.000,-", None, None],
    [],
    [None, None, None, None, None, "Magelang, 15 Januari 2018"],
    [None, None, None, None, None, "Mengetahui,"],
    [None, None, None, None, None, "Kepala Bidang Industri"],
    [],
    [],
    [None, None, None, None, None, "Ir. SUTRISNO, M.Si"],
    [None, None, None, None, None, "NIP. 19680101 199203 1 005"],
]
MERGES = ("A1:H1", "A2:H2", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:G4", "H4:H5")

REALISASI = {"3.31.16.01": 38_000_000, "3.31.16.02": 24_000_000, "3.31.19": 9_000_000, "3.31.19.01": 9_000_000}
ANGGARAN_TYPED = {"3.31.16.01": 40_103_050, "3.31.16.02": 25_000_000, "3.31.19": 10_000_000, "3.31.19.01": 10_000_000}


def combined(path: Path) -> Path:
    return workbook(path, {"Kinerja": (KINERJA, ("A1:H1", "A2:H2")), "Anggaran": (ANGGARAN, MERGES)})


def values(report: Report, which: str, key: str) -> dict[str, Any]:
    frame = getattr(report, which)
    return dict(zip(frame["kode"].to_list(), frame[key].to_list(), strict=True))


def assert_every_value(report: Report, program_total: int | None) -> None:
    assert [(f.code, f.location) for f in report.findings if f.severity is Severity.ERROR] == []
    real = values(report, "anggaran", "realisasi")
    assert {k: v for k, v in real.items() if k != "3.31.16"} == REALISASI
    assert real["3.31.16"] == program_total  # a formula: its value only where a program stored one
    ang = values(report, "anggaran", "anggaran")
    assert {k: v for k, v in ang.items() if k != "3.31.16"} == ANGGARAN_TYPED
    assert values(report, "anggaran", "persen")["3.31.16.01"] == pytest.approx(94.76)
    assert values(report, "anggaran", "keterangan")["3.31.19.01"] == "sisa lelang"
    assert values(report, "kinerja", "realisasi") == {"IK09": pytest.approx(5.5), "IK10": 36}
    assert values(report, "kinerja", "keterangan")["IK10"] == "dua IKM tutup"
    rows = report.anggaran.filter(report.anggaran["kode"] == "3.31.16.01")
    assert (rows["row"].to_list(), rows["c_realisasi"].to_list()) == ([7], ["F"])
    tables = consolidate(report)
    programs = {p.kode: (p.anggaran, p.realisasi) for p in tables.programs}
    assert programs == {"3.31.16": (65_103_050, 62_000_000), "3.31.19": (10_000_000, 9_000_000), "2.07.01": (5_000_000, None)}
    assert (tables.total_anggaran, tables.total_realisasi) == (80_103_050, 71_000_000)  # the Sekretariat sent nothing
    kin = {k.kode: (k.realisasi, k.capaian) for k in tables.kinerja}
    assert kin["IK09"] == (pytest.approx(5.5), pytest.approx(110))
    assert kin["IK10"] == (36, pytest.approx(90))


def test_the_combined_hand_made_file_merges_every_value_exactly(tmp_path: Path) -> None:
    report = check_files([combined(tmp_path / "LKjIP_2017_IND_Bidang_Industri.xlsx")], industri_master())
    assert_every_value(report, program_total=None)
    warned = sorted((f.code, f.location) for f in report.findings if f.severity is Severity.WARNING)
    assert warned == sorted(
        [
            ("A012", "Anggaran!B7"),  # 3.31.16.1 read as 3.31.16.01
            ("A012", "Anggaran!B8"),  # 3.31.16.02. read as 3.31.16.02
            *[
                ("N001", c)
                for c in ("Anggaran!E10", "Anggaran!E11", "Anggaran!E9", "Anggaran!F10", "Anggaran!F11", "Anggaran!F9")
            ],
            ("K012", "Kinerja!B5"),  # ik09 read as IK09
            ("K012", "Kinerja!B6"),  # IK 10 read as IK10
            ("N001", "Kinerja!F5"),
        ]
    )
    infos = sorted((f.code, f.location) for f in report.findings if f.severity is Severity.INFO)
    assert infos == [("B023", ""), ("B025", "Anggaran!B13"), ("B025", "Kinerja!B8")]


def test_the_combined_file_writes_its_values_into_the_finished_workbook(tmp_path: Path) -> None:
    import openpyxl

    from lkjip_xl.jobs import merge
    from lkjip_xl.planning.master_writer import write_master

    master = write_master(industri_master(), tmp_path / "master.xlsx")
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    combined(inbox / "LKjIP_2017_IND_Bidang_Industri.xlsx")
    result = merge(master, inbox, tmp_path / "hasil.xlsx")
    wb = openpyxl.load_workbook(result.output, data_only=True)
    got = {row[0]: row[3:5] for row in wb["Realisasi Anggaran"].iter_rows(min_row=5, values_only=True) if row[0]}
    assert got["3.31.16"] == (65_103_050, 62_000_000)
    assert got["3.31.16.01"] == (40_103_050, 38_000_000)
    assert got["3.31.16.02"] == (25_000_000, 24_000_000)
    assert got["3.31.19.01"] == (10_000_000, 9_000_000)
    assert not any(c for c in got if isinstance(c, str) and "JUMLAH" in c.upper() and c in REALISASI)
    codes = {f.code for f in result.report.findings if f.severity is Severity.ERROR}
    assert codes == {"G001"}  # only the Sekretariat that sent nothing


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) tidak terpasang; pasang paket libreoffice-calc")
def test_the_combined_file_saved_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    (tmp_path / "asal").mkdir()
    src = combined(tmp_path / "asal" / "LKjIP_2017_IND_Bidang_Industri.xlsx")
    (saved,) = convert([src], "xlsx", tmp_path / "lo", tmp_path / "profil")
    report = check_files([saved], industri_master())
    # LibreOffice computed the program formulas it found without a value: the program row now has its total
    assert_every_value(report, program_total=62_000_000)
    assert "B023" not in {f.code for f in report.findings}
