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
    not_sent: dict[str, list[Finding]] = {}  # G001 by bidang, gathered once (a province may miss thousands)
    for f in report.findings:
        if f.code == "G001":
            not_sent.setdefault(f.bidang, []).append(f)
    out: list[BidangStatus] = []
    for kode, found_lines in lines.items():
        if found_lines:
            out += found_lines
        elif every_bidang:
            out.append(BidangStatus(kode, names[kode], "", BELUM, not_sent.get(kode, [])))
    return out + strays


# a console shows every line up to this many; a province's run (thousands of files) shows the lines that need
# someone first, and counts the rest: the full list is in the workbook (Sumber, Temuan) and with --rinci
CONSOLE_LINES = 30
_URGENCY = {TAK_TERBACA: 0, PERBAIKAN: 1, BELUM: 2, SIAP: 3}


@dataclass
class Shown:
    """The status lines a console shows, and how many of each status it leaves out."""

    lines: list[BidangStatus]
    hidden: dict[str, int] = field(default_factory=dict)

    @property
    def hidden_count(self) -> int:
        return sum(self.hidden.values())


def shown_status(lines: list[BidangStatus], every: bool = False, limit: int = CONSOLE_LINES) -> Shown:
    """All lines when they are few (or `every`); else up to `limit` of those needing attention (unreadable,
    galat, not sent, then peringatan), in their order, and the count per status of the lines left out."""
    if every or len(lines) <= limit:
        return Shown(lines)
    ranked = sorted(range(len(lines)), key=lambda i: (_URGENCY.get(lines[i].status, 3), lines[i].warnings == 0, i))
    keep = {i for i in ranked[:limit] if lines[i].status != SIAP or lines[i].warnings}
    hidden: dict[str, int] = {}
    for i, s in enumerate(lines):
        if i not in keep:
            hidden[s.status] = hidden.get(s.status, 0) + 1
    return Shown([s for i, s in enumerate(lines) if i in keep], hidden)


def shown_files(
    groups: list[tuple[str, str]], errors: dict[tuple[str, str], int], every: bool = False, limit: int = CONSOLE_LINES
) -> list[tuple[str, str]]:
    """The (bidang, file) sections a console shows: all when few (or `every`), else up to `limit`, those with
    galat first, each kept in sorted order."""
    if every or len(groups) <= limit:
        return groups
    ranked = sorted(range(len(groups)), key=lambda i: (errors.get(groups[i], 0) == 0, i))[:limit]
    return [groups[i] for i in sorted(ranked)]
