"""One bidang workbook → rows with the real Excel row of every value, plus the findings of reading it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip_xl.findings import Finding, a1, col_letter, readable
from lkjip_xl.intake.rows import RowPlan, SheetRows, read_rows
from lkjip_xl.intake.table import CellReader, find_header, normalise_kode, text_of
from lkjip_xl.intake.workbook import open_workbook, refusal, safe_size, sha256_of
from lkjip_xl.numbers import format_id
from lkjip_xl.planning.spec import SheetSpec, bidang_spec, normalise_label

if TYPE_CHECKING:  # imported where used: the guard and the scanner load only when a file is read
    from lkjip_xl.intake.guard import Screened

META_LABELS = {
    "instansi": "instansi",
    "pemerintah daerah": "pemda",
    "tahun": "tahun",
    "kode bidang": "bidang_kode",
    "nama bidang": "bidang_nama",
    "versi template": "template_version",
}


@dataclass
class BidangFile:
    """Everything read from one file; `readable` False means nothing from it can be merged."""

    path: Path
    name: str
    sha256: str = ""
    readable: bool = False
    meta: dict[str, str] = field(default_factory=dict)
    bidang: str = ""  # the bidang kode the file is for ("" when unknown)
    kinerja: SheetRows | None = None
    anggaran: SheetRows | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(s.count for s in (self.kinerja, self.anggaran) if s is not None)


def read_bidang_file(path: Path, bidang_names: dict[str, str] | None = None, display_name: str | None = None) -> BidangFile:
    """Read a filled template. Never raises for a bad file: problems become findings.

    `display_name` names the file in findings (the file name unless two inputs share it).
    """
    from lkjip_xl.intake.guard import screen_file

    name = display_name or readable(path.name)
    result = BidangFile(path=path, name=name)
    screened = screen_file(path, name)
    result.findings.extend(screened.findings)
    if not screened.readable:
        return result
    result.sha256 = hashlib.sha256(screened.data).hexdigest() if screened.data is not None else sha256_of(path)
    try:
        _read_into(result, bidang_names or {}, screened)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a damaged workbook can fail inside calamine in many ways (a Rust panic too)
        result.readable = False
        result.kinerja = result.anggaran = None
        result.findings.append(Finding.make("B024", f"Berkas tidak dapat dibaca: {str(exc)[:200]}", file=name))
    return result


def _read_into(result: BidangFile, bidang_names: dict[str, str], screened: Screened) -> None:
    from lkjip_xl.intake.sheetxml import scan_workbook

    spec = bidang_spec()
    parts = screened.parts
    wb = open_workbook(result.path, screened)
    names = list(wb.sheet_names)
    by_norm = {normalise_label(n): n for n in names}
    wanted = {s.name: by_norm.get(normalise_label(s.name)) for s in (spec.kinerja, spec.anggaran)}
    if not any(wanted.values()):
        result.findings.append(Finding.make("B010", "Berkas tidak memuat lembar 'Kinerja' maupun 'Anggaran'.", file=result.name))
        return
    meta_name = by_norm.get(normalise_label(spec.metadata_sheet))
    infos = scan_workbook(result.path, [n for n in (*wanted.values(), meta_name) if n], parts)
    result.readable = True
    meta_ok = meta_name is not None and safe_size(infos.get(meta_name)) is None
    result.meta = _read_meta(wb, meta_name) if meta_name and meta_ok else {}
    result.bidang = result.meta.get("bidang_kode", "") or bidang_from_name(result.name, bidang_names)
    for sheet_spec in (spec.kinerja, spec.anggaran):
        actual = wanted[sheet_spec.name]
        if actual is None:
            result.findings.append(
                Finding.make(
                    "B019",
                    f"Lembar '{sheet_spec.name}' tidak ada.",
                    file=result.name,
                    sheet=sheet_spec.name,
                    bidang=result.bidang,
                )
            )
            continue
        rows = _read_sheet(wb, actual, sheet_spec, infos.get(actual), result)
        if sheet_spec is spec.kinerja:
            result.kinerja = rows
        else:
            result.anggaran = rows


def assign_bidang(result: BidangFile, kode: str) -> None:
    """Set the bidang of a file read without knowing it, and of the findings made meanwhile."""
    result.bidang = kode
    if kode:
        result.findings = [replace(f, bidang=kode) if not f.bidang and f.file == result.name else f for f in result.findings]


def bidang_from_name(filename: str, bidang_names: dict[str, str]) -> str:
    """A hand-made file without metadata: match its name to a bidang kode or nama."""
    tokens = {t for t in re.split(r"[^a-z0-9]+", filename.lower()) if t}
    stem = "_".join(re.split(r"[^a-z0-9]+", Path(filename).stem.lower()))
    hits = [
        kode
        for kode, nama in bidang_names.items()
        if kode.lower() in tokens or "_".join(re.split(r"[^a-z0-9]+", nama.lower())).strip("_") in stem
    ]
    return hits[0] if len(hits) == 1 else ""


def _read_meta(wb: Any, sheet: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)[:50]:
        if len(row) >= 2 and isinstance(row[0], str):
            key = META_LABELS.get(normalise_label(row[0]))
            if key:
                out[key] = normalise_kode(row[1]) if key == "bidang_kode" else text_of(row[1])
    return out


def _read_sheet(wb: Any, name: str, spec: SheetSpec, info: Any, result: BidangFile) -> SheetRows | None:
    mk = _maker(result, name)
    refused = safe_size(info)
    if refused == "B015":
        result.findings.append(
            mk(
                "B015",
                f"Lembar {name} berukuran {format_id(info.dimension_rows)} baris × {format_id(info.dimension_cols)} kolom; "
                "tidak dibaca.",
            )
        )
        return None
    if refused:
        result.findings.append(mk("B024", f"Lembar {name} {refusal(info)}; tidak dibaca."))
        return None
    try:
        sheet = wb.get_sheet_by_name(name)
        origin_row, origin_col = sheet.start if sheet.start else (0, 0)
        grid = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # calamine refuses this sheet's XML; the other sheet is still read
        result.findings.append(mk("B024", f"Lembar {name} tidak dapat dibaca: {str(exc)[:200]}"))
        return None
    # to_python starts at the sheet's first used cell; pad so that list positions are Excel positions
    rows: list[list[object]] = [[None] * origin_col + list(r) for r in grid]
    rows = [[] for _ in range(origin_row)] + rows
    header = find_header(rows, spec)
    missing = [
        c.label for c in spec.columns if c.key in ("kode", "realisasi") and (header is None or c.key not in header.columns)
    ]
    if header is None or missing:
        result.findings.append(mk("B020", f"Baris judul lembar {name} tidak memuat kolom: {', '.join(missing)}."))
        return None
    for key, j in header.duplicates:
        result.findings.append(
            mk("B021", f"Label '{spec.column(key).label}' muncul lagi di kolom {col_letter(j)}.", cell=a1(header.last_row, j))
        )
    out = SheetRows(name=name, columns=header.columns)
    reader = CellReader(
        result.name,
        name,
        result.bidang,
        percent_cells=frozenset(info.percent_cells) if info else frozenset(),
        error_cells=dict(info.error_cells) if info else {},
    )
    _warn_layout(result, name, info, header.last_row, mk)
    hidden = frozenset(info.hidden_rows) if info else frozenset()
    plan = RowPlan(spec, header.columns)
    records = read_rows(rows, header.last_row, plan, reader, result.findings, mk, hidden, out)
    result.findings.extend(reader.findings)
    if info is not None:
        formula_keys = [k for k in ("capaian", "persen", "anggaran", "realisasi") if k in header.columns]
        letters = {col_letter(header.columns[k]) for k in formula_keys}
        out.unrecalculated = any(
            re.match(r"[A-Z]+", ref).group(0) in letters  # type: ignore[union-attr]
            for ref in info.formulas_without_value
        )
    out.set_rows(records, spec)
    return out


def _maker(result: BidangFile, sheet: str) -> Any:
    def mk(code: str, message: str, cell: str = "", kode: str = "", **kw: str) -> Finding:
        return Finding.make(code, message, file=result.name, sheet=sheet, cell=cell, kode=kode, bidang=result.bidang, **kw)

    return mk


def _warn_layout(result: BidangFile, name: str, info: Any, header_row: int, mk: Any) -> None:
    if info is None:
        return
    if info.state != "visible":
        result.findings.append(mk("B016", f"Lembar {name} tersembunyi; isinya tetap dibaca."))
    for ref in sorted(info.external_refs):
        result.findings.append(
            mk(
                "B017",
                f"Rumus di {ref} merujuk berkas lain: {info.formulas.get(ref, '')[:80]}",
                cell=ref,
                actual=info.formulas.get(ref, "")[:80],
            )
        )
    for rng in info.merged:
        first, _, last = rng.partition(":")
        m = re.fullmatch(r"\$?[A-Za-z]{1,3}\$?([0-9]{1,7})", last or first)  # reaches below the header row
        if m and int(m.group(1)) > header_row:
            result.findings.append(mk("B022", f"Sel {rng} digabung di area data.", cell=first, actual=rng))
