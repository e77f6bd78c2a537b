"""The edge that runs Graphviz's real ``dot``: formats, failures, a missing dot, a timeout."""

from __future__ import annotations

from pathlib import Path

import pytest

from pohon_cli.dot import FORMATS, DotError, DotMissing, run_dot

SMALL = 'digraph g { a [label="A"]; a -> b }'


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-"), ("dot", b"digraph")],
)
def test_each_format_makes_its_kind_of_file(fmt: str, magic: bytes) -> None:
    assert FORMATS[fmt](SMALL, 30).data.startswith(magic)


def test_dot_source_needs_no_graphviz(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert FORMATS["dot"](SMALL, 30).data == SMALL.encode()


def test_missing_dot_says_how_to_install_graphviz(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DotMissing) as raised:
        run_dot(SMALL, "svg")
    message = str(raised.value)
    for hint in ("apt-get install graphviz", "brew install graphviz", "winget install graphviz"):
        assert hint in message
    assert "--format dot" in message


def test_broken_source_reports_what_dot_said() -> None:
    with pytest.raises(DotError, match="syntax error"):
        run_dot("digraph { a -> }", "svg")


def test_unknown_format_is_an_error_not_an_empty_file() -> None:
    with pytest.raises(DotError, match="could not draw nosuchformat"):
        run_dot(SMALL, "nosuchformat")


def test_a_layout_that_takes_too_long_is_stopped() -> None:
    # a few thousand crossing edges keep dot busy far longer than the timeout
    edges = " ".join(f"a{i} -> b{(i * 7919) % 3000};" for i in range(3000))
    with pytest.raises(DotError, match="was stopped"):
        run_dot(f"digraph {{ {edges} }}", "svg", timeout=0.05)


def test_text_is_passed_as_utf8() -> None:
    svg = run_dot('digraph { a [label="Ünïcödé 日本語 لوحة"] }', "svg").data.decode()
    assert "Ünïcödé 日本語 لوحة" in svg
