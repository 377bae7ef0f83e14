"""Header detection and cell reading shared by the master and bidang readers (Excel rows kept)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from lkjip_xl.findings import Finding, a1
from lkjip_xl.numbers import Parsed, Status, decimals_of, format_id, parse_cell, parse_text, to_rupiah
from lkjip_xl.planning.spec import INTEGER, MONEY, PERCENT, Column, SheetSpec, normalise_label

HEADER_SCAN_ROWS = 30
MAX_TEXT = 32_767  # Excel's own cell limit; longer text cannot come from Excel
FAST_LIMIT = 10**15  # numbers up to numbers.MAX_ABS take the fast path of CellReader.number


@dataclass
class Header:
    """Where a sheet's header is (0-based list index of its first row), how many rows it spans (a two-row
    header: `Realisasi` merged over `Rp` and `%`) and which column holds which key."""

    index: int
    columns: dict[str, int]
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    height: int = 1
    scales: dict[str, int] = field(default_factory=dict)  # money key → 1.000 / 1.000.000 its label declares

    @property
    def last_row(self) -> int:
        """The 1-based Excel row of the header's last row (data starts below it)."""
        return self.index + self.height


def find_header(rows: list[list[object]], spec: SheetSpec, start: int = 0) -> Header | None:
    """The first row within the scan window (from list index `start`) that carries most of the spec's labels,
    read together with the row below it when that row completes the labels (a two-row header with merged cells)."""
    best: Header | None = None
    need = max(2, (len(spec.columns) + 1) // 2)
    for i in range(start, min(len(rows), start + HEADER_SCAN_ROWS)):
        row = rows[i]
        found = _match_labels([_label(v) for v in row], spec)
        below = rows[i + 1] if i + 1 < len(rows) else []
        if found[0] and _sub_header(below):
            pair = _match_labels(_combined(row, below), spec)
            if len(pair[0]) > len(found[0]):
                found = (pair[0], pair[1], 2, pair[3])
        columns, duplicates, height, scales = found
        if len(columns) >= need and (best is None or len(columns) > len(best.columns)):
            best = Header(i, columns, duplicates, height, scales)
            if len(columns) == len(spec.columns):
                break
    return best


def header_labels(row: list[object], spec: SheetSpec) -> dict[str, int]:
    """Which of `spec`'s columns one row names (key → column index)."""
    return _match_labels([_label(v) for v in row], spec)[0]


def _label(value: object) -> str:
    return value if isinstance(value, str) and value.strip() else ""


def _match_labels(labels: list[str], spec: SheetSpec) -> tuple[dict[str, int], list[tuple[str, int]], int, dict[str, int]]:
    columns: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    scales: dict[str, int] = {}
    for j, text in enumerate(labels):
        if not text:
            continue
        for variant in text.split("\x00"):  # the variants of a combined two-row label, best first
            label = normalise_label(variant)
            col = next((c for c in spec.columns if label in c.names), None)
            factor = 1
            if col is None:
                factor, label = scale_of(label)
                col = next((c for c in spec.columns if label in c.names and c.type == MONEY), None) if factor > 1 else None
            if col is None:
                continue
            if col.key in columns:
                duplicates.append((col.key, j))
            else:
                columns[col.key] = j
                if factor > 1:
                    scales[col.key] = factor
            break
    return columns, duplicates, 1, scales


_SCALE_WORDS = re.compile(
    r"\(?\s*(?:dalam\s+)?(?<![a-z])(?:(?P<ribu>ribuan|ribu|rb)|(?P<juta>jutaan|juta|jt))(?![a-z])\s*(?:rupiah|rp\.?)?\s*\)?"
    r"|\(?\s*(?:rp\.?\s*)?(?:(?P<ribu0>000)|(?P<juta0>000[.,]000))\s*\)?$",
)
SCALE_NOTE = re.compile(r"(?:ribuan|ribu|jutaan|juta)\s*(?:rupiah|rp\b)", re.IGNORECASE)


def scale_of(label: str) -> tuple[int, str]:
    """A money label declaring its unit (`realisasi (juta rp)`, `anggaran (dalam ribuan rupiah)`, `realisasi
    (rp. 000)`) → (1.000 or 1.000.000, the label without it, e.g. `realisasi`); (1, label) otherwise."""
    m = None
    for m in _SCALE_WORDS.finditer(label):
        if m.group(0).strip():
            break
    else:
        return 1, label
    if m is None or not m.group(0).strip():
        return 1, label
    factor = 1_000_000 if (m.group("juta") or m.group("juta0")) else 1000
    rest = (label[: m.start()] + label[m.end() :]).strip()
    rest = re.sub(r"\(\s*(rp\.?|rupiah)?\s*\)", "", rest).strip()
    return factor, " ".join(rest.split())


def _sub_header(row: list[object]) -> bool:
    """The second row of a two-row header: only short texts that are not numbers (`Rp`, `%`, `Fisik`)."""
    texts = [v for v in row if not is_blank(v)]
    if not texts or not all(isinstance(v, str) and len(v) <= 40 for v in texts):
        return False
    return all(parse_text(v) is None for v in texts)  # type: ignore[arg-type]


def _combined(top: list[object], bottom: list[object]) -> list[str]:
    """One label per column from both header rows: a top label merged across several columns (blank to the
    right of its first cell) is carried over the sub-labels below it; variants are tried in order."""
    out: list[str] = []
    carried = ""
    for j in range(max(len(top), len(bottom))):
        upper = _label(top[j]) if j < len(top) else ""
        lower = _label(bottom[j]) if j < len(bottom) else ""
        if upper:
            carried = upper if lower else ""
        elif lower and carried:
            upper = carried
        else:
            carried = ""
        if upper and lower:
            out.append("\x00".join((f"{upper} ({lower})", f"{upper} {lower}", lower, upper)))
        else:
            out.append(upper or lower)
    return out


KODE_SHAPE = re.compile(r"[A-Za-z]{0,8}\s?[0-9][0-9A-Za-z.\-/_]*\.?")
TOTAL_LABEL = re.compile(r"(sub\s*)?(jumlah|total|grand\s+total)\b", re.IGNORECASE)


def looks_like_kode(value: object) -> bool:
    """Whether a cell could hold a kode (`IK09`, `ik 10`, `3.31.16.1`, `2.07.01.`, a number): short, with a
    digit, at most one space; `Magelang, 15 Januari 2018`, `NIP. 19680101 199203 1 005`, `Mengetahui,` not."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    text = text_of(value)
    return 0 < len(text) <= 40 and KODE_SHAPE.fullmatch(text) is not None


def is_total_label(value: object) -> bool:
    """`JUMLAH`, `Total`, `Jumlah Program`, `Total Keseluruhan`, `Sub Total`: the label of a total row."""
    return isinstance(value, str) and TOTAL_LABEL.match(value.strip()) is not None


def _plain_number(raw: float | int, typ: str) -> Decimal | None:
    """A finite number within MAX_ABS in the column's unit without any finding, or None (take the full path)."""
    if isinstance(raw, float):
        if not (-FAST_LIMIT <= raw <= FAST_LIMIT):  # NaN and infinities fail both comparisons
            return None
        if raw.is_integer():
            return Decimal(int(raw))
        if typ == MONEY:
            return None  # a fraction of a rupiah: N008
        value = Decimal(repr(raw)) + 0
        return value.to_integral_value() if typ == INTEGER else value
    if -FAST_LIMIT <= raw <= FAST_LIMIT:
        return Decimal(raw)
    return None


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def text_of(value: object) -> str:
    """Cell → text as a person sees it (numbers without a spurious .0)."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def normalise_kode(value: object) -> str:
    """Codes compare without surrounding spaces or a trailing dot."""
    return text_of(value).replace(" ", "").rstrip(".")


@dataclass
class CellReader:
    """Reads numeric cells of one sheet into exact values, collecting N-findings with their cell."""

    file: str
    sheet: str
    bidang: str = ""
    percent_cells: frozenset[str] = frozenset()
    error_cells: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    scales: dict[int, int] = field(default_factory=dict)  # column index → 1.000 / 1.000.000 its header declares

    def _add(self, code: str, message: str, cell: str, kode: str, actual: str = "", expected: str = "") -> None:
        self.findings.append(
            Finding.make(
                code,
                message,
                file=self.file,
                sheet=self.sheet,
                cell=cell,
                kode=kode,
                actual=actual,
                expected=expected,
                bidang=self.bidang,
            )
        )

    def number(
        self, raw: object, row: int, col: int, column: Column, kode: str = "", percent: bool | None = None
    ) -> Decimal | None:
        """The cell's value in the column's unit, or None (blank or unreadable, with a finding)."""
        if raw is None:  # blank is not zero
            return None
        if raw == "" and not self.error_cells:  # calamine's empty cell inside the used range (an error cell reads '')
            return None
        plain = not self.error_cells and not self.percent_cells and not self.scales
        if plain and isinstance(raw, (float, int)) and not isinstance(raw, bool):
            # the common case, a plain number cell in a sheet without error or percent cells: no A1 reference,
            # no Parsed; the same values as parse_cell (whole numbers exactly, others via their shortest repr)
            fast = _plain_number(raw, column.type)
            if fast is not None:
                return fast
        cell = a1(row, col)
        if cell in self.error_cells:
            self._add(
                "N003", f"Sel {cell} berisi galat rumus {self.error_cells[cell]}.", cell, kode, actual=self.error_cells[cell]
            )
            return None
        parsed = parse_cell(raw, money=column.type == MONEY)
        value = self._judge(parsed, cell, column, kode)
        if value is None:
            return None
        if percent is None:
            percent = column.type == PERCENT
        if percent and cell in self.percent_cells and parsed.status is Status.NUMBER:
            shown = value * 100
            stored = format_id(value, decimals_of(value))  # the number the cell holds, every decimal, as 1,1652
            self._add(
                "N004",
                f"Sel {cell} berformat persen; {stored} dibaca sebagai {format_id(shown, 2)}.",
                cell,
                kode,
                actual=stored,
                expected=format_id(shown, 2),
            )
            value = shown
        if column.type == MONEY:
            value = value * self.scales.get(col, 1)  # declared in thousands/millions (B030 at the header)
            whole, dropped = to_rupiah(value)
            if dropped:
                self._add(
                    "N008",
                    f"Rupiah {format_id(value, 2)} dibulatkan menjadi {format_id(whole)}.",
                    cell,
                    kode,
                    actual=format_id(value, 2),
                    expected=format_id(whole),
                )
            return Decimal(whole)
        if column.type == INTEGER:
            return value.to_integral_value()
        return value

    def _judge(self, parsed: Parsed, cell: str, column: Column, kode: str) -> Decimal | None:
        if parsed.status is Status.BLANK:
            return None
        if parsed.status is Status.NUMBER:
            return parsed.value
        raw = parsed.raw[:60]
        if parsed.status is Status.TEXT:
            assert parsed.value is not None
            shown = format_id(parsed.value, 2 if parsed.value != parsed.value.to_integral_value() else 0)
            self._add(
                "N001",
                f"Teks '{raw}' di kolom {column.label} dibaca sebagai angka {shown}.",
                cell,
                kode,
                actual=raw,
                expected=shown,
            )
            return parsed.value
        if parsed.status is Status.DATE:
            self._add("N007", f"Sel {cell} di kolom {column.label} berisi tanggal ({raw}), bukan angka.", cell, kode, actual=raw)
        elif parsed.status is Status.NOT_FINITE:
            self._add("N006", f"Nilai '{raw}' di kolom {column.label} bukan angka yang wajar.", cell, kode, actual=raw)
        else:
            self._add("N002", f"'{raw}' di kolom {column.label} tidak dapat dibaca sebagai angka.", cell, kode, actual=raw)
        return None

    def text(self, raw: object, row: int, col: int, kode: str = "") -> str:
        value = text_of(raw)
        if len(value) > MAX_TEXT:
            cell = a1(row, col)
            self._add(
                "N009",
                f"Sel {cell} berisi {format_id(len(value))} karakter; hanya {format_id(MAX_TEXT)} pertama dipakai.",
                cell,
                kode,
                actual=f"{format_id(len(value))} karakter",
            )
            value = value[:MAX_TEXT]
        return value


__all__ = [
    "CellReader",
    "Header",
    "find_header",
    "header_labels",
    "is_blank",
    "is_total_label",
    "looks_like_kode",
    "normalise_kode",
    "normalise_label",
    "text_of",
]
