"""The shared options: each filter is declared once, so every command that takes it
accepts the same values and explains it in the same words."""

from __future__ import annotations

import typer
from typer.core import TyperGroup, TyperOption

from pohon_cli.cli import app

FILTERS = ("--misi", "--unit", "--root", "--depth", "--level", "--year")
# units --unit starts the cascade at a unit: the same name, another meaning, said so
OWN_MEANING = {("units", "--unit")}


def test_every_filter_is_the_same_option_in_every_command() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    seen: dict[str, dict[str, tuple[object, ...]]] = {}
    for name, command in group.commands.items():
        for param in command.params:
            flag = next((o for o in param.opts if o in FILTERS), None)
            if flag is None or (name, flag) in OWN_MEANING:
                continue
            assert isinstance(param, TyperOption)
            # --year says what the year is for in each command; its bounds are shared
            said = param.help if flag != "--year" else None
            shape = (said, param.min, param.max, param.default, param.is_flag)
            seen.setdefault(flag, {})[name] = shape
    assert set(seen) == set(FILTERS)
    assert {"show", "render", "diff", "report"} <= set(seen["--unit"])
    for flag, commands in seen.items():
        assert len(set(commands.values())) == 1, f"{flag} differs between commands: {commands}"
