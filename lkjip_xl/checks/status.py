"""Where each bidang stands after a check or merge: siap, perlu perbaikan, belum mengirim, tidak terbaca."""

from __future__ import annotations

from dataclasses import dataclass, field

from lkjip_xl.checks.digest import frequent_codes
from lkjip_xl.checks.runner import Report
from lkjip_xl.findings import Finding, Severity
from lkjip_xl.intake.reader import bidang_from_name

SIAP, PERBAIKAN, BELUM, TAK_TERBACA = "siap", "perlu perbaikan", "belum mengirim", "tidak terbaca"


@dataclass
class BidangStatus:
    """One line of the status table: a bidang and one of its files (or none)."""

    bidang: str  # kode ("" for a file whose bidang is not known)
    nama: str
    file: str
    status: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def codes(self) -> str:
        return frequent_codes([f for f in self.findings if f.severity is not Severity.INFO])


def bidang_status(report: Report, every_bidang: bool = True) -> list[BidangStatus]:
    """A line per file, in the master's bidang order, then files of no known bidang; with `every_bidang`
    (merge), also a line for each bidang that sent nothing. An unreadable file is placed by its name."""
    names = {b.kode: b.nama for b in report.master.bidang}
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.file:
            by_file.setdefault(f.file, []).append(f)
    lines: dict[str, list[BidangStatus]] = {kode: [] for kode in names}
    strays: list[BidangStatus] = []
    for summary in report.files:
        found = by_file.get(summary.name, [])
        kode = summary.bidang or (bidang_from_name(summary.name, names) if not summary.readable else "")
        if not summary.readable:
            status = TAK_TERBACA
        elif any(f.severity is Severity.ERROR for f in found):
            status = PERBAIKAN
        else:
            status = SIAP
        line = BidangStatus(kode, names.get(kode, ""), summary.name, status, found)
        lines.get(kode, strays).append(line)
    out: list[BidangStatus] = []
    for kode, found_lines in lines.items():
        if found_lines:
            out += found_lines
        elif every_bidang:
            missing = [f for f in report.findings if f.code == "G001" and f.bidang == kode]
            out.append(BidangStatus(kode, names[kode], "", BELUM, missing))
    return out + strays
