"""An indicator's derived values are computed once and kept (the model is frozen): the
kept values must be those computed afresh, and must not show in what the model writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES

from pohon_cli.load import load_path
from pohon_cli.model.document import Indicator, _per_year
from pohon_cli.rules.base import has_values, values_of

ROOT = Path(__file__).resolve().parents[2]
TREES = [
    ROOT / "data" / "pohon_kinerja.yaml",
    CASES / "report" / "target_triwulan.yaml",
    CASES / "workspace_report" / "kabupaten" / "kpu_a.yaml",
]


def _indicators(path: Path) -> list[Indicator]:
    tree = load_path(str(path)).tree
    assert tree is not None
    return [indicator for _node, indicator in tree.indicators()]


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.name)
def test_kept_values_are_those_computed_afresh(path: Path) -> None:
    for indicator in _indicators(path):
        dumped = indicator.model_dump()
        # the same fields, nothing computed yet
        fresh = Indicator.model_construct(
            **{name: getattr(indicator, name) for name in Indicator.model_fields}
        )
        assert indicator.targets == _per_year(indicator.written_targets, indicator.consolidation)
        assert indicator.targets is indicator.targets
        assert indicator.actuals == fresh.actuals
        assert indicator.parent_targets == fresh.parent_targets
        assert indicator.overall_polarity == fresh.overall_polarity
        # what the model writes and how it compares are unchanged by what it keeps
        assert indicator.model_dump() == dumped
        assert indicator == fresh


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.name)
def test_value_kinds_tell_which_values_are_there(path: Path) -> None:
    for indicator in _indicators(path):
        for kind in (str, tuple, object):
            assert has_values(indicator, kind) == any(True for _v in values_of(indicator, kind))
