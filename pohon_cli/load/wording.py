"""Pydantic's errors in a planner's words, each at its place in the file.

Part of building the models: Pydantic says ``string_type`` at ``('misi', 2, 'kode')``;
pohon says "`kode` must be text, not a mapping" at the line and column of that value. One
small function per kind of error, found through a table; a kind not in the table keeps
Pydantic's own message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from pohon_cli.i18n import N_, _, tr
from pohon_cli.model import (
    Collaboration,
    Header,
    Indicator,
    Institution,
    Mission,
    NodeDocument,
    ParentOrganisation,
    Period,
    Unit,
    number_text,
)
from pohon_cli.problem import MISSING_KEY, UNKNOWN_KEY, WRONG_VALUE, Problem, error_at
from pohon_cli.source import YList, YMap, locate
from pohon_cli.suggest import did_you_mean

# The keys whose value is a model of its own: an error below one is about that model.
_CONTAINERS: dict[str, type[BaseModel]] = {
    "indikator": Indicator,
    "misi": Mission,
    "unit_kerja": Unit,
    "instansi": Institution,
    "induk": ParentOrganisation,
    "periode": Period,
    "kolaborasi": Collaboration,
}

# `awal:2025` in braces: a key, its colon and its value, read as one key
_GLUED = re.compile(r"([^\s:]+):(\S.*)")
# A message and its hint.
Words = tuple[str, str | None]


def problems_from(
    error: ValidationError, raw: Any, what: str, file: str, prefix: tuple[str | int, ...] = ()
) -> list[Problem]:
    """Every error of one validation, worded (see ``problem_from``); a key written
    ``awal:2025`` in braces, without its space, is one problem, not also a missing ``awal``
    and an empty value."""
    details = error.errors(include_url=False)
    glued: dict[tuple[str | int, ...], tuple[str, str]] = {}
    for detail in details:
        loc = detail["loc"]
        key = loc[-2] if loc and loc[-1] == "[key]" else loc[-1] if loc else ""
        found = _GLUED.fullmatch(key) if isinstance(key, str) else None
        if found and (detail["type"] == "extra_forbidden" or loc[-1] == "[key]"):
            glued[tuple(loc[: loc.index(key)])] = (str(key), found.group(1))
    problems = []
    for detail in details:
        loc = tuple(detail["loc"])
        if loc[:-1] in glued and loc[-1] in glued[loc[:-1]]:  # the value, or the key missing
            continue
        if loc[:-2] in glued and loc[-2:] == (glued[loc[:-2]][0], "[key]"):
            continue
        problems.append(problem_from(detail, raw, what, file, prefix))
    for at, (written, key) in glued.items():
        problems.append(
            error_at(
                file,
                locate(raw, prefix + at + (written,), key=True),
                UNKNOWN_KEY,
                _(
                    "no space after the colon in `{written}`: YAML reads it as one key with no "
                    "value",
                    written=written,
                ),
                _(
                    "write a space after the colon: `{key}: {value}`",
                    key=key,
                    value=written[len(key) + 1 :],
                ),
            )
        )
    return problems


def problem_from(
    detail: ErrorDetails, raw: Any, what: str, file: str, prefix: tuple[str | int, ...] = ()
) -> Problem:
    """One of Pydantic's errors as a planner would say it, at its place in the file.

    ``raw`` is the mapping that was validated, where positions are looked up; ``what``
    names it ("node", "top level", "reference"); ``prefix`` is the path from ``raw`` to the
    part validated on its own (``("indikator", 2)`` for a node's third indicator)."""
    loc: tuple[str | int, ...] = prefix + tuple(detail["loc"])
    kind = detail["type"]
    key = loc[-1] if loc else ""
    if kind == "missing":
        container = _container(loc, what)[0]
        return error_at(
            file,
            locate(raw, loc[:-1]),
            MISSING_KEY,
            _missing(container, key),
            _("add `{key}: ...`", key=key),
        )
    if kind == "extra_forbidden":
        container, model = _container(loc, what)
        allowed = [f.alias or n for n, f in model.model_fields.items()]
        if model is Header:
            # the tree is read apart from the header, but it is a top-level key all the same
            allowed.append("pohon")
        suggestion = did_you_mean(str(key), allowed) or _(
            "allowed keys: {keys}", keys=", ".join(allowed)
        )
        return error_at(
            file,
            locate(raw, loc, key=True),
            UNKNOWN_KEY,
            _unknown(container, key),
            suggestion,
        )
    if loc and loc[-1] == "[key]":
        return error_at(
            file,
            locate(raw, loc[:-1], key=True),
            WRONG_VALUE,
            _("`{value}` is not a year", value=loc[-2]),
            _("a year is four digits, e.g. 2024"),
        )
    words = _WORDS.get(kind, _as_pydantic_says)
    message, hint = words(_Error(kind, loc, key, _label(loc, key), detail.get("input"), detail))
    return error_at(file, locate(raw, loc), WRONG_VALUE, message, hint)


def _container(loc: tuple[str | int, ...], what: str) -> tuple[str, type[BaseModel]]:
    """What holds the key in error (``what``, or the key of the innermost model on the
    way: ``indikator``, ``misi``...) and its model."""
    container = what
    model: type[BaseModel] = NodeDocument if what == "node" else Header
    for step in loc[:-1]:
        if isinstance(step, str) and step in _CONTAINERS:
            model = _CONTAINERS[step]
            container = step
    return container, model


# "this node has no `kode`", for each kind of container (see ``_container``)
_MISSING = {
    "node": N_("this node has no `{key}`"),
    "top level": N_("this top level has no `{key}`"),
    "reference": N_("this reference has no `{key}`"),
    "carried indicator": N_("this carried indicator has no `{key}`"),
    "indikator": N_("this indicator has no `{key}`"),
    "misi": N_("this misi has no `{key}`"),
    "unit_kerja": N_("this unit kerja has no `{key}`"),
    "instansi": N_("this `instansi` has no `{key}`"),
    "induk": N_("this `induk` has no `{key}`"),
    "periode": N_("this `periode` has no `{key}`"),
    "kolaborasi": N_("this `kolaborasi` item has no `{key}`"),
}


def _missing(container: str, key: object) -> str:
    return tr(_MISSING[container], key=key)


# "unknown key `x` in this node", for each kind of container (see ``_container``)
_UNKNOWN = {
    "node": N_("unknown key `{key}` in this node"),
    "top level": N_("unknown key `{key}` in this top level"),
    "reference": N_("unknown key `{key}` in this reference"),
    "carried indicator": N_("unknown key `{key}` in this carried indicator"),
    "indikator": N_("unknown key `{key}` in this indicator"),
    "misi": N_("unknown key `{key}` in this misi"),
    "unit_kerja": N_("unknown key `{key}` in this unit kerja"),
    "instansi": N_("unknown key `{key}` in this `instansi`"),
    "induk": N_("unknown key `{key}` in this `induk`"),
    "periode": N_("unknown key `{key}` in this `periode`"),
    "kolaborasi": N_("unknown key `{key}` in this `kolaborasi` item"),
}


def _unknown(container: str, key: object) -> str:
    return tr(_UNKNOWN[container], key=key)


# the keys that map a year to a value: a message names the year
_YEAR_MAPS = ("target", "target_induk", "realisasi", "anggaran", "realisasi_anggaran")


def _label(loc: tuple[str | int, ...], key: str | int) -> str:
    """How a message names the value: `kode`, `target` for 2024, item 2 of `misi`."""
    if len(loc) >= 2 and loc[-2] in _YEAR_MAPS and isinstance(loc[-1], str):
        return _("`{key}` for {year}", key=loc[-2], year=loc[-1])
    if len(loc) >= 2 and isinstance(key, int):
        return _("item {number} of `{key}`", number=key + 1, key=loc[-2])
    return f"`{key}`"


@dataclass(frozen=True, slots=True)
class _Error:
    """One of Pydantic's errors of a value, with what its wording needs."""

    kind: str
    loc: tuple[str | int, ...]
    key: str | int
    label: str
    value: Any
    detail: ErrorDetails

    @property
    def ctx(self) -> dict[str, Any]:
        return self.detail.get("ctx", {})


def _reason(error: _Error) -> Words:
    """A validator of pohon's own said why (``value_error``): its words are the message."""
    reason = error.ctx.get("error", error.detail["msg"])
    return _("{label}: {reason}", label=error.label, reason=str(reason)), None


def _not_a_choice(error: _Error) -> Words:
    expected = str(error.ctx.get("expected", ""))
    choices = re.findall(r"'([^']*)'", expected)
    value = error.value
    suggestion = did_you_mean(str(value), choices) if isinstance(value, str) else None
    return (
        _(
            "{label} must be {choices}, not {value}",
            label=error.label,
            choices=_one_of(choices) if choices else expected.replace(chr(39), ""),
            value=describe(value),
        ),
        suggestion,
    )


def _one_of(choices: list[str]) -> str:
    """``a, b or c``, as Pydantic lists the values a literal takes."""
    if len(choices) == 1:
        return choices[0]
    return _("{choices} or {last}", choices=", ".join(choices[:-1]), last=choices[-1])


def _not_text(error: _Error) -> Words:
    return _(
        "{label} must be text, not {value}", label=error.label, value=describe(error.value)
    ), None


def _not_a_list(error: _Error) -> Words:
    return _(
        "{label} must be a list, not {value}", label=error.label, value=describe(error.value)
    ), None


def _not_a_mapping(error: _Error) -> Words:
    return _(
        "{label} must be a mapping (key: value lines), not {value}",
        label=error.label,
        value=describe(error.value),
    ), None


def _bad_text(error: _Error) -> Words:
    """A text that does not match its pattern or length: a kode, or a level name."""
    loc, value = error.loc, error.value
    if error.key == "jenjang" or (len(loc) >= 2 and loc[-2] == "jenjang"):
        written = value if isinstance(value, str) else ""
        fixed = level_name(written)
        hint = _("a level name is one word of letters, digits and _")
        if fixed and fixed != written:
            hint = _(
                "write `{fixed}`, here and in each node's `jenjang`: a level name is one word "
                "of letters, digits and _",
                fixed=fixed,
            )
        return _(
            "{label} is not a level name: {value}", label=error.label, value=describe(value)
        ), hint
    if error.kind == "string_too_long":
        return _("{label} is too long: {value}", label=error.label, value=describe(value)), None
    return _(
        "{label} cannot be empty, or start or end with a space: {value}",
        label=error.label,
        value=describe(value),
    ), None


def _wrong_length(error: _Error) -> Words:
    """A text or a list too short or too long."""
    value, ctx, label = error.value, error.ctx, error.label
    too_short = error.kind == "too_short"
    if isinstance(value, str):
        if too_short and not value:
            return _("{label} cannot be empty", label=label), None
        if too_short:
            return _(
                "{label} is {length} characters long; at least {limit}",
                label=label,
                length=len(value),
                limit=ctx.get("min_length"),
            ), None
        return _(
            "{label} is {length} characters long; at most {limit}",
            label=label,
            length=len(value),
            limit=ctx.get("max_length"),
        ), None
    limit = ctx.get("min_length" if too_short else "max_length")
    count = ctx.get("actual_length")
    if count == 0 and limit == 1:
        return _("{label} cannot be an empty list", label=label), None
    if too_short:
        return _(
            "{label} needs at least {limit} items, not {count}",
            label=label,
            limit=limit,
            count=count,
        ), None
    return _(
        "{label} holds {count} items; at most {limit}", label=label, count=count, limit=limit
    ), None


def _as_pydantic_says(error: _Error) -> Words:
    return _(
        "{label}: {reason}, not {value}",
        label=error.label,
        reason=error.detail["msg"],
        value=describe(error.value),
    ), None


# Pydantic's kind of error -> its wording (WRONG_VALUE, at the value).
_WORDS: dict[str, Callable[[_Error], Words]] = {
    "value_error": _reason,
    "literal_error": _not_a_choice,
    "string_type": _not_text,
    "str_type": _not_text,
    "list_type": _not_a_list,
    "tuple_type": _not_a_list,
    "dict_type": _not_a_mapping,
    "model_type": _not_a_mapping,
    "model_attributes_type": _not_a_mapping,
    "string_pattern_mismatch": _bad_text,
    "string_too_short": _bad_text,
    "string_too_long": _bad_text,
    "too_short": _wrong_length,
    "too_long": _wrong_length,
}


def level_name(text: str) -> str:
    """What a written level name should be: ``Sasaran Kegiatan`` → ``Sasaran_Kegiatan``,
    ``sub-kegiatan`` → ``sub_kegiatan`` ("" when nothing is left of it)."""
    return re.sub(r"^[^A-Za-z]+", "", re.sub(r"[^A-Za-z0-9_]+", "_", text.strip())).strip("_")


def describe(value: Any) -> str:
    """A value as a message names it: "a mapping", "the number 1.10", "the text `...`"."""
    if isinstance(value, YMap | dict):
        return _("a mapping")
    if isinstance(value, YList | list):
        return _("a list")
    if value is None:
        return _("an empty value")
    if isinstance(value, Decimal):
        return _("the number {number}", number=number_text(value))
    return _("the text `{text}`", text=_clip(str(value)))


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# The keys only a node takes: an indicator that has one is a node among the indicators.
_NODE_ONLY = frozenset(f.alias or n for n, f in NodeDocument.model_fields.items()) - frozenset(
    f.alias or n for n, f in Indicator.model_fields.items()
)


def node_among_indicators(item: Any, node: YMap, file: str, index: int) -> Problem | None:
    """One problem for a node written in a list of indicators (an ``anak:`` line forgotten
    above it), rather than one unknown key per key of that node; None for an indicator."""
    if not isinstance(item, YMap):
        return None
    keys = [k for k in ("jenjang", "anak", "indikator", *sorted(_NODE_ONLY)) if k in item]
    if not keys:
        return None
    kode, parent = item.get("kode"), node.get("kode")
    return error_at(
        file,
        node["indikator"].item_pos(index),
        UNKNOWN_KEY,
        _node_among(kode, parent, keys[0]),
        _("write `anak:` on its own line above this node, indented as `indikator:`"),
    )


def _node_among(kode: Any, parent: Any, key: str) -> str:
    named = isinstance(kode, str | Decimal)
    under = isinstance(parent, str | Decimal)
    if named and under:
        return _(
            "`{kode}` has `{key}`, a key of a node, yet it stands among the indicators of "
            "`{parent}`: an `anak:` line seems to be missing above it",
            kode=kode,
            key=key,
            parent=parent,
        )
    if named:
        return _(
            "`{kode}` has `{key}`, a key of a node, yet it stands among the indicators: an "
            "`anak:` line seems to be missing above it",
            kode=kode,
            key=key,
        )
    if under:
        return _(
            "this item has `{key}`, a key of a node, yet it stands among the indicators of "
            "`{parent}`: an `anak:` line seems to be missing above it",
            key=key,
            parent=parent,
        )
    return _(
        "this item has `{key}`, a key of a node, yet it stands among the indicators: an "
        "`anak:` line seems to be missing above it",
        key=key,
    )
