"""The Word document (Bab II and Bab III): python-docx reads back its headings, text and tables, which equal the
workbook's; it is deterministic; LibreOffice Writer opens it, prints it on A4 and keeps every table."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from lkjip_xl import jobs
from lkjip_xl.cli.app import app
from lkjip_xl.numbers import format_id
from lkjip_xl.xlsx.formats import FIXED_DATE
from tests.lo import POPPLER, SOFFICE, convert, page_sizes, page_texts

TABLES = 7  # Bab II: indicators, programs; Bab III: capaian, perbandingan, Renstra, efisiensi, realisasi anggaran


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> jobs.MergeResult:
    return jobs.demo(tmp_path_factory.mktemp("dokumen") / "demo")


@pytest.fixture(scope="module")
def doc(result: jobs.MergeResult) -> Any:
    assert result.document is not None and result.document.name == "LKjIP_2017_gabungan.docx"
    assert result.document.parent == result.output.parent
    return Document(str(result.document))


@pytest.fixture(scope="module")
def cached(result: jobs.MergeResult) -> dict[str, list[list[Any]]]:
    wb = CalamineWorkbook.from_path(str(result.output))
    return {n: wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names}


def _headings(doc: Any, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def _rows(table: Any) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_headings_follow_the_report(doc: Any) -> None:
    assert _headings(doc, 1) == ["BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA"]
    assert _headings(doc, 2) == [
        "A. Perjanjian Kinerja Tahun 2017",
        "B. Program dan Anggaran",
        "A. Capaian Kinerja Organisasi",
        "B. Realisasi Anggaran",
    ]
    assert [h[:2] for h in _headings(doc, 3)] == ["1.", "2.", "3.", "4."]


def test_page_is_a4_and_every_table_repeats_its_header_row(doc: Any) -> None:
    section = doc.sections[0]
    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21, 29.7)  # stored in twips
    assert len(doc.tables) == TABLES
    for table in doc.tables:
        flag = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert flag is not None and flag.get(qn("w:val")) == "true"


def test_text_is_the_narasi_sheet_word_for_word(doc: Any, cached: dict[str, Any]) -> None:
    sheet = [r[0] for r in cached["Narasi"][3:] if r and r[0]]
    body = [p.text for p in doc.paragraphs if p.text]
    start = body.index("BAB III AKUNTABILITAS KINERJA")
    assert body[start:] == sheet


def test_table_cells_equal_the_workbook(doc: Any, cached: dict[str, Any]) -> None:
    pk = _rows(doc.tables[1])
    total = next(r for r in pk if r[1] == "JUMLAH")
    sheet = next(r for r in cached["Perjanjian Kinerja"] if len(r) > 1 and r[1] == "JUMLAH")
    assert total[3:6] == [format_id(v) for v in sheet[3:6]] == ["7.775.334.000", "8.516.086.000", "740.752.000"]
    capaian = {r[2]: r for r in _rows(doc.tables[2])[1:]}
    for row in cached["Capaian Kinerja"][4:]:
        if len(row) > 6 and row[2]:
            shown = "" if row[6] == "" else format_id(row[6], 2)
            assert capaian[row[2]][6] == shown, row[2]
    anggaran = _rows(doc.tables[6])
    sheet_rows = {r[0]: r for r in cached["Realisasi Anggaran"][4:] if r and r[0]}
    for r in anggaran[1:-1]:
        assert r[2] == format_id(sheet_rows[r[0]][3]) and r[3] == format_id(sheet_rows[r[0]][4] or None), r[0]
    jumlah = next(r for r in cached["Realisasi Anggaran"] if len(r) > 1 and r[1] == "JUMLAH")
    assert anggaran[-1][1:] == ["JUMLAH", format_id(jumlah[3]), format_id(jumlah[4]), format_id(jumlah[5], 2)]
    efisiensi = {r[1]: r for r in _rows(doc.tables[5])[1:]}
    for row in cached["Efisiensi"][4:]:
        if row and isinstance(row[0], float):
            assert efisiensi[row[1]][6] == row[9]


def test_same_inputs_same_bytes_and_no_clock(result: jobs.MergeResult, tmp_path: Path) -> None:
    assert result.document is not None
    again = jobs.demo(tmp_path / "lagi")
    assert again.document is not None and again.document.read_bytes() == result.document.read_bytes()
    with zipfile.ZipFile(result.document) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert not [n for n in z.namelist() if n.endswith(".bin") or "vbaProject" in n]  # no macros
    props = Document(str(result.document)).core_properties
    assert {props.created.replace(tzinfo=None), props.modified.replace(tzinfo=None)} == {FIXED_DATE}


def test_merge_writes_the_document_on_request_and_refuses_bad_targets(result: jobs.MergeResult, tmp_path: Path) -> None:
    demo_dir = result.output.parent
    master, inbox = demo_dir / "master_lkjip_2017.xlsx", demo_dir / "kotak_masuk"
    runner = CliRunner()
    out, docx = tmp_path / "hasil.xlsx", tmp_path / "hasil.docx"
    done = runner.invoke(app, ["merge", str(master), str(inbox), "-o", str(out), "--docx", str(docx)])
    assert done.exit_code == 1 and docx.read_bytes() == result.document.read_bytes()  # type: ignore[union-attr]
    for bad in (tmp_path / "hasil.doc", inbox / "x.docx", docx):
        refused = runner.invoke(app, ["merge", str(master), str(inbox), "-o", str(tmp_path / "b.xlsx"), "--docx", str(bad)])
        assert refused.exit_code == 2, bad
    assert not (tmp_path / "b.xlsx").exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None or not POPPLER, reason="LibreOffice Writer dan poppler-utils diperlukan")
def test_libreoffice_writer_opens_prints_and_keeps_every_table(result: jobs.MergeResult, tmp_path: Path) -> None:
    assert result.document is not None
    pdf = convert([result.document], "pdf", tmp_path / "pdf", tmp_path / "profil")[0]
    sizes = page_sizes(pdf)
    assert len(sizes) >= 4 and all(abs(w - 595.3) < 1 and abs(h - 841.9) < 1 for w, h in sizes)  # A4 portrait
    text = " ".join(page_texts(pdf))
    for expected in ("BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA", "7.775.334.000", "13 (tiga belas) program"):
        assert expected in text
    assert text.count("SASARAN STRATEGIS") > 3  # the header rows are repeated on the pages a table continues on
    saved = convert([result.document], "docx:MS Word 2007 XML", tmp_path / "docx", tmp_path / "profil2")[0]
    back = Document(str(saved))
    assert len(back.tables) == TABLES
    assert [len(t.rows) for t in back.tables] == [len(t.rows) for t in Document(str(result.document)).tables]
