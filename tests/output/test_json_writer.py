"""The fast JSON writer writes the very bytes ``json.dumps(value, indent=2)`` writes, and
``tables.write_json`` the very bytes its encoder-and-marker predecessor wrote."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import pytest
from conftest import CASES, DATA
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from pohon_cli.cli import app
from pohon_cli.model import number_text
from pohon_cli.output import json_writer, tables

# every code point: control characters, quotes, backslashes, non-ASCII, lone surrogates
# (a file name that is not UTF-8 comes in surrogate-escaped: "\udcff")
CHARACTERS = st.characters(exclude_categories=())
TEXTS = st.one_of(
    st.text(CHARACTERS, max_size=12),
    st.sampled_from(["", "\x00", "\x1f\x7f", '"\\/', "\u2028\u2029", "\udcff.yaml", "é漢😀"]),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    TEXTS,
)
KEYS = st.one_of(TEXTS, st.integers(), st.floats(), st.booleans(), st.none())


def nested(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=5),
            st.lists(inner, max_size=3).map(tuple),
            st.dictionaries(KEYS, inner, max_size=5),
        ),
        max_leaves=40,
    )


def written(value: Any, **options: Any) -> str:
    out = io.StringIO()
    json_writer.write(value, out, **options)
    return out.getvalue()


@given(nested(SCALARS), st.booleans())
def test_the_bytes_of_json_dumps(value: Any, ensure_ascii: bool) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=ensure_ascii)
    assert written(value, ensure_ascii=ensure_ascii) == expected


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        (),
        "",
        0,
        -0.0,
        float("nan"),
        float("-inf"),
        True,
        None,
        {"a": {}, "b": [], "c": [{}], "d": [[]], "e": {"f": {"g": [1, [2, {}]]}}},
        {1: "int key", 2.5: "float key", False: "bool key", None: "null key", "s": "str"},
        [{"kode": "A"}, {"kode": "A"}, {"kode": "B", "anak": [{"kode": "A"}]}],
        {"\udcff.yaml": "\ud800", "é": "漢字", "tab\tand\nnewline": "\x00\x01\x1f\x7f"},
    ],
)
def test_edges(value: Any) -> None:
    for ensure_ascii in (True, False):
        expected = json.dumps(value, indent=2, ensure_ascii=ensure_ascii)
        assert written(value, ensure_ascii=ensure_ascii) == expected


def test_what_json_dumps_refuses_it_refuses() -> None:
    for value in ({(1, 2): 3}, {"a": {1, 2}}, [b"bytes"], Decimal(1)):
        with pytest.raises(TypeError):
            json.dumps(value, indent=2)
        with pytest.raises(TypeError):
            written(value)


# tables.write_json as it was: Decimals marked by json's default hook, unmarked after
_MARKED = re.compile(r'"\\u0000(-?[0-9.]+(?:E[-+]?[0-9]+)?)"')


def _mark(value: object) -> str:
    if isinstance(value, Decimal):
        return f"\x00{number_text(value)}"
    raise TypeError(f"{type(value).__name__} is not JSON")


def reference(data: Any) -> str:
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, default=_mark)
    chunks = encoder.iterencode(data)
    return "".join(_MARKED.sub(r"\1", c) if "\\u0000" in c else c for c in chunks) + "\n"


DECIMALS = st.one_of(
    st.decimals(),
    st.decimals(places=2, min_value=-1000, max_value=1000),
    st.sampled_from([Decimal("1.10"), Decimal("0.0000001"), Decimal("1E+5"), Decimal("-0")]),
)


@given(
    nested(st.one_of(SCALARS.filter(lambda v: not (isinstance(v, str) and "\x00" in v)), DECIMALS))
)
def test_decimals_as_tables_wrote_them(value: Any) -> None:
    # text never holds a NUL (the loader refuses one), which the marker relied on
    assert tables.json_text(value) == reference(value)


def _cases() -> list[Path]:
    return [DATA, *sorted(p for p in CASES.rglob("*.yaml") if "import" not in p.parts)]


@pytest.mark.parametrize("path", _cases(), ids=lambda p: str(p.relative_to(DATA.parent.parent)))
def test_show_json_of_every_fixture(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    keep = tables.write_json

    def recording(data: Any, out: TextIO) -> None:
        seen.append(data)
        keep(data, out)

    monkeypatch.setattr(tables, "write_json", recording)
    result = CliRunner().invoke(app, ["show", "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 0:
        assert len(seen) == 1 and result.stdout == reference(seen[0])
