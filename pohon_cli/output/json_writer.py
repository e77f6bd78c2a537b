"""Indented JSON, byte for byte what ``json.dumps(value, indent=2)`` writes, several
times faster.

The standard library encodes in C only without ``indent``; with it, every piece of text
passes up through a chain of Python generators as deep as the value is nested. This
writer walks the value once, writes strings with the standard library's own C escaper
and numbers with the same ``repr``, and hands the text over in large pieces. Decimals
can be written as bare numbers with their digits (1.10 stays 1.10), as
``tables.write_json`` writes them. ``tests/test_json_writer.py`` compares the bytes with
``json.dumps``.
"""

from __future__ import annotations

import json.encoder
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TextIO

INDENT = "  "
# pieces gathered before they are written: large writes, never the whole text at once
_FLUSH = 8192


def _float(value: float) -> str:
    # json.encoder's floatstr with allow_nan (json.dumps' default)
    if math.isnan(value):
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: object, encode: Callable[[str], str]) -> str:
    """A key as json.dumps writes it, with its ``": "``."""
    if isinstance(key, str):
        text = key
    elif isinstance(key, float):
        text = _float(key)
    elif key is True:
        text = "true"
    elif key is False:
        text = "false"
    elif key is None:
        text = "null"
    elif isinstance(key, int):
        text = int.__repr__(key)
    else:
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
    return encode(text) + ": "


def write(value: Any, out: TextIO, *, ensure_ascii: bool = True, decimals: bool = False) -> None:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=ensure_ascii)`` writes it,
    without a final newline. With ``decimals``, a finite Decimal is a number written with
    its digits (``format(d, "f")``: 1.10, never 1.1 or 1E+1) and any other Decimal the
    string ``"\\u0000"`` and its text (what ``tables.write_json`` always wrote); without,
    a Decimal is refused, as json.dumps refuses it."""
    encoder = json.encoder
    encode = encoder.encode_basestring_ascii if ensure_ascii else encoder.encode_basestring
    writer = _Writer(out, encode, decimals)
    writer.nested(value, "\n")
    out.write("".join(writer.parts))


class _Writer:
    """One writing: the parts written so far, each distinct key's text with its ": "
    made once (kode, uraian, "2025", ...)."""

    def __init__(self, out: TextIO, encode: Any, decimals: bool) -> None:
        self.out = out
        self.encode = encode
        self.decimals = decimals
        self.number = Decimal if decimals else None
        self.parts: list[str] = []
        self.keys: dict[Any, str] = {}

    def decimal(self, item: Decimal) -> str:
        text = format(item, "f")
        return text if item.is_finite() else self.encode("\x00" + text)

    def scalar(self, item: Any) -> str | None:
        """The text of a value that is no list and no dict, in json's order of tests."""
        if isinstance(item, str):
            return self.encode(item)  # type: ignore[no-any-return]
        if item is None:
            return "null"
        if item is True:
            return "true"
        if item is False:
            return "false"
        if isinstance(item, int):
            return int.__repr__(item)
        if isinstance(item, float):
            return _float(item)
        if isinstance(item, list | tuple | dict):
            return None
        if self.decimals and isinstance(item, Decimal):
            return self.decimal(item)
        raise TypeError(f"Object of type {type(item).__name__} is not JSON serializable")

    def nested(self, item: Any, newline: str) -> None:
        """Any value at the indentation ``newline`` (a newline and its level's spaces)."""
        text = self.scalar(item)
        if text is not None:
            self.parts.append(text)
        elif isinstance(item, dict):
            self.mapping(item, newline)
        else:
            self.sequence(item, newline)

    def _key(self, key: Any) -> str:
        text = self.keys.get(key) if type(key) is str else None
        if text is None:
            text = _key(key, self.encode)
            if type(key) is str:
                self.keys[key] = text
        return text

    def mapping(self, value: dict[Any, Any], newline: str) -> None:
        if not value:
            self.parts.append("{}")
            return
        append, encode, number = self.parts.append, self.encode, self.number
        inner = newline + INDENT
        lead = "{" + inner
        separator = "," + inner
        for key, item in value.items():
            text = self._key(key)
            kind = type(item)
            if kind is dict and not item:
                append(lead + text + "{}")
            elif kind is str:
                append(lead + text + encode(item))
            elif kind is number:
                append(lead + text + self.decimal(item))
            elif item is None:
                append(lead + text + "null")
            elif item is False:
                append(lead + text + "false")
            elif item is True:
                append(lead + text + "true")
            elif kind is int:
                append(lead + text + int.__repr__(item))
            elif kind is list and not item:
                append(lead + text + "[]")
            else:
                append(lead + text)
                self.nested(item, inner)
            lead = separator
        append(newline + "}")
        self._flush()

    def sequence(self, value: list[Any] | tuple[Any, ...], newline: str) -> None:
        if not value:
            self.parts.append("[]")
            return
        append, encode = self.parts.append, self.encode
        inner = newline + INDENT
        lead = "[" + inner
        separator = "," + inner
        for item in value:
            if type(item) is str:
                append(lead + encode(item))
            else:
                append(lead)
                self.nested(item, inner)
            lead = separator
        append(newline + "]")
        self._flush()

    def _flush(self) -> None:
        if len(self.parts) > _FLUSH:
            self.out.write("".join(self.parts))
            self.parts.clear()
