"""The Typer application: its group (usage errors on one line, exit codes), the exit
codes, and the two ways a command ends: ``fail`` on bad input, ``emit`` to stdout.
Ctrl-C is handled before this module is imported, in ``pohon_cli.entry``."""

from __future__ import annotations

import contextlib
import copy
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

import typer
from typer.core import TyperGroup

from pohon_cli import __version__
from pohon_cli.cli import language
from pohon_cli.gc_pause import gc_paused
from pohon_cli.i18n import N_, _, speaking
from pohon_cli.problem import InputError

# Exit codes, as every conventional linter uses them.
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
# 130 for Ctrl-C is pohon_cli.entry.EXIT_INTERRUPTED: it is handled before typer loads


# click's exception classes, wherever this typer keeps click (its own copy since 0.25):
# typer.BadParameter is click's BadParameter, a UsageError, a ClickException.
_UsageError: type[Any] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
_ClickException: type[Any] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)

# The order of `pohon --help`: the daily commands first, as a planner meets them.
COMMAND_ORDER = (
    "validate",
    "rules",
    "show",
    "indicators",
    "iku",
    "units",
    "stats",
    "diff",
    "render",
    "report",
    "export",
    "schema",
)


class _Group(TyperGroup):
    """Turns the core's InputError (a file or argument pohon cannot use) into exit 2."""

    def list_commands(self, ctx: Any) -> list[str]:
        names: list[str] = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Bare ``pohon`` is a usage error (exit 2, as click's own groups do): the help, on
        stderr with every other usage error, then one line saying what is missing."""
        if not args and not ctx.resilient_parsing:
            # typer's help prints itself to stdout and returns ""; plain click returns it
            with contextlib.redirect_stdout(sys.stderr):
                text = ctx.get_help()
            if text:
                typer.echo(text, err=True)
            raise _UsageError(_("missing command, such as `pohon validate data/`"), ctx)
        rest: list[str] = super().parse_args(ctx, args)
        return rest

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """A usage error (an unknown option, a value that is not a number, a missing
        argument) on one line with exit 2, as every other usage error, not in a box."""
        run = functools.partial(
            super().main, args, prog_name, complete_var, False, windows_expand_args, **extra
        )
        try:
            chosen = language.choose(sys.argv[1:] if args is None else args, os.environ, Path.cwd())
        except language.LanguageError as error:
            typer.echo(f"pohon: {error}", err=True)
            sys.exit(EXIT_USAGE)
        with speaking(chosen):
            language.install_words()
            language.translate_help(self)
            if not standalone_mode:
                return run()
            self._run(run, args)

    def _run(self, run: Callable[[], Any], args: Sequence[str] | None) -> NoReturn:
        """Runs the command, each way it can end said on one line with its exit code."""
        try:
            code = run()
        except _UsageError as error:
            context = getattr(error, "ctx", None)
            where = context.command_path if context is not None else "pohon"
            dashed = [a for a in (sys.argv[1:] if args is None else args) if _dashed_file(a)]
            message = language.usage_error(_one_line(error.format_message()))
            if dashed:
                hint = _(
                    "write ./{name} for a file named so; see {command} --help",
                    name=dashed[0],
                    command=where,
                )
            else:
                hint = _("see {command} --help", command=where)
            typer.echo(f"{where}: {message} ({hint})", err=True)
            sys.exit(error.exit_code)
        except _ClickException as error:
            typer.echo(f"pohon: {_one_line(error.format_message())}", err=True)
            sys.exit(error.exit_code)
        except typer.Abort:
            typer.echo(_("pohon: aborted"), err=True)
            sys.exit(EXIT_PROBLEMS)
        except OSError as error:  # stdout on a full disk or a device that fails (not EPIPE)
            _drop_stdout()
            reason = error.strerror or str(error)
            if error.filename:
                said = f"pohon: {error.filename}: {reason}"
            else:
                said = _("pohon: cannot write the output: {reason}", reason=reason)
            typer.echo(said, err=True)
            sys.exit(EXIT_USAGE)
        sys.exit(code if isinstance(code, int) else EXIT_OK)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as error:
            typer.echo(f"pohon: {error}", err=True)
            raise typer.Exit(EXIT_USAGE) from None


app = typer.Typer(
    cls=_Group,
    name="pohon",
    help=N_("Keep a pohon kinerja (SAKIP performance tree) as YAML: validate, show, diff, render."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pohon {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=N_("Print the version and exit.")
    ),
    lang: str | None = typer.Option(None, "--lang", help=language.LANG_HELP, show_default=False),
) -> None:
    """Keep a pohon kinerja (SAKIP performance tree) as YAML: validate, show, diff, render."""


def _dashed_file(arg: object) -> bool:
    """An argument click took for an option that names an existing file (``-2024.yaml``)."""
    return isinstance(arg, str) and arg.startswith("-") and len(arg) > 1 and Path(arg).exists()


def _drop_stdout() -> None:
    """Point stdout at nothing, so that Python's flush at exit does not fail a second time
    on what is still buffered."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _one_line(text: str) -> str:
    return " ".join(text.split())


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one line to stderr and exit: the only way a command stops on bad input."""
    typer.echo(f"pohon: {message}", err=True)
    raise typer.Exit(code)


def emit(write: Callable[[TextIO], object], stopped: int = EXIT_OK) -> None:
    """Write to stdout; a reader that stops early (``| head``) ends the command quietly,
    with exit ``stopped``: 0, or the verdict the command had reached (validate's 1 for
    problems, diff's 1 for changes), never click's 1 for every broken pipe.

    The cyclic garbage collector is paused meanwhile: the views make hundreds of
    thousands of small objects without cycles, and each collection would walk the whole
    loaded tree again (it triples the time of a 10,000-node ``show``)."""
    with gc_paused():
        try:
            write(sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:
            # Python would complain again when it flushes stdout at exit: point it at nothing
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(stopped) from None


def _writable_anywhere() -> None:
    """A character the output's encoding cannot hold is written as its escape (``\\udcff``)
    instead of stopping the command with a traceback. A file name that is not UTF-8 (its
    bytes reach Python as lone surrogates) or a tree printed under a Latin-1 locale would
    otherwise fail, or under the C locale's surrogateescape write bytes that are not UTF-8
    into the JSON; escaped, JSON still parses back to the name Python was given."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main() -> None:
    """Run the command line (``pohon_cli.entry.main`` calls it, with Ctrl-C handled)."""
    _writable_anywhere()
    app_for(sys.argv[1:])()


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app with only the command that ``args`` run, when they name one after nothing
    but ``--lang``: Typer builds every command's parameters before it runs one (an eighth
    of ``pohon validate``'s start-up). Anything else (help of pohon itself, no command, a
    name that is none) gets the app with every command, as before."""
    i = 0
    while i < len(args) and args[i].startswith("--lang"):
        if args[i].startswith("--lang="):
            i += 1
        elif args[i] == "--lang" and i + 1 < len(args) and not args[i + 1].startswith("-"):
            i += 2
        else:
            return app
    if i == len(args):
        return app
    chosen = [c for c in app.registered_commands if _command_name(c) == args[i]]
    if not chosen:
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands = chosen
    return narrowed


def _command_name(info: Any) -> str:
    from typer.main import get_command_name

    return str(info.name or get_command_name(info.callback.__name__))
