"""Checks of the set of files: the bidang each file is for, its year and instansi, duplicates and missing bidang."""

from __future__ import annotations

from lkjip_xl.findings import Finding
from lkjip_xl.intake.reader import BidangFile, bidang_from_name
from lkjip_xl.intake.table import normalise_label
from lkjip_xl.planning.model import Master


def screen_set(files: list[BidangFile], master: Master) -> tuple[dict[str, str], list[Finding]]:
    """Files whose rows cannot be checked or merged (name → reason code), with their findings."""
    out: list[Finding] = []
    excluded: dict[str, str] = {}
    known = master.bidang_by_kode()
    for f in files:
        if not f.readable:
            continue
        meta = f.meta
        if not f.bidang:
            out.append(
                Finding.make(
                    "B013",
                    f"Bidang berkas '{f.name}' tidak dikenali dari metadata maupun nama berkas.",
                    file=f.name,
                    sheet="_meta",
                )
            )
            excluded[f.name] = "B013"
        elif f.bidang not in known:
            out.append(
                Finding.make(
                    "G003",
                    f"Bidang '{f.bidang}' tidak ada di master.",
                    file=f.name,
                    sheet="_meta",
                    cell="B4",
                    bidang=f.bidang,
                    actual=f.bidang,
                    expected=", ".join(known),
                )
            )
            excluded[f.name] = "G003"
        elif meta and (
            meta.get("tahun") != str(master.instansi.tahun)
            or normalise_label(meta.get("instansi", "")) != normalise_label(master.instansi.nama)
        ):
            out.append(
                Finding.make(
                    "G004",
                    f"Berkas untuk {meta.get('instansi', '?')} tahun {meta.get('tahun', '?')}, master untuk "
                    f"{master.instansi.nama} tahun {master.instansi.tahun}.",
                    file=f.name,
                    sheet="_meta",
                    cell="B3",
                    bidang=f.bidang,
                    expected=f"{master.instansi.nama} {master.instansi.tahun}",
                    actual=f"{meta.get('instansi', '')} {meta.get('tahun', '')}",
                )
            )
            excluded[f.name] = "G004"
        elif not meta and (stated := _other_year(f, str(master.instansi.tahun))):
            year, where, sheet, cell = stated
            out.append(
                Finding.make(
                    "G004",
                    f"Berkas tanpa metadata menyebut tahun {year} ({where}), master untuk tahun {master.instansi.tahun}.",
                    file=f.name,
                    sheet=sheet,
                    cell=cell,
                    bidang=f.bidang,
                    expected=str(master.instansi.tahun),
                    actual=year,
                )
            )
            excluded[f.name] = "G004"
    return excluded, out


def _other_year(f: BidangFile, tahun: str) -> tuple[str, str, str, str] | None:
    """The first year a file without metadata names when none of the years it names is the master's."""
    if not f.years or any(y == tahun for y, *_ in f.years):
        return None
    return f.years[0]


def set_findings(files: list[BidangFile], master: Master, unchecked: dict[str, str], unmerged: dict[str, str]) -> list[Finding]:
    """G002 for two files holding the same sheet of one bidang, B031 when a bidang's sheets come in separate
    files, G005 (not G001) when a bidang's file arrived but cannot be used, G001 when nothing arrived."""
    out: list[Finding] = []
    usable = [f for f in files if f.readable and f.name not in unchecked]
    by_bidang: dict[str, list[BidangFile]] = {}
    for f in usable:
        by_bidang.setdefault(f.bidang, []).append(f)
    for bidang, group in by_bidang.items():
        if len(group) < 2:
            continue
        if complementary(group):
            out += _split_info(bidang, group)
            continue
        ordered = sorted(group, key=lambda g: g.name)
        for f in group:
            others = [g for g in ordered[: SHOWN + 1] if g is not f][:SHOWN]  # a bounded message, however many
            more = len(group) - 1 - len(others)
            listed = "; ".join(f"{g.name} ({_held(g)})" for g in others) + (f"; dan {more} berkas lain" if more else "")
            out.append(
                Finding.make(
                    "G002",
                    f"Bidang {bidang} juga diklaim oleh: {listed}. Tidak ada yang digabung. Isi berkas ini: {_held(f)}.",
                    file=f.name,
                    bidang=bidang,
                    actual=f.name,
                )
            )
            unmerged[f.name] = "G002"
    names = {b.kode: b.nama for b in master.bidang}
    for b in master.bidang:
        if b.kode in by_bidang:
            continue
        arrived = [f for f in files if (f.bidang or bidang_from_name(f.name, names)) == b.kode]
        if arrived:
            why = ", ".join(f"{f.name} ({_why(f, unchecked)})" for f in arrived)
            out.append(
                Finding.make(
                    "G005",
                    f"{b.nama} ({b.kode}) sudah mengirim berkas, tetapi tidak dapat dipakai: {why}.",
                    bidang=b.kode,
                    kode=b.kode,
                    actual=", ".join(f.name for f in arrived),
                )
            )
        else:
            out.append(Finding.make("G001", f"{b.nama} ({b.kode}) belum mengirim berkas.", bidang=b.kode, kode=b.kode))
    return out


SHOWN = 5


def complementary(group: list[BidangFile]) -> bool:
    """Files of one bidang that each hold a sheet none of the others holds (Kinerja in one, Anggaran in another)."""
    kinerja = sum(f.kinerja is not None for f in group)
    anggaran = sum(f.anggaran is not None for f in group)
    return kinerja <= 1 and anggaran <= 1 and all(f.kinerja is not None or f.anggaran is not None for f in group)


def _split_info(bidang: str, group: list[BidangFile]) -> list[Finding]:
    held = "; ".join(f"{f.name}: {_held(f)}" for f in group)
    return [
        Finding.make(
            "B031",
            f"Lembar bidang {bidang} datang dalam {len(group)} berkas dan semuanya digabung ({held}).",
            file=f.name,
            bidang=bidang,
        )
        for f in group
    ]


def _held(f: BidangFile) -> str:
    sheets = [n for n, rows in (("Kinerja", f.kinerja), ("Anggaran", f.anggaran)) if rows is not None]
    return " dan ".join(sheets) if sheets else "tanpa lembar yang terbaca"


def _why(f: BidangFile, unchecked: dict[str, str]) -> str:
    if f.name in unchecked:
        return unchecked[f.name]
    codes = sorted({x.code for x in f.findings if x.code.startswith("B") and x.severity.value == "error"})
    return ", ".join(codes) or "tidak terbaca"


def complementary_sheets_dropped(files: list[BidangFile], unchecked: dict[str, str]) -> set[tuple[str, str]]:
    """(file, sheet) of the B019 findings that are not missing sheets: the bidang's other file holds that sheet."""
    by_bidang: dict[str, list[BidangFile]] = {}
    for f in files:
        if f.readable and f.name not in unchecked and f.bidang:
            by_bidang.setdefault(f.bidang, []).append(f)
    out: set[tuple[str, str]] = set()
    for group in by_bidang.values():
        if len(group) > 1 and complementary(group):
            for f in group:
                for sheet, rows in (("Kinerja", f.kinerja), ("Anggaran", f.anggaran)):
                    if rows is None and any(getattr(g, sheet.lower()) is not None for g in group if g is not f):
                        out.add((f.name, sheet))
    return out
