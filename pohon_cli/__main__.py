"""Run as ``python -m pohon_cli``."""

from pohon_cli.entry import main

main()
