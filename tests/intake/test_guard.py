"""Tests for lkjip_xl.intake.guard: every hostile or broken file is refused with its own code, quickly and without raising."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip_xl.findings import Severity
from lkjip_xl.intake import guard, zipscreen
from lkjip_xl.intake.guard import Screened, screen_file
from lkjip_xl.intake.zipscreen import KEPT_PARTS
from tests import hostile
from tests.helpers import check_in_capped_child

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FILES = sorted(hostile.CORPUS.iterdir()) if hostile.CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not CORPUS_FILES, reason="corpus calamine tidak tersedia")


def codes(screened: Screened) -> list[str]:
    return [f.code for f in screened.findings]


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both zip bombs, built once per module (≈ 2 GiB of XML each, ≈ 2 MB on disk)."""
    folder = tmp_path_factory.mktemp("bom")
    return {"jujur": hostile.make_zip_bomb(folder), "bohong": hostile.make_zip_bomb_lying(folder)}


def test_normal_xlsx_is_readable_without_findings(tmp_path: Path) -> None:
    path = hostile.make_valid_xlsx(tmp_path)
    screened = screen_file(path)
    assert (screened.findings, screened.readable, screened.has_macros) == ((), True, False)
    # the parts the sheet-XML scanner reads next come along, exactly as stored in the archive
    with zipfile.ZipFile(path) as zf:
        expected = {n: zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet") or n in KEPT_PARTS}
    assert screened.parts == expected and "xl/workbook.xml" in expected


def test_parts_past_the_keep_budget_are_named_but_left_in_the_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet too large to keep is None in parts: the scanner then reads that very member, not a same-named decoy."""
    monkeypatch.setattr(zipscreen, "MAX_KEPT_BYTES", 1)
    screened = screen_file(hostile.make_valid_xlsx(tmp_path))
    assert screened.parts and all(v is None for v in screened.parts.values())


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (hostile.make_empty, "B001"),
        (hostile.make_csv_named_xlsx, "B002"),
        (hostile.make_xls_renamed, "B003"),
        (hostile.make_ods, "B004"),
        (hostile.make_encrypted_ole, "B005"),
        (hostile.make_truncated, "B006"),
        (hostile.make_docx, "B006"),
        (hostile.make_bad_crc, "B006"),
        (hostile.make_high_ratio_member, "B007"),
        (hostile.make_many_members, "B007"),
        (hostile.make_billion_laughs, "B008"),
        (hostile.make_directory_named_xlsx, "B009"),
    ],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_refused_with_code(tmp_path: Path, make: Callable[[Path], Path], code: str) -> None:
    path = make(tmp_path)
    screened = screen_file(path)
    assert codes(screened) == [code]
    assert not screened.readable
    finding = screened.findings[0]
    assert finding.file == path.name
    assert finding.severity is Severity.ERROR
    assert finding.message and finding.hint


def test_csv_message_says_text(tmp_path: Path) -> None:
    assert "teks/CSV" in screen_file(hostile.make_csv_named_xlsx(tmp_path)).findings[0].message


def test_docx_message_names_word(tmp_path: Path) -> None:
    assert "Word" in screen_file(hostile.make_docx(tmp_path)).findings[0].message


def test_lock_file_is_skipped_as_info(tmp_path: Path) -> None:
    screened = screen_file(hostile.make_lock_file(tmp_path))
    assert codes(screened) == ["B011"]
    assert screened.findings[0].severity is Severity.INFO
    assert not screened.readable


def test_macros_are_flagged_but_readable(tmp_path: Path) -> None:
    screened = screen_file(hostile.make_xlsm_with_macros(tmp_path))
    assert codes(screened) == ["B012"]
    assert screened.readable and screened.has_macros
    assert screened.findings[0].severity is Severity.WARNING


@needs_corpus
def test_password_protected_corpus_file(tmp_path: Path) -> None:
    assert codes(screen_file(hostile.make_password_protected(tmp_path))) == ["B005"]


@needs_corpus
def test_real_xls_renamed(tmp_path: Path) -> None:
    screened = screen_file(hostile.make_xls_from_corpus(tmp_path))
    assert codes(screened) == ["B003"]
    assert ".xlsx" in screened.findings[0].message


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    assert codes(screen_file(tmp_path / "tidak_ada.xlsx")) == ["B024"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a POSIX FIFO")
def test_fifo_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipa.xlsx"
    os.mkfifo(fifo)
    assert codes(screen_file(fifo)) == ["B024"]


def test_display_name_is_used(tmp_path: Path) -> None:
    screened = screen_file(hostile.make_empty(tmp_path), "Bidang Anggaran.xlsx")
    assert screened.findings[0].file == "Bidang Anggaran.xlsx"


@pytest.mark.parametrize(
    ("boundary", "stored", "encoding"),
    [
        (zipscreen.READ_CHUNK, True, "utf-8"),
        (zipscreen.INFLATE_CHUNK, False, "utf-8"),
        (zipscreen.INFLATE_CHUNK, False, "utf-16-le"),
    ],
)
def test_entity_split_across_chunks(tmp_path: Path, boundary: int, stored: bool, encoding: str) -> None:
    path = hostile.make_entity_at_boundary(tmp_path, boundary, stored, encoding)
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(hostile.SHEET1)
    token = "<!DOCTYPE".encode(encoding)
    assert xml.index(token) < boundary < xml.index(token) + len(token)
    assert codes(screen_file(path)) == ["B008"]


def test_zip_bomb_refused_quickly(bombs: dict[str, Path]) -> None:
    path = bombs["jujur"]
    assert path.stat().st_size < 10_000_000
    start = time.perf_counter()
    screened = screen_file(path)
    assert time.perf_counter() - start < 2.0
    assert codes(screened) == ["B007"]
    assert not screened.readable


def test_lying_zip_bomb_refused_quickly(bombs: dict[str, Path]) -> None:
    path = bombs["bohong"]
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo(hostile.SHEET1).file_size == hostile.BOMB_DECLARED_LIE
    start = time.perf_counter()
    screened = screen_file(path)
    assert time.perf_counter() - start < 2.0
    assert codes(screened) == ["B007"]


def test_lying_zip_bomb_memory_stays_small(bombs: dict[str, Path]) -> None:
    """In a fresh process (peak RSS measurable): screening the lying bomb stays far below 300 MB."""
    # the peak of this process's own memory: VmHWM where /proc has it (ru_maxrss keeps, across exec, the peak of
    # the forked copy of the test process, which grows with the tests run before this one)
    script = textwrap.dedent(
        f"""
        import resource, sys
        from pathlib import Path
        from lkjip_xl.intake.guard import screen_file
        screened = screen_file(Path({str(bombs["bohong"])!r}))
        try:
            with open("/proc/self/status") as fh:
                peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
        except (OSError, StopIteration):
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(screened.findings[0].code, peak)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    code, peak_kib = done.stdout.split()
    assert code == "B007"
    assert int(peak_kib) < 300 * 1024


def _both_ways(path: Path) -> tuple[object, object]:
    """What the in-memory screening and the streaming one make of the same file (a refusal as its code)."""
    data = path.read_bytes()
    in_memory = zipscreen.screen_in_memory(data)
    with path.open("rb") as fp:
        try:
            streamed: object = guard._screen_open(fp, len(data), path.suffix.lower())
        except zipscreen.Rejected as rejected:
            streamed = rejected.code
    return in_memory, streamed


def test_a_plain_workbook_is_screened_in_memory(tmp_path: Path) -> None:
    in_memory, streamed = _both_ways(hostile.make_valid_xlsx(tmp_path))
    assert in_memory is not None and in_memory == streamed


HOSTILE_ZIPS = [
    hostile.make_truncated,
    hostile.make_ods,
    hostile.make_docx,
    hostile.make_xlsm_with_macros,
    hostile.make_bad_crc,
    hostile.make_billion_laughs,
    hostile.make_high_ratio_member,
    lambda d: hostile.make_entity_at_boundary(d, 65_536, stored=False),
    lambda d: hostile.make_entity_at_boundary(d, 4_096, stored=True, encoding="utf-16-le"),
]


@pytest.mark.parametrize("make", HOSTILE_ZIPS, ids=lambda m: getattr(m, "__name__", "entitas"))
def test_in_memory_screening_never_passes_what_streaming_refuses(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    in_memory, streamed = _both_ways(make(tmp_path))
    assert in_memory is None or in_memory == streamed
    if isinstance(streamed, str):
        assert in_memory is None


@pytest.mark.parametrize("decoy", [b"xl/worksheets/sheet1.xml\x00", b"xl\\worksheets\\sheet1.xml"], ids=["nul", "backslash"])
def test_member_name_zipfile_would_rewrite_is_refused_B006(tmp_path: Path, decoy: bytes) -> None:
    """zipfile cuts "sheet1.xml\\0" to "sheet1.xml", and on Windows reads "xl\\worksheets\\…" as "xl/worksheets/…":
    a decoy then stands in for the real sheet in the XML scan while calamine loads the real one unscanned."""
    source = hostile.make_valid_xlsx(tmp_path)
    path = tmp_path / "nama_aneh.xlsx"
    placeholder = b"Z" * len(decoy)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr(placeholder.decode(), b"<worksheet/>")
    path.write_bytes(path.read_bytes().replace(placeholder, decoy))
    in_memory, streamed = _both_ways(path)
    assert (in_memory, streamed) == (None, "B006")
    assert codes(screen_file(path)) == ["B006"]


def test_parts_differing_only_in_case_are_refused_B006_before_calamine_sees_them(tmp_path: Path) -> None:
    """calamine finds xl/worksheets/Sheet1.xml for the workbook's sheet1.xml, the XML scan would vouch for the
    real sheet1.xml: a cell at XFD1048576 in the look-alike then made calamine abort the whole process."""
    source = hostile.make_valid_xlsx(tmp_path)
    path = tmp_path / "huruf_besar.xlsx"
    bomb = b'<worksheet><sheetData><row r="1048576"><c r="XFD1048576"><v>9</v></c></row></sheetData></worksheet>'
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("xl/worksheets/Sheet1.xml", bomb)
    in_memory, streamed = _both_ways(path)
    assert (in_memory, streamed) == (None, "B006")
    # and through the reader (without the guard, calamine would abort the process)
    assert [code for code, _ in check_in_capped_child(path)] == ["B006"]


def _after_declaration(xml: str, insert: str) -> str:
    end = xml.index("?>") + 2
    return xml[:end] + insert + xml[end:]


# Where the claim hides: the start tag may come after any prolog, hold a '>' in a quoted value, or follow a decoy.
CLAIM_PLACES = {
    "biasa": lambda xml: xml,
    "utf-16": lambda xml: xml,
    "komentar panjang dulu": lambda xml: _after_declaration(xml, "<!-- " + "x" * 6000 + " -->"),
    "instruksi panjang dulu": lambda xml: _after_declaration(xml, "<?lain " + "y" * 6000 + "?>"),
    "'>' dalam nilai atribut": lambda xml: xml.replace("<sst ", '<sst a="x>y" ', 1),
    "umpan jujur di komentar": lambda xml: _after_declaration(xml, '<!-- <sst uniqueCount="1"> -->'),
}


@pytest.mark.parametrize("place", list(CLAIM_PLACES))
def test_impossible_shared_strings_count_is_refused_B006_before_calamine_reserves_it(tmp_path: Path, place: str) -> None:
    """calamine reserves room for uniqueCount strings before reading one: 4,000,000,000 asked for 96 GB and
    aborted the process. No part of this size can hold that many."""
    source = hostile.make_valid_xlsx(tmp_path)
    with zipfile.ZipFile(source) as zf:
        strings = zf.read("xl/sharedStrings.xml").decode()
    claimed = CLAIM_PLACES[place](re.sub(r'uniqueCount="[0-9]+"', 'uniqueCount="4000000000"', strings))
    encoded = claimed.encode("utf-16" if place == "utf-16" else "utf-8")
    path = hostile.rewrite_zip(source, tmp_path / "klaim.xlsx", {"xl/sharedStrings.xml": encoded})
    in_memory, streamed = _both_ways(path)
    assert (in_memory, streamed) == (None, "B006")
    assert [code for code, _ in check_in_capped_child(path)] == ["B006"]


def test_unusual_archives_are_left_to_the_streaming_path(tmp_path: Path) -> None:
    """A comment, a duplicated name: legal zips the in-memory pass does not vouch for; the result is unchanged."""
    source = hostile.make_valid_xlsx(tmp_path)
    commented = tmp_path / "komentar.xlsx"
    commented.write_bytes(source.read_bytes())
    with zipfile.ZipFile(commented, "a") as zf:
        zf.comment = b"dibuat oleh aplikasi lain"
    duplicated = tmp_path / "ganda.xlsx"
    duplicated.write_bytes(source.read_bytes())
    with pytest.warns(UserWarning), zipfile.ZipFile(duplicated, "a") as zf:
        zf.writestr("xl/styles.xml", b"<styleSheet/>")
    for path in (commented, duplicated):
        in_memory, streamed = _both_ways(path)
        assert in_memory is None and isinstance(streamed, tuple)
        assert screen_file(path).readable


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_never_raises(path: Path) -> None:
    screened = screen_file(path)
    assert isinstance(screened, Screened)
    assert screened.readable == (not any(f.severity is Severity.ERROR for f in screened.findings))
    if path.is_file() and path.stat().st_size <= guard.IN_MEMORY_MAX_BYTES:
        in_memory, streamed = _both_ways(path)
        assert in_memory is None or in_memory == streamed


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    hostile.make_valid_xlsx(folder, "asal.xlsx")
    return folder


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=1, max_value=20_000), position=st.integers(min_value=0), flip=st.integers(0, 255))
def test_damaged_copies_never_raise(fuzz_dir: Path, cut: int, position: int, flip: int) -> None:
    data = bytearray((fuzz_dir / "asal.xlsx").read_bytes())
    data[position % len(data)] ^= flip
    target = fuzz_dir / "rusak.xlsx"
    target.write_bytes(bytes(data[:cut]))
    screened = screen_file(target)
    assert screened.readable or screened.findings
    in_memory, streamed = _both_ways(target)
    assert in_memory is None or in_memory == streamed
