"""``pohon schema``: the JSON Schema of the format, for editors and other validators."""

from __future__ import annotations

from pohon_cli.cli.app import app, emit
from pohon_cli.cli.options import LangOpt


@app.command()
def schema(*, lang: LangOpt = None) -> None:
    """Print the JSON Schema of the pohon format (the same as schemas/pohon_kinerja.schema.json)."""
    from pohon_cli.schema import schema_text

    text = schema_text()
    emit(lambda out: out.write(text))
