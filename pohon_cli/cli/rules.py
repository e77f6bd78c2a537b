"""``pohon rules``: list the lint rules, or explain one with a bad and a good example."""

from __future__ import annotations

from typing import Annotated

import typer

from pohon_cli.cli.app import app, fail
from pohon_cli.cli.options import LangOpt, present
from pohon_cli.i18n import N_


@app.command("rules")
def rules_command(
    code: Annotated[
        str | None,
        typer.Argument(
            help=N_("A rule's code or name (e.g. PK108, other-institution): explain it.")
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """List the lint rules (code, severity, summary), or explain one."""
    from pohon_cli.output.views import rules as view
    from pohon_cli.rules import LOADER_CHECKS, RULES, find_rule, not_a_rule

    if code is None:
        present(view.write_table, RULES.values())
        return
    if code.upper() in LOADER_CHECKS:
        present(view.write_loader_check, code.upper())
        return
    rule = find_rule(code)
    if rule is None:
        fail(not_a_rule(code))
    present(view.write_rule, rule)
