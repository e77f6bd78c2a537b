"""What pohon tells a user about a file: a problem at a place; the error that stops a command.

Also the loader's problem codes, named once here: the loader reports them, and the rules,
the outputs and the tests read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
_BREAKS = re.compile("[\r\n\t]")
# control characters (C0, DEL, C1): a file name may hold any of them
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# What stops a file from loading, by code. The values are part of pohon's contract (users
# write them in --ignore and in suppressions): never change one.
# -- the file cannot be read as one YAML document
YAML_SYNTAX = "PK001"  # a syntax error, or an alias that names no anchor
ENCODING = "PK002"  # not UTF-8, or a control character (raw or escaped)
DUPLICATE_KEY = "PK003"  # a key written twice in one mapping
UNSUPPORTED_YAML = "PK004"  # a tag, a merge key `<<`, or a second document
TOO_LARGE = "PK005"  # aliases that expand too far, nesting too deep, too many values
# -- the values do not fit the format
UNKNOWN_KEY = "PK010"
MISSING_KEY = "PK011"
WRONG_VALUE = "PK012"  # a value of the wrong kind
# -- the parts do not fit together
DUPLICATE_KODE = "PK020"  # a kode used twice (or a node listed twice under one parent)
UNKNOWN_REFERENCE = "PK021"  # `penanggung_jawab`, `misi`, `atasan`, `rujuk` naming nothing
LEVEL_ORDER = "PK022"  # a node whose `jenjang` is not below its parent's
UNKNOWN_LEVEL = "PK023"  # a `jenjang` not declared in `jenjang`
CYCLE = "PK024"  # a `rujuk` to an ancestor, or `atasan` that lead back to the unit


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One finding, sortable by place so that tests and reports compare plain lists.

    ``line`` and ``column`` are 1-based; columns count characters, not bytes.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None
    end_line: int | None = None
    end_column: int | None = None

    def __post_init__(self) -> None:
        # a problem is one line in every report: a line break or tab quoted from the file
        # (a multi-line target text, say) is shown as \n, never printed as a break
        for name in ("message", "hint"):
            text = getattr(self, name)
            if text is not None and _BREAKS.search(text):
                object.__setattr__(self, name, _BREAKS.sub(_shown, text))

    def where(self) -> str:
        """``path:line:col``, the path's control characters escaped (``\\n``, ``\\x1b``):
        a file name may hold a line break or a terminal's escape code, and the problem
        must stay one line that cannot drive the reader's terminal."""
        return f"{printable(self.file)}:{self.line}:{self.column}"

    def text(self) -> str:
        """The one-line form every text output uses: ``path:line:col: severity [CODE] message``."""
        tail = f" ({self.hint})" if self.hint else ""
        return f"{self.where()}: {self.severity} [{self.code}] {self.message}{tail}"


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    return {"\r": "\\r", "\n": "\\n", "\t": "\\t"}.get(char) or f"\\x{ord(char):02x}"


def printable(text: str) -> str:
    """The text with every control character written as its escape (``\\n``, ``\\x1b``)."""
    return _CONTROLS.sub(_shown, text) if _CONTROLS.search(text) else text


def error_at(
    file: str, pos: tuple[int, int], code: str, message: str, hint: str | None = None
) -> Problem:
    """An error at a (line, column): every problem the loader reports is one."""
    return Problem(file, pos[0], pos[1], code, "error", message, hint)


class InputError(Exception):
    """A path or an argument pohon cannot work with: the command exits 2 with this message."""
