"""The pohon file format, version 1: Pydantic models with English names and Indonesian keys.

No I/O here. The loader hands these models plain values: text (``str``), numbers written
without quotes (``Decimal``, keeping the digits as written), ``None``, dicts and lists.
A key that expects text takes a number back as the text it was written as, so
``kode: 1.10`` is the kode ``"1.10"``, never ``1.1``.
"""

from __future__ import annotations

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

from pohon_cli.model.values import (
    Actual,
    Consolidation,
    Flag,
    Kode,
    Owners,
    Polarity,
    ResultKind,
    Scale,
    Text,
    Value,
    Year,
    combine,
)

FORMAT_VERSION = 1
DEFAULT_LEVELS: tuple[str, ...] = ("tujuan", "sasaran_strategis", "sasaran", "program", "kegiatan")
MAX_LEVELS = 50

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
    def owner(self) -> str | None:
        """The lead unit: the first of ``penanggung_jawab`` (None when none is written)."""
        return self.owners[0] if self.owners else None

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


class Node(_Model):
    """A node of the tree, without its children: the loader validates nodes one at a time."""

    code: Kode = Field(alias="kode", description="Kode unik / unique code")
    level: Text = Field(alias="jenjang", description="Jenjang (one of `jenjang`) / level")
    description: Text = Field(alias="uraian", description="Uraian / the statement")
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

    @property
    def owner(self) -> str | None:
        """The lead unit: the first of ``penanggung_jawab`` (None when none is written)."""
        return self.owners[0] if self.owners else None


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
