"""The lint engine: run the enabled rules over a tree, apply severities and suppressions.

Settings arrive resolved (``config.py`` merges defaults, the config file and the command
line); this module reads no configuration and prints nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from pohon_cli.gc_pause import gc_paused
from pohon_cli.load import load_path
from pohon_cli.load.workspace import real, writes_links
from pohon_cli.model import Tree
from pohon_cli.problem import InputError, Problem, Severity
from pohon_cli.rules import RULES, find_rule, not_a_rule
from pohon_cli.rules.base import Options, OptionValue
from pohon_cli.rules.suppression import UNUSED_SUPPRESSION, Directive, directives

# the cross-file rules (rules/cascade.py): they run over a workspace, in ``lint_cascade``
CROSS_CODES = frozenset(code for code, rule in RULES.items() if rule.across is not None)

RANK: dict[Severity, int] = {"info": 0, "warning": 1, "error": 2}


def at_least(severity: Severity, threshold: Severity) -> bool:
    return RANK[severity] >= RANK[threshold]


@dataclass(frozen=True, slots=True)
class Settings:
    """What to check in one file, and what makes the run fail."""

    enabled: frozenset[str] = frozenset(RULES)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, OptionValue]] = field(default_factory=dict)
    fail_on: Severity = "error"
    inline_suppress: bool = True

    def options_for(self, code: str) -> Options:
        return Options({**RULES[code].defaults(), **self.options.get(code, {})})

    def severity_of(self, code: str) -> Severity:
        return self.severity.get(code, RULES[code].severity)


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """One checked file: its path, its problems sorted by place (the loader's and the
    rules'), the severity at which they fail a run, and how many problems below it
    ``failing_only`` left out; ``links``, whether its text may link to another file (for
    ``lint_cascade``, which then need not read every file again to know)."""

    path: str
    problems: tuple[Problem, ...]
    fail_on: Severity = "error"
    hidden: int = 0
    links: bool = False

    @property
    def failed(self) -> bool:
        return any(at_least(p.severity, self.fail_on) for p in self.problems)

    def failing_only(self) -> CheckedFile:
        """The same file with only the problems at or above ``fail_on`` (``--quiet``)."""
        kept = tuple(p for p in self.problems if at_least(p.severity, self.fail_on))
        return replace(self, problems=kept, hidden=self.hidden + len(self.problems) - len(kept))


def lint_path(path: str | Path, settings: Settings) -> CheckedFile:
    """Load a file and lint its tree; InputError when it cannot be read at all."""
    loaded = load_path(path)
    problems = list(loaded.problems)
    links = False
    if loaded.tree is not None:
        problems += lint_tree(loaded.tree, settings)
        source = loaded.tree.source
        links = source is not None and writes_links(source.text)
    return CheckedFile(loaded.path, tuple(sorted(problems)), settings.fail_on, links=links)


def lint_tree(tree: Tree, settings: Settings) -> list[Problem]:
    """The problems the enabled rules find, at their configured severity, unsuppressed."""
    # Rules make many small objects and no cycles: with a large tree in memory, the cyclic
    # GC would walk all of it again and again (25 times slower on 100,000 nodes).
    with gc_paused():
        return _run_rules(tree, settings)


def _run_rules(tree: Tree, settings: Settings) -> list[Problem]:
    problems: list[Problem] = []
    for code, rule in RULES.items():
        if code not in settings.enabled or rule.across is not None:
            continue
        severity = settings.severity_of(code)
        options = settings.options_for(code)
        for found in rule.check(tree, options):
            problems.append(
                found if found.severity == severity else replace(found, severity=severity)
            )
    if settings.inline_suppress and tree.source is not None:
        problems = _suppress(problems, directives(tree.source.text), tree.source.path, settings)
    return problems


def check_files(jobs: list[tuple[str, Settings]], processes: int) -> list[CheckedFile]:
    """Every file checked alone (in parallel when there are several), then the links
    between them: what ``pohon validate`` reports, in the order given."""
    return lint_cascade(jobs, lint_all(jobs, processes))


def lint_all(jobs: list[tuple[str, Settings]], processes: int) -> list[CheckedFile]:
    """Lint every file, in parallel when there are several; reports in the order given."""
    workers = min(processes, len(jobs))
    if workers <= 1:
        return [lint_path(path, settings) for path, settings in jobs]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    paths = [path for path, _settings in jobs]
    settings = [settings for _path, settings in jobs]
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(lint_path, paths, settings))
    except (OSError, NotImplementedError, BrokenProcessPool):
        # no processes here (a sandbox, a worker killed for memory): one at a time
        return [lint_path(path, setting) for path, setting in jobs]


def lint_cascade(jobs: list[tuple[str, Settings]], reports: list[CheckedFile]) -> list[CheckedFile]:
    """``reports`` with the cross-file rules' problems added to the file each names, under
    that file's settings and suppressions. Nothing to do, and no file read again, when no
    file given writes a link to another (each file's check has said whether it does)."""
    from pohon_cli.load.workspace import build
    from pohon_cli.rules import cascade

    # a file that did not load is skipped by the cross-file rules: only loaded links count
    if not any(report.links for report in reports):
        return reports
    files = [(path, settings) for path, settings in jobs if os.path.isfile(path)]
    with gc_paused():
        workspace = build((path, _tree(path)) for path, _settings in files)
        found: dict[str, list[Problem]] = {}
        for _rule, problem in cascade.run(workspace):
            found.setdefault(problem.file, []).append(problem)
    checked: list[CheckedFile] = []
    for (path, settings), report in zip(jobs, reports, strict=True):
        office = workspace.offices.get(real(path)) if os.path.isfile(path) else None
        tree = office.tree if office is not None else None
        if tree is None:
            checked.append(report)
            continue
        added = [
            p
            if p.severity == settings.severity_of(p.code)
            else replace(p, severity=settings.severity_of(p.code))
            for p in found.get(tree.source.path if tree.source else path, [])
            if p.code in settings.enabled
        ]
        if settings.inline_suppress and tree.source is not None:
            comments = directives(tree.source.text)
            added = _suppress(added, comments, tree.source.path, settings, CROSS_CODES)
        # one mistake, one problem: where PK129 names the other office of the cascade, the
        # PK108 said from the file alone at the same place gives way to it
        named = {(p.line, p.column) for p in added if p.code == "PK129"}
        kept = [p for p in report.problems if p.code != "PK108" or (p.line, p.column) not in named]
        problems = tuple(sorted((*kept, *added)))
        checked.append(replace(report, problems=problems))
    return checked


def _tree(path: str) -> Tree | None:
    try:
        return load_path(path).tree
    except InputError:
        return None


def _suppress(
    problems: list[Problem],
    comments: list[Directive],
    path: str,
    settings: Settings,
    across: frozenset[str] | None = None,
) -> list[Problem]:
    """Drop what the comments silence; report the comments that silence nothing.

    The cross-file rules' problems are suppressed apart (``across``: their codes), after
    the file's own: a comment is judged unused by the pass whose rules it names, and
    what a comment says wrong is said once, by the file's own pass."""
    if not comments:
        return problems
    # (directive index, code) for every code a directive names
    whole_file: dict[str, list[tuple[int, str]]] = {}
    by_line: dict[tuple[int, str], list[tuple[int, str]]] = {}
    named: list[tuple[int, str, str, int]] = []  # (directive index, code, as written, column)
    # (directive, column, message, hint) of each comment to report
    notes: list[tuple[Directive, int, str, str | None]] = []
    for i, directive in enumerate(comments):
        if directive.malformed and across is None:
            notes.append(
                (
                    directive,
                    directive.column,
                    "cannot read this suppression",
                    "write `# pohon: disable=CODE -- reason` or `# pohon: disable-file=CODE`",
                )
            )
        for word, column in directive.codes:
            rule = find_rule(word)  # never a loader check: those cannot be silenced
            if rule is None:
                if across is None:
                    notes.append((directive, column, not_a_rule(word), None))
                continue
            entry = (i, rule.code)
            if directive.target is None:
                whole_file.setdefault(rule.code, []).append(entry)
            else:
                by_line.setdefault((directive.target, rule.code), []).append(entry)
            named.append((i, rule.code, word, column))
    used: set[tuple[int, str]] = set()
    kept: list[Problem] = []
    for problem in problems:
        hits = whole_file.get(problem.code) or by_line.get((problem.line, problem.code))
        if hits:
            used.update(hits)
        else:
            kept.append(problem)
    for i, code, word, column in named:
        if (i, code) in used or code not in settings.enabled:
            continue  # a rule that did not run silences nothing, and is not to blame
        if (code in CROSS_CODES) != (across is not None):
            continue  # judged by the other pass
        directive = comments[i]
        target = "in this file" if directive.target is None else f"on line {directive.target}"
        notes.append(
            (
                directive,
                column,
                f"`{word}` is disabled here but reports nothing {target}",
                "remove it: what it silenced is gone",
            )
        )
    code = UNUSED_SUPPRESSION.code
    if code in settings.enabled:
        severity = settings.severity_of(code)
        for directive, column, message, hint in notes:
            kept.append(Problem(path, directive.line, column, code, severity, message, hint))
    return kept
