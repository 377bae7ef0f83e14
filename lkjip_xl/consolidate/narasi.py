"""Bab III's text (A.1-A.4 and B) in Bahasa Indonesia, written from the same consolidated figures as the tables.

Counts follow the convention of official documents, a numeral and its words in brackets ("13 (tiga belas)
program"); Rupiah and percentages are shown Indonesian-style. The text only states what the tables show.
"""

from __future__ import annotations

from dataclasses import dataclass

from lkjip_xl.consolidate.efisiensi import EFISIEN, KURANG_EFISIEN, RULE, TIDAK_DINILAI, efisiensi, mean_capaian
from lkjip_xl.consolidate.pk import pk_table
from lkjip_xl.consolidate.tables import Consolidated, KinerjaRow
from lkjip_xl.numbers import format_id, format_pct, round_half_up
from lkjip_xl.planning.rules import kategori

HEADING1, HEADING2, HEADING3, PARAGRAPH, FAKTOR = "heading1", "heading2", "heading3", "paragraph", "faktor"


@dataclass(frozen=True)
class Block:
    """One heading or paragraph of the text; `style` says which (and the Word style it becomes)."""

    style: str
    text: str


def terbilang(n: int, noun: str = "") -> str:
    """'13 (tiga belas) program': the numeral, its words in brackets (num2words, Indonesian), the noun."""
    from num2words import num2words

    text = f"{format_id(n)} ({num2words(n, lang='id')})"
    return f"{text} {noun}" if noun else text


def rupiah(value: int) -> str:
    return f"Rp {format_id(value)}"


def _pct(value: float | None) -> str:
    """A percentage as the tables show it (rounded half up to 2 decimals)."""
    return format_pct(None if value is None else round_half_up(value, 2))


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def why_not_computable(r: KinerjaRow) -> str:
    if r.target is None:
        return "target belum ada di master"
    if r.target == 0:
        return "target 0"
    if r.realisasi is None:
        return "realisasi tidak dilaporkan"
    return "realisasi 0 pada indikator negatif"


def narasi(c: Consolidated) -> list[Block]:
    inst = c.master.instansi
    out = [Block(HEADING1, "BAB III AKUNTABILITAS KINERJA"), Block(HEADING2, "A. Capaian Kinerja Organisasi")]
    out += _capaian(c)
    out.append(Block(HEADING3, f"2. Perbandingan Capaian Kinerja Tahun {inst.tahun} dengan Tahun {inst.tahun - 1}"))
    out.append(Block(PARAGRAPH, _tren(c)))
    out.append(Block(HEADING3, f"3. Perbandingan Realisasi dengan Target Akhir Renstra {inst.renstra_awal}–{inst.renstra_akhir}"))
    out.append(Block(PARAGRAPH, _renstra(c)))
    out.append(Block(HEADING3, "4. Analisis Efisiensi Penggunaan Sumber Daya"))
    out += [Block(PARAGRAPH, text) for text in _efisiensi(c)]
    out.append(Block(HEADING2, "B. Realisasi Anggaran"))
    out += [Block(PARAGRAPH, text) for text in _anggaran(c)]
    return out


def _capaian(c: Consolidated) -> list[Block]:
    inst = c.master.instansi
    out = [Block(HEADING3, f"1. Perbandingan Target dan Realisasi Kinerja Tahun {inst.tahun}")]
    n = len(c.kinerja)
    sasaran = list(dict.fromkeys(r.sasaran for r in c.kinerja))
    out.append(
        Block(
            PARAGRAPH,
            f"Pada tahun {inst.tahun}, {inst.nama} {inst.pemda} menetapkan {terbilang(len(sasaran), 'sasaran strategis')} "
            f"dengan {terbilang(n, 'indikator kinerja')} dalam Perjanjian Kinerja.",
        )
    )
    if not n:
        return out
    mean, computed = mean_capaian(c.kinerja)
    counts = [f"{terbilang(k, 'indikator')} berkategori {name}" for name, k in c.kategori_counts().items() if k]
    text = f"Capaian {terbilang(computed, 'indikator')} dapat dihitung" + (f": {_join(counts)}." if counts else ".")
    missing = [r for r in c.kinerja if r.capaian is None]
    if missing:
        listed = "; ".join(f"{r.kode} {r.indikator} ({why_not_computable(r)})" for r in missing)
        text += f" Capaian {terbilang(len(missing), 'indikator')} tidak dapat dihitung: {listed}."
    out.append(Block(PARAGRAPH, text))
    if mean is not None:
        band = kategori(mean, c.bands)
        out.append(
            Block(
                PARAGRAPH,
                f"Capaian kinerja secara keseluruhan sebesar {_pct(mean)}{f' ({band})' if band else ''}, yaitu rata-rata "
                f"capaian {terbilang(computed, 'indikator')} yang capaiannya dapat dihitung; indikator yang capaiannya "
                "tidak dapat dihitung tidak ikut dirata-rata.",
            )
        )
    for no, name in enumerate(sasaran, start=1):
        rows = [r for r in c.kinerja if r.sasaran == name]
        s_mean, s_n = mean_capaian(rows)
        result = (
            f"rata-rata capaian {_pct(s_mean)} dari {terbilang(s_n, 'indikator')} yang dapat dihitung"
            if s_mean is not None
            else "capaiannya belum dapat dihitung"
        )
        out.append(Block(PARAGRAPH, f"Sasaran {no}: {name}. Dari {terbilang(len(rows), 'indikator')}, {result}."))
        out += [Block(FAKTOR, text) for text in _faktor(rows)]
    return out


def _faktor(rows: list[KinerjaRow]) -> list[str]:
    """The bidang's own explanations of each indicator, as they wrote them (inert text)."""
    out = []
    for r in rows:
        parts = [
            f"{label}: {text}"
            for label, text in (
                ("faktor pendorong", r.faktor_pendorong),
                ("faktor penghambat", r.faktor_penghambat),
                ("upaya / tindak lanjut", r.upaya),
            )
            if text.strip()
        ]
        if parts:
            out.append(f"{r.kode} {r.indikator}: " + "; ".join(parts) + ".")
    return out


def _tren(c: Consolidated) -> str:
    year = c.master.instansi.tahun
    if not c.kinerja:
        return "Belum ada indikator untuk dibandingkan."
    parts = [f"{terbilang(k, 'indikator')} {name}" for name, k in c.tren_counts().items() if k]
    return (
        f"Dibandingkan tahun {year - 1}, capaian {_join(parts)}. Indikator tidak dapat dibandingkan bila capaian "
        "salah satu tahun tidak ada."
    )


def _renstra(c: Consolidated) -> str:
    rows = [r for r in c.kinerja if r.capaian_renstra is not None]
    done = sum(1 for r in rows if round_half_up(r.capaian_renstra or 0, 2) >= 100)
    rest = len(c.kinerja) - len(rows)
    text = (
        f"Terhadap target akhir Renstra, {terbilang(len(rows), 'indikator')} dapat dibandingkan: "
        f"{terbilang(done, 'indikator')} telah mencapai 100 % atau lebih dan {terbilang(len(rows) - done, 'indikator')} belum."
    )
    if rest:
        text += (
            f" {terbilang(rest, 'indikator')} tidak dapat dibandingkan karena target akhir Renstra atau realisasinya belum ada."
        )
    return text


def _efisiensi(c: Consolidated) -> list[str]:
    rows = efisiensi(c)
    if not rows:
        return ["Belum ada sasaran untuk dinilai."]
    counts = {name: sum(1 for r in rows if r.penilaian == name) for name in (EFISIEN, KURANG_EFISIEN, TIDAK_DINILAI)}
    parts = [f"{terbilang(k)} {name}" for name, k in counts.items() if k]
    out = [
        f"Efisiensi dinilai per sasaran: {RULE}. Program dihubungkan ke sasarannya menurut master (lembar Program PK). "
        f"Dari {terbilang(len(rows), 'sasaran')}, {_join(parts)}."
    ]
    for r in rows:
        serapan = _pct(r.serapan) if r.serapan is not None else "tidak ada (belum ada program yang dihubungkan)"
        capaian = _pct(r.capaian) if r.capaian is not None else "tidak dapat dihitung"
        out.append(f"Sasaran {r.no}: capaian kinerja {capaian}, serapan anggaran {serapan}: {r.penilaian}.")
    return out


def _anggaran(c: Consolidated) -> list[str]:
    inst = c.master.instansi
    if not c.kegiatan:
        return ["Data anggaran belum tersedia."]
    basis = c.master.anggaran_basis
    text = (
        f"Untuk mencapai sasaran tersebut, pada tahun {inst.tahun} dilaksanakan {terbilang(len(c.programs), 'program')} dan "
        f"{terbilang(len(c.kegiatan), 'kegiatan')} dengan {basis} sebesar {rupiah(c.total_anggaran)} dan realisasi sebesar "
        f"{rupiah(c.total_realisasi)} atau {_pct(c.total_persen)} dari anggaran."
    )
    unreported = sum(1 for k in c.kegiatan if k.realisasi is None)
    if unreported:
        text += f" Sebanyak {terbilang(unreported, 'kegiatan')} belum melaporkan realisasi dan dihitung 0."
    out = [text]
    table = pk_table(c.master)
    if table.rows:
        in_pk = sum(1 for r in table.rows if r.anggaran_pk is not None)
        pk = (
            f"Perjanjian Kinerja memuat {terbilang(in_pk, 'program')} dengan anggaran {rupiah(table.total_pk)}, "
            f"sedangkan {basis} seluruh program DPA berjumlah {rupiah(table.total_anggaran)} "
            f"(selisih {rupiah(table.selisih)}; rinciannya di lembar Perjanjian Kinerja)."
        )
        if table.stated_difference:
            pk += f" Jumlah yang tertulis di Perjanjian Kinerja, {rupiah(table.stated_total or 0)}, tidak sama dengan jumlah barisnya."
        out.append(pk)
    return out
