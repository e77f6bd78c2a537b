"""Run as ``python -m pohon_cli``."""

from pohon_cli.cli import main

main()
