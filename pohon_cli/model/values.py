"""The values a pohon file holds, and how text written in the file becomes them.

Kodes and texts (a number written without quotes is the text as written), years, flags,
targets and realisations (a number, a text, a range, or quarters), scales; and the
arithmetic that makes a year's realisasi or target from its quarters. No I/O, no models.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints, ValidationInfo, WithJsonSchema

from pohon_cli.i18n import _, n_
from pohon_cli.model.numbers import plain_number


def number_text(value: Decimal) -> str:
    """A number as its digits, as written: ``1.10`` stays ``1.10``, and ``0.0000001`` never
    becomes the ``1E-7`` that ``str()`` writes (which would read back as text)."""
    return format(value, "f")


def value_text(value: Decimal | str | tuple[Decimal, Decimal]) -> str:
    """A target, baseline or realisation as the file writes it: ``1.10``, ``WTP``, ``[80, 90]``."""
    if isinstance(value, tuple):
        return f"[{number_text(value[0])}, {number_text(value[1])}]"
    if isinstance(value, Decimal):
        return number_text(value)
    return value


def _as_text(value: Any) -> Any:
    """A number written without quotes, where text is expected, is the text as written."""
    if isinstance(value, Decimal):
        return number_text(value)
    return value


def _as_year(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(_("a year is four digits, e.g. 2024"))
    if isinstance(value, int | Decimal) and value == int(value) and 1000 <= value <= 9999:
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}", value):
        return int(value)
    raise ValueError(_("a year is four digits, e.g. 2024"))


def _as_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ValueError(_("write true or false"))


def _as_value(value: Any) -> Any:
    """A target, baseline or realisation: a number, a text, or a range [low, high]."""
    if isinstance(value, Decimal | str) and not isinstance(value, bool):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, list | tuple):
        if len(value) == 2 and all(isinstance(v, Decimal) for v in value):
            low, high = value
            if low > high:
                raise ValueError(
                    _(
                        "a range is [low, high]: {low} is above {high}",
                        low=number_text(low),
                        high=number_text(high),
                    )
                )
            return (low, high)
        raise ValueError(_("a range is two numbers [low, high], e.g. [80, 90]"))
    if value is None:
        raise ValueError(_("the value is empty: write a number or a text, or remove the year"))
    raise ValueError(_("write a number, a text, or a range [low, high]"))


def _as_actual(value: Any) -> Any:
    """A realisasi of one year: a value, or a mapping of quarters ``{tw1: 10, tw2: 12}``.

    Checked here, in one place, so that a mistake gets one clear message rather than one
    per member of the union."""
    return _value_or_quarters(value, "realisasi")


def _as_planned(value: Any, info: ValidationInfo) -> Any:
    """A target of one year: a value, or quarters as a realisasi is (a Perjanjian Kinerja's
    target triwulan). Quarters need the indicator's ``konsolidasi``, and plan the whole
    year, so that every year written has one target: all four quarters (tw4 for
    ``terakhir``). The indicator declares ``konsolidasi`` before its targets are read."""
    found = _value_or_quarters(value, "target")
    if not isinstance(found, dict) or "consolidation" not in info.data:
        return found  # a konsolidasi of the wrong kind has its own message
    how = info.data["consolidation"]
    if how is None:
        raise ValueError(
            _(
                "quarters (tw1..tw4) need `konsolidasi` on the indicator: "
                "jumlah (sum), rata_rata (average) or terakhir (the last quarter)"
            )
        )
    if combine(found, how, complete=True) is None:
        if how == "terakhir":
            raise ValueError(
                _(
                    "a target written per quarter plans the whole year, and with "
                    "`konsolidasi: terakhir` the year's target is tw4's: tw4 is missing; "
                    "write tw4, or one value for the year"
                )
            )
        absent = [q for q in QUARTERS if q not in found]
        raise ValueError(
            n_(
                "a target written per quarter plans the whole year: {quarters} is missing; "
                "write tw1..tw4, or one value for the year",
                "a target written per quarter plans the whole year: {quarters} are missing; "
                "write tw1..tw4, or one value for the year",
                len(absent),
                quarters=", ".join(absent),
            )
        )
    return found


def _value_or_quarters(value: Any, what: str) -> Any:
    """A value, or a mapping of quarters with a number each; ``what`` names it."""
    if not isinstance(value, dict):
        return _as_value(value)
    if not value:
        raise ValueError(_("no quarter is written: write tw1..tw4, or one value for the year"))
    found: dict[str, Decimal] = {}
    wrong: list[str] = []
    for key, quarter_value in value.items():
        name = str(key)
        if name not in QUARTERS:
            wrong.append(f"`{name}`")
            continue
        if quarter_value is None:
            raise ValueError(
                _("{quarter} is empty: write a number, or leave the quarter out", quarter=name)
            )
        if not isinstance(quarter_value, Decimal):
            kind = (
                _("a list")
                if isinstance(quarter_value, list | tuple)
                else _("a mapping")
                if isinstance(quarter_value, dict)
                else _("the text `{text}`", text=str(quarter_value)[:40])
            )
            raise ValueError(
                _(
                    "{quarter}: a quarter's {what} is a number, not {value}",
                    quarter=name,
                    what=what,
                    value=kind,
                )
            )
        found[name] = quarter_value
    if wrong:
        raise ValueError(
            n_(
                "{keys} is not a quarter (triwulan): write tw1, tw2, tw3 or tw4, in small letters",
                "{keys} are not quarters (triwulan): write tw1, tw2, tw3 or tw4, in small letters",
                len(wrong),
                keys=", ".join(wrong),
            )
        )
    return {q: found[q] for q in QUARTERS if q in found}


def _as_amount(value: Any) -> Any:
    """A pagu or a realisasi anggaran in rupiah: one number, zero or more, as written.

    Money is counted, never measured: no text, no range and no quarters (a year's amount is
    written once). ``31.704.046.735`` (thousands dots) is text to YAML: the message gives
    the digits to write."""
    if isinstance(value, Decimal):
        if value < 0:
            raise ValueError(
                _("an amount in rupiah cannot be negative: {number}", number=number_text(value))
            )
        return value
    if isinstance(value, str):
        bare = re.sub(r"^Rp\.?\s*", "", value.strip())
        digits = plain_number(bare, whole=True)
        if digits is not None:
            raise ValueError(
                _(
                    "`{value}` is text (YAML reads no thousands dots, decimal commas or `Rp`): "
                    "write the rupiah as digits, {digits}",
                    value=value,
                    digits=digits,
                )
            )
        raise ValueError(
            _("an amount in rupiah is a number, not the text `{text}`", text=value[:40])
        )
    if value is None:
        raise ValueError(_("the amount is empty: write a number in rupiah, or remove the year"))
    if isinstance(value, dict):
        raise ValueError(_("an amount is written once for the year, not per quarter"))
    if isinstance(value, list | tuple):
        raise ValueError(_("an amount is one number in rupiah, not a range or a list"))
    raise ValueError(_("an amount in rupiah is a number"))


def _as_owners(value: Any) -> Any:
    """``penanggung_jawab``: one unit kode, or a list of them with the lead first.

    One kode is a list of one, so every consumer reads the same tuple; the kodes
    themselves are checked as kodes afterwards, each at its place in the list."""
    if value is None:
        return ()
    if isinstance(value, dict):
        raise ValueError(
            _(
                "write a unit kode, or a list of unit kodes with the lead first "
                "([LEAD, OTHER]), not a mapping"
            )
        )
    if not isinstance(value, list | tuple):
        return (value,)
    if not value:
        raise ValueError(
            _("the list names no unit: write a unit kode, or leave `penanggung_jawab` out")
        )
    kodes = [number_text(v) if isinstance(v, Decimal) else v for v in value]
    twice = [v for i, v in enumerate(kodes) if isinstance(v, str) and v in kodes[:i]]
    if twice:
        raise ValueError(
            _(
                "the unit `{kode}` is named twice: name each unit once, the lead first",
                kode=twice[0],
            )
        )
    return tuple(value)


def _as_scale(value: Any) -> Any:
    """An ordered scale of text values, worst first: ``[TMP, TW, WDP, WTP]``."""
    if not isinstance(value, list | tuple):
        raise ValueError(_("a scale is a list of values, worst first, e.g. [TMP, TW, WDP, WTP]"))
    steps = [number_text(v) if isinstance(v, Decimal) else v for v in value]
    if len(steps) < 2 or not all(isinstance(v, str) and v.strip() for v in steps):
        raise ValueError(_("a scale lists at least two values (texts), worst first"))
    twice = sorted({v for i, v in enumerate(steps) if v in steps[:i]})
    if twice:
        raise ValueError(_("a value is on the scale twice: {values}", values=", ".join(twice)))
    return tuple(steps)


Text = Annotated[str, BeforeValidator(_as_text)]
Kode = Annotated[
    str,
    BeforeValidator(_as_text),
    StringConstraints(min_length=1, max_length=200, pattern=r"^\S(?:.*\S)?$"),
]
Year = Annotated[int, BeforeValidator(_as_year)]
# The accountable units, lead first: `penanggung_jawab: A` or `[A, B]` (never empty).
Owners = Annotated[
    tuple[Kode, ...],
    BeforeValidator(
        _as_owners,
        json_schema_input_type=Kode
        | Annotated[list[Kode], Field(min_length=1, json_schema_extra={"uniqueItems": True})]
        | None,
    ),
]
Flag = Annotated[bool, BeforeValidator(_as_bool)]
Number = Decimal
Range = tuple[Decimal, Decimal]
Value = Annotated[Decimal | str | Range, BeforeValidator(_as_value)]
Polarity = Literal["naik", "turun", "stabil"]


# How views and sheets mark a polaritas the file does not write (see Indicator.polarity_for).
ASSUMED = " (assumed)"


def polarity_label(polarity: Polarity, written: bool) -> str:
    """A polaritas as printed: ``naik``, or ``naik (assumed)`` when the file does not say
    it, so nobody takes pohon's reading for the file's."""
    return polarity if written else _("{polarity} (assumed)", polarity=polarity)


Quarter = Literal["tw1", "tw2", "tw3", "tw4"]
QUARTERS: tuple[Quarter, ...] = ("tw1", "tw2", "tw3", "tw4")
# the realisasi or target of a year written per quarter (triwulan), in quarter order
Quarters = dict[Quarter, Decimal]
Consolidation = Literal["jumlah", "rata_rata", "terakhir"]
# how a parent's target is split among the child offices that carry the indicator
Split = Literal["jumlah", "rata_rata"]


def overall_polarity(written: Polarity | None, targets: dict[int, Value]) -> Polarity:
    """``Indicator.overall_polarity`` of a polaritas as written and the year's targets."""
    if written is not None:
        return written
    numbers = [v for v in targets.values() if not isinstance(v, str)]
    return "stabil" if numbers and all(isinstance(v, tuple) for v in numbers) else "naik"


def value_kinds(
    targets: dict[int, Value], actuals: dict[int, Value], baseline: Value | None
) -> frozenset[type]:
    """``Indicator.value_kinds`` of its targets, actuals and baseline."""
    kinds = {type(v) for v in targets.values()}
    kinds.update(type(v) for v in actuals.values())
    if baseline is not None:
        kinds.add(type(baseline))
    found = frozenset(kinds)
    # one set object per combination (a handful), not one per indicator
    return _KINDS.setdefault(found, found)


_KINDS: dict[frozenset[type], frozenset[type]] = {}


# in the JSON Schema as pohon reads them: tw1..tw4, each a number, at least one
_QUARTERS_SCHEMA = WithJsonSchema(
    {
        "type": "object",
        "propertyNames": {"enum": list(QUARTERS)},
        "additionalProperties": {"type": "number"},
        "minProperties": 1,
    }
)
_WrittenQuarters = Annotated[Quarters, _QUARTERS_SCHEMA]
Actual = Annotated[Decimal | str | Range | _WrittenQuarters, BeforeValidator(_as_actual)]
# a target of one year: a value, or quarters (a target triwulan), as a realisasi is
Planned = Annotated[Decimal | str | Range | _WrittenQuarters, BeforeValidator(_as_planned)]
Scale = Annotated[tuple[str, ...], BeforeValidator(_as_scale)]
# rupiah, zero or more, with the digits as written (a pagu, a realisasi anggaran)
Amount = Annotated[
    Decimal, BeforeValidator(_as_amount), WithJsonSchema({"type": "number", "minimum": 0})
]
ResultKind = Literal["dampak", "outcome", "intermediate_outcome", "output"]

# An explicit context: an average never depends on the caller's decimal settings.
_QUARTER_CONTEXT = Context(prec=28)


def combine(
    quarters: Quarters, how: Consolidation | None, *, complete: bool = False
) -> Decimal | None:
    """The year's realisasi from its quarters, as ``konsolidasi`` says: ``jumlah`` the sum,
    ``rata_rata`` the average, ``terakhir`` the last quarter written.

    A missing quarter is missing, never zero: with ``complete``, None unless the year is
    whole (all four quarters; for ``terakhir``, tw4); otherwise the quarters written so far,
    and None when one is missing between them (tw1 and tw3 without tw2)."""
    if how is None or not quarters:
        return None
    written = [q for q in QUARTERS if q in quarters]
    if how == "terakhir":
        if complete and "tw4" not in quarters:
            return None
        return quarters[written[-1]]
    if written != list(QUARTERS[: len(written)]) or (complete and len(written) < 4):
        return None
    total = Decimal(0)
    for quarter in written:
        total = _QUARTER_CONTEXT.add(total, quarters[quarter])
    if how == "jumlah":
        return total
    return _QUARTER_CONTEXT.divide(total, Decimal(len(written)))
