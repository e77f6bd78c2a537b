"""``pohon validate``: load, check the format and references, run the lint rules, report."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pohon_cli.cli.app import EXIT_OK, EXIT_PROBLEMS, app, fail
from pohon_cli.cli.options import LangOpt, pick, present
from pohon_cli.i18n import N_, _

if TYPE_CHECKING:
    from pohon_cli.problem import Severity


PathsArg = Annotated[
    list[Path],
    typer.Argument(help=N_("Files to check; a directory means every *.yaml / *.yml under it.")),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=N_(
            "text (default), json, github, sarif or junit. With GITHUB_ACTIONS=true "
            "and no --format: text and GitHub annotations."
        ),
    ),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        help=N_("Run only these rules: codes or names, repeated or separated by commas."),
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", help=N_("Do not run these rules: codes or names.")),
]
FailOnOpt = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        help=N_("Exit 1 on a problem of this severity or worse: error (default), warning, info."),
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help=N_("Fail on warnings too: --fail-on warning."))
]
NoInlineSuppressOpt = Annotated[
    bool,
    typer.Option(
        "--no-inline-suppress",
        help=N_("Ignore every `# pohon: disable=` comment (for an audit)."),
    ),
]
QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help=N_(
            "Show only the problems at or above --fail-on (errors by default), in every format."
        ),
    ),
]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help=N_("Files checked at once: 0 (default) for one per CPU core, 1 for one at a time."),
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help=N_(
            "Check every file again: neither read nor write the cache "
            "(.pohon_cache, or $POHON_CACHE_DIR)."
        ),
    ),
]


@app.command()
def validate(
    paths: PathsArg,
    *,
    output_format: FormatOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    strict: StrictOpt = False,
    no_inline_suppress: NoInlineSuppressOpt = False,
    quiet: QuietOpt = False,
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = None,
) -> None:
    r"""Check pohon files: YAML, the format, references between parts, and every lint rule.

    Settings come from the command line, then \[tool.pohon] in pyproject.toml or pohon.toml.

    The nearest such file counts; the defaults fill the rest. `pohon rules` lists the rules.
    """
    from pohon_cli.config import Finder, Overrides, rule_codes, severity_word
    from pohon_cli.output.problems import FORMATS

    if output_format is not None:
        names = [output_format]
    else:
        names = ["text"] + (["github"] if os.environ.get("GITHUB_ACTIONS") == "true" else [])
    writers = [pick(FORMATS, name) for name in names]
    # a word that is not a rule or a severity is a ConfigError: exit 2 with its message
    threshold: Severity | None = None
    if fail_on is not None:
        threshold = severity_word(fail_on, "--fail-on")
    if strict:
        if threshold not in (None, "warning"):
            fail(_("--strict means --fail-on warning: give one or the other"))
        threshold = "warning"
    overrides = Overrides(
        select=None if select is None else rule_codes(_split(select), "--select"),
        ignore=rule_codes(_split(ignore or []), "--ignore"),
        fail_on=threshold,
        inline_suppress=not no_inline_suppress,
    )
    files = once(yaml_files(paths))
    if not files:
        fail(_("no *.yaml or *.yml files found in {paths}", paths=", ".join(map(str, paths))))
    finder = Finder(overrides)
    work = [(str(path), finder.settings_for(path)) for path in files]
    from pohon_cli.rules.cache import Cache, folder_for
    from pohon_cli.rules.lint import check_files

    cache = None if no_cache else Cache(folder_for())
    reports = check_files(work, jobs or os.cpu_count() or 1, cache)
    verdict = EXIT_PROBLEMS if any(r.failed for r in reports) else EXIT_OK
    if quiet:
        reports = [report.failing_only() for report in reports]
    for writer in writers:
        present(writer, reports, verdict)
    raise typer.Exit(verdict)


def yaml_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, with a directory standing for every *.yaml / *.yml file under it
    (not those under a folder whose name starts with a dot, such as .git)."""
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for pattern in ("*.yaml", "*.yml")
                for p in path.rglob(pattern)
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            yield from found
        else:
            yield path


def once(paths: Iterable[Path]) -> list[Path]:
    """Each file once, under the name it was first given: ``x.yaml``, ``./x.yaml``, a
    symbolic link to it and a folder holding it all name one file, checked and reported
    once."""
    seen: set[str] = set()
    kept: list[Path] = []
    for path in paths:
        key = os.path.normcase(os.path.realpath(path))
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


def _split(words: list[str]) -> list[str]:
    """``--select A,B --select C`` → [A, B, C]."""
    return [part.strip() for word in words for part in word.split(",") if part.strip()]
