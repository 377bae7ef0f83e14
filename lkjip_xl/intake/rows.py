"""The data rows of one sheet: each row read cell by cell through the spec, kept column by column with its Excel row."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lkjip_xl.findings import Finding, a1, col_letter
from lkjip_xl.intake.sheets import is_header_of
from lkjip_xl.intake.table import CellReader, is_blank, is_total_label, looks_like_kode, normalise_kode, text_of
from lkjip_xl.numbers import Status, decimals_of, parse_cell
from lkjip_xl.planning.spec import MONEY, PERCENT, SheetSpec, normalise_label


@dataclass
class SheetRows:
    """The data rows of one sheet, column by column (`values`, see `columnar`), with where each column is."""

    name: str
    columns: dict[str, int]
    unrecalculated: bool = False  # a percent/total formula has no stored value
    count: int = 0
    values: dict[str, list[Any]] = field(default_factory=dict)
    # total rows (JUMLAH, TOTAL …): never data; each {row, start, label, anggaran, realisasi}, `start` being the
    # first Excel row of what it totals when it closes a group (checks/totals.py compares them with lkjip-xl's sums)
    totals: list[dict[str, Any]] = field(default_factory=list)
    stopped_at: int | None = None  # list index of another table's header row where reading stopped

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


class RowPlan:
    """How the data rows of one sheet are read, worked out once per sheet: which column holds which key."""

    def __init__(self, spec: SheetSpec, columns: dict[str, int], stop: SheetSpec | None = None) -> None:
        self.spec, self.columns, self.stop = spec, columns, stop
        self.kode = columns["kode"]
        self.satuan = columns.get("satuan")
        # (key, column index or None, spec column) for every key but kode, in spec order
        self.cells = [(c.key, columns.get(c.key), c) for c in spec.columns if c.key != "kode"]
        self.numeric = [j for c in spec.columns if c.numeric and (j := columns.get(c.key)) is not None]
        self.missing_code = "K011" if spec.name == "Kinerja" else "A011"
        self.kode_code = "K012" if spec.name == "Kinerja" else "A012"  # a kode read otherwise than typed


def read_rows(
    rows: list[list[object]],
    first: int,
    plan: RowPlan,
    reader: CellReader,
    findings: list[Finding],
    mk: Any,
    hidden: frozenset[int],
    out: SheetRows,
) -> list[dict[str, Any]]:
    """The data rows from list index `first` on. Total rows go to `out.totals`; a run of text rows (a note, a
    signature block: place and date, `Mengetahui,`, a name, a NIP) is one B025 however many rows it spans."""
    records: list[dict[str, Any]] = []
    block: list[tuple[int, list[object]]] = []
    group_start = first + 1
    seen_data = False
    for i in range(first, len(rows)):
        row, excel_row = rows[i], i + 1
        if all(is_blank(v) for v in row):
            continue
        if not seen_data and not block and _column_numbers(row):
            continue  # `1 2 3 …` or `(1) (2) (3) …` numbering the columns under the header
        repeated = _repeats_header(row, plan.spec, plan.columns)
        kind = "data" if repeated else _kind(row, excel_row, plan, reader)
        if kind == "total":
            _flush(block, findings, mk, plan)
            out.totals.append(_total(row, excel_row, group_start, plan, reader))
            group_start = excel_row + 1
            continue
        if kind == "text" and plan.stop is not None and is_header_of(row, plan.stop):
            out.stopped_at = i  # another table starts here (pasted below this one)
            break
        if kind == "text":
            block.append((excel_row, row))
            records.append({"row": excel_row, "kode": "", "rejected": True})
            continue
        _flush(block, findings, mk, plan)
        seen_data = True
        record = read_row(row, excel_row, plan, reader, findings, mk, hidden, repeated)
        if record is not None:
            records.append(record)
    _flush(block, findings, mk, plan)
    return records


def _kind(row: list[object], excel_row: int, plan: RowPlan, reader: CellReader) -> str:
    """'total', 'text' (no kode-like kode, and nothing but text that is not a number where numbers belong:
    `Magelang, 15 Januari 2018` or a NIP typed in a number column) or 'data' (B026 is said by read_row)."""
    width = len(row)
    raw_kode = row[plan.kode] if plan.kode < width else None
    no_kode = is_blank(raw_kode)
    if no_kode or is_total_label(raw_kode):
        label = next((v for v in row if isinstance(v, str) and v.strip()), None)
        if is_total_label(label):
            return "total"
    if no_kode or not looks_like_kode(raw_kode):
        errors = reader.error_cells
        if not any(j < width and _numeric_content(row[j], bool(errors) and a1(excel_row, j) in errors) for j in plan.numeric):
            return "text"
    return "data"


def _numeric_content(value: object, error: bool) -> bool:
    """A cell a number reader must judge: a number, a number written as text, a date, a truth value, a formula
    error (each has its N-finding at its cell); blank and plain words are not."""
    if error:
        return True
    return value is not None and parse_cell(value).status not in (Status.BLANK, Status.BAD_TEXT)


def _column_numbers(row: list[object]) -> bool:
    """A row numbering the columns (1, 2, 3 … or (1), (2) …), often printed under an Indonesian table header."""
    values = []
    for v in row:
        if is_blank(v):
            continue
        text = text_of(v).strip("()")
        if not text.isdigit():
            return False
        values.append(int(text))
    return len(values) >= 3 and values == list(range(values[0], values[0] + len(values))) and values[0] <= 1


def _flush(block: list[tuple[int, list[object]]], findings: list[Finding], mk: Any, plan: RowPlan) -> None:
    if not block:
        return
    first, last = block[0][0], block[-1][0]
    where = f"Baris {first}" if first == last else f"Baris {first}–{last}"
    findings.append(
        mk(
            "B025",
            f"{where} tanpa kode dan tanpa angka (judul, catatan atau blok tanda tangan) tidak digabung.",
            cell=a1(first, plan.kode),
            actual=" / ".join(row_text(r) for _, r in block)[:80],
        )
    )
    block.clear()


def _total(row: list[object], excel_row: int, start: int, plan: RowPlan, reader: CellReader) -> dict[str, Any]:
    label = next((text_of(v) for v in row if isinstance(v, str) and v.strip()), "")
    out: dict[str, Any] = {"row": excel_row, "start": start, "label": label[:80]}
    for key in ("anggaran", "realisasi"):
        j = plan.columns.get(key)
        if j is None or key not in {c.key for c in plan.spec.columns}:
            out[key] = None
            continue
        value = reader.number(row[j] if j < len(row) else None, excel_row, j, plan.spec.column(key), label[:40])
        out[key] = None if value is None else int(value)
    return out


def read_row(
    row: list[object],
    excel_row: int,
    plan: RowPlan,
    reader: CellReader,
    findings: list[Finding],
    mk: Any,
    hidden: frozenset[int],
    repeated: bool | None = None,
) -> dict[str, Any] | None:
    """One data row read cell by cell (`repeated`: whether it repeats the header, when already known)."""
    width = len(row)
    if all(is_blank(v) for v in row):
        return None
    columns = plan.columns
    if _repeats_header(row, plan.spec, columns) if repeated is None else repeated:
        findings.append(
            mk(
                "B026",
                f"Baris {excel_row} mengulang baris judul kolom; tidak dibaca sebagai data.",
                cell=a1(excel_row, plan.kode),
                actual=row_text(row),
            )
        )
        return {"row": excel_row, "kode": "", "rejected": True}
    raw_kode = row[plan.kode] if plan.kode < width else None
    kode = normalise_kode(reader.text(raw_kode, excel_row, plan.kode))  # N009 past Excel's text limit
    if kode and (type(raw_kode) is not str or raw_kode.strip() != kode):
        _kode_as_typed(raw_kode, kode, excel_row, plan, findings, mk)
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
        findings.append(
            mk(
                "B016",
                f"Baris {excel_row} tersembunyi tetapi berisi data; tetap dibaca.",
                cell=a1(excel_row, plan.kode),
                kode=kode,
            )
        )
    if not kode:
        findings.append(
            mk(
                plan.missing_code,
                f"Baris {excel_row} berisi angka tetapi tidak punya kode; tidak digabung.",
                cell=a1(excel_row, plan.kode),
            )
        )
        record["rejected"] = True
    return record


def _kode_as_typed(raw: object, kode: str, excel_row: int, plan: RowPlan, findings: list[Finding], mk: Any) -> None:
    """`IK 10`, `2.07.01.` or a kode stored as a number: read as `IK10`, `2.07.01`, its text; said at its cell."""
    how = "tersimpan sebagai angka" if not isinstance(raw, str) else f"'{text_of(raw)[:40]}'"
    findings.append(
        mk(
            plan.kode_code,
            f"Kode {how} dibaca sebagai '{kode[:40]}'.",
            cell=a1(excel_row, plan.kode),
            kode=kode,
            actual=text_of(raw)[:60],
            expected=kode[:60],
        )
    )


def row_text(row: list[object]) -> str:
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
