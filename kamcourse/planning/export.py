"""One call writes the whole plan as Word, Excel or a printable HTML page.

Taught in notebooks/08_key_account_plan.ipynb::

    kam.planning.export(plan, "orvale_plan.docx")   # or .xlsx, .html

A bare file name goes to :func:`export_folder` (``plans/`` beside the learner's workbook, in
the course's git-ignored ``work/`` folder by default); a path with a folder is used as given.
The file is written to a temporary file first and then moved into place, so a failed export
never leaves half a file; a folder that cannot be written gives an
:class:`~kamcourse.errors.InputError` saying so.

Learner text is data in every format: in Excel every text is written as a text cell (a
name such as ``=HYPERLINK(...)`` or ``@SUM(1+1)`` never becomes a formula, and a text
starting with ``= + - @`` carries Excel's quote prefix so it stays text when edited); in HTML
every text is escaped (``<script>`` shows as text); in Word it is plain runs.

Charts: the stakeholder map and the opportunity matrix are drawn by
:mod:`kamcourse.plots.planning`. The core never imports the plots layer or matplotlib at
import time; :func:`chart_images` imports it inside the function, only when a document asks
for charts, so the drawing code lives once. Pass ``charts=False`` for a document without
charts, or a mapping ``{"stakeholders": png_bytes, "opportunities": png_bytes}`` of your own.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import t
from ..errors import InputError
from ..workbook import default_path
from . import _fields as F
from .audit import audit
from .completeness import completeness
from .model import Plan
from .priority import rank

__all__ = ["CHARTS", "FORMATS", "Column", "Table", "chart_images", "export", "export_folder", "tables"]

FORMATS = (".docx", ".xlsx", ".html")
CHARTS = ("stakeholders", "opportunities")


@dataclass(frozen=True)
class Column:
    """A column of an exported table: header, kind of value (text, number, date) and width."""

    header: str
    kind: str = "text"
    width: int = 20


@dataclass(frozen=True)
class Table:
    """One table of the plan as every format writes it (one Excel sheet each)."""

    sheet: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


def _c(key: str, kind: str = "text", width: int = 20) -> Column:
    return Column(t(f"planning.{key}"), kind, width)


def tables(plan: Plan) -> tuple[Table, ...]:
    """The plan's tables: summary, stakeholders, opportunities, objectives, actions, strategies, pitfalls."""
    pos = plan.position
    summary = [
        (t("planning.f_account"), plan.account, ""),
        (t("planning.f_supplier"), plan.supplier, ""),
        (t("planning.f_prepared"), plan.prepared, ""),
        (t("planning.f_horizon_years"), plan.horizon_years, ""),
        (t("planning.f_owner"), plan.team.owner, ""),
        (t("planning.f_sponsor"), plan.team.sponsor, ""),
        *pos.rows(),
        (t("planning.f_target_stage"), pos.target_stage or "", ""),
        (t("planning.f_plan_review"), plan.review.plan_review, ""),
        (t("planning.f_tracking"), plan.review.tracking, ""),
        (t("planning.f_next_review"), plan.review.next_review, ""),
    ]
    ranked = rank(plan)
    return (
        Table(
            t("planning.sheet_plan"),
            t("planning.sheet_plan_title", account=plan.account),
            (_c("x_item", width=28), _c("x_value", "mixed", 24), _c("x_source", width=70)),
            tuple(summary),
        ),
        Table(
            t("planning.sheet_stakeholders"),
            t("planning.part_stakeholders"),
            (
                _c("f_name", width=22),
                _c("f_title", width=28),
                _c("f_role", width=16),
                _c("f_attitude", width=14),
                _c("f_influence", width=10),
                _c("f_reports_to", width=22),
                _c("f_covered_by", width=22),
                _c("f_frequency", width=16),
                _c("f_notes", width=50),
            ),
            tuple(
                (
                    p.name,
                    p.title,
                    p.role,
                    p.attitude,
                    p.influence,
                    p.reports_to or "",
                    p.covered_by or "",
                    p.frequency or "",
                    p.notes,
                )
                for p in plan.stakeholders
            ),
        ),
        Table(
            t("planning.sheet_opportunities"),
            t("planning.part_opportunities"),
            (
                _c("f_id", width=16),
                _c("f_what", width=60),
                _c("f_profit", "number", 10),
                _c("f_strategic", "number", 10),
                _c("f_effort", "number", 10),
                _c("f_risk", "number", 10),
                _c("x_value_score", "number", 10),
                _c("x_cost_score", "number", 10),
                _c("col_priority", width=20),
            ),
            tuple(
                (
                    r.opportunity.id,
                    r.opportunity.what,
                    r.opportunity.profit,
                    r.opportunity.strategic,
                    r.opportunity.effort,
                    r.opportunity.risk,
                    r.value,
                    r.cost,
                    r.label,
                )
                for r in ranked
            ),
        ),
        Table(
            t("planning.sheet_objectives"),
            t("planning.part_objectives"),
            (
                _c("f_id", width=8),
                _c("f_level", width=12),
                _c("f_objective_text", width=50),
                _c("f_metric", width=30),
                _c("f_unit", width=10),
                _c("f_baseline", "number", 10),
                _c("f_target", "number", 10),
                _c("f_due", "date", 12),
                _c("f_owner", width=18),
            ),
            tuple(
                (o.id, o.level, o.text, o.metric, o.unit, o.baseline, o.target, o.due, o.owner) for o in plan.objectives
            ),
        ),
        Table(
            t("planning.sheet_actions"),
            t("planning.part_actions"),
            (
                _c("f_action_what", width=60),
                _c("f_kind", width=12),
                _c("f_owner", width=18),
                _c("f_due", "date", 12),
                _c("f_status", width=12),
                _c("f_objective", width=10),
            ),
            tuple((a.what, a.kind, a.owner, a.due, a.status, a.objective) for a in plan.actions),
        ),
        Table(
            t("planning.sheet_strategies"),
            t("planning.part_strategy"),
            (
                _c("f_uncertainty", width=22),
                _c("f_condition", width=40),
                _c("f_then", width=50),
                _c("f_otherwise", width=50),
            ),
            tuple((c.uncertainty, c.condition, c.then, c.otherwise) for c in plan.strategy.conditional),
        ),
        Table(
            t("planning.sheet_pitfalls"),
            t("planning.x_pitfalls_title"),
            (
                _c("col_pitfall", width=45),
                _c("x_verdict", width=14),
                _c("x_evidence", width=60),
                _c("x_advice", width=60),
            ),
            tuple(
                (p.name, t("planning.verdict_" + p.verdict.replace(" ", "_")), p.evidence, p.advice)
                for p in audit(plan)
            ),
        ),
    )


def export_folder() -> Path:
    """Where a bare file name is written: ``$KAMCOURSE_EXPORTS``, else ``plans/`` beside the workbook."""
    env = os.environ.get("KAMCOURSE_EXPORTS", "").strip()
    return Path(env).expanduser() if env else default_path().parent / "plans"


def _target(path: Any) -> Path:
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise InputError(t("planning.err_path", value=F.short(path), formats=", ".join(FORMATS)))
    target = Path(path).expanduser()
    if target.suffix.lower() not in FORMATS:
        raise InputError(
            t("planning.err_format_suffix", file=target.name, suffix=target.suffix or "-", formats=", ".join(FORMATS))
        )
    if len(target.parts) == 1:
        target = export_folder() / target
    return target


def chart_images(plan: Plan) -> dict[str, bytes]:
    """PNG images of the stakeholder map and the opportunity matrix (drawn by :mod:`kamcourse.plots.planning`)."""
    from ..plots import planning as plots  # imported here only: the core stays free of matplotlib

    return plots.chart_images(plan)


def _charts(plan: Plan, charts: bool | Mapping[str, bytes]) -> dict[str, bytes]:
    if charts is True:
        return chart_images(plan)
    if charts is False or charts is None:
        return {}
    if isinstance(charts, Mapping) and all(
        isinstance(k, str) and isinstance(v, (bytes, bytearray)) for k, v in charts.items()
    ):
        return {k: bytes(v) for k, v in charts.items()}
    raise InputError(t("planning.err_charts", value=F.short(charts)))


def export(plan: Plan, path: str | os.PathLike[str], *, charts: bool | Mapping[str, bytes] = True) -> Path:
    """Write ``plan`` to ``path`` (``.docx``, ``.xlsx`` or ``.html``, by its suffix); return the path written.

    Raises :class:`InputError` for a non-plan, an unknown suffix, or a file that cannot be
    written (the message names the file and the reason); nothing is left half-written.
    """
    if not isinstance(plan, Plan):
        raise InputError(t("planning.err_not_a_plan", value=F.short(plan)))
    target = _target(path)
    suffix = target.suffix.lower()
    images = _charts(plan, charts) if suffix != ".xlsx" else {}  # Excel gets the tables only
    writer: Callable[[Plan, tuple[Table, ...], dict[str, bytes], Path], None]
    if suffix == ".docx":
        from ._docx import write as writer
    elif suffix == ".xlsx":
        from ._xlsx import write as writer
    else:
        from ._html import write as writer
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise InputError(t("planning.err_cannot_write", file=str(target), reason=exc.strerror or str(exc))) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer(plan, tables(plan), images, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(t("planning.err_cannot_write", file=str(target), reason=exc.strerror or str(exc))) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return target


def cell_text(value: Any) -> str:
    """A value as text in a document: dates as ISO, numbers without trailing zeros, None as empty."""
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def completeness_lines(plan: Plan) -> list[tuple[str, list[str]]]:
    """The completeness view as (heading, lines) pairs for the documents."""
    view = completeness(plan)
    out: list[tuple[str, list[str]]] = [
        (
            t(
                "planning.cv_filled",
                count=len(view.filled),
                total=10,
                names=", ".join(t(f"planning.part_{p}") for p in view.filled) or t("planning.none"),
            ),
            [],
        )
    ]
    for kind in ("missing", "inconsistent", "warning"):
        found = view.of_kind(kind)
        if found:
            out.append((t(f"planning.cv_head_{kind}", count=len(found)), [f.text for f in found]))
    return out
