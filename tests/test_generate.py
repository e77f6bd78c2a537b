"""The benchmark's tree generator makes valid trees of the size asked, with shared nodes."""

from __future__ import annotations

from generate import generate

from pohon_cli.load import load_text


def test_generated_tree_is_valid_and_of_the_size_asked() -> None:
    loaded = load_text("".join(generate(500)), "generated.yaml")
    assert loaded.ok and loaded.tree is not None, loaded.problems[:5]
    tree = loaded.tree
    assert 500 <= len(tree.nodes) <= 520
    assert any(len(parents) > 1 for parents in tree.parents.values())
    assert all(len(i.targets) == 5 for _, i in tree.indicators())
