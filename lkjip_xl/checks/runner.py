"""Check bidang files against the master: read each, screen the set, run the sheet checks on all rows at once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjip_xl.checks.sets import complementary_sheets_dropped, screen_set, set_findings
from lkjip_xl.findings import Finding, Severity, count_by_severity, sort_findings
from lkjip_xl.intake.parallel import Progress, Reading, name_bidang, start_reading
from lkjip_xl.intake.reader import BidangFile
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
    readable: bool = True  # False: the file itself could not be opened (damaged, .xls, password, …)


@dataclass
class Report:
    """The outcome of `check` or `merge`: every finding, per-file accounting and the accepted rows."""

    master: Master
    files: list[FileSummary]
    findings: list[Finding]
    kinerja: Any = None  # polars frame of accepted Kinerja rows of merged files
    anggaran: Any = None
    notes: list[str] = field(default_factory=list)
    sdm: Any = None  # the Sekretariat's SDM sheet (intake.sdm.SdmSheet), when checked

    @property
    def counts(self) -> dict[Severity, int]:
        return count_by_severity(self.findings)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    def exit_code(self, strict: bool = False) -> int:
        c = self.counts
        return 1 if c[Severity.ERROR] or (strict and c[Severity.WARNING]) else 0


def check_files(
    paths: list[Path],
    master: Master,
    master_findings: list[Finding] | None = None,
    *,
    whole_set: bool = False,
    progress: Progress | None = None,
    reading: Reading | None = None,
    prepare: Callable[[list[BidangFile]], list[Finding]] | None = None,
) -> Report:
    """Read and check every file; with `whole_set`, also check the set (missing and duplicate bidang).

    `reading`: the same paths already being read (see `start_reading`), e.g. while the master was loaded.
    `prepare`: run on the files once read, before any check (the quarterly pass: checks/triwulan.py).
    """
    files = (reading or start_reading(paths)).result(progress)
    name_bidang(files, {b.kode: b.nama for b in master.bidang})
    findings: list[Finding] = list(master_findings or [])
    if prepare is not None:
        findings.extend(prepare(files))
    for f in files:
        findings.extend(f.findings)
    unchecked, screened = screen_set(files, master)
    dropped = complementary_sheets_dropped(files, unchecked)  # Kinerja in one file, Anggaran in another
    findings = [f for f in findings if not (f.code == "B019" and (f.file, f.sheet) in dropped)]
    findings.extend(screened)
    unmerged = dict(unchecked)
    if whole_set:
        findings.extend(set_findings(files, master, unchecked, unmerged))
    # files claiming the same bidang are still checked row by row (every problem shown) but never merged
    checked = [f for f in files if f.readable and f.name not in unchecked]
    report = _check_rows(checked, master, findings)
    from lkjip_xl.checks.sdm import check_sdm

    report.sdm, sdm_findings = check_sdm(checked, master)
    report.findings.extend(sdm_findings)
    report.files = _account(files, report, unmerged)
    report.findings = sort_findings(report.findings)
    return report


def _check_rows(files: list[BidangFile], master: Master, findings: list[Finding]) -> Report:
    from lkjip_xl.checks.schema import load_check_libraries

    load_check_libraries()
    from lkjip_xl.checks.anggaran import check_anggaran
    from lkjip_xl.checks.kinerja import check_kinerja
    from lkjip_xl.checks.totals import check_totals, without_contradictions
    from lkjip_xl.intake.frames import sheet_frame

    kin_sheets = [(f.name, f.bidang) for f in files if f.kinerja is not None]
    ang_sheets = [(f.name, f.bidang) for f in files if f.anggaran is not None]
    kin_findings, kinerja = check_kinerja(sheet_frame(files, "kinerja"), master, kin_sheets)
    ang_findings, anggaran = check_anggaran(sheet_frame(files, "anggaran"), master, ang_sheets)
    findings = findings + kin_findings + ang_findings + _file_level(files, kinerja, anggaran, kin_findings + ang_findings)
    findings += check_totals(files, anggaran)
    return Report(master, [], without_contradictions(findings), kinerja, anggaran)


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
        rows = (f.rows_read, merged, f.rows_read - merged)
        out.append(FileSummary(f.name, f.bidang, f.sha256, *rows, merged=f.name in merged_files, readable=f.readable))
    return out
