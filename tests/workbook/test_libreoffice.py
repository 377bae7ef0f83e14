"""Headless LibreOffice: template round trip, recalculation of the finished workbook, A4 printing and charts."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from lkjip_xl import jobs
from lkjip_xl.checks.runner import Report, check_files
from lkjip_xl.consolidate.compare import TRAIL_SHEET
from lkjip_xl.example.build import build_master
from lkjip_xl.numbers import format_id
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.rules import capaian
from lkjip_xl.planning.spec import bidang_spec
from lkjip_xl.planning.templates import write_template, write_templates
from lkjip_xl.workbook.writer import HEADER_ROW, SHEETS
from tests.helpers import state_sheets
from tests.lo import (
    POPPLER,
    SOFFICE,
    convert,
    is_a4_landscape,
    only_sheet,
    page_sizes,
    page_texts,
    render,
    sheet_values,
    value_differences,
)

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) tidak terpasang; pasang paket libreoffice-calc"),
]
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdfinfo, pdftotext, pdftoppm) tidak terpasang")

SPEC = bidang_spec()
KIN = {c.key: i for i, c in enumerate(SPEC.kinerja.columns)}
ANG = {c.key: i for i, c in enumerate(SPEC.anggaran.columns)}
FINISHED_SHEETS = (*SHEETS, "Grafik")
TITLE_REPEATED = frozenset({"Ringkasan", "Grafik", "Narasi"})  # these repeat their title rows; the others their table header
REALISASI_FACTORS = (0.87, 1.0, 1.0731, 0.9543, 0.6021, 1.1234, 0.7777)  # capaian stays within 0..200 %
RUPIAH_FACTORS = (0.9731, 0.8847, 1.0, 0.6512, 0.9999, 0.3333)  # realisasi never above anggaran
CHART_BLUE, TARGET_RED = "#2E75B6", "#C00000"  # capaian/realisasi bars and the 100 % line (charts.py)


def _tokens(text: str) -> set[str]:
    return set(text.split())


# ---- fixtures: one soffice start per batch ------------------------------------------------------------


@pytest.fixture(scope="module")
def master() -> Master:
    return build_master()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("libreoffice")


@dataclasses.dataclass
class Filled:
    """Templates, the same files filled through openpyxl, their LibreOffice round trip, and what was typed."""

    templates: list[Path]
    filled: list[Path]
    saved: list[Path]
    kinerja: dict[str, tuple[float, str]]  # kode → (realisasi, keterangan)
    anggaran: dict[str, tuple[int, str]]  # kegiatan kode → (realisasi, keterangan)
    sdm: dict[int, int]  # SDM sheet Excel row → count typed (the Sekretariat's file)


# what a bidang typed: kinerja, anggaran, SDM counts
Typed = tuple[dict[str, tuple[float, str]], dict[str, tuple[int, str]], dict[int, int]]


def _fill(template: Path, out: Path, master: Master, typed: Typed) -> Path:
    """Type realisasi and keterangan into the yellow cells only, as a bidang would; record them in `typed`."""
    kinerja, anggaran, _ = typed
    targets = {i.kode: i for i in master.indikator}
    budget = {k.kegiatan_kode: k.anggaran or 0 for k in master.kegiatan}
    wb = openpyxl.load_workbook(template)
    ws = wb[SPEC.kinerja.name]
    for n, r in enumerate(range(2, ws.max_row + 1)):
        ind = targets[ws.cell(r, KIN["kode"] + 1).value]
        value = float(ind.target or 0) * REALISASI_FACTORS[n % len(REALISASI_FACTORS)]
        value = round(value, 2) if ind.is_percent else float(round(value))
        note = f"Realisasi {ind.kode} – sesuai laporan bidang (≥ 0)"
        ws.cell(r, KIN["realisasi"] + 1).value = value
        ws.cell(r, KIN["keterangan"] + 1).value = note
        ws.cell(r, KIN["faktor_penghambat"] + 1).value = f"Hambatan {ind.kode}"
        ws.cell(r, KIN["upaya"] + 1).value = f"Upaya {ind.kode}"
        kinerja[ind.kode] = (value, note)
    ws = wb[SPEC.anggaran.name]
    for n, r in enumerate(range(2, ws.max_row + 1)):
        kode = ws.cell(r, ANG["kode"] + 1).value
        if kode not in budget:
            continue  # a program row: its total is a formula
        rupiah = int(budget[kode] * RUPIAH_FACTORS[n % len(RUPIAH_FACTORS)])
        note = f"Kegiatan {kode}: selesai"
        ws.cell(r, ANG["realisasi"] + 1).value = rupiah
        ws.cell(r, ANG["keterangan"] + 1).value = note
        anggaran[kode] = (rupiah, note)
    if SPEC.sdm.name in wb.sheetnames:
        _fill_sdm(wb[SPEC.sdm.name], typed[2])
    wb.save(out)
    return out


def _fill_sdm(ws: Any, sdm: dict[int, int]) -> None:
    """Counts 0, 1, 2, … per breakdown, its last row making up 24, and Jumlah 24: the three count the same people."""
    groups: dict[str, list[int]] = {}
    for r in range(2, ws.max_row + 1):
        groups.setdefault(ws.cell(r, 1).value, []).append(r)
    for rows in groups.values():
        counts = [n % 3 for n in range(len(rows) - 2)]
        counts += [24 - sum(counts), 24]  # the last uraian, then the Jumlah row
        for r, n in zip(rows, counts, strict=True):
            ws.cell(r, 3).value = n
            sdm[r] = n


@pytest.fixture(scope="module")
def filled(work: Path, master: Master) -> Filled:
    """Every bidang template filled with correct figures, then opened and saved (xlsx → xlsx) by LibreOffice."""
    templates = write_templates(master, work / "template")
    (work / "isian").mkdir()
    typed: Typed = ({}, {}, {})
    paths = [_fill(t, work / "isian" / t.name, master, typed) for t in templates]
    saved = convert(paths, "xlsx", work / "isian-lo", work / "profil-isian")
    return Filled(templates, paths, saved, *typed)


@pytest.fixture(scope="module")
def roundtrip_report(filled: Filled, master: Master) -> Report:
    return check_files(filled.saved, master, whole_set=True)


@pytest.fixture(scope="module")
def demo(work: Path) -> jobs.MergeResult:
    return jobs.demo(work / "demo")


@pytest.fixture(scope="module")
def partial(work: Path, demo: jobs.MergeResult) -> Path:
    """The demo merged without the Sekretariat's file: its programs have no realisasi (blank cached formulas)."""
    inbox = work / "tanpa-sekre"
    inbox.mkdir()
    for f in (work / "demo" / "kotak_masuk").iterdir():
        if "_SEKRE_" not in f.name:
            (inbox / f.name).write_bytes(f.read_bytes())
    return jobs.merge(work / "demo" / "master_lkjip_2017.xlsx", inbox, work / "tanpa_sekre.xlsx").output


@pytest.fixture(scope="module")
def probe(work: Path) -> Path:
    """Formulas whose cached values are deliberately wrong: recalculation on load must replace them."""
    path = work / "probe.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Uji")
    ws.write_number(0, 0, 2)
    ws.write_formula(0, 1, "=A1*21", None, 999)
    ws.write_formula(1, 1, '=IF(A1=2,"dua","lain")', None, "salah")
    wb.close()
    return path


@pytest.fixture(scope="module")
def recalculated(work: Path, demo: jobs.MergeResult, partial: Path, probe: Path) -> dict[str, Path]:
    """The finished workbooks and the probe, recalculated on load (forced in a fresh profile) and saved as xlsx."""
    sources = [demo.output, partial, probe]
    out = convert(sources, "xlsx", work / "hitung-ulang", work / "profil-hitung", recalc_on_load=True)
    return {src.name: dst for src, dst in zip(sources, out, strict=True)}


def _big_master(master: Master, copies: int = 8) -> Master:
    """One bidang owning every indicator and kegiatan `copies` times: template sheets several pages long."""
    owner = master.bidang[0].kode
    indikator = [dataclasses.replace(i, kode=f"{i.kode}-{n}", bidang=owner) for n in range(copies) for i in master.indikator]
    kegiatan = [
        dataclasses.replace(k, program_kode=f"{k.program_kode}-{n}", kegiatan_kode=f"{k.kegiatan_kode}-{n}", bidang=owner)
        for n in range(copies)
        for k in master.kegiatan
    ]
    return dataclasses.replace(master, indikator=indikator, kegiatan=kegiatan)


@pytest.fixture(scope="module")
def printed(work: Path, master: Master, demo: jobs.MergeResult) -> dict[str, Path]:
    """PDFs from one soffice start: the whole finished workbook, each of its sheets alone, and template sheets.

    Keys: 'gabungan', 'gabungan/<sheet>', 'template/<sheet>' (a bidang's template), 'besar/<sheet>' (a long template).
    """
    variants = work / "cetak"
    variants.mkdir()
    template = next(p for p in (work / "demo" / "template").iterdir() if "_SEKRE_" in p.name)
    big = write_template(_big_master(master), master.bidang[0], variants / "besar.xlsx")
    sources: dict[str, Path] = {"gabungan": demo.output}
    for i, sheet in enumerate(FINISHED_SHEETS):
        sources[f"gabungan/{sheet}"] = only_sheet(demo.output, variants / f"gabungan-{i}.xlsx", sheet)
    for i, sheet in enumerate((SPEC.instructions_sheet, SPEC.kinerja.name, SPEC.anggaran.name)):
        sources[f"template/{sheet}"] = only_sheet(template, variants / f"template-{i}.xlsx", sheet)
    for i, sheet in enumerate((SPEC.kinerja.name, SPEC.anggaran.name)):
        sources[f"besar/{sheet}"] = only_sheet(big, variants / f"besar-{i}.xlsx", sheet)
    pdfs = convert(list(sources.values()), "pdf", work / "pdf", work / "profil-pdf")
    return dict(zip(sources, pdfs, strict=True))


# ---- template round trip -----------------------------------------------------------------------------


def test_filled_templates_saved_by_libreoffice_have_no_findings(roundtrip_report: Report, filled: Filled) -> None:
    assert len(roundtrip_report.files) == len(filled.templates)
    assert roundtrip_report.findings == []
    assert all(f.merged and f.rows_rejected == 0 for f in roundtrip_report.files)


def test_values_typed_into_the_template_are_read_back_exactly(roundtrip_report: Report, filled: Filled) -> None:
    kin = {r["kode"]: r for r in roundtrip_report.kinerja.iter_rows(named=True)}
    assert {k: (kin[k]["realisasi"], kin[k]["keterangan"]) for k in filled.kinerja} == filled.kinerja
    ang = {r["kode"]: r for r in roundtrip_report.anggaran.iter_rows(named=True)}
    assert {k: (ang[k]["realisasi"], ang[k]["keterangan"]) for k in filled.anggaran} == filled.anggaran
    assert set(kin) == set(filled.kinerja)
    assert all((kin[k]["faktor_penghambat"], kin[k]["upaya"]) == (f"Hambatan {k}", f"Upaya {k}") for k in kin)
    assert roundtrip_report.sdm is not None and filled.sdm
    assert {e.row: e.jumlah for e in roundtrip_report.sdm.entries} == filled.sdm


def test_percentages_libreoffice_wrote_equal_those_lkjip_xl_computes(roundtrip_report: Report) -> None:
    kinerja = roundtrip_report.kinerja.select("kode", "capaian", "capaian_hitung").rows()
    anggaran = roundtrip_report.anggaran.select("kode", "persen", "persen_hitung").rows()
    assert kinerja and anggaran
    for kode, written, computed in [*kinerja, *anggaran]:
        assert written is not None and computed is not None, kode
        assert written == pytest.approx(computed, rel=1e-9), kode


def test_libreoffice_computes_capaian_as_lkjip_xl_does(filled: Filled, master: Master) -> None:
    ind = {i.kode: i for i in master.indikator}
    checked = 0
    for before, after in zip(filled.filled, filled.saved, strict=True):
        typed = sheet_values(before)[SPEC.kinerja.name]
        rows = sheet_values(after)[SPEC.kinerja.name]
        for old, row in zip(typed[1:], rows[1:], strict=True):
            i = ind[row[KIN["kode"]]]
            assert old[KIN["capaian"]] == ""  # openpyxl leaves no cached value: LibreOffice computed what follows
            expected = capaian(float(i.target or 0), row[KIN["realisasi"]], i.polaritas, master.settings.rumus_negatif)
            assert expected is not None
            assert row[KIN["capaian"]] == pytest.approx(expected, rel=1e-9), i.kode
            checked += 1
    assert checked == len(master.indikator)


def test_libreoffice_computes_realisasi_percent_and_program_totals_as_lkjip_xl_does(filled: Filled, master: Master) -> None:
    kegiatan = {k.kegiatan_kode: k for k in master.kegiatan}
    programs = {p.kode: p for p in master.programs()}
    seen: set[str] = set()
    for path in filled.saved:
        for row in sheet_values(path)[SPEC.anggaran.name][1:]:
            kode = row[ANG["kode"]]
            if kode in programs:
                members = [k.kegiatan_kode for k in programs[kode].kegiatan]
                anggaran = programs[kode].anggaran
                realisasi = sum(filled.anggaran[k][0] for k in members)
                assert row[ANG["anggaran"]] == anggaran, kode
                assert row[ANG["realisasi"]] == realisasi, kode
            else:
                anggaran, realisasi = kegiatan[kode].anggaran or 0, filled.anggaran[kode][0]
            assert row[ANG["persen"]] == pytest.approx(realisasi / anggaran * 100, rel=1e-9), kode
            seen.add(kode)
    assert seen == set(kegiatan) | set(programs)


def test_libreoffice_keeps_meta_hidden_and_sheets_and_cells_protected(filled: Filled) -> None:
    for template, saved in zip(filled.templates, filled.saved, strict=True):
        before, after = openpyxl.load_workbook(template), openpyxl.load_workbook(saved)
        assert after.sheetnames == before.sheetnames
        assert after[SPEC.metadata_sheet].sheet_state == "hidden"
        for name in before.sheetnames:
            old, new = before[name].protection, after[name].protection
            assert new.sheet is True, name
            allowed = ("formatColumns", "formatRows", "autoFilter", "insertRows", "deleteRows", "sort")
            assert {a: getattr(new, a) for a in allowed} == {a: getattr(old, a) for a in allowed}, name
        for name in (SPEC.kinerja.name, SPEC.anggaran.name):
            locks_before = {c.coordinate: c.protection.locked for row in before[name].iter_rows() for c in row}
            locks_after = {c.coordinate: c.protection.locked for row in after[name].iter_rows() for c in row}
            assert {k: locks_after.get(k) for k in locks_before} == locks_before, name
        kinerja = after[SPEC.kinerja.name]
        if kinerja.max_row > 1:  # a bidang may own no indicator (UPT BLK)
            assert kinerja.cell(2, KIN["realisasi"] + 1).protection.locked is False
            assert kinerja.cell(2, KIN["target"] + 1).protection.locked is True


def _validations(ws: Any) -> set[tuple[str, str, str, str]]:
    """(type, operator, formula1, cell) for every cell a data validation covers."""
    out: set[tuple[str, str, str, str]] = set()
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col):
                out.update((dv.type, dv.operator, str(dv.formula1), c.coordinate) for c in row)
    return out


def test_libreoffice_keeps_data_validation_of_the_input_cells(filled: Filled) -> None:
    covered = 0
    for template, saved in zip(filled.templates, filled.saved, strict=True):
        before, after = openpyxl.load_workbook(template), openpyxl.load_workbook(saved)
        for name in (SPEC.kinerja.name, SPEC.anggaran.name):
            rules = _validations(before[name])
            assert _validations(after[name]) == rules, name
            assert {(t, op, f) for t, op, f, _ in rules} <= {("decimal", "greaterThanOrEqual", "0")}
            covered += len(rules)
    assert covered == len(filled.kinerja) + len(filled.anggaran)  # every realisasi cell, and only those


def test_libreoffice_keeps_every_formula_and_the_print_setup(filled: Filled) -> None:
    count = 0
    for template, saved in zip(filled.templates, filled.saved, strict=True):
        before, after = openpyxl.load_workbook(template), openpyxl.load_workbook(saved)
        for name in (SPEC.kinerja.name, SPEC.anggaran.name):
            formulas = {c.coordinate: c.value for row in before[name].iter_rows() for c in row if c.data_type == "f"}
            assert {k: after[name][k].value for k in formulas} == formulas, name
            count += len(formulas)
            setup = after[name].page_setup
            assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
            assert after[name].print_title_rows == "$1:$1"
    assert count > 0


# ---- recalculation of the finished workbook ----------------------------------------------------------


def test_forced_recalculation_on_load_replaces_wrong_cached_values(recalculated: dict[str, Path], probe: Path) -> None:
    assert sheet_values(probe)["Uji"] == [[2.0, 999.0], ["", "salah"]]
    assert sheet_values(recalculated[probe.name])["Uji"] == [[2.0, 42.0], ["", "dua"]]


def _formula_cells(path: Path) -> int:
    wb = openpyxl.load_workbook(path)
    return sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f")


def test_finished_workbook_recalculated_by_libreoffice_equals_cached_values(
    demo: jobs.MergeResult, recalculated: dict[str, Path]
) -> None:
    assert _formula_cells(demo.output) > 0
    before, after = sheet_values(demo.output), sheet_values(recalculated[demo.output.name])
    # the trail and the state init --dari reads are hidden, never printed
    assert list(after) == list(before) == [*FINISHED_SHEETS, TRAIL_SHEET, *state_sheets()]
    assert value_differences(before, after) == []


def test_a_result_saved_by_libreoffice_still_gives_next_years_master_and_its_trail(
    demo: jobs.MergeResult, recalculated: dict[str, Path], tmp_path: Path
) -> None:
    """The packed state and trail (long text cells) survive a save: init --dari and --sebelumnya read them."""
    from lkjip_xl.consolidate.compare import read_trail

    saved = recalculated[demo.output.name]
    from_saved, findings = jobs.init_from_result(tmp_path / "dari_simpanan", saved)
    from_original, _ = jobs.init_from_result(tmp_path / "dari_asli", demo.output)
    assert findings == []
    assert from_saved.read_bytes() == from_original.read_bytes()
    assert read_trail(saved) == read_trail(demo.output)


def test_blank_program_totals_stay_blank_after_recalculation(partial: Path, recalculated: dict[str, Path]) -> None:
    before, after = sheet_values(partial), sheet_values(recalculated[partial.name])
    ws = openpyxl.load_workbook(partial)["Realisasi Anggaran"]
    blank_formulas = [
        c.coordinate
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f" and before["Realisasi Anggaran"][c.row - 1][c.column - 1] == ""
    ]
    assert blank_formulas  # the case under test exists: formulas whose cached value is blank
    assert value_differences(before, after) == []


# ---- printing: finished workbook ---------------------------------------------------------------------


@needs_poppler
def test_every_page_of_the_finished_workbook_is_a4_landscape(printed: dict[str, Path]) -> None:
    sizes = page_sizes(printed["gabungan"])
    assert all(is_a4_landscape(s) for s in sizes), sizes
    per_sheet = sum(len(page_sizes(printed[f"gabungan/{s}"])) for s in FINISHED_SHEETS)
    assert len(sizes) == per_sheet  # the single-sheet PDFs are the whole workbook, sheet by sheet


def _repeated_labels(values: list[list[Any]], sheet: str) -> set[str]:
    """Words of the rows each printed page repeats: the title for Ringkasan/Grafik, else the table header."""
    row = values[0][:1] if sheet in TITLE_REPEATED else values[HEADER_ROW]
    return {w for v in row if v for w in str(v).split()}


@needs_poppler
def test_each_page_of_each_sheet_shows_its_header_and_its_first_column(printed: dict[str, Path], demo: jobs.MergeResult) -> None:
    """Header rows repeat on every page, and no page starts right of column A (fitted to the page width)."""
    values = sheet_values(demo.output)
    pages = {}
    for sheet in FINISHED_SHEETS:
        texts = page_texts(printed[f"gabungan/{sheet}"])
        assert all(is_a4_landscape(s) for s in page_sizes(printed[f"gabungan/{sheet}"])), sheet
        labels = _repeated_labels(values[sheet], sheet)
        for n, text in enumerate(texts, start=1):
            assert labels <= _tokens(text), (sheet, n, labels - _tokens(text))
        pages[sheet] = len(texts)
    assert pages["Realisasi Anggaran"] >= 2 and pages["Temuan"] >= 2, pages  # page 2 exists and was checked
    assert pages["Grafik"] == 1


@needs_poppler
def test_realisasi_anggaran_prints_rupiah_in_indonesian_format(printed: dict[str, Path], master: Master) -> None:
    total = sum(k.anggaran or 0 for k in master.kegiatan)
    text = " ".join(page_texts(printed["gabungan/Realisasi Anggaran"]))
    assert format_id(total) == "8.516.086.000"
    assert "8.516.086.000" in _tokens(text)
    assert not re.search(r"\d,\d{3},\d{3}", text)  # never 8,516,086,000
    assert re.search(r"\b\d{1,3},\d{2}\b", text)  # percentages with a decimal comma: 97,01


def _chart_titles(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        charts = sorted(n for n in zf.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        titles = []
        for name in charts:
            xml = zf.read(name).decode("utf-8")
            m = re.search(r"<c:title>.*?</c:title>", xml, re.S)
            assert m, name
            titles.append("".join(re.findall(r"<a:t>([^<]*)</a:t>", m.group(0))))
    return titles


@needs_poppler
def test_grafik_page_draws_both_native_charts(printed: dict[str, Path], demo: jobs.MergeResult) -> None:
    titles = _chart_titles(demo.output)
    assert len(titles) == 2
    text = page_texts(printed["gabungan/Grafik"])[0]
    assert all(t in text for t in titles), titles
    page = render(printed["gabungan/Grafik"], 1, dpi=50)
    assert page.count_near(CHART_BLUE) > 1500  # columns of capaian and of realisasi
    assert page.count_near(TARGET_RED) > 50  # the dashed 100 % line
    table = render(printed["gabungan/Sumber"], 1, dpi=50)
    assert table.count_near(CHART_BLUE) == table.count_near(TARGET_RED) == 0  # a sheet without charts has neither


# ---- printing: templates -----------------------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize("sheet", [SPEC.kinerja.name, SPEC.anggaran.name])
def test_long_template_sheet_prints_a4_landscape_with_its_header_on_every_page(printed: dict[str, Path], sheet: str) -> None:
    pdf = printed[f"besar/{sheet}"]
    sizes, texts = page_sizes(pdf), page_texts(pdf)
    assert len(texts) >= 2
    assert all(is_a4_landscape(s) for s in sizes), sizes
    spec = SPEC.kinerja if sheet == SPEC.kinerja.name else SPEC.anggaran
    labels = {w for c in spec.columns for w in c.label.split()}
    for n, text in enumerate(texts, start=1):
        assert labels <= _tokens(text), (n, labels - _tokens(text))


@needs_poppler
def test_bidang_template_prints_kinerja_and_anggaran_on_a4_landscape(printed: dict[str, Path], master: Master) -> None:
    for sheet in (SPEC.kinerja.name, SPEC.anggaran.name):
        assert all(is_a4_landscape(s) for s in page_sizes(printed[f"template/{sheet}"])), sheet
    first_program = master.programs(master.bidang[0].kode)[0]
    text = " ".join(page_texts(printed[f"template/{SPEC.anggaran.name}"]))
    assert format_id(first_program.anggaran) in _tokens(text)


@needs_poppler
def test_template_petunjuk_prints_one_page_wide_on_a4_landscape(printed: dict[str, Path]) -> None:
    pdf = printed[f"template/{SPEC.instructions_sheet}"]
    assert all(is_a4_landscape(s) for s in page_sizes(pdf))
    assert len(page_texts(pdf)) == 1
