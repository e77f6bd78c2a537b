"""Problems for people: one greppable line each, ``path:line:col: severity [CODE] message``,
grouped by file, then a summary. Coloured on a screen with colour (painted by Rich, see
``terminal``); plain text, without a single escape code, when the output is not a
terminal or NO_COLOR is set."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TextIO

from pohon_cli.output.terminal import RichSegment, Screen, detect, write_rich_lines
from pohon_cli.problem import Problem
from pohon_cli.rules.lint import CheckedFile

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def write(reports: Sequence[CheckedFile], out: TextIO, screen: Screen | None = None) -> None:
    # colour only on a terminal (or with FORCE_COLOR), never when NO_COLOR is set
    # (https://no-color.org) nor on TERM=dumb: the rule of every text view (``detect``)
    if (screen or detect(out)).colour:
        write_rich_lines(_rich_lines(reports), out)
    else:
        _write_plain(reports, out)


def summary(reports: Sequence[CheckedFile]) -> str:
    """ "2 errors, 5 warnings in 3 files" (and the infos, when there are any)."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for report in reports:
        for problem in report.problems:
            counts[problem.severity] += 1
    parts = [_plural(counts["error"], "error"), _plural(counts["warning"], "warning")]
    if counts["info"]:
        parts.append(f"{counts['info']} info")
    return f"{', '.join(parts)} in {_plural(len(reports), 'file')}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _write_plain(reports: Sequence[CheckedFile], out: TextIO) -> None:
    blank = False
    for report in reports:
        if not report.problems:
            continue
        if blank:
            out.write("\n")
        for problem in report.problems:
            out.write(problem.text() + "\n")
        blank = True
    out.write(summary(reports) + "\n")


def _rich_lines(reports: Sequence[CheckedFile]) -> Iterator[list[RichSegment]]:
    blank = False
    for report in reports:
        if not report.problems:
            continue
        if blank:
            yield []
        for problem in report.problems:
            yield _line(problem)
        blank = True
    failed = any(report.failed for report in reports)
    yield [(summary(reports), "bold red" if failed else "bold")]


def _line(problem: Problem) -> list[RichSegment]:
    line: list[RichSegment] = [
        (f"{problem.where()}:", "bold"),
        (" ", ""),
        (problem.severity, _STYLE[problem.severity]),
        (f" [{problem.code}]", "dim"),
        (f" {problem.message}", ""),
    ]
    if problem.hint:
        line.append((f" ({problem.hint})", "dim"))
    return line
