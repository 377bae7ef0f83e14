"""Indonesian/English number text → exact Decimal values, and Indonesian display of numbers."""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from enum import StrEnum


class Status(StrEnum):
    BLANK = "blank"  # empty cell: not zero
    NUMBER = "number"  # a real number cell
    TEXT = "text"  # text that could be read as a number (warn how)
    BAD_TEXT = "bad_text"  # text that is not a number (error)
    NOT_FINITE = "not_finite"
    DATE = "date"
    BOOL = "bool"


@dataclass(frozen=True)
class Parsed:
    """The outcome of reading one cell as a number."""

    status: Status
    value: Decimal | None = None
    raw: str = ""

    @property
    def ok(self) -> bool:
        return self.value is not None


_UNIT_TAIL = re.compile(r"^(?P<num>.*?[\d)])\s*(?P<unit>[A-Za-z][A-Za-z .]{0,39})$")  # `3 KK`, not `9` + a page of prose
_NOT_FINITE_TEXT = re.compile(r"[+-]?(nan|inf|infinity|∞)", re.IGNORECASE)
_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_DIGITS = re.compile(r"^\d+$")
_SPACE_THOUSANDS = re.compile(r"(?<=\d) +(?=\d{3}(?!\d))")
_DIGIT_SPACE_DIGIT = re.compile(r"\d +\d")
_NIL = frozenset({"-", "--", "–", "—"})
_NIL_CENTS = re.compile(r"[.,]\s*-+$")  # `40.103.050,-`: the Indonesian "no cents" dash
# spaces people (and word processors) put between thousands: no-break, narrow no-break, thin, figure
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
MAX_ABS = Decimal("1e15")  # ~ a thousand trillion rupiah: anything larger is not a real figure


def parse_cell(raw: object, money: bool = False) -> Parsed:
    """Read a cell value (as python-calamine returns it) as an exact Decimal; `money` columns never
    have three decimals, so there `2,500` is two thousand five hundred."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return Parsed(Status.BLANK)
    if isinstance(raw, bool):
        return Parsed(Status.BOOL, raw=str(raw))
    if isinstance(raw, (_dt.date, _dt.time, _dt.timedelta)):
        return Parsed(Status.DATE, raw=str(raw))
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return Parsed(Status.NOT_FINITE, raw=repr(raw))
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        if _too_large(value):
            return Parsed(Status.NOT_FINITE, raw=repr(raw))
        return Parsed(Status.NUMBER, value + 0, raw=repr(raw))  # +0 turns -0 into 0
    text = str(raw)
    read = parse_text(text, money)
    if read is None:
        return Parsed(Status.NOT_FINITE if _NOT_FINITE_TEXT.fullmatch(text.strip()) else Status.BAD_TEXT, raw=text)
    if _too_large(read):
        return Parsed(Status.NOT_FINITE, raw=text)
    return Parsed(Status.TEXT, read, raw=text)


def _too_large(value: Decimal) -> bool:
    """Beyond any real figure; `1e999999999999999999` is caught by its exponent (abs() of it raises Overflow)."""
    return value.adjusted() > MAX_ABS.adjusted() or abs(value) > MAX_ABS


def parse_text(text: str, money: bool = False) -> Decimal | None:
    """Parse `446.930.000`, `2,432,341,000`, `97,08`, `87.37%`, `Rp 1.234.567,00`, `Rp. 40.103.050,-`,
    `40 103 050` (any kind of space between thousands), `3.160 orang`.

    Returns None when the text is not a number or is ambiguous beyond reasonable reading
    (e.g. `7.799.539.00`, a malformed total).
    """
    s = text.translate(_SPACES).strip().replace("\u2212", "-")
    s = _CURRENCY.sub("", s)
    s = _NIL_CENTS.sub("", s).rstrip()
    if money and s in _NIL:
        return Decimal(0)  # `-`, `Rp. -,-`: nihil, as Indonesian financial tables write a zero amount
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    if s.startswith("-"):
        negative, s = True, s[1:].strip()
    elif s.startswith("+"):
        s = s[1:].strip()
    s = _CURRENCY.sub("", s)
    if s.endswith("%"):
        s = s[:-1].strip()
    m = _UNIT_TAIL.match(s)
    if m and not _looks_like_exponent(s):
        s = m.group("num").strip()
    s = _SPACE_THOUSANDS.sub("", s)  # `40 103 050`: a space between thousands, each group three digits
    if _DIGIT_SPACE_DIGIT.search(s):
        return None  # `40 10 050`: not a way of writing one number
    s = s.replace(" ", "")
    number = _parse_plain(s, money)
    if number is None:
        return None
    return -number if negative else number


def _looks_like_exponent(s: str) -> bool:
    return bool(re.fullmatch(r"\d+(\.\d+)?[eE][+-]?\d+", s))


def _parse_plain(s: str, money: bool = False) -> Decimal | None:
    if not s:
        return None
    if _looks_like_exponent(s):
        try:
            return Decimal(s)
        except InvalidOperation:
            return None
    if not re.fullmatch(r"[\d.,]+", s) or not s[0].isdigit() or not s[-1].isdigit():
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thou = "," if dec == "." else "."
        if s.count(dec) != 1:
            return None
        int_part, frac = s.split(dec)
        return _join(int_part, thou, frac)
    if not dots and not commas:
        return Decimal(s)
    sep = "." if dots else ","
    parts = s.split(sep)
    if len(parts) > 2:
        return _join(s, sep, "")  # only thousands separators: every group must have 3 digits
    int_part, frac = parts
    if len(frac) == 3 and (sep == "." or money):
        # `1.749`, `3.160`: Indonesian thousands (the dominant convention in these files); in a
        # Rupiah column `2,500` cannot be a decimal either.
        return _join(s, sep, "")
    return _join(int_part, "", frac)


def _join(int_part: str, thou: str, frac: str) -> Decimal | None:
    groups = int_part.split(thou) if thou else [int_part]
    if not groups[0] or len(groups[0]) > (3 if len(groups) > 1 else 30):
        return None
    if any(len(g) != 3 for g in groups[1:]) or not all(_DIGITS.match(g) for g in groups):
        return None
    if frac and not _DIGITS.match(frac):
        return None
    return Decimal("".join(groups) + ("." + frac if frac else ""))


def to_rupiah(value: Decimal) -> tuple[int, bool]:
    """Whole rupiah, rounded half up; the flag says a fraction was dropped."""
    whole = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(whole), whole != value


def round_half_up(value: float | Decimal, decimals: int = 2) -> Decimal:
    """Round as a person does (2.675 → 2.68), not as binary floats do."""
    d = value if isinstance(value, Decimal) else Decimal(repr(value))
    # quantize needs room for every digit of the result: the default 28 digits refuse 1e28 and beyond
    digits = max(d.adjusted(), 0) + decimals + 2 if d.is_finite() else 28
    return d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=Context(prec=max(28, digits)))


def decimals_of(value: Decimal) -> int:
    """Number of decimals a stated value carries (97.08 → 2, 60 → 0)."""
    exp = value.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def format_id(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """Indonesian display: 1.234.567,89."""
    if value is None:
        return ""
    d = round_half_up(
        value if isinstance(value, Decimal) else Decimal(repr(value)) if isinstance(value, float) else Decimal(value), decimals
    )
    sign = "-" if d < 0 else ""
    int_part, _, frac = f"{d.copy_abs():f}".partition(".")  # copy_abs: abs() would round to 28 digits
    grouped = f"{int(int_part):,}".replace(",", ".")
    return f"{sign}{grouped},{frac}" if decimals else f"{sign}{grouped}"


def format_pct(value: float | Decimal | None) -> str:
    """A percent-unit value as `107,01 %`."""
    return "" if value is None else f"{format_id(value, 2)} %"
