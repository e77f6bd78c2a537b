"""``pohon rules``: the rules' own documentation, as a table of every rule or one rule
(or loader check) in full. Writers of the one shape (``pohon_cli.output.writer``)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TextIO

from pohon_cli.output.terminal import Screen, detect, write_rich_table
from pohon_cli.rules import LOADER_CHECK_HELP, LOADER_CHECKS
from pohon_cli.rules.base import Option, Rule

_WIDTH = 88


def write_table(rules: Iterable[Rule], out: TextIO, screen: Screen | None = None) -> None:
    """Every rule: code, default severity, name and summary."""
    listed = list(rules)
    if (screen or detect(out)).colour:
        rows = ((rule.code, rule.severity, rule.name, rule.summary) for rule in listed)
        write_rich_table(("code", "severity", "name", "summary"), rows, out)
    else:
        width = max(len(rule.name) for rule in listed)
        for rule in listed:
            out.write(f"{rule.code}  {rule.severity:<8} {rule.name:<{width}}  {rule.summary}\n")
    first, last = min(LOADER_CHECKS), max(LOADER_CHECKS)
    out.write(
        f"\n{first}–{last} are the loader's checks: always errors. "
        "`pohon rules CODE` explains one.\n"
    )


def write_rule(rule: Rule, out: TextIO, screen: Screen | None = None) -> None:
    """One rule in full: what, why, its options, and a bad and a good example."""
    out.write(f"{rule.code} {rule.name} (default severity: {rule.severity})\n\n")
    out.write(_wrap(rule.summary) + "\n\n" + _wrap(rule.rationale) + "\n")
    if rule.options:
        out.write(f"\nOptions, under [tool.pohon.rules.{rule.code}]:\n")
        for option in rule.options:
            out.write(f"  {option.name}: {option.help}\n")
            if option.default is not None:
                out.write(_wrap(f"default: {_toml(option)}", indent="      ") + "\n")
    if rule.bad:  # a cross-file rule has none: its example takes several files
        out.write("\nBad:\n\n" + textwrap.indent(rule.bad, "    "))
    if rule.good:
        out.write("\nGood:\n\n" + textwrap.indent(rule.good, "    "))


def write_loader_check(code: str, out: TextIO, screen: Screen | None = None) -> None:
    """A loader check: what it means, what to do, and why no setting silences it."""
    out.write(
        f"{code} (a loader check: always an error)\n\n{LOADER_CHECKS[code]}.\n\n"
        + _wrap(LOADER_CHECK_HELP[code])
        + "\n\n"
        + _wrap(
            "The loader reports it when a file is not a valid pohon file; the lint rules "
            "do not run on a file whose tree cannot be built. It cannot be ignored or "
            "silenced: fix the file."
        )
        + "\n"
    )


def _toml(option: Option) -> str:
    value = option.default
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, _WIDTH, initial_indent=indent, subsequent_indent=indent)
