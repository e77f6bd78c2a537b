"""``pohon report``: the achievement of a year as tables for people (text with a bar per
indicator, Markdown) and for programs (JSON, CSV)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TextIO

from pohon_cli.i18n import _
from pohon_cli.model import QUARTERS, Actual, Indicator, number_text, polarity_label
from pohon_cli.model.budget import serapan
from pohon_cli.output import report_budget, tables
from pohon_cli.output.terminal import Printer, Screen, detect
from pohon_cli.output.writer import Writer
from pohon_cli.report import Report, Row, Settings, Summary

BAR_CELLS = 10
# the achievement a full bar stands for when nothing is capped
BAR_FULL = Decimal(120)
# status words as the tables print them
STATUS_TEXT = {
    "dinilai": "",
    "tanpa_realisasi": "tanpa realisasi",
    "tanpa_target": "tanpa target",
    "tidak_dinilai": "tidak dinilai",
}


@dataclass(frozen=True, slots=True)
class ReportRequest:
    file: str
    institution: str
    report: Report


def written_text(value: Actual | None) -> str:
    """A target or realisasi as the file writes it; quarters as ``tw1 2, tw2 3``."""
    if isinstance(value, dict):
        return ", ".join(f"{q} {value[q]}" for q in QUARTERS if q in value)
    return tables.value_text(value)


def written_json(value: Actual | None) -> Any:
    if isinstance(value, dict):
        return {q: value[q] for q in QUARTERS if q in value}
    return tables.value_json(value)


def bar(value: Decimal | None, settings: Settings, screen: Screen) -> str:
    """A bar from 0 to the cap (120 when there is none): box characters on a terminal,
    ``#`` and ``.`` elsewhere. Past the end of the bar it ends in ``+``."""
    if value is None:
        return ""
    full = settings.cap or BAR_FULL
    filled = int(min(max(value, Decimal(0)), full) / full * BAR_CELLS + Decimal("0.5"))
    on, off = ("█", "░") if screen.boxes else ("#", ".")
    text = on * filled + off * (BAR_CELLS - filled)
    return text + ("+" if value > full else "")


def _number(value: Decimal | None) -> str:
    return "" if value is None else number_text(value)


def _note(row: Row) -> str:
    parts = [p for p in (row.basis, row.reason) if p]
    return "; ".join(parts)


def rows_table(report: Report, budget: bool = False) -> tables.Table:
    """One row per indicator, every column: for files and other programs; with ``budget``,
    the indicator's own anggaran, realisasi anggaran and serapan of the year after them."""
    headers = (
        "kode",
        "indikator",
        "simpul",
        "satuan",
        "polaritas",
        "penanggung_jawab",
        "target",
        "realisasi",
        "capaian",
        "dibatasi",
        "predikat",
        "keterangan",
        *(("anggaran", "realisasi_anggaran", "serapan_anggaran") if budget else ()),
    )
    body = [
        (
            row.indicator.code,
            row.indicator.description,
            row.node,
            row.indicator.unit or "",
            polarity_label(row.indicator.polarity_for(row.target), row.indicator.polarity_written),
            ", ".join((row.owner, *row.partners)) if row.owner else "",  # lead first
            *_figures(row),
            _note(row),
            *(_money(row.indicator, report.year) if budget else ()),
        )
        for row in report.rows
    ]
    numeric = frozenset({6, 7, 8, 9, *((12, 13, 14) if budget else ())})
    return tables.Table(headers, body, numeric, flexible=1)


def _budget_of(indicator: Indicator, year: int) -> tuple[Decimal | None, ...]:
    pagu, spent = indicator.budget.get(year), indicator.spent.get(year)
    return pagu, spent, serapan(pagu, spent)


def _money(indicator: Indicator, year: int) -> tuple[str, str, str]:
    """An indicator's own pagu, realisasi anggaran and serapan of the year, as digits."""
    pagu, spent, share = (_number(v) for v in _budget_of(indicator, year))
    return pagu, spent, share


def screen_table(report: Report, screen: Screen) -> tables.Table:
    """The rows a person reads on a screen: fewer columns, and a bar; notes follow."""
    headers = (
        "kode",
        "indikator",
        "target",
        "realisasi",
        "capaian",
        "dibatasi",
        "predikat",
        bar_scale(report.settings),
    )
    body = [
        (
            row.indicator.code,
            row.indicator.description,
            *_figures(row),
            bar(row.capped, report.settings, screen),
        )
        for row in report.rows
    ]
    return tables.Table(headers, body, frozenset({2, 3, 4, 5}), flexible=1)


def _figures(row: Row) -> tuple[str, str, str, str, str]:
    """target, realisasi (quarters combined, or as written), raw, capped, band or status."""
    shown = row.realisasi if row.basis else row.written
    return (
        tables.value_text(row.target),
        written_text(shown),
        _number(row.raw),
        _number(row.capped),
        row.band or STATUS_TEXT[row.status],
    )


def bar_scale(settings: Settings) -> str:
    return f"0–{number_text(settings.cap or BAR_FULL)}"


def summary_table(
    title: str, summaries: Sequence[Summary], settings: Settings, screen: Screen | None = None
) -> tables.Table:
    """Averages of capped achievements per node, unit or misi; for units that answer for
    some indicators as partners of another (lead) unit, how many ("sebagai mitra")."""
    partners = any(s.partner for s in summaries)
    headers = (
        title,
        "uraian",
        "dinilai",
        "tanpa realisasi",
        "tidak dinilai",
        "rata-rata",
        "predikat",
        *(("sebagai mitra",) if partners else ()),
        *((bar_scale(settings),) if screen is not None else ()),
    )
    body = [
        (
            s.kode,
            s.name,
            str(s.rated),
            str(s.missing),
            str(s.unrated),
            _number(s.average),
            s.band or "",
            *((str(s.partner),) if partners else ()),
            *((bar(s.average, settings, screen),) if screen is not None else ()),
        )
        for s in summaries
    ]
    numbers = frozenset({2, 3, 4, 5, 7}) if partners else frozenset({2, 3, 4, 5})
    return tables.Table(headers, body, numbers, flexible=1)


def settings_text(settings: Settings) -> str:
    ordered = sorted(settings.bands, key=lambda b: b.lowest, reverse=True)
    bands = ordered[0].name
    if len(ordered) > 1:
        bands = _(
            "{bands}, {last} below",
            bands=", ".join(f"{b.name} ≥ {number_text(b.lowest)}" for b in ordered[:-1]),
            last=ordered[-1].name,
        )
    if settings.cap is None:
        return _("predikat: {bands}; averages of capaian not capped (and at 0)", bands=bands)
    return _(
        "predikat: {bands}; averages of capaian capped at {cap} (and at 0)",
        bands=bands,
        cap=number_text(settings.cap),
    )


def overall_text(report: Report) -> str:
    s = report.overall
    average = f"{number_text(s.average)} ({s.band})" if s.average is not None else "—"
    extra = [
        said
        for n, said in (
            (s.missing, _("{count} without realisasi (not counted as 0)", count=s.missing)),
            (s.unrated, _("{count} that cannot be rated", count=s.unrated)),
            (
                s.no_target,
                _("{count} without a target for {year}", count=s.no_target, year=report.year),
            ),
            (s.partial, _("{count} of a year in progress", count=s.partial)),
        )
        if n
    ]
    if extra:
        return _(
            "overall: {average} over {rated} rated indicators; {notes}",
            average=average,
            rated=s.rated,
            notes=", ".join(extra),
        )
    return _("overall: {average} over {rated} rated indicators", average=average, rated=s.rated)


def _budget_text(report: Report, printer: Printer, screen: Screen, out: TextIO) -> None:
    """The serapan anggaran tables and the office's line, when the year has budgets."""
    for heading, table in report_budget.sections(report.budget):
        printer.line("")
        printer.line(screen.paint(heading, "header"))
        printer.flush()
        tables.write_text(table, out, screen)
    if report.budget.lines:
        printer.line("")
        # wrapped to the screen: the line names the pagu, the realisasi and what is missing
        office = report_budget.office_text(report.budget, report.year)
        printer.paragraph("", "  ", [(office, "header")], dim=False)


def _sections(report: Report) -> list[tuple[str, str, Sequence[Summary]]]:
    return [
        ("per simpul", "simpul", report.nodes),
        ("per unit kerja", "unit", report.units),
        ("per misi", "misi", report.missions),
    ]


def write_text(request: ReportRequest, out: TextIO, screen: Screen | None = None) -> None:
    screen = screen or detect(out)
    report = request.report
    printer = Printer(out, screen)
    title = _("Capaian kinerja {year} — {office}", year=report.year, office=request.institution)
    printer.line(screen.paint(title, "header"))
    printer.line(settings_text(report.settings))
    printer.line("")
    printer.flush()
    tables.write_text(screen_table(report, screen), out, screen)
    notes = [(row.indicator.code, _note(row)) for row in report.rows if _note(row)]
    if notes:
        printer.line("")
        width = max(len(kode) for kode, __ in notes)
        for kode, note in notes:
            printer.line(f"{screen.paint(kode.ljust(width), 'kode')}  {note}")
    for heading, title_word, summaries in _sections(report):
        if not summaries:
            continue
        printer.line("")
        printer.line(screen.paint(f"Rata-rata {heading}", "header"))
        printer.flush()
        tables.write_text(
            summary_table(title_word, summaries, report.settings, screen), out, screen
        )
    _budget_text(report, printer, screen, out)
    printer.line("")
    printer.line(screen.paint(overall_text(report), "header"))
    printer.flush()


def write_markdown(request: ReportRequest, out: TextIO, screen: Screen | None = None) -> None:
    report = request.report
    office = tables.markdown_cell(request.institution)
    out.write("## " + _("Capaian kinerja {year} — {office}", year=report.year, office=office))
    out.write("\n\n")
    out.write(tables.markdown_cell(settings_text(report.settings)) + "\n\n")
    tables.write_markdown(rows_table(report), out)
    for heading, title_word, summaries in _sections(report):
        if summaries:
            out.write(f"\n### Rata-rata {heading}\n\n")
            tables.write_markdown(summary_table(title_word, summaries, report.settings), out)
    for heading, table in report_budget.sections(report.budget):
        out.write(f"\n### {heading}\n\n")
        tables.write_markdown(table, out)
    if report.budget.lines:
        office = report_budget.office_text(report.budget, report.year)
        out.write(f"\n{tables.markdown_cell(office)}\n")
    out.write(f"\n{tables.markdown_cell(overall_text(report))}\n")


def write_csv(request: ReportRequest, out: TextIO, screen: Screen | None = None) -> None:
    """The indicator rows only (a CSV holds one table), each with its own budget: the
    summaries and the serapan per node and misi are in the other formats."""
    tables.write_csv(rows_table(request.report, budget=True), out)


def row_json(row: Row, year: int) -> dict[str, Any]:
    indicator = row.indicator
    pagu, spent, share = _budget_of(indicator, year)
    return {
        "kode": indicator.code,
        "uraian": indicator.description,
        "simpul": row.node,
        "satuan": indicator.unit,
        "polaritas": indicator.polarity_for(row.target),
        "polaritas_tertulis": indicator.polarity_written,
        "penanggung_jawab": row.owner,
        "penanggung_jawab_lain": list(row.partners),
        "target": tables.value_json(row.target),
        "target_tertulis": written_json(row.target_written),
        "target_triwulan": list(row.target_quarters) or None,
        "realisasi_tertulis": written_json(row.written),
        "realisasi": tables.value_json(row.realisasi),
        "dasar": row.basis or None,
        "sementara": row.partial,
        "status": row.status,
        "capaian": row.raw,
        "capaian_dibatasi": row.capped,
        "predikat": row.band,
        "keterangan": row.reason,
        "baris": row.line,
        "anggaran": pagu,
        "realisasi_anggaran": spent,
        "serapan_anggaran": share,
    }


def summary_json(summary: Summary) -> dict[str, Any]:
    return {
        "kode": summary.kode,
        "uraian": summary.name,
        "dinilai": summary.rated,
        "tanpa_realisasi": summary.missing,
        "tidak_dinilai": summary.unrated,
        "tanpa_target": summary.no_target,
        "sementara": summary.partial,
        "rata_rata": summary.average,
        "predikat": summary.band,
    }


def write_json(request: ReportRequest, out: TextIO, screen: Screen | None = None) -> None:
    report = request.report
    settings = report.settings
    overall = summary_json(report.overall)
    del overall["kode"], overall["uraian"]
    data = {
        "file": request.file,
        "tahun": report.year,
        "pengaturan": {
            "predikat": [{"nama": b.name, "mulai": b.lowest} for b in settings.bands],
            "batas_atas": settings.cap,
            "skala": {k: list(v) for k, v in settings.scales.items()},
        },
        "indikator": [row_json(r, report.year) for r in report.rows],
        "tanpa_realisasi": [r.indicator.code for r in report.missing()],
        "ringkasan": {
            "simpul": [summary_json(s) for s in report.nodes],
            "unit": [{**summary_json(s), "sebagai_mitra": s.partner} for s in report.units],
            "misi": [summary_json(s) for s in report.missions],
            "keseluruhan": overall,
        },
        "serapan_anggaran": report_budget.budget_json(report.budget),
    }
    tables.write_json(data, out)


FORMATS: dict[str, Writer[ReportRequest]] = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
    "csv": write_csv,
}
