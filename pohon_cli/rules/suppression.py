"""Inline suppressions: ``# pohon: disable=CODE -- reason`` comments in the YAML itself.

A trailing comment silences its own line; a comment alone on its line silences the next
line that is not blank or a comment; ``disable-file=`` silences the whole file. Only real
comments count: a ``#`` inside a quoted or block scalar is text, so the scalars that could
hold one are found with libyaml's scanner (only up to the last candidate comment).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import yaml

from pohon_cli.i18n import N_
from pohon_cli.rules.base import Rule
from pohon_cli.source import Pos

_CANDIDATE = re.compile(r"#[ \t]*pohon[ \t]*:")
_DIRECTIVE = re.compile(
    r"#[ \t]*pohon[ \t]*:[ \t]*(?P<kind>disable-file|disable)[ \t]*=[ \t]*"
    r"(?P<codes>.*?)(?:[ \t]+--(?P<reason>.*))?[ \t]*$"
)
_CODE = re.compile(r"[^\s,]+")
_Scanner: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Directive:
    """One suppression comment.

    ``target`` is the line it silences, or None for the whole file; ``codes`` are the codes
    or rule names as written, each with its column; ``malformed`` when the comment starts
    like a directive but cannot be read.
    """

    line: int
    column: int
    target: int | None
    codes: tuple[tuple[str, int], ...]
    reason: str | None = None
    malformed: bool = False


def directives(text: str) -> list[Directive]:
    """Every ``# pohon:`` comment of a YAML text, in order."""
    candidates = [m.start() for m in _CANDIDATE.finditer(text)]
    if not candidates:
        return []
    starts = _line_starts(text)
    places = [_place(starts, index) for index in candidates]
    inside = _inside_scalars(text, places)
    lines = text.split("\n")
    found: list[Directive] = []
    for place, hidden in zip(places, inside, strict=True):
        line, column = place
        before = lines[line - 1][: column - 1]
        if hidden or (before and not before[-1].isspace()):
            continue
        comment = lines[line - 1][column - 1 :]
        target = line if before.strip() else _next_content_line(lines, line)
        match = _DIRECTIVE.match(comment)
        if match is None:
            found.append(Directive(line, column, target, (), malformed=True))
            continue
        codes = tuple(
            (m.group(), column + match.start("codes") + m.start())
            for m in _CODE.finditer(match.group("codes"))
        )
        reason = match.group("reason")
        found.append(
            Directive(
                line,
                column,
                None if match.group("kind") == "disable-file" else target,
                codes,
                reason.strip() if reason else None,
                malformed=not codes,
            )
        )
    return found


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _place(starts: list[int], index: int) -> Pos:
    line = bisect_right(starts, index)
    return line, index - starts[line - 1] + 1


def _next_content_line(lines: list[str], line: int) -> int:
    """The line a comment alone on its line speaks about: the next one with content."""
    for number in range(line + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return line + 1


def _inside_scalars(text: str, places: list[Pos]) -> list[bool]:
    """For each place, whether it lies inside a scalar (a quoted or block text)."""
    last = places[-1]
    spans: list[tuple[Pos, Pos]] = []
    scanner = _Scanner(text)
    try:
        while True:
            token = scanner.get_token()
            if token is None:
                break
            start = (token.start_mark.line + 1, token.start_mark.column + 1)
            if start > last:
                break
            if isinstance(token, yaml.ScalarToken):
                end = (token.end_mark.line + 1, token.end_mark.column + 1)
                spans.append((start, end))
    except yaml.YAMLError:
        pass  # the loader has reported it; what was scanned still counts
    finally:
        scanner.dispose()
    # scalars never overlap: only the last one that starts before a place can hold it
    starts = [start for start, _end in spans]
    inside = []
    for place in places:
        i = bisect_right(starts, place)
        inside.append(i > 0 and place < spans[i - 1][1])
    return inside


UNUSED_SUPPRESSION = Rule(
    code="PK118",
    name="unused-suppression",
    severity="warning",
    summary=N_("A `# pohon: disable=` comment silences nothing, or cannot be read."),
    rationale=N_(
        "A suppression outlives the problem it silenced: once the value is fixed, the "
        "comment stays and would hide the next real problem on that line. A code that is "
        "not a rule, a loader check (PK0xx: they cannot be silenced) or a comment that "
        "cannot be read is reported too. `--no-inline-suppress` ignores every suppression, "
        "for an audit. Write `# pohon: disable=CODE -- reason` at the end of the line or "
        "alone on the line above; `# pohon: disable-file=CODE` anywhere for the whole file."
    ),
    # the reason in the comment is words: the example is shown in the language spoken
    bad=N_("""\
pohon:
  - kode: S1
    jenjang: tujuan
    # pohon: disable=PK108 -- the province's indicator, adopted on purpose
    uraian: Meningkatnya partisipasi pemilih
"""),
    good="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
""",
    worded=("bad",),
)

# Every rule of this family: the registry (``pohon_cli.rules``) reads them from here only.
RULES: tuple[Rule, ...] = (UNUSED_SUPPRESSION,)
