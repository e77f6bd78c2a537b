"""The console entry point. It imports nothing heavy before Ctrl-C is handled, so an
interrupt even while the commands are still being imported exits 130 with one line."""

from __future__ import annotations

import signal
import sys


def _interrupted(signum: int, frame: object) -> None:
    sys.stderr.write("pohon: interrupted\n")
    raise SystemExit(130)


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    import pohon_cli.cli  # noqa: F401  (registers every command)
    from pohon_cli.cli.app import main as run_app

    run_app()
