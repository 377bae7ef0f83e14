"""merge --kembalikan: the annotated copy (fills, notes, Temuan links, nothing else changed) and the message."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from lkjip_xl import jobs
from lkjip_xl.checks.runner import check_files
from lkjip_xl.cli.app import app
from lkjip_xl.findings import Finding, Severity
from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.workbook.annotate import AUTHOR, FILL, TEMUAN_SHEET, annotate
from lkjip_xl.workbook.returns import COPY_SUFFIX, MESSAGE_SUFFIX
from tests.helpers import small_master, write_bidang
from tests.lo import SOFFICE, convert


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "lkjip-demo"
    jobs.demo(folder)
    return folder


@pytest.fixture(scope="module")
def returned(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[jobs.MergeResult, Path]:
    out = tmp_path_factory.mktemp("kembali")
    result = jobs.merge(demo_dir / jobs.DEMO_MASTER, demo_dir / "kotak_masuk", out / "hasil.xlsx", kembalikan=out / "kembali")
    return result, out / "kembali"


def _pairs(findings: list[Finding], file: str | None = None) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.sheet, f.cell) for f in findings if file is None or f.file == file)


def _copies(result: jobs.MergeResult, folder: Path) -> list[tuple[Path, Path, list[Finding]]]:
    inbox = result.report.files
    out = []
    for summary in inbox:
        found = [f for f in result.report.findings if f.file == summary.name]
        copy = folder / (Path(summary.name).stem + COPY_SUFFIX)
        out.append((copy, Path(summary.name), found))
    return out


def test_every_file_with_findings_gets_a_copy_and_a_message_and_a_clean_one_nothing(
    returned: tuple[jobs.MergeResult, Path],
) -> None:
    result, folder = returned
    assert result.returned
    for copy, name, found in _copies(result, folder):
        message = folder / (name.stem + MESSAGE_SUFFIX)
        needs = any(f.severity is not Severity.INFO for f in found)
        assert copy.is_file() is needs and message.is_file() is needs, name
        if needs:
            text = message.read_text(encoding="utf-8")
            assert name.name in text and copy.name in text
            for f in found:
                if f.severity is Severity.ERROR and f.cell:
                    assert f"{f.sheet}!{f.cell}" in text


def test_each_finding_cell_is_filled_and_noted_and_temuan_links_to_it(returned: tuple[jobs.MergeResult, Path]) -> None:
    result, folder = returned
    for copy, _, found in _copies(result, folder):
        if not copy.is_file():
            continue
        wb = openpyxl.load_workbook(copy)
        assert wb.sheetnames[0] == TEMUAN_SHEET
        for f in found:
            if not f.cell or f.severity is Severity.INFO:
                continue
            cell = wb[f.sheet][f.cell]
            worst = min((g for g in found if (g.sheet, g.cell) == (f.sheet, f.cell)), key=lambda g: g.severity.rank)
            assert cell.fill.fgColor.rgb.endswith(FILL[worst.severity]), (f.code, f.cell)
            assert cell.comment is not None and cell.comment.author == AUTHOR and f.code in cell.comment.text
        links = {c.hyperlink.location for row in wb[TEMUAN_SHEET].iter_rows(min_row=2) for c in row if c.hyperlink}
        assert links == {f"'{f.sheet}'!{f.cell}" for f in found if f.cell and f.sheet}
        rows = wb[TEMUAN_SHEET].max_row - 1
        assert rows == len(found)


def test_protection_validation_hidden_sheets_and_print_setup_survive(
    demo_dir: Path, returned: tuple[jobs.MergeResult, Path]
) -> None:
    result, folder = returned
    for copy, name, _ in _copies(result, folder):
        if not copy.is_file():
            continue
        before, after = openpyxl.load_workbook(demo_dir / "kotak_masuk" / name), openpyxl.load_workbook(copy)
        assert after.sheetnames[1:] == before.sheetnames
        for ws in before.worksheets:
            other = after[ws.title]
            assert other.sheet_state == ws.sheet_state
            assert other.protection.sheet == ws.protection.sheet and other.protection.password == ws.protection.password
            assert [(v.sqref, v.formula1, v.type) for v in other.data_validations.dataValidation] == [
                (v.sqref, v.formula1, v.type) for v in ws.data_validations.dataValidation
            ]
            assert (other.print_title_rows, other.page_setup.orientation) == (ws.print_title_rows, ws.page_setup.orientation)
            values = [[c.value for c in row] for row in ws.iter_rows()]
            assert [[c.value for c in row] for row in other.iter_rows()] == values
            assert [[c.protection.locked for c in row] for row in other.iter_rows()] == [
                [c.protection.locked for c in row] for row in ws.iter_rows()
            ]


def test_the_copy_checked_again_gives_the_same_findings(demo_dir: Path, returned: tuple[jobs.MergeResult, Path]) -> None:
    result, folder = returned
    master, _ = jobs.load_master(demo_dir / jobs.DEMO_MASTER)
    copies = [(copy, name) for copy, name, _ in _copies(result, folder) if copy.is_file()]
    assert copies
    again = check_files([c for c, _ in copies], master)
    for copy, name in copies:
        assert _pairs(again.findings, copy.name) == _pairs(result.report.findings, name.name), name


def test_a_copy_sent_back_unchanged_is_annotated_afresh(returned: tuple[jobs.MergeResult, Path], tmp_path: Path) -> None:
    result, folder = returned
    copy, _, found = next(c for c in _copies(result, folder) if c[0].is_file())
    twice = annotate(copy, found, tmp_path / "lagi.xlsx")
    wb = openpyxl.load_workbook(twice)
    assert wb.sheetnames.count(TEMUAN_SHEET) == 1
    noted = next(f for f in found if f.cell and f.severity is Severity.ERROR)
    assert wb[noted.sheet][noted.cell].comment.text.count(f"{noted.code} (") == 1


def test_unreadable_file_gets_only_the_message_and_the_inbox_is_refused(tmp_path: Path) -> None:
    master = write_master(small_master(), tmp_path / "master.xlsx")
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    write_bidang(inbox / "b1.xlsx")
    (inbox / "LKjIP_2017_B2_Bidang_Dua.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    out = tmp_path / "kembali"
    result = jobs.merge(master, inbox, tmp_path / "hasil.xlsx", kembalikan=out)
    assert sorted(p.name for p in out.iterdir()) == ["LKjIP_2017_B2_Bidang_Dua_pesan.txt"]
    assert result.returned == [out / "LKjIP_2017_B2_Bidang_Dua_pesan.txt"]
    assert "Kepala Bidang Dua" in result.returned[0].read_text(encoding="utf-8")
    cli = CliRunner().invoke(
        app, ["merge", str(master), str(inbox), "-o", str(tmp_path / "h2.xlsx"), "--kembalikan", str(inbox / "x")]
    )
    assert cli.exit_code == 2 and not (inbox / "x").exists()


def test_formulas_keep_the_values_they_last_computed(tmp_path: Path) -> None:
    """A file saved by Excel or LibreOffice stores each formula's value; checks compare those values."""
    anggaran = [
        ["P1", "Program Satu", "APBD II", ("=SUM(D3:D4)", 3000), ("=SUM(E3:E4)", 2600), ("=E2/D2*100", 86.67), ""],
        ["P1.01", "Kegiatan Satu", "APBD II", 1000, 900, ("=E3/D3*100", 95), ""],  # 90 %: an A003 on a cached value
        ["P1.02", "Kegiatan Dua", "APBD II", 2000, 1600, ("=E4/D4*100", 80), ""],
    ]
    source = write_bidang(tmp_path / "b1.xlsx", anggaran=anggaran)
    original = check_files([source], small_master())
    assert ("A003", "Anggaran", "F3") in _pairs(original.findings) and ("A004", "Anggaran", "E2") in _pairs(original.findings)
    copy = annotate(source, original.findings, tmp_path / "b1_perbaikan.xlsx")
    assert _pairs(check_files([copy], small_master()).findings) == _pairs(original.findings)
    assert openpyxl.load_workbook(copy)["Anggaran"]["F3"].value == "=E3/D3*100"


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) tidak terpasang; pasang paket libreoffice-calc")
def test_the_copy_of_a_libreoffice_saved_file_opens_in_libreoffice(demo_dir: Path, tmp_path: Path) -> None:
    master, _ = jobs.load_master(demo_dir / jobs.DEMO_MASTER)
    template = next((demo_dir / "template").glob("*IND*.xlsx"))  # formulas for every percentage and total
    filled = tmp_path / "isi.xlsx"
    wb = openpyxl.load_workbook(template)
    wb["Kinerja"]["F2"] = 7  # one indicator reported, the others left blank (K001)
    wb.save(filled)
    saved = convert([filled], "xlsx", tmp_path / "lo", tmp_path / "profil")[0]  # computes and stores the formulas
    original = check_files([saved], master)
    assert not any(f.code == "B023" for f in original.findings)  # LibreOffice stored the computed values
    copy = annotate(saved, original.findings, tmp_path / "isi_perbaikan.xlsx")
    assert _pairs(check_files([copy], master).findings) == _pairs(original.findings)
    pdf = convert([copy], "pdf", tmp_path / "pdf", tmp_path / "profil")[0]
    assert pdf.stat().st_size > 1000


def test_text_from_a_file_stays_text_in_the_copy(tmp_path: Path) -> None:
    source = write_bidang(tmp_path / "b1.xlsx")
    hostile = Finding.make("A008", '=HYPERLINK("http://x")', file="b1.xlsx", sheet="Anggaran", cell="A2", kode="=1+1")
    copy = annotate(source, [hostile], tmp_path / "b1_perbaikan.xlsx")
    row = [c for c in openpyxl.load_workbook(copy)[TEMUAN_SHEET][2]]
    assert {c.value: c.data_type for c in row if isinstance(c.value, str) and c.value.startswith("=")} == {
        "=1+1": "s",
        '=HYPERLINK("http://x")': "s",
    }


def test_a_copy_that_cannot_be_made_still_leaves_the_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lkjip_xl.workbook import returns

    def refuse(*_args: object) -> Path:
        raise KeyError("no such part")

    monkeypatch.setattr(returns, "annotate", refuse)
    master = write_master(small_master(), tmp_path / "master.xlsx")
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    rows = [["I1", "Sasaran A", "Cakupan layanan", "%", 100, None, None, ""]]
    write_bidang(inbox / "b1.xlsx", kinerja=rows)
    result = jobs.merge(master, inbox, tmp_path / "hasil.xlsx", kembalikan=tmp_path / "kembali")
    assert [p.name for p in result.returned or []] == ["b1_pesan.txt"]
    assert "Kinerja!F2" in (tmp_path / "kembali" / "b1_pesan.txt").read_text(encoding="utf-8")


def test_a_sheet_renamed_in_another_case_is_still_marked(tmp_path: Path) -> None:
    rows = [["I1", "Sasaran A", "Cakupan layanan", "%", 100, None, None, ""]]
    source = write_bidang(tmp_path / "b1.xlsx", kinerja=rows)
    wb = openpyxl.load_workbook(source)
    wb["Kinerja"].title = "KINERJA "
    wb.save(source)
    original = check_files([source], small_master())
    k001 = next(f for f in original.findings if f.code == "K001")
    assert k001.sheet == "KINERJA "  # findings name the sheet as the file has it
    copy = openpyxl.load_workbook(annotate(source, original.findings, tmp_path / "b1_perbaikan.xlsx"))
    assert copy["KINERJA "][k001.cell].comment is not None
    links = {c.hyperlink.location for row in copy[TEMUAN_SHEET].iter_rows(min_row=2) for c in row if c.hyperlink}
    assert f"'KINERJA '!{k001.cell}" in links
