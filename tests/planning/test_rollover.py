"""Next year's master (init --dari): the Renstra's last year, per-year Renstra targets, unfinished years."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from lkjip_xl.example.triwulan import fill_quarter
from lkjip_xl.intake.master import read_master
from lkjip_xl.jobs import LkjipError, init_from_result, make_templates, merge
from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.planning.model import Riwayat
from tests.helpers import small_master

FIGURES = ({"I1": (90, 92, 95, 97), "I2": (3, 2, 4, 1), "I3": (40, 50, 60, 70)}, {"P1.01": (1, 2, 3, 4), "P1.02": (5, 5, 5, 5)})


def _result(tmp_path: Path, n: int, tahun: int = 2017) -> Path:
    m = small_master()
    m.instansi = replace(m.instansi, tahun=tahun)
    m.riwayat = [*m.riwayat, Riwayat("I3", tahun + 1, Decimal(250), None, None)]  # a Renstra target of next year
    master = write_master(m, tmp_path / "master.xlsx")
    templates, _ = make_templates(master, tmp_path / "t", triwulan=n)
    inbox = tmp_path / "in"
    for t in templates:
        fill_quarter(t, inbox / t.name, n, FIGURES[0], FIGURES[1])
    return merge(master, inbox, tmp_path / f"hasil_tw{n}.xlsx", triwulan=n).output


def test_rollover_riwayat_and_per_year_targets(tmp_path: Path) -> None:
    path, findings = init_from_result(tmp_path / "baru", _result(tmp_path, 4))
    assert findings == []
    new, _ = read_master(path)
    history = {(h.kode, h.tahun): (h.target, h.realisasi, h.capaian) for h in new.riwayat}
    # I1 nilai akhir 97 of 100; I2 negatif nilai akhir 1 of 10: (2 − 0,1) × 100; I3 jumlah 220 of 200
    assert history[("I1", 2017)] == (Decimal(100), Decimal(97), Decimal(97))
    assert history[("I2", 2017)] == (Decimal(10), Decimal(1), Decimal(190))
    assert history[("I3", 2017)] == (Decimal(200), Decimal(220), Decimal(110))
    assert history[("I1", 2016)] == (Decimal(100), Decimal(90), None)
    assert {i.kode: i.target for i in new.indikator} == {"I1": None, "I2": None, "I3": Decimal(250)}


def test_a_result_from_the_renstras_last_year_asks_for_a_new_period(tmp_path: Path) -> None:
    _, findings = init_from_result(tmp_path / "baru", _result(tmp_path, 4, tahun=2019))
    assert [(f.code, f.location) for f in findings] == [("M027", "Instansi!B4")]


def test_an_unfinished_year_or_a_yearly_result_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LkjipError, match="triwulan II"):
        init_from_result(tmp_path / "baru", _result(tmp_path, 2))
    yearly = tmp_path / "tahunan.xlsx"
    write_master(small_master(), yearly)  # not a quarterly result at all
    with pytest.raises(LkjipError, match="bukan hasil penggabungan triwulan"):
        init_from_result(tmp_path / "baru", yearly)


def _yearly_result(tmp_path: Path) -> Path:
    """A yearly merge (no --triwulan) of the same year as _result: the yearly figures are FIGURES by agregasi."""
    from tests.helpers import write_bidang

    m = small_master()
    m.riwayat = [*m.riwayat, Riwayat("I3", 2018, Decimal(250), None, None)]
    inbox = tmp_path / "tahunan"
    inbox.mkdir(parents=True)
    master = write_master(m, tmp_path / "master.xlsx")
    write_bidang(
        inbox / "b1.xlsx",
        [
            ["I1", "Sasaran A", "Cakupan layanan", "%", 100, 97, 97, ""],
            ["I2", "Sasaran A", "Jumlah sengketa", "kasus", 10, 1, 190, ""],
        ],
        [
            ["P1", "Program Satu", "APBD II", 3000, 30, 1, ""],
            ["P1.01", "Kegiatan Satu", "APBD II", 1000, 10, 1, ""],
            ["P1.02", "Kegiatan Dua", "APBD II", 2000, 20, 1, ""],
        ],
    )
    write_bidang(
        inbox / "b2.xlsx",
        [["I3", "Sasaran B", "Pencari kerja ditempatkan", "orang", 200, 220, 110, ""]],
        [["P2", "Program Dua", "APBN", 500, 0, 0, ""], ["P2.01", "Kegiatan Tiga", "APBN", 500, 0, 0, ""]],
        bidang="B2",
    )
    return merge(master, inbox, tmp_path / "hasil_tahunan.xlsx").output


def test_a_yearly_result_gives_the_same_master_as_the_fourth_quarter(tmp_path: Path) -> None:
    yearly, findings = init_from_result(tmp_path / "dari_tahunan", _yearly_result(tmp_path / "y"))
    (tmp_path / "q").mkdir()
    fourth, _ = init_from_result(tmp_path / "dari_tw4", _result(tmp_path / "q", 4))
    assert findings == []
    new, _ = read_master(yearly)
    history = {(h.kode, h.tahun): (h.target, h.realisasi, h.capaian) for h in new.riwayat}
    assert history[("I1", 2017)] == (Decimal(100), Decimal(97), Decimal(97))
    assert history[("I2", 2017)] == (Decimal(10), Decimal(1), Decimal(190))
    assert history[("I3", 2017)] == (Decimal(200), Decimal(220), Decimal(110))
    assert {i.kode: i.target for i in new.indikator} == {"I1": None, "I2": None, "I3": Decimal(250)}
    assert yearly.read_bytes() == fourth.read_bytes()  # the same master, byte for byte


def test_a_quarterly_merge_does_not_take_a_yearly_result_as_its_previous_quarter(tmp_path: Path) -> None:
    from lkjip_xl.jobs import previous_quarter

    yearly = _yearly_result(tmp_path)
    master, _ = read_master(tmp_path / "master.xlsx")
    with pytest.raises(LkjipError, match="hasil tahunan"):
        previous_quarter(master, 2, yearly)
    assert previous_quarter(master, 1, yearly) is None  # TW I takes no earlier quarter: the comparison alone


def _as_version_1(result: Path, out: Path) -> Path:
    """The result as the previous release wrote it, rebuilt by hand with openpyxl: the state as a cell table
    (Versi 1) and the master's sheets as hidden `_m …` sheets."""
    import openpyxl

    from lkjip_xl.planning.state_pack import unpack_state
    from lkjip_xl.planning.triwulan import MASTER_PREFIX, STATE_SHEET

    wb = openpyxl.load_workbook(result)
    ws = wb[STATE_SHEET]
    chunks = [ws.cell(r, 1).value for r in range(8, ws.max_row + 1)]
    values, sheets = unpack_state([c for c in chunks if c])
    ws.delete_rows(7, ws.max_row)
    ws["B5"] = "1"
    ws.append(["Jenis", "Kode", "TW I", "TW II", "TW III", "TW IV"])
    for (jenis, kode), row in values.items():
        ws.append([jenis, kode, *row])
    for name, rows in sheets.items():
        copy = wb.create_sheet(f"{MASTER_PREFIX}{name}")
        for row in rows:
            copy.append(row)
        copy.sheet_state = "hidden"
    wb.save(out)
    return out


def test_a_result_of_the_previous_release_still_rolls_over(tmp_path: Path) -> None:
    current = _result(tmp_path, 4)
    old = _as_version_1(current, tmp_path / "hasil_lama.xlsx")
    from_old, findings = init_from_result(tmp_path / "dari_lama", old)
    from_new, _ = init_from_result(tmp_path / "dari_baru", current)
    assert findings == []
    assert from_old.read_bytes() == from_new.read_bytes()


def test_a_damaged_packed_state_is_refused_naming_its_sheet(tmp_path: Path) -> None:
    import openpyxl

    result = _result(tmp_path, 4)
    wb = openpyxl.load_workbook(result)
    ws = wb["_triwulan"]
    ws["A8"] = ws["A8"].value[:-5]  # cut short, as a hand edit or a damaged copy would leave it
    wb.save(tmp_path / "rusak.xlsx")
    with pytest.raises(LkjipError, match=r"_triwulan.*\bA8\b"):  # the sheet, and the cell where the text starts
        init_from_result(tmp_path / "baru", tmp_path / "rusak.xlsx")


@pytest.mark.parametrize("edit", ["newer", "no data"])
def test_a_state_of_another_version_or_without_its_data_is_refused(tmp_path: Path, edit: str) -> None:
    import openpyxl

    result = _result(tmp_path, 4)
    wb = openpyxl.load_workbook(result)
    ws = wb["_triwulan"]
    if edit == "newer":
        ws["B5"] = "3"  # written by a later lkjip-xl: not guessed at
    else:
        ws["A7"] = None  # the label above the packed text gone: nothing is read as if it were version 1
    wb.save(tmp_path / "lain.xlsx")
    with pytest.raises(LkjipError, match="_triwulan"):
        init_from_result(tmp_path / "baru", tmp_path / "lain.xlsx")
