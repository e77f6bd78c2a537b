"""The message catalogues: extract every text from the code, update the .po files, compile.

    python tests/support/catalogue.py            # update pohon_cli/locale/*/pohon.po and .mo
    python tests/support/catalogue.py --check    # exit 1 if a catalogue is out of date

Texts come from ``_("...")``, ``n_("...", "...", n)`` and ``N_("...")`` in pohon_cli (Babel's
Python extractor), and from the help of every command, which Typer takes from the
command's docstring. The English catalogue is the English of the code: a new text enters
it as written. The Indonesian catalogue keeps every translation already made; a new text
enters it untranslated, and the tests fail until it is translated (tests/test_i18n.py).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pohon_cli"
LOCALE = PACKAGE / "locale"
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2)}
LANGUAGES = ("en", "id")
HEADER = "The messages of pohon, a command-line tool for pohon kinerja (SAKIP)."


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "pohon.po"


def mo_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "pohon.mo"


def extracted() -> dict[str | tuple[str, str], list[str]]:
    """Every message id of the code, with the files it is written in."""
    found: dict[str | tuple[str, str], list[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        PACKAGE, keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True
    ):
        if isinstance(message, tuple):
            key: str | tuple[str, str] = (str(message[0]), str(message[1]))
        else:
            key = message
        found.setdefault(key, []).append(f"pohon_cli/{filename}")
    for help_text, module in _command_help():
        found.setdefault(help_text, []).append(module.replace(".", "/") + ".py")
    return found


def _command_help() -> Iterator[tuple[str, str]]:
    """The help Typer takes from each command's docstring, and the command's module."""
    sys.path.insert(0, str(ROOT))
    import typer.main

    import pohon_cli.cli  # noqa: F401  (registers every command)
    from pohon_cli.cli.app import app

    group = typer.main.get_command(app)
    commands = getattr(group, "commands", {})
    for command in commands.values():
        if command.help and command.callback is not None:
            yield command.help, command.callback.__module__


def _catalogue(language: str) -> Catalog:
    path = po_path(language)
    if path.exists():
        with path.open("rb") as file:
            return read_po(file, locale=language)
    return Catalog(locale=language, domain="pohon")


def updated(language: str, extra: dict[str, str | tuple[str, ...]] | None = None) -> Catalog:
    """The catalogue of ``language`` with exactly the code's messages, translations kept;
    ``extra`` translations fill (or, given again, replace) those of the same ids."""
    old = _catalogue(language)
    new = Catalog(
        locale=language,
        domain="pohon",
        project="pohon",
        header_comment=f"# {HEADER}\n# Language: {language}.",
        fuzzy=False,
    )
    for key, places in sorted(extracted().items(), key=lambda item: (item[1][0], str(item[0]))):
        before = old.get(key)
        string: str | tuple[str, ...]
        given = (extra or {}).get(key[0] if isinstance(key, tuple) else key)
        if language == "en":
            string = key
        elif given:
            string = given
        elif before is not None and not before.fuzzy and before.string is not None:
            string = before.string if isinstance(before.string, str) else tuple(before.string)
        else:
            string = ("", "") if isinstance(key, tuple) else ""
        if isinstance(key, tuple) and isinstance(string, str):
            string = (string,)
        if isinstance(key, tuple) and isinstance(string, tuple) and language == "id":
            string = string[:1] or ("",)
        # files only: a line number would change the catalogue at every edit above it
        locations: list[tuple[str, Any]] = [(place, None) for place in sorted(set(places))]
        new[key] = Message(key, string, locations=locations, flags=_flags(key))
    return new


def _flags(key: str | tuple[str, str]) -> tuple[str, ...]:
    text = key[0] if isinstance(key, tuple) else key
    return ("python-brace-format",) if "{" in text else ()


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, include_lineno=False, sort_output=False)
    return _stable(out.getvalue())


def _stable(data: bytes) -> bytes:
    """Without the creation and revision dates Babel writes, so an update without a new
    message changes no byte."""
    lines = [
        line
        for line in data.split(b"\n")
        if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date', b'"Generated-By'))
    ]
    return b"\n".join(lines)


def mo_bytes(po: bytes, language: str) -> bytes:
    catalog = read_po(io.BytesIO(po), locale=language)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _translations(path: Path) -> dict[str, str | tuple[str, ...]]:
    if path.suffix == ".json":
        import json

        data = json.loads(path.read_text(encoding="utf-8"))
        return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if v}
    with path.open("rb") as file:
        catalog = read_po(file, locale="id")
    found: dict[str, str | tuple[str, ...]] = {}
    for message in catalog:
        if message.id and message.string and not message.fuzzy:
            key = message.id if isinstance(message.id, str) else message.id[0]
            value = message.string
            if isinstance(value, str) or all(value):
                found[key] = value if isinstance(value, str) else tuple(value)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say what is out of date")
    parser.add_argument(
        "--fill",
        nargs="*",
        default=[],
        help="JSON files {english: indonesian} (a plural: its singular as the key), or .po "
        "files whose Indonesian translations to take",
    )
    args = parser.parse_args()
    extra: dict[str, str | tuple[str, ...]] = {}
    for name in args.fill:
        extra.update(_translations(Path(name)))
    stale = []
    for language in LANGUAGES:
        po = po_bytes(updated(language, extra if language == "id" else None))
        mo = mo_bytes(po, language)
        for path, data in ((po_path(language), po), (mo_path(language), mo)):
            if path.exists() and path.read_bytes() == data:
                continue
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    for path in stale:
        print(f"{'out of date' if args.check else 'written'}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
