"""The bench's peer scripts do the work they are compared for: on a tiny generated inbox they reach the same
program sums, totals and capaian as `merge`, and flag the same realisasi above anggaran. Not timed."""

from __future__ import annotations

import functools
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import python_calamine as pc

from lkjip_xl.consolidate.tables import consolidate
from lkjip_xl.jobs import merge

BENCH = Path(__file__).resolve().parents[2] / "bench"


@functools.cache
def _bench() -> ModuleType:
    """bench/bench_merge.py, whose generator makes the files (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_merge", BENCH / "bench_merge.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_merge"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _inbox(tmp: Path, n: int, over: int | None = None) -> tuple[Path, Path]:
    """n filled files (bench layout) and their master; file number `over` reports 110 % of every anggaran."""
    bench = _bench()
    master = bench.synthetic_master(n)
    inbox = tmp / "masuk"
    inbox.mkdir()
    master_path = bench.write_master(master, tmp / "master.xlsx")
    for i, b in enumerate(master.bidang):
        bench.write_filled(master, b, inbox / f"{b.kode}.xlsx", 1.1 if i == over else 0.9)
    return master_path, inbox


def _records(path: Path, sheet: str) -> list[dict[str, Any]]:
    rows = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def _peer(script: str, *args: str | Path) -> str:
    done = subprocess.run([sys.executable, str(BENCH / "peers" / script), *map(str, args)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
def test_pandas_script_reaches_merges_sums_totals_and_capaian(tmp_path: Path, engine: str) -> None:
    pytest.importorskip("pandas")
    master_path, inbox = _inbox(tmp_path, 3)
    consolidated = consolidate(merge(master_path, inbox, tmp_path / "hasil.xlsx").report)
    _peer("pandas_merge.py", engine, inbox, tmp_path / "pandas.xlsx")

    programs = {r["Kode"]: (r["Anggaran (Rp)"], r["Realisasi (Rp)"]) for r in _records(tmp_path / "pandas.xlsx", "Program")}
    assert programs == {p.kode: (p.anggaran, p.realisasi) for p in consolidated.programs}
    (total,) = _records(tmp_path / "pandas.xlsx", "Total")
    assert (total["Anggaran (Rp)"], total["Realisasi (Rp)"]) == (consolidated.total_anggaran, consolidated.total_realisasi)
    assert total["Realisasi (%)"] == pytest.approx(consolidated.total_persen, abs=0.005)
    # the script reads no master, so it knows no polarity: capaian agrees on the positive indicators
    capaian = {r["Kode Indikator"]: r["Capaian (%)"] for r in _records(tmp_path / "pandas.xlsx", "Capaian")}
    positive = {r.kode: r.capaian for r in consolidated.kinerja if r.polaritas == "positif"}
    assert len(positive) == 9
    assert {k: capaian[k] for k in positive} == pytest.approx(positive, abs=0.005)
    assert _records(tmp_path / "pandas.xlsx", "Temuan") == []


def test_every_peer_flags_realisasi_above_anggaran_where_merge_does(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    master_path, inbox = _inbox(tmp_path, 3, over=1)
    report = merge(master_path, inbox, tmp_path / "hasil.xlsx").report
    flagged = {(Path(f.file).name, f.kode) for f in report.findings if f.code == "A001"}
    kegiatan = {("B0001.xlsx", k.kegiatan_kode) for k in report.master.kegiatan if k.bidang == "B0001"}
    assert kegiatan and kegiatan <= flagged

    _peer("pandas_merge.py", "calamine", inbox, tmp_path / "pandas.xlsx")
    temuan = _records(tmp_path / "pandas.xlsx", "Temuan")
    assert {(r["Berkas"], r["Kode"]) for r in temuan} == kegiatan  # program sums agree with the file: no other


def test_frictionless_script_flags_the_file_with_realisasi_above_anggaran(tmp_path: Path) -> None:
    pytest.importorskip("frictionless")
    _, inbox = _inbox(tmp_path, 3, over=1)
    rows, errors, invalid = (int(x) for x in _peer("validate_frictionless.py", inbox).split()[1:])
    assert (rows, invalid) == (3 * 12, 1)
    assert errors == 12  # its ten kegiatan and two program rows (the script cannot tell them apart)


def test_floor_script_writes_every_row_it_read(tmp_path: Path) -> None:
    pytest.importorskip("fastexcel")
    _, inbox = _inbox(tmp_path, 3)
    _peer("floor.py", inbox, tmp_path / "floor.xlsx")
    assert len(_records(tmp_path / "floor.xlsx", "Kinerja")) == 3 * 4
    assert len(_records(tmp_path / "floor.xlsx", "Anggaran")) == 3 * 12
