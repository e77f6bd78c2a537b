"""The ``pohon`` command: thin Typer commands that parse arguments, call the core and
hand its results to one output layer. The only place that knows about exit codes.

Each command lives in its own module and registers itself on ``app``; heavy modules are
imported inside the command that needs them, so ``pohon --help`` starts fast.
"""

from __future__ import annotations

from pohon_cli.cli import diff as _diff  # noqa: F401
from pohon_cli.cli import export as _export  # noqa: F401
from pohon_cli.cli import import_ as _import  # noqa: F401
from pohon_cli.cli import indicators as _indicators  # noqa: F401
from pohon_cli.cli import render as _render  # noqa: F401
from pohon_cli.cli import report as _report  # noqa: F401
from pohon_cli.cli import rules as _rules  # noqa: F401
from pohon_cli.cli import schema as _schema  # noqa: F401  (registers the command)
from pohon_cli.cli import show as _show  # noqa: F401
from pohon_cli.cli import stats as _stats  # noqa: F401
from pohon_cli.cli import units as _units  # noqa: F401
from pohon_cli.cli import validate as _validate  # noqa: F401
from pohon_cli.cli.app import app, main

__all__ = ["app", "main"]
