"""Quarterly templates and merges (--triwulan N): the file's quarter, realisasi s.d. N by agregasi, cumulative
Rupiah against the anggaran, and quarter values against the previous quarter's result."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from lkjip_xl.example.triwulan import fill_quarter
from lkjip_xl.jobs import LkjipError, MergeResult, check, make_templates, merge
from lkjip_xl.planning.master_writer import write_master
from tests.helpers import small_master, write_bidang

B1, B2 = "LKjIP_2017_TW{n}_B1_Bidang_Satu.xlsx", "LKjIP_2017_TW{n}_B2_Bidang_Dua.xlsx"
NONE4 = (None, None, None, None)


def _q(*values: float | None) -> tuple[float | None, ...]:
    return tuple([*values, None, None, None, None][:4])


# quarter values typed by the bidang: TW I and TW II
TW1 = ({"I1": _q(50), "I2": _q(3)}, {"P1.01": _q(100), "P1.02": _q(200)}, {"I3": _q(40)}, {"P2.01": _q(100)})
TW2 = (
    {"I1": _q(50, 60), "I2": _q(3, 4)},
    {"P1.01": _q(100, 900), "P1.02": _q(200, 300)},
    {"I3": _q(40, 70)},
    {"P2.01": _q(100, 100)},
)


@pytest.fixture
def master(tmp_path: Path) -> Path:
    return write_master(small_master(), tmp_path / "master.xlsx")


def quarter(tmp_path: Path, master: Path, n: int, figures: tuple[dict, dict, dict, dict], previous: Path | None = None) -> Path:
    """Templates of quarter n, filled with `figures`, in an inbox; returns the inbox."""
    paths, findings = make_templates(master, tmp_path / f"t{n}", triwulan=n, sebelumnya=previous)
    assert findings == [] and [p.name for p in paths] == [B1.format(n=n), B2.format(n=n)]
    inbox = tmp_path / f"in{n}"
    inbox.mkdir()
    fill_quarter(paths[0], inbox / paths[0].name, n, figures[0], figures[1])
    fill_quarter(paths[1], inbox / paths[1].name, n, figures[2], figures[3])
    return inbox


def run_quarter(tmp_path: Path, master: Path, n: int, figures: tuple, previous: Path | None = None) -> MergeResult:
    inbox = quarter(tmp_path, master, n, figures, previous)
    return merge(master, inbox, tmp_path / f"hasil_tw{n}.xlsx", triwulan=n, sebelumnya=previous)


def codes(result: MergeResult, prefix: str = "T") -> list[tuple[str, str]]:
    return sorted((f.code, f.location) for f in result.report.findings if f.code.startswith(prefix))


def test_quarterly_template_names_its_quarter_and_locks_earlier_quarters(tmp_path: Path, master: Path) -> None:
    first = run_quarter(tmp_path, master, 1, TW1)
    paths, _ = make_templates(master, tmp_path / "t2", triwulan=2, sebelumnya=first.output)
    wb = openpyxl.load_workbook(paths[0])
    meta = {r[0]: r[1] for r in wb["_meta"].iter_rows(values_only=True)}
    assert meta["Triwulan"] == "2" and wb["_meta"].sheet_state == "hidden"
    ws = wb["Kinerja"]
    header = [c.value for c in ws[1]]
    assert header[4:10] == ["Agregasi", "Target", "Realisasi TW I", "Realisasi TW II", "Realisasi s.d. Triwulan", "Capaian (%)"]
    assert header[-3:] == ["Faktor Pendorong", "Faktor Penghambat", "Upaya / Tindak Lanjut"]
    tw1, tw2 = ws["G2"], ws["H2"]
    assert (tw1.value, tw1.protection.locked, tw2.value, tw2.protection.locked) == (50, True, None, False)
    assert ws["I2"].value == '=IF(COUNT(G2:H2)<2,"",H2)'  # I1: nilai akhir
    cached = openpyxl.load_workbook(paths[0], data_only=True)["Anggaran"]
    assert [c.value for c in openpyxl.load_workbook(paths[0])["Anggaran"][3]][4:7] == [
        100,
        None,
        '=IF(COUNT(E3:F3)<2,"",SUM(E3:F3))',
    ]
    assert cached["E2"].value == 300  # program TW I: the SUM of its kegiatan, cached


def test_realisasi_up_to_the_quarter_follows_agregasi(tmp_path: Path, master: Path) -> None:
    first = run_quarter(tmp_path, master, 1, TW1)
    second = run_quarter(tmp_path, master, 2, TW2, first.output)
    assert codes(second) == []
    ws = openpyxl.load_workbook(second.output)["Capaian Kinerja"]
    got = {r[2]: r[5] for r in ws.iter_rows(min_row=5, max_row=7, values_only=True)}
    # I1 nilai akhir: TW II; I2 (negatif) nilai akhir: TW II; I3 jumlah: TW I + TW II
    assert got == {"Cakupan layanan": 60, "Jumlah sengketa": 4, "Pencari kerja ditempatkan": 110}
    assert "s.d. triwulan II" in ws["A2"].value  # every sheet says its figures are not the year's yet
    from lkjip_xl.intake.triwulan_state import read_state

    state = read_state(second.output).values  # the hidden state the next quarter reads
    assert state[("indikator", "I3")] == (40, 70, None, None) and state[("kegiatan", "P1.01")] == (100, 900, None, None)


def test_cumulative_rupiah_above_anggaran_is_a001(tmp_path: Path, master: Path) -> None:
    first = run_quarter(tmp_path, master, 1, TW1)
    figures = (TW2[0], {"P1.01": _q(100, 950), "P1.02": _q(200, 300)}, TW2[2], TW2[3])
    second = run_quarter(tmp_path, master, 2, figures, first.output)
    assert ("A001", "Anggaran!G3") in codes(second, "A")  # 100 + 950 > 1.000


def _retype(path: Path, sheet: str, cell: str, value: object) -> None:
    """What a bidang does when it unprotects the sheet and types over a locked or formula cell."""
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def test_changed_quarter_and_cumulative_going_down_are_findings_at_their_cells(tmp_path: Path, master: Path) -> None:
    first = run_quarter(tmp_path, master, 1, TW1)
    inbox = quarter(tmp_path, master, 2, TW2, first.output)
    _retype(inbox / B2.format(n=2), "Kinerja", "G2", 10)  # I3 (jumlah) TW I: 40 reported, now 10; s.d. 80 ≥ 40
    _retype(inbox / B1.format(n=2), "Kinerja", "G2", 55)  # I1 (nilai akhir) TW I changed: T005 only
    _retype(inbox / B1.format(n=2), "Anggaran", "E3", 50)  # P1.01 TW I changed
    result = merge(master, inbox, tmp_path / "h.xlsx", triwulan=2, sebelumnya=first.output)
    assert codes(result) == [("T005", "Anggaran!E3"), ("T005", "Kinerja!G2"), ("T005", "Kinerja!G2")]
    assert {f.file for f in result.report.findings if f.code == "T005" and f.sheet == "Kinerja"} == {
        B1.format(n=2),
        B2.format(n=2),
    }
    _retype(inbox / B2.format(n=2), "Kinerja", "H2", 20)  # now s.d. TW II = 30 < 40 reported s.d. TW I
    result = merge(master, inbox, tmp_path / "h.xlsx", triwulan=2, sebelumnya=first.output, force=True)
    assert ("T004", "Kinerja!I2") in codes(result) and ("T004", "Kinerja!I2") in [
        (f.code, f.location) for f in result.report.findings if f.file == B2.format(n=2)
    ]


def test_typed_over_realisasi_blank_and_negative_quarters(tmp_path: Path, master: Path) -> None:
    inbox = quarter(tmp_path, master, 2, ({"I1": _q(None, 60), "I2": _q(3, 4)}, TW2[1], {"I3": _q(40, -5)}, TW2[3]))
    _retype(inbox / B1.format(n=2), "Kinerja", "I3", 999)  # I2's Realisasi s.d. typed over the formula
    result = merge(master, inbox, tmp_path / "h.xlsx", triwulan=2)
    assert codes(result) == [("T003", "Kinerja!I3"), ("T004", "Kinerja!H2"), ("T006", "Kinerja!G2")]
    # I1 has a blank quarter: realisasi s.d. TW II cannot be computed, never 0 % or 100 %
    ws = openpyxl.load_workbook(result.output)["Capaian Kinerja"]
    assert [r[5:8] for r in ws.iter_rows(min_row=5, max_row=6, values_only=True)] == [
        (None, None, "tidak dapat dihitung"),
        (4, 160, "Memuaskan"),
    ]


def test_a_file_for_another_quarter_or_year_is_an_error(tmp_path: Path, master: Path) -> None:
    inbox = quarter(tmp_path, master, 1, TW1)
    (inbox / B2.format(n=1)).unlink()
    write_bidang(inbox / "LKjIP_2017_B2_Bidang_Dua.xlsx", bidang="B2", kinerja=[], anggaran=[])  # a yearly file
    result = merge(master, inbox, tmp_path / "h.xlsx", triwulan=2)
    assert ("T001", "_meta!B7") in codes(result) and len([f for f in result.report.findings if f.code == "T001"]) == 2
    assert not any(f.merged for f in result.report.files)
    # a quarterly file in the yearly merge
    yearly = merge(master, inbox, tmp_path / "y.xlsx")
    assert [(f.code, f.file) for f in yearly.report.findings if f.code.startswith("T")] == [("T002", B1.format(n=1))]
    # another year: the metadata year is checked as for yearly files
    _retype(inbox / B1.format(n=1), "_meta", "B3", "2016")
    assert "G004" in {f.code for f in merge(master, inbox, tmp_path / "z.xlsx", triwulan=1).report.findings}


def test_check_reads_quarterly_files_with_triwulan(tmp_path: Path, master: Path) -> None:
    inbox = quarter(tmp_path, master, 1, TW1)
    assert "T002" in {f.code for f in check([inbox], master).findings}
    assert not {f.code for f in check([inbox], master, triwulan=1).findings} & {"T001", "T002", "K001"}


def test_previous_result_must_be_the_previous_quarter_of_this_year(tmp_path: Path, master: Path) -> None:
    first = run_quarter(tmp_path, master, 1, TW1)
    inbox = tmp_path / "in1"
    with pytest.raises(LkjipError, match="triwulan I;"):
        merge(master, inbox, tmp_path / "x.xlsx", triwulan=3, sebelumnya=first.output)
    # an earlier run of the same quarter serves too (its earlier quarters are the ones reported; findings compared)
    again = merge(master, inbox, tmp_path / "x.xlsx", triwulan=1, sebelumnya=first.output)
    assert codes(again) == [] and again.changes is not None
    yearly = merge(master, inbox, tmp_path / "y.xlsx")
    with pytest.raises(LkjipError, match="hasil tahunan"):
        make_templates(master, tmp_path / "t", triwulan=2, sebelumnya=yearly.output)
    with pytest.raises(LkjipError, match="harus 1, 2, 3 atau 4"):
        make_templates(master, tmp_path / "t", triwulan=5)


def test_quarter_target_is_shown_beside_the_yearly_one_when_the_master_has_it(tmp_path: Path) -> None:
    from dataclasses import replace
    from decimal import Decimal

    m = small_master()
    m.indikator = [
        replace(m.indikator[2], target_triwulan=(Decimal(20), Decimal(50), Decimal(60), Decimal(70))),
        *m.indikator[:2],
    ]
    master = write_master(m, tmp_path / "master.xlsx")
    paths, _ = make_templates(master, tmp_path / "t", triwulan=2)
    b1, b2 = (openpyxl.load_workbook(p)["Kinerja"] for p in paths)
    assert "Target TW II" not in [c.value for c in b1[1]]  # no quarter targets for B1's indicators
    header = [c.value for c in b2[1]]
    assert header[5:7] == ["Target", "Target TW II"] and b2.cell(2, 7).value == 50
    inbox = tmp_path / "in"
    fill_quarter(paths[1], inbox / paths[1].name, 2, {"I3": _q(40, 70)}, {"P2.01": _q(100, 100)})
    result = check([inbox / paths[1].name], master, triwulan=2)
    assert not {f.code for f in result.findings} & {"B020", "B021", "T003", "K001", "K002"}
