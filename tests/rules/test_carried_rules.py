"""The rules and an indicator carried down: the same indicator, never a duplicate of
itself, and it measures the node carrying it."""

from __future__ import annotations

from pathlib import Path

from conftest import CASES, run

KOMINFO = CASES / "carried" / "dinas_kominfo.yaml"

# SK1 carries K1's indicator; the copy it replaces was written out in full
COPIED = """\
              - kode: IKK1-SK1
                uraian: Persentase perangkat daerah yang menyerahkan data sektoral
                satuan: persen
                target: {2026: 90}
"""


def test_a_tree_carrying_indicators_down_has_no_warning() -> None:
    """No PK112/PK113 for the carried pair, no PK101 for SK2 whose only indicator is
    carried from P1."""
    assert run("validate", "--strict", KOMINFO).stdout.strip() == ("0 errors, 0 warnings in 1 file")


def test_the_copy_that_carrying_replaces_is_a_duplicate(tmp_path: Path) -> None:
    text = KOMINFO.read_text(encoding="utf-8").replace("              - rujuk: IKK1\n", COPIED)
    path = tmp_path / "salinan.yaml"
    path.write_text(text, encoding="utf-8")
    out = run("validate", path, expect=0).stdout
    assert "[PK112] `IKK1-SK1` has the same uraian as `IKK1`" in out


def test_a_node_without_its_carried_indicator_has_none(tmp_path: Path) -> None:
    text = KOMINFO.read_text(encoding="utf-8").replace(
        "            indikator:\n              - rujuk: IKP1\n", ""
    )
    path = tmp_path / "tanpa.yaml"
    path.write_text(text, encoding="utf-8")
    out = run("validate", path).stdout
    assert "[PK101] the sub_kegiatan `SK2` has no indicator" in out
