"""The annotated copy a bidang gets back: its own workbook, each finding's cell filled and noted, a Temuan sheet first."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Any

from lkjip_xl.checks.digest import difference
from lkjip_xl.findings import Finding, Severity, sort_findings
from lkjip_xl.planning.spec import normalise_label

TEMUAN_SHEET = "Temuan"
AUTHOR = "lkjip-xl"
FILL = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C"}  # Excel's own light red and light yellow
_HEADERS = (
    "No",
    "Tingkat",
    "Kode",
    "Lembar!Sel",
    "Kode Baris",
    "Masalah",
    "Tertulis",
    "Seharusnya",
    "Selisih",
    "Yang harus dilakukan",
)
_WIDTHS = (5, 11, 7, 16, 14, 60, 20, 20, 20, 60)


def note_text(findings: list[Finding]) -> str:
    """The note on one cell: per finding its code, what is wrong, what it should be and what to do."""
    parts = []
    for f in findings:
        lines = [f"{f.code} ({f.severity.label}): {f.message}"]
        if f.actual or f.expected:
            gap = difference(f)
            lines.append(
                "; ".join(
                    x
                    for x in (f"tertulis {f.actual}" if f.actual else "", f"seharusnya {f.expected}" if f.expected else "", gap)
                    if x
                )
            )
        if f.hint:
            lines.append(f"Yang harus dilakukan: {f.hint}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def annotate(source: Path, findings: list[Finding], dest: Path) -> Path:
    """Write `dest`: `source` as it is, with a fill and a note at every finding's cell and a Temuan sheet
    inserted first. Values, formulas (with the values they last computed), protection, validation, hidden
    sheets and print set-up are kept; `source` is only read. Written to a temporary file, then renamed."""
    import openpyxl

    keep_vba = source.suffix.lower() == ".xlsm" and dest.suffix.lower() == ".xlsm"
    wb = openpyxl.load_workbook(source, keep_vba=keep_vba, keep_links=True)
    cached = _cached_values(source)
    if TEMUAN_SHEET in wb.sheetnames:  # a copy annotated before, sent back: its old list and notes go
        del wb[TEMUAN_SHEET]
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.comment is not None and cell.comment.author == AUTHOR:
                        cell.comment = None
    findings = sort_findings(findings)
    _mark_cells(wb, findings)
    _temuan_sheet(wb, findings)
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    try:
        _save(wb, tmp, cached)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def sheet_titles(wb: Any) -> dict[str, str]:
    """Normalised sheet name → the title in this workbook: findings name the template's sheet ('Kinerja'), the
    reader finds it whatever its case and spacing ('KINERJA ')."""
    return {normalise_label(title): title for title in wb.sheetnames}  # as the reader: the last of a name


def _mark_cells(wb: Any, findings: list[Finding]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    titles = sheet_titles(wb)
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if normalise_label(f.sheet) in titles and f.cell and f.severity in FILL:
            by_cell.setdefault((titles[normalise_label(f.sheet)], f.cell), []).append(f)
    for (sheet, ref), found in by_cell.items():
        cell = wb[sheet][ref]
        worst = min(found, key=lambda f: f.severity.rank).severity
        cell.fill = PatternFill(fill_type="solid", start_color=FILL[worst], end_color=FILL[worst])
        text = note_text(found)
        if cell.comment is not None:  # the bidang's own note stays, ours beneath it
            text = f"{cell.comment.text}\n\n{text}"
        cell.comment = Comment(text, AUTHOR, height=min(60 + 15 * text.count("\n") + len(text) // 3, 600), width=360)


def _temuan_sheet(wb: Any, findings: list[Finding]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    titles = sheet_titles(wb)
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = False
    ws = wb.create_sheet(TEMUAN_SHEET, 0)
    wb.active = 0
    ws.sheet_view.tabSelected = True
    bold = Font(bold=True)
    for col, (label, width) in enumerate(zip(_HEADERS, _WIDTHS, strict=True), start=1):
        _text(ws.cell(1, col), label).font = bold
        ws.column_dimensions[ws.cell(1, col).column_letter].width = width
    ws.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, f in enumerate(findings, start=1):
        row = n + 1
        ws.cell(row, 1, n)
        values = (f.severity.label, f.code, f.location, f.kode, f.message, f.actual, f.expected, difference(f), f.hint)
        for col, value in enumerate(values, start=2):
            _text(ws.cell(row, col), value).alignment = wrap
        if f.severity in FILL:
            ws.cell(row, 2).fill = PatternFill(fill_type="solid", start_color=FILL[f.severity], end_color=FILL[f.severity])
        if normalise_label(f.sheet) in titles and f.cell:
            link = ws.cell(row, 4)
            quoted = titles[normalise_label(f.sheet)].replace("'", "''")
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!{f.cell}")
            link.font = Font(color="0563C1", underline="single")
    if not findings:
        _text(ws.cell(2, 1), "Tidak ada temuan.")
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _text(cell: Any, value: str) -> Any:
    """A cell holding `value` as text, never a formula (a kode or message may start with '=')."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


# ---- the values formulas last computed ---------------------------------------------------------------
# openpyxl writes a formula without its cached value: a reader that does not recalculate (calamine, which
# `check` uses) would see those cells empty, and the copy would no longer give the original's findings.

# the empty value is <v/> from openpyxl's own XML writer and <v></v> when lxml is installed (python-docx needs it)
_CELL_WITH_FORMULA = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)>(<f[^>]*>.*?</f>|<f[^>]*/>)(?:<v\s*/>|<v></v>)(</c>)', re.DOTALL)


_SOURCE_CELL = re.compile(rb"<c\b([^>]*?)(?<!/)>(.*?)</c>", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_TYPE = re.compile(rb'\bt="([a-z]+)"')
_VALUE = re.compile(rb"<v>.*?</v>|<v\s*/>", re.DOTALL)


def _cached_values(source: Path) -> dict[str, dict[str, tuple[bytes, bytes]]]:
    """Per sheet title, each formula cell's cached value as `source` stores it: its type attribute and its
    <v> element, byte for byte (an empty text result, an error and a number all stay what they were)."""
    out: dict[str, dict[str, tuple[bytes, bytes]]] = {}
    with zipfile.ZipFile(source) as zf:
        for title, part in _sheet_parts(zf).items():
            try:
                data = zf.read(part)
            except KeyError:
                continue
            cells: dict[str, tuple[bytes, bytes]] = {}
            for m in _SOURCE_CELL.finditer(data):
                inner = m.group(2)
                ref, value = _REF.search(m.group(1)), _VALUE.search(inner)
                if ref and value and b"<f" in inner:
                    kind = _TYPE.search(m.group(1))
                    cells[ref.group(1).decode()] = (b' t="' + kind.group(1) + b'"' if kind else b"", value.group(0))
            if cells:
                out[title] = cells
    return out


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part name in the package openpyxl wrote."""
    workbook = zf.read("xl/workbook.xml").decode("utf-8")
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = {m.group(1): m.group(2) for m in re.finditer(r'<Relationship[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"', rels)}
    targets.update({m.group(2): m.group(1) for m in re.finditer(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
    out = {}
    for m in re.finditer(r"<sheet\b[^>]*>", workbook):
        tag = m.group(0)
        name, rid = re.search(r'name="([^"]*)"', tag), re.search(r'r:id="([^"]*)"', tag)
        if name and rid and rid.group(1) in targets:
            target = targets[rid.group(1)].lstrip("/")
            out[_unescape(name.group(1))] = target if target.startswith("xl/") else f"xl/{target}"
    return out


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def _save(wb: Any, path: Path, cached: dict[str, dict[str, tuple[bytes, bytes]]]) -> None:
    """Save as openpyxl does, with the formulas' cached values put back and no clock (fixed entry times, the
    source's own 'modified'): the same inputs give the same bytes."""
    import io

    from openpyxl.writer.excel import ExcelWriter

    modified = wb.properties.modified
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()  # closes the archive
    wb.properties.modified = modified
    with zipfile.ZipFile(buffer) as written, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        parts = _sheet_parts(written)
        wanted = {parts[title]: values for title, values in cached.items() if title in parts}
        for info in written.infolist():
            data = written.read(info)
            if info.filename in wanted:
                data = _with_cached_values(data, wanted[info.filename])
            entry = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)


def _with_cached_values(data: bytes, values: dict[str, tuple[bytes, bytes]]) -> bytes:
    def restore(m: re.Match[bytes]) -> bytes:
        ref = m.group(1).decode()
        if ref not in values or b" t=" in m.group(2):
            return m.group(0)
        kind, v = values[ref]
        return b'<c r="' + m.group(1) + b'"' + m.group(2) + kind + b">" + m.group(3) + v + m.group(4)

    return _CELL_WITH_FORMULA.sub(restore, data)
