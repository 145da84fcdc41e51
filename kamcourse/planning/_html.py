"""The HTML writer of :func:`kamcourse.planning.export`: one self-contained, printable page.

Charts are embedded as data URIs, the style sheet is inline (with print rules: A4 landscape,
no page break inside a table row), and every text from the plan is escaped, so ``<script>``
typed by a learner shows as text. Taught in notebooks/08_key_account_plan.ipynb.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from ..content import t
from .export import Table, cell_text, completeness_lines
from .model import Plan

__all__ = ["render", "write"]

_CSS = """
body{font-family:Arial,Helvetica,sans-serif;font-size:10.5pt;color:#1b1b1b;max-width:1150px;margin:1.5em auto;padding:0 1em}
h1{font-size:18pt;margin-bottom:.2em}h2{font-size:13pt;border-bottom:1px solid #9ab;margin-top:1.4em}
h3{font-size:11pt}table{border-collapse:collapse;width:100%;margin:.4em 0 1em}
th,td{border:1px solid #bbb;padding:3px 5px;vertical-align:top;text-align:left;font-size:9pt}
th{background:#dde6f0}dt{font-weight:bold;margin-top:.5em}dd{margin:0 0 0 1em}
img{max-width:100%}.meta{color:#444}.foot{color:#666;font-style:italic;margin-top:2em}
@media print{@page{size:A4 landscape;margin:1.5cm}body{max-width:none;margin:0}h2{page-break-after:avoid}
tr,img{page-break-inside:avoid}}
"""


def _e(value: object) -> str:
    return html.escape(cell_text(value), quote=True)


def _table(table: Table) -> str:
    head = "".join(f"<th>{_e(c.header)}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _dl(pairs: list[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v) or '&mdash;'}</dd>" for k, v in pairs) + "</dl>"


def _ul(label: str, items: tuple[str, ...] | list[str]) -> str:
    lis = "".join(f"<li>{_e(i)}</li>" for i in items) or "<li>&mdash;</li>"
    return f"<h3>{_e(label)}</h3><ul>{lis}</ul>"


def _img(png: bytes | None, caption: str) -> str:
    if not png:
        return ""
    data = base64.b64encode(png).decode("ascii")
    return f'<figure><img alt="{_e(caption)}" src="data:image/png;base64,{data}"><figcaption>{_e(caption)}</figcaption></figure>'


def render(plan: Plan, tables: tuple[Table, ...], images: dict[str, bytes]) -> str:
    """The plan as one HTML page (text)."""
    by_sheet = {tb.sheet: tb for tb in tables}
    p, a, s, r = plan.profile, plan.analysis, plan.strategy, plan.review
    rule = plan.priority_rule
    parts = [
        f"<h1>{_e(t('planning.x_doc_title', account=plan.account))}</h1>",
        f"<p class='meta'>{_e(t('planning.x_doc_meta', supplier=plan.supplier, prepared=plan.prepared.isoformat(), years=plan.horizon_years, end=plan.end.isoformat(), owner=plan.team.owner or '-'))}</p>",
        f"<p class='meta'>{_e(t('planning.x_doc_team', contributors=', '.join(plan.team.contributors) or '-', sponsor=plan.team.sponsor or '-', shared='; '.join(plan.team.shared_with) or '-'))}</p>",
        f"<h2>{_e(t('planning.x_h_profile'))}</h2>",
        _dl([(t(f"planning.f_{k}"), getattr(p, k)) for k in ("customer", "needs", "history", "competition")]),
        f"<h2>{_e(t('planning.x_h_analysis'))}</h2>",
        _dl([(t(f"planning.f_{k}"), getattr(a, k)) for k in ("mission", "external", "internal", "coherence")]),
        *(
            _ul(t(f"planning.f_{k}"), getattr(a, k))
            for k in ("customer_objectives", "assumptions", "opportunities", "threats", "to_verify")
        ),
        f"<h2>{_e(t('planning.x_h_position'))}</h2>",
        _table(by_sheet[t("planning.sheet_plan")]),
        f"<h2>{_e(t('planning.x_h_strategy'))}</h2>",
        _dl([(t("planning.f_orientation"), s.orientation), (t("planning.f_vision"), s.vision)]),
        _ul(t("planning.x_uncertainties"), [f"{u.id}: {u.what}" for u in plan.uncertainties]),
        f"<h3>{_e(t('planning.x_conditional'))}</h3>",
        _table(by_sheet[t("planning.sheet_strategies")]),
        f"<h2>{_e(t('planning.x_h_objectives'))}</h2>",
        _table(by_sheet[t("planning.sheet_objectives")]),
        f"<h2>{_e(t('planning.x_h_opportunities'))}</h2>",
        f"<p>{_e(t('planning.x_rule', pw=rule.profit_weight, sw=rule.strategic_weight, ew=rule.effort_weight, rw=rule.risk_weight, vc=rule.value_cut, cc=rule.cost_cut))}</p>",
        _table(by_sheet[t("planning.sheet_opportunities")]),
        _img(images.get("opportunities"), t("planning.x_chart_opportunities")),
        f"<h2>{_e(t('planning.x_h_stakeholders'))}</h2>",
        _table(by_sheet[t("planning.sheet_stakeholders")]),
        _img(images.get("stakeholders"), t("planning.x_chart_stakeholders")),
        f"<h2>{_e(t('planning.x_h_actions'))}</h2>",
        _table(by_sheet[t("planning.sheet_actions")]),
        f"<h2>{_e(t('planning.x_h_review'))}</h2>",
        f"<p>{_e(t('planning.x_review_text', plan_review=r.plan_review, tracking=r.tracking, next=cell_text(r.next_review) or '-', last=cell_text(r.last_review) or '-'))}</p>",
        f"<h2>{_e(t('planning.x_h_completeness'))}</h2>",
        *(_ul(heading, lines) if lines else f"<p>{_e(heading)}</p>" for heading, lines in completeness_lines(plan)),
        f"<h2>{_e(t('planning.x_h_pitfalls'))}</h2>",
        _table(by_sheet[t("planning.sheet_pitfalls")]),
        f"<p class='foot'>{_e(t('planning.x_footer', plan_review=r.plan_review))}</p>",
    ]
    title = _e(t("planning.x_doc_title", account=plan.account))
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{title}</title>"
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n"
    )


def write(plan: Plan, tables: tuple[Table, ...], images: dict[str, bytes], path: Path) -> None:
    """Write the plan as one HTML file at ``path`` (UTF-8)."""
    path.write_text(render(plan, tables, images), encoding="utf-8")
