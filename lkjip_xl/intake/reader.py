"""One bidang workbook → rows with the real Excel row of every value, plus the findings of reading it."""

from __future__ import annotations

import hashlib
import io
import math
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip_xl.findings import Finding, a1, col_letter, readable
from lkjip_xl.intake.table import CellReader, find_header, is_blank, normalise_kode, text_of
from lkjip_xl.numbers import decimals_of, format_id
from lkjip_xl.planning.spec import MONEY, PERCENT, SheetSpec, bidang_spec, normalise_label

if TYPE_CHECKING:  # imported where used: the guard and the scanner load only when a file is read
    from lkjip_xl.intake.guard import Screened
    from lkjip_xl.intake.sheetscan import SheetInfo

MAX_CELLS = 2_000_000  # a template sheet holds a few hundred cells; refuse before calamine allocates
MAX_ROWS = 100_000
MAX_COLS = 1_000
META_LABELS = {
    "instansi": "instansi",
    "pemerintah daerah": "pemda",
    "tahun": "tahun",
    "kode bidang": "bidang_kode",
    "nama bidang": "bidang_nama",
    "versi template": "template_version",
}


@dataclass
class SheetRows:
    """The data rows of one sheet, column by column (`values`, see `columnar`), with where each column is."""

    name: str
    columns: dict[str, int]
    unrecalculated: bool = False  # a percent/total formula has no stored value
    count: int = 0
    values: dict[str, list[Any]] = field(default_factory=dict)

    def letter(self, key: str) -> str:
        return col_letter(self.columns[key]) if key in self.columns else ""

    def set_rows(self, records: list[dict[str, Any]], spec: SheetSpec) -> None:
        """Keep the row dicts as columns (in the worker that read the file: the main process only
        concatenates lists, and pickling plain numbers is cheaper than Decimals)."""
        self.count = len(records)
        self.values = columnar(records, spec, {c.key: self.letter(c.key) for c in spec.columns})


def columnar(rows: list[dict[str, Any]], spec: SheetSpec, letters: dict[str, str]) -> dict[str, list[Any]]:
    """Row dicts → the frame columns of frames.frame_schema except file and bidang: Rupiah as int, other
    numbers as float, percentages with the decimals they were stated with, and each column's letter."""
    out: dict[str, list[Any]] = {
        "row": [r["row"] for r in rows],
        "kode": [r["kode"] for r in rows],
        "rejected": [bool(r.get("rejected", False)) for r in rows],
    }
    for col in spec.columns:
        if col.key == "kode":
            continue
        raw = [r.get(col.key) for r in rows]
        if col.type == MONEY:
            out[col.key] = [int(v) if isinstance(v, Decimal) else v for v in raw]
        else:
            out[col.key] = [float(v) if isinstance(v, Decimal) else v for v in raw]
        if col.type == PERCENT:
            out[f"{col.key}_dp"] = [decimals_of(v) if isinstance(v, Decimal) else None for v in raw]
    for key, letter in letters.items():
        out[f"c_{key}"] = [letter] * len(rows)
    return out


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


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()


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


def open_workbook(path: Path, screened: Screened) -> Any:
    """calamine on the very bytes the guard screened (the file may have been replaced since). A file too large
    to have been kept is opened again, by name unless the name is not valid UTF-8 (calamine takes such a
    name only as an open file)."""
    import python_calamine as pc

    if screened.data is not None:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(screened.data))
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        with path.open("rb") as fh:
            return pc.CalamineWorkbook.from_filelike(fh)
    return pc.CalamineWorkbook.from_path(str(path))


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


def safe_size(info: Any) -> str | None:
    """Why a sheet must not reach calamine (which aborts the process when a huge range cannot be
    allocated), or None when it is safe to load."""
    if info is None or not info.complete:
        return "B024"
    if info.dimension_rows > MAX_ROWS or info.dimension_cols > MAX_COLS or info.dimension_rows * info.dimension_cols > MAX_CELLS:
        return "B015"
    return None


def refusal(info: SheetInfo | None) -> str:
    """Why a sheet is not loaded, for a message: the scan's own reason when it has one."""
    return info.problem if info is not None and info.problem else "rusak atau terlalu besar untuk dibaca dengan aman"


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
            mk("B021", f"Label '{spec.column(key).label}' muncul lagi di kolom {col_letter(j)}.", cell=a1(header.index + 1, j))
        )
    out = SheetRows(name=name, columns=header.columns)
    reader = CellReader(
        result.name,
        name,
        result.bidang,
        percent_cells=frozenset(info.percent_cells) if info else frozenset(),
        error_cells=dict(info.error_cells) if info else {},
    )
    _warn_layout(result, name, info, header.index + 1, mk)
    hidden = frozenset(info.hidden_rows) if info else frozenset()
    plan = _RowPlan(spec, header.columns)
    records = []
    for i in range(header.index + 1, len(rows)):
        record = _read_row(rows[i], i + 1, plan, reader, result, mk, hidden)
        if record is not None:
            records.append(record)
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


class _RowPlan:
    """How the data rows of one sheet are read, worked out once per sheet: which column holds which key."""

    def __init__(self, spec: SheetSpec, columns: dict[str, int]) -> None:
        self.spec, self.columns = spec, columns
        self.kode = columns["kode"]
        self.satuan = columns.get("satuan")
        # (key, column index or None, spec column) for every key but kode, in spec order
        self.cells = [(c.key, columns.get(c.key), c) for c in spec.columns if c.key != "kode"]
        self.numeric = [j for c in spec.columns if c.numeric and (j := columns.get(c.key)) is not None]
        self.missing_code = "K011" if spec.name == "Kinerja" else "A011"


def _read_row(
    row: list[object],
    excel_row: int,
    plan: _RowPlan,
    reader: CellReader,
    result: BidangFile,
    mk: Any,
    hidden: frozenset[int],
) -> dict[str, Any] | None:
    width = len(row)
    if all(is_blank(v) for v in row):
        return None
    columns = plan.columns
    if _repeats_header(row, plan.spec, columns):
        result.findings.append(
            mk(
                "B026",
                f"Baris {excel_row} mengulang baris judul kolom; tidak dibaca sebagai data.",
                cell=a1(excel_row, plan.kode),
                actual=_row_text(row),
            )
        )
        return {"row": excel_row, "kode": "", "rejected": True}
    raw_kode = row[plan.kode] if plan.kode < width else None
    kode = normalise_kode(reader.text(raw_kode, excel_row, plan.kode))  # N009 past Excel's text limit
    record: dict[str, Any] = {"row": excel_row, "kode": kode}
    j_satuan = plan.satuan
    satuan = text_of(row[j_satuan]) if j_satuan is not None and j_satuan < width else ""
    for key, j, col in plan.cells:
        if j is None:
            record[key] = None if col.numeric else ""
            continue
        raw = row[j] if j < width else None
        if col.numeric:
            percent = col.type == "percent" or (key in ("target", "realisasi") and satuan == "%")
            record[key] = reader.number(raw, excel_row, j, col, kode, percent=percent)
        else:
            record[key] = reader.text(raw, excel_row, j, kode)
    if excel_row in hidden:
        result.findings.append(
            mk(
                "B016",
                f"Baris {excel_row} tersembunyi tetapi berisi data; tetap dibaca.",
                cell=a1(excel_row, plan.kode),
                kode=kode,
            )
        )
    if not kode:
        if any(j < width and not is_blank(row[j]) for j in plan.numeric):
            result.findings.append(
                mk(
                    plan.missing_code,
                    f"Baris {excel_row} berisi angka tetapi tidak punya kode; tidak digabung.",
                    cell=a1(excel_row, plan.kode),
                )
            )
        else:
            result.findings.append(
                mk(
                    "B025",
                    f"Baris {excel_row} tanpa kode dan tanpa angka tidak digabung.",
                    cell=a1(excel_row, plan.kode),
                    actual=_row_text(row),
                )
            )
        record["rejected"] = True
    return record


def _row_text(row: list[object]) -> str:
    """What a rejected row holds, as one short line for its finding."""
    return " ".join(_shown(v) for v in row if not is_blank(v))[:80]


def _shown(value: object) -> str:
    """A cell as Excel's General format shows it in an Indonesian locale: 1500000,5 and 2017 (no grouping: a
    quoted cell may be a year or a number-like code), 1E+28 far outside what a table shows."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and not math.isfinite(value)):
        return text_of(value)
    exact = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)  # Excel's 15 digits
    if exact == 0:
        return "0"
    if not Decimal("1e-6") <= abs(exact) < Decimal("1e15"):
        return format(exact.normalize(), "G").replace(".", ",")
    text = format(exact, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _repeats_header(row: list[object], spec: SheetSpec, columns: dict[str, int]) -> bool:
    """A copy of the header row below it (e.g. a printout's repeated title row): every filled cell under a
    known column is that column's label, and at least half of those columns are filled."""
    labels = 0
    for key, j in columns.items():
        value = row[j] if j < len(row) else None
        if is_blank(value):
            continue
        if not isinstance(value, str) or normalise_label(value) not in spec.column(key).names:
            return False
        labels += 1
    return labels >= 2 and labels * 2 >= len(columns)


__all__ = [
    "BidangFile",
    "SheetRows",
    "assign_bidang",
    "bidang_from_name",
    "read_bidang_file",
    "refusal",
    "safe_size",
    "sha256_of",
]
