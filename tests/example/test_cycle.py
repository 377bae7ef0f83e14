"""A year in four quarters on the built-in example: quarterly figures derived from the report's yearly ones
(lkjip_xl/example/triwulan.py), four quarterly merges each on the previous one's result, and a fourth quarter
whose yearly tables are those of the yearly demo, cell for cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from lkjip_xl.consolidate.tables import consolidate
from lkjip_xl.example.triwulan import fill_quarter, spread
from lkjip_xl.findings import Severity
from lkjip_xl.jobs import DEMO_MASTER, MergeResult, demo, make_templates, merge
from lkjip_xl.planning.model import Master

YEARLY_SHEETS = ("Capaian Kinerja", "Perbandingan Capaian", "Capaian Renstra", "Realisasi Anggaran")


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> tuple[MergeResult, list[MergeResult]]:
    root = tmp_path_factory.mktemp("cycle")
    yearly = demo(root / "demo")
    c = consolidate(yearly.report)
    master: Master = c.master
    agregasi = {i.kode: i.agregasi for i in master.indikator}
    kinerja = {r.kode: spread(r.realisasi, agregasi[r.kode]) for r in c.kinerja}
    anggaran = {r.kode: spread(r.realisasi, "jumlah") for r in c.kegiatan}
    master_path = root / "demo" / DEMO_MASTER
    results: list[MergeResult] = []
    previous: Path | None = None
    for n in (1, 2, 3, 4):
        templates, findings = make_templates(master_path, root / f"tw{n}", triwulan=n, sebelumnya=previous)
        assert templates and not [f for f in findings if f.severity is Severity.ERROR]  # the report's own PK warnings
        inbox = root / f"masuk_tw{n}"
        for t in templates:
            fill_quarter(t, inbox / t.name, n, kinerja, anggaran)
        result = merge(master_path, inbox, root / f"hasil_tw{n}.xlsx", triwulan=n, sebelumnya=previous)
        results.append(result)
        previous = result.output
    return yearly, results


def _cells(path: Path, sheet: str) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


def test_fourth_quarter_gives_the_yearly_report(cycle: tuple[MergeResult, list[MergeResult]]) -> None:
    yearly, quarters = cycle
    for sheet in YEARLY_SHEETS:
        assert _cells(quarters[-1].output, sheet) == _cells(yearly.output, sheet), sheet


def test_every_quarter_is_consistent_and_locked_quarters_never_change(cycle: tuple[MergeResult, list[MergeResult]]) -> None:
    _, quarters = cycle
    for n, result in enumerate(quarters, start=1):
        codes = {f.code for f in result.report.findings}
        assert not codes & {"T001", "T002", "T003", "T004", "T005"}, n
        state = openpyxl.load_workbook(result.output)["_triwulan"]
        assert state["B4"].value == str(n)


def test_quarters_add_up_by_agregasi(cycle: tuple[MergeResult, list[MergeResult]]) -> None:
    """Half-way (TW II) a jumlah indicator has half its year, a level indicator half its level."""
    yearly, quarters = cycle
    year = {r.kode: r.realisasi for r in consolidate(yearly.report).kinerja}
    second = {r.kode: r.realisasi for r in consolidate(quarters[1].report).kinerja}
    assert second["IK06"] == 2 * (year["IK06"] // 4)  # jumlah: TW I + TW II of 3.160 orang
    assert second["IK01"] == pytest.approx(round(year["IK01"] / 2, 2))  # nilai akhir: the level at TW II


def test_next_years_master_from_the_fourth_quarter(cycle: tuple[MergeResult, list[MergeResult]], tmp_path: Path) -> None:
    """init --dari: Riwayat gains exactly the finished year's target, realisasi and capaian; targets and anggaran
    are blank (M006, M010 ask for them); rules, Renstra targets, bidang and kegiatan are carried."""
    from lkjip_xl.intake.master import read_master
    from lkjip_xl.jobs import init_from_result

    yearly, quarters = cycle
    path, findings = init_from_result(tmp_path, quarters[-1].output)
    assert path.name == "master_lkjip_2018.xlsx" and findings == []  # 2018 is inside the Renstra 2014–2019
    old = consolidate(yearly.report)
    new, problems = read_master(path)
    assert new.instansi.tahun == 2018 and new.instansi.renstra_akhir == 2019
    assert {f.code for f in problems} == {"M006", "M010"}
    assert sum(1 for f in problems if f.code == "M006") == len(new.indikator) == len(old.master.indikator)
    assert all(k.anggaran is None for k in new.kegiatan) and len(new.kegiatan) == len(old.master.kegiatan)
    assert [(i.kode, i.agregasi, i.polaritas, i.target_renstra) for i in new.indikator] == [
        (i.kode, i.agregasi, i.polaritas, i.target_renstra) for i in old.master.indikator
    ]
    ws = openpyxl.load_workbook(quarters[-1].output)["Capaian Kinerja"]
    shown = {r[2]: r[4:7] for r in ws.iter_rows(min_row=5, values_only=True) if r[2] and r[4] is not None}
    names = {i.kode: i.indikator for i in new.indikator}
    got = {names[h.kode]: (h.target, h.realisasi, h.capaian) for h in new.riwayat if h.tahun == 2017}
    assert len(got) == len(new.indikator)
    for name, (target, realisasi, capaian) in got.items():
        t, r, c = shown[name]
        assert (float(target), None if realisasi is None else float(realisasi), None if capaian is None else float(capaian)) == (
            t,
            r,
            c,
        ), name
    assert {h.kode for h in new.riwayat if h.tahun == 2016} == {h.kode for h in old.master.riwayat}


def test_next_years_master_from_the_yearly_result(cycle: tuple[MergeResult, list[MergeResult]], tmp_path: Path) -> None:
    """init --dari on the demo's yearly result (plain merge): Riwayat gains exactly the 2017 target, realisasi and
    capaian the Capaian Kinerja sheet shows, and the master is the one the fourth quarter's result gives."""
    from lkjip_xl.intake.master import read_master
    from lkjip_xl.jobs import init_from_result

    yearly, quarters = cycle
    path, findings = init_from_result(tmp_path / "tahunan", yearly.output)
    assert path.name == "master_lkjip_2018.xlsx" and findings == []
    new, _ = read_master(path)
    ws = openpyxl.load_workbook(yearly.output)["Capaian Kinerja"]
    shown = {r[2]: r[4:7] for r in ws.iter_rows(min_row=5, values_only=True) if r[2] and r[4] is not None}
    names = {i.kode: i.indikator for i in new.indikator}
    got = {names[h.kode]: (h.target, h.realisasi, h.capaian) for h in new.riwayat if h.tahun == 2017}
    assert len(got) == len(new.indikator) == len(shown)
    for name, (target, realisasi, capaian) in got.items():
        as_float = (float(target), None if realisasi is None else float(realisasi), None if capaian is None else float(capaian))
        assert as_float == shown[name], name
    fourth, _ = init_from_result(tmp_path / "tw4", quarters[-1].output)
    assert read_master(fourth)[0] == new  # every carried field, Riwayat included
