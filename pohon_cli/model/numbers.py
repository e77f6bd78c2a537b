"""Numbers written the Indonesian way, and the number a planner should write instead.

Indonesian writes a decimal comma and a thousands dot (`80,5`, `1.500`, `31.704.046.735`);
a pohon file, like YAML, reads a decimal point and no separators. Nothing here converts a
value in the tree: these functions only say, for a message, which digits to write. They
serve every place that meets such numbers (targets and their units, amounts in rupiah).
"""

from __future__ import annotations

import re
from decimal import Decimal

_SIGN = r"[-+]?"
_INTEGER = re.compile(_SIGN + r"[0-9]+")
_POINT = re.compile(_SIGN + r"[0-9]+\.[0-9]+")
_COMMA = re.compile(_SIGN + r"[0-9]+,[0-9]+")
# groups of three after the first, with dots; a decimal comma may follow
_DOTTED = re.compile(_SIGN + r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")
# English thousands: at least two commas, so that `1,500` stays a decimal comma
_ENGLISH = re.compile(_SIGN + r"[0-9]{1,3}(?:,[0-9]{3}){2,}(?:\.[0-9]+)?")
# a number whose only dot stands before exactly three digits: `1.500`, `12.000`
_ONE_GROUP = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")


def plain_number(text: str, *, whole: bool = False) -> str | None:
    """The digits to write for a number written as text: a decimal point, no separators.

    ``80,5`` → ``80.5``; ``1.500,5`` and ``1.500.000`` → ``1500.5`` and ``1500000``. A
    single dot before three digits (``1.500``) is a thousands dot only when the value
    counts ``whole`` things (a count, an amount in rupiah); otherwise it is kept, as
    written. None when the text is no number written either way."""
    body = text.strip()
    sign = "-" if body.startswith("-") else ""
    digits = body.lstrip("+-")
    if _INTEGER.fullmatch(body):
        return sign + digits
    if _DOTTED.fullmatch(body) and ("," in body or body.count(".") > 1 or whole):
        return sign + digits.replace(".", "").replace(",", ".")
    if _POINT.fullmatch(body):
        return sign + digits
    if _COMMA.fullmatch(body):
        return sign + digits.replace(",", ".")
    if _ENGLISH.fullmatch(body):
        return sign + digits.replace(",", "")
    return None


def thousands_dot(value: Decimal) -> str | None:
    """The number meant by a value written with one thousands dot (``1.500`` → ``1500``),
    where only whole numbers make sense; None for any other value (``1.5``, ``0.286``,
    ``1.10``, ``1500``). YAML reads ``1.500`` as one and a half, and the value keeps its
    digits as written, so the two are told apart."""
    written = format(value, "f")
    if not _ONE_GROUP.fullmatch(written):
        return None
    return written.replace(".", "")
