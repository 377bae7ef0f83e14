"""Generators of hostile and broken input files; each `make_xxx(dir)` writes one file (or folder), returns its path."""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import xlsxwriter

CORPUS = Path("/work/shared/corpus/calamine")
SHEET1 = "xl/worksheets/sheet1.xml"
MIB = 1024 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMB_ROW = b'<row><c t="n"><v>1</v></c></row>'
_BOMB_CHUNK = _BOMB_ROW * (MIB // len(_BOMB_ROW))
BOMB_CHUNKS = 2040  # ≈ 2 GiB of sheet XML, just under the 2^31 - 1 bytes a non-zip64 entry may hold
BOMB_DECLARED_LIE = 20_000  # the size the lying variant declares for its 2 GiB sheet
_SHEET_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_CLOSE = b"</sheetData></worksheet>"
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def make_valid_xlsx(dir: Path, name: str = "normal.xlsx") -> Path:
    """A small, sane workbook written by xlsxwriter (two sheets, numbers, text, a formula with its value)."""
    path = dir / name
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Kinerja")
    sheet.write_row(0, 0, ["Kode", "Indikator", "Target", "Realisasi", "Capaian"])
    for row in range(1, 20):
        sheet.write_row(row, 0, [f"1.02.{row:02d}", f"Indikator {row}", 100, 90 + row])
        sheet.write_formula(row, 4, f"=D{row + 1}/C{row + 1}*100", None, (90 + row) / 100 * 100)
    workbook.add_worksheet("Anggaran").write_row(0, 0, ["Kode", "Anggaran (Rp)", "Realisasi (Rp)"])
    workbook.close()
    return path


def make_empty(dir: Path) -> Path:
    path = dir / "kosong.xlsx"
    path.write_bytes(b"")
    return path


def make_truncated(dir: Path) -> Path:
    """The first half of a real xlsx, like an e-mail attachment cut short."""
    data = make_valid_xlsx(dir, "utuh.xlsx").read_bytes()
    path = dir / "terpotong.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def make_csv_named_xlsx(dir: Path) -> Path:
    path = dir / "csv_menyamar.xlsx"
    path.write_text("Kode;Indikator;Target;Realisasi\n1.02.01;Persentase layanan;100;97,08\n", encoding="utf-8")
    return path


def make_directory_named_xlsx(dir: Path) -> Path:
    path = dir / "folder.xlsx"
    path.mkdir()
    return path


def make_xls_renamed(dir: Path) -> Path:
    """A minimal OLE2 compound file with a 'Workbook' stream entry (an Excel 97-2003 .xls) named .xlsx."""
    path = dir / "lama.xlsx"
    path.write_bytes(_ole2(["Root Entry", "Workbook", "\x05SummaryInformation"]))
    return path


def make_xls_from_corpus(dir: Path) -> Path:
    """calamine's real BIFF8 test file date.xls, copied under a .xlsx name."""
    path = dir / "lama_asli.xlsx"
    shutil.copyfile(CORPUS / "date.xls", path)
    return path


def make_encrypted_ole(dir: Path) -> Path:
    """A minimal OLE2 file shaped like a password-protected OOXML workbook (EncryptedPackage stream)."""
    path = dir / "terkunci_sintetis.xlsx"
    path.write_bytes(_ole2(["Root Entry", "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    return path


def make_password_protected(dir: Path) -> Path:
    """calamine's password-protected workbook; a synthetic equivalent when the corpus is absent."""
    source = CORPUS / "pass_protected.xlsx"
    if not source.is_file():
        return make_encrypted_ole(dir)
    path = dir / "terkunci.xlsx"
    shutil.copyfile(source, path)
    return path


def make_ods(dir: Path) -> Path:
    path = dir / "libreoffice.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype", _ZIP_DATE), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>', zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest/>', zipfile.ZIP_DEFLATED)
    return path


def make_docx(dir: Path) -> Path:
    path = dir / "dokumen_word.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return path


def make_xlsm_with_macros(dir: Path) -> Path:
    source = make_valid_xlsx(dir, "tanpa_makro.xlsx")
    path = dir / "makro.xlsm"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in src.infolist():
            dest.writestr(info, src.read(info))
        dest.writestr("xl/vbaProject.bin", OLE2_MAGIC + bytes(1016))
    return path


def make_bad_crc(dir: Path) -> Path:
    """A stored sheet whose bytes were changed after the CRC was written."""
    path = rewrite_zip(make_valid_xlsx(dir, "asal_crc.xlsx"), dir / "crc_rusak.xlsx", {}, stored=True)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(SHEET1)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    position = data.index(b"<sheetData", start)
    data[position + 1 : position + 2] = b"S"  # <SheetData: same size, different CRC
    path.write_bytes(bytes(data))
    return path


def make_billion_laughs(dir: Path) -> Path:
    """A valid xlsx whose sheet1.xml starts with the classic 'billion laughs' entity DOCTYPE."""
    entities = ['<!ENTITY lol "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)]
    doctype = ("<!DOCTYPE worksheet [" + "".join(entities) + "]>\n").encode()
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n' + doctype + _SHEET_OPEN.split(b"\n", 1)[1]
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>' + _SHEET_CLOSE
    )  # fmt: skip
    return rewrite_zip(make_valid_xlsx(dir, "asal_entitas.xlsx"), dir / "entitas.xlsx", {SHEET1: sheet})


def make_entity_at_boundary(dir: Path, boundary: int, stored: bool, encoding: str = "utf-8") -> Path:
    """A sheet whose '<!DOCTYPE' straddles byte offset `boundary` of the inflated XML (chunk-split detection)."""
    prolog = '<?xml version="1.0"?>\n<!--'
    token_at = boundary - 4 * (2 if encoding.startswith("utf-16") else 1)
    unit = len("x".encode(encoding))
    padding = "x" * ((token_at - len((prolog + "-->").encode(encoding))) // unit)
    text = prolog + padding + '--><!DOCTYPE worksheet [<!ENTITY a "b">]>' + _SHEET_OPEN.decode().split("\n", 1)[1]
    data = (text + _SHEET_CLOSE.decode()).encode(encoding)
    suffix = "stored" if stored else "deflated"
    target = dir / f"entitas_batas_{suffix}_{encoding}.xlsx"
    source = make_valid_xlsx(dir, f"asal_batas_{suffix}_{encoding}.xlsx")
    return rewrite_zip(source, target, {SHEET1: data}, stored=stored)


def make_high_ratio_member(dir: Path) -> Path:
    """An honest archive whose 16 MiB sheet compresses about 1000:1 (rejected by the declared ratio)."""
    sheet = _SHEET_OPEN + b"<row/>" * (16 * MIB // 6) + _SHEET_CLOSE
    return rewrite_zip(make_valid_xlsx(dir, "asal_rasio.xlsx"), dir / "rasio.xlsx", {SHEET1: sheet})


def make_many_members(dir: Path, count: int = 10_001) -> Path:
    source = make_valid_xlsx(dir, "asal_banyak.xlsx")
    path = dir / "banyak_bagian.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as dest:
        for info in src.infolist():
            dest.writestr(info, src.read(info))
        for i in range(count):
            dest.writestr(zipfile.ZipInfo(f"xl/media/x{i}.bin", _ZIP_DATE), b"")
    return path


def make_zip_bomb(dir: Path) -> Path:
    """A valid xlsx whose sheet1.xml is ≈ 2 GiB of rows, ≈ 2 MB on disk; declared sizes are honest."""
    return _make_bomb(dir, "bom.xlsx", lie=False)


def make_zip_bomb_lying(dir: Path) -> Path:
    """The same bomb, but both the central directory and the local header declare a 20 KB sheet."""
    return _make_bomb(dir, "bom_bohong.xlsx", lie=True)


def make_lock_file(dir: Path) -> Path:
    path = dir / "~$x.xlsx"
    path.write_bytes(b"\x05Admin" + bytes(48) + b"\x05\x00A\x00d\x00m\x00i\x00n\x00" + bytes(100))
    return path


# -- helpers


def _ole2(names: list[str]) -> bytes:
    """Header sector, one FAT sector (sector 0) and one directory sector (sector 1) with the given entries."""
    header = bytearray(512)
    header[:8] = OLE2_MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header[0x4C:] = struct.pack("<I", 0) + b"\xff" * (512 - 0x4C - 4)
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE) + b"\xff" * 504
    directory = b"".join(_ole_entry(name, 5 if i == 0 else 2) for i, name in enumerate(names))
    return bytes(header) + fat + directory.ljust(512, b"\x00")


def _ole_entry(name: str, kind: int) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    entry = bytearray(128)
    entry[: len(encoded)] = encoded
    struct.pack_into("<HB", entry, 0x40, len(encoded), kind)
    struct.pack_into("<III", entry, 0x44, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    return bytes(entry)


def rewrite_zip(
    source: Path,
    dest: Path,
    replace: dict[str, bytes],
    remove: Iterable[str] = (),
    stored: bool = False,
) -> Path:
    """Copy a zip member by member, swapping the members named in `replace` and leaving out those in `remove`."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    dropped = set(remove)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dest, "w", method) as out:
        for info in src.infolist():
            if info.filename not in dropped:
                data = replace.get(info.filename)
                out.writestr(info.filename, src.read(info) if data is None else data)
    return dest


def add_sheet_first(source: Path, dest: Path, name: str, sheet_xml: bytes) -> Path:
    """A copy of `source` whose workbook lists one more sheet, `name`, first, kept in its own new part."""
    with zipfile.ZipFile(source) as zf:
        workbook, rels = zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels")
    kind = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    entry = b'<sheet name="' + name.encode() + b'" sheetId="99" r:id="rId99"/>'
    relation = b'<Relationship Id="rId99" Type="' + kind + b'" Target="worksheets/tambahan.xml"/>'
    changed = {
        "xl/workbook.xml": workbook.replace(b"<sheets>", b"<sheets>" + entry),
        "xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", relation + b"</Relationships>"),
    }
    rewrite_zip(source, dest, changed)
    with zipfile.ZipFile(dest, "a") as zf:
        zf.writestr("xl/worksheets/tambahan.xml", sheet_xml)
    return dest


class _RepeatingDeflate:
    """Stands in for zipfile's compressor: every distinct chunk is deflated once, then its bytes are reused.

    Each chunk ends with a full flush, which resets the deflate history, so the blocks can be repeated and the
    stream stays valid. This writes a 2 GiB member in well under a second instead of many seconds.
    """

    def __init__(self) -> None:
        self._blocks: dict[bytes, bytes] = {}

    def compress(self, data: bytes) -> bytes:
        block = self._blocks.get(data)
        if block is None:
            deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
            block = deflater.compress(data) + deflater.flush(zlib.Z_FULL_FLUSH)
            self._blocks[data] = block
        return block

    def flush(self) -> bytes:
        return zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block


def _make_bomb(dir: Path, name: str, lie: bool) -> Path:
    source = make_valid_xlsx(dir, f"asal_{name}")
    path = dir / name
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != SHEET1:
                out.writestr(info.filename, src.read(info))
        bomb = _write_bomb_member(out)
        if lie:
            bomb.file_size = BOMB_DECLARED_LIE  # the central directory is written from this on close
    if lie:
        with path.open("r+b") as fh:
            fh.seek(bomb.header_offset + 22)
            fh.write(struct.pack("<I", BOMB_DECLARED_LIE))
    return path


def _write_bomb_member(out: zipfile.ZipFile) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(SHEET1, _ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    with out.open(info, "w") as member:
        # private attribute of zipfile's writer (CPython 3.11-3.13); if absent, zipfile compresses normally (slower)
        setattr(member, "_compressor", _RepeatingDeflate())  # noqa: B010
        member.write(_SHEET_OPEN)
        for _ in range(BOMB_CHUNKS):
            member.write(_BOMB_CHUNK)
        member.write(_SHEET_CLOSE)
    return info
