"""Fill a bidang template through openpyxl the way a bidang would, with given figures (used by demo and tests)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lkjip_xl.numbers import parse_text
from lkjip_xl.planning.spec import bidang_spec


def as_typed(text: str, keep_text: bool = False) -> Any:
    """What a person typing the published figure into Excel would leave in the cell.

    Figures with a unit (`5 KK`) or pasted in English style stay text; others become numbers
    in the column's unit (`116.52%` → 116.52).
    """
    if keep_text or re.search(r"[A-Za-z]", text):
        return text
    value = parse_text(text)
    return text if value is None else float(value)


def _rows_by_kode(ws: Any, kode_col: int) -> dict[str, int]:
    out = {}
    for r in range(2, ws.max_row + 1):
        v = ws.cell(r, kode_col).value
        if v:
            out[str(v).strip()] = r
    return out


def _columns(ws: Any, sheet_key: str) -> dict[str, int]:
    spec = getattr(bidang_spec(), sheet_key)
    labels = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
    return {col.key: labels[col.label] for col in spec.columns if col.label in labels}


def fill(
    template: Path,
    out: Path,
    kinerja: dict[str, tuple[str, str, str]],
    anggaran: dict[str, tuple[str, str, str]],
    text_programs: frozenset[str] = frozenset(),
    percent_cells: frozenset[str] = frozenset({"IK01"}),
    sdm: dict[str, tuple[list[tuple[str, int]], int]] | None = None,
) -> Path:
    """Write target/realisasi/capaian and anggaran/realisasi/persen figures for the kode present in the template.

    `percent_cells`: indicators whose realisasi is typed as Excel percent (`116,52%` → 1.1652, formatted 0.00%),
    as happens when a bidang types the % sign.
    """
    import openpyxl

    wb = openpyxl.load_workbook(template)
    ws = wb["Kinerja"]
    col = _columns(ws, "kinerja")
    for kode, r in _rows_by_kode(ws, col["kode"]).items():
        if kode not in kinerja:
            continue
        target, realisasi, capaian = kinerja[kode]
        ws.cell(r, col["target"]).value = as_typed(target)
        cell = ws.cell(r, col["realisasi"])
        typed = as_typed(realisasi)
        if kode in percent_cells and isinstance(typed, float):
            cell.value, cell.number_format = typed / 100, "0.00%"
        else:
            cell.value = typed
        ws.cell(r, col["capaian"]).value = as_typed(capaian)
    ws = wb["Anggaran"]
    col = _columns(ws, "anggaran")
    for kode, r in _rows_by_kode(ws, col["kode"]).items():
        if kode not in anggaran:
            continue
        keep = kode.rsplit(".", 1)[0] in text_programs or kode in text_programs
        for key, text in zip(("anggaran", "realisasi", "persen"), anggaran[kode], strict=True):
            ws.cell(r, col[key]).value = as_typed(text, keep_text=keep)
    if sdm is not None and "SDM" in wb.sheetnames:
        _fill_sdm(wb["SDM"], sdm)
    out.parent.mkdir(parents=True, exist_ok=True)
    _save_reproducibly(wb, out)
    return out


def _fill_sdm(ws: Any, sdm: dict[str, tuple[list[tuple[str, int]], int]]) -> None:
    """Counts by breakdown: the figures' own labels over the template's rows when there are as many, else by
    label (template rows the figures do not name get 0); each Jumlah row gets the typed total."""
    from lkjip_xl.intake.sdm import group_of
    from lkjip_xl.intake.table import normalise_label

    col = _columns(ws, "sdm")
    rows: dict[str, list[int]] = {}
    totals: dict[str, int] = {}
    for r in range(2, ws.max_row + 1):
        group = group_of(str(ws.cell(r, col["kelompok"]).value or ""))
        if group is None:
            continue
        if str(ws.cell(r, col["uraian"]).value).strip() == "Jumlah":
            totals[group] = r
        else:
            rows.setdefault(group, []).append(r)
    for group, (figures, total) in sdm.items():
        at = rows.get(group, [])
        if len(at) == len(figures):
            for r, (label, count) in zip(at, figures, strict=True):
                ws.cell(r, col["uraian"]).value, ws.cell(r, col["jumlah"]).value = label, count
        else:
            by_label = {normalise_label(label): count for label, count in figures}
            for r in at:
                ws.cell(r, col["jumlah"]).value = by_label.get(normalise_label(str(ws.cell(r, col["uraian"]).value)), 0)
        if group in totals:
            ws.cell(totals[group], col["jumlah"]).value = total


def _save_reproducibly(wb: Any, out: Path) -> None:
    """Save as openpyxl does, minus the clock: its save stamps 'modified' and every zip entry with the current
    time, so the demo's files (and the sha256 the merged Sumber sheet shows for them) changed on every run."""
    import io
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    from lkjip_xl.xlsx.formats import FIXED_DATE

    buffer = io.BytesIO()
    wb.properties.modified = FIXED_DATE
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()  # closes the archive
    with zipfile.ZipFile(buffer) as written, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in written.infolist():
            entry = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, written.read(info))
