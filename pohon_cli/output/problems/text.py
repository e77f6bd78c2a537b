"""Problems for people: one greppable line each, ``path:line:col: severity [CODE] message``,
then a summary that says where the errors are. Files come in the order named; within a
file the errors come first, then the warnings, then the infos, each in line order, so that
one error is never lost among many warnings. Coloured on a screen with colour (painted by
Rich, see ``terminal``); plain text, without a single escape code, when the output is not
a terminal or NO_COLOR is set."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TextIO

from pohon_cli.i18n import _, n_
from pohon_cli.output import counts as said
from pohon_cli.output.terminal import RichSegment, Screen, detect, write_rich_lines
from pohon_cli.problem import Problem, Severity, printable
from pohon_cli.rules.lint import RANK, CheckedFile

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# how many lines with errors the summary names before "and N more"
PLACES_NAMED = 5


def write(reports: Sequence[CheckedFile], out: TextIO, screen: Screen | None = None) -> None:
    # colour only on a terminal (or with FORCE_COLOR), never when NO_COLOR is set
    # (https://no-color.org) nor on TERM=dumb: the rule of every text view (``detect``)
    if (screen or detect(out)).colour:
        write_rich_lines(_rich_lines(reports), out)
    else:
        _write_plain(reports, out)


def worst_first(problems: Sequence[Problem]) -> list[Problem]:
    """Errors, then warnings, then infos; each in the order of the file."""
    return sorted(problems, key=lambda p: (-RANK[p.severity], p))


def summary(reports: Sequence[CheckedFile]) -> str:
    """``2 errors (data/x.yaml:15, 40), 5 warnings in 3 files`` (and the infos when there
    are any, and what ``--quiet`` left out)."""
    counts: dict[Severity, int] = {"error": 0, "warning": 0, "info": 0}
    for report in reports:
        for problem in report.problems:
            counts[problem.severity] += 1
    hidden = sum(report.hidden for report in reports)
    errors = said.errors(counts["error"])
    if counts["error"]:
        errors += f" ({error_places(reports)})"
    parts = [errors]
    if counts["warning"] or not hidden:
        parts.append(said.warnings(counts["warning"]))
    if counts["info"]:
        parts.append(n_("{count} info", "{count} info", counts["info"]))
    files = n_("{count} file", "{count} files", len(reports))
    text = _("{problems} in {files}", problems=", ".join(parts), files=files)
    if hidden:
        text += "; " + _("{hidden} below --fail-on not shown (--quiet)", hidden=hidden)
    return text


def error_places(reports: Sequence[CheckedFile], limit: int = PLACES_NAMED) -> str:
    """The lines with errors, ``a.yaml:15, 40; b.yaml:3``, the first ``limit`` of them and
    then ``and N more lines``."""
    places = [
        (report.path, line)
        for report in reports
        for line in dict.fromkeys(p.line for p in report.problems if p.severity == "error")
    ]
    files: dict[str, list[str]] = {}
    for path, line in places[:limit]:
        files.setdefault(path, []).append(str(line))
    named = "; ".join(f"{printable(path)}:{', '.join(lines)}" for path, lines in files.items())
    more = len(places) - limit
    if more <= 0:
        return named
    return named + " " + n_("and {count} more line", "and {count} more lines", more)


def _write_plain(reports: Sequence[CheckedFile], out: TextIO) -> None:
    blank = False
    for report in reports:
        if not report.problems:
            continue
        if blank:
            out.write("\n")
        for problem in worst_first(report.problems):
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
        for problem in worst_first(report.problems):
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
