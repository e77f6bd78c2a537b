"""Hypothesis strategies for pohon trees, valid and broken, and a snapshot to compare trees.

A valid tree is built the way the loader builds one, so that ``load(to_yaml(tree)) == tree``
can be checked field by field: nodes in file order, ``parents[kode][0]`` the parent a node
is written under, then the parents that refer to it with ``rujuk`` in file order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from pohon_cli.load.decode import ESCAPED_CONTROL as REFUSED
from pohon_cli.model import DEFAULT_LEVELS, QUARTERS, Header, Indicator, Node, Tree
from pohon_cli.source import YList, YMap

# "ci" (make test): few examples, the same ones every run. "long" (make fuzz): many, new
# ones each run. Pick with HYPOTHESIS_PROFILE.
settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Texts that YAML 1.1, YAML 1.2 or pohon would read as something else when written plain.
SURPRISES = (
    "no",
    "No",
    "on",
    "off",
    "yes",
    "y",
    "n",
    "true",
    "false",
    "null",
    "Null",
    "~",
    "",
    "1.10",
    "010",
    "0o17",
    "0x1F",
    "1e3",
    "1E-3",
    "1_000",
    "1:20",
    ".5",
    "+1",
    "-0",
    "100",
    ".inf",
    "-.inf",
    ".nan",
    "2024-01-01",
    "2024-1-1 10:00",
    "<<",
    "=",
    "-",
    "- x",
    "? x",
    "a: b",
    "a:",
    "a #b",
    "#c",
    "*alias",
    "&anchor x",
    "!tag",
    "!!python/object:os.system",
    "|",
    ">",
    "'q'",
    '"q"',
    "%x",
    "@x",
    "`x`",
    "[a, b]",
    "{a: b}",
    "...",
    "---",
    " lead",
    "trail ",
    "\ttab",
    "multi\nline",
    "multi\nline\n",
    "multi\n\nline\n\n",
    "\nstarts with a break",
    "cr\r\nlf",
    "nul\x00byte",
    "esc\x1b[31m",
    "nel\x85ls\u2028ps\u2029",
    "bom\ufeff",
    "back\\slash",
    'say "hi"',
    "<script>alert('x')</script>",
    "a | b",
    "{{ brace }}",
    "Meningkatnya kualitas penyelenggaraan Pemilu",
    "Persentase (%) capaian: 100",
    "café ñ 한국어 😀 مرحبا",
    "e\u0301 combining",
)

_KODE_CHARS = st.characters(
    codec="utf-8",
    categories=("Lu", "Ll", "Nd", "Pd", "Po", "Zs", "So", "Lo"),
    include_characters="-._/:#&*!|>'\"%@`,[]{}",
)


def _kode_ok(text: str) -> bool:
    return (
        0 < len(text) <= 200
        and re.fullmatch(r"\S(?:.*\S)?", text) is not None
        and REFUSED.search(text) is None
    )


# The characters pohon refuses in a text (a CR only alone: a CRLF is a line break).
REFUSED_CHARACTERS = "".join(
    chr(c)
    for c in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0xFFFE, 0xFFFF]
    if chr(c) not in "\t\n"
)


def loadable(text: str) -> bool:
    """pohon refuses control characters other than tab and line breaks in a text."""
    return REFUSED.search(text) is None


kodes = st.one_of(
    st.from_regex(r"[A-Z]{1,3}(-[A-Z0-9]{1,4}){0,2}", fullmatch=True),
    st.sampled_from([s for s in SURPRISES if _kode_ok(s)]),
    st.text(_KODE_CHARS, min_size=1, max_size=12).map(str.strip).filter(_kode_ok),
)
texts = st.one_of(
    st.sampled_from([s for s in SURPRISES if loadable(s)]),
    st.text(st.characters(codec="utf-8", exclude_characters=REFUSED_CHARACTERS), max_size=30),
    st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), max_size=60),
)
numbers = st.from_regex(r"-?(0|[1-9][0-9]{0,6})(\.[0-9]{1,4})?", fullmatch=True).map(Decimal)
ranges = st.tuples(numbers, numbers).map(lambda pair: tuple(sorted(pair)))
values = st.one_of(numbers, texts, ranges)
years = st.integers(1000, 9999)
level_names = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,12}", fullmatch=True)


def _optional(draw: st.DrawFn, fields: dict[str, Any], key: str, strategy: Any) -> None:
    """Set ``key`` or leave it out, so the tree also has fields written at their default."""
    if draw(st.booleans()):
        fields[key] = draw(strategy)


@st.composite
def headers(draw: st.DrawFn) -> Header:
    fields: dict[str, Any] = {
        "versi": 1,
        "instansi": {"nama": draw(texts)},
        "tahun": draw(years),
        "visi": draw(texts),
    }
    if draw(st.booleans()):
        fields["instansi"]["singkatan"] = draw(texts)
    missions = draw(st.lists(kodes, min_size=1, max_size=4, unique=True))
    fields["misi"] = [{"kode": k, "uraian": draw(texts)} for k in missions]
    if draw(st.booleans()):
        induk: dict[str, Any] = {"nama": draw(texts)}
        _optional(draw, induk, "singkatan", texts)
        _optional(draw, induk, "visi", texts)
        national = draw(st.lists(kodes, max_size=2, unique=True))
        if national:
            induk["misi"] = [{"kode": k, "uraian": draw(texts)} for k in national]
        fields["induk"] = induk
    if draw(st.booleans()):
        start = draw(years)
        fields["periode"] = {"awal": start, "akhir": draw(st.integers(start, 9999))}
    unit_kodes = draw(st.lists(kodes, max_size=4, unique=True))
    units: list[dict[str, Any]] = []
    for i, kode in enumerate(unit_kodes):
        unit: dict[str, Any] = {"kode": kode, "nama": draw(texts)}
        if i and draw(st.booleans()):
            unit["atasan"] = draw(st.sampled_from(unit_kodes[:i]))
        _optional(draw, unit, "tugas", st.lists(texts, max_size=3))
        units.append(unit)
    if bool(units) or draw(st.booleans()):
        fields["unit_kerja"] = units
    step = texts.map(lambda t: t.strip() or "kosong")  # a step of a scale is never blank
    scale = st.lists(step, min_size=2, max_size=4, unique=True)
    _optional(draw, fields, "skala", st.dictionaries(texts, scale, max_size=2))
    if draw(st.booleans()):
        fields["jenjang"] = draw(st.lists(level_names, min_size=1, max_size=6, unique=True))
    elif draw(st.booleans()):
        fields["jenjang"] = list(DEFAULT_LEVELS)  # the default, written out
    return Header.model_validate(fields)


def _indicator(draw: st.DrawFn, kode: str, units: list[str]) -> Indicator:
    fields: dict[str, Any] = {"kode": kode, "uraian": draw(texts)}
    _optional(draw, fields, "satuan", texts)
    _optional(draw, fields, "target", st.dictionaries(years, values, max_size=4))
    _optional(draw, fields, "target_induk", st.dictionaries(years, values, max_size=2))
    _optional(draw, fields, "polaritas", st.sampled_from(["naik", "turun", "stabil"]))
    _optional(draw, fields, "baseline", values)
    if draw(st.booleans()):  # the realisasi of a year by quarter, combined as it says
        fields["konsolidasi"] = draw(st.sampled_from(["jumlah", "rata_rata", "terakhir"]))
        quarters = st.dictionaries(st.sampled_from(QUARTERS), numbers, min_size=1)
        actuals = st.one_of(values, quarters)
    else:
        actuals = values
    _optional(draw, fields, "realisasi", st.dictionaries(years, actuals, max_size=3))
    for key in ("definisi", "formula", "sumber_data", "catatan"):
        _optional(draw, fields, key, texts)
    if units:
        _optional(draw, fields, "penanggung_jawab", st.sampled_from(units))
    _optional(draw, fields, "nasional", st.booleans())
    return Indicator.model_validate(fields)


@st.composite
def trees(draw: st.DrawFn, max_nodes: int = 10) -> Tree:
    """A valid tree: levels, misi, units, nodes with indicators, shared nodes via rujuk."""
    header = draw(headers())
    levels = header.levels
    missions = [m.code for m in header.missions]
    units = [u.code for u in header.units]
    count = draw(st.integers(0, max_nodes))
    # one namespace for nodes and indicators
    indicator_counts = [draw(st.integers(0, 3)) for _ in range(count)]
    names = draw(
        st.lists(
            kodes,
            min_size=count + sum(indicator_counts),
            max_size=count + sum(indicator_counts),
            unique=True,
        )
    )
    node_kodes, pool = names[:count], names[count:]
    rank: dict[str, int] = {}
    home: dict[str, str | None] = {}
    # each parent's `anak`, in file order: (kode, True for a definition / False for rujuk)
    anak: dict[str | None, list[tuple[str, bool]]] = {None: []}
    nodes: dict[str, Node] = {}
    for i, kode in enumerate(node_kodes):
        able = [k for k in node_kodes[:i] if rank[k] < len(levels) - 1]
        parent = draw(st.sampled_from([None, *able])) if able else None
        low = 0 if parent is None else rank[parent] + 1
        rank[kode] = draw(st.integers(low, len(levels) - 1))
        home[kode] = parent
        anak.setdefault(parent, []).append((kode, True))
        fields: dict[str, Any] = {
            "kode": kode,
            "jenjang": levels[rank[kode]],
            "uraian": draw(texts),
        }
        if draw(st.booleans()):
            fields["misi"] = draw(st.lists(st.sampled_from(missions), max_size=3, unique=True))
        if units:
            _optional(draw, fields, "penanggung_jawab", st.sampled_from(units))
        _optional(draw, fields, "jenis", st.sampled_from(["dampak", "outcome", "output"]))
        _optional(draw, fields, "nasional", st.booleans())
        _optional(draw, fields, "catatan", texts)
        taken, pool = pool[: indicator_counts[i]], pool[indicator_counts[i] :]
        indicators = [_indicator(draw, k, units) for k in taken]
        if bool(indicators) or draw(st.booleans()):
            fields["indikator"] = indicators
        nodes[kode] = Node.model_validate(fields)
    # references: a node below another, not already among its children
    for _ in range(draw(st.integers(0, count))):
        kid = draw(st.sampled_from(node_kodes)) if node_kodes else None
        above = [k for k in node_kodes if rank[k] < rank.get(kid or "", 0)]
        if kid is None or not above:
            continue
        parent = draw(st.sampled_from(above))
        listed = anak.setdefault(parent, [])
        if any(k == kid for k, _ in listed):
            continue
        listed.insert(draw(st.integers(0, len(listed))), (kid, False))
    return _assemble(header, nodes, anak)


def _assemble(
    header: Header, nodes: dict[str, Node], anak: dict[str | None, list[tuple[str, bool]]]
) -> Tree:
    """The Tree the loader would build from this file: walk the definitions in file order."""
    order: list[str] = []
    children: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    refs: list[tuple[str, str]] = []
    stack: list[tuple[str | None, str, bool]] = [(None, k, d) for k, d in reversed(anak[None])]
    while stack:
        parent, kode, defined = stack.pop()
        if parent is not None:
            children.setdefault(parent, []).append(kode)
        if not defined:
            assert parent is not None
            refs.append((parent, kode))
            continue
        order.append(kode)
        if parent is not None:
            parents.setdefault(kode, []).append(parent)
        stack.extend((kode, k, d) for k, d in reversed(anak.get(kode, [])))
    for parent, kode in refs:
        parents.setdefault(kode, []).append(parent)
    return Tree(
        header=header,
        nodes={k: nodes[k] for k in order},
        roots=tuple(k for k, _ in anak[None]),
        children={k: tuple(v) for k, v in children.items()},
        parents={k: tuple(v) for k, v in parents.items()},
        indicator_node={i.code: k for k in order for i in nodes[k].indicators},
    )


def snapshot(tree: Tree) -> Any:
    """Everything a tree holds, in order, with each number as its digits (``Decimal("1.10")
    == Decimal("1.1")``, so models alone would not catch a lost digit)."""
    return (
        _exact(tree.header),
        [(kode, _exact(node)) for kode, node in tree.nodes.items()],
        tree.roots,
        sorted(tree.children.items()),
        sorted(tree.parents.items()),
        sorted(tree.indicator_node.items()),
    )


def _exact(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return (
            type(value).__name__,
            [(k, _exact(getattr(value, k))) for k in type(value).model_fields],
        )
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    if isinstance(value, dict):
        return sorted((k, _exact(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return [_exact(v) for v in value]
    return (type(value).__name__, value)


# -- breaking a valid tree -----------------------------------------------------------------

Draw = Callable[[st.SearchStrategy[Any]], Any]
Breaker = Callable[[dict[str, Any], Draw], str | None]


def _mappings(
    value: Any, path: tuple[Any, ...] = ()
) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    found: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [(path, value)]
    while stack:
        where, here = stack.pop()
        if isinstance(here, dict):
            found.append((where, here))
            stack.extend(((*where, k), v) for k, v in here.items())
        elif isinstance(here, list):
            stack.extend(((*where, i), v) for i, v in enumerate(here))
    return found


def node_mappings(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for path, m in _mappings(doc["pohon"]) if "jenjang" in m and "kode" in m]


def indicator_mappings(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [ind for node in node_mappings(doc) for ind in node.get("indikator", [])]


def _wrong_type(doc: dict[str, Any], draw: Draw) -> str | None:
    """A text or number replaced by a mapping; a list or mapping by a text (a range is a
    value, and a text is a value too: a range gets a mapping)."""
    spots = [(m, k) for _, m in _mappings(doc) for k in m]
    mapping, key = draw(st.sampled_from(spots))
    value = mapping[key]
    quarters = isinstance(key, int) and isinstance(value, dict)  # a text is a realisasi too
    if (isinstance(value, list | dict) and not quarters) or (
        isinstance(value, tuple) and key == "misi"
    ):
        mapping[key] = "teks"
    else:
        mapping[key] = {"bukan": "teks"}
    return "PK012"


def _unknown_key(doc: dict[str, Any], draw: Draw) -> str | None:
    spots = [
        m
        for path, m in _mappings(doc)
        if "rujuk" not in m
        and not (path and path[-1] in ("target", "target_induk", "realisasi", "skala"))
        and not (len(path) > 1 and path[-2] == "realisasi")
    ]
    mapping = draw(st.sampled_from(spots))
    items = list(mapping.items())
    at = draw(st.integers(0, len(items)))
    name = draw(st.sampled_from(["urian", "kunci_asing", "Kode", "target_2024", "anakk"]))
    items.insert(at, (name, "x"))
    mapping.clear()
    mapping.update(items)
    return "PK010"


def _bad_reference(doc: dict[str, Any], draw: Draw) -> str | None:
    nodes = node_mappings(doc)
    if not nodes:
        doc["misi"] = [{"kode": "M", "uraian": "u"}]
        doc["pohon"] = [{"kode": "A", "jenjang": "x", "uraian": "u", "misi": ["TIDAK-ADA"]}]
        return "PK021"
    node = draw(st.sampled_from(nodes))
    how = draw(st.sampled_from(["rujuk", "misi", "penanggung_jawab"]))
    if how == "rujuk":
        node.setdefault("anak", []).append({"rujuk": "\u2603TIDAK-ADA"})
    elif how == "misi":
        node["misi"] = [*node.get("misi", []), "\u2603TIDAK-ADA"]
    else:
        node["penanggung_jawab"] = "\u2603TIDAK-ADA"
    return "PK021"


def _duplicate_kode(doc: dict[str, Any], draw: Draw) -> str | None:
    items = node_mappings(doc) + indicator_mappings(doc)
    if len(items) < 2:
        return None
    first, second = draw(
        st.lists(st.sampled_from(range(len(items))), min_size=2, max_size=2, unique=True)
    )
    items[second]["kode"] = items[first]["kode"]
    return "PK020"


def _level_inversion(doc: dict[str, Any], draw: Draw) -> str | None:
    pairs = [
        (node, kid)
        for node in node_mappings(doc)
        for kid in node.get("anak", [])
        if isinstance(kid, dict) and "kode" in kid
    ]
    if not pairs:
        return None
    parent, kid = draw(st.sampled_from(pairs))
    kid["jenjang"] = parent["jenjang"]
    return "PK022"


def _missing_key(doc: dict[str, Any], draw: Draw) -> str | None:
    nodes = node_mappings(doc)
    if not nodes:
        del doc["visi"]
        return "PK011"
    node = draw(st.sampled_from(nodes))
    del node[draw(st.sampled_from(["kode", "jenjang", "uraian"]))]
    return "PK011"


BREAKERS: dict[str, Breaker] = {
    "wrong type": _wrong_type,
    "unknown key": _unknown_key,
    "bad reference": _bad_reference,
    "duplicate kode": _duplicate_kode,
    "level inversion": _level_inversion,
    "missing key": _missing_key,
}


def yaml_values(value: Any) -> Any:
    """YMap/YList as plain dicts and lists, for comparing what two texts parse to."""
    if isinstance(value, YMap):
        return {k: yaml_values(v) for k, v in value.items()}
    if isinstance(value, YList):
        return [yaml_values(v) for v in value]
    return value
