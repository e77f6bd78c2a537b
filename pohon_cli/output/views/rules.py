"""``pohon rules``: the rules' own documentation, as a table of every rule or one rule
(or loader check) in full. Writers of the one shape (``pohon_cli.output.writer``).

The rules' summaries, rationales and option help are marked with ``N_`` where each rule
is defined, and translated here, where they are shown."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TextIO

from pohon_cli.i18n import _, tr
from pohon_cli.output.terminal import Screen, detect, write_rich_table
from pohon_cli.rules import LOADER_CHECK_HELP, LOADER_CHECKS
from pohon_cli.rules.base import Option, Rule

_WIDTH = 88


def write_table(rules: Iterable[Rule], out: TextIO, screen: Screen | None = None) -> None:
    """Every rule: code, default severity, name and summary."""
    listed = list(rules)
    if (screen or detect(out)).colour:
        rows = ((rule.code, rule.severity, rule.name, tr(rule.summary)) for rule in listed)
        write_rich_table((_("code"), _("severity"), _("name"), _("summary")), rows, out)
    else:
        width = max(len(rule.name) for rule in listed)
        for rule in listed:
            summary = tr(rule.summary)
            out.write(f"{rule.code}  {rule.severity:<8} {rule.name:<{width}}  {summary}\n")
    said = _(
        "{first}–{last} are the loader's checks: always errors. `pohon rules CODE` explains one.",
        first=min(LOADER_CHECKS),
        last=max(LOADER_CHECKS),
    )
    out.write(f"\n{said}\n")


def write_rule(rule: Rule, out: TextIO, screen: Screen | None = None) -> None:
    """One rule in full: what, why, its options, and a bad and a good example."""
    out.write(
        _(
            "{code} {name} (default severity: {severity})",
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
        )
        + "\n\n"
    )
    out.write(_wrap(tr(rule.summary)) + "\n\n" + _wrap(rule.explained()) + "\n")
    if rule.options:
        out.write("\n" + _("Options, under [tool.pohon.rules.{code}]:", code=rule.code) + "\n")
        for option in rule.options:
            out.write(f"  {option.name}: {tr(option.help)}\n")
            if option.default is not None:
                default = _("default: {value}", value=_toml(option))
                out.write(_wrap(default, indent="      ") + "\n")
    if rule.bad:  # a cross-file rule has none: its example takes several files
        out.write("\n" + _("Bad:") + "\n\n" + textwrap.indent(rule.example("bad"), "    "))
    if rule.good:
        out.write("\n" + _("Good:") + "\n\n" + textwrap.indent(rule.example("good"), "    "))


def write_loader_check(code: str, out: TextIO, screen: Screen | None = None) -> None:
    """A loader check: what it means, what to do, and why no setting silences it."""
    out.write(
        _("{code} (a loader check: always an error)", code=code)
        + f"\n\n{tr(LOADER_CHECKS[code])}.\n\n"
        + _wrap(tr(LOADER_CHECK_HELP[code]))
        + "\n\n"
        + _wrap(
            _(
                "The loader reports it when a file is not a valid pohon file; the lint rules "
                "do not run on a file whose tree cannot be built. It cannot be ignored or "
                "silenced: fix the file."
            )
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
