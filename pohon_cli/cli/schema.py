"""``pohon schema``: the JSON Schema of the format, for editors and other validators."""

from __future__ import annotations

import typer

from pohon_cli.cli.app import app


@app.command()
def schema() -> None:
    """Print the JSON Schema of the pohon format (the same as schemas/pohon_kinerja.schema.json)."""
    from pohon_cli.schema import schema_text

    typer.echo(schema_text(), nl=False)
