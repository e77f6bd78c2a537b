"""The one shape of every output format: ``write(result, out, screen)``.

A view (show, stats, a diff, the problems of validate, ...) keeps its formats in a
``FORMATS: dict[str, Writer[Result]]`` keyed by the name ``--format`` takes; adding a
format is adding a function and a line there, never an ``if`` in a command. A writer
writes the whole result on ``out`` and decides nothing else: not the exit code, not
where the text goes. ``screen`` says what ``out`` can show (width, colour, box-drawing);
None means what ``terminal.detect(out)`` finds, for a caller that has not asked.
"""

from __future__ import annotations

from typing import Protocol, TextIO, TypeVar

from pohon_cli.output.terminal import Screen

Result_contra = TypeVar("Result_contra", contravariant=True)


class Writer(Protocol[Result_contra]):
    """One output format of one view."""

    def __call__(
        self, result: Result_contra, out: TextIO, screen: Screen | None = None, /
    ) -> None: ...
