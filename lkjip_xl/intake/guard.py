"""Screen an uploaded file before any spreadsheet parser sees it: format, zip bombs, entity declarations, macros."""

from __future__ import annotations

import codecs
import io
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lkjip_xl.findings import Finding, readable
from lkjip_xl.intake.zipscreen import MIB, Rejected, screen_in_memory, screen_zip

OLE_SCAN_LIMIT = 256 * MIB  # bytes of an OLE2 file searched for the EncryptedPackage entry
TEXT_PROBE_BYTES = 4096

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A file up to this size is read once and screened in memory (see screen_in_memory); a bidang file is ~20 KiB
IN_MEMORY_MAX_BYTES = 4 * MIB

_ENCRYPTED_ENTRY = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
_OLE_ENTRY_SIZE = 128
_OLE_SCAN_CHUNK = 8192 * _OLE_ENTRY_SIZE
_TEXT_CONTROLS = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r", "\f"}


@dataclass(frozen=True)
class Screened:
    """Outcome of screening one file: findings about the file, whether a parser may open it, macros."""

    findings: tuple[Finding, ...]
    readable: bool
    has_macros: bool
    # every member of the KEPT_PARTS kinds by name: its inflated bytes, or None when too large to keep
    parts: dict[str, bytes | None] = field(default_factory=dict)
    # the whole file as screened, when it was read whole (up to IN_MEMORY_MAX_BYTES): parse these bytes, not
    # the path again (the file may have been replaced since, and a name that is not valid UTF-8 reaches
    # calamine only as bytes)
    data: bytes | None = None


def screen_file(path: Path, display_name: str | None = None) -> Screened:
    """Check `path` without parsing it as a spreadsheet; never raises."""
    name = display_name or readable(path.name)
    try:
        return _screen(path, name)
    except Rejected as rejected:
        return _refused(rejected.code, rejected.message, name)
    except OSError as exc:
        return _refused("B024", f"Berkas tidak dapat dibaca: {_os_reason(exc)}.", name)
    except Exception as exc:  # the contract is to never raise
        return _refused("B024", f"Berkas tidak dapat diperiksa ({type(exc).__name__}).", name)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "berkas tidak ditemukan"
    if isinstance(exc, PermissionError):
        return "tidak ada izin untuk membacanya"
    return f"kesalahan sistem ({exc.strerror or type(exc).__name__})"


def _refused(code: str, message: str, name: str) -> Screened:
    return Screened((Finding.make(code, message, file=name),), readable=False, has_macros=False)


def _screen(path: Path, name: str) -> Screened:
    if path.name.startswith("~$") or name.startswith("~$"):
        message = f"Berkas kunci Office '{name}' dilewati (dibuat Office saat berkas aslinya sedang dibuka)."
        return _refused("B011", message, name)
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise Rejected("B009", f"'{name}' adalah folder, bukan berkas Excel.")
    if not stat.S_ISREG(info.st_mode):
        raise Rejected("B024", f"'{name}' bukan berkas biasa (mungkin perangkat atau pipa).")
    if info.st_size == 0:
        raise Rejected("B001", "Berkas berukuran 0 byte (kosong).")
    with path.open("rb") as fp:
        data = fp.read(info.st_size + 1) if info.st_size <= IN_MEMORY_MAX_BYTES else None
        screened = screen_in_memory(data) if data is not None else None
        if screened is None:
            source: BinaryIO = io.BytesIO(data) if data is not None else fp  # the bytes read are the ones judged
            screened = _screen_open(source, len(data) if data is not None else info.st_size, path.suffix.lower())
        has_macros, parts = screened
    findings: tuple[Finding, ...] = ()
    if has_macros:
        message = "Berkas memuat makro VBA (xl/vbaProject.bin); makro tidak dijalankan, hanya data yang dibaca."
        findings = (Finding.make("B012", message, file=name),)
    return Screened(findings, readable=True, has_macros=has_macros, parts=parts, data=data)


def _screen_open(fp: BinaryIO, size: int, suffix: str) -> tuple[bool, dict[str, bytes | None]]:
    """Raise Rejected unless the open file is a sane workbook; return whether it carries macros, and the
    kept parts."""
    head = fp.read(len(OLE2_MAGIC))
    if head == OLE2_MAGIC:
        raise _ole_rejection(fp, suffix)
    if head.startswith(b"PK"):
        return screen_zip(fp, size)
    fp.seek(0)
    raise Rejected("B002", _not_excel_message(fp.read(TEXT_PROBE_BYTES)))


# -- OLE2 (.xls, encrypted OOXML)


def _ole_rejection(fp: BinaryIO, suffix: str) -> Rejected:
    if _ole_has_encrypted_package(fp):
        return Rejected("B005", "Berkas dilindungi kata sandi (terenkripsi), sehingga isinya tidak dapat dibaca.")
    renamed = f" walau namanya berakhiran '{suffix}'" if suffix in (".xlsx", ".xlsm") else ""
    return Rejected("B003", f"Berkas berformat Excel 97-2003 (.xls){renamed}; hanya .xlsx yang didukung.")


def _ole_has_encrypted_package(fp: BinaryIO) -> bool:
    """Search 128-byte aligned directory entries for the UTF-16LE name 'EncryptedPackage'."""
    fp.seek(0)
    offset = 0
    while offset < OLE_SCAN_LIMIT:
        block = fp.read(_OLE_SCAN_CHUNK)
        if not block:
            return False
        pos = block.find(_ENCRYPTED_ENTRY)
        while pos >= 0:
            if pos % _OLE_ENTRY_SIZE == 0:
                return True
            pos = block.find(_ENCRYPTED_ENTRY, pos + 1)
        offset += len(block)
    return False


# -- text / unknown


def _not_excel_message(probe: bytes) -> str:
    text = _as_text(probe)
    if text is None:
        return "Isi berkas tidak dikenali sebagai buku kerja Excel (bukan .xlsx maupun .xls)."
    start = text.lstrip().lower()
    if start.startswith(("<!doctype html", "<html", "<table")):
        return "Isi berkas berupa halaman HTML (teks), bukan buku kerja Excel (.xlsx)."
    if start.startswith("<?xml"):
        return "Isi berkas berupa teks XML, bukan buku kerja Excel (.xlsx)."
    return "Isi berkas berupa teks/CSV, bukan buku kerja Excel (.xlsx)."


def _as_text(probe: bytes) -> str | None:
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, encoding in boms:
        if probe.startswith(bom):
            return _decode(probe[len(bom) :], encoding)
    text = _decode(probe, "utf-8")
    if text is None:
        text = probe.decode("latin-1")
    controls = sum(1 for ch in text if ch in _TEXT_CONTROLS)
    return text if controls * 100 <= len(text) else None


def _decode(data: bytes, encoding: str) -> str | None:
    try:
        return codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return None
