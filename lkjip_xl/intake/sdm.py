"""Read the SDM sheet (Bab I staff figures) of the Sekretariat's file: breakdown, uraian, count, Excel row."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lkjip_xl.findings import Finding
from lkjip_xl.intake.table import CellReader, find_header, normalise_label, text_of
from lkjip_xl.planning.spec import SDM_GROUPS, bidang_spec


@dataclass(frozen=True)
class SdmEntry:
    group: str  # jabatan | golongan | pendidikan
    uraian: str
    jumlah: int | None
    row: int  # Excel row
    total: bool = False  # the breakdown's typed Jumlah row


@dataclass
class SdmSheet:
    file: str
    bidang: str
    sheet: str
    entries: list[SdmEntry] = field(default_factory=list)
    jumlah_col: int = 2  # 0-based column of the counts
    findings: list[Finding] = field(default_factory=list)


def group_of(text: str) -> str | None:
    """'Jabatan', 'Golongan/Ruang', 'Berdasarkan Tingkat Pendidikan' → the breakdown's key."""
    label = normalise_label(text)
    return next((g for g in SDM_GROUPS if g in label), None)


def read_sdm(path: Path, name: str, bidang: str) -> SdmSheet | None:
    """The SDM sheet of a file that passed the guard, or None when the file has none (or it cannot be read)."""
    from lkjip_xl.intake.guard import screen_file
    from lkjip_xl.intake.sheetxml import scan_workbook
    from lkjip_xl.intake.workbook import open_workbook, safe_size

    spec = bidang_spec().sdm
    screened = screen_file(path, name)
    if not screened.readable:
        return None
    try:
        wb = open_workbook(path, screened)
        actual = {normalise_label(n): n for n in wb.sheet_names}.get(normalise_label(spec.name))
        if actual is None:
            return None
        if safe_size(scan_workbook(path, [actual], screened.parts).get(actual)) is not None:
            return None  # the main read reports the sheet's size; nothing here is read from it
        rows = wb.get_sheet_by_name(actual).to_python(skip_empty_area=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # the main read of the same file reports why it cannot be read
        return None
    out = SdmSheet(name, bidang, actual)
    header = find_header(rows, spec)
    if header is None or "jumlah" not in header.columns or "uraian" not in header.columns:
        return out
    col = header.columns
    out.jumlah_col = col["jumlah"]
    reader = CellReader(name, actual, bidang)
    jumlah = spec.column("jumlah")
    group: str | None = None
    for i in range(header.index + 1, len(rows)):
        row = rows[i]
        group = group_of(text_of(_cell(row, col, "kelompok"))) or group
        uraian = text_of(_cell(row, col, "uraian"))
        if group is None or not uraian:
            continue
        value = reader.number(_cell(row, col, "jumlah"), i + 1, col["jumlah"], jumlah, uraian)
        count = None if value is None else int(value)
        out.entries.append(SdmEntry(group, uraian, count, i + 1, normalise_label(uraian) in {"jumlah", "total"}))
    out.findings = reader.findings
    return out


def _cell(row: list[object], col: dict[str, int], key: str) -> object:
    j = col.get(key)
    return row[j] if j is not None and j < len(row) else None
