"""Reading many bidang files at once: in worker processes past a threshold, a file that kills its reader isolated."""

from __future__ import annotations

import gc
import os
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lkjip_xl.findings import Finding, readable
from lkjip_xl.intake.reader import BidangFile, assign_bidang, bidang_from_name, read_bidang_file

Progress = Callable[[str], None]


# below this many files, starting worker processes costs more than it saves: a spawned worker starts a fresh
# interpreter (≈0.3 s), a forked one is a copy of this process (measured: from 200 files on it pays)
PARALLEL_MIN_FILES = {"spawn": 300, "fork": 50}


def display_names(paths: list[Path]) -> list[str]:
    """How each input is named in findings: its file name, or its path when two inputs share a name."""
    counts = Counter(p.name for p in paths)
    return [readable(str(p) if counts[p.name] > 1 else p.name) for p in paths]


def worker_init() -> None:
    """A reading worker: cyclic GC off (as in jobs._batch) and Ctrl-C left to the main process, which ends the
    workers itself (Reading.cancel): a terminal's Ctrl-C reaches every process of the group, and a worker that
    died of it would print its own traceback and look like a file that killed its reader."""
    import signal

    gc.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=worker_init)
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
        """Stop reading: no worker stays behind (a worker blocked sending a result nobody reads would keep the
        command's output pipe open: `lkjip-xl merge … | tee log` would never return)."""
        if self._pool is not None:
            stop_workers(self._pool)
        self._pool = self._results = None


def stop_workers(pool: Any) -> None:
    """Shut a process pool down and end its workers now: terminated, joined, killed if they do not end."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(WORKER_JOIN_SECONDS)
        if proc.is_alive():
            proc.kill()
            proc.join(WORKER_JOIN_SECONDS)


WORKER_JOIN_SECONDS = 2.0


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
            with ProcessPoolExecutor(min(workers, len(pending)), mp_context=context, initializer=worker_init) as pool:
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
        with ProcessPoolExecutor(1, mp_context=context, initializer=worker_init) as pool:
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
