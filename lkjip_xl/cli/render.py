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

from lkjip_xl.checks.digest import Group, difference, group_findings
from lkjip_xl.checks.status import CONSOLE_LINES, SIAP, bidang_status, shown_files, shown_status
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


WIDE = 110  # from this many columns the findings are a table; narrower terminals get the stacked layout


def _panel(report: Any, skipped: int, title: str) -> Panel:
    c = report.counts
    merged = sum(1 for f in report.files if f.merged)
    bidang_count = len({f.bidang for f in report.files if f.merged})
    body = Text.assemble(
        f"Berkas dibaca: {format_id(len(report.files))} (digabung {format_id(merged)}, dilewati {format_id(skipped)})\n",
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
    return Panel(body, title=inert(title), expand=False)


_STATUS_STYLE = {"siap": "bold green", "perlu perbaikan": "bold red", "belum mengirim": "red", "tidak terbaca": "bold red"}


def status_table(lines: list[Any]) -> Table:
    """One line per bidang: its file, where it stands, its galat and peringatan, its most frequent codes."""
    table = Table(title="Status per bidang", title_justify="left", expand=False)
    table.add_column("Bidang", no_wrap=True)
    table.add_column("Berkas", overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column("Galat", justify="right", no_wrap=True)
    table.add_column("Peringatan", justify="right", no_wrap=True)
    table.add_column("Kode tersering", overflow="fold")
    for s in lines:
        table.add_row(inert(s.bidang or "?"), inert(s.file or "—"), *_status_cells(s), inert(s.codes))
    return table


def _status_cells(s: Any) -> tuple[Text, Text, Text]:
    return (
        Text(s.status, style=_STATUS_STYLE.get(s.status, "")),
        Text(format_id(s.errors), style=STYLE[Severity.ERROR] if s.errors else ""),
        Text(format_id(s.warnings), style=STYLE[Severity.WARNING] if s.warnings else ""),
    )


def _status_stacked(con: Console, lines: list[Any]) -> None:
    """Narrow terminals: a line per bidang with its counts, its file beneath (file names are long)."""
    kode_width = max([8, *(len(s.bidang) + 2 for s in lines)])
    con.print(Text("Status per bidang", style="bold"))
    con.print(Text(f"{'Bidang':<{kode_width}}{'Status':<16}{'Galat':>5}{'Peringatan':>11}  Kode tersering", style="bold"))
    for s in lines:
        status, errors, warnings = _status_cells(s)
        row = inert(f"{s.bidang or '?':<{kode_width}}").copy()
        row += status + Text(" " * (16 - len(s.status)))
        row += Text(" " * (5 - len(errors))) + errors + Text(" " * (11 - len(warnings))) + warnings
        if s.codes:
            row += Text("  ") + inert(s.codes)
        con.print(row)
        _indented(con, inert(s.file or "(tidak ada berkas)").copy(), kode_width, style="dim")


def _status(con: Console, lines: list[Any], every: bool, where: str) -> None:
    shown = shown_status(lines, every)
    if not shown.lines:
        con.print(Text("Status per bidang", style="bold"))
    elif con.width >= WIDE:
        con.print(status_table(shown.lines))
    else:
        _status_stacked(con, shown.lines)
    if shown.hidden_count:
        counts = ", ".join(f"{status} {format_id(n)}" for status, n in shown.hidden.items())
        head = (
            f"… {format_id(shown.hidden_count)} bidang lain tidak ditampilkan"
            if shown.lines
            else f"Semua {format_id(shown.hidden_count)} bidang"
        )
        _indented(con, Text(f"{head} ({counts}). Daftar lengkap: {where}.", style="dim"), 0)


_ALL_MERGE = "lembar Sumber dan Temuan di workbook, atau jalankan lagi dengan --rinci"
_ALL_CHECK = "jalankan lagi dengan --rinci atau --json"


def _values(f: Finding) -> list[Text]:
    """'tertulis X', 'seharusnya Y', 'selisih Z': written in red, expected in green, the size of the gap."""
    out = []
    if f.actual:
        out.append(Text("tertulis ") + Text(inert(f.actual).plain, style="red"))
    if f.expected:
        out.append(Text("seharusnya ") + Text(inert(f.expected).plain, style="green"))
    gap = difference(f)
    if gap:
        out.append(Text(gap, style="bold"))
    return out


def _unbroken(pieces: list[Text], width: int) -> list[Text]:
    """Pieces joined two spaces apart on as few lines as fit `width`, a piece never broken across lines."""
    lines: list[Text] = []
    for piece in pieces:
        if lines and lines[-1].cell_len + 2 + piece.cell_len <= width:
            lines[-1] = lines[-1] + Text("  ") + piece
        else:
            lines.append(piece)
    return lines


def _group_message(g: Group) -> Text:
    f = g.first
    if g.count == 1:
        return inert(f.message)
    return inert(f"{f.title}. Contoh {f.cell}: {f.message}")


_INDENT = 11


def _indented(con: Console, text: Text, indent: int, style: str = "") -> None:
    """`text` wrapped to the console beside an indent, each line without trailing spaces (plain output stays tidy)."""
    if style:
        text.stylize(style)
    for line in text.wrap(con, max(con.width - indent, 20)):
        line.rstrip()
        con.print(Text(" " * indent) + line)


def _stacked(con: Console, groups: list[Group]) -> None:
    """Narrow terminals: location and code on one line, the message and the values beneath."""
    for g in groups:
        f = g.first
        head = Text(f"{f.severity.label:<10} ", style=STYLE[f.severity]) + inert(g.location or "—").copy()
        head.stylize("bold", 11, len(head))
        head += Text(f"  {g.label}")
        if f.kode and g.count == 1:
            head += Text("  ") + inert(f.kode)
        con.print(head)
        body = [_group_message(g)]
        if f.severity is Severity.ERROR:
            body += _unbroken(_values(f), con.width - _INDENT)
        if f.severity is Severity.ERROR and f.hint:
            body.append(Text("→ ", style="dim") + inert(f.hint).copy())
        for line in body:
            _indented(con, line, _INDENT)


def _table(groups: list[Group], title: str) -> Table:
    """Wide terminals: a row per report line; the written and expected values and their gap in one column."""
    table = Table(title=inert(title), title_justify="left", expand=False)
    table.add_column("Tingkat", no_wrap=True)
    table.add_column("Lembar!Sel", overflow="fold", max_width=24)
    table.add_column("Kode", no_wrap=True)
    table.add_column("Masalah", ratio=1, min_width=30)
    table.add_column("Nilai", no_wrap=True)
    for g in groups:
        f = g.first
        error = f.severity is Severity.ERROR
        message = _group_message(g).copy()
        if error and f.hint:
            message += Text("\n→ ", style="dim") + inert(f.hint)
        values = _values(f) if error else []
        table.add_row(
            Text(f.severity.label, style=STYLE[f.severity]),
            inert(g.location),
            Text(g.label),
            message,
            Text("\n").join(values),
        )
    return table


def _sections(con: Console, findings: list[Finding], every: bool, where: str) -> None:
    """The findings of each bidang and file, under a header naming them; past a console's worth of files,
    those with galat first and a count of the rest."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.bidang, f.file), []).append(f)
    errors = {key: sum(1 for f in found if f.severity is Severity.ERROR) for key, found in groups.items()}
    keys = shown_files(sorted(groups), errors, every)
    wide = con.width >= WIDE
    for bidang, file in keys:
        found = groups[(bidang, file)]
        lines = group_findings(found, every)
        if wide:
            label = " · ".join(x for x in (f"Bidang {bidang}" if bidang else "", f"Berkas {file}" if file else "") if x)
            con.print(_table(lines, label or "Umum"))
        else:
            con.print()
            con.print(inert(" · ".join(x for x in (bidang, file) if x) or "Umum"), style="bold")
            _stacked(con, lines)
    listed = set(keys)
    left = [key for key in groups if key not in listed]
    if left:
        rest = [f for key in left for f in groups[key]]
        galat = sum(1 for f in rest if f.severity is Severity.ERROR)
        con.print()
        note = (
            f"… temuan {format_id(len(left))} berkas lain tidak ditampilkan ({format_id(galat)} galat, "
            f"{format_id(len(rest) - galat)} peringatan dan info). Semua: {where}."
        )
        _indented(con, Text(note, style="dim"), 0)


def _change_line(con: Console, kind: str, style: str, g: Group) -> None:
    f = g.first
    line = Text(f"  {kind:<11}", style=style) + inert(g.location or "—").copy() + Text(f"  {g.label}")
    if f.kode and g.count == 1:
        line += Text("  ") + inert(f.kode)
    if f.actual and g.count == 1:
        line += Text("  tertulis ") + inert(f.actual)
    con.print(line)


def render_changes(con: Console, changes: Any, title: str = "Perubahan sejak hasil sebelumnya") -> None:
    """Per bidang: findings fixed and new, values changed (old → new), the count still open, files unchanged."""
    from lkjip_xl.consolidate.compare import shown

    con.print()
    con.print(Text(title, style="bold"))
    bidang = changes.bidang()
    if not bidang:
        con.print(Text("Tidak ada perubahan.", style="green"))
    for b in bidang:
        fixed = [f for f in changes.fixed if f.bidang == b]
        new = [f for f in changes.new if f.bidang == b]
        still = [f for f in changes.open if f.bidang == b]
        values = [v for v in changes.values if v.bidang == b]
        same = [f for kode, f in changes.unchanged if kode == b]
        head = inert(b or "Umum").copy()
        head.stylize("bold")
        if same and not (fixed or new or values):
            con.print(head + Text(f"  berkas tidak berubah (masih ada {format_id(len(still))} temuan)", style="dim"))
            continue
        counts = f"diperbaiki {format_id(len(fixed))} · baru {format_id(len(new))} · masih ada {format_id(len(still))}"
        con.print(head + Text(f"  {counts} · nilai berubah {format_id(len(values))}"))
        for g in group_findings(fixed):
            _change_line(con, "diperbaiki", "green", g)
        for g in group_findings(new):
            _change_line(con, "baru", "bold red", g)
        for v in values:
            line = Text("  nilai      ", style="yellow") + inert(f"{v.sheet}!{v.cell}" if v.cell else v.sheet).copy()
            line += Text("  ") + inert(f"{v.kode} {v.column}: ")
            line += (
                Text(inert(shown(v.before)).plain, style="red") + Text(" → ") + Text(inert(shown(v.after)).plain, style="green")
            )
            con.print(line)


def render_banding(con: Console, result: Any, every: bool = False) -> None:
    """`banding`: the new version's status, what changed since the old one, then the new version's findings."""
    report = result.after
    con.print(_panel(report, 0, "Perbandingan dua versi berkas"))
    _status(con, bidang_status(report, every_bidang=False), every, _ALL_CHECK)
    render_changes(con, result.changes, "Perubahan dari versi lama ke versi baru")
    if report.findings:
        _sections(con, report.findings, every, _ALL_CHECK)
    else:
        con.print(Text("Tidak ada masalah ditemukan pada versi baru.", style="bold green"))


def render_report(con: Console, report: Any, *, title: str = "Hasil pemeriksaan", every: bool = False) -> None:
    """`check`: summary panel, status of each file's bidang, then the findings of each file."""
    con.print(_panel(report, 0, title))
    _status(con, bidang_status(report, every_bidang=False), every, _ALL_CHECK)
    if not report.findings:
        con.print(Text("Tidak ada masalah ditemukan.", style="bold green"))
        return
    _sections(con, report.findings, every, _ALL_CHECK)


def render_merge(con: Console, result: Any, every: bool = False) -> None:
    """`merge`: summary panel, status per bidang, findings grouped by bidang and file, the workbook written."""
    report = result.report
    con.print(_panel(report, len(result.skipped), f"LKjIP {report.master.instansi.nama} {report.master.instansi.tahun}"))
    _status(con, bidang_status(report), every, _ALL_MERGE)
    if result.changes is not None:
        render_changes(con, result.changes)
    _sections(con, report.findings, every, _ALL_MERGE)
    if not report.findings:
        con.print(Text("Tidak ada masalah ditemukan.", style="bold green"))
    con.print(Text("Workbook ditulis: ", style="bold green") + inert(str(result.output)))
    if result.returned is None:
        return
    if result.returned:
        folder = result.returned[0].parent
        con.print(Text("Untuk dikembalikan ke bidang, di ", style="bold") + inert(str(folder)).copy() + Text(":", style="bold"))
        for p in result.returned:
            _indented(con, inert(p.name).copy(), 2)
    ready = [s.bidang for s in bidang_status(report) if s.status == SIAP]
    if ready:
        named = ", ".join(ready) if len(ready) <= CONSOLE_LINES else f"{format_id(len(ready))} bidang"
        con.print(Text("Siap (tidak perlu dikembalikan): ", style="bold green") + inert(named))


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


def write_json(path: Path, report: Any, output: Path | None = None, changes: Any = None) -> None:
    data: dict[str, Any] = {
        "files": len(report.files),
        "rows": report.rows_read,
        "errors": report.counts[Severity.ERROR],
        "warnings": report.counts[Severity.WARNING],
        "infos": report.counts[Severity.INFO],
        "output": readable(str(output)) if output else None,
        "findings": [f.to_dict() for f in report.findings],
    }
    if changes is not None:
        data["changes"] = changes.to_dict()
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
