"""The e-mail text the Sekretariat sends a bidang with its annotated copy (or instead of it), in Bahasa Indonesia."""

from __future__ import annotations

from lkjip_xl.checks.digest import Group, difference, group_findings
from lkjip_xl.findings import Finding, Severity
from lkjip_xl.numbers import format_id

_OFFICE_WORDS = ("bidang", "upt", "sekretariat", "seksi", "balai", "subbagian", "bagian", "unit")


def addressee(nama: str, kode: str) -> str:
    """'Kepala Bidang Industri', 'Kepala UPT Balai Latihan Kerja', 'Sekretaris'; a bare name is taken as a bidang."""
    name = nama.strip() or kode
    if not name:
        return "Kepala Bidang"
    if name.lower().startswith("sekretariat"):
        return "Sekretaris"  # the Sekretariat of a Dinas is headed by its Sekretaris
    return f"Kepala {name}" if name.lower().startswith(_OFFICE_WORDS) else f"Kepala Bidang {name}"


def _line(n: int, g: Group) -> str:
    f = g.first
    where = g.location or "berkas"
    if f.kode and g.count == 1:
        where += f" ({f.kode})"
    text = f"{f.title} di {format_id(g.count)} sel. Contoh {f.cell}: {f.message}" if g.count > 1 else f.message
    values = "; ".join(
        x
        for x in (f"tertulis {f.actual}" if f.actual else "", f"seharusnya {f.expected}" if f.expected else "", difference(f))
        if x
    )
    if values and f.severity is Severity.ERROR:
        text = f"{text.rstrip('.')} ({values})."
    return f"{n}. [{f.severity.label}] {where}: {text} {f.hint}".rstrip()


def findings_message(file: str, bidang_nama: str, bidang_kode: str, findings: list[Finding], copy_name: str) -> str:
    """'Yth. Kepala Bidang …, dari berkas … terdapat N hal yang perlu diperbaiki: …', a line per finding or group;
    `copy_name` is the annotated copy attached ('' when none could be made)."""
    groups = group_findings([f for f in findings if f.severity is not Severity.INFO])
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    lines = [
        f"Yth. {addressee(bidang_nama, bidang_kode)},",
        "",
        f"dari berkas {file} yang kami terima terdapat {format_id(len(groups))} hal yang perlu diperbaiki"
        + (f" ({format_id(errors)} galat wajib diperbaiki sebelum LKjIP dapat digabung):" if errors else ":"),
        "",
        *(_line(n, g) for n, g in enumerate(groups, start=1)),
        "",
        (
            f"Sel yang dimaksud sudah kami tandai di berkas terlampir {copy_name} (merah: galat, kuning: peringatan; "
            "setiap sel diberi catatan, dan lembar Temuan memuat daftarnya dengan tautan ke selnya). Mohon perbaiki "
            "langsung di berkas itu, simpan sebagai .xlsx, lalu kirim kembali kepada kami."
            if copy_name
            else f"Mohon perbaiki sel-sel tersebut di berkas {file}, simpan sebagai .xlsx, lalu kirim kembali kepada kami."
        ),
        "",
        "Terima kasih.",
        "Sekretariat",
    ]
    return "\n".join(lines) + "\n"


def unreadable_message(file: str, bidang_nama: str, bidang_kode: str, findings: list[Finding]) -> str:
    """For a file that could not be opened: why, and what to send instead."""
    reasons = [f for f in findings if f.severity is Severity.ERROR] or findings
    lines = [
        f"Yth. {addressee(bidang_nama, bidang_kode)},",
        "",
        f"berkas {file} yang kami terima tidak dapat dibaca, sehingga isinya belum dapat diperiksa maupun digabung:",
        "",
        *(f"- {f.title}: {f.message} {f.hint}".rstrip() for f in reasons),
        "",
        "Mohon kirim ulang berkas hasil isian template dari Sekretariat dalam format Excel Workbook (.xlsx), tanpa kata sandi.",
        "",
        "Terima kasih.",
        "Sekretariat",
    ]
    return "\n".join(lines) + "\n"
