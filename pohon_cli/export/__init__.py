"""The tree as the spreadsheets planners exchange: the cascading matrix, the indicator
manual (*manual IK*), accountability per unit kerja, and the achievement of a year.

Pure: a tree in, sheets of typed cells out; writing them (xlsx, CSV, Markdown) is the
output layer's. Every sheet has fixed headers in a fixed order and its rows in the order
of the file, so that the same tree always gives the same sheets and a later import can
read them back by header. Each column has two names: its ``header``, the key a program
reads (CSV), and its ``label``, the words a planner prints (the workbook, Markdown).
"""

from __future__ import annotations

from pohon_cli.export.plan import accountability, cascading, manual, plan_years, quarterly_years
from pohon_cli.export.results import achievement, budgets, summaries
from pohon_cli.export.sheet import (
    LABELS,
    Cell,
    Column,
    Cover,
    Kind,
    Sheet,
    cover,
    label,
    units_cell,
    value_cell,
)
from pohon_cli.model import Tree
from pohon_cli.report import Report

__all__ = [
    "LABELS",
    "Cell",
    "Column",
    "Cover",
    "Kind",
    "Sheet",
    "accountability",
    "achievement",
    "budgets",
    "cascading",
    "cover",
    "label",
    "manual",
    "plan_years",
    "quarterly_years",
    "sheets",
    "summaries",
    "units_cell",
    "value_cell",
]


def sheets(tree: Tree, report: Report | None = None) -> list[Sheet]:
    """Every sheet of the workbook, the achievement ones only when ``report`` has a
    realisasi to show, the budget last when a node or indicator has one."""
    found = [cascading(tree), manual(tree), accountability(tree)]
    if report is not None and any(r.written is not None for r in report.rows):
        found += [achievement(report), summaries(report)]
    budget = budgets(tree)
    if budget.rows:
        found.append(budget)
    return found
