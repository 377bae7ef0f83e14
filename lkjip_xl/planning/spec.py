"""The declarative column specs (schemas/*.toml) that drive templates, readers and pandera schemas."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache

from lkjip_xl.resources import data_dir

PERCENT, MONEY, DECIMAL, TEXT, INTEGER = "percent", "money", "decimal", "text", "integer"
NUMERIC_TYPES = frozenset({PERCENT, MONEY, DECIMAL, INTEGER})


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str
    role: str = "planning"
    aliases: tuple[str, ...] = ()
    width: int = 14
    note: str = ""
    required: bool = False

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    @property
    def names(self) -> frozenset[str]:
        """The normalised label and aliases this column is recognised by."""
        return _names(self.label, self.aliases)

    def matches(self, header: str) -> bool:
        return normalise_label(header) in self.names


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]
    key: str = ""
    kind: str = "table"
    required: bool = True

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


@dataclass(frozen=True)
class BidangSpec:
    template_version: str
    metadata_sheet: str
    instructions_sheet: str
    kinerja: SheetSpec
    anggaran: SheetSpec
    sdm: SheetSpec
    sdm_rows: SdmRows


SDM_GROUPS = ("jabatan", "golongan", "pendidikan")
SDM_TITLES = {"jabatan": "Jabatan", "golongan": "Golongan/Ruang", "pendidikan": "Tingkat Pendidikan"}


@dataclass(frozen=True)
class SdmRows:
    """The SDM sheet's default rows per breakdown, and which bidang's template carries it."""

    bidang: str
    rows: dict[str, tuple[str, ...]]


@cache
def _names(label: str, aliases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalise_label(x) for x in (label, *aliases))


@lru_cache(maxsize=4096)  # the same header labels come back in every file
def normalise_label(text: str) -> str:
    """Header matching ignores case, spacing, line breaks and a trailing colon."""
    return " ".join(str(text).replace("\n", " ").lower().split()).rstrip(":").strip()


def _sheet(raw: dict[str, object]) -> SheetSpec:
    cols = tuple(
        Column(
            key=c["key"],
            label=c["label"],
            type=c["type"],
            role=c.get("role", "planning"),
            aliases=tuple(c.get("aliases", ())),
            width=int(c.get("width", 14)),
            note=c.get("note", ""),
            required=bool(c.get("required", False)),
        )
        for c in raw["columns"]  # type: ignore[attr-defined]
    )
    return SheetSpec(
        name=str(raw["name"]),
        columns=cols,
        key=str(raw.get("key", "")),
        kind=str(raw.get("kind", "table")),
        required=bool(raw.get("required", True)),
    )


@cache
def bidang_spec() -> BidangSpec:
    with open(data_dir("schemas") / "bidang.toml", "rb") as fh:
        raw = tomllib.load(fh)
    sheets = {s["name"]: _sheet(s) for s in raw["sheets"]}
    return BidangSpec(
        template_version=str(raw["template_version"]),
        metadata_sheet=raw["metadata_sheet"],
        instructions_sheet=raw["instructions_sheet"],
        kinerja=sheets["Kinerja"],
        anggaran=sheets["Anggaran"],
        sdm=sheets["SDM"],
        sdm_rows=SdmRows(str(raw["sdm"]["sdm_bidang"]), {g: tuple(str(x) for x in raw["sdm"][g]) for g in SDM_GROUPS}),
    )


@cache
def master_spec() -> dict[str, SheetSpec]:
    with open(data_dir("schemas") / "master.toml", "rb") as fh:
        raw = tomllib.load(fh)
    return {s["name"]: _sheet(s) for s in raw["sheets"]}
