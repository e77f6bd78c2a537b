"""The catalogues: every text of the code in both, translated whole, compiled as written."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from catalogue import LANGUAGES, extracted, mo_bytes, mo_path, po_bytes, po_path, updated

from pohon_cli import i18n

PACKAGE = Path(i18n.__file__).parent
KEYWORDS = ("_", "n_", "N_")


def _catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as file:
        return read_po(file, locale=language)


def _forms(message: object) -> list[str]:
    strings = getattr(message, "string", None)
    if isinstance(strings, str):
        return [strings]
    return list(strings or ())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_translated(language: str) -> None:
    """A text added to the code without its translation in both catalogues fails here."""
    catalog = _catalog(language)
    code = extracted()
    absent = [key for key in code if catalog.get(key) is None]
    untranslated = [
        f"{m.id!r} ({', '.join(p for p, _line in m.locations)})"
        for m in catalog
        if m.id and (m.fuzzy or not all(_forms(m)))
    ]
    done = len(code) - len(absent) - len(untranslated)
    assert not absent and not untranslated, (
        f"{language}: {done} of {len(code)} messages translated "
        f"({100 * done / max(len(code), 1):.1f}%); run `make catalogue`, then translate in "
        f"{po_path(language)}:\n" + "\n".join(map(repr, absent)) + "\n".join(untranslated[:50])
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogues_are_compiled_from_the_code(language: str) -> None:
    """The .po holds exactly the code's messages and the .mo is compiled from it."""
    po = po_bytes(updated(language))
    assert po_path(language).read_bytes() == po, "out of date: run `make catalogue`"
    assert mo_path(language).read_bytes() == mo_bytes(po, language), "run `make catalogue`"


def _fields(text: str) -> set[str]:
    try:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<not a format string>"}


def test_translations_keep_every_placeholder() -> None:
    """``{kode}`` in the English must be ``{kode}`` in the Indonesian, no more, no less."""
    wrong = []
    for message in _catalog("id"):
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        wanted = set().union(*(_fields(i) for i in ids))
        for form in _forms(message):
            # no placeholder added; none dropped but a plural's {count} (Indonesian may
            # say "satu" where English says "1 node")
            got = _fields(form)
            if form and (got - wanted or wanted - got - {"count"}):
                wrong.append(f"{ids[0]!r}: {form!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def test_translated_texts_are_written_whole() -> None:
    """``_``, ``n_`` and ``N_`` take literal text (an f-string or a variable cannot be in a
    catalogue), and a module that translates never binds ``_`` to anything else."""
    wrong = []
    for path, tree in _modules():
        translates = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "pohon_cli.i18n"
            and any(alias.name == "_" for alias in node.names)
            for node in ast.walk(tree)
        )
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                literal_args = 2 if node.func.id == "n_" else 1
                if node.func.id in KEYWORDS and not all(
                    isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    for arg in node.args[:literal_args]
                ):
                    wrong.append(f"{path}:{node.lineno}: {node.func.id}() of a non-literal")
            if (
                translates
                and isinstance(node, ast.Name)
                and node.id == "_"
                and isinstance(node.ctx, ast.Store)
            ):
                wrong.append(f"{path}:{node.lineno}: `_` bound in a module that translates")
    assert not wrong, "\n".join(wrong)


def test_a_catalogue_is_read_only_when_a_text_is_asked_for() -> None:
    """``pohon --help`` costs no more than the catalogue it prints from, and in English
    (the code's own text) none."""
    import subprocess
    import sys

    code = (
        "import sys, pohon_cli.i18n as i; i.use('id'); "
        "print(len(i._loaded)); i._('Options'); print(len(i._loaded)); "
        "i.use('en'); i._('Options'); print(type(i._loaded['en']).__name__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "1", "NullTranslations"]


def test_the_english_catalogue_is_the_code_s_own_text() -> None:
    """pohon does not read the English catalogue: it must say exactly what the code says."""
    differ = [
        message.id
        for message in _catalog("en")
        if message.id
        and _forms(message) != ([message.id] if isinstance(message.id, str) else list(message.id))
    ]
    assert not differ, differ[:20]
