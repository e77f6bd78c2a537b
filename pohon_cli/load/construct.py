"""Nodes and indicators made straight from positioned values, without Pydantic's validation,
when every value has a shape whose outcome is known: the common case, and the hot path of
loading (Pydantic calls a Python validator per value, ten times the cost of one check here).

Anything else (an unknown key, a missing one, a value of another type or form, quarters,
a kode with odd spaces) returns None, and ``build`` validates the item with Pydantic,
which finds and words every error as before. What is made here equals, field by field
and in its ``model_fields_set``, what ``model_validate`` makes of the same values
(``tests/load/test_construct.py`` holds them side by side).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from pohon_cli.model import Indicator, Node, number_text
from pohon_cli.model.document import DERIVED
from pohon_cli.model.values import overall_polarity, value_kinds
from pohon_cli.source import YList, YMap


class _Refused(Exception):
    """A value this module leaves to Pydantic."""


_REFUSED = _Refused()
_DIGITS = frozenset("0123456789")
# "2024" -> 2024, filled as years are met (at most 10,000): one int object per year
_YEARS: dict[str, int] = {}


def _kode(value: Any) -> str:
    """A Kode: text of 1 to 200 characters, no space at either end (ASCII ends only, where
    Python's and Pydantic's notions of a space agree), on one line."""
    if value.__class__ is Decimal:
        value = number_text(value)
    elif value.__class__ is not str:
        raise _REFUSED
    if (
        0 < len(value) <= 200
        and " " < value[0] < "\x7f"
        and " " < value[-1] < "\x7f"
        and "\n" not in value
    ):
        return value  # type: ignore[no-any-return]
    raise _REFUSED


def _text(value: Any) -> str:
    if value.__class__ is str:
        return value
    if value.__class__ is Decimal:
        return number_text(value)
    raise _REFUSED


def _optional(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def optional(value: Any) -> Any:
        return None if value is None else check(value)

    return optional


def _choice(*names: str) -> Callable[[Any], Any]:
    allowed = frozenset(names)

    def choice(value: Any) -> Any:
        if value is None or (value.__class__ is str and value in allowed):
            return value
        raise _REFUSED

    return choice


def _value(value: Any) -> Any:
    """A target, baseline or realisasi: a number, a text, or a range [low, high]."""
    cls = value.__class__
    if cls is Decimal or cls is str:
        return value
    if (
        cls is YList
        and len(value) == 2
        and value[0].__class__ is Decimal
        and value[1].__class__ is Decimal
        and value[0] <= value[1]
    ):
        return (value[0], value[1])
    raise _REFUSED


def _amount(value: Any) -> Any:
    if value.__class__ is Decimal and value >= 0:
        return value
    raise _REFUSED


def _years(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A mapping of years (four digits, as the loader keeps every key: text) to values."""

    def years(value: Any) -> Any:
        if value.__class__ is not YMap:
            raise _REFUSED
        found: dict[int, Any] = {}
        for key, item in value.items():
            year = _YEARS.get(key)
            if year is None:
                if len(key) != 4 or not _DIGITS.issuperset(key):
                    raise _REFUSED
                year = _YEARS[key] = int(key)
            found[year] = check(item)
        return found

    return years


def _kodes(value: Any) -> tuple[str, ...]:
    if value.__class__ is not YList:
        raise _REFUSED
    return tuple(_kode(v) for v in value)


def _owners(value: Any) -> tuple[str, ...]:
    """``penanggung_jawab``: one unit, or none (a list goes to Pydantic)."""
    if value is None:
        return ()
    if value.__class__ is str:
        return (_kode(value),)
    raise _REFUSED


def _flag(value: Any) -> bool:
    if value == "true" and value.__class__ is str:
        return True
    if value == "false" and value.__class__ is str:
        return False
    raise _REFUSED


def _empty(value: Any) -> Any:
    """A list that must be empty here (``kolaborasi``): anything in it goes to Pydantic."""
    if value.__class__ is YList and not value:
        return ()
    raise _REFUSED


# key as written -> (field name, check); the keys written by a field's name rather than its
# alias (validate_by_name) are not here, so they go to Pydantic
_Fields = dict[str, tuple[str, Callable[[Any], Any]]]

_INDICATOR: _Fields = {
    "kode": ("code", _kode),
    "uraian": ("description", _text),
    "satuan": ("unit", _optional(_text)),
    "polaritas": ("polarity", _choice("naik", "turun", "stabil")),
    "baseline": ("baseline", _optional(_value)),
    "konsolidasi": ("consolidation", _choice("jumlah", "rata_rata", "terakhir")),
    "target": ("written_targets", _years(_value)),
    "target_induk": ("written_parent_targets", _years(_value)),
    "realisasi": ("realisations", _years(_value)),
    "definisi": ("definition", _optional(_text)),
    "formula": ("formula", _optional(_text)),
    "sumber_data": ("data_source", _optional(_text)),
    "penanggung_jawab": ("owners", _owners),
    "nasional": ("national", _flag),
    "catatan": ("note", _optional(_text)),
    "anggaran": ("budget", _years(_amount)),
    "realisasi_anggaran": ("spent", _years(_amount)),
    "mendukung": ("supports", _optional(_kode)),
    "pembagian": ("split", _choice("jumlah", "rata_rata")),
}

_NODE: _Fields = {
    "kode": ("code", _kode),
    "jenjang": ("level", _text),
    "uraian": ("description", _text),
    "hasil": ("result", _optional(_text)),
    "misi": ("missions", _kodes),
    "penanggung_jawab": ("owners", _owners),
    "jenis": ("kind", _choice("dampak", "outcome", "intermediate_outcome", "output")),
    "nasional": ("national", _flag),
    "catatan": ("note", _optional(_text)),
    "anggaran": ("budget", _years(_amount)),
    "realisasi_anggaran": ("spent", _years(_amount)),
    "mendukung": ("supports", _kodes),
    "kolaborasi": ("partners", _empty),
}


class _Maker:
    """Makes one model class from checked values: its defaults in field order, then the
    values given, as ``model_construct`` would, without its per-field work."""

    def __init__(
        self,
        model: type[BaseModel],
        fields: _Fields,
        required: tuple[str, ...],
        derive: Callable[[dict[str, Any]], None] | None = None,
        derived: tuple[str, ...] = (),
    ):
        self.model = model
        self.fields = fields
        self.required = required
        self.derive = derive
        self.factories: list[tuple[str, Callable[[], Any]]] = []
        # the defaults in an instance's own dict, set one by one: a dict that shares its
        # keys with every other instance's (CPython's split table), copied for each model
        shape = model.__new__(model)
        for name, info in model.model_fields.items():
            default = info.default
            if info.default_factory is not None:
                default = None
                self.factories.append((name, info.default_factory))  # type: ignore[arg-type]
            object.__setattr__(shape, name, default)
        # the cached properties' keys too, in the same table: ``derive`` fills each one
        for name in derived:
            object.__setattr__(shape, name, None)
        self.defaults: dict[str, Any] = shape.__dict__
        # one frozen set per combination of fields given, shared by the models made with it
        self.sets: dict[tuple[str, ...], frozenset[str]] = {}

    def make(self, raw: YMap, skip: tuple[str, ...] = (), **given: Any) -> BaseModel | None:
        fields = self.fields
        values = dict(given)
        try:
            for key, value in raw.items():
                if key in skip:
                    continue
                field = fields.get(key)
                if field is None:
                    return None
                values[field[0]] = field[1](value)
        except _Refused:
            return None
        for name in self.required:
            if name not in values:
                return None
        state = self.defaults.copy()
        for name, factory in self.factories:
            if name not in values:
                state[name] = factory()
        for name, value in values.items():
            state[name] = value  # each key is there already: the table stays shared
        if self.derive is not None:
            self.derive(state)
        model = self.model.__new__(self.model)
        setter = object.__setattr__
        setter(model, "__dict__", state)
        names = tuple(values)
        fields_set = self.sets.get(names)
        if fields_set is None:
            fields_set = self.sets[names] = frozenset(names)
        setter(model, "__pydantic_fields_set__", fields_set)
        setter(model, "__pydantic_extra__", None)
        setter(model, "__pydantic_private__", None)
        return model


def _indicator_derived(state: dict[str, Any]) -> None:
    """Indicator's cached properties, as they would be worked out: the values of each year
    are as written, since quarters are left to Pydantic (``_value`` refuses a mapping)."""
    targets, actuals = state["written_targets"], state["realisations"]
    state["targets"] = targets
    state["parent_targets"] = state["written_parent_targets"]
    state["actuals"] = actuals
    state["overall_polarity"] = overall_polarity(state["polarity"], targets)
    state["value_kinds"] = value_kinds(targets, actuals, state["baseline"])


_INDICATOR_MAKER = _Maker(
    Indicator, _INDICATOR, ("code", "description"), _indicator_derived, DERIVED
)
_NODE_MAKER = _Maker(Node, _NODE, ("code", "level", "description"))


def indicator(raw: Any) -> Indicator | None:
    """The indicator of ``raw`` when every value is of a known good shape, else None."""
    if raw.__class__ is not YMap:
        return None
    return _INDICATOR_MAKER.make(raw)  # type: ignore[return-value]


def node(raw: YMap, indicators: tuple[Indicator, ...] | None) -> Node | None:
    """The node of ``raw`` (without ``anak``) with its indicators already made (None when
    it has no ``indikator`` list), when every value is of a known good shape, else None."""
    if indicators is None:
        return _NODE_MAKER.make(raw, ("anak",))  # type: ignore[return-value]
    return _NODE_MAKER.make(  # type: ignore[return-value]
        raw, ("anak", "indikator"), indicators=indicators
    )


def whole(raw: YMap) -> tuple[Node, list[int]] | None:
    """The node of ``raw`` with every item of its ``indikator`` made here, and the place
    of each in the list; None when any part is left to Pydantic."""
    listed = raw.get("indikator")
    if listed is None:
        made = None if "indikator" in raw else node(raw, None)
        return None if made is None else (made, [])
    if listed.__class__ is not YList:
        return None
    indicators = []
    for item in listed:
        found = indicator(item)
        if found is None:
            return None
        indicators.append(found)
    made = node(raw, tuple(indicators))
    return None if made is None else (made, list(range(len(indicators))))
