"""libyaml's own words, said again in the chosen language where pohon passes them on.

Part of wording a syntax error (``syntax``), on the error path only. A syntax error that
``syntax`` does not recognise keeps what libyaml said: its problem ("could not find
expected ':'") and its context ("while scanning a simple key"). Each of the forms libyaml
and PyYAML write is matched whole here and said as one text; a form not listed is kept
as written. In English each text is libyaml's own, byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pohon_cli.i18n import _


def _form(pattern: str, say: Callable[[re.Match[str]], str]) -> Callable[[str], str | None]:
    compiled = re.compile(pattern, re.DOTALL)

    def translate(text: str) -> str | None:
        match = compiled.fullmatch(text)
        return say(match) if match else None

    return translate


def _fixed(english: str, say: Callable[[], str]) -> Callable[[str], str | None]:
    return _form(re.escape(english), lambda m: say())


# libyaml's problems (the C reader pohon uses) and PyYAML's forms of the same mistakes
_PROBLEMS = (
    _fixed(
        "found character that cannot start any token",
        lambda: _("found character that cannot start any token"),
    ),
    _form(
        r"found character (?P<char>'.*') that cannot start any token",
        lambda m: _("found character {char} that cannot start any token", char=m["char"]),
    ),
    _fixed(
        "mapping values are not allowed in this context",
        lambda: _("mapping values are not allowed in this context"),
    ),
    _fixed("mapping values are not allowed here", lambda: _("mapping values are not allowed here")),
    _fixed(
        "mapping keys are not allowed in this context",
        lambda: _("mapping keys are not allowed in this context"),
    ),
    _fixed(
        "block sequence entries are not allowed in this context",
        lambda: _("block sequence entries are not allowed in this context"),
    ),
    _fixed(
        "block sequence entries are not allowed here",
        lambda: _("block sequence entries are not allowed here"),
    ),
    _fixed("could not find expected ':'", lambda: _("could not find expected ':'")),
    _fixed("found unexpected end of stream", lambda: _("found unexpected end of stream")),
    _fixed("found unknown escape character", lambda: _("found unknown escape character")),
    _form(
        r"found unknown escape character (?P<char>.+)",
        lambda m: _("found unknown escape character {char}", char=m["char"]),
    ),
    _fixed("did not find expected key", lambda: _("did not find expected key")),
    _fixed("did not find expected '-' indicator", lambda: _("did not find expected '-' indicator")),
    _fixed("did not find expected ',' or ']'", lambda: _("did not find expected ',' or ']'")),
    _fixed("did not find expected ',' or '}'", lambda: _("did not find expected ',' or '}'")),
    _fixed("did not find expected node content", lambda: _("did not find expected node content")),
    _fixed(
        "did not find expected <document start>",
        lambda: _("did not find expected <document start>"),
    ),
    _fixed(
        "did not find expected alphabetic or numeric character",
        lambda: _("did not find expected alphabetic or numeric character"),
    ),
    _fixed(
        "did not find expected comment or line break",
        lambda: _("did not find expected comment or line break"),
    ),
    _fixed(
        "did not find expected whitespace or line break",
        lambda: _("did not find expected whitespace or line break"),
    ),
    _fixed(
        "found a tab character that violates indentation",
        lambda: _("found a tab character that violates indentation"),
    ),
    _fixed(
        "found a tab character where an indentation space is expected",
        lambda: _("found a tab character where an indentation space is expected"),
    ),
    _fixed("found undefined tag handle", lambda: _("found undefined tag handle")),
    _fixed("found unexpected document indicator", lambda: _("found unexpected document indicator")),
    _fixed(
        "found an indentation indicator equal to 0",
        lambda: _("found an indentation indicator equal to 0"),
    ),
    _fixed(
        "found invalid Unicode character escape code",
        lambda: _("found invalid Unicode character escape code"),
    ),
    _fixed("found unexpected ':'", lambda: _("found unexpected ':'")),
    _fixed("control characters are not allowed", lambda: _("control characters are not allowed")),
    _fixed("found incompatible YAML document", lambda: _("found incompatible YAML document")),
    _form(
        r"expected (?P<wanted>.+?), but found (?P<found>.+)",
        lambda m: _("expected {wanted}, but found {found}", wanted=m["wanted"], found=m["found"]),
    ),
)

# what libyaml was reading when it gave up
_CONTEXTS = (
    _fixed("while scanning a simple key", lambda: _("while scanning a simple key")),
    _fixed("while scanning a quoted scalar", lambda: _("while scanning a quoted scalar")),
    _fixed("while parsing a quoted scalar", lambda: _("while parsing a quoted scalar")),
    _fixed("while scanning a plain scalar", lambda: _("while scanning a plain scalar")),
    _fixed("while scanning a block scalar", lambda: _("while scanning a block scalar")),
    _fixed("while parsing a block mapping", lambda: _("while parsing a block mapping")),
    _fixed("while parsing a block collection", lambda: _("while parsing a block collection")),
    _fixed("while parsing a block node", lambda: _("while parsing a block node")),
    _fixed("while parsing a flow sequence", lambda: _("while parsing a flow sequence")),
    _fixed("while parsing a flow mapping", lambda: _("while parsing a flow mapping")),
    _fixed("while parsing a flow node", lambda: _("while parsing a flow node")),
    _fixed("while parsing a node", lambda: _("while parsing a node")),
    _fixed("while scanning an anchor", lambda: _("while scanning an anchor")),
    _fixed("while scanning an alias", lambda: _("while scanning an alias")),
    _fixed("while scanning a tag", lambda: _("while scanning a tag")),
    _fixed("while parsing a tag", lambda: _("while parsing a tag")),
    _fixed("while scanning a directive", lambda: _("while scanning a directive")),
    _fixed("while scanning for the next token", lambda: _("while scanning for the next token")),
)


def _said(text: str, forms: tuple[Callable[[str], str | None], ...]) -> str:
    for translate in forms:
        said = translate(text)
        if said is not None:
            return said
    return text


def problem(text: str) -> str:
    """libyaml's problem in the chosen language (as written when its form is unknown)."""
    return _said(text, _PROBLEMS)


def context(text: str) -> str:
    """libyaml's context in the chosen language (as written when its form is unknown)."""
    return _said(text, _CONTEXTS)
