"""Which language a command speaks, and Typer's and Click's own words in it.

The language is chosen before the command line is parsed, since a usage error is said in
it: ``--lang``, then ``POHON_LANG``, then ``bahasa`` in the configuration found from the
folder pohon runs in upward, then the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``),
else English.

Typer keeps its own copy of Click, whose messages are plain English text: its help
panels' titles are put through the catalogue here, and its usage errors are matched
against the few forms it writes and said again whole in the chosen language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pohon_cli.i18n import LANGUAGES, N_, Language, _, choose_from_locale, tr


class LanguageError(Exception):
    """``--lang``, ``POHON_LANG`` or ``bahasa`` names a language pohon does not speak."""


def choose(args: Sequence[str], environ: Mapping[str, str], folder: Path) -> Language:
    """The language of this run; LanguageError for a value that names none."""
    given = _from_arguments(args)
    if given is not None:
        return _checked(given, "--lang")
    told = environ.get("POHON_LANG", "")
    if told:
        return _checked(told, "POHON_LANG")
    from pohon_cli.config_files import bahasa_near

    said = bahasa_near(folder)
    if said is not None:
        where, value = said
        return _checked(value, f"{where}: `bahasa`")
    return choose_from_locale(environ) or "en"


def _from_arguments(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` before ``--`` (a later one wins, as for options)."""
    found: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang":
            # a missing value is click's own error when it parses the line
            found = args[i + 1] if i + 1 < len(args) else found
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def _checked(value: object, where: str) -> Language:
    for language in LANGUAGES:
        if value == language:
            return language
    from pohon_cli.config_files import bahasa_problem

    raise LanguageError(f"{where} {bahasa_problem(value)}")


LANG_HELP = N_("The language pohon speaks: id (Bahasa Indonesia) or en (English).")

# -- Typer's and Click's words ----------------------------------------------------------------

# typer.rich_utils's titles and notes, by name: English, as typer defines them
_RICH_WORDS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
}
HELP_OPTION = N_("Show this message and exit.")
USAGE = N_("Usage: ")


def _translated(pattern: str, say: Callable[[re.Match[str]], str]) -> Callable[[str], str | None]:
    def translate(message: str) -> str | None:
        # compiled at the first usage error, not when every command starts
        match = re.fullmatch(pattern, message, re.DOTALL)
        return say(match) if match else None

    return translate


def _kind(word: str) -> str:
    return {"argument": _("argument"), "option": _("option"), "parameter": _("parameter")}.get(
        word, word
    )


# Click's usage errors, as the vendored click writes them, each said again whole
_USAGE_ERRORS = (
    _translated(
        r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)",
        lambda m: _(
            "No such option: {name} (Possible options: {options})",
            name=m["name"],
            options=m["options"],
        ),
    ),
    _translated(
        r"No such option: (?P<name>.+)", lambda m: _("No such option: {name}", **m.groupdict())
    ),
    _translated(r"Missing command\.", lambda m: _("Missing command.")),
    _translated(
        r"No such command '(?P<name>.+)'\.",
        lambda m: _("No such command '{name}'.", **m.groupdict()),
    ),
    _translated(
        r"Missing (?P<kind>argument|option|parameter) (?P<name>.+?)\.",
        lambda m: _("Missing {kind} {name}.", kind=_kind(m["kind"]), name=m["name"]),
    ),
    _translated(
        r"Got unexpected extra argument\(s\) \((?P<words>.*)\)",
        lambda m: _("Got unexpected extra argument(s) ({words})", **m.groupdict()),
    ),
    _translated(
        r"Option '(?P<name>.+)' requires an argument\.",
        lambda m: _("Option '{name}' requires an argument.", **m.groupdict()),
    ),
    _translated(
        r"Option '(?P<name>.+)' requires (?P<count>\d+) arguments\.",
        lambda m: _("Option '{name}' requires {count} arguments.", **m.groupdict()),
    ),
    _translated(
        r"Option '(?P<name>.+)' does not take a value\.",
        lambda m: _("Option '{name}' does not take a value.", **m.groupdict()),
    ),
    _translated(
        r"Invalid value for (?P<name>.+?): (?P<reason>.+)",
        lambda m: _(
            "Invalid value for {name}: {reason}", name=m["name"], reason=_reason(m["reason"])
        ),
    ),
    _translated(
        r"Invalid value: (?P<reason>.+)", lambda m: _("Invalid value: {reason}", **m.groupdict())
    ),
)

# Pydantic's words for a value typer could not convert, as typer passes them on
_REASONS = {
    "Input should be a valid integer, unable to parse string as an integer": N_(
        "Input should be a valid integer, unable to parse string as an integer"
    ),
    "Input should be a valid number, unable to parse string as a number": N_(
        "Input should be a valid number, unable to parse string as a number"
    ),
    "Input should be a valid boolean, unable to interpret input": N_(
        "Input should be a valid boolean, unable to interpret input"
    ),
}


def _reason(reason: str) -> str:
    known = _REASONS.get(reason)
    return tr(known) if known else reason


def usage_error(message: str) -> str:
    """Click's usage error ``message`` in the chosen language (as written when unknown)."""
    for translate in _USAGE_ERRORS:
        said = translate(message)
        if said is not None:
            return said
    return message


_originals: dict[str, Any] = {}


def install_words() -> None:
    """Typer's titles and Click's usage prefix and help option in the chosen language.

    Wrapped once, each reads the language when it is shown. Typer's titles live in
    ``typer.rich_utils``, which imports all of rich: they are set just before a help is
    formatted, so that a command that prints no help never imports it."""
    if _originals:
        return
    from typer import core as typer_core
    from typer._click import core, formatting

    write_usage = formatting.HelpFormatter.write_usage
    get_help_option = core.Command.get_help_option

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, tr(USAGE) if prefix is None else prefix)

    def help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = tr(HELP_OPTION)
        return option

    formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]
    core.Command.get_help_option = help_option  # type: ignore[method-assign]
    for kind in (typer_core.TyperCommand, typer_core.TyperGroup):
        kind.format_help = _with_titles(kind.format_help)  # type: ignore[method-assign]
    _originals["installed"] = True


def _with_titles(format_help: Callable[..., None]) -> Callable[..., None]:
    def wrapped(self: Any, ctx: Any, formatter: Any) -> None:
        _rich_titles()
        format_help(self, ctx, formatter)

    return wrapped


def _rich_titles() -> None:
    """typer.rich_utils's titles in the language spoken now, from the English typer wrote."""
    from typer import rich_utils

    for name, english in _RICH_WORDS.items():
        original = _originals.setdefault(name, getattr(rich_utils, name))
        if original == english:  # a typer that changed its words keeps its own
            setattr(rich_utils, name, tr(english))


def translate_help(command: Any) -> None:
    """The help of ``command``, its parameters and its subcommands, in the chosen language
    (typer builds the commands anew for each run, from the English in the code)."""
    if command.help:
        command.help = tr(command.help)
    if command.short_help:
        command.short_help = tr(command.short_help)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = tr(text)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)
