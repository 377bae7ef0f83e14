"""Evaluasi Renja (form E.81) in a quarterly result: column numbers, formulas, cached values, program totals,
footer; and LibreOffice, recalculating every formula on load, gets the same values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from lkjip_xl.example.triwulan import fill_quarter
from lkjip_xl.jobs import MergeResult, make_templates, merge
from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.planning.model import IndikatorKegiatan
from tests.helpers import small_master
from tests.lo import SOFFICE, convert, sheet_values, value_differences

SHEET = "Evaluasi Renja"


def _q(*values: float | None) -> tuple[float | None, ...]:
    return tuple([*values, None, None, None, None][:4])


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> MergeResult:
    """TW I and TW II of small_master with two output indicators of kegiatan P1.01."""
    root = tmp_path_factory.mktemp("renja")
    m = small_master()
    m.indikator_kegiatan = [
        IndikatorKegiatan("P1.01", "Pelatihan terlaksana", "kali", Decimal(4)),
        IndikatorKegiatan("P1.01", "Peserta pelatihan", "orang", Decimal(40)),
    ]
    master = write_master(m, root / "master.xlsx")
    previous = None
    figures = {
        1: ({"I1": _q(50), "I2": _q(3), "I3": _q(40)}, {"P1.01": _q(100), "P1.02": _q(200), "P2.01": _q(100)}),
        2: (
            {"I1": _q(50, 96), "I2": _q(3, 8), "I3": _q(40, 70)},
            {"P1.01": _q(100, 300), "P1.02": _q(200, 0), "P2.01": _q(100, 150)},
        ),
    }
    outputs = {1: {"P1.01/1": _q(1), "P1.01/2": _q(12)}, 2: {"P1.01/1": _q(1, 2), "P1.01/2": _q(12, 15)}}
    texts = {
        "I1": {"Faktor Pendorong": "petugas lengkap"},
        "I3": {"Faktor Penghambat": "lowongan sedikit", "Upaya / Tindak Lanjut": "bursa kerja"},
    }
    result = None
    for n in (1, 2):
        templates, _ = make_templates(master, root / f"t{n}", triwulan=n, sebelumnya=previous)
        inbox = root / f"in{n}"
        for t in templates:
            fill_quarter(t, inbox / t.name, n, figures[n][0], figures[n][1], texts, outputs[n])
        result = merge(master, inbox, root / f"hasil{n}.xlsx", triwulan=n, sebelumnya=previous)
        previous = result.output
    assert result is not None
    return result


def _rows(path: Path) -> dict[str, list[object]]:
    values = sheet_values(path)[SHEET]
    return {str(r[1] or r[3]): r for r in values[6:] if len(r) > 3 and (r[1] or r[3])}


def test_layout_numbers_and_formulas_of_the_form(second: MergeResult) -> None:
    ws = openpyxl.load_workbook(second.output)[SHEET]
    assert [ws.cell(6, c).value for c in (1, 2, 3, 4, 5, 7, 21, 23, 25, 27, 28)] == [
        "1", "2", "3", "4", "5", "6", "13", "14", "15", "16", "17",
    ]  # fmt: skip
    assert [ws.cell(5, c).value for c in (5, 6)] == ["K", "Rp"]
    i3 = next(r for r in range(7, ws.max_row) if ws.cell(r, 2).value == "I3")
    assert ws.cell(i3, 19).value == f'=IF(COUNT(K{i3},M{i3})<2,"",SUM(K{i3},M{i3}))'  # 12 = 8 + 9 (jumlah)
    assert ws.cell(i3, 21).value == f'=IF(OR(I{i3}="",S{i3}="",I{i3}=0),"",S{i3}/I{i3}*100)'  # 13 = 12 / 7 × 100
    assert ws.cell(i3, 23).value == f'=IF(S{i3}="","",IF(G{i3}="",S{i3},G{i3}+S{i3}))'  # 14 = 6 + 12
    i1 = next(r for r in range(7, ws.max_row) if ws.cell(r, 2).value == "I1")
    assert ws.cell(i1, 19).value == f'=IF(COUNT(K{i1},M{i1})<2,"",M{i1})'  # nilai akhir: the last quarter
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9


def test_cached_values_of_indicators_programs_and_footer(second: MergeResult) -> None:
    rows = _rows(second.output)
    i3 = rows["I3"]  # target 200, Renstra 1.000, realisasi 2016 150; TW I 40 + TW II 70
    assert i3[4:8] == [1000, "", 150, ""] and i3[8] == 200 and i3[10:14] == [40, "", 70, ""]
    assert i3[18] == 110 and i3[20] == pytest.approx(55) and i3[22] == 260 and i3[24] == pytest.approx(26)
    assert rows["I1"][18] == 96 and rows["I2"][18] == 8 and rows["I2"][20] == pytest.approx(120)  # (2 − 8/10) × 100
    p1 = rows["P1"]  # program P1 = P1.01 + P1.02: anggaran 3.000; TW I 300, TW II 300
    assert p1[9] == 3000 and p1[11] == 300 and p1[13] == 300 and p1[19] == 600 and p1[21] == pytest.approx(20)
    assert rows["P1.01"][8] == 4 and rows["P1.01"][18] == 3 and rows["Peserta pelatihan"][18] == 27
    values = sheet_values(second.output)[SHEET]
    footer = {r[2]: r for r in values if len(r) > 2 and isinstance(r[2], str) and r[2]}
    capaian = [96, 55, 120, 75, 67.5]  # I1, I3, I2, Pelatihan 3/4, Peserta 27/40
    assert footer["Rata-rata capaian kinerja (%)"][20] == pytest.approx(sum(capaian) / len(capaian))
    assert footer["Predikat kinerja"][20] == "Tinggi"  # 82,7: 76 ≤ c < 91 (Permendagri 86/2017)
    assert footer["Realisasi anggaran (%)"][21] == pytest.approx((600 + 250) / 3500 * 100)
    assert footer["Faktor pendorong"][3] == "I1: petugas lengkap"
    assert footer["Tindak lanjut"][3] == "I3: bursa kerja"


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) tidak terpasang; pasang paket libreoffice-calc")
def test_libreoffice_recalculation_gives_the_cached_values(second: MergeResult, tmp_path: Path) -> None:
    (recalculated,) = convert([second.output], "xlsx", tmp_path / "hitung", tmp_path / "profil", recalc_on_load=True)
    before, after = sheet_values(second.output), sheet_values(recalculated)
    assert value_differences({SHEET: before[SHEET]}, {SHEET: after[SHEET]}) == []
    visible = [n for n in before if not n.startswith("_")]
    assert value_differences({n: before[n] for n in visible}, {n: after[n] for n in visible}) == []


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) tidak terpasang; pasang paket libreoffice-calc")
def test_quarterly_template_filled_and_recalculated_by_libreoffice_checks_clean(tmp_path: Path) -> None:
    """A bidang's quarterly file as Excel/LibreOffice saves it (every formula with its value): realisasi s.d. and
    capaian written by the spreadsheet agree with lkjip-xl's own arithmetic, so no T003/K003/B023."""
    from lkjip_xl.jobs import check

    master = write_master(small_master(), tmp_path / "master.xlsx")
    templates, _ = make_templates(master, tmp_path / "t", triwulan=2)
    filled = tmp_path / "isi"
    kinerja = {"I1": _q(40, 97.5), "I2": _q(3, 8), "I3": _q(40, 70)}
    anggaran = {"P1.01": _q(100, 300), "P1.02": _q(200, 0), "P2.01": _q(100, 150)}
    texts = {
        kode: {"Keterangan": "belum 100 %", "Faktor Penghambat": "petugas kurang", "Upaya / Tindak Lanjut": "pelatihan"}
        for kode in ("I1", "I3")
    }
    paths = [fill_quarter(t, filled / t.name, 2, kinerja, anggaran, texts) for t in templates]
    saved = convert(paths, "xlsx", tmp_path / "simpan", tmp_path / "profil", recalc_on_load=True)
    values = sheet_values(saved[0])["Kinerja"]
    assert values[1][8] == 97.5 and values[1][9] == pytest.approx(97.5)  # I1 s.d. TW II (nilai akhir), capaian
    report = check(saved, master, triwulan=2)
    assert [(f.code, f.location) for f in report.findings] == []
