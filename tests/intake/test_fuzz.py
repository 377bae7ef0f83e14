"""Hypothesis fuzz: damaged sheet XML (checked in a worker process) and absurd cell values never crash a check.

Damaged XML goes to python-calamine, which aborts the whole process when it cannot allocate a range, so those
files are checked by one long-lived worker process: an abort or a hang fails that example (and hypothesis
shrinks it) instead of killing pytest. Cell values are written by xlsxwriter, so the XML stays valid and those
files are checked in-process, which is much faster.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import os
import queue
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lkjip_xl.checks.runner import check_files
from lkjip_xl.findings import CATALOGUE
from tests.helpers import (
    ANGGARAN_HEADER,
    CAPPED_CHECKER,
    GOOD_B1_ANGGARAN,
    GOOD_B1_KINERJA,
    KINERJA_HEADER,
    cell_formats,
    small_master,
    write_bidang,
    write_cell,
)

REPO = Path(__file__).resolve().parents[2]
SHEETS = ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml")  # Kinerja, Anggaran, _meta
EXAMPLE_TIMEOUT = 60  # seconds for one file, worker start-up included
NUMERIC = {"Kinerja": (4, 5, 6), "Anggaran": (3, 4, 5)}  # 0-based columns holding numbers

WORKER = (
    CAPPED_CHECKER
    + """
for line in sys.stdin:
    try:
        report = check_files([Path(json.loads(line))], master)
        out = {"codes": [f.code for f in report.findings],
               "files": [[s.rows_read, s.rows_merged, s.rows_rejected] for s in report.files]}
    except BaseException:
        out = {"error": traceback.format_exc()}
    print(json.dumps(out), flush=True)
"""
)


class Worker:
    """One `python -c WORKER` process answering a JSON line per file; a dead or silent worker fails the example."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.proc: subprocess.Popen[str] | None = None
        self.pump: threading.Thread | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()

    def check(self, path: Path) -> dict[str, Any]:
        proc = self.proc or self._start()
        assert proc.stdin is not None
        try:
            proc.stdin.write(json.dumps(str(path)) + "\n")
            proc.stdin.flush()
            line = self.lines.get(timeout=EXAMPLE_TIMEOUT)
        except (BrokenPipeError, queue.Empty):
            line = None
        if line is None:
            code = self.stop()
            tail = self.log.read_text(errors="replace")[-2000:]
            raise AssertionError(f"worker died or hung (exit {code}) on {path.name}:\n{tail}")
        result: dict[str, Any] = json.loads(line)
        return result

    def _start(self) -> subprocess.Popen[str]:
        self.lines = queue.Queue()
        with self.log.open("ab") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", WORKER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                cwd=REPO,
                env={**os.environ, "POLARS_MAX_THREADS": "2"},
            )
        self.pump = threading.Thread(target=_pump, args=(self.proc.stdout, self.lines), daemon=True)
        self.pump.start()
        return self.proc

    def stop(self) -> int | None:
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        with contextlib.suppress(OSError):  # a dead worker: flushing into its pipe fails
            proc.stdin.close()  # type: ignore[union-attr]
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()  # our own worker, by its handle
            code = proc.wait()
        if self.pump is not None:
            self.pump.join(timeout=10)
        proc.stdout.close()  # type: ignore[union-attr]
        return code


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    w = Worker(tmp_path_factory.mktemp("fuzz_worker") / "stderr.log")
    yield w
    w.stop()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A valid B1 file (a formula with its value, a percent-formatted cell) and its package members."""
    folder = tmp_path_factory.mktemp("fuzz_xml")
    kinerja = copy.deepcopy(GOOD_B1_KINERJA)
    kinerja[0][6] = ("=F2/E2*100", 95)
    anggaran = copy.deepcopy(GOOD_B1_ANGGARAN)
    anggaran[1][5] = ("pct", 0.9)
    path = write_bidang(folder / "dasar.xlsx", kinerja, anggaran)
    with zipfile.ZipFile(path) as zf:
        return folder, {info.filename: zf.read(info) for info in zf.infolist()}


def assert_sane(codes: list[str], files: list[list[int]]) -> None:
    """Every finding is a catalogue code, every file's rows add up, and a file with no finding was really read."""
    assert set(codes) <= set(CATALOGUE), set(codes) - set(CATALOGUE)
    for read, merged, rejected in files:
        assert read == merged + rejected and rejected >= 0
    assert codes or all(read > 0 for read, _, _ in files)


def test_worker_reads_the_unmutated_file_cleanly(worker: Worker, base: tuple[Path, dict[str, bytes]]) -> None:
    folder, members = base
    result = worker.check(_rezip(folder / "LKjIP_B1_asli.xlsx", members))
    assert result == {"codes": ["N004"], "files": [[5, 5, 0]]}  # the percent-formatted 0,9 is read as 90


# -- (a) bytes of the sheet XML flipped, inserted or deleted; the package around them is re-zipped properly

TOKENS = [
    b"<", b">", b"/", b'"', b"'", b"=", b"&", b";", b"\x00", b"\xff", b"\xc3", b"</c>", b"<c>", b"<row>", b"</row>",
    b"</sheetData>", b' r="XFD1048576"', b' r="ZZZZ9999"', b' r="A0"', b' r = "B2"', b' t="e"', b' t="s"', b' t="b"',
    b' t="inlineStr"', b' t="d"', b' t="str"', b' s="1"', b' s="999"', b"<v>NaN</v>", b"<v>1e999</v>", b"<v>-0</v>",
    b"<v>#REF!</v>", b"<f>[1]Lain!A1</f>", b'<f t="shared" ref="A1:XFD1048576" si="0">A1</f>', b"&#0;", b"&#xD800;",
    b"&amp;", b"&bogus;", b"<![CDATA[", b"]]>", b'<mergeCell ref="A1:H9"/>', b' hidden="1"', b"<!--", b"-->",
    b"99999999999", b"<x:c>", b"<!DOCTYPE x>", b'<is><t>teks</t></is>',
]  # fmt: skip
MUTATION = st.tuples(
    st.sampled_from(["flip", "insert", "delete"]),
    st.booleans(),  # inside sheetData (most of the time) or anywhere in the part
    st.integers(min_value=0, max_value=1 << 24),
    st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=8)),
)


def mutate(xml: bytes, mutations: list[tuple[str, bool, int, bytes]]) -> bytes:
    data = bytearray(xml)
    for kind, in_data, n, payload in mutations:
        lo = data.find(b"<sheetData") if in_data else -1
        hi = data.find(b"</sheetData>") if in_data else -1
        lo, hi = (lo, hi) if 0 <= lo < hi else (0, len(data))
        pos = lo + n % max(1, hi - lo)
        if kind == "flip" and pos < len(data):
            data[pos] ^= payload[0] or 1
        elif kind == "insert":
            data[pos:pos] = payload
        else:
            del data[pos : pos + 1 + n % 64]
    return bytes(data)


def _rezip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    part=st.sampled_from(SHEETS),
    mutations=st.lists(MUTATION, min_size=1, max_size=6),
)
def test_damaged_sheet_xml_never_crashes_a_check(
    worker: Worker, base: tuple[Path, dict[str, bytes]], part: str, mutations: list[tuple[str, bool, int, bytes]]
) -> None:
    folder, members = base
    damaged = {**members, part: mutate(members[part], mutations)}
    result = worker.check(_rezip(folder / "LKjIP_B1_rusak.xlsx", damaged))
    assert "error" not in result, result.get("error")
    assert_sane(result["codes"], result["files"])


# -- (b) random values of every type in random cells of the data area, written by xlsxwriter (valid XML)

ODD_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
NUMBER_TEXT = st.sampled_from(
    [
        "1e308", "-1e308", "NaN", "inf", "-Infinity", "∞", "-0", "-0,0", "1.234,56", "1,234.56", "12,5%", "Rp 1.000",
        "(5)", "1e-400", "1e999999999999999999", "1e-999999999999999999", "#DIV/0!", "=SUM(A1:A3)", "TRUE", "٣٤",
        "１２", "1 000", "5 KK", "9 " + "kata " * 20, "0x1F", "1_000", "+-1", "..", ",", "%", "Rp", "1e", "e5",
    ]
)  # fmt: skip
FORMULA = st.tuples(
    st.sampled_from(["=1/0", "=F2*100", "=SUM(D3:D4)", "=[1]Lain!A1", "='C:\\x\\[y.xlsx]S'!A1", '="teks"', "=NA()"]),
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(["#DIV/0!", "#N/A", "#REF!", "teks", ""]),
        st.booleans(),
    ),
)
VALUE = st.one_of(
    st.none(),
    ODD_TEXT,
    NUMBER_TEXT,
    st.floats(allow_nan=False, allow_infinity=False),  # xlsxwriter cannot write NaN or infinity
    st.integers(min_value=-(10**18), max_value=10**18),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    FORMULA,
)
EDIT = st.tuples(st.sampled_from(["Kinerja", "Anggaran"]), st.integers(1, 4), st.integers(0, 7), VALUE)


def write_cells(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """The layout of tests.helpers.write_bidang, with booleans, dates and formulas of any cached value too."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    formats = cell_formats(wb)
    for name, header in (("Kinerja", KINERJA_HEADER), ("Anggaran", ANGGARAN_HEADER)):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header)
        for r, row in enumerate(sheets[name], start=1):
            for c, value in enumerate(row):
                write_cell(ws, r, c, value, formats)
    meta = wb.add_worksheet("_meta")
    for r, pair in enumerate((("Instansi", "Dinas Uji"), ("Tahun", "2017"), ("Kode Bidang", "B1"))):
        meta.write_row(r, 0, pair)
    meta.hide()
    wb.close()
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(EDIT, min_size=1, max_size=8))
def test_absurd_cell_values_never_crash_a_check(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int, int, Any]]
) -> None:
    sheets = {"Kinerja": copy.deepcopy(GOOD_B1_KINERJA), "Anggaran": [[*r, None] for r in GOOD_B1_ANGGARAN]}
    final: dict[tuple[str, int, int], Any] = {}
    for sheet, row, col, value in edits:
        rows = sheets[sheet]
        while len(rows) < row:
            rows.append([None] * 8)
        rows[row - 1][col] = value
        final[sheet, row, col] = value
    path = write_cells(tmp_path_factory.getbasetemp() / "LKjIP_B1_acak.xlsx", sheets)
    report = check_files([path], small_master())
    assert_sane([f.code for f in report.findings], [[s.rows_read, s.rows_merged, s.rows_rejected] for s in report.files])
    located = {(f.code, f.location) for f in report.findings}
    for (sheet, row, col), value in final.items():
        cell = f"{sheet}!{'ABCDEFGH'[col]}{row + 1}"
        if col in NUMERIC[sheet] and isinstance(value, dt.datetime):
            assert ("N007", cell) in located  # a date where a number belongs is always said so, at its cell
        elif col in NUMERIC[sheet] and isinstance(value, bool):
            assert ("N002", cell) in located
