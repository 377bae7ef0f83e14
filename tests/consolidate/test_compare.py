"""Resubmission: merge --sebelumnya and banding say what was fixed, what is new, what is still open, what changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from lkjip_xl import jobs
from lkjip_xl.cli.app import app
from lkjip_xl.consolidate.compare import TRAIL_SHEET, read_trail, trail_of
from lkjip_xl.findings import Finding
from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.workbook.sheets.jejak import PERUBAHAN_SHEET
from tests.helpers import small_master, write_bidang

runner = CliRunner()
SEKRE = "LKjIP_2017_SEKRE_Sekretariat.xlsx"


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The demo merged; SEKRE sends a corrected file under the annotated copy's name; the others send nothing new."""
    work = tmp_path_factory.mktemp("ulang")
    first = jobs.demo(work / "demo")
    inbox = work / "masuk"
    shutil.copytree(work / "demo" / "kotak_masuk", inbox)
    sent = inbox / SEKRE
    wb = openpyxl.load_workbook(sent)
    ws = wb["Anggaran"]
    ws["F4"] = 93.54  # fixes the A003 at F4 (93,89 % written, 93,54 % computed)
    ws["F5"] = 12.5  # a new A003: 99,48 % was right
    ws["G6"] = "rapat sesuai jadwal"  # a value on a row without findings
    corrected = inbox / "LKjIP_2017_SEKRE_Sekretariat_perbaikan.xlsx"
    wb.save(corrected)
    sent.unlink()
    master = work / "demo" / jobs.DEMO_MASTER
    second = jobs.merge(master, inbox, work / "hasil2.xlsx", sebelumnya=first.output)
    return {"first": first, "second": second, "master": master, "inbox": inbox, "work": work, "corrected": corrected}


def _where(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return sorted((f.bidang, f.code, f.sheet, f.cell) for f in findings)


def test_fixed_new_and_open_findings(rounds: dict[str, object]) -> None:
    first, second = rounds["first"], rounds["second"]
    assert isinstance(first, jobs.MergeResult) and isinstance(second, jobs.MergeResult)
    changes = second.changes
    assert _where(changes.fixed) == [("SEKRE", "A003", "Anggaran", "F4")]
    assert _where(changes.new) == [("SEKRE", "A003", "Anggaran", "F5")]
    still = [f for f in second.report.findings if (f.bidang, f.code, f.sheet, f.cell) != ("SEKRE", "A003", "Anggaran", "F5")]
    assert _where(changes.open) == _where(still)
    assert {f.file for f in changes.open if f.bidang == "SEKRE"} == {Path(str(rounds["corrected"])).name}


def test_every_changed_value_including_rows_without_findings(rounds: dict[str, object]) -> None:
    second = rounds["second"]
    assert isinstance(second, jobs.MergeResult)
    got = {(v.bidang, v.sheet, v.cell, v.column, v.before, v.after) for v in second.changes.values}
    assert got == {
        ("SEKRE", "Anggaran", "F4", "Realisasi (%)", "93.89", "93.54"),
        ("SEKRE", "Anggaran", "F5", "Realisasi (%)", "99.48", "12.5"),
        ("SEKRE", "Anggaran", "G6", "Keterangan", "", "rapat sesuai jadwal"),
    }
    first = rounds["first"]
    assert isinstance(first, jobs.MergeResult)
    unchanged = {f.name for f in first.report.files if "SEKRE" not in f.name}
    assert {name for _, name in second.changes.unchanged} == unchanged


def test_perubahan_sheet_and_hidden_trail(rounds: dict[str, object]) -> None:
    second = rounds["second"]
    assert isinstance(second, jobs.MergeResult)
    wb = openpyxl.load_workbook(second.output)
    assert wb[TRAIL_SHEET].sheet_state == "hidden"
    rows = [[c.value for c in row] for row in wb[PERUBAHAN_SHEET].iter_rows(min_row=5)]
    kinds = {(r[0], r[1], r[4]) for r in rows}
    assert {("SEKRE", "diperbaiki", "F4"), ("SEKRE", "baru", "F5"), ("SEKRE", "nilai berubah", "G6")} <= kinds
    assert sum(1 for r in rows if r[1] == "masih ada") == len(second.changes.open)
    assert sum(1 for r in rows if r[1] == "berkas tidak berubah") == len(second.changes.unchanged)
    first = rounds["first"]
    assert isinstance(first, jobs.MergeResult)
    assert PERUBAHAN_SHEET not in openpyxl.load_workbook(first.output).sheetnames  # only when asked


def test_trail_read_back_equals_what_the_run_accepted(rounds: dict[str, object]) -> None:
    first = rounds["first"]
    assert isinstance(first, jobs.MergeResult)
    back, now = read_trail(first.output), trail_of(first.report)
    assert back.values == now.values and back.files == now.files
    assert [f.to_dict() for f in back.findings] == [f.to_dict() for f in now.findings]
    assert len(now.values["value"]) == 4 * sum(f.rows_merged for f in first.report.files)


def test_json_changes_and_console_section(rounds: dict[str, object], tmp_path: Path) -> None:
    out = tmp_path / "h.json"
    args = ["merge", str(rounds["master"]), str(rounds["inbox"]), "-o", str(tmp_path / "h.xlsx"), "--json", str(out)]
    first = rounds["first"]
    assert isinstance(first, jobs.MergeResult)
    result = runner.invoke(app, [*args, "--sebelumnya", str(first.output)])
    assert result.exit_code == 1, result.output
    changes = json.loads(out.read_text(encoding="utf-8"))["changes"]
    assert [(f["code"], f["cell"]) for f in changes["fixed"]] == [("A003", "F4")]
    assert [(f["code"], f["cell"]) for f in changes["new"]] == [("A003", "F5")]
    assert {"bidang", "file", "sheet", "cell", "kode", "column", "before", "after"} == set(changes["values"][0])
    text = result.output
    assert text.index("Perubahan sejak hasil sebelumnya") < text.index("Galat      ")


def test_banding_compares_two_versions_without_a_workbook(rounds: dict[str, object], tmp_path: Path) -> None:
    old = Path(str(rounds["work"])) / "demo" / "kotak_masuk" / SEKRE
    out = tmp_path / "b.json"
    result = runner.invoke(
        app, ["banding", str(old), str(rounds["corrected"]), "--master", str(rounds["master"]), "--json", str(out)]
    )
    assert result.exit_code == 1, result.output
    changes = json.loads(out.read_text(encoding="utf-8"))["changes"]
    assert [(f["code"], f["cell"]) for f in changes["fixed"]] == [("A003", "F4")]
    assert [(f["code"], f["cell"]) for f in changes["new"]] == [("A003", "F5")]
    assert len(changes["values"]) == 3
    assert list(tmp_path.iterdir()) == [out]


def test_an_earlier_result_that_is_not_one_or_of_another_year_is_refused(rounds: dict[str, object], tmp_path: Path) -> None:
    args = ["merge", str(rounds["master"]), str(rounds["inbox"]), "-o", str(tmp_path / "h.xlsx")]
    for wrong in (Path(str(rounds["master"])), tmp_path / "tidak_ada.xlsx"):
        result = runner.invoke(app, [*args, "--sebelumnya", str(wrong)])
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    other_master = write_master(small_master(), tmp_path / "master_lain.xlsx")
    other_inbox = tmp_path / "masuk_lain"
    other_inbox.mkdir()
    write_bidang(other_inbox / "b1.xlsx")
    other = jobs.merge(other_master, other_inbox, tmp_path / "lain.xlsx")
    result = runner.invoke(app, [*args, "--sebelumnya", str(other.output)])
    assert result.exit_code == 2 and "Dinas Uji" in result.output
    assert not (tmp_path / "h.xlsx").exists()


def test_an_earlier_result_whose_trail_is_an_allocation_bomb_is_refused_not_loaded(tmp_path: Path) -> None:
    """--sebelumnya is screened and size-checked like any input: a `_jejak` sheet with a cell at XFD1048576 would
    make calamine abort the whole process. Tried in a memory-capped child, where an abort fails this test."""
    import subprocess
    import sys

    from tests.helpers import CAPPED_CHECKER
    from tests.hostile import add_sheet_first

    bomb = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>9</v></c></row>'
        b"</sheetData></worksheet>"
    )
    path = add_sheet_first(write_bidang(tmp_path / "asal.xlsx"), tmp_path / "hasil_lama.xlsx", TRAIL_SHEET, bomb)
    script = CAPPED_CHECKER + (
        "from lkjip_xl.consolidate.compare import TrailError, read_trail\n"
        "try:\n    read_trail(Path(sys.argv[1]))\nexcept TrailError:\n    print('ditolak')\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.split() == ["ditolak"]
