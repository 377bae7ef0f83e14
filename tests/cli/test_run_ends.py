"""The run itself (issue 12, kinds 13-15), through the CLI as a subprocess: a merge that cannot run leaves no
process behind, Ctrl-C stops a large merge cleanly, a large valid master is read."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lkjip_xl.planning.master_writer import write_master
from tests.helpers import small_master, write_bidang

ROOT = Path(__file__).resolve().parents[2]
LINUX = pytest.mark.skipif(sys.platform != "linux", reason="process groups and /proc as on Linux")


def lkjip(*args: str) -> list[str]:
    return [sys.executable, "-m", "lkjip_xl", *args]


def inbox_of(tmp_path: Path, n: int) -> Path:
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    src = write_bidang(tmp_path / "asal.xlsx")
    for i in range(n):
        shutil.copy(src, inbox / f"b1_{i:05d}.xlsx")
    return inbox


def group_members(pgid: int) -> list[int]:
    """Processes still in a process group (zombies waiting for their parent excluded)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


@LINUX
def test_a_merge_whose_master_is_refused_after_reading_started_leaves_no_worker(tmp_path: Path) -> None:
    inbox = inbox_of(tmp_path, 60)  # past the threshold where workers read while the master is loaded
    refused = write_bidang(tmp_path / "master.xlsx")  # a bidang file given as the master: refused
    proc = subprocess.Popen(
        lkjip("merge", str(refused), str(inbox), "-o", str(tmp_path / "hasil.xlsx")),
        stdout=subprocess.PIPE,  # as `| tee log.txt`: the pipe closes only when every process holding it ends
        stderr=subprocess.STDOUT,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(timeout=60)
    finally:
        left = group_members(proc.pid)
        if left:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 2
    assert "Master" in out.decode()
    assert left == []
    assert not (tmp_path / "hasil.xlsx").exists()


@LINUX
@pytest.mark.slow
def test_ctrl_c_to_the_process_group_stops_a_large_merge(tmp_path: Path) -> None:
    inbox = inbox_of(tmp_path, 4000)
    master = write_master(small_master(), tmp_path / "master.xlsx")
    output = tmp_path / "hasil" / "LKjIP.xlsx"
    output.parent.mkdir()
    output.write_bytes(b"hasil lama")  # the previous workbook stays untouched
    proc = subprocess.Popen(
        lkjip("merge", str(master), str(inbox), "-o", str(output), "--force"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while len(group_members(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)  # until the reading workers run
    assert proc.poll() is None, "the merge ended before it could be interrupted"
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    sent = time.monotonic()
    try:
        _, err = proc.communicate(timeout=30)
    finally:
        left = group_members(proc.pid)
        if left:
            os.killpg(proc.pid, signal.SIGKILL)
    took = time.monotonic() - sent
    assert proc.returncode == 130
    assert took < 5, f"{took:.1f} s"
    assert "Dihentikan" in err.decode()
    assert "Traceback" not in err.decode()
    assert left == []
    assert output.read_bytes() == b"hasil lama"
    assert sorted(p.name for p in output.parent.iterdir()) == ["LKjIP.xlsx"]  # no temporary file


LARGE_MASTER = """
import sys
from pathlib import Path
from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.planning.model import Kegiatan
from tests.helpers import small_master

master = small_master()
master.kegiatan += [
    Kegiatan(f"Q{i // 100}", f"Program Q{i // 100}", f"Q{i // 100}.{i % 100:02d}", f"Kegiatan {i}", "B2", "APBD II", 1000 + i)
    for i in range(100_000 - len(master.kegiatan))
]
write_master(master, Path(sys.argv[1]))
"""


@pytest.fixture(scope="module")
def large_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid master whose Anggaran sheet has 100.001 rows (a header and 100.000 kegiatan), written by a child
    process: the rows would otherwise stay in this one (and in the peak memory of every process it forks)."""
    path = tmp_path_factory.mktemp("master") / "master.xlsx"
    subprocess.run([sys.executable, "-c", LARGE_MASTER, str(path)], cwd=ROOT, check=True, timeout=300)
    return path


@pytest.mark.slow
def test_a_large_valid_master_is_read_not_called_damaged(large_master: Path, tmp_path: Path) -> None:
    path = write_bidang(tmp_path / "b1.xlsx")
    done = subprocess.run(
        lkjip("check", str(path), "--master", str(large_master)), capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stdout[-400:] + done.stderr[-400:]
    assert "rusak" not in done.stdout + done.stderr


def test_a_master_past_the_limits_says_which_limit_and_by_how_much(large_master: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lkjip_xl.intake import workbook
    from lkjip_xl.intake.master import MasterError, read_master

    monkeypatch.setattr(workbook, "MASTER_LIMITS", (60_000, 1_000, 6_000_000))
    with pytest.raises(MasterError) as refused:
        read_master(large_master)
    message = str(refused.value)
    assert "Anggaran" in message and "60.000 baris" in message and "40.001 baris" in message
    assert "rusak" not in message
