"""The data rows of one sheet: each row read cell by cell through the spec, kept column by column with its Excel row."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lkjip_xl.findings import Finding, a1, col_letter
from lkjip_xl.intake.table import CellReader, is_blank, normalise_kode, text_of
from lkjip_xl.numbers import decimals_of
from lkjip_xl.planning.spec import MONEY, PERCENT, SheetSpec, normalise_label


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


class RowPlan:
    """How the data rows of one sheet are read, worked out once per sheet: which column holds which key."""

    def __init__(self, spec: SheetSpec, columns: dict[str, int]) -> None:
        self.spec, self.columns = spec, columns
        self.kode = columns["kode"]
        self.satuan = columns.get("satuan")
        # (key, column index or None, spec column) for every key but kode, in spec order
        self.cells = [(c.key, columns.get(c.key), c) for c in spec.columns if c.key != "kode"]
        self.numeric = [j for c in spec.columns if c.numeric and (j := columns.get(c.key)) is not None]
        self.missing_code = "K011" if spec.name == "Kinerja" else "A011"


def read_row(
    row: list[object],
    excel_row: int,
    plan: RowPlan,
    reader: CellReader,
    findings: list[Finding],
    mk: Any,
    hidden: frozenset[int],
) -> dict[str, Any] | None:
    width = len(row)
    if all(is_blank(v) for v in row):
        return None
    columns = plan.columns
    if _repeats_header(row, plan.spec, columns):
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
        if any(j < width and not is_blank(row[j]) for j in plan.numeric):
            findings.append(
                mk(
                    plan.missing_code,
                    f"Baris {excel_row} berisi angka tetapi tidak punya kode; tidak digabung.",
                    cell=a1(excel_row, plan.kode),
                )
            )
        else:
            findings.append(
                mk(
                    "B025",
                    f"Baris {excel_row} tanpa kode dan tanpa angka tidak digabung.",
                    cell=a1(excel_row, plan.kode),
                    actual=row_text(row),
                )
            )
        record["rejected"] = True
    return record


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
