"""A Tree written back as YAML text in the pohon format: the canonical form of a file.

Pure: a Tree in, text out, no files. It is what makes a round trip (load, write, load
gives the same tree) possible, and the base of a formatter. Canonical means:

- keys in the order the format lists them (docs/format.md); block style, except a
  range ``[80, 90]``, a node's list of misi ``[M1, M2]``, each scale of ``skala`` and
  several units ``penanggung_jawab: [A, B]``, which read as one value (one unit is
  written ``penanggung_jawab: A``); a key the order does not list yet comes after the others;
- a node serving several parents is written once, under the parent it was written under
  (``Tree.parents[kode][0]``; a root at the top), and as ``rujuk: KODE`` everywhere else;
- a field is written when it is required, differs from its default, or was written in
  the file (``polaritas: naik`` stays); empty values and empty lists are left out;
- years (and quarters) in order; a number exactly as its digits (``1.10`` stays ``1.10``,
  ``0.0000001`` is never ``1E-7``);
- a text is written plain only when every YAML reader (pohon's, YAML 1.1's and 1.2's)
  reads it back as the same text; otherwise in double quotes with escapes (``"no"``,
  ``"010"``, ``"2024-01-01"``, ``"a: b"``, control characters as ``\\x01``). Multi-line
  text is a literal block (``|-``) when that keeps every character, else quoted.

Comments are not part of the model, so they are not written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from pohon_cli.i18n import _
from pohon_cli.model import (
    Collaboration,
    Header,
    Indicator,
    Institution,
    Mission,
    Node,
    ParentOrganisation,
    Period,
    Tree,
    Unit,
)

# The order of keys in each kind of mapping, as docs/format.md lists them.
_ORDER: dict[type[BaseModel], tuple[str, ...]] = {
    Header: (
        "versi",
        "instansi",
        "induk",
        "tahun",
        "periode",
        "visi",
        "misi",
        "unit_kerja",
        "skala",
        "jenjang",
    ),
    Institution: ("nama", "singkatan"),
    ParentOrganisation: ("nama", "singkatan", "berkas", "visi", "misi"),
    Collaboration: ("berkas", "kode", "peran"),
    Period: ("awal", "akhir"),
    Mission: ("kode", "uraian"),
    Unit: ("kode", "nama", "atasan", "tugas"),
    Node: (
        "kode",
        "jenjang",
        "uraian",
        "hasil",
        "misi",
        "penanggung_jawab",
        "jenis",
        "nasional",
        "catatan",
        "anggaran",
        "realisasi_anggaran",
        "mendukung",
        "kolaborasi",
        "indikator",
    ),
    Indicator: (
        "kode",
        "uraian",
        "satuan",
        "target",
        "target_induk",
        "polaritas",
        "baseline",
        "realisasi",
        "konsolidasi",
        "definisi",
        "formula",
        "sumber_data",
        "penanggung_jawab",
        "nasional",
        "catatan",
        "anggaran",
        "realisasi_anggaran",
        "mendukung",
        "pembagian",
    ),
}
# Lists written on one line, [a, b], rather than one item per line: a node's misi,
# each scale of `skala` ({opini: [TMP, TW, WDP, WTP]}) and several units [LEAD, OTHER].
_FLOW_LISTS = frozenset(
    {
        (Node, "misi"),
        (Header, "skala"),
        (Node, "penanggung_jawab"),
        (Indicator, "penanggung_jawab"),
        (Node, "mendukung"),
    }
)
# Lists of which one item is written as that item alone: one unit is `penanggung_jawab: A`.
_ONE_AS_SCALAR = frozenset({"penanggung_jawab"})


class Flow(tuple[Any, ...]):
    """A list of scalars that ``dump`` writes on one line: ``[80, 90]``."""

    __slots__ = ()


def to_yaml(tree: Tree) -> str:
    """The YAML text of ``tree``; ``load_text(to_yaml(tree))`` gives the same tree back."""
    return dump(document(tree))


# Keys to leave out, by the class of the model that has them.
Skip = Mapping[type[BaseModel], frozenset[str]]
_NO_SKIP: frozenset[str] = frozenset()


def document(tree: Tree, skip: Skip | None = None) -> dict[str, Any]:
    """The tree as plain data in file order: dicts, lists, ``Flow``, text, Decimal, int, bool.

    With ``skip``, those keys of those models are left out before their values are made
    (the workbook's Berkas sheet wants a few keys of each node). ValueError when a node
    cannot be reached from the roots (it would be lost)."""
    data = _plain(tree.header, skip)
    data["pohon"] = _nodes(tree, skip)
    return data


def _nodes(tree: Tree, skip: Skip | None) -> list[Any]:
    roots = frozenset(tree.roots)

    def home(kode: str) -> str | None:
        """Where a node is written in full: the top, or under its first parent."""
        if kode in roots:
            return None
        parents = tree.parents.get(kode, ())
        return parents[0] if parents else None

    written: set[str] = set()
    top: list[Any] = []
    # iterative, so that no tree is too deep to write
    stack: list[tuple[Any, list[Any], str | None]] = [(iter(tree.roots), top, None)]
    while stack:
        kodes, out, parent = stack[-1]
        kode = next(kodes, None)
        if kode is None:
            stack.pop()
            continue
        if kode in written or home(kode) != parent:
            out.append({"rujuk": kode})
            continue
        written.add(kode)
        item = _plain(tree.nodes[kode], skip)
        carried = tree.carried.get(kode, ())
        if carried:
            listed = item.setdefault("indikator", [])
            for entry in carried:  # in place: the order of the node's indicators is kept
                listed.insert(entry.at, {"rujuk": entry.code})
        out.append(item)
        below = tree.children.get(kode, ())
        if below:
            kids: list[Any] = []
            item["anak"] = kids
            stack.append((iter(below), kids, kode))
    lost = [kode for kode in tree.nodes if kode not in written]
    if lost:
        raise ValueError(
            _(
                "nodes not reachable from the roots would be lost: {kodes}",
                kodes=", ".join(lost[:10]),
            )
        )
    return top


# For each model: (key, field name, required, default, written on one line), in key order.
_Plan = tuple[tuple[str, str, bool, Any, bool], ...]


def _plan(kind: type[BaseModel]) -> _Plan:
    """The keys of ``kind`` in the format's order; a field the order does not list yet is
    written after the others rather than lost."""
    fields = kind.model_fields
    by_alias = {(info.alias or name): name for name, info in fields.items()}
    listed = _ORDER.get(kind, ())
    order = listed + tuple(key for key in by_alias if key not in listed)
    return tuple(
        (
            key,
            by_alias[key],
            fields[by_alias[key]].is_required(),
            None
            if fields[by_alias[key]].is_required()
            else fields[by_alias[key]].get_default(call_default_factory=True),
            (kind, key) in _FLOW_LISTS,
        )
        for key in order
    )


_PLANS: dict[type[BaseModel], _Plan] = {kind: _plan(kind) for kind in _ORDER}


def _plain(model: BaseModel, skip: Skip | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    written = model.model_fields_set
    kind = type(model)
    plan = _PLANS.get(kind) or _plan(kind)
    skipped = skip.get(kind, _NO_SKIP) if skip else _NO_SKIP
    for key, name, required, default, flow in plan:
        if key in skipped:
            continue
        value = getattr(model, name)
        if not required:
            if value is None or value in ((), {}):
                continue
            if value == default and name not in written:
                continue
        if key in _ONE_AS_SCALAR and isinstance(value, tuple) and len(value) == 1:
            value = value[0]
        data[key] = _value(value, flow, skip)
    return data


def _value(value: Any, flow: bool = False, skip: Skip | None = None) -> Any:
    if isinstance(value, BaseModel):
        return _plain(value, skip)
    if isinstance(value, dict):  # year -> value, quarter -> value, satuan -> scale
        return {key: _value(value[key], flow, skip) for key in sorted(value)}
    if isinstance(value, tuple):
        if len(value) == 2 and all(isinstance(v, Decimal) for v in value):
            return Flow(value)  # a range
        items = [_value(v, False, skip) for v in value]
        return Flow(items) if flow else items
    return value


# -- plain data -> YAML text ---------------------------------------------------------------

# Characters written as escapes: control characters, line and paragraph separators,
# the byte-order mark, surrogates and non-characters.
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_NAMED = {
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
# Plain scalars some YAML reader takes for something other than text: YAML 1.1 and 1.2
# booleans, nulls, numbers in every base and notation, sexagesimals, timestamps, merge.
_NOT_TEXT = re.compile(
    r"""(?x)
      (?: y|Y|n|N|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE
        | on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|= )
    | [-+]?\.?[0-9][0-9a-zA-Z_.:+-]*        # anything that starts like a number
    | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?
    """
)
# What keeps a text from standing plain: an indicator or a space first, a space last,
# a character written as an escape, ": " or " #" inside, ":" last, a document end first.
_UNSAFE = re.compile(
    "\\A[-?:,\\[\\]{}#&*!|>'\"%@`\\s]|\\s\\Z|: | #|:\\Z|\\A\\.\\.\\.|" + _ESCAPE.pattern
)
# In a flow list YAML 1.1 readers also end a plain text at "?" and ":".
_FLOW_CHARS = re.compile(r"[,\[\]{}?:#]")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def dump(data: Any) -> str:
    """YAML text of plain data, in block style (``Flow`` on one line). Mapping keys are
    text or int; values text, Decimal, int, bool, None, lists, ``Flow`` and dicts."""
    out: list[str] = []
    if isinstance(data, dict) and data:
        _mapping(data, 0, "", out)
    elif isinstance(data, list) and data:
        for item in data:
            _item("-", item, 2, out, mapping_inline=True)
    else:
        out.append(_inline(data, flow=False))
    return "\n".join(out) + "\n"


def _mapping(data: Mapping[Any, Any], indent: int, lead: str, out: list[str]) -> None:
    """Write a mapping whose keys stand at ``indent``; the first line starts with ``lead``
    (``"- "`` for a list item) instead of spaces."""
    pad = " " * indent
    first = True
    for key, value in data.items():
        head = (lead if first else pad) + _key(key) + ":"
        first = False
        _item(head, value, indent + 2, out, mapping_inline=False)


def _item(head: str, value: Any, indent: int, out: list[str], *, mapping_inline: bool) -> None:
    """Write ``value`` after ``head`` (``key:`` or ``-``); nested lines stand at ``indent``."""
    kind = type(value)
    if kind is str and "\n" not in value:  # most values: a text on one line
        out.append(f"{head} {_text(value, flow=False)}")
    elif kind is Decimal:
        out.append(f"{head} {_decimal(value)}")
    elif isinstance(value, Flow) and _flowable(value):
        out.append(f"{head} [{', '.join(_inline(v, flow=True) for v in value)}]")
    elif isinstance(value, dict) and value:
        if mapping_inline:
            _mapping(value, indent, head + " ", out)
        else:
            out.append(head)
            _mapping(value, indent, " " * indent, out)
    elif isinstance(value, list | tuple) and value:
        out.append(head)
        for element in value:
            _item(" " * indent + "-", element, indent + 2, out, mapping_inline=True)
    elif isinstance(value, str) and _literal_ok(value):
        chomp = "-" if not value.endswith("\n") else ("+" if value.endswith("\n\n") else "")
        out.append(f"{head} |{chomp}")
        body = value[:-1] if value.endswith("\n") else value
        pad = " " * indent
        out.extend(pad + line if line else "" for line in body.split("\n"))
    else:
        out.append(f"{head} {_inline(value, flow=False)}")


def _flowable(values: Flow) -> bool:
    return all(not isinstance(v, dict | list | tuple) for v in values)


@lru_cache(maxsize=4096)
def _key(key: Any) -> str:
    """A key as written; the same few keys come back on every node: remembered."""
    if isinstance(key, bool) or not isinstance(key, str | int):
        raise ValueError(_("a mapping key must be text or a year, not {key}", key=repr(key)))
    return str(key) if isinstance(key, int) else _text(key, flow=False)


def _inline(value: Any, *, flow: bool) -> str:
    """One scalar on one line."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, str):
        return _text(value, flow=flow)
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list | tuple):
        return "[]"
    raise ValueError(_("cannot write a {kind} in a pohon file", kind=type(value).__name__))


def _decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(_("{value} is not a number a pohon file can hold", value=value))
    text = str(value)
    if not _NUMBER.fullmatch(text):
        text = format(value, "f")  # 1E+3 -> 1000: the same number, in digits
    return text


def _text(text: str, *, flow: bool) -> str:
    return text if _plain_ok(text, flow=flow) else _quoted(text)


def _plain_ok(text: str, *, flow: bool) -> bool:
    """True when the text can stand unquoted and every reader reads it as this text."""
    return not (
        not text
        or _UNSAFE.search(text) is not None
        or (flow and _FLOW_CHARS.search(text) is not None)
        or _NOT_TEXT.fullmatch(text) is not None
    )


def _literal_ok(text: str) -> bool:
    """A multi-line text fits a literal block when the block gives back every character:
    no other control characters, no trailing spaces editors would strip, and the first
    line not indented nor empty (which would change the block's indentation)."""
    if "\n" not in text or text[0] in " \n" or "\r" in text:
        return False
    if _ESCAPE.search(text.replace("\n", "")) is not None:
        return False
    lines = text.rstrip("\n").split("\n")
    return all(line == line.rstrip(" \t") for line in lines)


def _quoted(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _ESCAPE.sub(_escape, body) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"
