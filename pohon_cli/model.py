"""The pohon file format, version 1: Pydantic models with English names and Indonesian keys.

No I/O here. The loader hands these models plain values: text (``str``), numbers written
without quotes (``Decimal``, keeping the digits as written), ``None``, dicts and lists.
A key that expects text takes a number back as the text it was written as, so
``kode: 1.10`` is the kode ``"1.10"``, never ``1.1``.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Context, Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

if TYPE_CHECKING:
    from pohon_cli.source import Source

FORMAT_VERSION = 1
DEFAULT_LEVELS: tuple[str, ...] = ("tujuan", "sasaran_strategis", "sasaran", "program", "kegiatan")
MAX_LEVELS = 50


def number_text(value: Decimal) -> str:
    """A number as its digits, as written: ``1.10`` stays ``1.10``, and ``0.0000001`` never
    becomes the ``1E-7`` that ``str()`` writes (which would read back as text)."""
    return format(value, "f")


def value_text(value: Decimal | str | tuple[Decimal, Decimal]) -> str:
    """A target, baseline or realisation as the file writes it: ``1.10``, ``WTP``, ``[80, 90]``."""
    if isinstance(value, tuple):
        return f"[{number_text(value[0])}, {number_text(value[1])}]"
    if isinstance(value, Decimal):
        return number_text(value)
    return value


def _as_text(value: Any) -> Any:
    """A number written without quotes, where text is expected, is the text as written."""
    if isinstance(value, Decimal):
        return number_text(value)
    return value


def _as_year(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("a year is four digits, e.g. 2024")
    if isinstance(value, int | Decimal) and value == int(value) and 1000 <= value <= 9999:
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}", value):
        return int(value)
    raise ValueError("a year is four digits, e.g. 2024")


def _as_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ValueError("write true or false")


def _as_value(value: Any) -> Any:
    """A target, baseline or realisation: a number, a text, or a range [low, high]."""
    if isinstance(value, Decimal | str) and not isinstance(value, bool):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, list | tuple):
        if len(value) == 2 and all(isinstance(v, Decimal) for v in value):
            low, high = value
            if low > high:
                raise ValueError(
                    f"a range is [low, high]: {number_text(low)} is above {number_text(high)}"
                )
            return (low, high)
        raise ValueError("a range is two numbers [low, high], e.g. [80, 90]")
    if value is None:
        raise ValueError("the value is empty: write a number or a text, or remove the year")
    raise ValueError("write a number, a text, or a range [low, high]")


def _as_actual(value: Any) -> Any:
    """A realisasi of one year: a value, or a mapping of quarters ``{tw1: 10, tw2: 12}``.

    Checked here, in one place, so that a mistake gets one clear message rather than one
    per member of the union."""
    if not isinstance(value, dict):
        return _as_value(value)
    if not value:
        raise ValueError("no quarter is written: write tw1..tw4, or one value for the year")
    found: dict[str, Decimal] = {}
    wrong: list[str] = []
    for key, quarter_value in value.items():
        name = str(key)
        if name not in QUARTERS:
            wrong.append(f"`{name}`")
            continue
        if quarter_value is None:
            raise ValueError(f"{name} is empty: write a number, or leave the quarter out")
        if not isinstance(quarter_value, Decimal):
            kind = (
                "a list"
                if isinstance(quarter_value, list | tuple)
                else "a mapping"
                if isinstance(quarter_value, dict)
                else f"the text `{str(quarter_value)[:40]}`"
            )
            raise ValueError(f"{name}: a quarter's realisasi is a number, not {kind}")
        found[name] = quarter_value
    if wrong:
        verb = "is not a quarter" if len(wrong) == 1 else "are not quarters"
        raise ValueError(
            f"{', '.join(wrong)} {verb} (triwulan): write tw1, tw2, tw3 or tw4, in small letters"
        )
    return {q: found[q] for q in QUARTERS if q in found}


def _as_scale(value: Any) -> Any:
    """An ordered scale of text values, worst first: ``[TMP, TW, WDP, WTP]``."""
    if not isinstance(value, list | tuple):
        raise ValueError("a scale is a list of values, worst first, e.g. [TMP, TW, WDP, WTP]")
    steps = [number_text(v) if isinstance(v, Decimal) else v for v in value]
    if len(steps) < 2 or not all(isinstance(v, str) and v.strip() for v in steps):
        raise ValueError("a scale lists at least two values (texts), worst first")
    twice = sorted({v for i, v in enumerate(steps) if v in steps[:i]})
    if twice:
        raise ValueError(f"a value is on the scale twice: {', '.join(twice)}")
    return tuple(steps)


Text = Annotated[str, BeforeValidator(_as_text)]
Kode = Annotated[
    str,
    BeforeValidator(_as_text),
    StringConstraints(min_length=1, max_length=200, pattern=r"^\S(?:.*\S)?$"),
]
Year = Annotated[int, BeforeValidator(_as_year)]
Flag = Annotated[bool, BeforeValidator(_as_bool)]
Number = Decimal
Range = tuple[Decimal, Decimal]
Value = Annotated[Decimal | str | Range, BeforeValidator(_as_value)]
Polarity = Literal["naik", "turun", "stabil"]
Quarter = Literal["tw1", "tw2", "tw3", "tw4"]
QUARTERS: tuple[Quarter, ...] = ("tw1", "tw2", "tw3", "tw4")
# the realisasi of a year written per quarter (triwulan), in quarter order
Quarters = dict[Quarter, Decimal]
Consolidation = Literal["jumlah", "rata_rata", "terakhir"]
Actual = Annotated[Decimal | str | Range | Quarters, BeforeValidator(_as_actual)]
Scale = Annotated[tuple[str, ...], BeforeValidator(_as_scale)]
ResultKind = Literal["dampak", "outcome", "output"]

_YEARS_SCHEMA: dict[str, Any] = {"propertyNames": {"pattern": "^[0-9]{4}$"}}


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_alias=True,
        validate_by_name=True,
        serialize_by_alias=True,
    )


class Institution(_Model):
    """The office that owns the tree."""

    name: Text = Field(alias="nama", description="Nama instansi / full name of the office")
    short_name: Text | None = Field(
        None, alias="singkatan", description="Singkatan / short name, e.g. KPU Kab. Bengkulu Tengah"
    )


class Mission(_Model):
    code: Kode = Field(alias="kode", description="Kode misi, e.g. M1 / mission code")
    description: Text = Field(alias="uraian", description="Rumusan misi / the mission statement")


class ParentOrganisation(_Model):
    """The organisation whose tree this one cascades from (for a district KPU: the national KPU)."""

    name: Text = Field(alias="nama", description="Nama instansi induk / name of the parent body")
    short_name: Text | None = Field(None, alias="singkatan", description="Singkatan / short name")
    vision: Text | None = Field(None, alias="visi", description="Visi induk / its vision")
    missions: tuple[Mission, ...] = Field((), alias="misi", description="Misi induk / its missions")


class Period(_Model):
    start: Year = Field(alias="awal", description="Tahun awal / first year of the plan period")
    end: Year = Field(alias="akhir", description="Tahun akhir / last year of the plan period")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError(f"the period starts ({self.start}) after it ends ({self.end})")
        return self

    def years(self) -> range:
        return range(self.start, self.end + 1)


class Unit(_Model):
    """A unit kerja: who answers for nodes and indicators."""

    code: Kode = Field(alias="kode", description="Kode unit kerja / unit code")
    name: Text = Field(alias="nama", description="Nama unit kerja / unit name")
    parent: Kode | None = Field(
        None, alias="atasan", description="Kode unit atasan / code of the unit above"
    )
    duties: tuple[Text, ...] = Field((), alias="tugas", description="Tugas / duties")


class Indicator(_Model):
    """An indicator of a node, with its targets and realisations per year."""

    code: Kode = Field(alias="kode", description="Kode unik (bersama kode simpul) / unique code")
    description: Text = Field(alias="uraian", description="Uraian indikator / what is measured")
    unit: Text | None = Field(
        None, alias="satuan", description="Satuan: persen, jumlah, nilai, indeks, ... / unit"
    )
    targets: dict[Year, Value] = Field(
        default_factory=dict,
        alias="target",
        description="Target per tahun / target per year: number, text or [low, high]",
        json_schema_extra=_YEARS_SCHEMA,
    )
    parent_targets: dict[Year, Value] = Field(
        default_factory=dict,
        alias="target_induk",
        description="Target induk per tahun, untuk indikator turunan / the target the induk "
        "set for this inherited indicator, per year",
        json_schema_extra=_YEARS_SCHEMA,
    )
    polarity: Polarity = Field(
        "naik",
        alias="polaritas",
        description="naik = makin tinggi makin baik / higher is better (default); "
        "turun = lower is better; stabil = a range is best",
    )
    baseline: Value | None = Field(None, description="Nilai awal / starting value")
    consolidation: Consolidation | None = Field(
        None,
        alias="konsolidasi",
        description="Cara menggabungkan realisasi triwulan / how quarters make the year: "
        "jumlah = sum, rata_rata = average, terakhir = the last quarter",
    )
    realisations: dict[Year, Actual] = Field(
        default_factory=dict,
        alias="realisasi",
        description="Realisasi per tahun: satu nilai, atau per triwulan {tw1: .., tw4: ..} / "
        "actual value per year: one value, or per quarter",
        json_schema_extra=_YEARS_SCHEMA,
    )
    definition: Text | None = Field(None, alias="definisi", description="Definisi / definition")
    formula: Text | None = Field(None, description="Formula / how it is computed")
    data_source: Text | None = Field(
        None, alias="sumber_data", description="Sumber data / data source"
    )
    owner: Kode | None = Field(
        None,
        alias="penanggung_jawab",
        description="Kode unit penanggung jawab / accountable unit (default: the node's)",
    )
    national: Flag = Field(
        False,
        alias="nasional",
        description="Diturunkan dari induk / inherited from the parent",
    )
    note: Text | None = Field(None, alias="catatan", description="Catatan / free note")

    @field_validator("realisations")
    @classmethod
    def _quarters_say_how(cls, value: dict[int, Any], info: ValidationInfo) -> dict[int, Any]:
        if info.data.get("consolidation") is None and any(
            isinstance(v, dict) for v in value.values()
        ):
            raise ValueError(
                "quarters (tw1..tw4) need `konsolidasi` on the indicator: "
                "jumlah (sum), rata_rata (average) or terakhir (the last quarter)"
            )
        return value

    @property
    def actuals(self) -> dict[int, Value]:
        """The realisasi of each year as one value: as written, or its quarters combined by
        ``konsolidasi`` once the year is complete (a year still in progress is left out)."""
        written = self.realisations
        if not any(isinstance(v, dict) for v in written.values()):
            return cast("dict[int, Value]", written)
        found: dict[int, Value] = {}
        for year, value in written.items():
            if not isinstance(value, dict):
                found[year] = value
                continue
            combined = combine(value, self.consolidation, complete=True)
            if combined is not None:
                found[year] = combined
        return found


# An explicit context: an average never depends on the caller's decimal settings.
_QUARTER_CONTEXT = Context(prec=28)


def combine(
    quarters: Quarters, how: Consolidation | None, *, complete: bool = False
) -> Decimal | None:
    """The year's realisasi from its quarters, as ``konsolidasi`` says: ``jumlah`` the sum,
    ``rata_rata`` the average, ``terakhir`` the last quarter written.

    A missing quarter is missing, never zero: with ``complete``, None unless the year is
    whole (all four quarters; for ``terakhir``, tw4); otherwise the quarters written so far,
    and None when one is missing between them (tw1 and tw3 without tw2)."""
    if how is None or not quarters:
        return None
    written = [q for q in QUARTERS if q in quarters]
    if how == "terakhir":
        if complete and "tw4" not in quarters:
            return None
        return quarters[written[-1]]
    if written != list(QUARTERS[: len(written)]) or (complete and len(written) < 4):
        return None
    total = Decimal(0)
    for quarter in written:
        total = _QUARTER_CONTEXT.add(total, quarters[quarter])
    if how == "jumlah":
        return total
    return _QUARTER_CONTEXT.divide(total, Decimal(len(written)))


class Node(_Model):
    """A node of the tree, without its children: the loader validates nodes one at a time."""

    code: Kode = Field(alias="kode", description="Kode unik / unique code")
    level: Text = Field(alias="jenjang", description="Jenjang (one of `jenjang`) / level")
    description: Text = Field(alias="uraian", description="Uraian / the statement")
    missions: tuple[Kode, ...] = Field(
        (), alias="misi", description="Kode misi yang didukung / misi served (default: parents')"
    )
    owner: Kode | None = Field(
        None, alias="penanggung_jawab", description="Kode unit penanggung jawab / accountable unit"
    )
    kind: ResultKind | None = Field(
        None, alias="jenis", description="Jenis hasil / kind of result: dampak, outcome, output"
    )
    national: Flag = Field(
        False,
        alias="nasional",
        description="Diturunkan dari induk / inherited from the parent",
    )
    note: Text | None = Field(None, alias="catatan", description="Catatan / free note")
    indicators: tuple[Indicator, ...] = Field(
        (), alias="indikator", description="Indikator kinerja / performance indicators"
    )


class Reference(_Model):
    """``{rujuk: KODE}`` in ``anak``: a node defined elsewhere that also serves this parent."""

    ref: Kode = Field(alias="rujuk", description="Kode simpul yang dirujuk / kode of the node")


class NodeDocument(Node):
    """A node as written in the file, with its children (for the JSON Schema)."""

    # only `pohon schema` needs it: build it then, not at every start
    model_config = ConfigDict(defer_build=True)

    children: list[NodeDocument | Reference] = Field(
        default_factory=list,
        alias="anak",
        description="Simpul anak, atau {rujuk: KODE} / child nodes, or a reference",
    )


class Header(_Model):
    """Everything at the top of the file except the tree itself."""

    version: int = Field(alias="versi", description="Versi format / format version: 1")
    institution: Institution = Field(alias="instansi", description="Instansi / the office")
    parent_organisation: ParentOrganisation | None = Field(
        None, alias="induk", description="Instansi induk / the body this tree cascades from"
    )
    year: Year = Field(alias="tahun", description="Tahun rencana / the plan year")
    period: Period | None = Field(
        None, alias="periode", description="Periode Renstra / plan period"
    )
    vision: Text = Field(alias="visi", description="Visi / vision")
    missions: tuple[Mission, ...] = Field(alias="misi", description="Misi / missions")
    units: tuple[Unit, ...] = Field((), alias="unit_kerja", description="Unit kerja / work units")
    scales: dict[Text, Scale] = Field(
        default_factory=dict,
        alias="skala",
        description="Skala nilai teks per satuan, terburuk dulu / ordered scale of text values "
        "per satuan, worst first, e.g. {opini: [TMP, TW, WDP, WTP]}",
    )
    levels: tuple[Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")], ...] = (
        Field(
            DEFAULT_LEVELS,
            alias="jenjang",
            min_length=1,
            max_length=MAX_LEVELS,
            description="Nama jenjang, dari atas / level names, top first",
        )
    )

    @field_validator("version", mode="before")
    @classmethod
    def _known_version(cls, value: Any) -> Any:
        if value != FORMAT_VERSION:
            raise ValueError(f"this pohon reads format version {FORMAT_VERSION}: write versi: 1")
        return FORMAT_VERSION

    @field_validator("levels")
    @classmethod
    def _unique_levels(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        seen = {name for i, name in enumerate(value) if name in value[:i]}
        if seen:
            raise ValueError(f"a level is named twice: {', '.join(sorted(seen))}")
        return value


class Document(Header):
    """The whole file as written (the JSON Schema is made from this)."""

    model_config = ConfigDict(defer_build=True)

    tree: list[NodeDocument] = Field(alias="pohon", description="Pohon kinerja / the tree")


@dataclass(frozen=True, slots=True)
class Step:
    """One stop of ``Tree.walk``: a node, the parent it is reached from, its depth (roots
    are 1), and whether this is its first appearance (later ones are references)."""

    node: Node
    parent: str | None
    depth: int
    first: bool


@dataclass(frozen=True, slots=True)
class Tree:
    """A loaded tree: nodes by kode, and the edges between them.

    A node may serve several parents: ``parents[kode]`` lists all of them, the one it is
    written under first. ``children[kode]`` keeps the order of the file.
    """

    header: Header
    nodes: Mapping[str, Node]
    roots: tuple[str, ...]
    children: Mapping[str, tuple[str, ...]]
    parents: Mapping[str, tuple[str, ...]]
    # indicator kode -> kode of the node it belongs to
    indicator_node: Mapping[str, str]
    source: Source | None = field(default=None, compare=False, repr=False)

    def indicators(self) -> Iterator[tuple[Node, Indicator]]:
        """Every indicator with its node, in file order."""
        for node in self.nodes.values():
            for indicator in node.indicators:
                yield node, indicator

    def level_index(self, node: Node) -> int:
        return self.header.levels.index(node.level)

    def missions_of(self, kode: str) -> frozenset[str]:
        """The misi a node serves: its own ``misi``, or else those of all its parents."""
        memo: dict[str, frozenset[str]] = {}
        return self._missions(kode, memo)

    def all_missions(self) -> dict[str, frozenset[str]]:
        """``missions_of`` for every node, computed once."""
        memo: dict[str, frozenset[str]] = {}
        for kode in self.nodes:
            self._missions(kode, memo)
        return memo

    def _missions(self, kode: str, memo: dict[str, frozenset[str]]) -> frozenset[str]:
        # iterative: a tree may be deep, and parents are visited before their children
        stack = [kode]
        while stack:
            top = stack[-1]
            if top in memo:
                stack.pop()
                continue
            own = self.nodes[top].missions
            if own:
                memo[top] = frozenset(own)
                stack.pop()
                continue
            pending = [p for p in self.parents.get(top, ()) if p not in memo]
            if pending:
                stack.extend(pending)
                continue
            merged: frozenset[str] = frozenset()
            for parent in self.parents.get(top, ()):
                merged |= memo[parent]
            memo[top] = merged
            stack.pop()
        return memo[kode]

    def walk(
        self, roots: Iterable[str] | None = None, *, keep: Container[str] | None = None
    ) -> Iterator[Step]:
        """Depth-first, in file order. A node met again (it serves several parents) is
        yielded with ``first=False`` and not descended into again; nodes not in ``keep``
        are skipped with their subtrees. Iterative: a deep tree cannot overflow the stack."""
        starts = self.roots if roots is None else tuple(roots)
        seen: set[str] = set()
        stack: list[tuple[str, str | None, int]] = [(k, None, 1) for k in reversed(starts)]
        while stack:
            kode, parent, depth = stack.pop()
            if keep is not None and kode not in keep:
                continue
            first = kode not in seen
            seen.add(kode)
            yield Step(self.nodes[kode], parent, depth, first)
            if first:
                for kid in reversed(self.children.get(kode, ())):
                    stack.append((kid, kode, depth + 1))

    def owner_of(self, indicator: Indicator) -> str | None:
        """The unit answering for an indicator: its own, or its node's."""
        if indicator.owner is not None:
            return indicator.owner
        return self.nodes[self.indicator_node[indicator.code]].owner

    def line_of(self, kode: str) -> int | None:
        """The line where the node or indicator ``kode`` is written, for a program to point
        at it (None for a tree that was not read from a file)."""
        return None if self.source is None else self.source.at(kode)[0]
