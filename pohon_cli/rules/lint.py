"""The lint engine: run the enabled rules over a tree, apply severities and suppressions.

Settings arrive resolved (``config.py`` merges defaults, the config file and the command
line); this module reads no configuration and prints nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pohon_cli.gc_pause import gc_paused
from pohon_cli.i18n import Language, _, language, use
from pohon_cli.load import load_path
from pohon_cli.load.facts import Facts, facts_of, reread
from pohon_cli.load.workspace import writes_links
from pohon_cli.model import Tree
from pohon_cli.problem import InputError, Problem, Severity
from pohon_cli.rules import RULES, find_rule, not_a_rule
from pohon_cli.rules.base import Options, OptionValue
from pohon_cli.rules.suppression import UNUSED_SUPPRESSION, Directive, directives

if TYPE_CHECKING:
    from pohon_cli.rules.cache import Cache

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
    return _checked(Task(str(path), settings, language=language()))[0]


@dataclass(frozen=True, slots=True)
class Task:
    """One file to check: with ``want``, its facts for the cross-file rules are built
    whatever it writes (a run of several files); with ``cache`` and ``key``, the result is
    kept there."""

    path: str
    settings: Settings
    want: bool = False
    cache: str | None = None
    key: str | None = None
    # a worker process speaks the language of the command that started it
    language: Language = "en"


def _checked(task: Task) -> tuple[CheckedFile, Facts | None]:
    """A file checked alone, and its facts when a cross-file pass may need them."""
    use(task.language)
    loaded = load_path(task.path)
    problems = list(loaded.problems)
    links = False
    facts = None
    if loaded.tree is not None:
        problems += lint_tree(loaded.tree, task.settings)
        source = loaded.tree.source
        links = source is not None and writes_links(source.text)
        if links or task.want:
            facts = facts_of(loaded.tree)
    report = CheckedFile(loaded.path, tuple(sorted(problems)), task.settings.fail_on, links=links)
    if task.cache is not None and task.key is not None:
        from pohon_cli.rules import cache

        entry = cache.Entry(facts, report.path, report.problems, links, loaded.tree is not None)
        cache.Cache(Path(task.cache)).put(task.key, cache.entry_json(entry))
    return report, facts


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


def check_files(
    jobs: list[tuple[str, Settings]], processes: int, cache: Cache | None = None
) -> list[CheckedFile]:
    """Every file checked alone (in parallel when there are several), then the links
    between them: what ``pohon validate`` reports, in the order given. With ``cache``,
    a file whose bytes and settings are those of an earlier run is not checked again."""
    across = any(settings.enabled & CROSS_CODES for _path, settings in jobs)
    want = across and len(jobs) > 1
    tasks = [Task(path, settings, want, language=language()) for path, settings in jobs]
    found: list[tuple[CheckedFile, Facts | None] | None] = [None] * len(tasks)
    if cache is not None:
        for i, task in enumerate(tasks):
            key = _key(cache, task.path, _canonical(task.settings))
            if key is None:
                continue
            found[i] = _hit(cache.get(key), task)
            tasks[i] = replace(task, cache=str(cache.folder), key=key)
    todo = [i for i, hit in enumerate(found) if hit is None]
    for i, result in zip(todo, _run([tasks[i] for i in todo], processes), strict=True):
        found[i] = result
    results = [hit for hit in found if hit is not None]
    if cache is not None and todo:
        cache.prune()
    reports = [report for report, _facts in results]
    if not across or not any(report.links for report in reports):
        return reports
    return lint_cascade(jobs, results, cache)


def _run(tasks: list[Task], processes: int) -> list[tuple[CheckedFile, Facts | None]]:
    """Check the files, in parallel when there are several; in the order given."""
    workers = min(processes, len(tasks))
    if workers <= 1:
        return [_checked(task) for task in tasks]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # a few files per message: 553 small files are not 553 round trips
    chunk = max(1, min(8, len(tasks) // (workers * 4)))
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(_checked, tasks, chunksize=chunk))
    except (OSError, NotImplementedError, BrokenProcessPool):
        # no processes here (a sandbox, a worker killed for memory): one at a time
        return [_checked(task) for task in tasks]


def _canonical(settings: Settings) -> str:
    """The settings as one text, the same in every run (no set or dict order in it)."""
    options = {
        code: {k: repr(v) for k, v in sorted(o.items())} for code, o in settings.options.items()
    }
    return repr(
        (
            sorted(settings.enabled),
            sorted(settings.severity.items()),
            sorted((code, sorted(o.items())) for code, o in options.items()),
            settings.fail_on,
            settings.inline_suppress,
        )
    )


def _key(cache: Cache, path: str, settings: str | None) -> str | None:
    """The cache key of a file's bytes now; None when it is not a regular file of a size
    the loader reads (a pipe is read once, by the loader) or cannot be read: no shortcut."""
    from pohon_cli.load.read import MAX_BYTES

    try:
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_BYTES:
            return None
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError:
        return None
    return cache.key(path, data, settings)


def _hit(value: Any, task: Task) -> tuple[CheckedFile, Facts | None] | None:
    """A cached result that serves ``task`` (None when it lacks facts the run needs)."""
    from pohon_cli.rules import cache

    entry = cache.entry_from(value)
    if entry is None or (entry.facts is None and entry.loaded and (task.want or entry.links)):
        return None
    report = CheckedFile(entry.path, entry.problems, task.settings.fail_on, links=entry.links)
    return report, entry.facts


def lint_cascade(
    jobs: list[tuple[str, Settings]],
    results: list[tuple[CheckedFile, Facts | None]],
    cache: Cache | None = None,
) -> list[CheckedFile]:
    """The reports with the cross-file rules' problems added to the file each names,
    under that file's settings and suppressions."""
    from pohon_cli.load.workspace import build_facts
    from pohon_cli.rules import cascade

    given = [(path, facts) for (path, _s), (_r, facts) in zip(jobs, results, strict=True)]
    with gc_paused():
        workspace = build_facts(
            ((path, facts) for path, facts in given if os.path.isfile(path)),
            lambda path: _linked(path, cache),
        )
        found: dict[str, list[Problem]] = {}
        for _rule, problem in cascade.run(workspace):
            found.setdefault(problem.file, []).append(problem)
        copies = cascade.replaced_copies(workspace)
    checked: list[CheckedFile] = []
    for (_path, settings), (report, facts) in zip(jobs, results, strict=True):
        if facts is None:
            checked.append(report)
            continue
        added = [
            p
            if p.severity == settings.severity_of(p.code)
            else replace(p, severity=settings.severity_of(p.code))
            for p in found.get(facts.path, [])
            if p.code in settings.enabled
        ]
        if settings.inline_suppress and (added or facts.comments):
            comments = directives(reread(facts.path))
            added = _suppress(added, comments, facts.path, settings, CROSS_CODES)
        # one mistake, one problem: where PK129 names the other office of the cascade, the
        # PK108 said from the file alone at the same place gives way to it; where the
        # parent's file gives a carried indicator's target, PK120's hand-copied
        # `target_induk` gives way to PK126
        named = {(p.line, p.column) for p in added if p.code == "PK129"}
        kept = [
            p
            for p in report.problems
            if not (p.code == "PK108" and (p.line, p.column) in named)
            and not (p.code == "PK120" and (p.file, p.line, p.column) in copies)
        ]
        problems = tuple(sorted((*kept, *added)))
        checked.append(replace(report, problems=problems))
    return checked


def _linked(path: str, cache: Cache | None) -> Facts | None:
    """The facts of a file a link names that was not given: from the cache, or loaded."""
    from pohon_cli.rules import cache as kept

    key = None if cache is None else _key(cache, path, None)
    if cache is not None and key is not None:
        entry = kept.entry_from(cache.get(key))
        if entry is not None:
            return entry.facts
    try:
        tree = load_path(path).tree
    except InputError:
        tree = None
    facts = None if tree is None else facts_of(tree)
    if cache is not None and key is not None:
        cache.put(key, kept.entry_json(kept.Entry(facts)))
    return facts


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
                    _("cannot read this suppression"),
                    _("write `# pohon: disable=CODE -- reason` or `# pohon: disable-file=CODE`"),
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
        if directive.target is None:
            said = _("`{word}` is disabled here but reports nothing in this file", word=word)
        else:
            said = _(
                "`{word}` is disabled here but reports nothing on line {line}",
                word=word,
                line=directive.target,
            )
        notes.append((directive, column, said, _("remove it: what it silenced is gone")))
    code = UNUSED_SUPPRESSION.code
    if code in settings.enabled:
        severity = settings.severity_of(code)
        for directive, column, message, hint in notes:
            kept.append(Problem(path, directive.line, column, code, severity, message, hint))
    return kept
