"""Read a pohon file: path → bytes → text → positioned values → models → Tree, or problems.

One module per step, in the order the data goes through them: ``read`` (bytes, within
limits; ``gitfile`` for ``REV:PATH``), ``decode`` (UTF-8, control characters), ``parse``
(YAML events, the only place that touches PyYAML), ``build`` (models; ``wording`` says
Pydantic's errors in a planner's words) and ``references`` (PK020–PK024). Every problem
is a ``Problem`` at a line and column; nothing here raises on bad data, only on a file
that cannot be read at all (InputError).
"""

from __future__ import annotations

from pathlib import Path

from pohon_cli.gc_pause import gc_paused
from pohon_cli.i18n import _
from pohon_cli.load.build import MAX_TREE_DEPTH, Loaded, build
from pohon_cli.load.decode import control_character, decode
from pohon_cli.load.parse import (
    ALIAS_ALLOWANCE,
    MAX_CONTAINERS,
    MAX_VALUES,
    YAML_MAX_DEPTH,
    parse,
)
from pohon_cli.load.read import MAX_BYTES, PIPE_WAIT_STEPS, read_bytes
from pohon_cli.load.wording import level_name
from pohon_cli.problem import TOO_LARGE, WRONG_VALUE, YAML_SYNTAX, error_at
from pohon_cli.source import YMap

__all__ = [
    "ALIAS_ALLOWANCE",
    "MAX_BYTES",
    "MAX_CONTAINERS",
    "MAX_TREE_DEPTH",
    "MAX_VALUES",
    "PIPE_WAIT_STEPS",
    "YAML_MAX_DEPTH",
    "Loaded",
    "decode",
    "level_name",
    "load_bytes",
    "load_path",
    "load_text",
    "read_bytes",
]


def load_path(path: str | Path) -> Loaded:
    """Load one file; InputError when it cannot be read (missing, a directory, no permission)."""
    return load_bytes(read_bytes(path), str(path))


def load_bytes(data: bytes, name: str) -> Loaded:
    text, problem = decode(data, name)
    if problem is not None:
        return Loaded(name, None, [problem])
    return load_text(text, name)


def load_text(text: str, name: str) -> Loaded:
    refused = control_character(text, name)
    if refused is not None:
        return Loaded(name, None, [refused])
    # building millions of small objects would run the cyclic GC over and over
    with gc_paused():
        document, problems = parse(text, name)
        if any(p.code in (YAML_SYNTAX, TOO_LARGE) for p in problems) or (
            problems and document is None
        ):
            return Loaded(name, None, problems)
        if not isinstance(document, YMap):
            where = getattr(document, "pos", (1, 1))
            if document is None:
                message = _(
                    "the file must be a mapping with versi, instansi, tahun and pohon at the "
                    "top (and visi, misi when the office has its own), but it is empty"
                )
            else:
                message = _(
                    "the file must be a mapping with versi, instansi, tahun and pohon at the "
                    "top (and visi, misi when the office has its own)"
                )
            hint = _("see the format in docs/format.md")
            problem = error_at(name, where, WRONG_VALUE, message, hint)
            return Loaded(name, None, [problem])
        loaded = build(name, text, document)
        if not problems:
            return loaded
        # duplicate keys, tags and merge keys were dropped: report them, build no tree
        return Loaded(name, None, sorted(problems + loaded.problems))
