"""The indicators compared by kode: added, removed, re-coded, moved to another node, each
field, and the values per year (a target across plan years, the rest year by year)."""

from __future__ import annotations

from collections.abc import Mapping
from operator import attrgetter

from pohon_cli.diff.budget import BUDGET_KEYS, compare_budget
from pohon_cli.diff.change import Added, Kind, difference, same, shown
from pohon_cli.diff.comparison import Comparison, yaml_keys
from pohon_cli.diff.recode import Candidate, recodes
from pohon_cli.model import Indicator, Value

_KEYS = yaml_keys(Indicator)
# Compared apart: the kode is what matches indicators; values per year, year by year.
_APART = frozenset(("kode", "target", "target_induk", "realisasi", *BUDGET_KEYS))
# An indicator's values per year, by YAML key; the target is compared across plan years,
# the others year by year (target_induk reported as a target, with its own field).
_PER_YEAR = {k: attrgetter(_KEYS[k]) for k in ("target", "target_induk", "realisasi")}
_TARGETS = _PER_YEAR["target"]
_SAME_YEAR: tuple[tuple[str, Kind], ...] = (("target_induk", "target"), ("realisasi", "realisasi"))
# Every field at once: a fast way past the many indicators that did not change.
_indicator_fields = attrgetter(*(a for k, a in _KEYS.items() if k != "kode"))


def compare_indicators(comparison: Comparison) -> dict[str, str]:
    """Every change to an indicator (after the nodes: an indicator of a re-coded node has
    not moved). Returns the indicators that look re-coded, OLD kode -> NEW kode."""
    old, new = comparison.old, comparison.new
    before = {i.code: i for _, i in old.indicators()}
    after = {i.code: i for _, i in new.indicators()}
    gone = [k for k in before if k not in after]
    come = {k for k in after if k not in before}
    recoded = recodes(
        (Candidate(k, old.indicator_node[k], "", before[k].description) for k in gone),
        (Candidate(k, new.indicator_node[k], "", after[k].description) for k in after if k in come),
        comparison.recoded_to,
    )
    back = {b: a for a, b in recoded.items()}
    for kode, indicator in after.items():
        node = new.indicator_node[kode]
        was = back.get(kode, kode)
        if was not in before:
            comparison.add(
                "added",
                "indicator",
                now=kode,
                new=indicator.description,
                node=node,
                added=Added(
                    indicator.unit,
                    tuple((y, shown(v)) for y, v in sorted(indicator.targets.items())),
                    new.owner_of(indicator),
                    new.owners_of(indicator)[1:],
                ),
            )
            continue
        if was != kode:
            comparison.add(
                "recoded",
                "indicator",
                was=was,
                now=kode,
                field="kode",
                old=was,
                new=kode,
                node=node,
                at=("kode",),
            )
        _indicator(comparison, before[was], indicator, node)
    for kode in gone:
        if kode not in recoded:
            node = comparison.to_new(old.indicator_node[kode])
            comparison.add(
                "removed", "indicator", was=kode, old=before[kode].description, node=node
            )
    return recoded


def _indicator(comparison: Comparison, before: Indicator, after: Indicator, node: str) -> None:
    was, kode = before.code, after.code
    old_node = comparison.old.indicator_node[was]
    if comparison.to_new(old_node) != node:
        a, b = (old_node,), (node,)
        comparison.add(
            "moved", "indicator", was=was, now=kode, field="indikator", old=a, new=b, node=node
        )
    # one comparison of all fields, in C; the number 100 never equals the text "100"
    if _indicator_fields(before) == _indicator_fields(after):
        return
    comparison.fields("indicator", before, after, _KEYS, _APART, node=node)
    years = _year_pairs(
        _TARGETS(before), _TARGETS(after), comparison.old.header.year, comparison.new.header.year
    )
    for old_year, year in years:
        _value(comparison, "target", before, after, node, years=(old_year, year))
    for key, kind in _SAME_YEAR:
        values = _PER_YEAR[key]
        for year in sorted(set(values(before)) | set(values(after))):
            _value(comparison, kind, before, after, node, years=(year, year), key=key)
    compare_budget(comparison, "indicator", before, after, node=node)


def _value(
    comparison: Comparison,
    kind: Kind,
    before: Indicator,
    after: Indicator,
    node: str,
    *,
    years: tuple[int, int],
    key: str | None = None,
) -> None:
    """One year of a value per year (``key``, by default the kind's own: target,
    realisasi, or target_induk reported as a target): old -> new, with the difference."""
    old_year, year = years
    key = key or kind
    values = _PER_YEAR[key]
    a, b = values(before).get(old_year), values(after).get(year)
    if same(a, b):
        return
    comparison.add(
        kind,
        "indicator",
        was=before.code,
        now=after.code,
        field=key,
        old=shown(a),
        new=shown(b),
        node=node,
        at=(key, year),
        old_at=(key, old_year),
        year=year,
        old_year=old_year if old_year != year else None,
        delta=difference(a, b),
    )


def _year_pairs(
    before: Mapping[int, Value], after: Mapping[int, Value], old_year: int, new_year: int
) -> list[tuple[int, int]]:
    """Which OLD year to compare with which NEW year.

    Year by year; but when the files are for different plan years (``tahun``) and an
    indicator has a target for its own plan year only on each side, those two are
    compared: a tree rolled over from 2024 to 2025 shows a raised target, not a 2024
    target removed and a 2025 target added for every indicator.
    """
    years = set(before) | set(after)
    pairs: list[tuple[int, int]] = []
    if (
        old_year != new_year
        and old_year in before
        and new_year in after
        and old_year not in after
        and new_year not in before
    ):
        pairs.append((old_year, new_year))
        years -= {old_year, new_year}
    pairs.extend((y, y) for y in sorted(years))
    return pairs
