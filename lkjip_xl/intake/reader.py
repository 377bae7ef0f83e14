"""One bidang workbook → rows with the real Excel row of every value, plus the findings of reading it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip_xl.findings import Finding, a1, col_letter, readable
from lkjip_xl.intake.rows import RowPlan, SheetRows, read_rows
from lkjip_xl.intake.sheets import choose_sheets
from lkjip_xl.intake.table import SCALE_NOTE, CellReader, Header, find_header, normalise_kode, text_of
from lkjip_xl.intake.workbook import open_workbook, over_limits, refusal, safe_size, sha256_of
from lkjip_xl.intake.years import years_in
from lkjip_xl.numbers import format_id
from lkjip_xl.planning.spec import MONEY, SheetSpec, bidang_spec, normalise_label

if TYPE_CHECKING:  # imported where used: the guard and the scanner load only when a file is read
    from lkjip_xl.intake.guard import Screened

META_LABELS = {
    "instansi": "instansi",
    "pemerintah daerah": "pemda",
    "tahun": "tahun",
    "kode bidang": "bidang_kode",
    "nama bidang": "bidang_nama",
    "versi template": "template_version",
    "triwulan": "triwulan",  # quarterly templates only (planning/templates_triwulan.py)
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
    # (year, where, sheet, cell) named by the file name, sheet names and title rows: the year without _meta
    years: list[tuple[str, str, str, str]] = field(default_factory=list)

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
    specs = (spec.kinerja, spec.anggaran)
    parts = screened.parts
    wb = open_workbook(result.path, screened)
    names = list(wb.sheet_names)
    by_norm = {normalise_label(n): n for n in names}
    meta_name = by_norm.get(normalise_label(spec.metadata_sheet))
    not_tables = {meta_name, by_norm.get(normalise_label(spec.instructions_sheet))}
    chosen, ignored = choose_sheets([n for n in names if n not in not_tables], [s.name for s in specs])
    # sheets a table may have been put on by hand (`Sheet1`): scanned only when a table has no sheet of its name
    others = [n for n in names if n not in not_tables and n not in chosen.values()][:MAX_OTHER_SHEETS]
    if all(chosen.values()):
        others = []
    infos = scan_workbook(result.path, [n for n in (*chosen.values(), meta_name, *others) if n], parts)
    result.readable = True
    meta_ok = meta_name is not None and safe_size(infos.get(meta_name)) is None
    result.meta = _read_meta(wb, meta_name) if meta_name and meta_ok else {}
    result.bidang = result.meta.get("bidang_kode", "") or bidang_from_name(result.name, bidang_names)
    result.years = [(y, "nama berkas", "", "") for y in years_in(Path(result.name).stem)]
    result.years += [(y, f"nama lembar '{n}'", n, "") for n in names if n not in not_tables for y in years_in(n)]
    for table, rest in ignored.items():
        result.findings.append(
            Finding.make(
                "B028",
                f"Tabel {table} dibaca dari lembar '{chosen[table]}'; lembar {', '.join(repr(n) for n in rest)} diabaikan.",
                file=result.name,
                sheet=chosen[table] or "",
                bidang=result.bidang,
                actual=", ".join(rest),
            )
        )
    tables = _Tables(wb, infos, result)
    found: dict[str, SheetRows | None] = {}
    for sheet_spec in specs:  # each table on its own sheet, read until the other table's header (if pasted below)
        name = chosen[sheet_spec.name]
        if name is not None and tables.header(name, sheet_spec, 0) is not None:
            found[sheet_spec.name] = tables.read(name, sheet_spec, 0, _other(specs, sheet_spec))
    absent: list[Finding] = []
    for sheet_spec in specs:  # a table not on its sheet: below the other table, or on another sheet
        if sheet_spec.name in found:
            continue
        name = chosen[sheet_spec.name]
        place = tables.find(sheet_spec, [n for n in (name, *chosen.values(), *others) if n])
        if place is None:
            if name is None:
                absent.append(
                    Finding.make(
                        "B019",
                        f"Lembar '{sheet_spec.name}' tidak ada; lembar berkas ini: {_listed(names)}.",
                        file=result.name,
                        sheet=sheet_spec.name,
                        bidang=result.bidang,
                        actual=_listed(names),
                    )
                )
            else:
                tables.read(name, sheet_spec, 0, None)  # says B020 (the columns it lacks)
            continue
        where, start = place
        found[sheet_spec.name] = rows = tables.read(where, sheet_spec, start, _other(specs, sheet_spec))
        if rows is not None and where != name:
            result.findings.append(
                Finding.make(
                    "B029",
                    f"Tabel {sheet_spec.name} ditemukan di lembar '{where}' mulai baris {start + 1} dan dibaca.",
                    file=result.name,
                    sheet=where,
                    cell=f"A{start + 1}",
                    bidang=result.bidang,
                )
            )
    for sheet_spec in specs:  # a second copy of a table below the other one: the copy with more realisasi is read
        stray = tables.stops.get(sheet_spec.name)
        own = found.get(sheet_spec.name)
        if not stray or own is None or (own.name, tables.started.get(sheet_spec.name)) == stray:
            continue
        where, start = stray
        own_span = tables.spans[sheet_spec.name]
        alt = tables.read(where, sheet_spec, start, _other(specs, sheet_spec))
        keep_alt = alt is not None and _filled(alt) > _filled(own)
        drop = own_span if keep_alt else tables.spans[sheet_spec.name]
        del result.findings[drop[0] : drop[1]]
        tables.shift(drop)
        read, skipped_at = (alt, (own.name, own_span[2])) if keep_alt and alt is not None else (own, stray)
        found[sheet_spec.name] = read
        result.findings.append(
            Finding.make(
                "B029",
                f"Tabel {sheet_spec.name} ada dua: di lembar '{skipped_at[0]}' baris {skipped_at[1] + 1} (tidak dibaca) "
                f"dan di lembar '{read.name}' (dibaca: realisasinya lebih lengkap atau sama).",  # type: ignore[union-attr]
                file=result.name,
                sheet=skipped_at[0],
                cell=f"A{skipped_at[1] + 1}",
                bidang=result.bidang,
            )
        )
    if not found and not any(chosen.values()):
        result.readable = False
        result.findings.append(
            Finding.make(
                "B010",
                f"Berkas tidak memuat lembar 'Kinerja' maupun 'Anggaran'; lembar berkas ini: {_listed(names)}.",
                file=result.name,
                actual=_listed(names),
            )
        )
        return
    result.findings.extend(absent)
    result.kinerja = found.get(spec.kinerja.name)
    result.anggaran = found.get(spec.anggaran.name)


MAX_OTHER_SHEETS = 8


def _other(specs: tuple[SheetSpec, SheetSpec], one: SheetSpec) -> SheetSpec:
    return specs[1] if one is specs[0] else specs[0]


def _listed(names: list[str]) -> str:
    shown = ", ".join(repr(readable(n)) for n in names[:10])
    return shown + (f" dan {len(names) - 10} lainnya" if len(names) > 10 else "") if names else "(tidak ada)"


class _Tables:
    """The sheets of one workbook loaded once each, and where a table's reading stopped at another table's header."""

    def __init__(self, wb: Any, infos: dict[str, Any], result: BidangFile) -> None:
        self.wb, self.infos, self.result = wb, infos, result
        self.grids: dict[str, list[list[object]] | None] = {}
        self.stops: dict[str, tuple[str, int]] = {}  # table name → (sheet, list index of its header)
        self.started: dict[str, int] = {}
        self.headers: dict[tuple[str, str, int], Header | None] = {}
        self.spans: dict[str, tuple[int, int, int]] = {}  # table → (first, end) of its findings, and its start row

    def shift(self, dropped: tuple[int, int, int]) -> None:
        """Findings dropped from the list: move the spans recorded after them."""
        first, end, _ = dropped
        n = end - first
        self.spans = {k: (a - n, b - n, r) if a >= end else (a, b, r) for k, (a, b, r) in self.spans.items()}

    def grid(self, name: str) -> list[list[object]] | None:
        if name not in self.grids:
            self.grids[name] = _load_grid(self.wb, name, self.infos.get(name), self.result)
        return self.grids[name]

    def header(self, name: str, spec: SheetSpec, start: int) -> Header | None:
        key = (name, spec.name, start)
        if key not in self.headers:
            rows = self.grid(name)
            self.headers[key] = None if rows is None else find_header(rows, spec, start)
        return self.headers[key]

    def find(self, spec: SheetSpec, sheets: list[str]) -> tuple[str, int] | None:
        """Where `spec`'s table is: where another table stopped at its header, else a sheet with its header."""
        if spec.name in self.stops:
            return self.stops[spec.name]
        for name in dict.fromkeys(sheets):
            header = self.header(name, spec, 0) if name in self.infos else None
            if header is not None and _has_required(header, spec):
                return name, header.index
        return None

    def read(self, name: str, spec: SheetSpec, start: int, stop: SheetSpec | None) -> SheetRows | None:
        rows = self.grid(name)
        if rows is None:
            return None
        self.started[spec.name] = start
        header = self.header(name, spec, start)
        first = len(self.result.findings)
        out, stopped = _read_table(rows, name, spec, self.infos.get(name), self.result, start, stop, header)
        self.spans[spec.name] = (first, len(self.result.findings), start)
        if stopped is not None and stop is not None:
            self.stops.setdefault(stop.name, (name, stopped))
        return out


def _declared_scales(
    rows: list[list[object]], header: Header, spec: SheetSpec, start: int, result: BidangFile, mk: Any
) -> dict[int, int]:
    """Money columns whose header (`Realisasi (Juta Rp)`) or a note above the table (`dalam ribuan rupiah`) says
    they are in thousands or millions: column index → factor, each said once (B030) at the cell that says it."""
    out: dict[int, int] = {}
    for key, factor in header.scales.items():
        j = header.columns[key]
        out[j] = factor
        cell = a1(header.index + 1, j)
        result.findings.append(
            mk("B030", _scaled(spec.column(key).label, factor), cell=cell, actual=text_of(rows[header.index][j]))
        )
    note = next(
        (
            (i, j, v)
            for i in range(start, header.index)
            for j, v in enumerate(rows[i])
            if isinstance(v, str) and SCALE_NOTE.search(v)
        ),
        None,
    )
    if note is not None:
        i, j, text = note
        factor = 1_000_000 if "juta" in text.lower() else 1000
        keys = [c.key for c in spec.columns if c.type == MONEY and c.key in header.columns and header.columns[c.key] not in out]
        for key in keys:
            out[header.columns[key]] = factor
        if keys:
            labels = ", ".join(spec.column(k).label for k in keys)
            result.findings.append(mk("B030", _scaled(labels, factor), cell=a1(i + 1, j), actual=text[:80]))
    return out


def _scaled(labels: str, factor: int) -> str:
    return f"{labels} dinyatakan dalam {'jutaan' if factor == 1_000_000 else 'ribuan'} rupiah; angkanya dikalikan {format_id(factor)}."


def _filled(rows: SheetRows) -> int:
    return sum(v is not None for v in rows.values.get("realisasi", []))


def _has_required(header: Header, spec: SheetSpec) -> bool:
    return all(k in header.columns for k in ("kode", "realisasi"))


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


def _load_grid(wb: Any, name: str, info: Any, result: BidangFile) -> list[list[object]] | None:
    """A sheet's cells with list positions as Excel positions, or None (refused or unreadable, with its finding)."""
    mk = _maker(result, name)
    refused = safe_size(info)
    if refused == "B015":
        result.findings.append(mk("B015", f"Lembar {name} {over_limits(info)}; tidak dibaca."))
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
    return [[] for _ in range(origin_row)] + rows


def _read_table(
    rows: list[list[object]],
    name: str,
    spec: SheetSpec,
    info: Any,
    result: BidangFile,
    start: int,
    stop: SheetSpec | None,
    header: Header | None,
) -> tuple[SheetRows | None, int | None]:
    """The table of `spec` whose header (found from list index `start`) is `header`; reading ends at `stop`'s
    header row (returned as the second value: another table pasted below this one)."""
    mk = _maker(result, name)
    missing = [
        c.label for c in spec.columns if c.key in ("kode", "realisasi") and (header is None or c.key not in header.columns)
    ]
    if header is None or missing:
        result.findings.append(mk("B020", f"Baris judul lembar {name} tidak memuat kolom: {', '.join(missing)}."))
        return None, None
    for key, j in header.duplicates:
        result.findings.append(
            mk("B021", f"Label '{spec.column(key).label}' muncul lagi di kolom {col_letter(j)}.", cell=a1(header.last_row, j))
        )
    out = SheetRows(name=name, columns=header.columns)
    for i in range(start, header.index):  # the title block above the header (never a signature or a Keterangan)
        for j, value in enumerate(rows[i]):
            if isinstance(value, str):
                result.years += [(y, f"judul lembar {name} baris {i + 1}", name, a1(i + 1, j)) for y in years_in(value)]
    reader = CellReader(
        result.name,
        name,
        result.bidang,
        percent_cells=frozenset(info.percent_cells) if info else frozenset(),
        error_cells=dict(info.error_cells) if info else {},
        scales=_declared_scales(rows, header, spec, start, result, mk),
    )
    _warn_layout(result, name, info, header.last_row, mk)
    hidden = frozenset(info.hidden_rows) if info else frozenset()
    plan = RowPlan(spec, header.columns, stop)
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
    return out, out.stopped_at


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
