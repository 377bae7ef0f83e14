"""The reference report's published figures, filled into the example templates: every inconsistency found
at its cell, and every capaian the report computed correctly comes out identical."""

from __future__ import annotations

import pytest

from lkjip_xl.checks.runner import Report, check_files
from lkjip_xl.example.build import build_master, fill_with_published, published_kinerja
from lkjip_xl.numbers import format_id, parse_text
from lkjip_xl.resources import data_dir


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    inbox = tmp_path_factory.mktemp("inbox")
    files = [fill_with_published(t, inbox / t.name) for t in sorted(data_dir("templates_xlsx").glob("*.xlsx"))]
    return check_files(files, build_master(), whole_set=True)


def _located(report: Report, code: str) -> set[tuple[str, str, str]]:
    return {(f.bidang, f.location, f.kode) for f in report.findings if f.code == code}


def test_program_totals_that_are_not_the_sum_of_their_kegiatan(report: Report) -> None:
    assert _located(report, "A004") == {
        ("SEKRE", "Anggaran!E2", "2.07.01"),  # 433.884.867 printed, kegiatan sum 433.587.760
        ("BLK", "Anggaran!E2", "2.07.15"),  # 2,125,022,615 printed, kegiatan sum 2.304.722.445
        ("IND", "Anggaran!D2", "3.31.16"),  # 643,240,000 printed for two kegiatan worth 345.800.000
        ("IND", "Anggaran!E2", "3.31.16"),
        ("IND", "Anggaran!E9", "3.31.19"),  # 1.083.789.941 printed, kegiatan sum 1.083.789.320
    }


def test_percentages_that_do_not_match_their_own_numbers(report: Report) -> None:
    assert _located(report, "A003") == {
        ("SEKRE", "Anggaran!F4", "2.07.01.02"),  # 93,89 printed, 81.103.050 / 86.700.000 = 93,54
        ("SEKRE", "Anggaran!F21", "2.07.06"),  # 97,72 printed, 26.707.890 / 27.500.000 = 97,12
        ("IND", "Anggaran!F11", "3.31.19.02"),  # 87,84 printed, 87,74 computed
        # program percentages, checked against their kegiatan and the DPA (never against the program's own total)
        ("SEKRE", "Anggaran!F2", "2.07.01"),  # 97,08 printed, kegiatan 97,01
        ("BLK", "Anggaran!F2", "2.07.15"),  # 87.37% printed, kegiatan 94,75
        ("IND", "Anggaran!F2", "3.31.16"),  # 97,43 printed, kegiatan 98,18
    }


def test_target_differing_between_two_tables_of_the_report(report: Report) -> None:
    # Perjanjian Kinerja: 25 KK; capaian table: 5 KK (and a capaian of 60 % computed against it)
    assert _located(report, "K002") == {("PTKT", "Kinerja!E3", "IK08")}
    assert _located(report, "K003") == {("PTKT", "Kinerja!G3", "IK08")}


def test_indicators_of_the_agreement_that_the_report_never_reports(report: Report) -> None:
    assert _located(report, "K001") == {("IND", "Kinerja!F2", "IK09"), ("IND", "Kinerja!F3", "IK10")}


def test_english_style_sections_are_read_and_warned(report: Report) -> None:
    text_cells = [f for f in report.findings if f.code == "N001" and f.bidang == "BLK"]
    assert len(text_cells) == 27  # 9 rows × anggaran, realisasi, persen printed as 2,432,341,000 / 87.37%
    assert _located(report, "N004") == {("SEKRE", "Kinerja!F2", "IK01")}  # 116,52% typed as Excel percent


def test_capaian_the_report_computed_correctly_comes_out_identical(report: Report) -> None:
    computed = {
        r["kode"]: format_id(r["capaian_hitung"], 2)
        for r in report.kinerja.iter_rows(named=True)
        if r["capaian_hitung"] is not None
    }
    published = {k: format_id(parse_text(c), 2) for k, (_t, _r, c) in published_kinerja().items()}
    wrong = {"IK08"}  # 60 % printed; 3 of the agreed 25 KK is 12 %
    assert {k: computed[k] for k in published if k not in wrong} == {k: v for k, v in published.items() if k not in wrong}
    assert computed["IK12"] == "107,01" and computed["IK13"] == "76,60" and computed["IK08"] == "12,00"


def test_every_row_read_is_merged_or_named_in_a_finding(report: Report) -> None:
    for f in report.files:
        assert f.rows_read == f.rows_merged + f.rows_rejected
    assert sum(f.rows_read for f in report.files) == 13 + 13 + 46  # 13 indicators, 13 programs, 46 kegiatan
