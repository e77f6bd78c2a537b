"""Achievement (*capaian*): how far a realisation reaches its target, in percent.

Pure arithmetic on the values of the file; no rounding, capping or rating bands here
(callers round for display). The formulas, with the choices where sources disagree:

- ``naik`` (higher is better): realisasi / target × 100.
- ``turun`` (lower is better): (1 + (1 − realisasi / target)) × 100, as PermenPAN-RB
  6/2022 writes it (target 7, realisasi 6.5 → 107.14...).
- a range target ``[low, high]``: 100 inside the range; outside it, against the nearer
  bound (the lower when below, the upper when above), with the formula of the polaritas,
  as PermenPAN-RB 6/2022 does for ranges: a ``naik`` indicator above its range reaches
  more than 100 (92 against [80, 90] is 102.2), a ``turun`` one below it too (6.5 against
  [7, 8] is 107.1). ``stabil`` (a range is best) loses on both sides: below as ``naik``,
  above as ``turun``. A ``stabil`` indicator with a single number is the range ``[n, n]``.
- no number at all (``None``) when there is nothing honest to compute: a text target or
  realisation (an audit opinion such as ``WTP``), a range as realisation, or a target of
  zero or below (the formulas assume positive targets). A realisation equal to its target
  is 100 in every case, so a target of 0 met exactly is still 100. ``explain`` says why
  there is no number, and compares text targets on an ordered scale (``on_scale``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal

from pohon_cli.i18n import _
from pohon_cli.model import Polarity, Value, number_text, value_text

# An explicit context: the result never depends on the caller's decimal settings.
# exponents as wide as Decimal allows: a realisasi of a million digits must not overflow
_CONTEXT = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN)
_HUNDRED = Decimal(100)
_TWO = Decimal(2)


def capaian(target: Value, realisasi: Value, polaritas: Polarity = "naik") -> Decimal | None:
    """The achievement of ``realisasi`` against ``target`` in percent, or None (see above)."""
    if isinstance(target, str) or not isinstance(realisasi, Decimal):
        return None
    if _absurd(realisasi) or _absurd(target if isinstance(target, tuple) else (target,)):
        return None
    if isinstance(target, tuple):
        return _against_range(target, realisasi, polaritas)
    if polaritas == "stabil":
        return _against_range((target, target), realisasi, polaritas)
    if realisasi == target:
        return _HUNDRED
    if polaritas == "turun":
        return _lower_is_better(target, realisasi)
    return _higher_is_better(target, realisasi)


def _absurd(values: Decimal | tuple[Decimal, ...]) -> bool:
    """A number beyond 10^100 measures nothing a plan holds: no achievement is computed
    (and none of a million digits is printed)."""
    items = values if isinstance(values, tuple) else (values,)
    return any(v.is_finite() and v != 0 and abs(v.adjusted()) > 100 for v in items)


def rounded(value: Decimal, places: int = 1) -> Decimal:
    """``value`` to ``places`` decimals, halves away from zero (107.15 → 107.2), as people
    round by hand and spreadsheets show."""
    # enough digits for any size: quantize fails when the result outgrows the precision
    context = Context(prec=max(28, value.adjusted() + places + 2), Emax=MAX_EMAX, Emin=MIN_EMIN)
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


def _against_range(
    target: tuple[Decimal, Decimal], realisasi: Decimal, polaritas: Polarity
) -> Decimal | None:
    low, high = target
    if low <= realisasi <= high:
        return _HUNDRED
    if realisasi < low:
        if polaritas == "turun":
            return _lower_is_better(low, realisasi)
        return _higher_is_better(low, realisasi)
    if polaritas == "naik":
        return _higher_is_better(high, realisasi)
    return _lower_is_better(high, realisasi)


# -- why there is no number, text scales, capping ------------------------------------------


@dataclass(frozen=True, slots=True)
class NoCapaian:
    """Why an indicator with a target and a realisation has no achievement."""

    reason: str


def explain(
    target: Value,
    realisasi: Value,
    polaritas: Polarity = "naik",
    scale: Sequence[str] | None = None,
) -> Decimal | NoCapaian:
    """The achievement in percent, as ``capaian`` computes it, or the reason there is
    none; a text target is compared on ``scale`` (its satuan's, worst first)."""
    if isinstance(target, str):
        if scale is None:
            return NoCapaian(
                _(
                    "the target `{target}` is text: declare the order of its values "
                    "(skala: {{satuan: [worst, ..., best]}}) to compare it",
                    target=target,
                )
            )
        if not isinstance(realisasi, str):
            return NoCapaian(
                _("the target `{target}` is text but the realisasi is a number", target=target)
            )
        return on_scale(target, realisasi, scale)
    if isinstance(realisasi, str):
        return NoCapaian(
            _(
                "the realisasi `{realisasi}` is text but the target is a number",
                realisasi=realisasi,
            )
        )
    if isinstance(realisasi, tuple):
        return NoCapaian(_("a realisasi is one value, not a range"))
    value = capaian(target, realisasi, polaritas)
    if value is not None:
        return value
    if isinstance(target, tuple):
        low, high = target
        bound = low if realisasi < low else high
        return NoCapaian(
            _(
                "the realisasi {realisasi} is outside the range {range} and its nearer "
                "bound is {bound}: the formulas divide by a positive bound",
                realisasi=number_text(realisasi),
                range=value_text(target),
                bound=number_text(bound),
            )
        )
    if target == 0:
        return NoCapaian(
            _(
                "the target is 0: realisasi / target divides by zero (the realisasi is "
                "{realisasi}); only a realisasi of exactly 0 meets it",
                realisasi=number_text(realisasi),
            )
        )
    return NoCapaian(
        _(
            "the target {target} is below zero: the formulas need a positive target",
            target=number_text(target),
        )
    )


def on_scale(target: str, realisasi: str, scale: Sequence[str]) -> Decimal | NoCapaian:
    """A text target on an ordered scale (worst first): reaching the target or above is
    100; below it, the position of the realisasi over the target's, counting from 1 at
    the worst value (WDP against WTP on [TMP, TW, WDP, WTP] is 3 / 4 = 75)."""
    shown = ", ".join(scale)
    for value in (target, realisasi):
        if value not in scale:
            return NoCapaian(_("`{value}` is not on the scale ({shown})", value=value, shown=shown))
    reached, wanted = scale.index(realisasi) + 1, scale.index(target) + 1
    if reached >= wanted:
        return _HUNDRED
    return _CONTEXT.multiply(_CONTEXT.divide(Decimal(reached), Decimal(wanted)), _HUNDRED)


def capped(value: Decimal, cap: Decimal | None) -> Decimal:
    """The achievement that counts in averages: never below 0, never above ``cap``."""
    if value < 0:
        return Decimal(0)
    if cap is not None and value > cap:
        return cap
    return value
