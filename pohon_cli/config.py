"""Configuration: ``[tool.pohon]`` in the nearest pyproject.toml, or a pohon.toml.

Found by walking up from each data file's folder; in one folder, pohon.toml wins over
pyproject.toml, and a pyproject.toml without ``[tool.pohon]`` does not count. Merged with
the command line, which wins: command line, then config file, then the rules' defaults.
A bad configuration is a ``ConfigError`` (exit 2) naming the file and line.

    [tool.pohon]
    ignore = ["PK110"]
    select = ["PK101", "PK108"]        # only these (default: every rule)
    severity = { PK108 = "error" }
    fail-on = "warning"

    [tool.pohon.rules.PK114]           # a rule's options, by code or name
    activity-words = ["pelaksanaan", "penyusunan"]

    [tool.pohon.report]                # pohon report and export: see ReportConfig
    cap = 120
    bands = { "Sangat Baik" = 91, Baik = 76, Cukup = 66, Kurang = 51, "Sangat Kurang" = 0 }
    scales = { opini = ["TMP", "TW", "WDP", "WTP"] }
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pohon_cli.config_files import bahasa_problem, find_config
from pohon_cli.i18n import LANGUAGES, _
from pohon_cli.problem import SEVERITIES, InputError, Severity
from pohon_cli.rules import RULES, find_rule, not_a_rule
from pohon_cli.rules.base import Option, OptionValue
from pohon_cli.rules.lint import Settings
from pohon_cli.suggest import did_you_mean

KEYS = ("select", "ignore", "severity", "fail-on", "rules", "report", "bahasa")
REPORT_KEYS = ("cap", "bands", "scales")


class ConfigError(InputError):
    """A configuration pohon cannot use: the command exits 2 with this message."""


@dataclass(frozen=True, slots=True)
class ReportConfig:
    """What ``[tool.pohon.report]`` says for pohon report and export (None: it does not
    say). ``cap`` False means no cap; ``bands`` are (name, lowest capaian) pairs, best
    first; ``scales`` are ordered text values per satuan, worst first."""

    cap: Decimal | bool | None = None
    bands: tuple[tuple[str, Decimal], ...] | None = None
    scales: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Config:
    """What one config file says (None: it does not say)."""

    path: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity | None = None
    options: Mapping[str, Mapping[str, OptionValue]] = field(default_factory=dict)
    report: ReportConfig = field(default_factory=ReportConfig)


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the command line says; it wins over the config file."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    inline_suppress: bool = True


def rule_codes(words: Iterable[str], where: str) -> tuple[str, ...]:
    """Codes or rule names as their codes; ConfigError naming ``where`` for any other word."""
    found: list[str] = []
    for word in words:
        rule = find_rule(word.strip())
        if rule is None:
            raise ConfigError(f"{where}: {not_a_rule(word.strip())}")
        found.append(rule.code)
    return tuple(found)


def severity_word(word: str, where: str) -> Severity:
    if word in SEVERITIES:
        return word
    hint = did_you_mean(word, SEVERITIES)
    if hint:
        raise ConfigError(
            _(
                "{where}: `{word}` is not a severity: use error, warning or info ({hint})",
                where=where,
                word=word,
                hint=hint,
            )
        )
    raise ConfigError(
        _(
            "{where}: `{word}` is not a severity: use error, warning or info",
            where=where,
            word=word,
        )
    )


def merge(config: Config, overrides: Overrides) -> Settings:
    """The settings for one file: each layer's select replaces the set, its ignore removes."""
    enabled = set(RULES)
    for select, ignore in ((config.select, config.ignore), (overrides.select, overrides.ignore)):
        if select is not None:
            enabled = set(select)
        enabled -= set(ignore)
    return Settings(
        enabled=frozenset(enabled),
        severity=dict(config.severity),
        options={code: dict(values) for code, values in config.options.items()},
        fail_on=overrides.fail_on or config.fail_on or "error",
        inline_suppress=overrides.inline_suppress,
    )


class Finder:
    """Settings per data file, each config file found and read once."""

    def __init__(self, overrides: Overrides) -> None:
        self.overrides = overrides
        self._by_folder: dict[Path, Settings] = {}

    def settings_for(self, path: str | Path) -> Settings:
        folder = Path(os.path.abspath(path)).parent
        settings = self._by_folder.get(folder)
        if settings is None:
            found = find_config(folder)
            config = read_config(found) if found is not None else Config()
            settings = self._by_folder[folder] = merge(config, self.overrides)
        return settings


def read_config(path: Path) -> Config:
    """Read and check one config file; ConfigError with file:line for anything wrong."""
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            _("{file}: cannot read the configuration: {error}", file=shown, error=error)
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"at line (\d+), column (\d+)", str(error))
        if where:
            place = f":{where.group(1)}:{where.group(2)}"
        else:  # "at end of document"
            place = f":{max(1, len(text.splitlines()))}" if "end of document" in str(error) else ""
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
        raise ConfigError(
            _(
                "{file}{place}: not valid TOML: {reason}",
                file=shown,
                place=place,
                reason=toml_reason(reason),
            )
        ) from None
    table: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        table = ("tool", "pohon")
        data = data.get("tool", {}).get("pohon", {})
        if not isinstance(data, dict):
            raise ConfigError(_("{file}: `tool.pohon` must be a table: [tool.pohon]", file=shown))
    return _Reader(shown, text, table).read(data)


def toml_reason(reason: str) -> str:
    """What the TOML reader said, in the chosen language: its common forms said whole,
    any other kept as written."""
    fixed = {
        "Invalid value": lambda: _("Invalid value"),
        "Invalid statement": lambda: _("Invalid statement"),
        "Unclosed array": lambda: _("Unclosed array"),
        "Unclosed inline table": lambda: _("Unclosed inline table"),
        "Unterminated string": lambda: _("Unterminated string"),
        "Cannot overwrite a value": lambda: _("Cannot overwrite a value"),
        "Expected '=' after a key in a key/value pair": lambda: _(
            "Expected '=' after a key in a key/value pair"
        ),
        "Expected ']' at the end of a table declaration": lambda: _(
            "Expected ']' at the end of a table declaration"
        ),
        "Expected newline or end of document after a statement": lambda: _(
            "Expected newline or end of document after a statement"
        ),
        "Invalid initial character for a key part": lambda: _(
            "Invalid initial character for a key part"
        ),
    }
    said = fixed.get(reason)
    if said is not None:
        return said()
    twice = re.fullmatch(r"Cannot declare (.+) twice", reason)
    if twice:
        return _("Cannot declare {key} twice", key=twice.group(1))
    illegal = re.fullmatch(r"Illegal character (.+)", reason)
    if illegal:
        return _("Illegal character {char}", char=illegal.group(1))
    return reason


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


class _Reader:
    """Checks a config table, naming the file, line and TOML table of each mistake."""

    def __init__(self, shown: str, text: str, table: tuple[str, ...]) -> None:
        self.shown = shown
        self.lines = text.splitlines()
        self.table = table

    def where(self, *keys: str) -> str:
        line = _line_of(self.lines, self.table + keys)
        place = f"{self.shown}:{line}" if line else self.shown
        name = ".".join(self.table + keys)
        return f"{place}: `{name}`" if name else place

    def read(self, data: Mapping[str, Any]) -> Config:
        for key in data:
            if key not in KEYS:
                hint = did_you_mean(key, KEYS) or _("allowed: {keys}", keys=", ".join(KEYS))
                raise ConfigError(
                    _("{where}: unknown key ({hint})", where=self.where(key), hint=hint)
                )
        select = data.get("select")
        if "bahasa" in data and data["bahasa"] not in LANGUAGES:
            # the language itself is chosen before the command runs (cli/language.py)
            raise ConfigError(f"{self.where('bahasa')} {bahasa_problem(data['bahasa'])}")
        return Config(
            path=self.shown,
            select=None if select is None else self.codes(select, "select"),
            ignore=self.codes(data.get("ignore", []), "ignore"),
            severity=self.severities(data.get("severity", {})),
            fail_on=self.fail_on(data.get("fail-on")),
            options=self.options(data.get("rules", {})),
            report=self.report(data.get("report", {})),
        )

    def codes(self, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                _('{where} must be a list of rule codes, e.g. ["PK110"]', where=self.where(key))
            )
        return rule_codes(value, self.where(key))

    def severities(self, value: Any) -> dict[str, Severity]:
        if not isinstance(value, dict):
            raise ConfigError(
                _(
                    '{where} must be a table, e.g. {{PK108 = "error"}}',
                    where=self.where("severity"),
                )
            )
        found: dict[str, Severity] = {}
        for word, level in value.items():
            where = self.where("severity", word)
            (code,) = rule_codes([word], where)
            if not isinstance(level, str):
                raise ConfigError(_("{where} must be error, warning or info", where=where))
            found[code] = severity_word(level, where)
        return found

    def fail_on(self, value: Any) -> Severity | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ConfigError(
                _("{where} must be error, warning or info", where=self.where("fail-on"))
            )
        return severity_word(value, self.where("fail-on"))

    def options(self, value: Any) -> dict[str, dict[str, OptionValue]]:
        if not isinstance(value, dict):
            raise ConfigError(_("{where} must be a table of rules", where=self.where("rules")))
        found: dict[str, dict[str, OptionValue]] = {}
        for word, settings in value.items():
            (code,) = rule_codes([word], self.where("rules", word))
            rule = RULES[code]
            if not isinstance(settings, dict):
                raise ConfigError(
                    _("{where} must be a table of options", where=self.where("rules", word))
                )
            declared = {option.name: option for option in rule.options}
            for name, option_value in settings.items():
                where = self.where("rules", word, name)
                option = declared.get(name)
                if option is None:
                    if declared:
                        known = did_you_mean(name, declared) or _(
                            "options: {names}", names=", ".join(declared)
                        )
                    else:
                        known = _("{code} has no options", code=code)
                    raise ConfigError(
                        _("{where}: unknown option ({known})", where=where, known=known)
                    )
                found.setdefault(code, {})[name] = _option_value(option, option_value, where)
        return found

    def report(self, value: Any) -> ReportConfig:
        if not isinstance(value, dict):
            raise ConfigError(
                _("{where} must be a table: [tool.pohon.report]", where=self.where("report"))
            )
        for key in value:
            if key not in REPORT_KEYS:
                hint = did_you_mean(key, REPORT_KEYS) or _(
                    "allowed: {keys}", keys=", ".join(REPORT_KEYS)
                )
                raise ConfigError(
                    _(
                        "{where}: unknown key ({hint})",
                        where=self.where("report", key),
                        hint=hint,
                    )
                )
        return ReportConfig(
            cap=self.cap(value.get("cap")),
            bands=self.bands(value.get("bands")),
            scales=self.scales(value.get("scales", {})),
        )

    def cap(self, value: Any) -> Decimal | bool | None:
        if value is None or value is False:
            return value
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 100:
            return Decimal(str(value))
        raise ConfigError(
            _(
                "{where} must be a number of 100 or more (e.g. 120), or false for no cap",
                where=self.where("report", "cap"),
            )
        )

    def bands(self, value: Any) -> tuple[tuple[str, Decimal], ...] | None:
        if value is None:
            return None
        where = self.where("report", "bands")
        example = '{ "Sangat Baik" = 91, Baik = 76, Cukup = 66, Kurang = 51, "Sangat Kurang" = 0 }'
        if not isinstance(value, dict) or not value:
            raise ConfigError(
                _(
                    "{where} must be a table of band = lowest capaian, e.g. {example}",
                    where=where,
                    example=example,
                )
            )
        found: list[tuple[str, Decimal]] = []
        for name, lowest in value.items():
            if not isinstance(lowest, int | float) or isinstance(lowest, bool):
                raise ConfigError(
                    _("{where} must be a number", where=self.where("report", "bands", name))
                )
            found.append((name, Decimal(str(lowest))))
        found.sort(key=lambda band: band[1], reverse=True)
        bounds = [lowest for _name, lowest in found]
        twice = sorted({str(b) for b in bounds if bounds.count(b) > 1})
        if twice:
            raise ConfigError(
                _("{where}: two bands start at {bounds}", where=where, bounds=", ".join(twice))
            )
        return tuple(found)

    def scales(self, value: Any) -> dict[str, tuple[str, ...]]:
        if not isinstance(value, dict):
            raise ConfigError(
                _(
                    "{where} must be a table of satuan = [worst, ..., best]",
                    where=self.where("report", "scales"),
                )
            )
        found: dict[str, tuple[str, ...]] = {}
        for satuan, steps in value.items():
            where = self.where("report", "scales", satuan)
            if (
                not isinstance(steps, list)
                or len(steps) < 2
                or not all(isinstance(s, str) and s.strip() for s in steps)
            ):
                raise ConfigError(
                    _(
                        '{where} must list at least two values, worst first, e.g. ["TMP", "WTP"]',
                        where=where,
                    )
                )
            if len(set(steps)) != len(steps):
                raise ConfigError(_("{where}: a value is on the scale twice", where=where))
            found[satuan] = tuple(steps)
        return found


def _option_value(option: Option, value: Any, where: str) -> OptionValue:
    if option.kind == "words":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise ConfigError(
            _('{where} must be a list of words, e.g. ["{name}"]', where=where, name=option.name)
        )
    if option.kind == "number":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Decimal(str(value))
        raise ConfigError(_("{where} must be a number", where=where))
    if isinstance(value, bool):
        return value
    raise ConfigError(_("{where} must be true or false", where=where))


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")


def _header_keys(raw: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in raw.split("."))


def _line_of(lines: list[str], keys: tuple[str, ...]) -> int | None:
    """Best effort: the line where the dotted ``keys`` are written (None when not found).

    Tries the longest table header that exists, then looks for the remaining keys below it,
    in order, before the next header (inline tables included: ``severity = {PK108 = ...}``).
    """
    for cut in range(len(keys), -1, -1):
        header, rest = keys[:cut], keys[cut:]
        start = _header_line(lines, header)
        if start is None:
            continue
        if not rest:
            return start + 1 if start >= 0 else None
        line = start + 1
        for key in rest:
            pattern = re.compile(rf"(?:^|[{{,\s])[\"']?{re.escape(key)}[\"']?\s*=")
            for number in range(line, len(lines)):
                if _HEADER.match(lines[number]):
                    return None
                if pattern.search(lines[number]):
                    line = number
                    break
            else:
                return None
        return line + 1
    return None


def _header_line(lines: list[str], header: tuple[str, ...]) -> int | None:
    """The index of the line ``[header]``; -1 for the top of the file (no header)."""
    if not header:
        return -1
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if match and _header_keys(match.group(1)) == header:
            return number
    return None
