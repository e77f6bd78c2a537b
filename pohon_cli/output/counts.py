"""Counted words the views share (``24 nodes``, ``1 indicator``), each in the language
pohon speaks: a count and its noun are one text, never a noun with an ``s`` added."""

from __future__ import annotations

from pohon_cli.i18n import n_


def nodes(count: int) -> str:
    return n_("{count} node", "{count} nodes", count)


def indicators(count: int) -> str:
    return n_("{count} indicator", "{count} indicators", count)


def errors(count: int) -> str:
    return n_("{count} error", "{count} errors", count)


def warnings(count: int) -> str:
    return n_("{count} warning", "{count} warnings", count)


def problems(count: int) -> str:
    return n_("{count} problem", "{count} problems", count)


def offices(count: int) -> str:
    return n_("{count} office", "{count} offices", count)
