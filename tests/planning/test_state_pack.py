"""The packed state: what a result keeps for the next run comes back exactly, in cells Excel can hold."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lkjip_xl.planning.state_pack import CHUNK, PackedStateError, pack_state, unpack_state


def test_values_and_master_sheets_come_back_as_their_cells_held_them() -> None:
    values = {("indikator", f"I{i}"): (i * 1.5, None, 3.0, None) for i in range(5000)}
    master = {
        "Anggaran": [["Kode", "Anggaran (Rp)"], *[[f"1.{i:04d}", 1_000_000 + i] for i in range(5000)]],
        "Indikator": [["Kode", "Target"], ["I1", Decimal("97.5")], ["I2", None], ["Ü ñ \u2013 \U0001f600", ""]],
    }
    chunks = pack_state(values, master)
    assert len(chunks) > 1
    assert all(len(c) <= CHUNK and c.isascii() for c in chunks)  # one Excel cell each (32.767 at most)
    got_values, got_master = unpack_state(chunks)
    assert got_values == values
    assert got_master["Anggaran"][1] == ["1.0000", 1_000_000.0]
    assert got_master["Indikator"][1:] == [["I1", 97.5], ["I2", None], ["Ü ñ \u2013 \U0001f600", None]]


@pytest.mark.parametrize(
    "chunks",
    [
        ["{"],
        ["[]"],
        ['{"values": [], "master": []}'],
        ['{"values": [["x"]], "master": {}}'],
        ['{"values": [["a","b","1"]], "master": {}}'],
        ['{"values": [], "master": {"A": [[{}]]}}'],
        ['{"values": [["a","b",NaN]], "master": {}}'],
        ['{"values": [["a","b",1e400]], "master": {}}'],
    ],
)
def test_anything_else_is_refused(chunks: list[str]) -> None:
    with pytest.raises(PackedStateError):
        unpack_state(chunks)
