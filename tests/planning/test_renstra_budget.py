"""Master sheet Anggaran, optional Renstra budget columns (E.81 columns 5 and 6 Rp): round trip as int, a negative
value is M017 at its cell, and a master without them is written and read exactly as before."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl

from lkjip_xl.intake.master import read_master
from lkjip_xl.planning.master_writer import master_rows, write_master
from lkjip_xl.planning.model import Master
from tests.helpers import small_master

PAGU, LALU = "Pagu Renstra (Rp)", "Realisasi Renstra s.d. Tahun Lalu (Rp)"


def _with_renstra(values: dict[str, tuple[int | None, int | None]]) -> Master:
    m = small_master()
    m.kegiatan = [
        replace(k, pagu_renstra=values[k.kegiatan_kode][0], realisasi_renstra_lalu=values[k.kegiatan_kode][1])
        if k.kegiatan_kode in values
        else k
        for k in m.kegiatan
    ]
    return m


def test_renstra_columns_round_trip_as_whole_rupiah(tmp_path: Path) -> None:
    master = _with_renstra({"P1.01": (12_500_000_000, 3_750_000_000), "P2.01": (0, None)})
    path = write_master(master, tmp_path / "m.xlsx")
    header = [c.value for c in openpyxl.load_workbook(path)["Anggaran"][1]]
    assert header[8:10] == [PAGU, LALU]
    back, findings = read_master(path)
    assert findings == []
    assert [(k.pagu_renstra, k.realisasi_renstra_lalu) for k in back.kegiatan] == [
        (12_500_000_000, 3_750_000_000),
        (None, None),
        (0, None),
    ]
    assert all(type(k.pagu_renstra) is int for k in back.kegiatan if k.pagu_renstra is not None)
    assert type(back.kegiatan[0].realisasi_renstra_lalu) is int


def test_a_negative_renstra_figure_is_M017_at_its_cell(tmp_path: Path) -> None:
    master = _with_renstra({"P1.01": (-1, 5), "P1.02": (10, -2)})
    _, findings = read_master(write_master(master, tmp_path / "m.xlsx"))
    assert sorted((f.code, f.location) for f in findings) == [("M017", "Anggaran!I2"), ("M017", "Anggaran!J3")]


def test_master_without_the_columns_is_written_and_read_as_before(tmp_path: Path) -> None:
    path = write_master(small_master(), tmp_path / "m.xlsx")
    ws = openpyxl.load_workbook(path)["Anggaran"]
    assert ws.max_column == 8 and PAGU not in [c.value for c in ws[1]]  # no new column in an old master's copy
    assert len(master_rows(small_master())["Anggaran"][0]) == 8  # nor in the hidden copy inside results
    back, findings = read_master(path)
    assert findings == [] and all(k.pagu_renstra is None and k.realisasi_renstra_lalu is None for k in back.kegiatan)
    assert back.kegiatan == [replace(k, row=b.row) for k, b in zip(small_master().kegiatan, back.kegiatan, strict=True)]


def test_blank_master_offers_the_columns(tmp_path: Path) -> None:
    header = [c.value for c in openpyxl.load_workbook(write_master(None, tmp_path / "m.xlsx"))["Anggaran"][1]]
    assert header[-2:] == [PAGU, LALU]


def test_only_one_filled_column_is_written_with_the_other_left_out(tmp_path: Path) -> None:
    path = write_master(_with_renstra({"P1.02": (7_000, None)}), tmp_path / "m.xlsx")
    header = [c.value for c in openpyxl.load_workbook(path)["Anggaran"][1]]
    assert header[8:] == [PAGU]
    back, findings = read_master(path)
    assert findings == [] and [k.pagu_renstra for k in back.kegiatan] == [None, 7_000, None]


def _rollover(tmp_path: Path, tahun: int) -> list[tuple[int | None, int | None]]:
    """A four-quarter year of a master with Renstra budget figures (2014–2019), rolled over with init --dari."""
    from lkjip_xl.example.triwulan import fill_quarter
    from lkjip_xl.jobs import init_from_result, make_templates, merge

    m = _with_renstra({"P1.01": (10_000, 2_000), "P1.02": (5_000, None), "P2.01": (800, 100)})
    m.instansi = replace(m.instansi, tahun=tahun)
    master = write_master(m, tmp_path / "master.xlsx")
    templates, _ = make_templates(master, tmp_path / "t", triwulan=4)
    kinerja = {"I1": (90, 92, 95, 97), "I2": (3, 2, 4, 1), "I3": (40, 50, 60, 70)}
    anggaran = {"P1.01": (1, 2, 3, 4), "P1.02": (5, 5, 5, 5)}  # P2.01 reports nothing
    for t in templates:
        fill_quarter(t, tmp_path / "in" / t.name, 4, kinerja, anggaran)
    result = merge(master, tmp_path / "in", tmp_path / "hasil_tw4.xlsx", triwulan=4).output
    path, _ = init_from_result(tmp_path / "baru", result)
    new, findings = read_master(path)
    assert [f.code for f in findings if f.code == "M017"] == []
    return [(k.pagu_renstra, k.realisasi_renstra_lalu) for k in new.kegiatan]


def test_rollover_carries_the_pagu_and_adds_the_finished_year(tmp_path: Path) -> None:
    # P1.01 2.000 + 10; P1.02 unknown before (not the first Renstra year) stays blank; P2.01 no realisasi: blank
    assert _rollover(tmp_path, 2017) == [(10_000, 2_010), (5_000, None), (800, None)]


def test_rollover_from_the_renstras_first_year_starts_the_sum(tmp_path: Path) -> None:
    assert _rollover(tmp_path, 2014) == [(10_000, 2_010), (5_000, 20), (800, None)]


def test_rollover_into_a_new_renstra_period_leaves_both_blank(tmp_path: Path) -> None:
    assert _rollover(tmp_path, 2019) == [(None, None), (None, None), (None, None)]
