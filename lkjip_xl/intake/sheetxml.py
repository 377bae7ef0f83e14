"""Scan raw sheet XML for what calamine drops: error values, percent formats, formulas, hidden and merged cells."""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkjip_xl.intake.sheetscan import (
    NS,
    TAG_ATTRS,
    SheetInfo,
    SheetScanner,
    col_number,
    is_percent_format,
    parse_attrs,
    to_int,
)

MAX_SHEET_XML_BYTES = 64 * 1024 * 1024  # a larger sheet is not scanned (SheetInfo.complete is False)
MAX_PART_BYTES = 16 * 1024 * 1024  # workbook.xml, its rels and styles.xml
PERCENT_BUILTIN_IDS = frozenset({9, 10})  # 0% and 0.00%
DUPLICATE_NAME = "bernama sama dengan lembar lain di workbook ini; beri setiap lembar nama sendiri di Excel"

_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_STYLES = "xl/styles.xml"
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError)

_SHEET_TAG = re.compile(rb"<" + NS + rb"sheet(?=[\s/>])" + TAG_ATTRS + rb">")
_REL_TAG = re.compile(rb"<" + NS + rb"Relationship(?=[\s/>])" + TAG_ATTRS + rb">")
_NUMFMT_TAG = re.compile(rb"<" + NS + rb"numFmt(?=[\s/>])" + TAG_ATTRS + rb">")
_CELLXFS_OPEN = re.compile(rb"<" + NS + rb"cellXfs(?=[\s/>])[^<>]*+>")
_CELLXFS_CLOSE = re.compile(rb"</" + NS + rb"cellXfs\s*>")
_XF_TAG = re.compile(rb"<" + NS + rb"xf(?=[\s/>])([^<>]*+)>")
_DIMENSION_TAG = re.compile(rb"<" + NS + rb"dimension(?=[\s/>])([^<>]*+)>")
_REF_RE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


@dataclass(frozen=True)
class _SheetRef:
    name: str
    state: str
    part: str


def scan_workbook(
    path: Path,
    sheets: Iterable[str] | None = None,
    parts: Mapping[str, bytes | None] | None = None,
    size_only: bool = False,
) -> dict[str, SheetInfo]:
    """SheetInfo per requested sheet name (None: every sheet), in workbook order; never raises for a bad file.

    `parts`: members already inflated (and checked) by guard.screen_file (None: too large, read from the
    archive); members of other names are read from the archive as well. `size_only`: only what decides
    whether calamine may load a sheet (its size, whether the scan could vouch for it), not its formulas,
    percent or error cells: a master or an earlier result, read whole, needs no more.
    """
    wanted = None if sheets is None else ({sheets} if isinstance(sheets, str) else set(sheets))
    pkg = _Package(path, parts or {})
    try:
        return _scan_package(pkg, wanted, size_only)
    except _READ_ERRORS:
        return {}
    finally:
        pkg.close()


# -- package parts


class _Package:
    """A workbook's members, with bounded, case-tolerant reads: from `parts` when there, else from the
    archive (opened on first need)."""

    def __init__(self, path: Path, parts: Mapping[str, bytes | None]) -> None:
        self.path = path
        self.parts = parts
        self._parts_lower = {name.lower(): name for name in parts}
        self._zf: zipfile.ZipFile | None = None
        self._by_lower: dict[str, zipfile.ZipInfo] = {}

    @property
    def zf(self) -> zipfile.ZipFile:
        if self._zf is None:
            self._zf = zipfile.ZipFile(self.path)
            self._by_lower = {info.filename.lower(): info for info in self._zf.infolist()}
        return self._zf

    def close(self) -> None:
        if self._zf is not None:
            self._zf.close()

    def member(self, name: str) -> zipfile.ZipInfo | None:
        try:
            return self.zf.getinfo(name)
        except KeyError:
            return self._by_lower.get(name.lower())

    def read(self, name: str, cap: int) -> bytes | None:
        """Member bytes as UTF-8, or None when absent, larger than cap or unreadable."""
        # the same member the archive lookup would find: the exact name first, else case-insensitively
        kept = name if name in self.parts else self._parts_lower.get(name.lower())
        if kept is not None:
            data = self.parts[kept]
            if data is not None:
                return _as_utf8(data) if len(data) <= cap else None
            name = kept
        info = self.member(name)
        if info is None or info.file_size > cap:
            return None
        try:
            with self.zf.open(info) as fh:
                data = fh.read(cap + 1)
        except _READ_ERRORS:
            return None
        return _as_utf8(data) if len(data) <= cap else None


def _as_utf8(data: bytes) -> bytes:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace").encode("utf-8")
    if data[:2] in (b"<\x00", b"\x00<"):
        return data.decode("utf-16-le" if data[:1] == b"<" else "utf-16-be", "replace").encode("utf-8")
    return data


def _scan_package(pkg: _Package, wanted: set[str] | None, size_only: bool = False) -> dict[str, SheetInfo]:
    every = _sheet_refs(pkg)
    # A name given to two sheets cannot be vouched for: calamine loads the first sheet of a name, this scan
    # would describe the last (measured: a cell at XFD1048576 in the first then aborted the process).
    # Excel refuses names that differ only in case, so those count as the same name too.
    named = Counter(ref.name.casefold() for ref in every)
    refs = [ref for ref in every if wanted is None or ref.name in wanted]
    percent_styles = _percent_styles(pkg) if refs and not size_only else frozenset()
    return {
        ref.name: _scan_sheet(pkg, ref, percent_styles, size_only)
        if named[ref.name.casefold()] == 1
        else SheetInfo(name=ref.name, state=ref.state, complete=False, problem=DUPLICATE_NAME)
        for ref in refs
    }


def _sheet_refs(pkg: _Package) -> list[_SheetRef]:
    data = pkg.read(_WORKBOOK, MAX_PART_BYTES)
    if data is None:
        return []
    return list(_remembered(_sheet_refs_of, data, pkg.read(_WORKBOOK_RELS, MAX_PART_BYTES)))


def _sheet_refs_of(data: bytes, rels: bytes | None) -> tuple[_SheetRef, ...]:
    targets = _relationship_targets(rels)
    refs: list[_SheetRef] = []
    for index, match in enumerate(_SHEET_TAG.finditer(data), start=1):
        attrs = parse_attrs(match.group(1))
        rel_id = next((v for k, v in attrs.items() if k.endswith(":id")), "")
        part = targets.get(rel_id) or f"xl/worksheets/sheet{index}.xml"
        refs.append(_SheetRef(attrs.get("name", f"Sheet{index}"), attrs.get("state", "visible"), part))
    return tuple(refs)


def _relationship_targets(data: bytes | None) -> dict[str, str]:
    if data is None:
        return {}
    targets: dict[str, str] = {}
    for match in _REL_TAG.finditer(data):
        attrs = parse_attrs(match.group(1))
        if attrs.get("TargetMode", "").lower() != "external" and attrs.get("Target"):
            targets[attrs.get("Id", "")] = _resolve_target(attrs["Target"])
    return targets


# Files made from one template share workbook.xml, its rels and styles.xml byte for byte: what is parsed from
# them is remembered (small parts only, so hostile files cannot make the memory grow).
_REMEMBER_MAX_BYTES = 64 * 1024
_remembered_results: dict[tuple[object, ...], object] = {}


def _remembered(parse: Any, *parts: bytes | None) -> Any:
    """parse(*parts), remembered for parts up to _REMEMBER_MAX_BYTES each (the last 64 distinct inputs)."""
    if any(p is not None and len(p) > _REMEMBER_MAX_BYTES for p in parts):
        return parse(*parts)
    key = (parse, *parts)
    if key not in _remembered_results:
        if len(_remembered_results) >= 64:
            _remembered_results.pop(next(iter(_remembered_results)))
        _remembered_results[key] = parse(*parts)
    return _remembered_results[key]


def _resolve_target(target: str) -> str:
    """'worksheets/sheet1.xml' (relative to xl/) or '/xl/worksheets/sheet1.xml' (package-absolute) → member name."""
    target = target.replace("\\", "/")
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return posixpath.normpath(joined)


def _percent_styles(pkg: _Package) -> frozenset[int]:
    """Indexes into cellXfs (a cell's s attribute) whose number format shows a percent."""
    data = pkg.read(_STYLES, MAX_PART_BYTES)
    return frozenset() if data is None else frozenset(_remembered(_percent_styles_of, data))


def _percent_styles_of(data: bytes) -> frozenset[int]:
    opening = _CELLXFS_OPEN.search(data)
    closing = _CELLXFS_CLOSE.search(data, opening.end()) if opening else None
    if opening is None or closing is None:
        return frozenset()
    codes: dict[int, str] = {}
    for match in _NUMFMT_TAG.finditer(data):
        attrs = parse_attrs(match.group(1))
        codes[to_int(attrs.get("numFmtId"), -1)] = attrs.get("formatCode", "")
    xfs = _XF_TAG.finditer(data, opening.end(), closing.start())
    xf_formats = (to_int(parse_attrs(m.group(1)).get("numFmtId"), 0) for m in xfs)
    return frozenset(i for i, fmt in enumerate(xf_formats) if _is_percent_id(fmt, codes))


def _is_percent_id(fmt_id: int, codes: dict[int, str]) -> bool:
    code = codes.get(fmt_id)
    return is_percent_format(code) if code is not None else fmt_id in PERCENT_BUILTIN_IDS


# -- one sheet


def _scan_sheet(pkg: _Package, ref: _SheetRef, percent_styles: frozenset[int], size_only: bool = False) -> SheetInfo:
    info = SheetInfo(name=ref.name, state=ref.state)
    data = pkg.read(ref.part, MAX_SHEET_XML_BYTES)
    if data is None:
        info.complete = False
        info.problem = f"berisi XML lebih dari {MAX_SHEET_XML_BYTES // (1 << 20)} MiB (batas pembacaan yang aman)"
        _declared_dimension(pkg, ref.part, info)
        return info
    SheetScanner(info, percent_styles, size_only).scan(data)
    return info


def _declared_dimension(pkg: _Package, part: str, info: SheetInfo) -> None:
    """For a sheet too large to scan, take the size from its <dimension ref="A1:Z9"> element."""
    member = pkg.member(part)
    if member is None:
        return
    try:
        with pkg.zf.open(member) as fh:
            match = _DIMENSION_TAG.search(fh.read(4096))
    except _READ_ERRORS:
        return
    refs = _REF_RE.findall(parse_attrs(match.group(1)).get("ref", "")) if match else []
    if refs:
        info.dimension_rows = max(int(row) for _, row in refs)
        info.dimension_cols = max(col_number(letters) for letters, _ in refs)
