"""Properties over generated trees and texts (Hypothesis).

A valid tree survives emit and load unchanged, every YAML reader reads its texts as texts,
and every command answers it. A broken one (wrong types, unknown keys, bad references,
duplicate kodes, level inversions, missing keys) gets the problem it has, at a line and
column inside the file, from the loader and from every command: never an exception.
``make test`` runs the "ci" profile (few examples, the same every run); ``make fuzz``
runs the "long" one.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import fuzz
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from trees import BREAKERS, loadable, snapshot, trees

from pohon_cli.load import load_bytes, load_text
from pohon_cli.problem import Problem
from pohon_cli.yaml_writer import document, dump, to_yaml

HEADER = """\
versi: 1
instansi: {nama: Kantor Contoh}
tahun: 2024
misi: [{kode: M1, uraian: Misi satu}]
pohon: []
"""
# Running the commands costs more than loading: fewer examples, in the same proportion.
FEWER = max(5, settings().max_examples // 4)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def inside(problems: list[Problem], text: str) -> None:
    """Every problem points at a line of the text, and at most one past its last column."""
    lines = text.split("\n")
    for problem in problems:
        assert 1 <= problem.line <= len(lines), problem
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, problem


# -- valid trees


@given(trees())
def test_a_valid_tree_survives_emit_and_load(tree: Any) -> None:
    text = to_yaml(tree)
    loaded = load_text(text, "t.yaml")
    assert loaded.problems == []
    assert loaded.tree is not None
    assert loaded.tree == tree
    assert snapshot(loaded.tree) == snapshot(tree)
    assert to_yaml(loaded.tree) == text


def same_texts(ours: Any, theirs: Any) -> None:
    """What YAML 1.1 reads is text wherever the tree holds text, and the same text."""
    if isinstance(ours, str):
        assert theirs == ours and isinstance(theirs, str)
    elif isinstance(ours, bool):
        assert theirs is ours
    elif isinstance(ours, Decimal | int):
        assert isinstance(theirs, int | float) and not isinstance(theirs, bool)
    elif isinstance(ours, dict):
        assert isinstance(theirs, dict) and list(theirs) == list(ours)
        for key, value in ours.items():
            same_texts(value, theirs[key])
    else:
        assert isinstance(theirs, list) and len(theirs) == len(ours)
        for mine, other in zip(ours, theirs, strict=True):
            same_texts(mine, other)


@given(trees())
def test_every_yaml_reader_reads_texts_as_texts(tree: Any) -> None:
    same_texts(document(tree), yaml.safe_load(to_yaml(tree)))


@given(st.text(st.characters(codec="utf-8")))
def test_any_text_is_read_back_as_written_or_refused_at_its_place(text: str) -> None:
    written = dump({"visi": text})
    assert yaml.safe_load(written) == {"visi": text}
    loaded = load_text(HEADER + written, "t.yaml")
    if loadable(text):
        assert loaded.tree is not None, loaded.problems
        assert loaded.tree.header.vision == text
    else:  # a control character: refused where the text starts
        assert [(p.code, p.line, p.column) for p in loaded.problems] == [("PK002", 6, 7)]


@settings(max_examples=FEWER)
@given(trees(max_nodes=6))
def test_every_command_answers_a_valid_tree(folder: Path, tree: Any) -> None:
    path = folder / "valid.yaml"
    path.write_text(to_yaml(tree), encoding="utf-8")
    assert fuzz.check(path, path, random.Random(len(tree.nodes))) == []


# -- broken trees


@given(trees(), st.sampled_from(sorted(BREAKERS)), st.data())
def test_a_broken_tree_gets_its_problem_inside_the_file(
    tree: Any, how: str, data: st.DataObject
) -> None:
    doc = document(tree)
    code = BREAKERS[how](doc, data.draw)
    assume(code is not None)
    text = dump(doc)
    loaded = load_text(text, "t.yaml")
    assert not loaded.ok
    assert code in {p.code for p in loaded.problems}, loaded.problems
    inside(loaded.problems, text)


@settings(max_examples=FEWER)
@given(trees(max_nodes=6), st.sampled_from(sorted(BREAKERS)), st.data())
def test_every_command_answers_a_broken_tree_with_exit_1(
    folder: Path, tree: Any, how: str, data: st.DataObject
) -> None:
    valid = folder / "valid.yaml"
    valid.write_text(to_yaml(tree), encoding="utf-8")
    doc = document(tree)
    assume(BREAKERS[how](doc, data.draw) is not None)
    broken = folder / "broken.yaml"
    broken.write_text(dump(doc), encoding="utf-8")
    assert fuzz.check(broken, valid, random.Random(len(tree.nodes))) == []


# -- any bytes at all

YAML_BITS = st.sampled_from(
    [
        "versi: 1\n",
        "pohon:\n",
        "  - kode: A\n",
        "    jenjang: tujuan\n",
        "    anak:\n",
        "      - rujuk: A\n",
        "- ",
        "  ",
        "\t",
        ": ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "&a ",
        "*a ",
        "!!str ",
        "<<: ",
        "? ",
        "|\n",
        ">-\n",
        "'",
        '"',
        "#",
        "---\n",
        "\n",
        "\r\n",
        "\r",
        "\u2028",
        "\x85",
        "\ufeff",
        "\x00",
        "é",
        "1.10",
        "no",
        "2024",
    ]
)


@given(st.lists(YAML_BITS, max_size=40).map("".join))
def test_any_yaml_like_text_gets_problems_inside_it_never_an_exception(text: str) -> None:
    loaded = load_text(text, "t.yaml")
    inside(loaded.problems, text)
    assert loaded.ok or loaded.problems


@given(st.binary(max_size=300))
def test_any_bytes_get_an_answer_never_an_exception(data: bytes) -> None:
    loaded = load_bytes(data, "t.yaml")
    inside(loaded.problems, data.decode("utf-8", "replace"))
    assert loaded.ok or loaded.problems
