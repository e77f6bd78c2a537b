"""``pohon validate``: load, check the schema and references, run the rules, report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pohon_cli.cli.app import EXIT_OK, EXIT_PROBLEMS, app, fail, yaml_files


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files to check; a directory means every *.yaml / *.yml under it."),
    ],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text or json.")
    ] = "text",
) -> None:
    """Check pohon files: YAML, the format, references between parts, and every rule."""
    from pohon_cli.load import load_path
    from pohon_cli.output import problems as report

    writer = report.FORMATS.get(output_format)
    if writer is None:
        fail(f"unknown format `{output_format}`: use one of {', '.join(report.FORMATS)}")
    files = list(yaml_files(paths))
    if not files:
        fail("no *.yaml or *.yml files found in " + ", ".join(map(str, paths)))
    results = [load_path(path) for path in files]
    writer(results)
    failed = any(p.severity == "error" for r in results for p in r.problems)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)
