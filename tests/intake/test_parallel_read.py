"""Reading many files with worker processes gives exactly what reading them one by one gives."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from lkjip_xl.intake.parallel import Reading, name_bidang, start_method_here, start_reading
from tests.helpers import GOOD_B1_ANGGARAN, write_bidang

# Forking is only ever done from a single-threaded process without polars (start_method_here), which this
# test process is not: the forked read runs in a fresh interpreter and sends its result back pickled.
_FORKED_READ = """
import pickle, sys
from pathlib import Path
from lkjip_xl.intake.parallel import Reading
reading = Reading([Path(p) for p in sys.argv[2:]], parallel_min=2, start_method="fork")
assert reading.parallel
seen = []
files = reading.result(seen.append)
Path(sys.argv[1]).write_bytes(pickle.dumps((files, seen)))
"""


def _read_in_parallel(paths: list[Path], method: str, out: Path) -> tuple[list[Any], list[str]]:
    if method == "spawn":
        reading = Reading(paths, parallel_min=2, start_method="spawn")
        assert reading.parallel  # the pool really runs
        seen: list[str] = []
        return reading.result(seen.append), seen
    cmd = [sys.executable, "-c", _FORKED_READ, str(out), *map(str, paths)]
    subprocess.run(cmd, check=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    files, seen = pickle.loads(out.read_bytes())
    return files, seen


@pytest.mark.parametrize("method", ["spawn", "fork"] if sys.platform == "linux" else ["spawn"])
def test_parallel_read_equals_sequential_read_in_input_order(tmp_path: Path, method: str) -> None:
    rows = [list(r) for r in GOOD_B1_ANGGARAN]
    rows[1][4] = "900,50"  # a text number: a finding must come back from the worker too
    paths = [write_bidang(tmp_path / f"f{i}.xlsx", anggaran=rows) for i in range(5)]
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    paths.insert(2, tmp_path / "kosong.xlsx")
    sequential_reading = start_reading(paths, parallel_min=10_000)
    assert not sequential_reading.parallel
    sequential = sequential_reading.result()
    parallel, seen = _read_in_parallel(paths, method, tmp_path / "gelar.pickle")
    for files in (sequential, parallel):
        name_bidang(files, {"B1": "Bidang Satu"})
    assert [f.name for f in parallel] == [p.name for p in paths] == seen
    assert [(f.name, f.rows_read, f.findings, f.kinerja, f.anggaran) for f in parallel] == [
        (f.name, f.rows_read, f.findings, f.kinerja, f.anggaran) for f in sequential
    ]


def test_file_named_after_a_bidang_gets_it_with_its_findings(tmp_path: Path) -> None:
    """Without metadata the bidang comes from the file name, known only once the master is read."""
    rows = [list(r) for r in GOOD_B1_ANGGARAN]
    rows[1][4] = "900,50"
    path = write_bidang(tmp_path / "lkjip_b1.xlsx", anggaran=rows, bidang=None)
    files = start_reading([path]).result()
    assert files[0].bidang == "" and files[0].findings
    name_bidang(files, {"B1": "Bidang Satu"})
    assert files[0].bidang == "B1"
    assert {f.bidang for f in files[0].findings} == {"B1"}


def test_workers_fork_only_from_a_single_threaded_process_without_polars() -> None:
    """Forking is cheap but inherits threads' state: a fresh command forks, this test process (polars loaded) spawns."""
    import polars  # noqa: F401  (loaded here, as by the checks)

    assert start_method_here() == "spawn"
    code = "from lkjip_xl.intake.parallel import start_method_here; print(start_method_here())"
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert fresh == ("fork" if sys.platform == "linux" else "spawn")


# A file whose reading kills the worker process (as an abort inside calamine would), in a fresh interpreter that
# forks its workers: the reading goes on in fresh workers, in input order, and only that file is lost, named.
_POISONED_READ = """
import json, os, sys
from pathlib import Path
import lkjip_xl.intake.parallel as V

read = V._read_one
def poisoned(job):
    if job[1] == "racun.xlsx":
        os._exit(134)  # the exit status of an abort, without a core file
    return read(job)
V._read_one = poisoned
reading = V.Reading([Path(p) for p in sys.argv[1:]], parallel_min=2, start_method="fork")
assert reading.parallel
seen = []
files = reading.result(seen.append)
print(json.dumps({"files": [[f.name, f.rows_read, [x.code for x in f.findings]] for f in files], "seen": seen}))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the poisoned reader reaches the workers by forking")
def test_a_file_that_kills_its_reader_is_B024_and_every_other_file_is_still_read(tmp_path: Path) -> None:
    import json

    paths = [write_bidang(tmp_path / f"f{i}.xlsx") for i in range(12)]
    paths.insert(7, write_bidang(tmp_path / "racun.xlsx"))
    cmd = [sys.executable, "-c", _POISONED_READ, *map(str, paths)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr[-800:]
    result = json.loads(done.stdout)
    names = [p.name for p in paths]
    assert [f[0] for f in result["files"]] == names == result["seen"]
    assert [f[2] for f in result["files"] if f[0] == "racun.xlsx"] == [["B024"]]
    assert all(f[1] == 5 and f[2] == [] for f in result["files"] if f[0] != "racun.xlsx")


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="looks for processes in /proc")
def test_a_merge_that_cannot_continue_leaves_no_reader_behind(tmp_path: Path) -> None:
    """Readers start before the master is read; when the master then fails, `merge` exits 2 and its readers end."""
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    # enough files for worker processes (forked from 50), large enough to be still read when the master fails
    rows = [[f"P1.{i:04d}", "Kegiatan", "APBD II", 1000, 900, 90, ""] for i in range(3000)]
    write_bidang(inbox / "B0.xlsx", anggaran=GOOD_B1_ANGGARAN + rows)
    for i in range(1, 80):
        shutil.copy(inbox / "B0.xlsx", inbox / f"B{i}.xlsx")
    master = tmp_path / "master.xlsx"
    master.write_bytes(b"PK\x03\x04 not a workbook")
    cmd = [sys.executable, "-m", "lkjip_xl", "merge", str(master), str(inbox), "-o", str(tmp_path / "hasil.xlsx")]
    # not captured: a reader left behind would hold the pipes open, and run() would wait for it
    assert subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120).returncode == 2

    def left() -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            try:
                alive = entry.name.isdigit() and (entry / "stat").read_text().split(")")[-1].split()[0] != "Z"
                if alive and str(inbox).encode() in (entry / "cmdline").read_bytes():
                    pids.append(int(entry.name))
            except OSError:
                pass
        return pids

    deadline = time.monotonic() + 10
    while left() and time.monotonic() < deadline:
        time.sleep(0.1)
    stuck = left()
    for pid in stuck:  # not left running when this fails
        os.kill(pid, signal.SIGKILL)
    assert stuck == []
