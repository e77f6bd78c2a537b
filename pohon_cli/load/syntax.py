"""A YAML syntax error in a planner's words, at the place a person would point at.

Part of parsing, on the error path only. libyaml reports where it gave up: an unclosed
quote at the end of the file, a missing space after a colon on the line below. This
module takes what libyaml said (its problem, its context and their places) and the lines
of the file, recognises the common mistakes (an unclosed quote or bracket, no space after
a colon, a tab, a line indented out of step, a list item at the wrong depth, a forgotten
``anak:`` or ``indikator:`` line) and says each at the line where it is, with what to do.
A message it does not recognise keeps libyaml's words. Pure: no YAML reader here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pohon_cli.i18n import _
from pohon_cli.source import Pos

# `key:value`: a key, a colon, then no space (a plain key: no quote, no flow bracket)
_NO_SPACE = re.compile(r"([^\s:#'\"\[\]{},&*!|>-][^:#\[\]{},]*?):([^\s:])")
# the keys only a node has, and those only an indicator has: which line was forgotten
_NODE_KEYS = ("jenjang:", "anak:", "indikator:", "misi:", "jenis:", "hasil:")
_INDICATOR_KEYS = ("satuan:", "target:", "baseline:", "polaritas:", "realisasi:")
# a line that opens a block text: `catatan: |`, `uraian: >-`
_BLOCK = re.compile(r":\s+[|>][-+0-9]*\s*(#.*)?$")
_CLOSING = {"[": "]", "{": "}"}

# A message and its hint.
Words = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class YamlError:
    """What libyaml said, with its places counted as git counts lines (1-based)."""

    problem: str
    context: str
    at: Pos | None  # where libyaml gave up
    context_at: Pos | None  # where what it was reading started (a quote, a bracket, a key)
    quoted_from: Pos | None = None  # a text in quotes that spans lines and ends right here


def word(error: YamlError, text: str) -> tuple[Pos, str, str | None]:
    """The place, message and hint for a syntax error in ``text``."""
    lines = text.split("\n")
    pos = error.at or error.context_at or (1, 1)
    found = _recognise(error, lines, pos)
    if found is not None:
        return found
    # libyaml's words in the chosen language: 48 patterns, compiled only on this path
    from pohon_cli.load import yaml_words

    said = yaml_words.problem(error.problem)
    if error.context:
        message = _(
            "YAML syntax: {problem} ({context})",
            problem=said,
            context=yaml_words.context(error.context),
        )
    else:
        message = _("YAML syntax: {problem}", problem=said)
    hint = None
    if "found unexpected end of stream" in error.problem:
        hint = _("a quote or bracket is not closed")
    return pos, message, hint


def _recognise(error: YamlError, lines: list[str], pos: Pos) -> tuple[Pos, str, str | None] | None:
    problem, context = error.problem, error.context
    line = _line(lines, pos[0])
    if error.quoted_from is not None:
        return _quote_spans_lines(error.quoted_from, pos, lines)
    if "quoted scalar" in context and error.context_at is not None:
        return _unclosed_quote(error.context_at, lines)
    if "tab" in problem or (pos[1] <= len(line) and line[pos[1] - 1] == "\t"):
        return pos, *_tab(line, pos)
    if "flow" in context and "did not find expected ','" in problem and error.context_at:
        return _flow(error.context_at, pos, lines)
    if "simple key" in context and "expected ':'" in problem and error.context_at:
        return _no_colon(error.context_at, lines)
    if "mapping values are not allowed" in problem:
        return _value_in_value(pos, lines)
    if "expected '-' indicator" in problem and error.context_at:
        return pos, *_out_of_step(pos, error.context_at, lines, list_item=True)
    at_line_start = _content(line, pos) and _starts(line) == pos[1]
    if (
        "expected key" in problem
        and "block mapping" in context
        and error.context_at
        and at_line_start
    ):
        if line.lstrip().startswith("- "):
            return _item_at_wrong_depth(pos, error.context_at, lines)
        return pos, *_out_of_step(pos, error.context_at, lines, list_item=False)
    return None


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _starts(line: str) -> int:
    """The column where a line's content starts (1-based)."""
    return len(line) - len(line.lstrip(" ")) + 1


def _content(line: str, pos: Pos) -> str:
    return line[pos[1] - 1 :].rstrip()


def _unclosed_quote(start: Pos, lines: list[str]) -> tuple[Pos, str, str | None]:
    quote = _line(lines, start[0])[start[1] - 1 : start[1]] or '"'
    return (
        start,
        _(
            "the quote {quote} opened here is never closed: YAML reads the rest of the file "
            "as one text",
            quote=quote,
        ),
        _("close the text with {quote} where it ends, on the same line", quote=quote),
    )


def _quote_spans_lines(start: Pos, at: Pos, lines: list[str]) -> tuple[Pos, str, str | None]:
    quote = _line(lines, start[0])[start[1] - 1 : start[1]] or '"'
    return (
        start,
        _(
            "the quote {quote} opened here is closed only on line {line}: YAML reads every "
            "line in between as one text",
            quote=quote,
            line=at[0],
        ),
        _("close the text with {quote} where it ends, on the same line", quote=quote),
    )


def _tab(line: str, pos: Pos) -> Words:
    if line[: pos[1] - 1].strip(" \t") == "":
        return _("a tab in the indentation: YAML indents with spaces only"), _(
            "indent with spaces, not tabs"
        )
    return _("a tab here: YAML allows only spaces between a key and its value"), _(
        "replace the tab with a space"
    )


def _flow(start: Pos, at: Pos, lines: list[str]) -> tuple[Pos, str, str | None]:
    opening = _line(lines, start[0])[start[1] - 1 : start[1]] or "["
    closing = _CLOSING.get(opening, "]")
    if at[0] > start[0] or _at_end(lines, at):
        return (
            start,
            _("the `{opening}` opened here is not closed on its line", opening=opening),
            _(
                "add the missing `{closing}` at the end of the value, or a `,` between its items",
                closing=closing,
            ),
        )
    # libyaml stops at the `:` of `{2024: 80 2025: 85}`: the item starts after the space
    before = _line(lines, at[0])[: at[1] - 1].rstrip()
    head, _space, last = before.rpartition(" ")
    if head.rstrip() and head.rstrip()[-1] not in ",[{:" and last:
        at = (at[0], len(head) + 2)
    return (
        at,
        _(
            "a `,` seems to be missing before this item of the `{opening} ... {closing}` "
            "that opens in column {column}",
            opening=opening,
            closing=closing,
            column=start[1],
        ),
        _(
            "separate the items with a comma and a space, or close the `{opening}` before this",
            opening=opening,
        ),
    )


def _at_end(lines: list[str], at: Pos) -> bool:
    """Whether nothing but blanks follows a place: libyaml gave up at the end of the file."""
    rest = [_line(lines, at[0])[at[1] - 1 :], *lines[at[0] :]]
    return not any(text.strip() for text in rest)


def _no_colon(key_at: Pos, lines: list[str]) -> tuple[Pos, str, str | None]:
    line = _line(lines, key_at[0])
    written = line[key_at[1] - 1 :].split(" #", 1)[0].rstrip()
    found = _NO_SPACE.match(written)
    if found is not None:
        key, value = found.group(1), written[found.end(1) + 1 :]
        return (
            (key_at[0], key_at[1] + found.end(1)),
            _(
                "no space after the colon in `{written}`: YAML reads it as a text, not as a "
                "key and its value",
                written=written,
            ),
            _("write a space after the colon: `{key}: {value}`", key=key, value=value),
        )
    return (
        key_at,
        _(
            "`{written}` has no `:` after it: YAML expected a key here, as on the lines around it",
            written=written,
        ),
        _("write `key: value`, or indent the line as more of the text above it"),
    )


def _previous(lines: list[str], number: int) -> tuple[int, str]:
    """The nearest line above with content (not blank, not only a comment)."""
    for above in range(number - 1, 0, -1):
        text = _line(lines, above)
        if text.strip() and not text.lstrip().startswith("#"):
            return above, text
    return 0, ""


def _key_column(line: str) -> int:
    """Where the key of a line starts: after its `- ` when it is a list item."""
    column = _starts(line)
    rest = line[column - 1 :]
    while rest.startswith("- "):
        stripped = rest[2:].lstrip(" ")
        column += len(rest) - len(stripped)
        rest = stripped
    return column


def _key_of(line: str) -> str:
    return line[_key_column(line) - 1 :].split(":", 1)[0].strip()


def _value_in_value(at: Pos, lines: list[str]) -> tuple[Pos, str, str | None] | None:
    """ "mapping values are not allowed": a line read as more of the text above, or a
    second `: ` inside a value."""
    line = _line(lines, at[0])
    start = _starts(line)
    number, above = _previous(lines, at[0])
    deeper = bool(number) and start > _key_column(above)
    if deeper and start == _key_column(line) and at[1] > start:
        key, over = _key_of(above), _key_column(above)
        return (
            (at[0], start),
            _(
                "`{this}` is indented more than `{key}` on line {number} "
                "(column {start}, not {over}): YAML reads this line as more of `{key}`'s text",
                this=_key_of(line),
                key=key,
                number=number,
                start=start,
                over=over,
            ),
            _(
                "indent `{this}` by {spaces} spaces, as `{key}`",
                this=_key_of(line),
                spaces=over - 1,
                key=key,
            ),
        )
    if deeper and line[start - 1 :].startswith("- "):
        return (at[0], start), *_forgotten_key(at[0], start, above, lines)
    return (
        at,
        _("a second `: ` in this line: YAML cannot read a key and a value inside a value"),
        _("quote a value that contains ': ', or check the indentation"),
    )


def _forgotten_key(number: int, start: int, above: str, lines: list[str]) -> Words:
    """A list written under a key that already has its value: which key line is missing."""
    keys = []
    for text in lines[number - 1 : number + 30]:
        if text.strip() and _starts(text) <= start and not text.lstrip().startswith("- "):
            break
        keys.append(text[_key_column(text) - 1 :])
    node = any(k.startswith(_NODE_KEYS) for k in keys)
    indicator = any(k.startswith(_INDICATOR_KEYS) for k in keys)
    missing = "anak" if node and not indicator else "indikator" if indicator else ""
    key = _key_of(above)
    if missing:
        return (
            _(
                "a list under `{key}`, which already has its value: a line `{missing}:` "
                "seems to be missing above this one",
                key=key,
                missing=missing,
            ),
            _(
                "write `{missing}:` on its own line above this list, indented as `{key}`",
                missing=missing,
                key=key,
            ),
        )
    return (
        _(
            "a list under `{key}`, which already has its value: a line a key such as "
            "`anak:` or `indikator:` seems to be missing above this one",
            key=key,
        ),
        _(
            "write a key such as `anak:` or `indikator:` on its own line above this list, "
            "indented as `{key}`",
            key=key,
        ),
    )


def _out_of_step(at: Pos, start: Pos, lines: list[str], *, list_item: bool) -> Words:
    line = _line(lines, at[0])
    block = _block_text_above(at, lines)
    if block is not None:
        number, header = block
        return (
            _(
                "this line is indented less than the block text `{header}` on line "
                "{number} above: YAML ends the text before it, and cannot read the line",
                header=header.strip(),
                number=number,
            ),
            _(
                "indent every line of a block text (after `|` or `>`) at least as far as "
                "its first line"
            ),
        )
    opened = _line(lines, start[0])
    column = _key_column(opened) if list_item else start[1]
    key = _key_of(line) or line.strip()
    hint = _("indent `{key}` by {spaces} spaces, as the keys beside it", key=key, spaces=column - 1)
    if list_item:
        message = _(
            "`{key}` is indented {spaces} spaces, but the keys of the list item on line "
            "{line} by {expected}: YAML cannot tell where it belongs",
            key=key,
            spaces=at[1] - 1,
            line=start[0],
            expected=column - 1,
        )
    else:
        message = _(
            "`{key}` is indented {spaces} spaces, but the keys of the mapping on line "
            "{line} by {expected}: YAML cannot tell where it belongs",
            key=key,
            spaces=at[1] - 1,
            line=start[0],
            expected=column - 1,
        )
    return message, hint


def _block_text_above(at: Pos, lines: list[str]) -> tuple[int, str] | None:
    """The line that opens a block text (`key: |`) this line seems to belong to."""
    number = at[0]
    while True:
        number, above = _previous(lines, number)
        if not number or _starts(above) < at[1]:
            break
    if number and _BLOCK.search(above) and number < at[0] - 1:
        return number, above
    return None


def _item_at_wrong_depth(at: Pos, start: Pos, lines: list[str]) -> tuple[Pos, str, str | None]:
    return (
        at,
        _(
            "a list item `- ` in column {column}, where the mapping on line {line} "
            "expects a key: the item is at the wrong depth",
            column=at[1],
            line=start[0],
        ),
        _("line up its `-` with the other items of its list"),
    )
