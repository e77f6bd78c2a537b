"""Bytes to text: UTF-8 only, and no character that YAML refuses or a reader cannot see.

The second step of loading. A UTF-16 or UTF-32 file (told by its BOM), bytes that are not
UTF-8, a control character, or a line break that editors do not show each become one
problem at its place; a UTF-8 BOM is dropped. Also the control characters an escape may
not bring into a text, which the parser refuses.
"""

from __future__ import annotations

import re

from pohon_cli.i18n import _
from pohon_cli.problem import ENCODING, Problem, error_at
from pohon_cli.source import Pos

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
_UTF8_BOM = b"\xef\xbb\xbf"
# Characters YAML does not allow in a stream (tab and line breaks are fine).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Line breaks to YAML that editors do not show (pasted from word processors and PDFs): YAML
# would fold them into a space or split the line where the planner sees none, so refused.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK_NAMES = {"\x85": "next-line", "\u2028": "line-separator", "\u2029": "paragraph-separator"}
# What an escape in double quotes ("\\e", "\\x07", a lone "\\r") must not bring into a text:
# it would reach the terminal, where it can clear the screen or rewrite the lines above.
ESCAPED_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\r(?!\n)"
)


def decode(data: bytes, name: str) -> tuple[str, Problem | None]:
    """UTF-8 text, with a UTF-8 BOM dropped; any other encoding is refused at its place."""
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            return "", error_at(
                name,
                (1, 1),
                ENCODING,
                _("the file is encoded as {encoding}; pohon reads UTF-8 only", encoding=encoding),
                _("save the file as UTF-8 (in most editors: Save with Encoding > UTF-8)"),
            )
    if data.startswith(_UTF8_BOM):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = data[error.start : error.start + 1].hex()
        return "", error_at(
            name,
            (line, column),
            ENCODING,
            _("the file is not valid UTF-8 (byte 0x{byte} here)", byte=byte),
            _("save the file as UTF-8; it may have been written as Latin-1 or Windows-1252"),
        )


def control_character(text: str, name: str) -> Problem | None:
    """The first character of the text that YAML refuses or that hides a line break."""
    bad = _FORBIDDEN.search(text) or _HIDDEN_BREAKS.search(text)
    if bad is None:
        return None
    start = text.rfind("\n", 0, bad.start()) + 1
    line = text.count("\n", 0, bad.start()) + 1
    char = f"U+{ord(bad.group()):04X}"
    hidden = _BREAK_NAMES.get(bad.group())
    message = (
        _("the control character {char} is not allowed in a YAML file", char=char)
        if hidden is None
        else _(
            "the {hidden} character {char} is a line break to YAML but not to editors",
            hidden=hidden,
            char=char,
        )
    )
    return error_at(
        name,
        (line, bad.start() - start + 1),
        ENCODING,
        message,
        _("delete it; it is invisible in most editors"),
    )


def escaped_control(name: str, pos: Pos, value: str) -> Problem:
    """A double-quoted text whose escape writes a control character (see ESCAPED_CONTROL)."""
    bad = ESCAPED_CONTROL.search(value)
    char = f"U+{ord(bad.group()):04X}" if bad else "?"
    return error_at(
        name,
        pos,
        ENCODING,
        _(
            "the text holds the control character {char}, written as an escape; a text may "
            "hold tabs and line breaks, no other control characters",
            char=char,
        ),
        _("remove the escape (\\e, \\a, \\x.., \\u...., a \\r without \\n)"),
    )
