"""Reading many files with worker processes gives exactly what reading them one by one gives."""

from __future__ import annotations

from pathlib import Path

from lkjip_xl.validate import _read_parallel, read_all
from tests.helpers import GOOD_B1_ANGGARAN, write_bidang


def test_parallel_read_equals_sequential_read_in_input_order(tmp_path: Path) -> None:
    rows = [list(r) for r in GOOD_B1_ANGGARAN]
    rows[1][4] = "900,50"  # a text number: a finding must come back from the worker too
    paths = [write_bidang(tmp_path / f"f{i}.xlsx", anggaran=rows) for i in range(5)]
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    paths.insert(2, tmp_path / "kosong.xlsx")
    seen: list[str] = []
    sequential = read_all(paths, {"B1": "Bidang Satu"}, parallel_min=10_000)
    parallel = read_all(paths, {"B1": "Bidang Satu"}, seen.append, parallel_min=2)
    assert [f.name for f in parallel] == [p.name for p in paths] == seen
    assert [(f.name, f.rows_read, f.findings, f.kinerja, f.anggaran) for f in parallel] == [
        (f.name, f.rows_read, f.findings, f.kinerja, f.anggaran) for f in sequential
    ]
    jobs = [(p, p.name) for p in paths]
    assert _read_parallel(jobs, {"B1": "Bidang Satu"}, None, workers=2) is not None  # the pool really ran
