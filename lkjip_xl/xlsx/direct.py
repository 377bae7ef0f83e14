"""Cells of large table sheets serialised straight to sheet XML and spliced into xlsxwriter's package.

xlsxwriter spends about 10 µs on each cell (argument checks, shared-string table, formula rewriting,
XML writer); a Pemda-wide workbook has some 200,000 cells. Table sheets therefore keep only their
set-up in xlsxwriter (columns, freeze panes, print set-up, autofilter) and their cells are written here
as plain `<c>` elements, using the shared strings and xf indexes xlsxwriter keeps for the whole workbook.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings

_SHEET_DATA = b"<sheetData/>"
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
_AFTER_MERGES = (
    b"<phoneticPr",
    b"<conditionalFormatting",
    b"<dataValidations",
    b"<hyperlinks",
    b"<printOptions",
    b"<pageMargins",
)
# what xlsxwriter escapes as _xHHHH_ in shared strings: control characters, non-characters, and literal escapes
_NEEDS_CONTROL_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
DEFLATE_LEVEL = 1  # measured on a 10 MB workbook: 2.7x faster than level 6, output 27 % larger (1.4 vs 1.1 MB)


def xml_text(text: str) -> str:
    """Text for an XML element body (formulas and their cached text; cell text goes to the shared strings)."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def string_cell(ref: str, xf: int, index: int) -> str:
    """A text cell holding entry `index` of the shared strings (xlsxwriter writes and escapes that table)."""
    return f'<c r="{ref}" s="{xf}" t="s"><v>{index}</v></c>'


def number_cell(ref: str, xf: int, value: float) -> str:
    return f'<c r="{ref}" s="{xf}"><v>{number_text(value)}</v></c>'


def number_text(value: float) -> str:
    """A number as xlsxwriter writes it (%.16G); a rupiah amount (an int) the same, without a float's formatting."""
    if type(value) is int and -(10**15) < value < 10**15:  # exactly a float: %.16G prints its digits
        return str(value)
    return f"{value:.16G}"


def blank_cell(ref: str, xf: int) -> str:
    return f'<c r="{ref}" s="{xf}"/>'


def inline_string_cell(ref: str, text: str) -> str:
    """An unformatted text cell holding its text itself, not in the shared strings (long machine-read text)."""
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{xml_text(text)}</t></is></c>'


def formula_cell(ref: str, xf: int, formula: str, value: float | str) -> str:
    """A formula with its cached value; a text value (e.g. "" for "nothing to show") is typed str."""
    body = xml_text(formula[1:] if formula.startswith("=") else formula)
    if isinstance(value, str):
        kind = ' t="str"' if value else ""
        return f'<c r="{ref}" s="{xf}"{kind}><f>{body}</f><v>{xml_text(value)}</v></c>'
    return f'<c r="{ref}" s="{xf}"><f>{body}</f><v>{number_text(value)}</v></c>'


def shared_string(ws: Any, text: str) -> int:
    """The index of `text` in the workbook's shared strings, added as xlsxwriter adds a written string."""
    return int(ws.str_table._get_shared_string_index(text))


def xf_index(fmt: Any) -> int:
    """The cellXfs index xlsxwriter gives `fmt` (0, the default style, for no format).

    xlsxwriter assigns indexes as formats are first used by a cell; this registers the format the same way.
    """
    return 0 if fmt is None else int(fmt._get_xf_index())


class _TextSharedStrings(SharedStrings):  # type: ignore[misc]
    """sharedStrings.xml in which every string is text: xlsxwriter's bytes, except for text shaped like rich text.

    xlsxwriter writes a string that starts with "<r>" and ends with "</r>" raw, as rich-text markup (that is
    how its write_rich_string stores one). lkjip-xl writes no rich text, and such a string from a bidang file
    ("<r><b></r>") would make the workbook unreadable; here it is escaped like any other text.
    It is also fast: xlsxwriter runs two regexes and a writer call per string (0.15 s for the 21,000
    strings of a 1,000-file merge); here the common case is one f-string.
    """

    def _write_sst_strings(self) -> None:
        parts: list[str] = []
        for text in self.string_table.string_array:
            if _NEEDS_CONTROL_ESCAPE.search(text):
                text = self._escape_control_characters(text)
            preserve = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
            parts.append(f"<si><t{preserve}>{xml_text(text)}</t></si>")
        self.fh.write("".join(parts))


class _TextPackager(Packager):  # type: ignore[misc]
    """xlsxwriter's packager with _TextSharedStrings."""

    def _write_shared_strings_file(self) -> None:
        if not self.workbook.str_table.count:
            return
        sst = _TextSharedStrings()
        sst.string_table = self.workbook.str_table
        sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        sst._assemble_xml_file()


class TextWorkbook(xlsxwriter.Workbook):  # type: ignore[misc]
    """An xlsxwriter workbook whose strings are always text (see _TextSharedStrings): every workbook lkjip-xl writes."""

    def _get_packager(self) -> Packager:
        return _TextPackager()

    def close(self) -> None:
        """As xlsxwriter's, except that a file that cannot be created (open in Excel, a folder of that name)
        raises the OSError itself, which the commands report, instead of xlsxwriter's wrapper."""
        try:
            super().close()
        except FileCreateError as exc:
            cause = exc.args[0] if exc.args else None
            if isinstance(cause, OSError):
                raise cause from None
            raise


class _CapturingPackager(_TextPackager):
    """Hands xlsxwriter's package parts to SplicingWorkbook instead of zipping them (it zips them once, spliced)."""

    def __init__(self, workbook: SplicingWorkbook) -> None:
        super().__init__()
        self._owner = workbook

    def _create_package(self) -> list[Any]:
        self._owner._parts = super()._create_package()
        return []


class SplicingWorkbook(TextWorkbook):
    """An xlsxwriter workbook built in memory; `close` splices the serialised table sheets in and writes `path`.

    Each spliced sheet's rows go to a temporary file as soon as the sheet is finished, not kept until `close`:
    at a province's size (10.000 bidang) the table sheets' XML is some 300 MB, which would otherwise be held
    all at once on top of the data it was made from.
    """

    def __init__(self, path: Path, options: dict[str, Any]) -> None:
        super().__init__(io.BytesIO(), {**options, "in_memory": True})
        self._path = Path(path)
        self._spliced: dict[int, tuple[str, Any, list[str]]] = {}  # id(worksheet) → dimension, rows file, merges
        self._parts: list[Any] = []  # (file object, member name, is binary), as xlsxwriter's packager made them

    def splice(self, ws: Any, dimension: str, rows_xml: Iterable[str], merges: list[str]) -> None:
        """Replace `ws`'s (empty) sheetData by the rows `rows_xml` yields when the workbook is closed."""
        spool = tempfile.TemporaryFile()  # noqa: SIM115  # closed by close(), which reads it back
        batch: list[str] = []
        for row in rows_xml:
            batch.append(row)
            if len(batch) >= _ROWS_PER_WRITE:
                spool.write("".join(batch).encode("utf-8"))
                batch.clear()
        spool.write("".join(batch).encode("utf-8"))
        self._spliced[id(ws)] = (dimension, spool, merges)

    def _get_packager(self) -> _CapturingPackager:
        return _CapturingPackager(self)

    def close(self) -> None:
        try:
            self._close()
        finally:
            self.discard()

    def discard(self) -> None:
        """Let go of the temporary files and parts (after `close`, or instead of it when writing failed)."""
        for _, spool, _ in self._spliced.values():
            spool.close()
        self._spliced = {}
        self._parts = []

    def _close(self) -> None:
        super().close()  # xlsxwriter prepares the parts; the packager keeps them instead of zipping them
        spliced = {
            f"xl/worksheets/sheet{n}.xml": self._spliced[id(ws)]
            for n, ws in enumerate(self.worksheets(), start=1)
            if id(ws) in self._spliced
        }
        with zipfile.ZipFile(self._path, "w", zipfile.ZIP_DEFLATED) as dst:
            for handle, name, is_binary in self._parts:
                # the fixed date and the order xlsxwriter uses for its own members: same inputs, same bytes
                out = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                out.compress_type = zipfile.ZIP_DEFLATED
                _set_level(out, DEFLATE_LEVEL)
                with dst.open(out, "w") as member:
                    if is_binary:
                        member.write(handle.getvalue())
                    elif name in spliced:
                        dimension, spool, merges = spliced[name]
                        head, tail = _spliced_sheet(handle.getvalue().encode("utf-8"), dimension, merges)
                        member.write(head)
                        spool.seek(0)
                        while chunk := spool.read(_CHUNK_BYTES):
                            member.write(chunk)
                        member.write(tail)
                    else:  # encoded a piece at a time: the shared strings may be tens of MB
                        handle.seek(0)
                        while text := handle.read(_CHUNK_BYTES):
                            member.write(text.encode("utf-8"))
                handle.close()  # its text is in the archive: let it go before the next part


_ROWS_PER_WRITE = 2000
_CHUNK_BYTES = 1 << 20


def _set_level(info: zipfile.ZipInfo, level: int) -> None:
    """A member's deflate level for ZipFile.open(info, 'w'): `compress_level` from Python 3.13, before it
    `_compresslevel` (ZipInfo has slots: no other name can be set)."""
    if hasattr(info, "compress_level"):
        info.compress_level = level
    else:
        info._compresslevel = level  # type: ignore[attr-defined]


def _spliced_sheet(xml: bytes, dimension: str, merges: list[str]) -> tuple[bytes, bytes]:
    """xlsxwriter's sheet XML around its (empty) sheetData, with the dimension and merged ranges set: what goes
    before the rows and what goes after them."""
    if xml.count(_SHEET_DATA) != 1:
        raise RuntimeError("lembar tabel berisi sel dari xlsxwriter; tidak dapat disisipkan")  # a programming error
    xml = _DIMENSION.sub(f'<dimension ref="{dimension}"/>'.encode(), xml, count=1)
    if merges:
        cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
        block = f'<mergeCells count="{len(merges)}">{cells}</mergeCells>'.encode()
        positions = [p for p in (xml.find(tag) for tag in _AFTER_MERGES) if p >= 0]
        at = min(positions) if positions else xml.rindex(b"</worksheet>")
        xml = xml[:at] + block + xml[at:]
    head, _, tail = xml.partition(_SHEET_DATA)
    return head + b"<sheetData>", b"</sheetData>" + tail
