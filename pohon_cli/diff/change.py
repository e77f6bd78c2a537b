"""The Change value every comparison produces: its kinds, its items, and how a value of
the file is held in it (``Shown``), with the exact difference of two numbers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from typing import Any, Literal, TypeAlias, get_args

from pydantic import BaseModel

from pohon_cli.model import number_text

# What happened, in the order reports list it: a field of no kind of its own changed,
# a kode looks re-coded, ... ; most are named after the YAML key that changed.
Kind = Literal[
    "changed",
    "recoded",
    "added",
    "removed",
    "renamed",
    "moved",
    "jenjang",
    "penanggung_jawab",
    "satuan",
    "polaritas",
    "target",
    "baseline",
    "realisasi",
    "anggaran",
    "order",
]
# What changed: the file's own fields, a misi, a unit kerja, a node, an indicator.
Item = Literal["file", "misi", "unit", "node", "indicator"]
# A value as the file holds it: text, a number as written, a year, a flag, a range
# [low, high] or a list of kodes; None when the side has no value.
Shown: TypeAlias = str | int | bool | Decimal | tuple[str | Decimal, ...] | None

# In the order they are reported (and the markdown tables follow).
KINDS: tuple[Kind, ...] = get_args(Kind)
TOP_LEVEL: frozenset[Item] = frozenset(("file", "misi", "unit"))
KIND_RANK: dict[Kind, int] = {kind: i for i, kind in enumerate(KINDS)}
# The file's own fields before misi before unit kerja; a node's changes before its indicators'.
ITEM_RANK: dict[Item, int] = {"file": 0, "misi": 1, "unit": 2, "node": 0, "indicator": 1}


@dataclass(frozen=True, slots=True)
class Added:
    """What a reviewer needs to judge an added indicator besides its name: its satuan,
    its targets by year and the units answering for it (its own, or its node's): the
    lead, and the partners after it."""

    satuan: str | None
    targets: tuple[tuple[int, Shown], ...]
    owner: str | None
    partners: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Refusal:
    """An error the lint rules find in NEW at the line of a changed value."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between OLD and NEW.

    ``kode`` names the node, indicator, misi or unit kerja (None for the file's own
    fields); ``field`` is the YAML key that changed. ``path`` is the chain of kodes
    from a root to the item (in NEW when the item's node is there, else in OLD);
    ``node`` is the node where it happened, for grouping. Lines are 1-based and None
    where the side has no such item. A target compared across plan years (2024 in
    OLD, 2025 in NEW) carries both years; ``delta`` is NEW - OLD when both are numbers.
    ``added`` describes an added indicator; ``refused`` holds the lint errors of NEW at
    the changed value (see ``refusals``).
    """

    kind: Kind
    item: Item
    kode: str | None
    field: str | None
    old: Shown
    new: Shown
    path: tuple[str, ...] = ()
    node: str | None = None
    old_line: int | None = None
    new_line: int | None = None
    year: int | None = None
    old_year: int | None = None
    delta: Decimal | None = None
    added: Added | None = None
    refused: tuple[Refusal, ...] = ()

    @property
    def top_level(self) -> bool:
        return self.item in TOP_LEVEL


def count_by_kind(changes: Iterable[Change]) -> dict[Kind, int]:
    """How many changes of each kind, in report order (kinds with none left out)."""
    counts = dict.fromkeys(KINDS, 0)
    for change in changes:
        counts[change.kind] += 1
    return {kind: n for kind, n in counts.items() if n}


def difference(old: Shown, new: Shown) -> Decimal | None:
    """NEW - OLD, exactly, when both are numbers: subtraction in a context wide enough
    for any digits, so 72.50 - 70 is 2.50 and nothing is ever rounded."""
    if not isinstance(old, Decimal) or not isinstance(new, Decimal):
        return None
    return _EXACT.subtract(new, old)


# Subtraction needs at most as many digits as its operands; MAX_PREC never rounds them.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def same(a: object, b: object) -> bool:
    """Equal values of the same type: the number 100 and the text "100" differ."""
    return type(a) is type(b) and a == b


def shown(value: Any) -> Shown:
    """A value of any field as a change holds it: lists as tuples, mappings as
    ``key: value`` texts (e.g. the quarters of a realisasi)."""
    if isinstance(value, dict):
        return tuple(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(v if isinstance(v, str | Decimal) else _text(v) for v in value)
    if value is None or isinstance(value, str | int | bool | Decimal):
        return value
    return str(value)


def owners_shown(owners: tuple[str, ...]) -> Shown:
    """``penanggung_jawab`` as the file writes it: nothing, one kode, or the list of kodes
    (so that a file of one unit per node reads in a diff exactly as before lists existed)."""
    if not owners:
        return None
    return owners[0] if len(owners) == 1 else owners


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(_text, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, BaseModel):  # a `kolaborasi` item: as the file writes it
        return _text(value.model_dump(by_alias=True, exclude_none=True))
    return str(value)
