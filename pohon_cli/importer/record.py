"""The sheet ``Berkas``: what the file holds that no other sheet shows, so that
``pohon import`` gives back the same tree from the sheets alone.

One row per value: ``kode`` empty for the file's header (``versi``, ``instansi``,
``periode``, ``misi``, ``unit_kerja``...), else the node or indicator it belongs to;
``kunci`` the YAML key; ``nilai`` the value written as pohon writes YAML. What the other
sheets show (uraian, targets, units, budget, definitions) is not repeated here, so an
edit in those sheets is what import reads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pohon_cli.export.sheet import Column, Sheet
from pohon_cli.model import Indicator, Node, Tree

if TYPE_CHECKING:
    from pohon_cli.yaml_writer import Skip

# What `Cascading`, `Anggaran` and `Manual IK` show of a node and of an indicator.
SHOWN_NODE = frozenset(
    {"kode", "jenjang", "uraian", "hasil", "penanggung_jawab", "anggaran", "realisasi_anggaran"}
)
SHOWN_INDICATOR = frozenset(
    {
        "kode",
        "uraian",
        "satuan",
        "target",
        "polaritas",
        "baseline",
        "penanggung_jawab",
        "anggaran",
        "realisasi_anggaran",
        "konsolidasi",
        "definisi",
        "formula",
        "sumber_data",
    }
)

# What ``record`` reads of no node and no indicator, so that `document` never makes it:
# keys the other sheets show, and of an indicator only those that hold no text (a blank
# text is kept, since a blank cell reads as no value) and are not its units (kept when
# they are the node's). Taken from the shown keys, so that a key no longer shown there
# is never left out here.
_UNREAD: Skip = {
    Node: SHOWN_NODE - {"kode"},
    Indicator: SHOWN_INDICATOR
    & {"target", "polaritas", "anggaran", "realisasi_anggaran", "konsolidasi"},
}


def record(tree: Tree) -> Sheet:
    """The header and every node's and indicator's value no other sheet shows."""
    from pohon_cli.yaml_writer import document

    sheet = Sheet(
        "Berkas",
        "berkas",
        (Column("kode", width=22), Column("kunci", width=18), Column("nilai", "long", 60)),
        title="Isi berkas di luar sheet lain (dibaca kembali oleh pohon import)",
    )
    data = document(tree, _UNREAD)
    for key, value in data.items():
        if key != "pohon":
            sheet.rows.append((None, key, _yaml(value)))
    for node in _written(data["pohon"]):
        kode = node["kode"]
        sheet.rows.extend((kode, k, _yaml(v)) for k, v in node.items() if _kept(k, SHOWN_NODE))
        for item in node.get("indikator", ()):
            if "rujuk" in item:
                continue
            for key, value in item.items():
                # units written equal to the node's look the same as none in `Cascading`
                same_units = (
                    key == "penanggung_jawab"
                    and tree.indicator(item["kode"]).owners == tree.nodes[kode].owners
                )
                # an empty or blank text reads back as no value from a cell
                blank = isinstance(value, str) and not value.strip()
                if _kept(key, SHOWN_INDICATOR) or same_units or blank:
                    sheet.rows.append((item["kode"], key, _yaml(value)))
    for kode, found in _digits(tree):
        sheet.rows.append((kode, DIGITS, _yaml(found)))
    return sheet


# The key of a Berkas row that keeps the digits of the numbers a workbook would lose:
# a spreadsheet stores a number as a binary float, and `1.10` reads back as `1.1`.
DIGITS = "angka"


def _digits(tree: Tree) -> Iterator[tuple[str, dict[str, str]]]:
    """Per node or indicator: ``{"target.2025": "1.10", ...}`` for each number whose
    written digits the shortest text of its float does not give back."""
    for node in tree.nodes.values():
        found = _lost({"anggaran": node.budget, "realisasi_anggaran": node.spent})
        if found:
            yield node.code, found
        for indicator in node.indicators:
            values: dict[str, Any] = {
                "target": indicator.written_targets,
                "baseline": indicator.baseline,
                "anggaran": indicator.budget,
                "realisasi_anggaran": indicator.spent,
            }
            found = _lost(values)
            if found:
                yield indicator.code, found


def _lost(values: Mapping[Any, Any], path: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, Decimal):
            text = str(value)
            if _loses(value, text):
                found[_where(path, key)] = text
        elif isinstance(value, Mapping):
            found |= _lost(value, _where(path, key))
        elif isinstance(value, tuple):
            found |= _lost(dict(enumerate(value)), _where(path, key))
    return found


def _where(path: str, key: Any) -> str:
    """The place of ``key`` below ``path``, as a Berkas row names it: ``target.2025``."""
    return f"{path}.{key}" if path else str(key)


# Whether a number's text is lost through a float, by the text: `1.10` and `1.1` are
# equal Decimals, only one of them loses digits. A tree writes the same few numbers
# again and again; at most _KNOWN of them are remembered.
_LOSES: dict[str, bool] = {}
_KNOWN = 1 << 16


def _loses(value: Decimal, text: str) -> bool:
    known = _LOSES.get(text)
    if known is None:
        known = value.is_finite() and str(_as_float(value)) != text
        if len(_LOSES) < _KNOWN:
            _LOSES[text] = known
    return known


def _as_float(value: Decimal) -> Decimal:
    """What a workbook gives back for ``value`` (as ``cells.from_float`` reads it)."""
    from pohon_cli.importer.cells import from_float

    return from_float(float(value))


def _kept(key: str, shown: frozenset[str]) -> bool:
    return key not in shown and key not in ("anak", "indikator")


def _written(nodes: list[Any]) -> Iterator[dict[str, Any]]:
    """Each node written in full (a ``rujuk`` is the same node again), top-down."""
    stack = [iter(nodes)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif "rujuk" not in item:
            yield item
            if item.get("anak"):
                stack.append(iter(item["anak"]))


def _yaml(value: Any) -> str:
    """The value as pohon writes it in YAML, without the line end."""
    from pohon_cli.yaml_writer import dump

    # a list on its own line is written item by item (dump writes a bare one-line list empty)
    return dump(list(value) if isinstance(value, tuple) else value).rstrip("\n")
