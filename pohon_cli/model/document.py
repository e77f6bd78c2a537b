"""The pohon file format, version 1: Pydantic models with English names and Indonesian keys.

No I/O here. The loader hands these models plain values: text (``str``), numbers written
without quotes (``Decimal``, keeping the digits as written), ``None``, dicts and lists.
A key that expects text takes a number back as the text it was written as, so
``kode: 1.10`` is the kode ``"1.10"``, never ``1.1``.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from pohon_cli.i18n import _
from pohon_cli.model.values import (
    Actual,
    Amount,
    Consolidation,
    Flag,
    Kode,
    Owners,
    Planned,
    Polarity,
    ResultKind,
    Scale,
    Split,
    Text,
    Value,
    Year,
    combine,
    overall_polarity,
    value_kinds,
)

FORMAT_VERSION = 1
DEFAULT_LEVELS: tuple[str, ...] = ("tujuan", "sasaran_strategis", "sasaran", "program", "kegiatan")
MAX_LEVELS = 50

_YEARS_SCHEMA: dict[str, Any] = {"propertyNames": {"pattern": "^[0-9]{4}$"}}


def _budget(alias: str, description: str) -> Any:
    """A year -> rupiah map (``anggaran``, ``realisasi_anggaran``), the same on nodes and
    indicators."""
    return Field(
        default_factory=dict,
        alias=alias,
        description=description,
        json_schema_extra=_YEARS_SCHEMA,
    )


_PAGU = "Pagu anggaran per tahun, dalam rupiah / the budget (pagu) per year, in rupiah"
_SPENT = "Realisasi anggaran per tahun, dalam rupiah / the amount spent per year, in rupiah"


class _Model(BaseModel):
    # defer_build: a model's validator is built when it first validates, not at import;
    # the loader makes most nodes and indicators without one (load/construct.py)
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_alias=True,
        validate_by_name=True,
        serialize_by_alias=True,
        defer_build=True,
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
    file: Text | None = Field(
        None,
        alias="berkas",
        description="Berkas pohon induk, relatif terhadap berkas ini / the parent office's "
        "file, as a path relative to this file",
    )


class Period(_Model):
    start: Year = Field(alias="awal", description="Tahun awal / first year of the plan period")
    end: Year = Field(alias="akhir", description="Tahun akhir / last year of the plan period")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError(
                _(
                    "the period starts ({start}) after it ends ({end})",
                    start=self.start,
                    end=self.end,
                )
            )
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
    polarity: Polarity | None = Field(
        None,
        alias="polaritas",
        description="naik = makin tinggi makin baik / higher is better; "
        "turun = lower is better; stabil = a range is best. Not written: naik for a "
        "single target, stabil (within the range) for a range [low, high]",
    )
    baseline: Value | None = Field(None, description="Nilai awal / starting value")
    consolidation: Consolidation | None = Field(
        None,
        alias="konsolidasi",
        description="Cara menggabungkan realisasi triwulan / how quarters make the year: "
        "jumlah = sum, rata_rata = average, terakhir = the last quarter",
    )
    # after `konsolidasi`: a target written per quarter is checked against it
    written_targets: dict[Year, Planned] = Field(
        default_factory=dict,
        alias="target",
        description="Target per tahun / target per year: number, text or [low, high], "
        "or per triwulan {tw1: .., tw4: ..} combined by konsolidasi",
        json_schema_extra=_YEARS_SCHEMA,
    )
    written_parent_targets: dict[Year, Planned] = Field(
        default_factory=dict,
        alias="target_induk",
        description="Target induk per tahun, untuk indikator turunan / the target the induk "
        "set for this inherited indicator, per year (one value, or per triwulan)",
        json_schema_extra=_YEARS_SCHEMA,
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
    owners: Owners = Field(
        (),
        alias="penanggung_jawab",
        description="Kode unit penanggung jawab, atau daftar kode dengan unit utama dulu / "
        "accountable unit, or a list of units with the lead first (default: the node's)",
    )
    national: Flag = Field(
        False,
        alias="nasional",
        description="Diturunkan dari induk / inherited from the parent",
    )
    note: Text | None = Field(None, alias="catatan", description="Catatan / free note")
    budget: dict[Year, Amount] = _budget("anggaran", _PAGU)
    spent: dict[Year, Amount] = _budget("realisasi_anggaran", _SPENT)
    supports: Kode | None = Field(
        None,
        alias="mendukung",
        description="Kode indikator berkas induk yang dibawa / the parent file's indicator "
        "this one carries (an IKU passed down)",
    )
    split: Split | None = Field(
        None,
        alias="pembagian",
        description="Target dibagi antar instansi anak / the target is split among the child "
        "offices carrying it: jumlah = their targets add up to it, rata_rata = they average it",
    )

    @field_validator("realisations")
    @classmethod
    def _quarters_say_how(cls, value: dict[int, Any], info: ValidationInfo) -> dict[int, Any]:
        if info.data.get("consolidation") is None and any(
            isinstance(v, dict) for v in value.values()
        ):
            raise ValueError(
                _(
                    "quarters (tw1..tw4) need `konsolidasi` on the indicator: "
                    "jumlah (sum), rata_rata (average) or terakhir (the last quarter)"
                )
            )
        return value

    @cached_property
    def targets(self) -> dict[int, Value]:
        """The target of each year as one value: as written, or its quarters combined by
        ``konsolidasi`` (a target's quarters always make the whole year)."""
        return _per_year(self.written_targets, self.consolidation)

    @cached_property
    def parent_targets(self) -> dict[int, Value]:
        """``target_induk`` of each year as one value, as ``targets``."""
        return _per_year(self.written_parent_targets, self.consolidation)

    @property
    def polarity_written(self) -> bool:
        """Whether the file says the polaritas; views mark one it does not as assumed."""
        return self.polarity is not None

    def polarity_for(self, target: Value | None) -> Polarity:
        """The polaritas that scores ``target``: as written; when not written, ``stabil``
        for a range (within the range is best) and ``naik`` for a single value. Every
        rule, report, view and sheet asks here, so a missing polaritas means one thing."""
        if self.polarity is not None:
            return self.polarity
        return "stabil" if isinstance(target, tuple) else "naik"

    @cached_property
    def overall_polarity(self) -> Polarity:
        """The polaritas of the indicator as a whole, for views with one per indicator:
        as written; when not written, ``stabil`` when its targets are ranges and none is
        a single number, else ``naik`` (each year is still scored by ``polarity_for``)."""
        return overall_polarity(self.polarity, self.targets)

    @property
    def owner(self) -> str | None:
        """The lead unit: the first of ``penanggung_jawab`` (None when none is written)."""
        return self.owners[0] if self.owners else None

    @cached_property
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

    @cached_property
    def value_kinds(self) -> frozenset[type]:
        """The types among the targets, the baseline and the actuals (``Decimal``, ``str``,
        ``tuple`` for a range): a check looking for one kind passes over an indicator
        without it."""
        return value_kinds(self.targets, self.actuals, self.baseline)


# The names of Indicator's cached properties: what construct (load/construct.py) fills in
# when it makes an indicator, so that its dict keeps sharing its keys (one more key would
# turn it into a table of its own: 600 bytes more per indicator, 120 MB at 100,000 nodes).
DERIVED = ("targets", "parent_targets", "actuals", "overall_polarity", "value_kinds")


def _per_year(written: dict[int, Any], how: Consolidation | None) -> dict[int, Value]:
    """Targets of each year as one value: a year of quarters combined, whole."""
    if not any(isinstance(v, dict) for v in written.values()):
        return cast("dict[int, Value]", written)
    found: dict[int, Value] = {}
    for year, value in written.items():
        if not isinstance(value, dict):
            found[year] = value
            continue
        combined = combine(value, how, complete=True)
        if combined is not None:
            found[year] = combined
    return found


class Collaboration(_Model):
    """``kolaborasi`` item: another office's node this node works with (crosscutting)."""

    file: Text = Field(
        alias="berkas",
        description="Berkas instansi mitra, relatif terhadap berkas ini / the partner's file, "
        "relative to this file",
    )
    code: Kode = Field(alias="kode", description="Kode simpul mitra / the partner node's kode")
    role: Text | None = Field(
        None, alias="peran", description="Peran / what the partnership contributes"
    )


class Node(_Model):
    """A node of the tree, without its children: the loader validates nodes one at a time."""

    code: Kode = Field(alias="kode", description="Kode unik / unique code")
    level: Text = Field(alias="jenjang", description="Jenjang (one of `jenjang`) / level")
    description: Text = Field(alias="uraian", description="Uraian / the statement")
    result: Text | None = Field(
        None,
        alias="hasil",
        description="Hasil / the result statement beside a nomenclature name in `uraian`: "
        "the program's outcome, the kegiatan's or sub kegiatan's sasaran (keluaran)",
    )
    missions: tuple[Kode, ...] = Field(
        (), alias="misi", description="Kode misi yang didukung / misi served (default: parents')"
    )
    owners: Owners = Field(
        (),
        alias="penanggung_jawab",
        description="Kode unit penanggung jawab, atau daftar kode dengan unit utama dulu / "
        "accountable unit, or a list of units with the lead first",
    )
    kind: ResultKind | None = Field(
        None,
        alias="jenis",
        description="Jenis hasil / kind of result: dampak, outcome, intermediate_outcome "
        "(kinerja antara), output",
    )
    national: Flag = Field(
        False,
        alias="nasional",
        description="Diturunkan dari induk / inherited from the parent",
    )
    note: Text | None = Field(None, alias="catatan", description="Catatan / free note")
    budget: dict[Year, Amount] = _budget("anggaran", _PAGU)
    spent: dict[Year, Amount] = _budget("realisasi_anggaran", _SPENT)
    supports: tuple[Kode, ...] = Field(
        (),
        alias="mendukung",
        description="Kode simpul berkas induk yang didukung / kodes of the parent file's "
        "nodes this node serves",
    )
    partners: tuple[Collaboration, ...] = Field(
        (),
        alias="kolaborasi",
        description="Mitra lintas sektor / crosscutting partners: another office's node",
    )
    indicators: tuple[Indicator, ...] = Field(
        (), alias="indikator", description="Indikator kinerja / performance indicators"
    )

    @property
    def owner(self) -> str | None:
        """The lead unit: the first of ``penanggung_jawab`` (None when none is written)."""
        return self.owners[0] if self.owners else None


class Reference(_Model):
    """``{rujuk: KODE}`` in ``anak``: a node defined elsewhere that also serves this parent."""

    ref: Kode = Field(alias="rujuk", description="Kode simpul yang dirujuk / kode of the node")


class CarriedIndicator(_Model):
    """``{rujuk: KODE}`` in ``indikator``: an indicator of a node above, carried down
    unchanged (direct cascading)."""

    ref: Kode = Field(
        alias="rujuk",
        description="Kode indikator simpul di atasnya / kode of an ancestor's indicator",
    )


class NodeDocument(Node):
    """A node as written in the file, with its children (for the JSON Schema)."""

    # only `pohon schema` needs it: build it then, not at every start
    model_config = ConfigDict(defer_build=True)

    # the loader reads a carried item apart from the indicators (``Tree.carried``)
    indicators: tuple[Indicator | CarriedIndicator, ...] = Field(  # type: ignore[assignment]
        (),
        alias="indikator",
        description="Indikator kinerja, atau {rujuk: KODE} / performance indicators, or an "
        "indicator of a node above carried down",
    )

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
    vision: Text | None = Field(
        None, alias="visi", description="Visi / vision (a perangkat daerah may have none)"
    )
    missions: tuple[Mission, ...] = Field(
        (),
        alias="misi",
        description="Misi / missions (a perangkat daerah may have none: its nodes then name "
        "the misi of `induk`)",
    )
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

    def declared_missions(self) -> tuple[Mission, ...]:
        """The misi the file speaks of: its own, or the induk's when it declares none (a
        perangkat daerah serves the kepala daerah's misi, written under `induk`)."""
        if self.missions or self.parent_organisation is None:
            return self.missions
        return self.parent_organisation.missions

    def known_missions(self) -> dict[str, Mission]:
        """Every misi a node may name, by kode: the induk's and the file's own; the file's
        own wins when both use the same kode (it is the one a reader of the file sees)."""
        induk = self.parent_organisation
        found = {m.code: m for m in induk.missions} if induk is not None else {}
        found.update((m.code, m) for m in self.missions)
        return found

    @field_validator("version", mode="before")
    @classmethod
    def _known_version(cls, value: Any) -> Any:
        if value != FORMAT_VERSION:
            raise ValueError(
                _(
                    "this pohon reads format version {version}: write versi: 1",
                    version=FORMAT_VERSION,
                )
            )
        return FORMAT_VERSION

    @field_validator("levels")
    @classmethod
    def _unique_levels(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        seen = {name for i, name in enumerate(value) if name in value[:i]}
        if seen:
            raise ValueError(_("a level is named twice: {levels}", levels=", ".join(sorted(seen))))
        return value


class Document(Header):
    """The whole file as written (the JSON Schema is made from this)."""

    model_config = ConfigDict(defer_build=True)

    tree: list[NodeDocument] = Field(alias="pohon", description="Pohon kinerja / the tree")
