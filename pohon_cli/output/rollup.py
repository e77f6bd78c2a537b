"""``pohon report DIR``: the offices under their parents with their capaian, and the
roll-up of every carried indicator to the parent, as text, Markdown, JSON and CSV."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TextIO

from pohon_cli.i18n import _
from pohon_cli.model import number_text
from pohon_cli.output import tables
from pohon_cli.output.report import STATUS_TEXT, written_json
from pohon_cli.output.terminal import Printer, Screen, detect
from pohon_cli.output.writer import Writer
from pohon_cli.rollup import Cascade, OfficeSummary, Rollup, Share


@dataclass(frozen=True, slots=True)
class CascadeRequest:
    files: tuple[str, ...]
    year: int | None
    cascade: Cascade


def _number(value: Decimal | None) -> str:
    return "" if value is None else number_text(value)


def _bands(offices: Sequence[OfficeSummary]) -> list[str]:
    """Every band name, in the order of the first office's settings."""
    names: list[str] = []
    for office in offices:
        names += [b for b in office.bands if b not in names]
    return names


def offices_table(offices: Sequence[OfficeSummary]) -> tables.Table:
    """One row per office, indented under its parent, with its own report's figures."""
    bands = _bands(offices)
    headers = (
        "kantor",
        "berkas",
        "tahun",
        "dinilai",
        "tanpa realisasi",
        "rata-rata",
        "predikat",
        *bands,
    )
    body = [
        (
            "  " * o.depth + o.institution,
            o.office,
            str(o.year),
            str(o.overall.rated),
            str(o.overall.missing),
            _number(o.overall.average),
            o.overall.band or "",
            *(str(o.bands.get(b, 0)) for b in bands),
        )
        for o in offices
    ]
    numbers = frozenset({2, 3, 4, 5, *range(7, 7 + len(bands))})
    return tables.Table(headers, body, numbers, flexible=0)


def rolled_text(rollup: Rollup) -> str:
    """What the offices add up to: ``970``, ``82 (rata-rata)`` or ``2 of 3 reach it``."""
    if rollup.split is None:
        if not rollup.compared:
            return ""
        return _(
            "{reached} of {compared} reach it", reached=rollup.reached, compared=rollup.compared
        )
    if rollup.value is None:
        return ""
    return number_text(rollup.value) + (" (rata-rata)" if rollup.split == "rata_rata" else "")


def capaian_text(rollup: Rollup) -> str:
    """The roll-up's capaian, or without ``pembagian`` the lowest to the highest."""
    if rollup.split is None and rollup.lowest is not None and rollup.highest is not None:
        return f"{number_text(rollup.lowest)}–{number_text(rollup.highest)}"
    return _number(rollup.raw)


def note(rollup: Rollup) -> str:
    """Why there is no figure, a year in progress, and a parent's own realisasi that is
    not the rolled-up value."""
    parts = []
    if rollup.partial:
        parts.append(_("year in progress"))
    if rollup.differs and rollup.own is not None:
        own = tables.value_text(rollup.own.realisasi)
        parts.append(_("differs from the parent's own realisasi {value}", value=own))
    if rollup.reason:
        parts.append(rollup.reason)
    return "; ".join(parts)


def rollups_table(rollups: Sequence[Rollup]) -> tables.Table:
    """One row per parent's indicator and year."""
    headers = (
        "kode",
        "tahun",
        "induk",
        "pembagian",
        "target",
        "kantor",
        "gabungan",
        "capaian",
        "predikat",
        "realisasi sendiri",
        "capaian sendiri",
        "keterangan",
    )
    body = [
        (
            r.indicator.code,
            str(r.year),
            r.institution,
            r.split or "-",
            tables.value_text(r.target),
            str(len(r.shares)),
            rolled_text(r),
            capaian_text(r),
            r.band or STATUS_TEXT[r.status],
            "" if r.own is None else tables.value_text(r.own.realisasi),
            "" if r.own is None else _number(r.own.raw),
            note(r),
        )
        for r in rollups
    ]
    return tables.Table(headers, body, frozenset({1, 4, 5, 7, 9, 10}), flexible=11)


def _share_row(rollup: Rollup, share: Share) -> tuple[str, ...]:
    row = share.row
    return (
        rollup.indicator.code,
        str(rollup.year),
        share.institution,
        "" if row is None else row.indicator.code,
        "" if row is None else tables.value_text(row.target),
        "" if row is None else tables.value_text(row.realisasi),
        "" if row is None else _number(row.raw),
        _number(share.against),
        "; ".join(p for p in ((row.basis if row else ""), share.reason or "") if p),
    )


def shares_table(rollups: Sequence[Rollup]) -> tables.Table:
    """Each office's part of each roll-up: its own target, realisasi and capaian, and
    without ``pembagian`` its capaian against the parent's target."""
    headers = (
        "kode induk",
        "tahun",
        "kantor",
        "kode",
        "target",
        "realisasi",
        "capaian",
        "capaian thd target induk",
        "keterangan",
    )
    body = [_share_row(r, s) for r in rollups for s in r.shares]
    return tables.Table(headers, body, frozenset({1, 4, 5, 6, 7}), flexible=8)


def _sections(cascade: Cascade) -> list[tuple[str, tables.Table]]:
    sections = [("Kantor", offices_table(cascade.offices))]
    if cascade.rollups:
        sections.append(("Capaian gabungan ke induk", rollups_table(cascade.rollups)))
        sections.append(("Rincian per kantor", shares_table(cascade.rollups)))
    return sections


def _title(request: CascadeRequest) -> str:
    year = "" if request.year is None else f" {request.year}"
    count = len(request.cascade.offices)
    return f"Capaian kinerja{year} bertingkat — {count} kantor"


def write_text(request: CascadeRequest, out: TextIO, screen: Screen | None = None) -> None:
    screen = screen or detect(out)
    printer = Printer(out, screen)
    printer.line(screen.paint(_title(request), "header"))
    for heading, table in _sections(request.cascade):
        printer.line("")
        printer.line(screen.paint(heading, "header"))
        printer.flush()
        tables.write_text(table, out, screen)
    if not request.cascade.rollups:
        printer.line("")
        printer.line(_("no office carries an indicator of its parent (mendukung: KODE)"))
    printer.flush()


def write_markdown(request: CascadeRequest, out: TextIO, screen: Screen | None = None) -> None:
    out.write(f"## {tables.markdown_cell(_title(request))}\n")
    for heading, table in _sections(request.cascade):
        out.write(f"\n### {heading}\n\n")
        tables.write_markdown(table, out)


def write_csv(request: CascadeRequest, out: TextIO, screen: Screen | None = None) -> None:
    """The roll-up rows only (a CSV holds one table): the offices and their parts are in
    the other formats."""
    tables.write_csv(rollups_table(request.cascade.rollups), out)


def office_json(office: OfficeSummary) -> dict[str, Any]:
    s = office.overall
    return {
        "file": office.office,
        "instansi": office.institution,
        "induk": office.parent,
        "tingkat": office.depth,
        "tahun": office.year,
        "dinilai": s.rated,
        "tanpa_realisasi": s.missing,
        "tidak_dinilai": s.unrated,
        "tanpa_target": s.no_target,
        "sementara": s.partial,
        "rata_rata": s.average,
        "predikat": s.band,
        "per_predikat": dict(office.bands),
    }


def share_json(share: Share) -> dict[str, Any]:
    row = share.row
    return {
        "file": share.office,
        "instansi": share.institution,
        "kode": None if row is None else row.indicator.code,
        "target": None if row is None else tables.value_json(row.target),
        "realisasi_tertulis": None if row is None else written_json(row.written),
        "realisasi": None if row is None else tables.value_json(row.realisasi),
        "dasar": (row.basis or None) if row is not None else None,
        "sementara": False if row is None else row.partial,
        "status": None if row is None else row.status,
        "capaian": None if row is None else row.raw,
        "predikat": None if row is None else row.band,
        "capaian_terhadap_target_induk": share.against,
        "keterangan": share.reason or (None if row is None else row.reason),
    }


def rollup_json(rollup: Rollup) -> dict[str, Any]:
    own = rollup.own
    return {
        "file": rollup.office,
        "instansi": rollup.institution,
        "kode": rollup.indicator.code,
        "uraian": rollup.indicator.description,
        "simpul": rollup.node,
        "satuan": rollup.indicator.unit,
        "tahun": rollup.year,
        "pembagian": rollup.split,
        "polaritas": rollup.indicator.polarity_for(rollup.target),
        "target": tables.value_json(rollup.target),
        "gabungan": rollup.value,
        "sementara": rollup.partial,
        "status": rollup.status,
        "capaian": rollup.raw,
        "capaian_dibatasi": rollup.capped,
        "predikat": rollup.band,
        "mencapai": rollup.reached if rollup.split is None else None,
        "dibandingkan": rollup.compared if rollup.split is None else None,
        "capaian_terendah": rollup.lowest,
        "capaian_tertinggi": rollup.highest,
        "realisasi_sendiri": None if own is None else tables.value_json(own.realisasi),
        "capaian_sendiri": None if own is None else own.raw,
        "berbeda": rollup.differs,
        "keterangan": rollup.reason,
        "kantor": [share_json(s) for s in rollup.shares],
    }


def write_json(request: CascadeRequest, out: TextIO, screen: Screen | None = None) -> None:
    cascade = request.cascade
    data = {
        "files": list(request.files),
        "tahun": request.year,
        "kantor": [office_json(o) for o in cascade.offices],
        "gabungan": [rollup_json(r) for r in cascade.rollups],
    }
    tables.write_json(data, out)


FORMATS: dict[str, Writer[CascadeRequest]] = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
    "csv": write_csv,
}
