"""What changed between two runs: findings fixed, new and still open, every accepted value changed, files unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkjip_xl.checks.runner import Report
from lkjip_xl.findings import Finding, Severity, sort_findings
from lkjip_xl.numbers import format_id
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.spec import TEXT, bidang_spec

TRAIL_SHEET = "_jejak"  # hidden sheet of the finished workbook: what a later run compares against
TRAIL_MARK = "lkjip-xl jejak"
TRAIL_VERSION = "1"
TRAIL_DATA_ROW = 4  # rows 0-3: mark and version, instansi, tahun, a note; from row 4: the JSON, cell by cell
VALUE_COLUMNS = ("file", "bidang", "sheet", "cell", "kode", "column", "value")
VALUE_KEY = ("bidang", "sheet", "kode", "column")  # a value is the same value whatever the file is called now
FINDING_KEY = ("bidang", "code", "sheet", "cell", "kode")


class TrailError(Exception):
    """The earlier result cannot be compared with (not an lkjip-xl result, another year or instansi)."""


@dataclass
class Trail:
    """What one run accepted and found: a value per (file, sheet, cell), every finding, each file's sha256."""

    instansi: str
    tahun: str
    values: dict[str, list[str]]  # VALUE_COLUMNS, column by column: one entry per accepted value
    findings: list[Finding]
    files: list[dict[str, str]]  # file, bidang, sha256


@dataclass
class ValueChange:
    bidang: str
    file: str
    sheet: str
    cell: str
    kode: str
    column: str
    before: str
    after: str

    def to_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


@dataclass
class Changes:
    """The difference between an earlier trail and this run's."""

    fixed: list[Finding] = field(default_factory=list)
    new: list[Finding] = field(default_factory=list)
    open: list[Finding] = field(default_factory=list)
    values: list[ValueChange] = field(default_factory=list)
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # (bidang, file) whose bytes are as before

    def to_dict(self) -> dict[str, Any]:
        return {
            "fixed": [f.to_dict() for f in self.fixed],
            "new": [f.to_dict() for f in self.new],
            "open": [f.to_dict() for f in self.open],
            "values": [v.to_dict() for v in self.values],
            "unchanged": [{"bidang": b, "file": f} for b, f in self.unchanged],
        }

    def bidang(self) -> list[str]:
        """Every bidang something is said about, in order."""
        seen = [f.bidang for f in (*self.fixed, *self.new, *self.open)] + [v.bidang for v in self.values]
        seen += [b for b, _ in self.unchanged]
        return sorted(set(seen))


def _canonical(value: Any) -> str:
    """A value as exact text: Rupiah and counts without a fraction, no float noise, blank as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        d = Decimal(repr(value)).normalize()
        return f"{d:f}" if d != 0 else "0"
    return str(value)


def shown(value: str) -> str:
    """A canonical value in Indonesian display (1.234.567,5), text as it is, blank as '(kosong)'."""
    if value == "":
        return "(kosong)"
    try:
        d = Decimal(value)
    except ArithmeticError:
        return value
    exp = d.as_tuple().exponent
    return format_id(d, max(0, -exp) if isinstance(exp, int) else 0)


def trail_of(report: Report) -> Trail:
    """This run's trail: the accepted values of every merged file, all findings and each file's sha256."""
    spec = bidang_spec()
    values: dict[str, list[str]] = {c: [] for c in VALUE_COLUMNS}
    for sheet, frame in ((spec.kinerja, report.kinerja), (spec.anggaran, report.anggaran)):
        if frame is None or frame.height == 0:
            continue
        files, bidang = frame["file"].to_list(), frame["bidang"].fill_null("").to_list()
        kode, rows = frame["kode"].fill_null("").to_list(), [str(r) for r in frame["row"].to_list()]
        for col in (c for c in sheet.columns if c.key != "kode" and (c.type != TEXT or c.key == "keterangan")):
            letters = frame[f"c_{col.key}"].fill_null("").to_list()
            values["file"] += files
            values["bidang"] += bidang
            values["sheet"] += [sheet.name] * frame.height
            values["cell"] += [f"{letter}{row}" if letter else "" for letter, row in zip(letters, rows, strict=True)]
            values["kode"] += kode
            values["column"] += [col.label] * frame.height
            values["value"] += [_canonical(v) for v in frame[col.key].to_list()]
    files = [{"file": f.name, "bidang": f.bidang, "sha256": f.sha256} for f in report.files]
    inst = report.master.instansi
    return Trail(inst.nama, str(inst.tahun), values, list(report.findings), files)


def trail_cells(trail: Trail) -> list[str]:
    """The trail as the text cells of its hidden sheet, from TRAIL_DATA_ROW down: compact JSON (ASCII only, so no
    character a cell refuses), cut into pieces a cell holds. Writing 64.000 values as a table of cells took ~2 s
    at 1.000 files; as text it is a few hundredths, and the workbook's zip compresses it as well."""
    from lkjip_xl.planning.state_pack import cell_chunks

    data = {
        "versi": TRAIL_VERSION,
        "instansi": trail.instansi,
        "tahun": trail.tahun,
        "berkas": trail.files,
        "nilai": trail.values,
        "temuan": [f.to_dict() for f in trail.findings],
    }
    return cell_chunks(data, allow_nan=True)  # as it always was: json.loads reads NaN back


def read_trail(path: Path) -> Trail:
    """The trail an earlier `merge` left in its workbook, screened by the guard like any input first."""
    from lkjip_xl.intake.workbook import UnreadableWorkbook, read_sheets

    if not path.is_file():
        raise TrailError(f"Hasil sebelumnya '{path}' tidak ditemukan.")
    not_ours = (
        f"'{path.name}' bukan workbook hasil lkjip-xl merge (tidak memuat lembar {TRAIL_SHEET}); "
        "pilih workbook hasil merge sebelumnya."
    )
    try:  # screened and size-checked like any input: a hostile file must not reach calamine unchecked
        _, sheets = read_sheets(path, lambda names: [n for n in names if n == TRAIL_SHEET])
    except UnreadableWorkbook as exc:
        raise TrailError(f"Hasil sebelumnya {exc}") from exc
    if TRAIL_SHEET not in sheets:
        raise TrailError(not_ours)
    rows = sheets[TRAIL_SHEET]
    if len(rows) <= TRAIL_DATA_ROW or not rows[0] or rows[0][0] != TRAIL_MARK:
        raise TrailError(not_ours)
    try:
        return _parse_trail("".join(str(r[0]) for r in rows[TRAIL_DATA_ROW:] if r and r[0]))
    except (ValueError, KeyError, TypeError) as exc:
        raise TrailError(f"Lembar {TRAIL_SHEET} di '{path.name}' rusak atau diubah; tidak dapat dibandingkan.") from exc


def _parse_trail(text: str) -> Trail:
    import json

    data = json.loads(text)
    values = {c: [str(v) for v in data["nilai"][c]] for c in VALUE_COLUMNS}
    if len({len(v) for v in values.values()}) > 1:
        raise ValueError("columns of unequal length")
    fields = ("code", "message", "file", "sheet", "cell", "kode", "expected", "actual", "bidang", "hint")
    findings = [
        Finding(**{k: str(d.get(k, "")) for k in fields}, severity=Severity(d.get("severity", "error")))  # type: ignore[arg-type]
        for d in data["temuan"]
    ]
    files = [{k: str(f.get(k, "")) for k in ("file", "bidang", "sha256")} for f in data["berkas"]]
    return Trail(str(data["instansi"]), str(data["tahun"]), values, findings, files)


def same_report(trail: Trail, master: Master) -> None:
    """The earlier result must be of this master's instansi and year."""
    from lkjip_xl.intake.table import normalise_label

    inst = master.instansi
    if trail.tahun != str(inst.tahun) or normalise_label(trail.instansi) != normalise_label(inst.nama):
        raise TrailError(
            f"Hasil sebelumnya untuk {trail.instansi} tahun {trail.tahun}, master untuk {inst.nama} tahun {inst.tahun}: "
            "tidak dapat dibandingkan. Pilih hasil merge tahun dan instansi yang sama."
        )


def _frame(rows: list[dict[str, str]], columns: tuple[str, ...]) -> Any:
    import polars as pl

    return pl.DataFrame({c: [r.get(c, "") for r in rows] for c in columns}, schema=dict.fromkeys(columns, pl.Utf8))


def compare(before: Trail, after: Trail) -> Changes:
    """Findings fixed / new / still open (by bidang, code, sheet, cell, kode), values changed (by bidang, sheet,
    kode, column: a file renamed on resubmission is the same file), and files whose bytes did not change."""
    import polars as pl

    old_f = _frame([{**f.to_dict(), "i": str(i)} for i, f in enumerate(before.findings)], (*FINDING_KEY, "i"))
    new_f = _frame([{**f.to_dict(), "i": str(i)} for i, f in enumerate(after.findings)], (*FINDING_KEY, "i"))
    fixed = old_f.join(new_f, on=list(FINDING_KEY), how="anti", nulls_equal=True)["i"].to_list()
    new = new_f.join(old_f, on=list(FINDING_KEY), how="anti", nulls_equal=True)["i"].to_list()
    still = new_f.join(old_f, on=list(FINDING_KEY), how="semi", nulls_equal=True)["i"].to_list()
    schema = dict.fromkeys(VALUE_COLUMNS, pl.Utf8)
    old_v = pl.DataFrame(before.values, schema=schema).unique(subset=list(VALUE_KEY), keep="first", maintain_order=True)
    new_v = pl.DataFrame(after.values, schema=schema).unique(subset=list(VALUE_KEY), keep="first", maintain_order=True)
    joined = old_v.join(new_v, on=list(VALUE_KEY), how="full", suffix="_new", coalesce=True, nulls_equal=True)
    changed = joined.filter(pl.col("value").fill_null("") != pl.col("value_new").fill_null("")).sort(list(VALUE_KEY))
    values = [
        ValueChange(
            r["bidang"],
            r["file_new"] or r["file"],
            r["sheet"],
            r["cell_new"] or r["cell"],
            r["kode"],
            r["column"],
            r["value"] or "",
            r["value_new"] or "",
        )
        for r in changed.iter_rows(named=True)
    ]
    old_sha = {(f["bidang"], f["sha256"]) for f in before.files if f["sha256"]}
    unchanged = sorted((f["bidang"], f["file"]) for f in after.files if f["sha256"] and (f["bidang"], f["sha256"]) in old_sha)
    return Changes(
        fixed=sort_findings([before.findings[int(i)] for i in fixed]),
        new=sort_findings([after.findings[int(i)] for i in new]),
        open=sort_findings([after.findings[int(i)] for i in still]),
        values=values,
        unchanged=unchanged,
    )
