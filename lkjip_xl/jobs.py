"""The library behind each command: init, template, check, merge, banding, demo. Never prints."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjip_xl.checks.runner import Report, check_files
from lkjip_xl.findings import Finding, Severity, readable
from lkjip_xl.intake.master import MasterError, read_master
from lkjip_xl.intake.parallel import Progress, start_reading
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.triwulan import TriwulanState

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"})


class LkjipError(Exception):
    """The command cannot run at all (bad arguments, unreadable master): exit code 2."""


@dataclass
class MergeResult:
    report: Report
    output: Path
    skipped: list[str] = field(default_factory=list)
    # wall seconds of each phase, in order (bench/bench_merge.py prints them): where a large merge spends its time
    seconds: dict[str, float] = field(default_factory=dict)
    returned: list[Path] | None = None  # --kembalikan: the annotated copies and messages written (None: not asked)
    changes: Any = None  # --sebelumnya: compare.Changes since that result
    document: Path | None = None  # --docx (and demo): the Word document written beside the workbook


@dataclass
class BandingResult:
    """`banding`: the two versions of one bidang file checked, and what changed between them."""

    before: Report
    after: Report
    changes: Any


@contextmanager
def _batch() -> Iterator[None]:
    """Cyclic garbage collection paused for one batch job, then restored.

    A merge allocates millions of small objects that form no cycles; at 1,000 files the collector's
    passes over them took 0.4 s (measured with gc.callbacks). Reference counting still frees memory.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def init_master(directory: Path, contoh: bool = False) -> Path:
    """Write a blank master (or the Magelang 2017 example) into `directory`."""
    from lkjip_xl.example.build import build_master
    from lkjip_xl.planning.master_writer import write_master

    master = build_master() if contoh else None
    name = f"master_lkjip_{master.instansi.tahun}.xlsx" if master else "master_lkjip.xlsx"
    path = directory / name
    if path.exists():
        raise LkjipError(f"'{path}' sudah ada; hapus atau pilih folder lain agar tidak tertimpa.")
    return write_master(master, path)


def init_from_result(directory: Path, dari: Path, tahun: int | None = None) -> tuple[Path, list[Finding]]:
    """Next year's master from a finished year's result `dari`, yearly or the fourth quarter's (the planning data it
    keeps, its realisasi)."""
    from lkjip_xl.intake.triwulan_state import StateError, read_result
    from lkjip_xl.planning.master_writer import write_master
    from lkjip_xl.planning.rollover import next_year
    from lkjip_xl.planning.triwulan import roman

    if not dari.is_file():
        raise LkjipError(f"Hasil '{dari}' tidak ditemukan.")
    try:
        master, state, _ = read_result(dari)
    except StateError as exc:
        raise LkjipError(str(exc)) from exc
    if not state.tahunan and state.triwulan != 4:
        raise LkjipError(
            f"'{dari.name}' adalah hasil triwulan {roman(state.triwulan)}: tahunnya belum selesai. "
            "Pakai hasil tahunan atau hasil triwulan IV."
        )
    if tahun is not None and tahun <= master.instansi.tahun:
        raise LkjipError(f"--tahun {tahun} tidak sesudah tahun hasil ({master.instansi.tahun}).")
    new, findings = next_year(master, state, tahun)
    path = directory / new.file
    if path.exists():
        raise LkjipError(f"'{path}' sudah ada; hapus atau pilih folder lain agar tidak tertimpa.")
    return write_master(new, path), findings


def _master_exists(path: Path) -> None:
    if not path.is_file():
        raise LkjipError(f"Master '{path}' tidak ditemukan. Periksa nama dan folder berkas master.")


def load_master(path: Path) -> tuple[Master, list[Finding]]:
    _master_exists(path)
    try:
        return read_master(path)
    except MasterError as exc:
        raise LkjipError(str(exc)) from exc


def make_templates(
    master_path: Path, out_dir: Path, force: bool = False, triwulan: int | None = None, sebelumnya: Path | None = None
) -> tuple[list[Path], list[Finding]]:
    """One template per bidang (for quarter `triwulan` when given, earlier quarters from the result `sebelumnya`);
    none are written while the master has errors, and none replaces an existing file without `force` (a bidang's
    filled file saved under its template's name would be lost)."""
    from lkjip_xl.planning.templates import template_filename, write_templates
    from lkjip_xl.planning.templates_triwulan import triwulan_filename, write_triwulan_templates

    master, findings = load_master(master_path)
    previous = previous_quarter(master, triwulan, sebelumnya)
    if any(f.severity is Severity.ERROR for f in findings):
        return [], findings
    if not master.bidang:
        raise LkjipError("Master belum berisi bidang; isi lembar Bidang terlebih dahulu.")
    names = [template_filename(master, b) if triwulan is None else triwulan_filename(master, b, triwulan) for b in master.bidang]
    existing = [name for name in names if (out_dir / name).exists()]
    if existing and not force:
        raise LkjipError(
            f"Di '{out_dir}' sudah ada: {_some(existing)}. Bila itu berkas yang sudah diisi bidang, ia akan hilang; "
            "pilih folder lain, atau pakai --force untuk menimpanya."
        )
    if triwulan is not None:
        return write_triwulan_templates(master, out_dir, triwulan, previous), findings
    return write_templates(master, out_dir), findings


def previous_quarter(master: Master, triwulan: int | None, sebelumnya: Path | None) -> TriwulanState | None:
    """The quarter values of an earlier result of this year: the previous quarter's (N−1), or an earlier run of
    this quarter (its quarters before N are the ones already reported). None without --triwulan: then
    `sebelumnya` only serves the comparison of findings."""
    from lkjip_xl.intake.table import normalise_label
    from lkjip_xl.intake.triwulan_state import StateError, read_state
    from lkjip_xl.planning.triwulan import roman

    if triwulan is not None and triwulan not in (1, 2, 3, 4):
        raise LkjipError(f"--triwulan harus 1, 2, 3 atau 4, bukan {triwulan}.")
    if sebelumnya is None or triwulan is None:
        return None
    if not sebelumnya.is_file():
        raise LkjipError(f"Hasil sebelumnya '{sebelumnya}' tidak ditemukan.")
    try:
        state = read_state(sebelumnya)
    except StateError as exc:
        if triwulan == 1:  # no earlier quarter to take: any earlier result serves the comparison alone
            return None
        raise LkjipError(str(exc)) from exc
    inst = master.instansi
    if state.tahun != inst.tahun or normalise_label(state.instansi) != normalise_label(inst.nama):
        raise LkjipError(
            f"'{sebelumnya.name}' adalah hasil {state.instansi} tahun {state.tahun}; master untuk {inst.nama} tahun {inst.tahun}."
        )
    if state.triwulan not in (triwulan - 1, triwulan):
        raise LkjipError(
            f"'{sebelumnya.name}' adalah hasil triwulan {roman(state.triwulan)}; untuk triwulan {roman(triwulan)} "
            f"pakai hasil triwulan {roman(max(triwulan - 1, 1))} (atau hasil triwulan {roman(triwulan)} sebelumnya)."
        )
    return state


def check(paths: list[Path], master_path: Path, progress: Progress | None = None, triwulan: int | None = None) -> Report:
    """Check files one by one (a folder given stands for the spreadsheets in it, as in `merge`); quarterly files
    with `triwulan`."""
    from lkjip_xl.checks.triwulan import QuarterPass

    master, findings = load_master(master_path)
    previous_quarter(master, triwulan, None)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise LkjipError(f"Berkas tidak ditemukan: {', '.join(missing)}")
    files: list[Path] = []
    for path in paths:
        if path.is_dir() and path.suffix.lower() not in SPREADSHEET_SUFFIXES:
            inside, skipped, _ = list_inbox(path, master_path)
            files += inside
            findings += skipped
        else:
            files.append(path)
    files = list({p.resolve(): p for p in files}.values())  # the same file named twice is read once
    with _batch():
        return check_files(files, master, findings, progress=progress, prepare=QuarterPass(master, triwulan))


def list_inbox(inbox: Path, master: Path | None = None) -> tuple[list[Path], list[Finding], list[str]]:
    """Spreadsheet candidates of the inbox, and one finding per entry that is skipped (the master, when the
    Sekretariat keeps it in the same folder, among them)."""
    if not inbox.is_dir():
        raise LkjipError(f"Folder kotak masuk '{inbox}' tidak ditemukan.")
    files: list[Path] = []
    findings: list[Finding] = []
    skipped: list[str] = []
    master_stat = _stat(master) if master is not None else None
    for entry in sorted(inbox.iterdir(), key=lambda p: p.name):
        if master_stat is not None and (entry_stat := _stat(entry)) is not None and os.path.samestat(entry_stat, master_stat):
            findings.append(Finding.make("B027", f"Berkas master '{entry.name}' ada di kotak masuk; dilewati.", file=entry.name))
            skipped.append(readable(entry.name))
        elif entry.name.startswith("~$"):
            findings.append(Finding.make("B011", f"Berkas kunci Office '{entry.name}' dilewati.", file=entry.name))
            skipped.append(readable(entry.name))
        elif entry.suffix.lower() in SPREADSHEET_SUFFIXES:
            files.append(entry)  # includes directories named .xlsx: the guard reports them
        else:
            message = (
                f"'{entry.name}' adalah folder; isinya tidak dibaca. Letakkan berkas bidang langsung di kotak masuk."
                if entry.is_dir()
                else f"'{entry.name}' bukan lembar kerja Excel; dilewati."
            )
            findings.append(Finding.make("B014", message, file=entry.name))
            skipped.append(readable(entry.name))
    return files, findings, skipped


def _some(names: list[str], shown: int = 5) -> str:
    """'a, b, c' or 'a, b, c, d, e, dan 3 lainnya': a list of names short enough for one message."""
    rest = len(names) - shown
    return ", ".join(names[:shown]) + (f", dan {rest} lainnya" if rest > 0 else "")


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _same_file(a: Path, b: Path) -> bool:
    sa, sb = _stat(a), _stat(b)
    return sa is not None and sb is not None and os.path.samestat(sa, sb)


def _check_output(output: Path, inbox: Path, force: bool) -> None:
    out = output.resolve()
    if out.parent == inbox.resolve() or inbox.resolve() in out.parents:
        raise LkjipError(f"Workbook hasil tidak boleh ditulis di dalam kotak masuk '{inbox}'. Pilih lokasi lain.")
    if out.suffix.lower() != ".xlsx":
        raise LkjipError(f"Nama workbook hasil harus berakhiran .xlsx: '{output}'.")
    if out.is_dir():
        raise LkjipError(f"'{output}' adalah folder.")
    if out.exists() and not force:
        raise LkjipError(f"'{output}' sudah ada. Pakai --force untuk menimpanya.")
    if not out.parent.is_dir():
        raise LkjipError(f"Folder '{out.parent}' tidak ada.")


def _check_return_dir(directory: Path, inbox: Path) -> None:
    where = directory.resolve()
    if where == inbox.resolve() or inbox.resolve() in where.parents:
        raise LkjipError(f"Folder --kembalikan '{directory}' tidak boleh kotak masuk atau di dalamnya. Pilih folder lain.")
    if where.exists() and not where.is_dir():
        raise LkjipError(f"--kembalikan '{directory}' adalah berkas, bukan folder.")


def merge(
    master_path: Path,
    inbox: Path,
    output: Path,
    force: bool = False,
    progress: Progress | None = None,
    kembalikan: Path | None = None,
    sebelumnya: Path | None = None,
    docx: Path | None = None,
    triwulan: int | None = None,
) -> MergeResult:
    """Check every file of the inbox and the set, consolidate, and write the finished workbook; with
    `kembalikan`, an annotated copy and a message for every file with findings, in that folder; with `docx`,
    the Word document of Bab II and Bab III; for quarter `triwulan` when given (quarter values of the earlier
    quarters from the result `sebelumnya`, which also serves the comparison of findings)."""
    from lkjip_xl.checks.triwulan import QuarterPass
    from lkjip_xl.consolidate.compare import trail_of
    from lkjip_xl.consolidate.tables import consolidate
    from lkjip_xl.workbook.writer import write_workbook

    _check_output(output, inbox, force)
    if docx is not None:
        _check_document(docx, inbox, output, force)
    if kembalikan is not None:
        _check_return_dir(kembalikan, inbox)
    earlier = _earlier(sebelumnya, output) if sebelumnya is not None else None
    _master_exists(master_path)  # before any worker starts
    if _same_file(output, master_path):
        raise LkjipError(f"Workbook hasil '{output}' adalah master itu sendiri; master tidak pernah ditimpa. Pilih nama lain.")
    files, inbox_findings, skipped = list_inbox(inbox, master_path)
    clock = _Phases()
    with _batch():
        # many files are read by worker processes while this process loads the master and the check libraries
        reading = start_reading(files)
        try:
            if reading.parallel:
                from lkjip_xl.checks.schema import load_check_libraries

                load_check_libraries()
                clock.done("libraries")
            master, master_findings = load_master(master_path)
            previous = previous_quarter(master, triwulan, sebelumnya)
            quarters = QuarterPass(master, triwulan, previous)
            clock.done("master")
            reading.result(progress)
            clock.done("reading")  # what is left of it once the master is loaded
            report = check_files(
                files,
                master,
                master_findings + inbox_findings,
                whole_set=True,
                progress=progress,
                reading=reading,
                prepare=quarters,
            )
            clock.done("checks")
        finally:
            reading.cancel()
        consolidated = consolidate(report, skipped)
        consolidated.trail = trail_of(report)
        if earlier is not None:
            consolidated.changes = _compare(earlier, consolidated.trail, report.master)
        if triwulan is not None:
            from lkjip_xl.consolidate.triwulan import consolidate_triwulan

            consolidated.triwulan = consolidate_triwulan(report, quarters, previous)
        clock.done("consolidate")
        try:
            written = write_workbook(consolidated, output)
        except PermissionError as exc:
            raise LkjipError(
                f"Workbook '{output}' tidak dapat ditulis (mungkin sedang terbuka di Excel): tutup berkasnya lalu jalankan lagi."
            ) from exc
        clock.done("write")
        returned = _write_returns(report, files, kembalikan) if kembalikan is not None else None
        document = None
        if docx is not None:
            from lkjip_xl.workbook.document import write_document

            try:
                document = write_document(consolidated, docx)
            except PermissionError as exc:
                raise LkjipError(
                    f"Dokumen '{docx}' tidak dapat ditulis (mungkin sedang terbuka di Word): tutup lalu jalankan lagi."
                ) from exc
            clock.done("document")
    return MergeResult(report, written, skipped, clock.seconds, returned, consolidated.changes, document)


def _check_document(docx: Path, inbox: Path, output: Path, force: bool) -> None:
    out = docx.resolve()
    if out.parent == inbox.resolve() or inbox.resolve() in out.parents:
        raise LkjipError(f"Dokumen tidak boleh ditulis di dalam kotak masuk '{inbox}'. Pilih lokasi lain.")
    if out.suffix.lower() != ".docx":
        raise LkjipError(f"Nama dokumen harus berakhiran .docx: '{docx}'.")
    if out == output.resolve() or out.is_dir():
        raise LkjipError(f"'{docx}' tidak dapat dipakai sebagai dokumen (folder, atau sama dengan workbook hasil).")
    if out.exists() and not force:
        raise LkjipError(f"'{docx}' sudah ada. Pakai --force untuk menimpanya.")
    if not out.parent.is_dir():
        raise LkjipError(f"Folder '{out.parent}' tidak ada.")


def _earlier(path: Path, output: Path) -> Any:
    """The trail of an earlier result, read before the output may replace it (the same name with --force)."""
    from lkjip_xl.consolidate.compare import TrailError, read_trail

    try:
        return read_trail(path)
    except TrailError as exc:
        raise LkjipError(str(exc)) from exc


def _compare(earlier: Any, now: Any, master: Master) -> Any:
    from lkjip_xl.consolidate.compare import TrailError, compare, same_report

    try:
        same_report(earlier, master)
    except TrailError as exc:
        raise LkjipError(str(exc)) from exc
    return compare(earlier, now)


def banding(before: Path, after: Path, master_path: Path) -> BandingResult:
    """Two versions of one bidang file: each checked as `check` does, then compared like merge --sebelumnya."""
    from lkjip_xl.consolidate.compare import compare, trail_of

    master, master_findings = load_master(master_path)
    for path in (before, after):
        if not path.is_file():
            raise LkjipError(f"Berkas '{path}' tidak ditemukan.")
    if _same_file(before, after):
        raise LkjipError("Kedua berkas yang dibandingkan adalah berkas yang sama; pilih versi lama dan versi baru.")
    with _batch():
        old = check_files([before], master, list(master_findings))
        new = check_files([after], master, list(master_findings))
    return BandingResult(old, new, compare(trail_of(old), trail_of(new)))


def _write_returns(report: Report, files: list[Path], directory: Path) -> list[Path]:
    from lkjip_xl.workbook.returns import write_returns

    directory.mkdir(parents=True, exist_ok=True)
    try:
        return write_returns(report, files, directory)
    except PermissionError as exc:
        raise LkjipError(
            f"Berkas di '{directory}' tidak dapat ditulis (mungkin sedang terbuka di Excel): {exc.filename}."
        ) from exc


class _Phases:
    """Wall seconds per phase of one job, measured back to back."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def done(self, phase: str) -> None:
        now = time.perf_counter()
        self.seconds[phase] = now - self._last
        self._last = now


DEMO_MASTER, DEMO_OUTPUT, DEMO_DOCUMENT = "master_lkjip_2017.xlsx", "LKjIP_2017_gabungan.xlsx", "LKjIP_2017_gabungan.docx"


def demo(directory: Path, progress: Progress | None = None) -> MergeResult:
    """The main job on the built-in example: master, templates, files filled as published, merge."""
    from lkjip_xl.example.build import build_master, fill_with_published
    from lkjip_xl.planning.master_writer import write_master
    from lkjip_xl.planning.templates import template_filename, write_templates

    example = build_master()
    names = {template_filename(example, b) for b in example.bidang}
    foreign = _not_from_demo(directory, names)
    if foreign:
        raise LkjipError(
            f"Folder '{directory}' sudah berisi berkas lain ({_some(foreign)}); demo hanya ditulis ke folder baru atau ke "
            "folder demo sebelumnya, agar tidak menimpa atau mencampuri data sungguhan. Pilih folder lain."
        )
    directory.mkdir(parents=True, exist_ok=True)
    master_path = write_master(example, directory / DEMO_MASTER)
    master, _ = load_master(master_path)
    templates = write_templates(master, directory / "template")
    inbox = directory / "kotak_masuk"
    inbox.mkdir(exist_ok=True)
    for t in templates:
        fill_with_published(t, inbox / t.name)
    return merge(master_path, inbox, directory / DEMO_OUTPUT, force=True, progress=progress, docx=directory / DEMO_DOCUMENT)


def _not_from_demo(directory: Path, file_names: set[str]) -> list[str]:
    """Entries of `directory` the demo would not have written (the demo overwrites its own files only)."""
    if not directory.is_dir():
        return [directory.name] if directory.exists() else []
    ours = {DEMO_MASTER, DEMO_OUTPUT, DEMO_DOCUMENT, "template", "kotak_masuk"}
    temporary = (f".{DEMO_OUTPUT}.tmp-", f".{DEMO_DOCUMENT}.tmp-")
    foreign = sorted(e.name for e in directory.iterdir() if e.name not in ours and not e.name.startswith(temporary))
    for sub in ("template", "kotak_masuk"):
        folder = directory / sub
        if folder.is_dir():
            foreign += sorted(f"{sub}/{e.name}" for e in folder.iterdir() if e.name not in file_names)
        elif folder.exists():
            foreign.append(sub)
    return foreign
