"""Nodes and indicators made without Pydantic's validation (``load/construct.py``) equal
what ``model_validate`` makes of the same values, field by field, in their digits and in
the fields said to be set; anything it cannot make that way it leaves to Pydantic.

Every mapping of every file under tests/ is tried, and values of each kind around the
edges of what the fast path takes (spaces, years, ranges, flags, numbers as kodes)."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from conftest import ROOT
from pydantic import BaseModel, ValidationError

from pohon_cli.load import construct
from pohon_cli.load.parse import parse
from pohon_cli.model import Indicator, Node
from pohon_cli.model.document import DERIVED
from pohon_cli.source import YList, YMap

FILES = sorted(
    p
    for folder in ("tests", "data")
    for p in (ROOT / folder).rglob("*")
    if p.name.endswith((".yaml", ".yml", ".yaml.gz")) and p.stat().st_size < 2_000_000
)


def _mappings(value: Any) -> Iterator[YMap]:
    stack = [value]
    while stack:
        here = stack.pop()
        if isinstance(here, YMap):
            yield here
            stack.extend(here.values())
        elif isinstance(here, YList):
            stack.extend(here)


def _same(made: BaseModel, expected: BaseModel) -> None:
    if isinstance(expected, Indicator):
        # worked out on demand by Pydantic's model, filled in when construct makes one
        for name in DERIVED:
            getattr(expected, name)
    assert made == expected
    assert repr(made.__dict__) == repr(expected.__dict__)
    assert made.model_fields_set == expected.model_fields_set
    assert made.model_dump_json() == expected.model_dump_json()


def _indicator(raw: YMap) -> Indicator | None:
    made = construct.indicator(raw)
    if made is not None:
        _same(made, Indicator.model_validate(raw))
    return made


def _node(raw: YMap) -> None:
    listed: tuple[Indicator, ...] | None = None
    fields = {k: v for k, v in raw.items() if k != "anak"}
    if isinstance(raw.get("indikator"), YList):
        try:
            listed = tuple(Indicator.model_validate(i) for i in raw["indikator"])
        except ValidationError:
            return
        fields["indikator"] = listed
    made = construct.node(raw, listed)
    if made is not None:
        _same(made, Node.model_validate(fields))


def _text(path: Any) -> str:
    data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    return data.decode("utf-8", errors="replace")


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_mapping_as_pydantic_makes_it(path: Any) -> None:
    root, _problems = parse(_text(path), str(path))
    for mapping in _mappings(root):
        _indicator(mapping)
        _node(mapping)


def _parsed(text: str) -> YMap:
    root, problems = parse(text, "t.yaml")
    assert isinstance(root, YMap), problems
    return root


EDGES = [
    "kode: ' A'",
    "kode: 'A '",
    'kode: "A\\nB"',
    'kode: "A\\tB"',
    "kode: 1.10",
    "kode: 0.0000001",
    "kode: ''",
    "kode: 'é'",
    "kode: 'aé'",
    "kode: '" + "x" * 200 + "'",
    "kode: '" + "x" * 201 + "'",
    "kode: <<",
    "kode: null",
    "kode: [A]",
    "uraian: 12",
    "uraian: null",
    "uraian: ''",
    "satuan: null",
    "satuan: 5",
    "polaritas: naik",
    "polaritas: Naik",
    "polaritas: null",
    "baseline: [1, 2]",
    "baseline: [2, 1]",
    "baseline: [1, x]",
    "baseline: [1, 2, 3]",
    "baseline: 1.50",
    "baseline: '1.50'",
    "baseline: null",
    "baseline: {tw1: 1}",
    "target: {2024: 80, 2025: [1, 2], 2026: WTP}",
    "target: {0999: 1}",
    "target: {02024: 1}",
    "target: {'2024': 1}",
    "target: {2024: null}",
    "target: {2024: {tw1: 1, tw2: 2, tw3: 3, tw4: 4}}",
    "target: {abcd: 1}",
    "target: []",
    "target: {}",
    "target: null",
    "realisasi: {2024: 1.0}",
    "anggaran: {2024: 100}",
    "anggaran: {2024: -1}",
    "anggaran: {2024: '1.000'}",
    "realisasi_anggaran: {2024: 0}",
    "penanggung_jawab: A",
    "penanggung_jawab: null",
    "penanggung_jawab: [A, B]",
    "penanggung_jawab: 12",
    "nasional: true",
    "nasional: false",
    "nasional: True",
    "nasional: null",
    "mendukung: X",
    "mendukung: [X, 'Y']",
    "mendukung: []",
    "mendukung: null",
    "pembagian: jumlah",
    "pembagian: semua",
    "konsolidasi: terakhir",
    "misi: [M1, 2]",
    "misi: M1",
    "misi: []",
    "jenis: output",
    "jenis: hasil",
    "hasil: x",
    "kolaborasi: []",
    "kolaborasi: [{berkas: a.yaml, kode: X}]",
    "code: A",
    "description: x",
    "formula: x",
    "extra: 1",
]


@pytest.mark.parametrize("line", EDGES)
def test_edges_as_pydantic_makes_them(line: str) -> None:
    base = {"kode": "K1", "uraian": "u", "jenjang": "program"}
    key = line.split(":", 1)[0]
    lines = [f"{k}: {v}" for k, v in base.items() if k != key] + [line]
    raw = _parsed("\n".join(lines) + "\n")
    if "jenjang" in raw:
        _node(raw)
        del raw["jenjang"]
    _indicator(raw)


def test_the_common_shapes_are_made_here() -> None:
    raw = _parsed(
        "kode: K1.I1\nuraian: Persentase\nsatuan: persen\nbaseline: 1.50\n"
        "target: {2025: 80, 2026: [80, 90]}\npenanggung_jawab: UNIT\n"
    )
    made = _indicator(raw)
    assert made is not None
    assert made.written_targets == {2025: Decimal(80), 2026: (Decimal(80), Decimal(90))}
    node = _parsed("kode: K1\njenjang: program\nuraian: x\nindikator: []\nanak: []\n")
    assert construct.node(node, ()) is not None
