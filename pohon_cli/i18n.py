"""The language pohon speaks: Indonesian or English, from gettext catalogues.

Every text a user reads goes through ``_`` (one message, named placeholders) or ``n_``
(a message that depends on a count), so that a translator sees whole sentences and can
reorder them: never a sentence assembled from fragments. Texts defined before the
language is known (rule docs, option help) are marked with ``N_`` and translated where
they are shown.

The catalogues are ``locale/<lang>/LC_MESSAGES/pohon.mo`` in the package, compiled from
the ``.po`` files beside them (``make catalogue``). A catalogue is read only when its first
text is asked for, so a command that prints nothing pays nothing.

The language is the process's one piece of global state, as gettext's own is: the command
line sets it once (``speaking``) before anything is said, and a worker process is told it
with its task.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Literal

Language = Literal["en", "id"]
LANGUAGES: tuple[Language, ...] = ("en", "id")
DEFAULT: Language = "en"
DOMAIN = "pohon"
LOCALE = Path(__file__).parent / "locale"

# the one setting, in a holder so that no function rebinds a global
_now: dict[str, Language] = {"language": DEFAULT}
_loaded: dict[Language, _gettext.NullTranslations] = {}
# message ids asked for that the catalogue of the language lacks (tests read it: a message
# must be translated in both catalogues)
missing: set[tuple[Language, str]] = set()
# set by the tests: English is then read from its catalogue too, so that a text missing
# from it is noted as for Indonesian
checking = False


class _Missing(_gettext.NullTranslations):
    """The fallback of a catalogue: it notes what was asked and not found."""

    def __init__(self, language: Language) -> None:
        super().__init__()
        self.language: Language = language

    def gettext(self, message: str) -> str:
        missing.add((self.language, message))
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        missing.add((self.language, msgid1))
        return msgid1 if n == 1 else msgid2


def _catalogue(language: Language) -> _gettext.NullTranslations:
    found = _loaded.get(language)
    if found is None:
        if language == DEFAULT and not checking:
            # English is the code's own text (the English catalogue repeats it, as a test
            # checks): nothing to read, so an English run pays nothing for the catalogues
            found = _loaded[language] = _gettext.NullTranslations()
            return found
        try:
            with (LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as file:
                found = _gettext.GNUTranslations(file)
        except OSError:
            # an installation without catalogues still speaks, in the words of the code
            found = _gettext.NullTranslations()
        found.add_fallback(_Missing(language))
        _loaded[language] = found
    return found


def language() -> Language:
    """The language texts are translated into now."""
    return _now["language"]


def use(chosen: Language) -> None:
    """Speak ``chosen`` from now on (a worker process, told by its task)."""
    _now["language"] = chosen


@contextlib.contextmanager
def speaking(chosen: Language) -> Iterator[None]:
    """Speak ``chosen`` for one command, then the language before it again (the tests run
    many commands in one process)."""
    before = _now["language"]
    use(chosen)
    try:
        yield
    finally:
        use(before)


def N_(message: str) -> str:
    """Marks a text for the catalogue where it is defined; ``_`` translates it where shown."""
    return message


def _(message: str, /, **values: object) -> str:
    """``message`` in the current language, its ``{name}`` placeholders filled.

    Without values the text is returned as translated: braces in it stay as written."""
    text = _catalogue(_now["language"]).gettext(message)
    return text.format_map(values) if values else text


def tr(marked: str, /, **values: object) -> str:
    """A text marked with ``N_`` where it is defined (a rule's summary, an option's help),
    translated here, where it is shown; ``_`` itself takes only literal text."""
    text = _catalogue(_now["language"]).gettext(marked)
    return text.format_map(values) if values else text


def n_(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The form of a message for ``count`` (``{count}`` is filled, with ``values``):
    Indonesian has one form, English two."""
    text = _catalogue(_now["language"]).ngettext(singular, plural, count)
    return text.format_map({"count": count, **values})


def choose_from_locale(environ: Mapping[str, str]) -> Language | None:
    """The language the system's locale asks for: the first of ``LC_ALL``, ``LC_MESSAGES``
    and ``LANG`` that is set, as the C library reads them; ``id`` or ``id_*`` is
    Indonesian, any other locale English; None when none is set."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            base = value.split(".", 1)[0].split("@", 1)[0]
            return "id" if base == "id" or base.startswith("id_") else "en"
    return None
