"""The console entry point, and the one place that handles Ctrl-C. It imports nothing
heavy before the handler is in place, so an interrupt even while the commands are still
being imported exits 130 with one line, never a traceback."""

from __future__ import annotations

import signal
import sys

# the shell's code for a command ended by SIGINT (128 + 2)
EXIT_INTERRUPTED = 130


class Interrupted(BaseException):
    """Ctrl-C, raised past click's own handler (which would print "Aborted!" and exit 1)
    and past every ``except Exception``."""


def _on_interrupt(signum: int, frame: object) -> None:
    raise Interrupted


def main() -> None:
    signal.signal(signal.SIGINT, _on_interrupt)
    try:
        import pohon_cli.cli  # noqa: F401  (registers every command)
        from pohon_cli.cli.app import main as run_app

        run_app()
    except Interrupted:
        sys.stderr.write(_interrupted() + "\n")
        sys.exit(EXIT_INTERRUPTED)


def _interrupted() -> str:
    """The line Ctrl-C ends with, in the language of the run (the command has left it by
    now: it is chosen again, as the command chose it, English when that fails)."""
    import os
    from pathlib import Path

    from pohon_cli.i18n import _, speaking

    try:
        from pohon_cli.cli.language import choose

        chosen = choose(sys.argv[1:], os.environ, Path.cwd())
    except (Exception, Interrupted):  # a configuration that cannot be read, a second Ctrl-C
        chosen = "en"
    with speaking(chosen):
        return _("pohon: interrupted")
