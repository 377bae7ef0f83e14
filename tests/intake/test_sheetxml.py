"""Tests for lkjip_xl.intake.sheetxml: the sheet metadata calamine drops, read from workbooks built in the tests."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from xlsxwriter.workbook import Workbook

from lkjip_xl.intake import sheetscan, sheetxml
from lkjip_xl.intake.guard import screen_file
from lkjip_xl.intake.sheetscan import SheetInfo, is_percent_format, refers_to_other_workbook
from lkjip_xl.intake.sheetxml import scan_workbook
from tests import hostile

SHEET1 = hostile.SHEET1
CORPUS_FILES = sorted(hostile.CORPUS.glob("*.xls[xm]")) if hostile.CORPUS.is_dir() else []


def build(path: Path, fill: Callable[[Workbook], None]) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    fill(workbook)
    workbook.close()
    return path


def fill_kinerja(workbook: Workbook) -> None:
    """One sheet exercising every field: errors, percents, hidden row, merge, formulas with cached values."""
    sheet = workbook.add_worksheet("Kinerja")
    percent = workbook.add_format({"num_format": "0.00%"})  # xlsxwriter writes this as custom numFmt 164
    builtin_percent = workbook.add_format({"num_format": 10})  # builtin 0.00%
    decimal = workbook.add_format({"num_format": "0.00"})
    quoted = workbook.add_format({"num_format": '0.00"%"'})  # a literal % sign: not a percent format
    sheet.write_formula("B2", "=1/0", None, "#DIV/0!")
    sheet.write_number("C2", 1.1652, percent)
    sheet.write_number("C3", 0.5, builtin_percent)
    sheet.write_number("C4", 116.52, decimal)
    sheet.write_number("C5", 116.52, quoted)
    sheet.write_string("C6", "116,52%", percent)
    sheet.write_blank("C7", None, percent)
    sheet.write_formula("C8", "=C2*2", percent, 2.3304)
    sheet.set_row(4, None, None, {"hidden": True})
    sheet.merge_range("E2:F3", "Gabung")
    sheet.write_formula("D9", '=IF(C2>1,"a&b","<c>")', None, "a&b")
    sheet.write("G12", "terakhir")


def fill_states(workbook: Workbook) -> None:
    workbook.add_worksheet("Terlihat").activate()
    workbook.add_worksheet("Tersembunyi").hide()
    workbook.add_worksheet("SangatTersembunyi").very_hidden()


@pytest.fixture
def kinerja(tmp_path: Path) -> Path:
    return build(tmp_path / "kinerja.xlsx", fill_kinerja)


def scan_one(path: Path, name: str = "Kinerja") -> SheetInfo:
    return scan_workbook(path)[name]


def test_error_cell(kinerja: Path) -> None:
    info = scan_one(kinerja)
    assert info.error_cells == {"B2": "#DIV/0!"}
    assert info.formulas["B2"] == "1/0"
    assert "B2" not in info.formulas_without_value


def test_percent_cells(kinerja: Path) -> None:
    assert scan_one(kinerja).percent_cells == {"C2", "C3", "C8"}


def test_hidden_row_merge_and_size(kinerja: Path) -> None:
    info = scan_one(kinerja)
    assert info.hidden_rows == {5}
    assert info.merged == ["E2:F3"]
    assert (info.dimension_rows, info.dimension_cols) == (12, 7)
    assert info.complete


def full_scan_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every sheet go through the tag-by-tag scan instead of the mark-driven fast path."""
    monkeypatch.setattr(sheetscan.SheetScanner, "_scan_fast", lambda self, data, start, end: False)


def test_fast_and_full_scans_agree(kinerja: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = scan_workbook(kinerja)
    full_scan_only(monkeypatch)
    assert scan_workbook(kinerja) == fast


def test_formula_text_is_unescaped(kinerja: Path) -> None:
    assert scan_one(kinerja).formulas["D9"] == 'IF(C2>1,"a&b","<c>")'


def test_sheet_states(tmp_path: Path) -> None:
    infos = scan_workbook(build(tmp_path / "status.xlsx", fill_states))
    assert {name: info.state for name, info in infos.items()} == {
        "Terlihat": "visible",
        "Tersembunyi": "hidden",
        "SangatTersembunyi": "veryHidden",
    }


def test_only_requested_sheets(tmp_path: Path) -> None:
    path = build(tmp_path / "status.xlsx", fill_states)
    assert list(scan_workbook(path, ["Tersembunyi", "Tidak Ada"])) == ["Tersembunyi"]
    assert list(scan_workbook(path, "Terlihat")) == ["Terlihat"]
    assert scan_workbook(path, []) == {}


def test_openpyxl_formulas_have_no_cached_value_and_external_refs(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Kinerja"
    sheet["A1"] = "=SUM(1,2)"
    sheet["A2"] = "=[1]Sheet1!A1"
    sheet["A3"] = "='C:\\x\\[other.xlsx]Sheet1'!A1"
    sheet["A4"] = "=SUM(Tabel1[Realisasi])"
    sheet["A5"] = '="[a]b!c"'
    sheet["A6"] = "='Lembar 2'!A1"
    path = tmp_path / "openpyxl.xlsx"
    workbook.save(path)
    info = scan_one(path)
    assert info.formulas_without_value == {"A1", "A2", "A3", "A4", "A5", "A6"}
    assert info.external_refs == {"A2", "A3"}
    assert info.formulas["A3"] == "'C:\\x\\[other.xlsx]Sheet1'!A1"


def test_absolute_relationship_targets(kinerja: Path, tmp_path: Path) -> None:
    rels = "xl/_rels/workbook.xml.rels"
    with zipfile.ZipFile(kinerja) as zf:
        text = zf.read(rels).replace(b'Target="worksheets/', b'Target="/xl/worksheets/')
    assert b"/xl/worksheets/sheet1.xml" in text
    path = hostile.rewrite_zip(kinerja, tmp_path / "absolut.xlsx", {rels: text})
    assert scan_one(path).error_cells == {"B2": "#DIV/0!"}


def test_missing_styles_and_rels(kinerja: Path, tmp_path: Path) -> None:
    removed = ["xl/styles.xml", "xl/_rels/workbook.xml.rels"]
    info = scan_one(hostile.rewrite_zip(kinerja, tmp_path / "minim.xlsx", {}, remove=removed))
    assert info.percent_cells == set()
    assert info.error_cells == {"B2": "#DIV/0!"}  # found through the sheetN.xml fallback


def test_namespace_prefixed_sheet_gives_the_same_result(kinerja: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(kinerja) as zf:
        xml = zf.read(SHEET1)
    prefixed = re.sub(rb"<(/?)([A-Za-z])", rb"<\1x:\2", xml).replace(b"xmlns=", b"xmlns:x=", 1)
    assert b"<x:c " in prefixed and b"<x:sheetData>" in prefixed
    path = hostile.rewrite_zip(kinerja, tmp_path / "awalan.xlsx", {SHEET1: prefixed})
    assert scan_one(path) == scan_one(kinerja)


def test_utf16_sheet_gives_the_same_result(kinerja: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(kinerja) as zf:
        xml = zf.read(SHEET1).decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = hostile.rewrite_zip(kinerja, tmp_path / "utf16.xlsx", {SHEET1: xml.encode("utf-16")})
    assert scan_one(path) == scan_one(kinerja)


def test_raw_greater_than_in_attributes(kinerja: Path, tmp_path: Path) -> None:
    """'>' needs no escaping in XML attributes: a sheet name and a conditional number format may carry one."""
    with zipfile.ZipFile(kinerja) as zf:
        workbook = zf.read("xl/workbook.xml").replace(b'name="Kinerja"', b'name="Kin>erja"')
        styles = zf.read("xl/styles.xml").replace(b'formatCode="0.00%"', b'formatCode="[>=1]0.00%;0.0%"')
    assert b"Kin>erja" in workbook and b"[>=1]" in styles
    replaced = {"xl/workbook.xml": workbook, "xl/styles.xml": styles}
    info = scan_one(hostile.rewrite_zip(kinerja, tmp_path / "lebih_dari.xlsx", replaced), "Kin>erja")
    assert info.percent_cells == {"C2", "C3", "C8"}


HANDWRITTEN = b"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row><c t="e"><v>#N/A</v></c><c><f t="shared" si="0"/><v>1</v></c><c s='0' t="n"><f>1+1</f></c></row>
<row hidden="true"><c t="s" r="C2"><v>0</v></c><c r="D2" t="str"><f>IF(1,"hidden="1"")</f><v>x</v></c>
  <c><f t="shared" ref="B1:B3" si="0">[1]Data!A1</f><v>2</v></c></row>
<row r="7" spans="1:2"><c r="A7"><f t="shared" si="0"/><v>3</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A9:B9"/></mergeCells></worksheet>"""


def test_handwritten_sheet_without_r_attributes(kinerja: Path, tmp_path: Path) -> None:
    """Cells and rows without r, attributes in odd order, shared formula dependents before their master."""
    info = scan_one(hostile.rewrite_zip(kinerja, tmp_path / "tulisan_tangan.xlsx", {SHEET1: HANDWRITTEN}))
    assert info.error_cells == {"A1": "#N/A"}
    assert info.formulas == {"B1": "", "C1": "1+1", "D2": 'IF(1,"hidden="1"")', "E2": "[1]Data!A1", "A7": ""}
    assert info.formulas_without_value == {"C1"}
    assert info.external_refs == {"B1", "E2", "A7"}
    assert info.hidden_rows == {2}
    assert info.merged == ["A9:B9"]
    assert (info.dimension_rows, info.dimension_cols) == (7, 5)


USUAL = b"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="str"><f>IF(1,"hidden="1"",T("t=&quot;e&quot;"))</f><v>x</v></c>
  <c r="B1" s="0"><v>1</v></c></row>
<row r="2" spans="1:2" hidden="1"><c r="A2" t="e"><v>#REF!</v></c></row>
<row r="3" s="1" customFormat="1"><c r="C3" t="s"><v>0</v></c></row>
</sheetData></worksheet>"""


def test_marks_outside_tags_do_not_mislead_the_fast_path(kinerja: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'hidden="1"' or 't="e"' inside formula text, a row style s="1": only real attributes count."""
    info = scan_one(hostile.rewrite_zip(kinerja, kinerja.with_name("biasa.xlsx"), {SHEET1: USUAL}))
    assert info.hidden_rows == {2}
    assert info.error_cells == {"A2": "#REF!"}
    assert info.percent_cells == set()
    assert (info.dimension_rows, info.dimension_cols) == (3, 3)
    full_scan_only(monkeypatch)
    assert scan_one(kinerja.with_name("biasa.xlsx")) == info


def test_oversized_sheet_is_skipped_with_declared_size(
    kinerja: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with zipfile.ZipFile(kinerja) as zf:
        xml = zf.read(SHEET1).replace(b'<dimension ref="B2:G12"/>', b'<dimension ref="A1:XFD1048576"/>')
    path = hostile.rewrite_zip(kinerja, tmp_path / "besar.xlsx", {SHEET1: xml})
    monkeypatch.setattr(sheetxml, "MAX_SHEET_XML_BYTES", 1000)
    info = scan_one(path)
    assert not info.complete
    assert info.error_cells == {}
    assert (info.dimension_rows, info.dimension_cols) == (1_048_576, 16_384)


def test_not_a_workbook_gives_empty_result(tmp_path: Path) -> None:
    assert scan_workbook(hostile.make_csv_named_xlsx(tmp_path)) == {}
    assert scan_workbook(tmp_path / "tidak_ada.xlsx") == {}
    assert scan_workbook(hostile.make_truncated(tmp_path)) == {}


def test_shared_formula_dependents_are_listed(tmp_path: Path) -> None:
    if not (hostile.CORPUS / "shared_formula_simple.xlsx").is_file():
        pytest.skip("corpus calamine tidak tersedia")
    info = scan_workbook(hostile.CORPUS / "shared_formula_simple.xlsx")["Sheet1"]
    assert len(info.formulas) == 3
    assert sum(1 for text in info.formulas.values() if text) >= 1


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("0%", True),
        ("0.00%", True),
        ("#,##0.00%;[Red]-#,##0.00%", True),
        ("[Red]0.0%", True),
        ("General", False),
        ("0.00", False),
        ('0.00"%"', False),
        ("0.00\\%", False),
        ("0.00_%", False),
        ('"persen" 0%', True),
        ("", False),
    ],
)
def test_is_percent_format(code: str, expected: bool) -> None:
    assert is_percent_format(code) is expected


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("[1]Sheet1!A1", True),
        ("SUM([2]Data!A1:A9)", True),
        ("'[1]Lembar 1'!$A$1", True),
        ("'C:\\x\\[other.xlsx]Sheet1'!A1", True),
        ("[Buku.xlsx]Sheet1!A1", True),
        ("[1]!NamaRentang", True),
        ("Sheet1!A1", False),
        ("'Lembar 2'!A1*2", False),
        ("SUM(Tabel1[Realisasi])", False),
        ("Tabel1[[#This Row],[Target]]/Sheet2!A1", False),
        ("[@Target]*Sheet2!A1", False),
        ('"[1]Sheet1!A1"', False),
    ],
)
def test_refers_to_other_workbook(formula: str, expected: bool) -> None:
    assert refers_to_other_workbook(formula) is expected


@pytest.mark.skipif(not CORPUS_FILES, reason="corpus calamine tidak tersedia")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_never_raises_and_both_scans_agree(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    infos = scan_workbook(path)
    if screen_file(path).readable:
        assert all(isinstance(info, SheetInfo) for info in infos.values())
    full_scan_only(monkeypatch)
    assert scan_workbook(path) == infos


@pytest.mark.skipif(not CORPUS_FILES, reason="corpus calamine tidak tersedia")
def test_corpus_known_facts() -> None:
    errors = scan_workbook(hostile.CORPUS / "errors.xlsx")["Feuil1"].error_cells
    assert errors["A1"] == "#DIV/0!"
    assert scan_workbook(hostile.CORPUS / "merge_cells.xlsx")["Sheet1"].merged == ["A1:B1", "A2:A4", "B2:D4"]
    prefixed = scan_workbook(hostile.CORPUS / "nonstandard-xml-ns-prefix.xlsx")["Sheet1"]
    assert (prefixed.dimension_rows, prefixed.dimension_cols) == (3, 2)
    assert scan_workbook(hostile.CORPUS / "any_sheets.xlsx")["VeryHidden"].state == "veryHidden"


def test_scan_of_parts_kept_by_the_guard_equals_scan_of_the_archive() -> None:
    """The reader scans what the guard already inflated; for every readable corpus workbook that must be what
    reading the archive itself gives (the corpus has odd casing, custom part paths and big sheets)."""
    from lkjip_xl.intake.guard import screen_file

    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "calamine"
    if not corpus.is_dir():
        pytest.skip(f"calamine corpus not found at {corpus}")
    compared = 0
    for path in sorted(p for p in corpus.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm")):
        screened = screen_file(path)
        if not screened.readable:
            continue
        assert scan_workbook(path, None, screened.parts) == scan_workbook(path), path.name
        compared += 1
    assert compared >= 10


def test_remembered_parts_are_told_apart_by_content(tmp_path: Path) -> None:
    """What is parsed from workbook.xml and styles.xml is remembered per content: a file whose styles differ
    (the same cell now not a percent) must not get another file's answer."""

    def styled(num_format: str) -> Callable[[Workbook], None]:
        def fill(workbook: Workbook) -> None:
            sheet = workbook.add_worksheet("Kinerja")
            sheet.write_number("C2", 0.5, workbook.add_format({"num_format": num_format}))

        return fill

    percent = build(tmp_path / "persen.xlsx", styled("0.00%"))
    plain = build(tmp_path / "biasa.xlsx", styled("0.00"))
    for _ in range(2):
        assert scan_one(percent).percent_cells == {"C2"}
        assert scan_one(plain).percent_cells == set()


def test_large_parts_are_parsed_but_not_remembered() -> None:
    calls: list[bytes] = []

    def parse(data: bytes) -> int:
        calls.append(data)
        return len(data)

    small, large = b"<x/>", b"x" * (sheetxml._REMEMBER_MAX_BYTES + 1)
    assert [sheetxml._remembered(parse, small) for _ in range(3)] == [4, 4, 4]
    assert [sheetxml._remembered(parse, large) for _ in range(2)] == [len(large)] * 2
    assert calls == [small, large, large]
    assert all(len(p) <= sheetxml._REMEMBER_MAX_BYTES for key in sheetxml._remembered_results for p in key[1:] if p)


# Runs of unclosed or repeated tags, each ≈ 2 MB (a few KB once zipped). The patterns used to rescan the rest of
# the part for every tag: 0.1 MB of unclosed formula cells took 5 s, 2 MB would take half an hour, so one file
# could stall the merge of all the others. Linear now: all of them together take about a second.
HOSTILE_RUNS = {
    "sel rumus tak ditutup": ("sheet", b'<c r="A1"><f>1'),
    "sel galat tak ditutup": ("sheet", b'<c r="A1" t="e"><v>#N/A'),
    "sel persen tak ditutup": ("sheet", b'<c r="A1" s="1"><v>1'),
    "sel tanpa r tak ditutup": ("sheet", b"<c><v>1"),
    "tag sel tak ditutup": ("sheet", b'<c r="A1" s="1" '),
    "baris tersembunyi tak ditutup": ("sheet", b'<row r="1" hidden="1" '),
    "nilai tak ditutup dalam satu sel": ("cell", b"<v "),
    "rumus tak ditutup dalam satu sel": ("cell", b"<f "),
    "lembar tak ditutup": ("workbook", b'<sheet a="'),
    "relasi tak ditutup": ("rels", b'<Relationship Target="'),
    "xf tak ditutup": ("styles", b'<xf numFmtId="'),
    "atribut tanpa =": ("attrs", b"&amp;"),
    "kutip dalam rumus": ("formula", b"'"),
}
LINEAR_CHECK = """
import sys
from lkjip_xl.intake import sheetscan as S
from lkjip_xl.intake import sheetxml as X

kind, unit = sys.argv[1], sys.argv[2].encode("latin-1")
run = unit * (2_000_000 // len(unit))
if kind == "sheet":
    info = S.SheetInfo(name="x")
    S.SheetScanner(info, frozenset({1})).scan(b"<worksheet><sheetData><row r='1'>" + run + b"</row></sheetData></worksheet>")
    S.SheetScanner(S.SheetInfo(name="y"), frozenset({1})).scan(b"<worksheet><sheetData>" + run)
elif kind == "cell":
    cell = b"<c r='A1' t='e'>" + run + b"<f>1</f></c>"
    S.SheetScanner(S.SheetInfo(name="x"), frozenset()).scan(b"<worksheet><sheetData><row r='1'>" + cell + b"</row></sheetData></worksheet>")
elif kind == "workbook":
    X._sheet_refs_of(b"<workbook><sheets>" + run + b"</sheets></workbook>", None)
elif kind == "rels":
    X._relationship_targets(b"<Relationships>" + run + b"</Relationships>")
elif kind == "styles":
    X._percent_styles_of(b"<styleSheet><cellXfs>" + run + b"</cellXfs></styleSheet>")
elif kind == "attrs":
    S.parse_attrs(run)
else:
    S.refers_to_other_workbook("=" + run.decode("latin-1"))
print("selesai")
"""


@pytest.mark.parametrize(("kind", "unit"), list(HOSTILE_RUNS.values()), ids=list(HOSTILE_RUNS))
def test_runs_of_unclosed_tags_are_scanned_in_one_pass(kind: str, unit: bytes) -> None:
    """A liveness check, not a timing: quadratic would be half an hour, the limit is generous for slow CI."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    args = [sys.executable, "-c", LINEAR_CHECK, kind, unit.decode("latin-1")]
    done = subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["selesai"], done.stderr[-500:]
