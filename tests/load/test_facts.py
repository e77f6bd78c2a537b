"""The facts of a file (load/facts.py) say what the tree and its positioned source say:
every kode, uraian and place, each indicator's targets exactly as read, and the links."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CASES, DATA

from pohon_cli.load import load_path
from pohon_cli.load.facts import SEPARATOR, Facts, facts_of
from pohon_cli.model import Tree
from pohon_cli.rules.cache import facts_from, facts_json
from pohon_cli.source import unpack

FILES = [
    DATA,
    *sorted((CASES / "workspace").rglob("*.yaml")),
    CASES / "offices" / "renstra_dinas.yaml",
]


def _facts(path: Path) -> tuple[Facts, Tree]:
    tree = load_path(path).tree
    assert tree is not None and tree.source is not None
    return facts_of(tree), tree


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_kode_wording_and_place_is_the_trees(path: Path) -> None:
    facts, tree = _facts(path)
    source = tree.source
    assert source is not None
    nodes = list(tree.nodes.values())
    assert facts.node_codes() == tuple(n.code for n in nodes)
    assert facts.levels == tuple(n.level for n in nodes)
    indicators = [(n, i) for n in nodes for i in n.indicators]
    assert facts.indicator_codes() == tuple(i.code for _n, i in indicators)
    for k, code in enumerate(facts.codes):
        assert unpack(facts.at[k]) == source.at(code, "kode")
        assert unpack(facts.text_at[k]) == source.at(code, "uraian")
    for k, (node, indicator) in enumerate(indicators):
        j = facts.node_count + k
        assert facts.description(j) == indicator.description
        assert facts.codes[facts.indicators_of(nodes.index(node))[0]] == node.indicators[0].code
        assert [(y, v) for y, v, _p in facts.targets_of(j)] == list(indicator.targets.items())
        for year, _value, pos in facts.targets_of(j):
            assert pos == source.at(indicator.code, "target", year)
        assert facts.polarity(j) == indicator.polarity
    for k, node in enumerate(nodes):
        assert facts.description(k) == node.description
        assert tuple(c for c, _at in facts.supports.get(k, ())) == node.supports
        for i, (_code, at) in enumerate(facts.supports.get(k, ())):
            assert unpack(at) == source.at(node.code, "mendukung", i)


def test_each_text_is_found_from_any_offset_inside_it() -> None:
    facts, _tree = _facts(DATA)
    for i in range(len(facts.codes)):
        start = facts.text_start(i)
        text = facts.description(i)
        assert facts.texts[start : start + len(text)] == text
        assert facts.text_index(start) == i
        assert facts.text_index(start + max(0, len(text) - 1)) == i
    assert facts.texts.count(SEPARATOR) == len(facts.codes) - 1


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_facts_come_back_from_the_cache_unchanged(path: Path) -> None:
    facts, _tree = _facts(path)
    back = facts_from(json.loads(json.dumps(facts_json(facts))))
    assert back == facts


def test_a_target_keeps_its_digits_and_its_kind(tmp_path: Path) -> None:
    file = tmp_path / "t.yaml"
    file.write_text(
        "versi: 1\ninstansi: {nama: X}\ntahun: 2025\nperiode: {awal: 2025, akhir: 2026}\n"
        "pohon:\n  - kode: S1\n    jenjang: sasaran\n    uraian: Satu\n    indikator:\n"
        "      - kode: I1\n        uraian: Indeks\n        satuan: indeks\n"
        "        target: {2025: 1.10, 2026: [2.5, 3.00]}\n"
        "      - kode: I2\n        uraian: Predikat\n        satuan: predikat\n"
        "        target: {2025: BB, 2026: A}\n",
        encoding="utf-8",
    )
    facts, _tree = _facts(file)
    back = facts_from(json.loads(json.dumps(facts_json(facts))))
    first = [v for _y, v, _p in back.targets_of(back.indicator("I1") or 0)]
    assert first == [Decimal("1.10"), (Decimal("2.5"), Decimal("3.00"))]
    assert str(first[0]) == "1.10"
    assert [v for _y, v, _p in back.targets_of(back.indicator("I2") or 0)] == ["BB", "A"]
