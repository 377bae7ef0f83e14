"""Tests for lkjip_xl.guard: every hostile or broken file is refused with its own code, quickly and without raising."""

from __future__ import annotations

import os
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

from lkjip_xl import guard
from lkjip_xl.findings import Severity
from lkjip_xl.guard import KEPT_PARTS, Screened, screen_file
from tests import hostile

ROOT = Path(__file__).resolve().parent.parent
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
    import lkjip_xl.guard as guard

    monkeypatch.setattr(guard, "MAX_KEPT_BYTES", 1)
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
        (guard.READ_CHUNK, True, "utf-8"),
        (guard.INFLATE_CHUNK, False, "utf-8"),
        (guard.INFLATE_CHUNK, False, "utf-16-le"),
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
    script = textwrap.dedent(
        f"""
        import resource, sys
        from pathlib import Path
        from lkjip_xl.guard import screen_file
        screened = screen_file(Path({str(bombs["bohong"])!r}))
        print(screened.findings[0].code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    code, peak_kib = done.stdout.split()
    assert code == "B007"
    assert int(peak_kib) < 300 * 1024


def test_normal_file_is_fast(tmp_path: Path) -> None:
    path = hostile.make_valid_xlsx(tmp_path)
    screen_file(path)
    start = time.perf_counter()
    for _ in range(50):
        screen_file(path)
    assert (time.perf_counter() - start) / 50 < 0.005  # ≈ 0.2-0.3 ms measured; generous for slow CI machines


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_never_raises(path: Path) -> None:
    screened = screen_file(path)
    assert isinstance(screened, Screened)
    assert screened.readable == (not any(f.severity is Severity.ERROR for f in screened.findings))


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
