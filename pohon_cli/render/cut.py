"""Cutting a page too large for its paper into pages that are smaller, so that a tree of
any size prints at a readable size on the sheet asked for.

Pure: which pages to draw instead of one. Whether a page fits is measured at the edge
(``dot`` lays it out); the command cuts again until every page fits or one cannot be cut.
Every box of the page stands on some page after the cut, and each page's heading names
the nodes above its top, so a reader can find where it hangs.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import replace

from pohon_cli.filters import Filter, Selection, select
from pohon_cli.model import Tree
from pohon_cli.render.page import WHOLE_TREE, Origin, Page, draw_part


def cut(
    tree: Tree,
    page: Page,
    *,
    year: int | None = None,
    drawn: Container[str] = (),
    fits: Callable[[Page], bool] | None = None,
) -> list[Page]:
    """The pages to draw instead of ``page``, in file order; empty when it cannot be cut
    (a single node, or a node and one under it).

    With several top nodes: one page for each top and all below it. With one top: a page
    of the top and the levels under it, as many as ``fits`` says the sheet holds (one
    without it), then for each node on its lowest level that has nodes under it a page
    with all of them. A page of a top and the nodes just under it is halved: the top
    with the first half of them, then with the rest. A node in ``drawn`` (given its own
    page already, met again through another parent) gets no second page.
    """
    origin = page.origin or Origin(Filter())
    chosen = origin.chosen
    selection = select(tree, chosen)
    tops = [k for k in selection.roots if _shown(k, selection, origin)]
    if len(tops) > 1:
        parts = [(Origin(replace(chosen, root=k)), False) for k in tops]
        return _pages(tree, page, parts, year, drawn)
    if not tops:
        return []
    top = tops[0]
    kids = [k for k in tree.children.get(top, ()) if _shown(k, selection, origin)]
    if chosen.depth is not None and chosen.depth <= 2:
        if len(kids) < 2:
            return []
        half = (len(kids) + 1) // 2
        return [
            draw_part(tree, replace(origin, only=frozenset((top, *group))), year, page.key)
            for group in (kids[:half], kids[half:])
        ]
    if not kids:
        return []
    levels = _levels(tree, top, selection, origin)
    depth = _upper_depth(tree, page, len(levels), year, fits)
    below = None if chosen.depth is None else chosen.depth - depth + 1
    parts = [(Origin(replace(chosen, root=top, depth=depth)), True)]
    parts += [
        (Origin(replace(chosen, root=k, depth=below)), False)
        for k in levels[depth - 1]
        if any(_shown(g, selection, origin) for g in tree.children.get(k, ()))
    ]
    return _pages(tree, page, parts, year, drawn)


def group_of(page: Page) -> str:
    """The key of the misi or unit page that ``page`` is, or was cut from ("" for the
    whole tree): the pages cut from it are named after it, and a node gets one page in it."""
    if page.origin is not None and page.origin.part_of is not None:
        return page.origin.part_of
    return "" if page.key in (None, WHOLE_TREE) else page.key


def _levels(tree: Tree, top: str, selection: Selection, origin: Origin) -> list[list[str]]:
    """The nodes of the page by their depth under ``top`` (the top alone first), each
    at the shallowest depth it is reached, in file order."""
    levels = [[top]]
    seen = {top}
    while True:
        following = [
            k
            for parent in levels[-1]
            for k in tree.children.get(parent, ())
            if k not in seen and _shown(k, selection, origin)
        ]
        following = list(dict.fromkeys(following))
        if not following:
            return levels
        seen.update(following)
        levels.append(following)


def _upper_depth(
    tree: Tree, page: Page, height: int, year: int | None, fits: Callable[[Page], bool] | None
) -> int:
    """How many levels the top's own page holds: the most that ``fits``, from all but the
    page's lowest level down to two (the top and the nodes just under it)."""
    origin = page.origin or Origin(Filter())
    chosen = origin.chosen
    deepest = height - 1 if chosen.depth is None else min(height, chosen.depth) - 1
    if fits is None:
        return 2
    for depth in range(deepest, 2, -1):
        trial = replace(origin, chosen=replace(chosen, depth=depth))
        if fits(draw_part(tree, trial, year, page.key)):
            return depth
    return 2


def _shown(kode: str, selection: Selection, origin: Origin) -> bool:
    return kode in selection.kept and (origin.only is None or kode in origin.only)


def _pages(
    tree: Tree,
    page: Page,
    parts: Sequence[tuple[Origin, bool]],
    year: int | None,
    drawn: Container[str],
) -> list[Page]:
    """The pages of ``parts`` (each drawn from its top, ``own`` when it is the top's own
    page of the nodes just under it), named after the page they were cut from."""
    base = group_of(page)
    pages: list[Page] = []
    for part, own in parts:
        kode = part.chosen.root
        if kode is None or (not own and kode in drawn) or not select(tree, part.chosen).matched:
            continue
        key = f"{base}-{kode}" if base else kode
        later = replace(part, part_of=base, trail=tuple(_trail(tree, kode)))
        pages.append(draw_part(tree, later, year, key))
    return pages


def _trail(tree: Tree, kode: str) -> list[str]:
    """The nodes above ``kode`` along the first parent of each, top first."""
    trail: list[str] = []
    seen = {kode}
    parents = tree.parents.get(kode, ())
    while parents and parents[0] not in seen:
        seen.add(parents[0])
        trail.append(parents[0])
        parents = tree.parents.get(parents[0], ())
    return trail[::-1]
