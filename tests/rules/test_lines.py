"""``line_text``: the text of one line, for the exact span of a problem. Lines are found
through an index of where each starts, built a piece of the text at a time; it must give
what splitting the text at every newline gives, wherever the pieces are cut."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pohon_cli.rules import base

_TEXTS = st.lists(st.sampled_from(["a", "bb", "\n", "\n\n", "uraian: é ", "\r\n"]), max_size=40)


def _tree(text: str) -> Any:
    return SimpleNamespace(source=SimpleNamespace(text=text))


@pytest.mark.parametrize("piece", [1, 3, 64, 1 << 20])
@given(parts=_TEXTS)
def test_each_line_as_split_gives_it(piece: int, parts: list[str]) -> None:
    text = "".join(parts)
    lines = text.split("\n")
    old, base._PIECE = base._PIECE, piece
    base._line_starts.cache_clear()
    try:
        for number in range(-1, len(lines) + 3):
            expected = lines[number - 1] if 0 < number <= len(lines) else ""
            assert base.line_text(_tree(text), number) == expected
    finally:
        base._PIECE = old
        base._line_starts.cache_clear()


def test_no_source_no_line() -> None:
    assert base.line_text(SimpleNamespace(source=None), 1) == ""  # type: ignore[arg-type]
