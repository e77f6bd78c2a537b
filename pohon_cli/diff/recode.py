"""The one re-code detector, for nodes and indicators alike: an item that vanished from
OLD and one that appeared in NEW at the same place, with nearly the same uraian, are one
item whose kode changed, not a deletion and an unrelated insertion."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

# "Nearly the same uraian": difflib's ratio on case-folded text with spaces collapsed.
RECODE_SIMILARITY = 0.8
# Fuzzy comparison is quadratic in the kodes that vanished and appeared under one parent:
# past this many pairs only identical uraian count (a parent rarely loses and gains so many).
RECODE_PAIR_LIMIT = 2_500


class Candidate(NamedTuple):
    """A node or indicator on one side only, and where it is on that side."""

    kode: str
    # The node it hangs from: a node's first parent (None for a root), an indicator's node.
    anchor: str | None
    # What must match besides the anchor: a node's jenjang; "" for indicators.
    level: str
    uraian: str


def recodes(
    vanished: Iterable[Candidate],
    appeared: Iterable[Candidate],
    anchors_recoded: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """OLD kode -> NEW kode for each vanished item that looks re-coded as an appeared one:
    the same anchor (or the anchor's new kode), the same level, nearly the same uraian.

    ``anchors_recoded`` maps re-coded anchors from their OLD kode to their NEW kode. None
    when the items anchor each other (a node hangs from a node): then each pair found
    settles an anchor for the groups after it, so a node under a re-coded parent can be
    paired too, provided ``vanished`` comes parents first (as files are written).
    """
    found: dict[str, str] = {}
    settled = found if anchors_recoded is None else anchors_recoded
    by_anchor: dict[str | None, dict[str, list[tuple[str, str]]]] = {}
    for old in vanished:
        by_level = by_anchor.setdefault(old.anchor, {})
        by_level.setdefault(old.level, []).append((old.kode, old.uraian))
    by_place: dict[tuple[str | None, str], list[tuple[str, str]]] = {}
    for new in appeared:
        by_place.setdefault((new.anchor, new.level), []).append((new.kode, new.uraian))
    # Each anchor's new kode is read when its group comes, after the groups above it.
    for anchor, by_level in by_anchor.items():
        there = None if anchor is None else settled.get(anchor, anchor)
        for level, olds in by_level.items():
            news = by_place.get((there, level))
            if news:
                found.update(_pair(olds, news))
    return found


_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _pair(olds: list[tuple[str, str]], news: list[tuple[str, str]]) -> dict[str, str]:
    """Old kode -> new kode for the (kode, uraian) pairs that look like one item re-coded:
    identical uraian first, then the most similar, each kode used once."""
    paired: dict[str, str] = {}
    taken: set[str] = set()
    by_text: dict[str, list[str]] = {}
    for kode, text in news:
        by_text.setdefault(_norm(text), []).append(kode)
    left: list[tuple[str, str]] = []
    for kode, text in olds:
        same = by_text.get(_norm(text))
        if same:
            found = same.pop(0)
            paired[kode] = found
            taken.add(found)
        else:
            left.append((kode, _norm(text)))
    right = [(k, _norm(t)) for k, t in news if k not in taken]
    if not left or not right or len(left) * len(right) > RECODE_PAIR_LIMIT:
        return paired
    scored: list[tuple[float, int, int]] = []
    for i, (_, a) in enumerate(left):
        # SequenceMatcher caches what it learns about its second text: keep it fixed
        matcher = difflib.SequenceMatcher(None, "", a, autojunk=False)
        for j, (_, b) in enumerate(right):
            matcher.set_seq1(b)
            if (
                matcher.real_quick_ratio() >= RECODE_SIMILARITY
                and matcher.quick_ratio() >= RECODE_SIMILARITY
            ):
                ratio = matcher.ratio()
                if ratio >= RECODE_SIMILARITY:
                    scored.append((-ratio, i, j))
    scored.sort()
    used_left: set[int] = set()
    used_right: set[int] = set()
    for _, i, j in scored:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        paired[left[i][0]] = right[j][0]
    return paired
