"""calamine's own test corpus fed as bidang files, in one capped subprocess: a clear finding or a correct read, never a crash."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from lkjip_xl.findings import CATALOGUE
from tests.helpers import CAPPED_CHECKER

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "calamine"
if not CORPUS.is_dir():
    pytest.skip(f"calamine corpus not found at {CORPUS}", allow_module_level=True)

TIMEOUT = 120  # seconds for the whole corpus (about 5 s here)
_SHEET_NAME = re.compile(rb'(<(?:[A-Za-z_][\w.-]*:)?sheet\b[^>]*?\bname=")([^"]*)(")')

# Runs in the child: reads every file given on stdin, one JSON line out per file. A line {"start": …} goes out
# first, so that if calamine aborts the process the test still names the file.
CHILD = (
    CAPPED_CHECKER
    + """
for entry in json.load(sys.stdin):
    print(json.dumps({"start": entry["id"]}), flush=True)
    try:
        report = check_files([Path(entry["path"])], master)
        s = report.files[0]
        out = {"codes": sorted({f.code for f in report.findings}), "read": s.rows_read,
               "merged": s.rows_merged, "rejected": s.rows_rejected}
    except BaseException:
        out = {"error": traceback.format_exc()}
    print(json.dumps({"id": entry["id"], **out}), flush=True)
"""
)


def renamed_copy(path: Path, scratch: Path) -> Path | None:
    """The workbook with its first two sheets renamed Kinerja and Anggaran, so that their content is really read."""
    try:
        with zipfile.ZipFile(path) as zf:
            member = next((i for i in zf.infolist() if i.filename.lower() == "xl/workbook.xml"), None)
            if member is None:
                return None
            names = iter([b"Kinerja", b"Anggaran"])
            workbook = _SHEET_NAME.sub(lambda m: m.group(1) + next(names, m.group(2)) + m.group(3), zf.read(member))
            target = scratch / path.name
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
                for info in zf.infolist():
                    out.writestr(info.filename, workbook if info is member else zf.read(info))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
        return None
    return target


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """id ('asli/name' as sent, 'lembar/name' with renamed sheets) → what the child reported."""
    scratch = tmp_path_factory.mktemp("corpus_lembar")
    entries = []
    for path in sorted(p for p in CORPUS.iterdir() if p.is_file()):
        entries.append({"id": f"asli/{path.name}", "path": str(path)})
        copy = renamed_copy(path, scratch) if path.suffix in (".xlsx", ".xlsm") else None
        if copy is not None:
            entries.append({"id": f"lembar/{path.name}", "path": str(copy)})
    env = {**os.environ, "POLARS_MAX_THREADS": "2"}  # fewer thread stacks under the address-space cap
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD],
            input=json.dumps(entries),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            cwd=REPO,
            env=env,
        )
    except subprocess.TimeoutExpired as exc:
        last = [line for line in (exc.stdout or b"").decode(errors="replace").splitlines() if '"start"' in line][-1:]
        pytest.fail(f"corpus not read within {TIMEOUT} s; last file started: {last}")
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    started = [line["start"] for line in lines if "start" in line]
    finished = {line["id"]: line for line in lines if "id" in line}
    crashed = [name for name in started if name not in finished]
    died = done.returncode != 0 or bool(crashed)
    assert not died, f"child died (exit {done.returncode}) reading {crashed}:\n{done.stderr[-3000:]}"
    traceback = "Traceback" in done.stderr
    assert not traceback, done.stderr[-3000:]
    assert sorted(finished) == sorted(e["id"] for e in entries)
    return finished


def test_every_corpus_file_is_read_without_an_exception(results: dict[str, dict[str, Any]]) -> None:
    raised = {name: r["error"].splitlines()[-1] for name, r in results.items() if "error" in r}
    assert raised == {}


def test_every_corpus_file_gives_a_finding_or_rows(results: dict[str, dict[str, Any]]) -> None:
    silent = [name for name, r in results.items() if "error" not in r and not r["codes"] and not r["read"]]
    unknown = {name: r["codes"] for name, r in results.items() if set(r.get("codes", [])) - set(CATALOGUE)}
    assert silent == []
    assert unknown == {}


def test_every_corpus_file_accounts_for_its_rows(results: dict[str, dict[str, Any]]) -> None:
    broken = {n: r for n, r in results.items() if "error" not in r and r["read"] != r["merged"] + r["rejected"]}
    assert broken == {}


def test_formats_that_are_not_xlsx_are_named(results: dict[str, dict[str, Any]]) -> None:
    codes = {name: set(r.get("codes", [])) for name, r in results.items()}
    assert all("B004" in c for n, c in codes.items() if n.endswith(".ods"))
    assert all(c & {"B002", "B003"} for n, c in codes.items() if n.endswith(".xls"))
    assert "B005" in codes["asli/pass_protected.xlsx"]


def test_sheets_renamed_to_the_template_are_really_read(results: dict[str, dict[str, Any]]) -> None:
    """The renamed copies get past B010: their sheets go through calamine and the header search."""
    renamed = {n: set(r["codes"]) for n, r in results.items() if n.startswith("lembar/") and "error" not in r}
    assert len(renamed) >= 50
    assert all("B010" not in c for c in renamed.values())
    assert "B015" in renamed["lembar/issue_174.xlsx"]  # styled empty cells out to XFD1048576
