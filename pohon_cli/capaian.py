"""Achievement (*capaian*): how far a realisation reaches its target, in percent.

Pure arithmetic on the values of the file; no rounding, capping or rating bands here
(callers round for display). The formulas, with the choices where sources disagree:

- ``naik`` (higher is better): realisasi / target × 100.
- ``turun`` (lower is better): (1 + (1 − realisasi / target)) × 100, as PermenPAN-RB
  6/2022 writes it (target 7, realisasi 6.5 → 107.14...).
- a range target ``[low, high]`` (``stabil``): 100 inside the range; below it, against
  the lower bound as ``naik``; above it, against the upper bound as ``turun``. A range is
  read this way whatever the polaritas, and a ``stabil`` indicator with a single number
  is the range ``[n, n]``.
- no number at all (``None``) when there is nothing honest to compute: a text target or
  realisation (an audit opinion such as ``WTP``), a range as realisation, or a target of
  zero or below (the formulas assume positive targets). A realisation equal to its target
  is 100 in every case, so a target of 0 met exactly is still 100.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

from pohon_cli.model import Polarity, Value

# An explicit context: the result never depends on the caller's decimal settings.
_CONTEXT = Context(prec=28)
_HUNDRED = Decimal(100)
_TWO = Decimal(2)


def capaian(target: Value, realisasi: Value, polaritas: Polarity = "naik") -> Decimal | None:
    """The achievement of ``realisasi`` against ``target`` in percent, or None (see above)."""
    if isinstance(target, str) or not isinstance(realisasi, Decimal):
        return None
    if isinstance(target, tuple):
        return _against_range(target, realisasi)
    if polaritas == "stabil":
        return _against_range((target, target), realisasi)
    if realisasi == target:
        return _HUNDRED
    if polaritas == "turun":
        return _lower_is_better(target, realisasi)
    return _higher_is_better(target, realisasi)


def rounded(value: Decimal, places: int = 1) -> Decimal:
    """``value`` to ``places`` decimals, halves away from zero (107.15 → 107.2), as people
    round by hand and spreadsheets show."""
    # enough digits for any size: quantize fails when the result outgrows the precision
    context = Context(prec=max(28, value.adjusted() + places + 2))
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=context)


def _higher_is_better(target: Decimal, realisasi: Decimal) -> Decimal | None:
    if target <= 0:
        return None
    return _CONTEXT.multiply(_CONTEXT.divide(realisasi, target), _HUNDRED)


def _lower_is_better(target: Decimal, realisasi: Decimal) -> Decimal | None:
    if target <= 0:
        return None
    ratio = _CONTEXT.divide(realisasi, target)
    return _CONTEXT.multiply(_CONTEXT.subtract(_TWO, ratio), _HUNDRED)


def _against_range(target: tuple[Decimal, Decimal], realisasi: Decimal) -> Decimal | None:
    low, high = target
    if low <= realisasi <= high:
        return _HUNDRED
    if realisasi < low:
        return _higher_is_better(low, realisasi)
    return _lower_is_better(high, realisasi)
