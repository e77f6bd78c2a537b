""" "Did you mean ...?" for misspelt keys, levels, kodes and filter values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from pohon_cli.i18n import _


def closest(word: str, candidates: Iterable[str], *, limit: int = 3) -> list[str]:
    """The candidates that look most like ``word``, best first (case-insensitive)."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    folded = word.casefold()
    if folded in by_folded:
        return [by_folded[folded]]
    matches = difflib.get_close_matches(folded, list(by_folded), n=limit, cutoff=0.6)
    return [by_folded[m] for m in matches]


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A hint such as "did you mean `anak`?", or None when nothing is close."""
    matches = closest(word, candidates)
    if not matches:
        return None
    quoted = [f"`{m}`" for m in matches]
    if len(quoted) == 1:
        return _("did you mean {first}?", first=quoted[0])
    if len(quoted) == 2:
        return _("did you mean {first} or {second}?", first=quoted[0], second=quoted[1])
    return _(
        "did you mean {first} or {second} or {third}?",
        first=quoted[0],
        second=quoted[1],
        third=quoted[2],
    )
