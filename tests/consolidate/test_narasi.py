"""Bab III's text: every count, sum and percentage in it equals the table cell it describes; counts follow
the numeral-and-words convention; the bidang's faktor columns reach the text under their sasaran."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from num2words import num2words
from python_calamine import CalamineWorkbook

from lkjip_xl.consolidate.narasi import terbilang
from lkjip_xl.jobs import MergeResult, demo
from lkjip_xl.workbook.writer import write_workbook
from tests.helpers import GOOD_B1_ANGGARAN, GOOD_B1_KINERJA, run, small_master, write_bidang

COUNT = r"([\d.]+) \(([a-z ]+)\)"


def _n(text: str) -> int:
    return int(text.replace(".", ""))


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> MergeResult:
    return demo(tmp_path_factory.mktemp("narasi") / "demo")


@pytest.fixture(scope="module")
def sheets(result: MergeResult) -> dict[str, list[list[Any]]]:
    wb = CalamineWorkbook.from_path(str(result.output))  # cached values, as a reader that does not recalculate sees
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


@pytest.fixture(scope="module")
def text(sheets: dict[str, list[list[Any]]]) -> str:
    return "\n".join(str(r[0]) for r in sheets["Narasi"] if r and r[0])


def _label(rows: list[list[Any]], label: str, col: int) -> Any:
    return next(r[col] for r in rows if r and r[0] == label)


def test_terbilang_is_a_numeral_with_its_words_in_brackets() -> None:
    assert terbilang(13, "program") == "13 (tiga belas) program"
    assert terbilang(46, "kegiatan") == "46 (empat puluh enam) kegiatan"
    assert terbilang(1749) == "1.749 (seribu tujuh ratus empat puluh sembilan)"
    assert terbilang(0, "indikator") == "0 (nol) indikator"


def test_every_count_in_the_text_has_the_words_of_its_numeral(text: str) -> None:
    pairs = re.findall(COUNT, text)
    assert len(pairs) > 20
    assert all(words == num2words(_n(num), lang="id") for num, words in pairs)


def test_program_kegiatan_and_totals_equal_the_realisasi_anggaran_table(text: str, sheets: dict[str, Any]) -> None:
    m = re.search(
        COUNT
        + r" program dan "
        + COUNT
        + r" kegiatan .*? sebesar Rp ([\d.]+) dan realisasi sebesar Rp ([\d.]+) atau ([\d.,]+) %",
        text,
    )
    assert m
    programs, kegiatan, anggaran, realisasi, persen = _n(m[1]), _n(m[3]), _n(m[5]), _n(m[6]), _dec(m[7])
    ringkasan = sheets["Ringkasan"]
    assert (programs, kegiatan) == (_label(ringkasan, "Jumlah program", 1), _label(ringkasan, "Jumlah kegiatan", 1))
    table = sheets["Realisasi Anggaran"]
    total = next(r for r in table if len(r) > 1 and r[1] == "JUMLAH")
    assert (anggaran, realisasi) == (total[3], total[4])
    assert persen == round(Decimal(repr(total[5])), 2)
    rows = [r for r in table[4:] if r and r[0] and r[1] != "JUMLAH"]
    assert programs == sum(1 for r in rows if r[0].count(".") == 2) and kegiatan == len(rows) - programs


def test_category_counts_mean_and_not_computable_equal_the_summary(text: str, sheets: dict[str, Any]) -> None:
    ringkasan = sheets["Ringkasan"]
    categories = {
        name: _n(num) for num, _w, name in re.findall(COUNT + r" indikator berkategori ([A-Z][a-z]+(?: [A-Z][a-z]+)?)", text)
    }
    assert categories == {r[0]: r[2] for r in ringkasan if r and r[0] in categories} and sum(categories.values()) == 11
    assert all(
        _label(ringkasan, name, 2) == 0
        for name in ("Memuaskan", "Sangat Baik", "Baik", "Cukup", "Kurang")
        if name not in categories
    )
    computed = re.search(r"Capaian " + COUNT + r" indikator dapat dihitung", text)
    missing = re.search(r"Capaian " + COUNT + r" indikator tidak dapat dihitung: (.*?)\.\n", text)
    assert computed and missing
    assert _n(missing[1]) == _label(ringkasan, "Capaian tidak dapat dihitung", 2) == 2
    assert _n(computed[1]) + _n(missing[1]) == _label(ringkasan, "Jumlah indikator", 2)
    assert "IK09" in missing[3] and "realisasi tidak dilaporkan" in missing[3]
    mean = re.search(r"secara keseluruhan sebesar ([\d.,]+) % \((.+?)\), yaitu rata-rata capaian " + COUNT, text)
    assert mean and _dec(mean[1]) == Decimal(repr(_label(ringkasan, "Rata-rata capaian (%)", 1)))
    assert _n(mean[3]) == _n(computed[1])


def test_sasaran_and_indicator_counts_equal_the_capaian_table(text: str, sheets: dict[str, Any]) -> None:
    m = re.search(COUNT + r" sasaran strategis dengan " + COUNT + r" indikator kinerja", text)
    assert m
    rows = [r for r in sheets["Capaian Kinerja"][4:] if len(r) > 2 and r[2]]
    assert _n(m[1]) == max(int(r[0]) for r in rows if r[0] != "") and _n(m[3]) == len(rows)


def test_year_on_year_counts_equal_the_comparison_table(text: str, sheets: dict[str, Any]) -> None:
    line = next(t for t in text.splitlines() if t.startswith("Dibandingkan tahun 2016"))
    said = {k: _n(num) for num, _w, k in re.findall(COUNT + r" indikator (naik|tetap|turun|tidak dapat dibandingkan)", line)}
    column = [r[5] for r in sheets["Perbandingan Capaian"][4:] if len(r) > 5 and r[5]]
    assert said == {k: column.count(k) for k in set(column)} and sum(said.values()) == 13


def test_renstra_counts_equal_the_renstra_table(text: str, sheets: dict[str, Any]) -> None:
    m = re.search(r"Renstra, " + COUNT + r" indikator dapat dibandingkan: " + COUNT + r" indikator telah mencapai", text)
    assert m
    values = [r[5] for r in sheets["Capaian Renstra"][4:] if len(r) > 5 and isinstance(r[5], float)]
    assert _n(m[1]) == len(values) and _n(m[3]) == sum(1 for v in values if v >= 100)


def test_efficiency_sentences_equal_the_efisiensi_table(text: str, sheets: dict[str, Any]) -> None:
    said = re.findall(
        r"Sasaran (\d+): capaian kinerja ([\d.,]+) %, serapan anggaran ([\d.,]+) %: (efisien|kurang efisien)\.", text
    )
    table = {int(r[0]): r for r in sheets["Efisiensi"][4:] if r and isinstance(r[0], float)}
    assert len(said) == 4 and len(table) == 5
    for no, capaian, serapan, verdict in said:
        row = table[int(no)]
        assert (_dec(capaian), _dec(serapan), verdict) == (Decimal(repr(row[3])), Decimal(repr(row[7])), row[9])
    assert table[4][9] == "tidak dapat dinilai"  # no indicator of sasaran 4 was reported


def test_efficiency_rule_on_the_example(sheets: dict[str, Any]) -> None:
    rows = [r for r in sheets["Efisiensi"][4:] if r and isinstance(r[0], float)]
    for r in rows:
        if isinstance(r[3], float) and isinstance(r[7], float):
            assert r[9] == ("efisien" if r[3] >= r[7] else "kurang efisien")
            assert r[7] == pytest.approx(round(r[6] / r[5] * 100, 2), abs=0.005)


def test_faktor_columns_reach_the_text_under_their_sasaran_and_silence_K020(tmp_path: Path) -> None:
    rows = [list(r) for r in GOOD_B1_KINERJA]
    rows[0][8:11] = ["=SUM(A1)", "Petugas kurang", "Rekrut 2 petugas"]  # a formula-looking text stays text
    report = run(tmp_path, write_bidang(tmp_path / "b1.xlsx", rows, GOOD_B1_ANGGARAN))
    assert [f.code for f in report.findings if f.code == "K020"] == []
    bare = [list(r) for r in GOOD_B1_KINERJA]
    bare[0][8:11] = ["", "", ""]
    silent = run(tmp_path, write_bidang(tmp_path / "b1b.xlsx", bare, GOOD_B1_ANGGARAN))
    assert [(f.code, f.location) for f in silent.findings if f.code == "K020"] == [("K020", "Kinerja!J2")]

    from lkjip_xl.consolidate.tables import consolidate

    path = write_workbook(consolidate(report), tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(path)["Narasi"]
    lines = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    at = next(i for i, t in enumerate(lines) if t and t.startswith("Sasaran 1: Sasaran A."))
    assert (
        lines[at + 1]
        == "I1 Cakupan layanan: faktor pendorong: =SUM(A1); faktor penghambat: Petugas kurang; upaya / tindak lanjut: Rekrut 2 petugas."
    )
    assert ws.cell(at + 2, 1).data_type == "s"
    assert small_master().indikator[0].kode == "I1"


def test_template_kinerja_has_the_three_faktor_input_columns(tmp_path: Path) -> None:
    from lkjip_xl.planning.templates import write_templates

    path = write_templates(small_master(), tmp_path)[0]
    ws = openpyxl.load_workbook(path)["Kinerja"]
    header = [c.value for c in ws[1]]
    assert header[-4:] == ["Keterangan", "Faktor Pendorong", "Faktor Penghambat", "Upaya / Tindak Lanjut"]
    assert all(not ws.cell(2, c).protection.locked for c in range(len(header) - 3, len(header) + 1))
    assert ws.cell(2, 5).protection.locked  # Target stays planning data
