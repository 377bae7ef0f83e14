"""Checks of the set of files: the bidang each file is for, its year and instansi, duplicates and missing bidang."""

from __future__ import annotations

from collections import Counter

from lkjip_xl.findings import Finding
from lkjip_xl.intake.reader import BidangFile
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
    return excluded, out


def set_findings(files: list[BidangFile], master: Master, unchecked: dict[str, str], unmerged: dict[str, str]) -> list[Finding]:
    out: list[Finding] = []
    claims = Counter(f.bidang for f in files if f.readable and f.name not in unchecked)
    for f in files:
        if f.readable and f.name not in unchecked and claims[f.bidang] > 1:
            others = sorted(g.name for g in files if g.bidang == f.bidang and g.name != f.name)
            out.append(
                Finding.make(
                    "G002",
                    f"Bidang {f.bidang} juga diklaim oleh: {', '.join(others)}. Tidak ada yang digabung.",
                    file=f.name,
                    bidang=f.bidang,
                    actual=f.name,
                )
            )
            unmerged[f.name] = "G002"
    for b in master.bidang:
        if claims[b.kode] == 0:
            out.append(Finding.make("G001", f"{b.nama} ({b.kode}) belum mengirim berkas.", bidang=b.kode, kode=b.kode))
    return out
