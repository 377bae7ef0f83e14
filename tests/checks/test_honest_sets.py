"""The set of files as bidang really send them (issue 12, kinds 10 and 11): sheets in two files, files that arrive
but cannot be read."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lkjip_xl.findings import Severity
from tests.intake.test_honest_files import ANG_HEADER, ANG_ROWS, KIN_HEADER, KIN_ROWS, check, merged, plain, workbook

SEKRE_KIN = [["IK01", "Sasaran umum", "Nilai SAKIP", "nilai", 70, 70, 100, ""]]
SEKRE_ANG = [
    ["2.07.01", "Program Administrasi", "APBD II", 5_000_000, 5_000_000, 100, ""],
    ["2.07.01.01", "Alat tulis", "APBD II", 5_000_000, 5_000_000, 100, ""],
]


def sekre(path: Path) -> Path:
    return workbook(path, {"Kinerja": ([KIN_HEADER, *SEKRE_KIN], ()), "Anggaran": ([ANG_HEADER, *SEKRE_ANG], ())})


def located(report, *codes: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return sorted((f.code, f.file or f.kode) for f in report.findings if f.code in codes)


def test_kinerja_and_anggaran_in_two_files_are_both_merged_with_an_info(tmp_path: Path) -> None:
    kin = workbook(tmp_path / "LKjIP_2017_IND_kinerja.xlsx", {"Kinerja": ([KIN_HEADER, *KIN_ROWS], ())})
    ang = workbook(tmp_path / "LKjIP_2017_IND_anggaran.xlsx", {"Anggaran": ([ANG_HEADER, *ANG_ROWS], ())})
    report = check(kin, ang, sekre(tmp_path / "LKjIP_2017_SEKRE.xlsx"), whole_set=True)
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []
    assert located(report, "B031") == [("B031", ang.name), ("B031", kin.name)]
    assert merged(report)["3.31.16.01"] == 38_000_000
    assert merged(report, "kinerja")["IK10"] == 40
    assert {f.name: f.merged for f in report.files} == {kin.name: True, ang.name: True, "LKjIP_2017_SEKRE.xlsx": True}


def test_two_files_holding_the_same_sheet_are_G002_and_the_message_says_what_each_holds(tmp_path: Path) -> None:
    both = plain(tmp_path / "LKjIP_2017_IND_lengkap.xlsx")
    kin = workbook(tmp_path / "LKjIP_2017_IND_kinerja.xlsx", {"Kinerja": ([KIN_HEADER, *KIN_ROWS], ())})
    report = check(both, kin, sekre(tmp_path / "LKjIP_2017_SEKRE.xlsx"), whole_set=True)
    assert located(report, "G002", "B031") == sorted([("G002", both.name), ("G002", kin.name)])
    g002 = next(f for f in report.findings if f.code == "G002" and f.file == kin.name)
    assert "Kinerja dan Anggaran" in g002.message  # the other file holds data this one lacks
    assert "pindahkan yang lain" not in g002.hint  # never: drop whichever file


def test_a_file_that_arrived_but_cannot_be_read_is_not_a_missing_file(tmp_path: Path) -> None:
    damaged = tmp_path / "LKjIP_2017_SEKRE.xlsx"
    damaged.write_bytes(plain(tmp_path / "asal.xlsx").read_bytes()[:900])  # a truncated e-mail attachment
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx"), damaged, whole_set=True)
    assert located(report, "G001", "G005") == [("G005", "SEKRE")]
    assert "B006" in {f.code for f in report.findings if f.file == damaged.name}


def test_an_ods_for_a_bidang_is_its_own_finding_and_G005(tmp_path: Path) -> None:
    ods = tmp_path / "LKjIP_2017_SEKRE.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx"), ods, whole_set=True)
    assert located(report, "G001", "G005") == [("G005", "SEKRE")]
    assert "B004" in {f.code for f in report.findings if f.file == ods.name}


def test_a_bidang_that_sent_nothing_is_still_G001(tmp_path: Path) -> None:
    report = check(plain(tmp_path / "LKjIP_2017_IND.xlsx"), whole_set=True)
    assert located(report, "G001", "G005") == [("G001", "SEKRE")]
