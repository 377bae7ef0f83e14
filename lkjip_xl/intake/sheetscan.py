"""One sheet's raw XML scanned in a single forward pass: error, percent, formula, hidden-row and merged cells.

Every pattern here is linear on any input (tags stop at the next '<', runs are possessive): a hostile sheet must
not stall the merge.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from lkjip_xl.findings import col_letter

_SHEETDATA_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData(?=[\s/>])[^<>]*?(/?)>")
NS = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix such as x:


# Linear on any input: no tag or attribute value contains '<' in XML, so every tag pattern stops at the next '<'
# (a run of unclosed tags costs one pass, not one pass per tag), and runs are possessive (no backtracking).
# tests/test_sheetxml.py scans such runs in a child with a time limit.
TAG_ATTRS = rb"""((?:[^<>"']++|"[^"<]*+"|'[^'<]*+')*+)"""  # a start tag's attributes; '>' may occur inside quotes


_CELL_ATTRS = rb"""((?:[^<>"'/]++|"[^"<]*+"|'[^'<]*+'|/(?!>))*+)"""  # the same, up to '>' or a closing '/>'


# an attribute name starts the string or follows a space or a quote: never inside a longer run of name characters
_ATTR_RE = re.compile(rb"""(?:^|(?<=[\s"']))([^\s=/>"']++)\s*+=\s*+(?:"([^"]*+)"|'([^']*+)')""")


_CELL_REF_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]+)([0-9]+)["']""")  # any length: calamine reads them all


_ENTITY_RE = re.compile(r"&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);")


_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


_SPACED_EQUALS = re.compile(rb"r\s+=")  # r = "A1": an attribute the fast scan would not see


BEYOND = 1 << 40  # row or column of a reference past any grid (calamine would wrap it around u32)


# external references: [1]Sheet1!A1, [1]!Name, [Book.xlsx]Sheet1!A1, 'C:\dir\[Book.xlsx]Sheet 1'!A1
_STRING_LITERAL = re.compile(r'"(?:[^"]|"")*"')


# starts only at a quote that does not follow another (inside a run of quotes every start would rescan it)
_QUOTED_SHEET = re.compile(r"(?<!')'(?>(?:[^']|'')*)'!")


_UNQUOTED_EXTERNAL = re.compile(r"\[[^\[\]]+\][^\s!\[\]()+\-*/^&=<>,;'\"{}%]*!")


@dataclass
class SheetInfo:
    """What the raw XML of one sheet says beyond cell values. Cells are A1 strings, rows 1-based."""

    name: str
    state: str = "visible"  # "visible" | "hidden" | "veryHidden"
    error_cells: dict[str, str] = field(default_factory=dict)
    percent_cells: set[str] = field(default_factory=set)
    formulas: dict[str, str] = field(default_factory=dict)
    formulas_without_value: set[str] = field(default_factory=set)
    external_refs: set[str] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)
    merged: list[str] = field(default_factory=list)
    dimension_rows: int = 0
    dimension_cols: int = 0
    complete: bool = True  # False: sheet XML missing, over MAX_SHEET_XML_BYTES or damaged; fields hold what was read
    problem: str = ""  # why it is incomplete, when that is known and worth saying (in Bahasa Indonesia)


def is_percent_format(code: str) -> bool:
    """True when an Excel number format code shows a percent: a '%' outside quotes, brackets and escapes."""
    i = 0
    while i < len(code):
        ch = code[i]
        if ch in '"[':
            end = code.find('"' if ch == '"' else "]", i + 1)
            i = len(code) if end < 0 else end + 1
            continue
        if ch == "%":
            return True
        i += 2 if ch in "\\_*" else 1
    return False


def refers_to_other_workbook(formula: str) -> bool:
    """True when a formula refers to another workbook ([1]Sheet!A1, '[x.xlsx]Sheet'!A1, 'C:\\dir\\[x.xlsx]S'!A1)."""
    if "[" not in formula and "'" not in formula:
        return False
    text = _STRING_LITERAL.sub('""', formula)
    for match in _QUOTED_SHEET.finditer(text):
        if any(ch in match.group() for ch in "[]\\/"):  # characters a sheet name may not contain
            return True
    return bool(_UNQUOTED_EXTERNAL.search(_QUOTED_SHEET.sub("S!", text)))


def parse_attrs(raw: bytes) -> dict[str, str]:
    pairs = _ATTR_RE.findall(raw)
    return {key.decode("ascii", "replace"): _unescape((dq or sq).decode("utf-8", "replace")) for key, dq, sq in pairs}


def _unescape(text: str) -> str:
    return _ENTITY_RE.sub(_entity, text) if "&" in text else text


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if not name.startswith("#"):
        return _NAMED_ENTITIES[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code) if 0 < code <= 0x10FFFF else match.group(0)


def to_int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@functools.lru_cache(maxsize=1024)
def col_number(letters: str) -> int:
    """'A' → 1, 'AA' → 27; absurdly long letters are BEYOND."""
    if len(letters) > 8:
        return BEYOND
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


@dataclass(frozen=True)
class _Patterns:
    """Regexes for one namespace prefix ('' or e.g. 'x:') as used by a sheet."""

    token: re.Pattern[bytes]
    formula: re.Pattern[bytes]
    value: re.Pattern[bytes]
    merge: re.Pattern[bytes]
    marks: re.Pattern[bytes]  # a formula, an error value or a style (group 1 or 2: its number), as _marked_cells wants
    cell_cols: re.Pattern[bytes]  # column letters of every <c r="…"> tag written the usual way
    cell_rows: re.Pattern[bytes]  # row numbers of the same tags
    foreign: re.Pattern[bytes]  # a <c> or <row> tag with another namespace prefix (calamine reads it all the same)
    formula_mark: bytes
    cell_mark: bytes  # b'<c' with the prefix: counts every cell tag
    usual_cell: bytes  # b'<c r="' with the prefix: where a cell written the usual way starts
    row_mark: bytes
    sheet_data_end: bytes


@functools.lru_cache(maxsize=16)
def _patterns(prefix: bytes) -> _Patterns:
    p = re.escape(prefix)
    usual = rb'(?:\s+r="([A-Za-z]+)([0-9]+)")?(?:\s+s="([0-9]{1,9})")?'  # how Excel & co. start a <c> tag
    # a row tag ends at '>', a cell at '</c>'. The body runs to the next cell or row tag and no further (text,
    # then any tag that is not <c>, </c>, <row> or </row>, atomically): a cell left unclosed costs the distance to
    # the next tag, so the scan stays linear. (A lazy '.*?</c>' searched the rest of the sheet for every
    # unclosed cell: quadratic, 0.1 MB of them took 5 s.)
    body = rb"(?>[^<]*+(?:<(?!/?" + p + rb"(?:c|row)[\s/>])[^<]*+)*+)"
    cell_body = rb"(?(1)|(?:(" + body + rb")</" + p + rb"c\s*>)?)"
    return _Patterns(
        token=re.compile(rb"<" + p + rb"(?:(row)|c)(?=[\s/>])" + usual + _CELL_ATTRS + rb"(?:/>|>" + cell_body + rb")", re.S),
        formula=re.compile(rb"<" + p + rb"f(?=[\s/>])([^<>]*?)(?:/>|>([^<]*+)</" + p + rb"f>)"),
        value=re.compile(rb"<" + p + rb"v(?=[\s/>])[^<>]*?(?:/>|>([^<]*+)</" + p + rb"v>)"),
        merge=re.compile(rb"<" + p + rb"mergeCell(?=[\s/>])([^<>]*+)>"),
        marks=re.compile(b"<" + p + rb"f|t=\"e\"|t='e'|s=\"([0-9]+)\"|s='([0-9]+)'"),
        cell_cols=re.compile(rb"<" + p + rb'c r="([A-Za-z]+)[0-9]'),
        cell_rows=re.compile(rb"<" + p + rb'c r="[A-Za-z]+([0-9]+)"'),
        foreign=re.compile(rb"<(?!" + p + rb"(?:c|row)[\s/>])(?:[A-Za-z_][\w.-]*:)?(?:c|row)[\s/>]"),
        formula_mark=b"<" + prefix + b"f",
        cell_mark=b"<" + prefix + b"c",
        usual_cell=b"<" + prefix + b'c r="',
        row_mark=b"<" + prefix + b"row",
        sheet_data_end=b"</" + prefix + b"sheetData>",
    )


@functools.lru_cache(maxsize=4096)
def _col_bytes(letters: bytes) -> int:
    return col_number(letters.decode("ascii"))


def _tag_end(data: bytes, tag_start: int, end: int) -> int:
    """The '>' closing the tag at `tag_start`, or -1 when a '<' comes first (the tag was left unclosed)."""
    lt = data.find(b"<", tag_start + 1, end)
    return data.find(b">", tag_start + 1, lt if lt >= 0 else end)


def _ref_number(digits: bytes | str) -> int:
    """A row number from a reference or row tag; absurdly long digit runs are BEYOND (int() refuses > 4300 digits)."""
    return int(digits) if len(digits) <= 12 else BEYOND


def _cell_position(letters: bytes | None, digits: bytes | None, rest: bytes, col: int, row: int) -> tuple[int, int]:
    """Column and row of a cell as calamine places it: the last r attribute wins; without one, the next column of
    the current <row>."""
    refs = _CELL_REF_ATTR.findall(rest) if b"r" in rest else []
    if refs:
        letters, digits = refs[-1]
    return (_col_bytes(letters), _ref_number(digits)) if letters and digits else (col + 1, row)


class SheetScanner:
    """One regex pass over the <row> and <c> tags of sheetData; only cells that may matter are looked at closely."""

    def __init__(self, info: SheetInfo, percent_styles: frozenset[int], size_only: bool = False) -> None:
        self.info = info
        self.size_only = size_only  # the dimension alone: no cell looked at closely
        self.percent_styles = percent_styles
        self.percent_ids = frozenset(str(i).encode() for i in percent_styles)
        self.default_percent = 0 in percent_styles  # cells without an s attribute use cellXfs[0]
        self.shared_external: dict[str, bool] = {}  # shared formula si → its master refers to another workbook
        self.shared_waiting: dict[str, list[str]] = {}  # shared formula si → dependents seen before their master
        self.pats = _patterns(b"")

    def scan(self, data: bytes) -> None:
        opening = _SHEETDATA_TAG.search(data)
        if opening is None:
            return
        self.pats = _patterns(opening.group(1) or b"")
        start = opening.end()
        end = start if opening.group(2) else data.find(self.pats.sheet_data_end, start)
        if end < 0:
            end, self.info.complete = len(data), False
        if self.pats.foreign.search(data, start, end):  # e.g. <x:c> among <c>: positions this scan cannot vouch for
            self.info.complete = False
            return
        if not self._scan_fast(data, start, end):
            self._scan_all(data, start, end)
        self.info.merged.extend(parse_attrs(m.group(1)).get("ref", "") for m in self.pats.merge.finditer(data, end))

    def _scan_fast(self, data: bytes, start: int, end: int) -> bool:
        """The usual case, every <c> tag starting with r="A1": look only at cells near a formula, error or percent mark.

        Returns False, having changed nothing, when the sheet is written some other way.
        """
        pats = self.pats
        usual = data.count(pats.usual_cell, start, end)
        if self.default_percent or usual != data.count(pats.cell_mark, start, end):
            return False
        # one r attribute per tag, written r="…": a second one (calamine takes the last) needs the full scan
        r_attributes = usual + data.count(pats.row_mark + b' r="', start, end)
        if data.count(b"r=", start, end) != r_attributes or _SPACED_EQUALS.search(data, start, end):
            return False
        hidden = self._hidden_rows_fast(data, start, end)
        if hidden is None:
            return False
        self.info.hidden_rows.update(hidden)
        rows, cols = set(pats.cell_rows.findall(data, start, end)), set(pats.cell_cols.findall(data, start, end))
        self.info.dimension_rows = max((_ref_number(row) for row in rows), default=0)
        self.info.dimension_cols = max((_col_bytes(col) for col in cols), default=0)
        if self.size_only:
            return True
        for position in sorted(self._marked_cells(data, start, end)):
            match = pats.token.match(data, position, end)
            if match is not None and match.group(2):
                _, letters, digits, style, rest, body = match.groups()
                self._visit(_col_bytes(letters), _ref_number(digits), style, rest, body)
        return True

    def _marked_cells(self, data: bytes, start: int, end: int) -> set[int]:
        """Start offsets of the cells holding a formula, an error or a percent style mark (plus a few false hits).

        One pass over the marks in order, each cell start looked for back to the previous mark only: linear
        however many marks, or percent styles, there are.
        """
        found: set[int] = set()
        cell, searched = -1, start
        for hit in self.pats.marks.finditer(data, start, end):
            style = hit.group(1) or hit.group(2)
            if style is not None and style not in self.percent_ids:
                continue
            later = data.rfind(self.pats.usual_cell, searched, hit.start())
            searched = hit.start()
            cell = later if later >= 0 else cell
            if cell >= 0:
                found.add(cell)
        return found

    def _hidden_rows_fast(self, data: bytes, start: int, end: int) -> set[int] | None:
        """Rows marked hidden; None when such a row has no r attribute (its number needs the full scan).

        A hit belongs to the last <row before it when that tag's '>' comes after the hit. Row tags are looked
        for back to the previous hit only and each is read once, up to the next '<' at most: linear whatever
        the XML, even a run of unclosed tags.
        """
        hidden: set[int] = set()
        mark = self.pats.row_mark
        searched = start
        hit = data.find(b"hidden=", start, end)
        while hit >= 0:
            tag_start = data.rfind(mark, searched, hit)  # a tag before the previous hit was read with it
            searched = hit
            if tag_start >= 0 and (tag_end := _tag_end(data, tag_start, end)) > hit:
                attrs = parse_attrs(data[tag_start + len(mark) : tag_end])
                if attrs.get("hidden") in ("1", "true"):
                    if "r" not in attrs:
                        return None
                    hidden.add(to_int(attrs["r"], 0))
            hit = data.find(b"hidden=", hit + 7, end)
        return hidden

    def _scan_all(self, data: bytes, start: int, end: int) -> None:
        """Every <row> and <c> tag in order: handles cells without r, attributes in any order or quoting."""
        row = col = max_row = max_col = 0  # row: the current <row> tag's; a cell without r is placed there
        for match in self.pats.token.finditer(data, start, end):
            is_row, letters, digits, style, rest, body = match.groups()
            if is_row:
                row, col = self._row(rest, row), 0
                continue
            col, cell_row = _cell_position(letters, digits, rest, col, row)
            max_row, max_col = max(max_row, cell_row), max(max_col, col)
            if not self.size_only:
                self._visit(col, cell_row, style, rest, body)
        self.info.dimension_rows, self.info.dimension_cols = max_row, max_col

    def _visit(self, col: int, row: int, style: bytes | None, rest: bytes, body: bytes | None) -> None:
        """Look closely at a cell only when it may hold a formula, an error value or a percent style."""
        has_formula = body is not None and self.pats.formula_mark in body
        if has_formula or self._maybe_percent(style, rest) or b'"e"' in rest or b"'e'" in rest:
            self._cell(f"{col_letter(col - 1)}{row}", style, parse_attrs(rest) if rest else {}, body or b"")

    def _maybe_percent(self, style: bytes | None, rest: bytes) -> bool:
        if style:
            return style in self.percent_ids
        return self.default_percent or (bool(self.percent_ids) and b"s=" in rest)

    def _row(self, attrs: bytes, previous: int) -> int:
        parsed = parse_attrs(attrs)
        number = parsed.get("r", "")
        row = _ref_number(number) if number.isascii() and number.isdigit() else previous + 1
        if parsed.get("hidden") in ("1", "true"):
            self.info.hidden_rows.add(row)
        return row

    def _cell(self, cell: str, style: bytes | None, attrs: dict[str, str], body: bytes) -> None:
        kind = attrs.get("t", "n")
        value_match = self.pats.value.search(body)
        raw_value = value_match.group(1) if value_match else None
        value = _unescape(raw_value.decode("utf-8", "replace")) if raw_value else ""
        formula_match = self.pats.formula.search(body) if self.pats.formula_mark in body else None
        if kind == "e":
            self.info.error_cells[cell] = value
        if formula_match is not None:
            self._formula(cell, formula_match, kind, value != "")
        style_id = to_int(style.decode("ascii") if style else attrs.get("s"), 0)
        if kind == "n" and (value != "" or formula_match is not None) and style_id in self.percent_styles:
            self.info.percent_cells.add(cell)

    def _formula(self, cell: str, match: re.Match[bytes], kind: str, has_value: bool) -> None:
        text = _unescape(match.group(2).decode("utf-8", "replace")) if match.group(2) else ""
        self.info.formulas[cell] = text
        if not has_value and kind not in ("str", "inlineStr"):
            self.info.formulas_without_value.add(cell)
        attrs = parse_attrs(match.group(1)) if match.group(1) else {}
        si = attrs.get("si") if attrs.get("t") == "shared" else None
        external = refers_to_other_workbook(text) if text else False
        if si is not None and text:
            self.shared_external[si] = external
            if external:
                self.info.external_refs.update(self.shared_waiting.pop(si, []))
        elif si is not None:
            if si not in self.shared_external:
                self.shared_waiting.setdefault(si, []).append(cell)
            external = self.shared_external.get(si, False)
        if external:
            self.info.external_refs.add(cell)
