"""Read rows of many files → one polars frame per sheet, carrying file, bidang, Excel row and cell letters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lkjip_xl.intake.reader import BidangFile
from lkjip_xl.intake.rows import SheetRows
from lkjip_xl.planning.spec import MONEY, PERCENT, SheetSpec, bidang_spec

if TYPE_CHECKING:
    import polars as pl


def _dtype(typ: str) -> Any:
    import polars as pl

    return pl.Int64 if typ == MONEY else pl.Float64 if typ in (PERCENT, "decimal") else pl.Utf8


def frame_schema(spec: SheetSpec) -> dict[str, Any]:
    import polars as pl

    schema: dict[str, Any] = {
        "file": pl.Utf8,
        "sheet": pl.Utf8,
        "bidang": pl.Utf8,
        "row": pl.Int64,
        "kode": pl.Utf8,
        "rejected": pl.Boolean,
    }
    for col in spec.columns:
        if col.key == "kode":
            continue
        schema[col.key] = _dtype(col.type)
        if col.type == PERCENT:
            schema[f"{col.key}_dp"] = pl.Int64  # decimals the stated percentage carries
    for col in spec.columns:
        schema[f"c_{col.key}"] = pl.Utf8  # column letter in that file (columns may be reordered)
    return schema


def sheet_frame(files: list[BidangFile], which: str) -> pl.DataFrame:
    """All rows of sheet `which` ('kinerja' or 'anggaran') from every readable file."""
    import polars as pl

    spec = getattr(bidang_spec(), which)
    schema = frame_schema(spec)
    columns: dict[str, list[Any]] = {k: [] for k in schema}
    for f in files:
        rows: SheetRows | None = getattr(f, which)
        if rows is None:
            continue
        # each sheet arrives column by column from its reader (SheetRows.finish): only lists to concatenate
        columns["file"].extend([f.name] * rows.count)
        columns["sheet"].extend([rows.name] * rows.count)  # the sheet it was read from (`KINERJA`, `Sheet1`)
        columns["bidang"].extend([f.bidang] * rows.count)
        for key, values in rows.values.items():
            columns[key].extend(values)
    return pl.DataFrame(columns, schema=schema)
