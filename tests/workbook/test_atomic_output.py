"""An interrupted merge (kill -9 while writing) leaves the previous workbook or none, never a truncated one."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lkjip_xl.jobs import merge
from lkjip_xl.planning.master_writer import write_master
from tests.helpers import small_master, write_bidang

# The child merges, but stops at `point` (announcing it) until it is killed.
CHILD = """
import sys, time, zipfile, os
from pathlib import Path
point = sys.argv[4]
def stall(*a, **k):
    print("MENULIS", flush=True)
    time.sleep(60)
if point == "zip":  # stall after a few members of the package have been written
    calls = []
    def stalling(real):
        def member(self, *a, **k):
            calls.append(1)
            if len(calls) == 3:
                stall()
            return real(self, *a, **k)
        return member
    zipfile.ZipFile.write = stalling(zipfile.ZipFile.write)
    zipfile.ZipFile.writestr = stalling(zipfile.ZipFile.writestr)
    reading = zipfile.ZipFile.open
    writing = stalling(reading)
    # members are also streamed in (ZipFile.open in mode "w"); the inputs are read with mode "r"
    zipfile.ZipFile.open = lambda self, name, mode="r", *a, **k: (writing if mode == "w" else reading)(self, name, mode, *a, **k)
else:
    import lkjip_xl.workbook.writer as w
    w.os.replace = lambda *a, **k: stall()
from lkjip_xl.jobs import merge
merge(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), force=True)
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("point", ["zip", "rename"])
@pytest.mark.parametrize("previous", [True, False])
def test_kill_9_while_writing_leaves_previous_output_or_none(tmp_path: Path, point: str, previous: bool) -> None:
    master = write_master(small_master(), tmp_path / "master.xlsx")
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    write_bidang(inbox / "b1.xlsx")
    out = tmp_path / "hasil.xlsx"
    before = None
    if previous:
        merge(master, inbox, out)
        before = _digest(out)
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(master), str(inbox), str(out), point], stdout=subprocess.PIPE, text=True
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "MENULIS"
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(timeout=30)
    if previous:
        assert _digest(out) == before
        with zipfile.ZipFile(out) as zf:
            assert zf.testzip() is None
    else:
        assert not out.exists()
    merge(master, inbox, out, force=True)  # the next run cleans what the killed one left behind
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []
