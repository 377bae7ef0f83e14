"""The quarter columns of a quarterly bidang file (TW I..IV per indicator, kegiatan and output indicator, and
the faktor texts), read in a second pass after the ordinary reader (layout: schemas/triwulan.toml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkjip_xl.findings import Finding, col_letter
from lkjip_xl.intake.table import CellReader, find_header, normalise_kode
from lkjip_xl.planning.spec import SheetSpec, normalise_label
from lkjip_xl.planning.triwulan import QUARTERS, triwulan_spec, tw_key

TEXT_KEYS = ("faktor_pendorong", "faktor_penghambat", "upaya", "keterangan")


@dataclass
class QuarterRow:
    """One row's quarter values (None: blank or absent) and where they are."""

    row: int
    values: tuple[Decimal | None, ...]
    letters: tuple[str, ...]  # column letter of TW I..IV ("" when the sheet has no such column)
    texts: dict[str, str] = field(default_factory=dict)


@dataclass
class QuarterFile:
    name: str
    kinerja: dict[str, QuarterRow] = field(default_factory=dict)
    anggaran: dict[str, QuarterRow] = field(default_factory=dict)
    keluaran: dict[str, QuarterRow] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def read_quarters(path: Path, name: str, bidang: str, percent_kodes: frozenset[str] = frozenset()) -> QuarterFile:
    """Never raises: a sheet that cannot be read safely gives no quarter rows (the first pass reported it)."""
    from lkjip_xl.intake.guard import screen_file
    from lkjip_xl.intake.sheetxml import scan_workbook
    from lkjip_xl.intake.workbook import open_workbook, safe_size

    out = QuarterFile(name)
    screened = screen_file(path, name)
    if not screened.readable:
        return out
    spec = triwulan_spec()
    try:
        wb = open_workbook(path, screened)
        by_norm = {normalise_label(n): n for n in wb.sheet_names}
        wanted = {s.name: by_norm.get(normalise_label(s.name)) for s in (spec.kinerja, spec.anggaran, spec.keluaran)}
        infos = scan_workbook(path, [n for n in wanted.values() if n], screened.parts)
        for sheet_spec, target in ((spec.kinerja, out.kinerja), (spec.anggaran, out.anggaran), (spec.keluaran, out.keluaran)):
            actual = wanted[sheet_spec.name]
            if actual is None or safe_size(infos.get(actual)) is not None:
                continue
            info = infos.get(actual)
            reader = CellReader(
                name,
                actual,
                bidang,
                percent_cells=frozenset(info.percent_cells) if info else frozenset(),
                error_cells=dict(info.error_cells) if info else {},
            )
            rows = wb.get_sheet_by_name(actual).to_python(skip_empty_area=False)
            target.update(_rows(rows, sheet_spec, reader, percent_kodes if sheet_spec is spec.kinerja else frozenset()))
            out.findings.extend(reader.findings)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # the first pass already reported a file calamine cannot read
        return QuarterFile(name)
    return out


def _rows(rows: list[list[Any]], spec: SheetSpec, reader: CellReader, percent_kodes: frozenset[str]) -> dict[str, QuarterRow]:
    header = find_header(rows, spec)
    if header is None or "kode" not in header.columns:
        return {}
    cols = header.columns
    tw = [(spec.column(tw_key(k)), cols.get(tw_key(k))) for k in QUARTERS]
    letters = tuple("" if j is None else col_letter(j) for _c, j in tw)
    texts = [(k, cols[k]) for k in TEXT_KEYS if k in cols]
    out: dict[str, QuarterRow] = {}
    for i in range(header.index + 1, len(rows)):
        row = rows[i]
        j = cols["kode"]
        kode = normalise_kode(row[j]) if j < len(row) else ""
        if not kode or kode in out:
            continue
        values = tuple(
            None if jj is None or jj >= len(row) else reader.number(row[jj], i + 1, jj, c, kode, percent=kode in percent_kodes)
            for c, jj in tw
        )
        shown = {k: str(row[jj]).strip() for k, jj in texts if jj < len(row) and row[jj] not in (None, "")}
        out[kode] = QuarterRow(i + 1, values, letters, shown)
    return out
