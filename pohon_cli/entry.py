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
        sys.stderr.write("pohon: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
