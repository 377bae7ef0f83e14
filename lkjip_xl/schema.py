"""pandera schemas built from the column spec; failures come back as (code, frame position) pairs."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lkjip_xl.frames import frame_schema
from lkjip_xl.spec import MONEY, SheetSpec

_loaded = False


def load_check_libraries() -> None:
    """Import polars and pandera and register pandera's polars backends (about 0.5 s, once per process).

    `merge` calls this while worker processes read the files, so the cost overlaps the reading.
    """
    global _loaded
    if _loaded:
        return
    with _hypothesis_hidden():
        import pandera.polars as pa
        import polars as pl

        # the first validation registers pandera's polars backends and built-in checks
        pa.DataFrameSchema({"x": pa.Column(pl.Int64)}).validate(pl.DataFrame({"x": [1]}))
    _loaded = True


@contextmanager
def _hypothesis_hidden() -> Iterator[None]:
    """pandera imports hypothesis, when installed, only to synthesise test data, which lkjip-xl never does;
    the import costs 0.15 s. Unless something already imported it, it is hidden for this import."""
    if "hypothesis" in sys.modules:
        yield
        return
    sys.modules["hypothesis"] = None  # type: ignore[assignment]  # `import hypothesis` now raises ImportError
    try:
        yield
    finally:
        if "hypothesis" in sys.modules and sys.modules["hypothesis"] is None:
            del sys.modules["hypothesis"]


def build_schema(spec: SheetSpec, frame_checks: dict[str, Any]) -> Any:
    """Column dtypes and per-column rules from the spec; `frame_checks` maps a finding code to a
    boolean polars expression that must hold on every row (null counts as passing)."""
    import pandera.polars as pa
    import polars as pl

    columns: dict[str, Any] = {}
    for key, dtype in frame_schema(spec).items():
        checks = []
        col = next((c for c in spec.columns if c.key == key), None)
        if col is not None and col.type == MONEY:
            checks.append(pa.Check(lambda d: d.lazyframe.select(pl.col(d.key).ge(0).fill_null(True)), name="A002"))
        columns[key] = pa.Column(dtype, nullable=True, checks=checks)
    checks = [
        pa.Check(lambda d, expr=expr: d.lazyframe.select(expr.fill_null(True)), name=code) for code, expr in frame_checks.items()
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=False, coerce=False)


def failures(schema: Any, frame: Any) -> list[tuple[str, str | None, int]]:
    """Validate lazily; every failing (code, column, frame position). Schema-level errors raise."""
    import pandera.errors as pe

    try:
        schema.validate(frame, lazy=True)
    except pe.SchemaErrors as exc:
        fc = exc.failure_cases
        out: list[tuple[str, str | None, int]] = []
        for check, column, index in fc.select("check", "column", "index").iter_rows():
            if index is None:
                raise RuntimeError(f"skema tidak sesuai: {check} {column}") from exc
            out.append((str(check), column, int(index)))
        return out
    return []
