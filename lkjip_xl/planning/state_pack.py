"""The packed hidden state of a result (version 2): quarter values and the master's sheets as JSON text in cells.

A result keeps what the next run needs (--sebelumnya, init --dari). Version 1 wrote it as cell tables, one hidden
sheet per master sheet: at a province's size (1.000 bidang, 14.000 master rows) that was 160.000 cells, a third of
the workbook's writing time. As text it is a few dozen cells, written and read back in milliseconds; a LibreOffice
save keeps it (tested), and Excel keeps 32.767 characters a cell, more than CHUNK. Values are exactly what the cells held: numbers as
floats (Excel has no other number), everything else as text.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

PACKED_LABEL = "Data"  # column A of the row above the packed text, in the state sheet
CHUNK = 32_000  # characters per cell: Excel keeps at most 32.767 in one cell (ASCII only, so no pair counts twice)

Values = dict[tuple[str, str], tuple[float | None, ...]]
Sheets = dict[str, list[list[Any]]]


class PackedStateError(ValueError):
    """The packed text is not a state lkjip-xl wrote (damaged, cut short, or edited by hand)."""


def _cell(value: Any) -> float | str | None:
    """A value as its cell held it: numbers as floats, blanks as None, anything else as its text."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = float(value)
        return number if math.isfinite(number) else None
    return str(value)


def _row(row: list[Any]) -> list[Any]:
    # most cells are text: kept as they are without a call each (a province's master has 150.000 of them)
    return [v if type(v) is str and v else _cell(v) for v in row]


def pack_state(values: Values, master: Sheets) -> list[str]:
    """The state as chunks of ASCII JSON text, each small enough for one Excel cell."""
    document = {
        "values": [[jenis, kode, *(_cell(v) for v in row)] for (jenis, kode), row in values.items()],
        "master": {name: [_row(row) for row in rows] for name, rows in master.items()},
    }
    return cell_chunks(document)


def cell_chunks(document: Any, allow_nan: bool = False) -> list[str]:
    """A JSON document as compact ASCII text cut into pieces one Excel cell holds (the trail and the state)."""
    text = json.dumps(document, ensure_ascii=True, separators=(",", ":"), allow_nan=allow_nan)
    return [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool))


def unpack_state(chunks: list[str]) -> tuple[Values, Sheets]:
    """The quarter values and the master's sheets from the chunks pack_state wrote; PackedStateError otherwise."""
    try:
        document = json.loads("".join(chunks))
    except (ValueError, RecursionError) as exc:  # json's own message is English: said in Indonesian instead
        raise PackedStateError("teksnya terpotong atau berubah") from exc
    if (
        not isinstance(document, dict)
        or not isinstance(document.get("values"), list)
        or not isinstance(document.get("master"), dict)
    ):
        raise PackedStateError("bagian 'values' atau 'master' tidak ada")
    values: Values = {}
    for row in document["values"]:
        if not (isinstance(row, list) and len(row) >= 2 and isinstance(row[0], str) and isinstance(row[1], str)):
            raise PackedStateError("baris nilai tidak dikenal")
        numbers = row[2:]
        if not all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)) for v in numbers):
            raise PackedStateError(f"nilai {row[1]} bukan angka")  # NaN or 1e400 included: never a quarter's value
        values[(row[0], row[1])] = tuple(None if v is None else float(v) for v in numbers)
    master: Sheets = {}
    for name, rows in document["master"].items():
        if not isinstance(rows, list) or not all(isinstance(r, list) and all(_scalar(v) for v in r) for r in rows):
            raise PackedStateError(f"lembar {name} tidak dikenal")
        master[name] = rows
    return values, master


__all__ = ["CHUNK", "PACKED_LABEL", "PackedStateError", "cell_chunks", "pack_state", "unpack_state"]
