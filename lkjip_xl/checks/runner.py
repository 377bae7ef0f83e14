"""Check bidang files against the master: read each, screen the set, run the sheet checks on all rows at once."""

from __future__ import annotations

import gc
import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjip_xl.findings import Finding, Severity, count_by_severity, readable, sort_findings
from lkjip_xl.intake.reader import BidangFile, assign_bidang, bidang_from_name, read_bidang_file
from lkjip_xl.intake.table import normalise_label
from lkjip_xl.planning.model import Master


@dataclass
class FileSummary:
    """Row accounting for one input: rows read = rows merged + rows rejected."""

    name: str
    bidang: str = ""
    sha256: str = ""
    rows_read: int = 0
    rows_merged: int = 0
    rows_rejected: int = 0
    merged: bool = False


@dataclass
class Report:
    """The outcome of `check` or `merge`: every finding, per-file accounting and the accepted rows."""

    master: Master
    files: list[FileSummary]
    findings: list[Finding]
    kinerja: Any = None  # polars frame of accepted Kinerja rows of merged files
    anggaran: Any = None
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[Severity, int]:
        return count_by_severity(self.findings)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    def exit_code(self, strict: bool = False) -> int:
        c = self.counts
        return 1 if c[Severity.ERROR] or (strict and c[Severity.WARNING]) else 0


Progress = Callable[[str], None]


def check_files(
    paths: list[Path],
    master: Master,
    master_findings: list[Finding] | None = None,
    *,
    whole_set: bool = False,
    progress: Progress | None = None,
    reading: Reading | None = None,
) -> Report:
    """Read and check every file; with `whole_set`, also check the set (missing and duplicate bidang).

    `reading`: the same paths already being read (see `start_reading`), e.g. while the master was loaded.
    """
    files = (reading or start_reading(paths)).result(progress)
    name_bidang(files, {b.kode: b.nama for b in master.bidang})
    findings: list[Finding] = list(master_findings or [])
    for f in files:
        findings.extend(f.findings)
    unchecked, set_findings = _screen_set(files, master)
    findings.extend(set_findings)
    unmerged = dict(unchecked)
    if whole_set:
        findings.extend(_set_findings(files, master, unchecked, unmerged))
    # files claiming the same bidang are still checked row by row (every problem shown) but never merged
    checked = [f for f in files if f.readable and f.name not in unchecked]
    report = _check_rows(checked, master, findings)
    report.files = _account(files, report, unmerged)
    report.findings = sort_findings(report.findings)
    return report


# below this many files, starting worker processes costs more than it saves: a spawned worker starts a fresh
# interpreter (≈0.3 s), a forked one is a copy of this process (measured: from 200 files on it pays)
PARALLEL_MIN_FILES = {"spawn": 300, "fork": 50}


def display_names(paths: list[Path]) -> list[str]:
    """How each input is named in findings: its file name, or its path when two inputs share a name."""
    counts = Counter(p.name for p in paths)
    return [readable(str(p) if counts[p.name] > 1 else p.name) for p in paths]


def _read_one(job: tuple[Path, str]) -> BidangFile:
    return read_bidang_file(job[0], None, job[1])


def name_bidang(files: list[BidangFile], names: dict[str, str]) -> None:
    """Files without metadata get their bidang from their file name (which needs the master's bidang)."""
    for f in files:
        if f.readable and not f.bidang:
            assign_bidang(f, bidang_from_name(f.name, names))


class Reading:
    """Files being read, in worker processes when there are many, while the caller goes on (loads the master)."""

    def __init__(self, paths: list[Path], parallel_min: int | None = None, start_method: str | None = None) -> None:
        self.jobs = list(zip(paths, display_names(paths), strict=True))
        self._pool: Any = None
        self._results: Any = None
        self._files: list[BidangFile] | None = None
        self._workers = min(os.cpu_count() or 1, 8)
        self._method = start_method  # None: chosen where processes are started (start_method_here)
        method = start_method or start_method_here()
        threshold = PARALLEL_MIN_FILES[method] if parallel_min is None else parallel_min
        if len(self.jobs) >= threshold and self._workers >= 2:
            self._start(self._workers, method)

    def _start(self, workers: int, method: str) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            # workers allocate many small objects and no cycles: cyclic GC off, as in jobs._batch
            context = multiprocessing.get_context(method)
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=gc.disable)
            chunk = max(1, len(self.jobs) // (workers * 8))
            self._results = self._pool.map(_read_one, self.jobs, chunksize=chunk)
        except (OSError, RuntimeError, ValueError):  # no processes here (or no importable __main__): read in-process
            self.cancel()

    @property
    def parallel(self) -> bool:
        return self._results is not None

    def result(self, progress: Progress | None = None) -> list[BidangFile]:
        """Every file, in input order (read once: a second call returns the same list)."""
        if self._files is None:
            self._files = self._collect(progress)
        return self._files

    def _collect(self, progress: Progress | None) -> list[BidangFile]:
        from concurrent.futures.process import BrokenProcessPool

        if self._results is not None:
            files: list[BidangFile] = []
            try:
                for f in self._results:
                    files.append(f)
                    if progress:
                        progress(f.name)
                self._pool.shutdown(wait=True)  # idle workers end now, not at interpreter exit
                return files
            except BrokenProcessPool:
                # a worker died: perhaps a file killed its reader (an abort inside calamine), which would kill
                # this process too if read here. The rest is read in fresh workers, and such a file is named.
                self.cancel()
                return files + _read_isolated(self.jobs[len(files) :], self._workers, self._method, progress)
            except OSError:
                pass  # the workers cannot be reached: read everything here instead
            finally:
                self.cancel()
        files = []
        for job in self.jobs:
            files.append(_read_one(job))
            if progress:
                progress(job[1])
        return files

    def cancel(self) -> None:
        if self._pool is not None:
            # workers still reading are ended too: the CLI leaves by os._exit, which takes the pool's manager
            # thread with it, and a worker left waiting on its queues would then wait for ever
            workers = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()
        self._pool = self._results = None


def _read_isolated(jobs: list[tuple[Path, str]], workers: int, method: str | None, progress: Progress | None) -> list[BidangFile]:
    """Read `jobs` in fresh worker processes, in order. When the workers die again, the first file not yet
    read is read alone: if it kills that reader too, it is a B024 and the others go on. Each round reads at
    least one file, so this ends; a file that kills a reader costs two pool starts, no more."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = _context(method)
    files: list[BidangFile] = []
    pending = list(jobs)
    while pending:
        try:
            with ProcessPoolExecutor(min(workers, len(pending)), mp_context=context) as pool:
                for future in [pool.submit(_read_one, job) for job in pending]:
                    files.append(future.result())
                    if progress:
                        progress(files[-1].name)
                    pending.pop(0)
        except BrokenProcessPool:
            suspect = pending.pop(0)
            files.append(_read_alone(suspect, context))
            if progress:
                progress(suspect[1])
        except (OSError, RuntimeError, ValueError):  # no processes can be started now: read here after all
            files += [_read_one(job) for job in pending]
            pending = []
    return files


def _read_alone(job: tuple[Path, str], context: Any) -> BidangFile:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            return pool.submit(_read_one, job).result()
    except BrokenProcessPool:
        message = "Berkas menghentikan proses yang membacanya (isinya rusak atau sengaja dibuat begitu); tidak dibaca."
        return BidangFile(path=job[0], name=job[1], findings=[Finding.make("B024", message, file=job[1])])


def _context(method: str | None) -> Any:
    """The start method asked for, or the one safe here now (this process may have loaded polars meanwhile)."""
    import multiprocessing

    return multiprocessing.get_context(method or start_method_here())


def start_reading(paths: list[Path], parallel_min: int | None = None) -> Reading:
    return Reading(paths, parallel_min)


def start_method_here() -> str:
    """fork where it is safe and cheap, else spawn.

    Forking copies this process as it is: ~0.15 s less per worker than spawning a fresh interpreter that
    imports the command again. It is safe only on Linux (macOS system libraries are not fork-safe; Windows
    cannot fork) while this process runs a single thread and has not loaded polars, whose thread pool a
    forked child would inherit in an unknown state. `merge` starts reading before it imports polars.
    """
    import threading

    if sys.platform == "linux" and threading.active_count() == 1 and "polars" not in sys.modules:
        return "fork"
    return "spawn"


def _screen_set(files: list[BidangFile], master: Master) -> tuple[dict[str, str], list[Finding]]:
    """Files whose rows cannot be checked or merged (name → reason code), with their findings."""
    out: list[Finding] = []
    excluded: dict[str, str] = {}
    known = master.bidang_by_kode()
    for f in files:
        if not f.readable:
            continue
        meta = f.meta
        if not f.bidang:
            out.append(
                Finding.make(
                    "B013",
                    f"Bidang berkas '{f.name}' tidak dikenali dari metadata maupun nama berkas.",
                    file=f.name,
                    sheet="_meta",
                )
            )
            excluded[f.name] = "B013"
        elif f.bidang not in known:
            out.append(
                Finding.make(
                    "G003",
                    f"Bidang '{f.bidang}' tidak ada di master.",
                    file=f.name,
                    sheet="_meta",
                    cell="B4",
                    bidang=f.bidang,
                    actual=f.bidang,
                    expected=", ".join(known),
                )
            )
            excluded[f.name] = "G003"
        elif meta and (
            meta.get("tahun") != str(master.instansi.tahun)
            or normalise_label(meta.get("instansi", "")) != normalise_label(master.instansi.nama)
        ):
            out.append(
                Finding.make(
                    "G004",
                    f"Berkas untuk {meta.get('instansi', '?')} tahun {meta.get('tahun', '?')}, master untuk "
                    f"{master.instansi.nama} tahun {master.instansi.tahun}.",
                    file=f.name,
                    sheet="_meta",
                    cell="B3",
                    bidang=f.bidang,
                    expected=f"{master.instansi.nama} {master.instansi.tahun}",
                    actual=f"{meta.get('instansi', '')} {meta.get('tahun', '')}",
                )
            )
            excluded[f.name] = "G004"
    return excluded, out


def _set_findings(files: list[BidangFile], master: Master, unchecked: dict[str, str], unmerged: dict[str, str]) -> list[Finding]:
    out: list[Finding] = []
    claims = Counter(f.bidang for f in files if f.readable and f.name not in unchecked)
    for f in files:
        if f.readable and f.name not in unchecked and claims[f.bidang] > 1:
            others = sorted(g.name for g in files if g.bidang == f.bidang and g.name != f.name)
            out.append(
                Finding.make(
                    "G002",
                    f"Bidang {f.bidang} juga diklaim oleh: {', '.join(others)}. Tidak ada yang digabung.",
                    file=f.name,
                    bidang=f.bidang,
                    actual=f.name,
                )
            )
            unmerged[f.name] = "G002"
    for b in master.bidang:
        if claims[b.kode] == 0:
            out.append(Finding.make("G001", f"{b.nama} ({b.kode}) belum mengirim berkas.", bidang=b.kode, kode=b.kode))
    return out


def _check_rows(files: list[BidangFile], master: Master, findings: list[Finding]) -> Report:
    from lkjip_xl.checks.schema import load_check_libraries

    load_check_libraries()
    from lkjip_xl.checks.anggaran import check_anggaran
    from lkjip_xl.checks.kinerja import check_kinerja
    from lkjip_xl.intake.frames import sheet_frame

    kin_sheets = [(f.name, f.bidang) for f in files if f.kinerja is not None]
    ang_sheets = [(f.name, f.bidang) for f in files if f.anggaran is not None]
    kin_findings, kinerja = check_kinerja(sheet_frame(files, "kinerja"), master, kin_sheets)
    ang_findings, anggaran = check_anggaran(sheet_frame(files, "anggaran"), master, ang_sheets)
    findings = findings + kin_findings + ang_findings + _file_level(files, kinerja, anggaran, kin_findings + ang_findings)
    return Report(master, [], findings, kinerja, anggaran)


def _file_level(files: list[BidangFile], kinerja: Any, anggaran: Any, row_findings: list[Finding]) -> list[Finding]:
    """B023 (nothing to compare) once per file; B018 when metadata claims a bidang the rows are not of."""
    out: list[Finding] = []
    foreign = Counter(f.file for f in row_findings if f.code in ("A009", "K008"))
    accepted = Counter(kinerja["file"].to_list()) + Counter(anggaran["file"].to_list())
    for f in files:
        sheets = [s for s in (f.kinerja, f.anggaran) if s is not None]
        if any(s.unrecalculated for s in sheets):
            out.append(
                Finding.make(
                    "B023",
                    "Sebagian rumus persentase/jumlah belum punya nilai tersimpan; nilai tertulis itu tidak dibandingkan.",
                    file=f.name,
                    bidang=f.bidang,
                )
            )
        if foreign[f.name] and not accepted[f.name]:
            out.append(
                Finding.make(
                    "B018",
                    f"Metadata menyebut bidang {f.bidang}, tetapi semua baris milik bidang lain.",
                    file=f.name,
                    sheet="_meta",
                    cell="B4",
                    bidang=f.bidang,
                    actual=f.bidang,
                )
            )
    return out


def _account(files: list[BidangFile], report: Report, unmerged: dict[str, str]) -> list[FileSummary]:
    import polars as pl

    merged_files = {f.name for f in files if f.readable and f.name not in unmerged}
    accepted: Counter[str] = Counter()
    for frame in (report.kinerja, report.anggaran):
        accepted.update(frame["file"].to_list())
    for frame_name in ("kinerja", "anggaran"):
        frame = getattr(report, frame_name)
        setattr(report, frame_name, frame.filter(pl.col("file").is_in(sorted(merged_files))))
    out = []
    for f in files:
        merged = accepted[f.name] if f.name in merged_files else 0
        out.append(FileSummary(f.name, f.bidang, f.sha256, f.rows_read, merged, f.rows_read - merged, f.name in merged_files))
    return out
