"""The master: blank and example workbooks read back; every planning-data problem is a located finding."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from lkjip_xl.example.build import build_master
from lkjip_xl.intake.master import MasterError, read_master
from lkjip_xl.planning.master_checks import check_master
from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.planning.rules import Band
from tests.helpers import small_master


def test_example_master_round_trips_with_only_its_pk_budget_differences(tmp_path: Path) -> None:
    master, findings = read_master(write_master(build_master(), tmp_path / "m.xlsx"))
    # the report's PK program budgets (Bab II) differ from its realisasi table's for 8 programs, unexplained
    assert {f.code for f in findings} == {"M016"}
    assert {f.kode: f.location for f in findings}["2.08.15"] == "Program PK!D14"
    assert len(findings) == 8
    assert len(master.program_pk) == 14 and master.pk_total == 7_775_334_000
    assert len(master.indikator) == 13 and len(master.kegiatan) == 46 and len(master.programs()) == 13
    assert master.instansi.tahun == 2017 and master.settings.rumus_negatif == "2 - R/T"
    assert [b.kategori for b in master.bands] == ["Memuaskan", "Sangat Baik", "Baik", "Cukup", "Kurang"]
    ik12 = next(i for i in master.indikator if i.kode == "IK12")
    assert ik12.target == Decimal("18.11") and ik12.is_percent
    assert sum(k.anggaran or 0 for k in master.kegiatan) == 8_516_086_000


def test_blank_master_has_instructions_and_reports_what_is_missing(tmp_path: Path) -> None:
    path = write_master(None, tmp_path / "m.xlsx")
    assert openpyxl.load_workbook(path).sheetnames[0] == "Petunjuk"
    master, findings = read_master(path)
    assert master.indikator == [] and {f.code for f in findings} == {"M011"}
    assert {f.kode: f.location for f in findings} == {
        "nama": "Instansi!B1",
        "pemda": "Instansi!B2",
        "tahun": "Instansi!B3",
        "renstra_awal": "Instansi!B4",
        "renstra_akhir": "Instansi!B5",
    }


def _edit(path: Path, sheet: str, cell: str, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "code"),
    [
        ("Indikator", "E2", "naik-turun", "M003"),
        ("Indikator", "I2", "XXX", "M004"),
        ("Indikator", "A3", "IK01", "M005"),
        ("Indikator", "F2", None, "M006"),
        ("Anggaran", "G2", -5, "M010"),
        ("Anggaran", "A2", None, "M009"),
        ("Kategori", "B3", 80, "M001"),
        ("Kategori", "B3", 90, "M002"),
        ("Pengaturan", "B1", "R-T", "M008"),
    ],
)
def test_each_master_problem_is_found_at_its_cell(tmp_path: Path, sheet: str, cell: str, value: object, code: str) -> None:
    path = write_master(build_master(), tmp_path / "m.xlsx")
    _edit(path, sheet, cell, value)
    _, findings = read_master(path)
    hits = [f for f in findings if f.code == code]
    assert hits, [f.code for f in findings]
    if code not in ("M001", "M002", "M008"):
        assert f"{sheet}!{cell}" in {f.location for f in hits}


def test_master_sheet_without_a_required_column_is_M007_and_its_rows_are_not_guessed(tmp_path: Path) -> None:
    path = write_master(build_master(), tmp_path / "m.xlsx")
    _edit(path, "Indikator", "A1", "Nomor")  # the Kode Indikator heading retyped
    master, findings = read_master(path)
    assert [f.location for f in findings if f.code == "M007"] == ["Indikator"]
    assert master.indikator == []


def test_band_checks_on_the_model() -> None:
    master = small_master()
    master.bands = [Band("A", Decimal(90), None), Band("B", None, Decimal(80))]
    assert [f.code for f in check_master(master)] == ["M002"]
    master.bands = [Band("A", Decimal(70), None), Band("B", None, Decimal(80))]
    assert [f.code for f in check_master(master)] == ["M001"]
    master.bands = []
    assert [f.code for f in check_master(master)] == ["M002"]


def test_kegiatan_code_equal_to_a_program_code_is_a_duplicate() -> None:
    master = small_master()
    master.kegiatan.append(replace(master.kegiatan[0], kegiatan_kode="P2"))
    assert "M005" in {f.code for f in check_master(master)}


def test_master_naming_two_sheets_alike_cannot_run(tmp_path: Path) -> None:
    """Which of the two would be read is not for lkjip-xl to guess (calamine takes the first, a scan the last)."""
    from tests.hostile import add_sheet_first

    empty = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    path = add_sheet_first(write_master(build_master(), tmp_path / "asal.xlsx"), tmp_path / "m.xlsx", "BIDANG", empty)
    with pytest.raises(MasterError, match="Bidang"):
        read_master(path)


def test_a_panic_inside_calamine_is_a_master_error_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import python_calamine

    class Panic(BaseException):  # as pyo3's PanicException: not an Exception
        pass

    def panics(source: object) -> None:
        raise Panic("chunk size must be non-zero")

    path = write_master(build_master(), tmp_path / "m.xlsx")
    for opener in ("from_path", "from_filelike"):
        monkeypatch.setattr(python_calamine.CalamineWorkbook, opener, panics)
    with pytest.raises(MasterError, match="chunk size"):
        read_master(path)


def test_unreadable_master_cannot_run(tmp_path: Path) -> None:
    (tmp_path / "m.xlsx").write_text("bukan excel")
    with pytest.raises(MasterError):
        read_master(tmp_path / "m.xlsx")
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    wb.add_worksheet("Lain")
    wb.close()
    with pytest.raises(MasterError):
        read_master(tmp_path / "x.xlsx")
