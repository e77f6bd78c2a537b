"""A node's or an indicator's budget compared year by year: the pagu (``anggaran``) and the
amount spent (``realisasi_anggaran``), old -> new with the exact difference."""

from __future__ import annotations

from pohon_cli.diff.change import Item, difference, same
from pohon_cli.diff.comparison import Comparison
from pohon_cli.model import Indicator, Node

# YAML key -> attribute, on nodes and indicators alike
BUDGET_KEYS: dict[str, str] = {"anggaran": "budget", "realisasi_anggaran": "spent"}


def compare_budget(
    comparison: Comparison,
    item: Item,
    before: Node | Indicator,
    after: Node | Indicator,
    *,
    node: str | None = None,
) -> None:
    """One ``anggaran`` change per year whose amount differs (written on one side only
    too), with NEW - OLD when both are written; ``field`` says which of the two keys."""
    for key, attr in BUDGET_KEYS.items():
        old, new = getattr(before, attr), getattr(after, attr)
        for year in sorted(set(old) | set(new)):
            a, b = old.get(year), new.get(year)
            if same(a, b):
                continue
            comparison.add(
                "anggaran",
                item,
                was=before.code,
                now=after.code,
                field=key,
                old=a,
                new=b,
                node=node,
                at=(key, year),
                year=year,
                delta=difference(a, b),
            )
