"""The Word writer of :func:`kamcourse.planning.export` (python-docx): an editable document.

Headings per part, tables for stakeholders, objectives, opportunities, actions, strategies and
the pitfalls audit, the charts as images. Every learner text goes in as a plain run (never a
field code or a hyperlink). Taught in notebooks/08_key_account_plan.ipynb.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..content import t
from .export import Table, cell_text, completeness_lines
from .model import Plan

__all__ = ["write"]


def _table(doc: Any, table: Table, *, skip: int = 0) -> None:
    from docx.shared import Pt

    columns = table.columns[skip:]
    grid = doc.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    for cell, column in zip(grid.rows[0].cells, columns, strict=False):
        cell.text = ""
        run = cell.paragraphs[0].add_run(column.header)
        run.bold = True
        run.font.size = Pt(8)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row[skip:], strict=False):
            cell.text = ""
            run = cell.paragraphs[0].add_run(cell_text(value))
            run.font.size = Pt(8)


def _paragraphs(doc: Any, pairs: list[tuple[str, str]]) -> None:
    for label, text in pairs:
        paragraph = doc.add_paragraph()
        paragraph.add_run(label + ": ").bold = True
        paragraph.add_run(text or "\u2014")


def _bullets(doc: Any, label: str, items: tuple[str, ...] | list[str]) -> None:
    doc.add_paragraph().add_run(label).bold = True
    for item in items or ["\u2014"]:
        doc.add_paragraph(item, style="List Bullet")


def _image(doc: Any, png: bytes | None, caption: str) -> None:
    from docx.shared import Cm

    if not png:
        return
    doc.add_picture(io.BytesIO(png), width=Cm(16))
    doc.add_paragraph().add_run(caption).italic = True


def write(plan: Plan, tables: tuple[Table, ...], images: dict[str, bytes], path: Path) -> None:
    """Write the plan as a .docx file at ``path``."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    by_sheet = {tb.sheet: tb for tb in tables}
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    doc.core_properties.title = t("planning.x_doc_title", account=plan.account)
    doc.core_properties.author = plan.team.owner or plan.supplier
    doc.add_heading(t("planning.x_doc_title", account=plan.account), level=0)
    doc.add_paragraph(
        t(
            "planning.x_doc_meta",
            supplier=plan.supplier,
            prepared=plan.prepared.isoformat(),
            years=plan.horizon_years,
            end=plan.end.isoformat(),
            owner=plan.team.owner or "\u2014",
        )
    )
    doc.add_paragraph(
        t(
            "planning.x_doc_team",
            contributors=", ".join(plan.team.contributors) or "\u2014",
            sponsor=plan.team.sponsor or "\u2014",
            shared="; ".join(plan.team.shared_with) or "\u2014",
        )
    )
    p, a, s = plan.profile, plan.analysis, plan.strategy
    doc.add_heading(t("planning.x_h_profile"), level=1)
    _paragraphs(doc, [(t(f"planning.f_{k}"), getattr(p, k)) for k in ("customer", "needs", "history", "competition")])
    doc.add_heading(t("planning.x_h_analysis"), level=1)
    _paragraphs(doc, [(t(f"planning.f_{k}"), getattr(a, k)) for k in ("mission", "external", "internal", "coherence")])
    for key in ("customer_objectives", "assumptions", "opportunities", "threats", "to_verify"):
        _bullets(doc, t(f"planning.f_{key}"), getattr(a, key))
    doc.add_heading(t("planning.x_h_position"), level=1)
    _table(doc, by_sheet[t("planning.sheet_plan")])
    doc.add_heading(t("planning.x_h_strategy"), level=1)
    _paragraphs(doc, [(t("planning.f_orientation"), s.orientation), (t("planning.f_vision"), s.vision)])
    doc.add_heading(t("planning.x_uncertainties"), level=2)
    for u in plan.uncertainties:
        para = doc.add_paragraph(style="List Bullet")
        para.add_run(u.id + ": ").bold = True
        para.add_run(u.what + (f" ({u.signals})" if u.signals else ""))
    doc.add_heading(t("planning.x_conditional"), level=2)
    _table(doc, by_sheet[t("planning.sheet_strategies")])
    doc.add_heading(t("planning.x_h_objectives"), level=1)
    _table(doc, by_sheet[t("planning.sheet_objectives")])
    doc.add_heading(t("planning.x_h_opportunities"), level=1)
    rule = plan.priority_rule
    doc.add_paragraph(
        t(
            "planning.x_rule",
            pw=rule.profit_weight,
            sw=rule.strategic_weight,
            ew=rule.effort_weight,
            rw=rule.risk_weight,
            vc=rule.value_cut,
            cc=rule.cost_cut,
        )
    )
    _table(doc, by_sheet[t("planning.sheet_opportunities")])
    _image(doc, images.get("opportunities"), t("planning.x_chart_opportunities"))
    doc.add_heading(t("planning.x_h_stakeholders"), level=1)
    _table(doc, by_sheet[t("planning.sheet_stakeholders")])
    _image(doc, images.get("stakeholders"), t("planning.x_chart_stakeholders"))
    doc.add_heading(t("planning.x_h_actions"), level=1)
    _table(doc, by_sheet[t("planning.sheet_actions")])
    doc.add_heading(t("planning.x_h_review"), level=1)
    r = plan.review
    doc.add_paragraph(
        t(
            "planning.x_review_text",
            plan_review=r.plan_review,
            tracking=r.tracking,
            next=cell_text(r.next_review) or "\u2014",
            last=cell_text(r.last_review) or "\u2014",
        )
    )
    doc.add_heading(t("planning.x_h_completeness"), level=1)
    for heading, lines in completeness_lines(plan):
        doc.add_paragraph().add_run(heading).bold = True
        for line in lines:
            doc.add_paragraph(line, style="List Bullet")
    doc.add_heading(t("planning.x_h_pitfalls"), level=1)
    _table(doc, by_sheet[t("planning.sheet_pitfalls")])
    doc.add_paragraph().add_run(t("planning.x_footer", plan_review=r.plan_review)).italic = True
    doc.save(str(path))
