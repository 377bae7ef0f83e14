"""The bidang template: drift against the committed files, layout contract, protection, formulas."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from lkjip_xl.example.build import build_master
from lkjip_xl.planning.spec import bidang_spec
from lkjip_xl.planning.templates import write_templates
from lkjip_xl.resources import data_dir


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in sorted(zf.namelist())}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_templates(build_master(), tmp_path_factory.mktemp("tpl"))


def test_committed_templates_do_not_drift_from_the_generator(generated: list[Path]) -> None:
    committed = sorted(p.name for p in data_dir("templates_xlsx").glob("*.xlsx"))
    assert committed == sorted(p.name for p in generated), "run: python scripts/regenerate_templates.py"
    for path in generated:
        assert _parts(data_dir("templates_xlsx") / path.name) == _parts(path), (
            f"{path.name} drifted; run: python scripts/regenerate_templates.py"
        )


def test_each_bidang_gets_only_its_own_rows(generated: list[Path]) -> None:
    master = build_master()
    for path in generated:
        wb = openpyxl.load_workbook(path)
        kode = wb["_meta"]["B4"].value
        kinerja = [r[0].value for r in wb["Kinerja"].iter_rows(min_row=2) if r[0].value]
        assert kinerja == [i.kode for i in master.indikator_of(kode)]
        anggaran = [r[0].value for r in wb["Anggaran"].iter_rows(min_row=2) if r[0].value]
        expected = [x for p in master.programs(kode) for x in (p.kode, *(k.kegiatan_kode for k in p.kegiatan))]
        assert anggaran == expected


def test_layout_follows_the_public_contract(generated: list[Path]) -> None:
    spec = bidang_spec()
    wb = openpyxl.load_workbook(generated[0])  # the Sekretariat's: it alone carries the SDM sheet
    assert wb.sheetnames == ["Petunjuk", "Kinerja", "Anggaran", "SDM", "_meta"]
    assert [openpyxl.load_workbook(p).sheetnames for p in generated[1:]] == [["Petunjuk", "Kinerja", "Anggaran", "_meta"]] * 4
    assert wb["_meta"].sheet_state == "hidden"
    for sheet in (spec.kinerja, spec.anggaran, spec.sdm):
        ws = wb[sheet.name]
        assert [c.value for c in ws[1]] == [c.label for c in sheet.columns]
        assert ws.freeze_panes == "A2"
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
        assert ws.print_title_rows == "$1:$1"
        assert ws.protection.sheet


def test_input_cells_are_unlocked_and_validated_planning_cells_locked(generated: list[Path]) -> None:
    wb = openpyxl.load_workbook(generated[0])  # Sekretariat: IK01..IK05
    ws = wb["Kinerja"]
    assert ws["E2"].protection.locked and not ws["F2"].protection.locked and not ws["H2"].protection.locked
    assert ws["G2"].protection.locked
    rules = {str(dv.sqref): (dv.type, dv.operator, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert rules == {"F2:F6": ("decimal", "greaterThanOrEqual", "0")}
    ws = wb["Anggaran"]
    assert ws["D3"].protection.locked and not ws["E3"].protection.locked


def test_percentages_and_program_totals_are_live_formulas(generated: list[Path]) -> None:
    wb = openpyxl.load_workbook(generated[0])
    assert wb["Kinerja"]["G2"].value == '=IF(OR(E2="",F2="",E2=0),"",F2/E2*100)'
    ws = wb["Anggaran"]
    assert ws["A2"].value == "2.07.01" and ws["D2"].value == "=SUM(D3:D7)" and ws["E2"].value == "=SUM(E3:E7)"
    assert ws["F3"].value == '=IF(OR(D3="",E3="",D3=0),"",E3/D3*100)'


def test_negative_indicator_formula_uses_the_master_convention(generated: list[Path]) -> None:
    hip = next(p for p in generated if "_HIP_" in p.name)
    assert openpyxl.load_workbook(hip)["Kinerja"]["G2"].value == '=IF(OR(E2="",F2="",E2=0),"",(2-F2/E2)*100)'


def test_master_text_shaped_like_rich_text_stays_text_in_templates(tmp_path: Path) -> None:
    """xlsxwriter stores rich text as "<r>…</r>" in its string table; a master name of that shape must not
    become markup (it would make the template unreadable)."""
    import dataclasses

    master = build_master()
    rich = "<r><b></r>"
    master.indikator[0] = dataclasses.replace(master.indikator[0], indikator=rich)
    paths = write_templates(master, tmp_path)
    owner = next(p for p in paths if master.indikator[0].bidang in p.name)
    wb = openpyxl.load_workbook(owner)
    assert rich in [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]


@pytest.mark.parametrize("kode", ["HI/SK", "K:1", "A\\B", 'X*?"<>|'])
def test_a_kode_with_path_characters_still_names_one_template_in_the_folder(tmp_path: Path, kode: str) -> None:
    """The bidang kode is part of the file name; '/' or ':' from the master must not make a folder or a name
    Windows refuses."""
    import dataclasses

    master = build_master()
    old = master.bidang[0].kode
    master.bidang[0] = dataclasses.replace(master.bidang[0], kode=kode)
    master.indikator = [dataclasses.replace(i, bidang=kode) if i.bidang == old else i for i in master.indikator]
    master.kegiatan = [dataclasses.replace(k, bidang=kode) if k.bidang == old else k for k in master.kegiatan]
    paths = write_templates(master, tmp_path)
    assert all(p.parent == tmp_path and p.is_file() for p in paths)
    assert not any(ch in p.name for p in paths for ch in '/\\:*?"<>|')
    (first,) = [p for p in paths if p.name.startswith(f"LKjIP_{master.instansi.tahun}_") and "Sekretariat" in p.name]
    assert openpyxl.load_workbook(first)["_meta"]["B4"].value == kode  # the real kode stays in the metadata
