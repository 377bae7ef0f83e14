"""The console report (the only module that imports rich): summary, findings tables, progress."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lkjip_xl.findings import Finding, Severity, readable
from lkjip_xl.numbers import format_id

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def inert(text: object) -> Text:
    """Text from any input shown as plain characters: no markup, no escape sequence interpreted, and a path
    that is not valid text (a file name's raw bytes) shown readably instead of failing the console."""
    return Text(_CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", readable(str(text))))


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def error(con: Console, message: str) -> None:
    con.print(Text("Tidak dapat dijalankan: ", style="bold red") + inert(message))


def summary_line(files: int, rows: int, counts: dict[Severity, int]) -> Text:
    return Text.assemble(
        f"{format_id(files)} berkas, {format_id(rows)} baris dibaca: ",
        (f"{format_id(counts[Severity.ERROR])} galat", STYLE[Severity.ERROR]),
        ", ",
        (f"{format_id(counts[Severity.WARNING])} peringatan", STYLE[Severity.WARNING]),
        ", ",
        (f"{format_id(counts[Severity.INFO])} info", STYLE[Severity.INFO]),
    )


def findings_table(findings: list[Finding], title: str) -> Table:
    table = Table(title=inert(title), title_justify="left", show_lines=False, expand=False)
    for name, kw in (
        ("Tingkat", {}),
        ("Lembar!Sel", {"no_wrap": True}),
        ("Kode", {"no_wrap": True}),
        ("Masalah", {"ratio": 3}),
        ("Seharusnya", {}),
        ("Tertulis", {}),
    ):
        table.add_column(name, **kw)  # type: ignore[arg-type]
    # errors first within a file: the rows someone must fix before the LKjIP can be signed
    for f in sorted(findings, key=lambda f: (f.severity.rank, f.sort_key())):
        table.add_row(
            Text(f.severity.label, style=STYLE[f.severity]),
            inert(f.location),
            Text(f.code),
            inert(f"{f.message} {f.hint}".strip() if f.severity is Severity.ERROR else f.message),
            inert(f.expected),
            inert(f.actual),
        )
    return table


def _by_file(findings: list[Finding]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.file, []).append(f)
    return groups


def render_report(con: Console, report: Any, *, title: str = "Hasil pemeriksaan") -> None:
    """`check`: summary line, then one table per file (or 'no problems found')."""
    con.print(Text(title, style="bold"))
    con.print(summary_line(len(report.files), report.rows_read, report.counts))
    if not report.findings:
        con.print(Text("Tidak ada masalah ditemukan.", style="bold green"))
        return
    for file, group in _by_file(report.findings).items():
        con.print(findings_table(group, f"Berkas: {file}" if file else "Umum"))


def render_merge(con: Console, result: Any) -> None:
    """`merge`: summary panel, findings grouped by bidang and file, the workbook written."""
    report = result.report
    c = report.counts
    merged = sum(1 for f in report.files if f.merged)
    bidang_count = len({f.bidang for f in report.files if f.merged})
    body = Text.assemble(
        f"Berkas dibaca: {format_id(len(report.files))} (digabung {format_id(merged)}, dilewati {format_id(len(result.skipped))})\n",
        f"Bidang digabung: {format_id(bidang_count)} dari {format_id(len(report.master.bidang))}\n",
        f"Baris: dibaca {format_id(report.rows_read)}, digabung {format_id(sum(f.rows_merged for f in report.files))}, "
        f"ditolak {format_id(sum(f.rows_rejected for f in report.files))}\n",
        ("Galat: ", ""),
        (format_id(c[Severity.ERROR]), STYLE[Severity.ERROR]),
        "   Peringatan: ",
        (format_id(c[Severity.WARNING]), STYLE[Severity.WARNING]),
        "   Info: ",
        (format_id(c[Severity.INFO]), STYLE[Severity.INFO]),
    )
    con.print(Panel(body, title=inert(f"LKjIP {report.master.instansi.nama} {report.master.instansi.tahun}"), expand=False))
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        groups.setdefault((f.bidang, f.file), []).append(f)
    for (bidang, file), group in sorted(groups.items()):
        label = " · ".join(x for x in (f"Bidang {bidang}" if bidang else "", f"Berkas {file}" if file else "") if x) or "Umum"
        con.print(findings_table(group, label))
    if not report.findings:
        con.print(Text("Tidak ada masalah ditemukan.", style="bold green"))
    con.print(Text("Workbook ditulis: ", style="bold green") + inert(str(result.output)))


def render_paths(con: Console, title: str, paths: list[Path]) -> None:
    con.print(Text(title, style="bold"))
    for p in paths:
        con.print(Text("  • ") + inert(str(p)))


@contextmanager
def progress(con: Console, total: int, threshold: int = 20) -> Iterator[Any]:
    """A progress bar when there are many files; a no-op callback otherwise."""
    if total < threshold or not con.is_terminal:
        yield None
        return
    import time

    from rich.progress import Progress

    # no auto-refresh thread: `merge` may fork worker processes, which is only safe in a single-threaded process
    with Progress(console=con, transient=True, auto_refresh=False) as bar:
        task = bar.add_task("Membaca berkas", total=total)
        shown = 0.0

        def tick(_name: str) -> None:
            nonlocal shown
            bar.advance(task)
            now = time.monotonic()
            if now - shown >= 0.1:
                shown = now
                bar.refresh()

        yield tick


def write_json(path: Path, report: Any, output: Path | None = None) -> None:
    data = {
        "files": len(report.files),
        "rows": report.rows_read,
        "errors": report.counts[Severity.ERROR],
        "warnings": report.counts[Severity.WARNING],
        "infos": report.counts[Severity.INFO],
        "output": readable(str(output)) if output else None,
        "findings": [f.to_dict() for f in report.findings],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
