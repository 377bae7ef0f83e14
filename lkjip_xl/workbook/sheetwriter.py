"""SheetWriter: a table sheet's cells serialised as XML (text always as text), columns and wrapped rows sized."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lkjip_xl.findings import col_letter
from lkjip_xl.xlsx.direct import (
    blank_cell,
    formula_cell,
    inline_string_cell,
    number_cell,
    number_text,
    shared_string,
    string_cell,
    xf_index,
)
from lkjip_xl.xlsx.formats import DEFAULT_WIDTH, LINE_HEIGHT, clean_text, wrapped_lines


@dataclass(frozen=True)
class Formula:
    """A live formula and the value it computes (cached in the cell for readers that do not recalculate)."""

    text: str
    value: float | str


class SheetWriter:
    """Writes one worksheet's cells, text always as text, and sizes columns and wrapped rows to the content."""

    def __init__(
        self, ws: Any, caps: dict[int, int] | None = None, default_cap: int = 40, min_width: int = 5, splice: Any = None
    ) -> None:
        self.ws = ws
        self._caps = caps or {}
        self._default_cap = default_cap
        self._min_width = min_width
        self._widths: dict[int, int] = {}
        # wrapped text cells: (first_row, last_row, first_col, last_col, text, bold), for row heights
        self._wrapped: list[tuple[int, int, int, int, str, bool]] = []
        # splice: the workbook's `splice` (xlsx_direct) — cells are then serialised here, not by xlsxwriter
        self._splice = splice
        self._cells: dict[int, dict[int, str]] = {}
        self._merges: list[str] = []
        self._xf: dict[int, int] = {}
        self._columns: set[int] = set()  # columns holding at least one serialised cell (for the dimension)

    def _measure(self, col: int, chars: int) -> None:
        self._widths[col] = max(self._widths.get(col, 0), chars + 2)

    def _remember(self, first_row: int, last_row: int, first_col: int, last_col: int, text: str, fmt: Any) -> None:
        if text and fmt is not None and getattr(fmt, "text_wrap", False):
            self._wrapped.append((first_row, last_row, first_col, last_col, text, bool(getattr(fmt, "bold", False))))

    # -- cell primitives: to xlsxwriter, or serialised here when the sheet is spliced

    def _ref(self, row: int, col: int) -> str:
        return f"{col_name(col)}{row + 1}"

    def _xf_of(self, fmt: Any) -> int:
        key = id(fmt)
        if key not in self._xf:
            self._xf[key] = xf_index(fmt)
        return self._xf[key]

    def _put(self, row: int, col: int, xml: str) -> None:
        self._cells.setdefault(row, {})[col] = xml
        self._columns.add(col)

    def _string(self, row: int, col: int, text: str, fmt: Any) -> None:
        if self._splice is None:
            self.ws.write_string(row, col, text, fmt)
        else:
            self._put(row, col, string_cell(self._ref(row, col), self._xf_of(fmt), shared_string(self.ws, text)))

    def _blank(self, row: int, col: int, fmt: Any) -> None:
        if self._splice is None:
            self.ws.write_blank(row, col, None, fmt)
        elif fmt is not None:  # as xlsxwriter: a blank without a format is no cell at all
            self._put(row, col, blank_cell(self._ref(row, col), self._xf_of(fmt)))

    def _number(self, row: int, col: int, value: float, fmt: Any) -> None:
        if self._splice is None:
            self.ws.write_number(row, col, value, fmt)
        else:
            self._put(row, col, number_cell(self._ref(row, col), self._xf_of(fmt), value))

    def _merge(self, first_row: int, first_col: int, last_row: int, last_col: int, fmt: Any) -> None:
        """A merged range of formatted blanks (its first cell is written next)."""
        if self._splice is None:
            self.ws.merge_range(first_row, first_col, last_row, last_col, "", fmt)
            return
        self._merges.append(f"{self._ref(first_row, first_col)}:{self._ref(last_row, last_col)}")
        for r in range(first_row, last_row + 1):
            for c in range(first_col, last_col + 1):
                self._blank(r, c, fmt)

    # -- cells

    def text(self, row: int, col: int, value: object, fmt: Any = None, *, measure: bool = True) -> None:
        """Write text as a string cell whatever it starts with (=, +, -, @, http://): never a formula or link."""
        text = clean_text(value)
        if text:
            self._string(row, col, text, fmt)
        else:
            self._blank(row, col, fmt)
        if measure:
            self._measure(col, _longest_line(text))
            self._remember(row, row, col, col, text, fmt)

    def header(self, row: int, labels: Sequence[str], fmt: Any) -> None:
        """A header row; labels wrap, so only their longest word sets a minimum width."""
        for col, label in enumerate(labels):
            self._string(row, col, clean_text(label), fmt)
            self._measure(col, max((len(w) for w in label.split()), default=0))
            self._remember(row, row, col, col, label, fmt)

    def number(self, row: int, col: int, value: float | None, fmt: Any, decimals: int = 0) -> None:
        """A number cell, or a formatted blank when there is no value (blank is not 0; NaN/inf are no value either)."""
        if value is None or not math.isfinite(value):
            self._blank(row, col, fmt)
            return
        self._number(row, col, value, fmt)
        self._measure(col, _display_len(value, decimals))

    def formula(self, row: int, col: int, formula: str, fmt: Any, value: float | str, decimals: int = 0) -> None:
        """A live formula with its cached value, so readers that do not recalculate still see the number."""
        if self._splice is None:
            self.ws.write_formula(row, col, formula, fmt, value)
        else:
            self._put(row, col, formula_cell(self._ref(row, col), self._xf_of(fmt), formula, value))
        if not isinstance(value, str):
            self._measure(col, _display_len(value, decimals))

    def column(
        self,
        col: int,
        rows: Sequence[int],
        values: Sequence[Any],
        fmts: Any,
        decimals: int | Sequence[int] = 0,
    ) -> None:
        """Values down one column, as `text`, `number` or `formula` would write them one by one.

        A value is None (a formatted blank), text, a number or a Formula; `fmts` and `decimals` are one for
        the whole column or one per row. In a spliced sheet this is the fast path of a large table.
        """
        per_row_fmt = isinstance(fmts, (list, tuple))
        per_row_dec = not isinstance(decimals, int)
        if self._splice is None:
            for i, (row, value) in enumerate(zip(rows, values, strict=True)):
                self._any(row, col, value, fmts[i] if per_row_fmt else fmts, decimals[i] if per_row_dec else decimals)  # type: ignore[index,arg-type]
            return
        n = len(rows)
        fmt_list = list(fmts) if per_row_fmt else [fmts] * n
        dec_list: list[int] = list(decimals) if not isinstance(decimals, int) else [decimals] * n
        # in order of first use, as xlsxwriter numbers formats: same inputs, same styles.xml
        xf_of = {f: self._xf_of(f) for f in dict.fromkeys(fmt_list)}
        letter, cells, wrapped = col_name(col), self._cells, self._wrapped
        shared = self.ws.str_table._get_shared_string_index
        # per format: its xf index, and whether its text wraps (bold or not), looked up once
        style = {f: (xf_of[f], f is not None and bool(f.text_wrap), f is not None and bool(f.bold)) for f in xf_of}
        lines: list[int] = []  # longest line of each text
        numbers: dict[int, list[float]] = {}  # shown numbers by their decimals, for the width
        wrote = False
        for row, value, fmt, dec in zip(rows, values, fmt_list, dec_list, strict=True):
            xf, wraps, bold = style[fmt]
            if isinstance(value, str):
                text = clean_text(value)
                lines.append(_longest_line(text))
                if text:
                    xml = f'<c r="{letter}{row + 1}" s="{xf}" t="s"><v>{shared(text)}</v></c>'  # string_cell, inline
                    if wraps:
                        wrapped.append((row, row, col, col, text, bold))
                elif fmt is None:
                    continue
                else:
                    xml = blank_cell(f"{letter}{row + 1}", xf)
            elif isinstance(value, Formula):
                xml = formula_cell(f"{letter}{row + 1}", xf, value.text, value.value)
                if not isinstance(value.value, str):
                    numbers.setdefault(dec, []).append(value.value)
            elif value is None or not math.isfinite(value):
                if fmt is None:
                    continue
                xml = blank_cell(f"{letter}{row + 1}", xf)
            else:
                xml = f'<c r="{letter}{row + 1}" s="{xf}"><v>{number_text(value)}</v></c>'  # number_cell, inline
                numbers.setdefault(dec, []).append(value)
            row_cells = cells.get(row)
            if row_cells is None:
                cells[row] = {col: xml}
            else:
                row_cells[col] = xml
            wrote = True
        if wrote:
            self._columns.add(col)
        # the widest display of a column of numbers is that of its largest or its most negative value
        widths = [max(lines) + 2] if lines else []
        widths += [_display_len(v, dec) + 2 for dec, vs in numbers.items() for v in (max(vs), min(vs))]
        if widths:
            self._widths[col] = max(self._widths.get(col, 0), *widths)

    def packed_column(self, col: int, first_row: int, texts: Sequence[str]) -> None:
        """Long machine-read texts (packed JSON) down one column, unformatted and unmeasured. In a spliced sheet
        as inline strings: kept out of the shared strings, whose table xlsxwriter holds, then writes out whole,
        in memory (at 10.000 bidang the trail alone is 60 MB of text)."""
        if self._splice is None:
            for r, text in enumerate(texts, start=first_row):
                self.ws.write_string(r, col, text)
            return
        letter = col_name(col)
        for r, text in enumerate(texts, start=first_row):
            self._put(r, col, inline_string_cell(f"{letter}{r + 1}", text))

    def _any(self, row: int, col: int, value: Any, fmt: Any, decimals: int) -> None:
        if isinstance(value, str):
            self.text(row, col, value, fmt)
        elif isinstance(value, Formula):
            self.formula(row, col, value.text, fmt, value.value, decimals)
        else:
            self.number(row, col, value, fmt, decimals)

    def merge_text(self, first_row: int, first_col: int, last_row: int, last_col: int, value: object, fmt: Any) -> None:
        """Text in a merged range (a plain cell when the range is one cell: xlsxwriter refuses to merge one)."""
        if first_row == last_row and first_col == last_col:
            self.text(first_row, first_col, value, fmt)
            return
        text = clean_text(value)
        self._merge(first_row, first_col, last_row, last_col, fmt)
        if text:
            self._string(first_row, first_col, text, fmt)
        if first_col == last_col:
            self._measure(first_col, _longest_line(text))
        self._remember(first_row, last_row, first_col, last_col, text, fmt)

    def merge_number(self, first_row: int, col: int, last_row: int, value: float, fmt: Any) -> None:
        """A number in a vertically merged range (NO of a sasaran)."""
        if first_row == last_row:
            self.number(first_row, col, value, fmt)
            return
        self._merge(first_row, col, last_row, col, fmt)
        self._number(first_row, col, value, fmt)
        self._measure(col, _display_len(value, 0))

    def width(self, col: int) -> float:
        return float(min(max(self._widths.get(col, 0), self._min_width), self._caps.get(col, self._default_cap)))

    def finish(self, fixed: dict[int, float] | None = None) -> None:
        """Set column widths (content length, capped) and the height of rows whose wrapped text needs more lines.

        Heights are set explicitly: LibreOffice does not refit rows on load and no application fits a row to a
        merged range, so a merged range's missing lines go to its last row.
        """
        fixed = fixed or {}
        cols = sorted(set(self._widths) | set(fixed))
        widths = {col: fixed.get(col, self.width(col)) for col in cols}
        for col in cols:
            self.ws.set_column(col, col, widths[col])
        lines: dict[int, int] = {}
        for first_row, last_row, first_col, last_col, text, bold in sorted(self._wrapped, key=lambda w: w[1] - w[0]):
            if first_col == last_col:
                width = widths.get(first_col, DEFAULT_WIDTH)
            else:
                width = sum(widths.get(c, DEFAULT_WIDTH) for c in range(first_col, last_col + 1))
            if first_row == last_row:
                if len(text) <= width - 1.5 and "\n" not in text:
                    continue  # fits on one line whatever the font (the common case: skip the word wrap)
                have = lines.get(first_row, 1)
            else:
                have = sum(lines.get(r, 1) for r in range(first_row, last_row + 1))
            need = wrapped_lines(text, width, bold)
            if need > have:
                lines[last_row] = lines.get(last_row, 1) + need - have
        heights = {row: lines[row] * LINE_HEIGHT for row in sorted(lines) if lines[row] > 1}
        if self._splice is None:
            for row, height in heights.items():
                self.ws.set_row(row, height)
        else:
            self._splice(self.ws, *self._sheet_data(heights))

    def _sheet_data(self, heights: dict[int, float]) -> tuple[str, Iterator[str], list[str]]:
        """Dimension, <row> elements (each row's cells let go once it is serialised) and merged ranges."""
        dimension = f"A1:{self._ref(max(self._cells), max(self._columns))}" if self._columns else "A1"
        return dimension, self._rows_xml(heights), self._merges

    def _rows_xml(self, heights: dict[int, float]) -> Iterator[str]:
        all_cells = self._cells
        for row in sorted(set(all_cells) | set(heights)):
            cells = all_cells.pop(row, {})
            # as xlsxwriter's set_row: the height goes through whole pixels (4/3 per point)
            height = f' ht="{int(heights[row] * 4 / 3 + 0.5) * 0.75:g}" customHeight="1"' if row in heights else ""
            yield f'<row r="{row + 1}"{height}>{"".join([cells[c] for c in sorted(cells)])}</row>'


def _longest_line(text: str) -> int:
    return max(len(part) for part in text.split("\n")) if "\n" in text else len(text)


@functools.lru_cache(maxsize=256)
def col_name(col: int) -> str:
    return col_letter(col)


def _display_len(value: float, decimals: int) -> int:
    """Characters of the Indonesian display (1.234.567,89), counted without formatting it."""
    digits = len(str(int(abs(value)))) if math.isfinite(value) else 1
    return digits + (digits - 1) // 3 + (decimals + 1 if decimals else 0) + (value < 0)
