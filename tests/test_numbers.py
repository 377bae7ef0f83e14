"""Number text as it arrives from documents: both conventions, units, currency; exact values, Indonesian display."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip_xl.numbers import Status, format_id, parse_cell, parse_text, round_half_up


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("446.930.000", "446930000"),
        ("2,432,341,000", "2432341000"),
        ("97,08", "97.08"),
        ("87.37%", "87.37"),
        ("Rp 1.234.567,00", "1234567.00"),
        ("Rp. 7.799.539,00", "7799539.00"),
        ("16,83", "16.83"),
        ("3.160 orang", "3160"),
        ("5 KK", "5"),
        ("1.749", "1749"),
        ("(1.000)", "-1000"),
        ("0,36%", "0.36"),
        ("Rp. 40.103.050,-", "40103050"),
        ("Rp40.103.050", "40103050"),
        ("40.103.050,00", "40103050.00"),
        ("40.103.050.-", "40103050"),
        ("40 103 050", "40103050"),
        ("40\u00a0103\u00a0050", "40103050"),
        ("40\u202f103\u202f050", "40103050"),
        ("40\u2009103\u2009050", "40103050"),
    ],
)
def test_published_number_styles_are_read_exactly(text: str, expected: str) -> None:
    assert parse_text(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["Rp. 7.799.539.00", "abc", "1.23.4", "", "12-3", "1,2,3", "-", "40 10 050"])
def test_malformed_or_ambiguous_text_is_not_a_number(text: str) -> None:
    assert parse_text(text) is None


@pytest.mark.parametrize("text", ["-", "Rp. -", "Rp -,-", "–"])
def test_a_dash_is_a_nil_amount_only_in_money_columns(text: str) -> None:
    assert parse_text(text, money=True) == 0
    assert parse_text(text) is None  # a dash for an indicator's realisasi is not a number


def test_three_digit_group_after_comma_is_thousands_only_in_money_columns() -> None:
    assert parse_text("2,500") == Decimal("2.500")
    assert parse_text("2,500", money=True) == Decimal(2500)


def test_cells_distinguish_blank_number_text_date_and_non_finite() -> None:
    import datetime as dt

    assert parse_cell(None).status is Status.BLANK and parse_cell("  ").status is Status.BLANK
    assert parse_cell(0.0).status is Status.NUMBER and parse_cell(0.0).value == 0
    assert parse_cell(-0.0).value == 0 and not parse_cell(-0.0).value.is_signed()  # type: ignore[union-attr]
    assert parse_cell("1.000").status is Status.TEXT
    assert parse_cell(float("nan")).status is Status.NOT_FINITE
    assert parse_cell(1e308).status is Status.NOT_FINITE
    assert parse_cell(dt.datetime(2017, 1, 1)).status is Status.DATE
    assert parse_cell(True).status is Status.BOOL


def test_indonesian_display_and_half_up_rounding() -> None:
    assert format_id(Decimal("1234567.891"), 2) == "1.234.567,89"
    assert format_id(433884867) == "433.884.867"
    assert round_half_up(2.675, 2) == Decimal("2.68")
    assert format_id(19.38 / 18.11 * 100, 2) == "107,01"


@given(st.integers(min_value=0, max_value=10**14))
def test_indonesian_display_of_any_rupiah_reads_back(value: int) -> None:
    assert parse_text(format_id(value), money=True) == value


@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**17), max_value=10**17),
        st.decimals(places=3, min_value=-(10**13), max_value=10**13, allow_nan=False).map(float),
    ),
    st.sampled_from(["money", "percent", "decimal", "integer"]),
)
def test_cell_reader_fast_path_reads_numbers_as_the_full_path(raw: float | int, typ: str) -> None:
    """Plain number cells skip the A1 reference and Parsed step; value and findings must not change."""
    from lkjip_xl.intake.table import CellReader
    from lkjip_xl.planning.spec import Column

    column = Column("x", "X", typ)
    fast = CellReader("f.xlsx", "Anggaran")
    full = CellReader("f.xlsx", "Anggaran", percent_cells=frozenset({"ZZ999"}))  # forces the full path
    a, b = fast.number(raw, 5, 4, column, "K"), full.number(raw, 5, 4, column, "K")
    assert a == b and (a is None) == (b is None)
    if a is not None and b is not None:
        assert str(a.normalize()) == str(b.normalize())
    assert [(f.code, f.cell) for f in fast.findings] == [(f.code, f.cell) for f in full.findings]


def test_format_id_shows_values_past_decimals_default_28_digits() -> None:
    # quantize in the default context refuses a result of more than 28 digits (a cell can hold 1e308)
    assert format_id(Decimal("1E+28")) == "10.000.000.000.000.000.000.000.000.000"
    assert format_id(1e30, 2).endswith(",00")
