"""Zip screening of a workbook: its archive structure, declared and real sizes, CRCs, kept parts, in memory or streamed."""

from __future__ import annotations

import operator
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from lkjip_xl.intake.xmlscreen import XML_SUFFIXES, EntityScanner, claimed_strings, entity_tokens, is_shared_strings
from lkjip_xl.numbers import format_id

MIB = 1024 * 1024


MAX_MEMBERS = 10_000  # entries in the zip archive


MAX_TOTAL_BYTES = 256 * MIB  # declared, and really inflated, bytes of the whole archive


MAX_MEMBER_BYTES = 64 * MIB  # declared, and really inflated, bytes of one member


MAX_RATIO = 200  # declared uncompressed / compressed size of one member ...


RATIO_MIN_BYTES = 1 * MIB  # ... checked only for members declaring more than this


READ_CHUNK = 64 * 1024  # compressed bytes read per step


INFLATE_CHUNK = 256 * 1024  # most inflated bytes produced per step


ZIP_MAGIC = b"PK\x03\x04"


REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")


MACRO_MEMBER = "xl/vbaProject.bin"


# Parts the sheet-XML scanner reads next: kept as inflated here (already checked) so it need not open the
# archive and inflate them again; larger ones it reads itself.
KEPT_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml")


KEPT_SHEETS = "xl/worksheets/"


MAX_KEPT_BYTES = 16 * MIB  # per file


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")  # as zipfile.structCentralDir


# its flags, method, CRC, compressed and real size, name, extra and comment lengths, local header offset
_CENTRAL_FIELDS = operator.itemgetter(5, 6, 9, 10, 11, 12, 13, 14, 18)


_END_RECORD = struct.Struct("<4s4H2LH")  # as zipfile.structEndArchive


_NO_VALUE = 0xFFFFFFFF  # a 32-bit field deferring to a zip64 extra field


RESAVE = "Berkas ini tidak disimpan oleh Excel: buka di Excel, simpan ulang sebagai .xlsx, lalu kirim lagi."


class Rejected(Exception):
    """Internal: the file must not be handed to a parser; carries the finding code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def screen_in_memory(data: bytes) -> tuple[bool, dict[str, bytes | None]] | None:
    """The screening of a small, plainly written zip from its bytes in one pass, or None when anything about it
    is unusual: the streaming path (_screen_open) then reads it again and says what is wrong.

    The same checks as the streaming path, in the common case where all of them pass: the archive is read
    once and each member inflated in one step (bounded by its declared size), instead of zipfile's per-member
    reads. None is returned for whatever the streaming path would refuse or treat specially: zip64, a comment
    or leading data, names repeated (in any case) or that zipfile would rewrite, a mimetype member, encrypted
    or unknown-method members, sizes, CRC, DOCTYPE/ENTITY or an impossible shared-strings count. So both
    paths always come to the same result.
    """
    end = len(data) - _END_RECORD.size
    if end < 0 or data[end : end + 4] != b"PK\x05\x06":
        return None
    _, disk, cd_disk, on_disk, count, cd_size, cd_offset, comment = _END_RECORD.unpack_from(data, end)
    if disk or cd_disk or comment or on_disk != count or count > MAX_MEMBERS or cd_offset + cd_size != end:
        return None
    members: dict[str, tuple[int, int, int, int, int]] = {}
    lowered: set[str] = set()
    pos = cd_offset
    for _ in range(count):
        if pos + _CENTRAL_HEADER.size > end:
            return None
        fields = _CENTRAL_HEADER.unpack_from(data, pos)
        if fields[0] != b"PK\x01\x02":
            return None
        flags, method, crc, compressed, size, name_len, extra_len, comment_len, offset = _CENTRAL_FIELDS(fields)
        raw_name = data[pos + _CENTRAL_HEADER.size : pos + _CENTRAL_HEADER.size + name_len]
        pos += _CENTRAL_HEADER.size + name_len + extra_len + comment_len
        if not raw_name.isascii() or b"\x00" in raw_name or b"\\" in raw_name:
            return None  # zipfile rewrites such names (cut at NUL; on Windows '\\' becomes '/'): it decides
        if flags & 0x1 or method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        if _NO_VALUE in (compressed, size, offset) or size > MAX_MEMBER_BYTES:
            return None
        name = raw_name.decode("ascii")
        if name.lower() in lowered:  # a duplicate, or one that differs only in case: the streaming path decides
            return None
        lowered.add(name.lower())
        members[name] = (method, crc, compressed, size, offset)
    if pos != end or "mimetype" in members or any(name not in members for name in REQUIRED_MEMBERS):
        return None
    kept = {name for name in members if _is_kept(name)}
    if sum(m[3] for m in members.values()) > MAX_TOTAL_BYTES or sum(members[n][3] for n in kept) > MAX_KEPT_BYTES:
        return None
    parts: dict[str, bytes | None] = {}
    for name, (method, crc, compressed, size, offset) in members.items():
        if size > RATIO_MIN_BYTES and size > MAX_RATIO * max(compressed, 1):
            return None
        content = _member_in_memory(data, offset, method, compressed, size, crc)
        if content is None:
            return None
        xml = name.lower().endswith(XML_SUFFIXES) and len(content) >= 4
        if xml and any(token in content for token in entity_tokens(content[:4])):
            return None
        if is_shared_strings(name) and claimed_strings(content) > size // 5 + 1:
            return None  # an impossible shared-strings claim: the streaming path refuses it
        if name in kept:
            parts[name] = content
    return any(name.lower() == MACRO_MEMBER.lower() for name in members), parts


def _member_in_memory(data: bytes, offset: int, method: int, compressed: int, size: int, crc: int) -> bytes | None:
    """One member's content, checked against its declared size and CRC, or None."""
    header = data[offset : offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != ZIP_MAGIC:
        return None
    fields: tuple[int, ...] = _LOCAL_HEADER.unpack(header)[1:]
    if fields[2] & 0x1:
        return None
    start = offset + _LOCAL_HEADER.size + fields[9] + fields[10]
    raw = data[start : start + compressed]
    if len(raw) != compressed:
        return None
    if method == zipfile.ZIP_STORED:
        content = raw
    else:
        inflater = zlib.decompressobj(-15)
        try:
            content = inflater.decompress(raw, size + 1)  # never more than declared, plus one
        except zlib.error:
            return None
        if not inflater.eof:
            return None
    if len(content) != size or zlib.crc32(content) != crc:
        return None
    return content


def screen_zip(fp: BinaryIO, size: int) -> tuple[bool, dict[str, bytes | None]]:
    if _declared_member_count(fp, size) > MAX_MEMBERS:
        raise Rejected("B007", f"Arsip berisi lebih dari {MAX_MEMBERS} bagian.")
    infos = _open_zip(fp).infolist()
    if len(infos) > MAX_MEMBERS:
        raise Rejected("B007", f"Arsip berisi {len(infos)} bagian (batas {MAX_MEMBERS}).")
    if any("\x00" in info.orig_filename or "\\" in info.orig_filename for info in infos):
        # zipfile cuts such a name at the NUL (and on Windows turns '\\' into '/'), the spreadsheet parser does
        # not: each would read a different part, and a decoy could stand in for the real sheet in the size scan
        raise Rejected("B006", f"Arsip memuat nama bagian yang tidak sah (berisi karakter NUL atau '\\'). {RESAVE}")
    names = {info.filename for info in infos}
    if len({name.lower() for name in names}) != len(names):
        # calamine looks parts up without regard to case, the XML scan by exact name: "Sheet1.xml" beside
        # "sheet1.xml" would have the scan vouch for one while calamine loads the other (measured: a cell at
        # XFD1048576 there aborted the process). Same-named copies are read alike (the last) and stay readable.
        raise Rejected("B006", f"Arsip memuat dua bagian yang namanya hanya beda huruf besar/kecil. {RESAVE}")
    _check_not_opendocument(fp, infos)
    _check_workbook_parts(names)
    _check_declared_sizes(infos)
    parts = _check_real_contents(fp, infos)
    return any(info.filename.lower() == MACRO_MEMBER.lower() for info in infos), parts


def _open_zip(fp: BinaryIO) -> zipfile.ZipFile:
    fp.seek(0)
    try:
        return zipfile.ZipFile(fp)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error, IndexError):
        raise Rejected("B006", "Berkas bukan arsip .xlsx yang utuh (daftar isi arsip zip tidak terbaca).") from None


def _declared_member_count(fp: BinaryIO, size: int) -> int:
    """Entry count from the end-of-central-directory record, read before zipfile builds one object per entry."""
    tail_len = min(size, 22 + 0xFFFF)
    fp.seek(size - tail_len)
    tail = fp.read(tail_len)
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or pos + 22 > len(tail):
        return 0
    count: int = struct.unpack_from("<H", tail, pos + 10)[0]
    if count != 0xFFFF:
        return count
    return _zip64_member_count(fp, tail, pos)


def _zip64_member_count(fp: BinaryIO, tail: bytes, eocd_pos: int) -> int:
    locator = eocd_pos - 20
    if locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
        return 0
    fp.seek(struct.unpack_from("<Q", tail, locator + 8)[0])
    record = fp.read(56)
    if len(record) < 56 or record[:4] != b"PK\x06\x06":
        return 0
    count: int = struct.unpack_from("<Q", record, 32)[0]
    return count


def _check_not_opendocument(fp: BinaryIO, infos: list[zipfile.ZipInfo]) -> None:
    mimetype = next((info for info in infos if info.filename == "mimetype"), None)
    if mimetype is None:
        return
    try:
        head = next(_member_chunks(fp, mimetype), b"")
    except (Rejected, zlib.error):
        return
    if head.startswith(b"application/vnd.oasis.opendocument"):
        raise Rejected("B004", "Berkas berformat OpenDocument (.ods, LibreOffice/WPS), bukan .xlsx.")


def _check_workbook_parts(names: set[str]) -> None:
    missing = [name for name in REQUIRED_MEMBERS if name not in names]
    if not missing:
        return
    if "word/document.xml" in names:
        raise Rejected("B006", "Berkas ini dokumen Word (.docx), bukan buku kerja Excel.")
    if "ppt/presentation.xml" in names:
        raise Rejected("B006", "Berkas ini presentasi PowerPoint (.pptx), bukan buku kerja Excel.")
    raise Rejected("B006", f"Arsip tidak memuat bagian wajib buku kerja Excel: {', '.join(missing)}.")


def _check_declared_sizes(infos: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise Rejected("B007", f"Isi arsip bila diekstrak {size_text(total)}, melebihi batas {size_text(MAX_TOTAL_BYTES)}.")
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise Rejected("B007", f"Bagian '{info.filename}' berukuran {size_text(info.file_size)} bila diekstrak.")
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise Rejected("B007", f"Bagian '{info.filename}' terkompresi {ratio}:1, jauh di atas kewajaran.")


def _check_real_contents(fp: BinaryIO, infos: list[zipfile.ZipInfo]) -> dict[str, bytes | None]:
    """Inflate every member for real: sizes are counted, not trusted; CRC checked; XML searched for DTDs.

    Returns every member of the KEPT_PARTS kinds by name (the last of a duplicated name, as zipfile reads
    it) with its bytes as inflated on the way, or None past MAX_KEPT_BYTES in all."""
    remaining = MAX_TOTAL_BYTES
    keep_budget = MAX_KEPT_BYTES
    parts: dict[str, bytes | None] = {}
    for info in infos:
        kind = _is_kept(info.filename)
        size, data = _check_member(fp, info, remaining, kind and info.file_size <= keep_budget)
        remaining -= size
        if kind:
            parts[info.filename] = data
            keep_budget -= len(data or b"")
    return parts


def _is_kept(name: str) -> bool:
    lower = name.lower()
    return lower in KEPT_PARTS or (lower.startswith(KEPT_SHEETS) and lower.endswith(".xml") and lower.count("/") == 2)


def _check_member(fp: BinaryIO, info: zipfile.ZipInfo, remaining: int, keep: bool = False) -> tuple[int, bytes | None]:
    """The real inflated size of one member (and its bytes when `keep`), or raise once it passes a cap or
    proves damaged."""
    size, crc, cap = 0, 0, min(MAX_MEMBER_BYTES, remaining)
    scanner = EntityScanner() if is_xml_part(info) else None
    strings = is_shared_strings(info.filename)
    chunks: list[bytes] | None = [] if keep or strings else None
    try:
        for chunk in _member_chunks(fp, info):
            size += len(chunk)
            if size > cap:
                raise Rejected("B007", _inflated_too_far(info, cap))
            crc = zlib.crc32(chunk, crc)
            if scanner is not None and scanner.feed(chunk):
                raise Rejected("B008", f"Bagian '{info.filename}' memuat deklarasi DOCTYPE/ENTITY.")
            if chunks is not None:
                chunks.append(chunk)
    except zlib.error:
        raise Rejected("B006", f"Data terkompresi bagian '{info.filename}' rusak.") from None
    if size != info.file_size or crc != info.CRC:
        raise Rejected("B006", f"Bagian '{info.filename}' rusak (ukuran atau CRC tidak cocok).")
    content = b"".join(chunks) if chunks is not None else None
    if strings and content is not None:
        _check_claimed_strings(info.filename, content, size)
    return size, (content if keep else None)


def _check_claimed_strings(name: str, content: bytes, size: int) -> None:
    """The shared-strings part states how many strings it holds, and calamine reserves room for that many before
    reading one: uniqueCount="4000000000" made it ask for 96 GB and abort the process. Each string takes at
    least 5 bytes (<si/>), so a claim beyond a fifth of the part's size cannot be true."""
    claimed = claimed_strings(content)
    if claimed > size // 5 + 1:
        shown = format_id(min(claimed, 10**18))
        message = f"Bagian '{name}' menyatakan berisi {shown} teks, mustahil untuk ukurannya ({size_text(size)}). {RESAVE}"
        raise Rejected("B006", message)


def _inflated_too_far(info: zipfile.ZipInfo, cap: int) -> str:
    declared = size_text(info.file_size)
    if cap < MAX_MEMBER_BYTES:
        return f"Isi arsip mengembang melebihi {size_text(MAX_TOTAL_BYTES)} saat diekstrak (di bagian '{info.filename}')."
    return f"Bagian '{info.filename}' mengembang melebihi {size_text(cap)} saat diekstrak (dinyatakan {declared})."


def _member_chunks(fp: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    raw = _raw_chunks(fp, _data_offset(fp, info), info.compress_size, info.filename)
    if info.compress_type == zipfile.ZIP_STORED:
        return raw
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise Rejected("B006", f"Bagian '{info.filename}' memakai metode kompresi yang tidak dikenal Excel.")
    return _inflate(raw, info.filename)


def _data_offset(fp: BinaryIO, info: zipfile.ZipInfo) -> int:
    fp.seek(info.header_offset)
    header = fp.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != ZIP_MAGIC:
        raise Rejected("B006", f"Kepala bagian '{info.filename}' dalam arsip rusak.")
    fields: tuple[int, ...] = _LOCAL_HEADER.unpack(header)[1:]
    flags, name_len, extra_len = fields[2], fields[9], fields[10]
    if flags & 0x1:
        raise Rejected("B006", f"Bagian '{info.filename}' terenkripsi di dalam arsip zip.")
    return info.header_offset + _LOCAL_HEADER.size + name_len + extra_len


def _raw_chunks(fp: BinaryIO, start: int, length: int, name: str) -> Iterator[bytes]:
    fp.seek(start)
    while length > 0:
        data = fp.read(min(READ_CHUNK, length))
        if not data:
            raise Rejected("B006", f"Berkas terpotong: data bagian '{name}' tidak lengkap.")
        length -= len(data)
        yield data


def _inflate(raw: Iterator[bytes], name: str) -> Iterator[bytes]:
    """Raw-deflate with bounded output per step, so memory stays small whatever the ratio."""
    inflater = zlib.decompressobj(-15)
    for data in raw:
        while True:
            out = inflater.decompress(data, INFLATE_CHUNK)
            if out:
                yield out
            if inflater.eof:
                return
            data = inflater.unconsumed_tail
            if not data and len(out) < INFLATE_CHUNK:
                break
    raise Rejected("B006", f"Berkas terpotong: data bagian '{name}' berakhir sebelum waktunya.")


def is_xml_part(info: zipfile.ZipInfo) -> bool:
    return info.filename.lower().endswith(XML_SUFFIXES)


def size_text(size: int) -> str:
    """Indonesian-style size: 2.040,0 MiB, 19,5 KiB, 512 byte."""
    if size < 1024:
        return f"{size} byte"
    value, unit = (size / MIB, "MiB") if size >= MIB else (size / 1024, "KiB")
    return f"{value:,.1f} {unit}".replace(",", "_").replace(".", ",").replace("_", ".")
