"""pandera schemas built from the column spec; failures come back as (code, frame position) pairs."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lkjip_xl.intake.frames import frame_schema
from lkjip_xl.planning.spec import MONEY, SheetSpec

_loaded = False


def load_check_libraries() -> None:
    """Import polars and pandera and register pandera's polars backends (about 0.3 s, once per process).

    `merge` calls this while worker processes read the files, so the cost overlaps the reading.
    """
    global _loaded
    if _loaded:
        return
    import polars as pl

    with _unused_imports_hidden():
        import pandera.polars as pa

        # the first validation registers pandera's polars backends and built-in checks; the first check run
        # registers the check backends, where pandera tries its pandas types once (and remembers the answer):
        # here, with numpy hidden, so that with pandas installed the merge does not import it (0,45 s)
        check = pa.Check(lambda d: d.lazyframe.select(pl.col("x").ge(0)))
        pa.DataFrameSchema({"x": pa.Column(pl.Int64, checks=[check])}).validate(pl.DataFrame({"x": [1]}))
    _loaded = True


# Imported by pandera when installed, never used by lkjip-xl: hypothesis (to synthesise test data, 0.15 s) and
# numpy (only to try pandas for pandera's pandas API, 0.1 s; with pandas installed, that import costs more).
# pandera treats them as absent, as in its polars-only install.
_UNUSED = ("hypothesis", "numpy")


class _Unavailable:
    """A meta-path finder that makes the named top-level modules look not installed."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return None


@contextmanager
def _unused_imports_hidden() -> Iterator[None]:
    """The _UNUSED modules not imported yet look not installed during this block (later imports work)."""
    finder = _Unavailable(frozenset(name for name in _UNUSED if name not in sys.modules))
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


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
