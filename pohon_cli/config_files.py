"""Where the configuration lives, and the one setting read before anything else: ``bahasa``.

Kept apart from ``config.py``, which knows every rule: the language must be known before
a command is even parsed (its usage errors are said in it), and finding it must not cost
``pohon --help`` the import of the rules.
"""

from __future__ import annotations

import re
from pathlib import Path

from pohon_cli.i18n import _

CONFIG_FILES = ("pohon.toml", "pyproject.toml")
_BAHASA = re.compile(r"^\s*bahasa\s*=", re.MULTILINE)
# a [tool.pohon] table, or one of its subtables, written as a header
_TOOL_POHON = re.compile(r"^\s*\[\s*tool\s*\.\s*pohon\s*[\].]", re.MULTILINE)


def find_config(folder: Path) -> Path | None:
    """The nearest pohon.toml, or pyproject.toml with [tool.pohon], from ``folder`` up."""
    found = _find(folder)
    return found[0] if found is not None else None


def _find(folder: Path) -> tuple[Path, str | None] | None:
    """The nearest configuration and its text (None when it cannot be read: the command
    that reads it whole says why)."""
    for place in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = place / name
            if not candidate.is_file():
                continue
            text = _text(candidate)
            if name == "pyproject.toml" and (text is None or not _has_tool_pohon(text)):
                continue
            return candidate, text
    return None


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _has_tool_pohon(text: str) -> bool:
    """Whether a pyproject.toml's text has a [tool.pohon] table; parsed only when it
    names pohon without the table's header."""
    if "pohon" not in text:
        return False  # most pyproject files never mention pohon: no need to parse them
    if _TOOL_POHON.search(text):
        return True
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True  # it may be meant for pohon: read_config reports where it is broken
    tool = data.get("tool")
    return isinstance(tool, dict) and "pohon" in tool


def bahasa_problem(value: object) -> str:
    """What is wrong with a ``bahasa`` that is not a language pohon speaks."""
    return _("must be id (Bahasa Indonesia) or en (English), not {value}", value=repr(value))


def bahasa_near(folder: Path) -> tuple[str, object] | None:
    """``(where, value)`` of ``bahasa`` in the configuration found from ``folder`` up, where
    is ``file:line``; None when there is no configuration, it says nothing of the language,
    or it cannot be read (the command that reads it whole reports that).

    Every command asks this before it starts, so the common cases read a file's text and
    parse nothing: a pyproject.toml that never names pohon is passed by, and a
    configuration without a ``bahasa =`` line answers None unparsed."""
    found = _find(folder)
    if found is None:
        return None
    path, text = found
    return None if text is None else _bahasa(path, text)


def _bahasa(found: Path, text: str) -> tuple[str, object] | None:
    match = _BAHASA.search(text)
    if match is None:
        return None  # the common case: no need to parse the file
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    if found.name == "pyproject.toml":
        tool = data.get("tool")
        table = tool.get("pohon") if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            return None
        data = table
    if "bahasa" not in data:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return f"{found}:{line}", data["bahasa"]
