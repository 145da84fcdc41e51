"""Editors for each part of the key account plan, thin over :mod:`kamcourse.planning`.

Taught in notebooks/06_situational_analysis.ipynb, notebooks/07_strategy_formulation.ipynb and
notebooks/08_key_account_plan.ipynb.

Lessons ``notebooks/06_situational_analysis.ipynb`` (:func:`database_editor`,
:func:`analysis_editor`, :func:`position_view`), ``notebooks/07_strategy_formulation.ipynb``
(:func:`strategy_editor`, :func:`objectives_editor`, :func:`opportunities_editor`) and
``notebooks/08_key_account_plan.ipynb`` (:func:`stakeholders_editor`, :func:`actions_editor`,
:func:`review_editor`). Every input is saved through a :class:`~._binding.PlanBinding` as soon
as it is accepted and restored when the editor is built again; a refused value goes back to
the previous one and the message names the field.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as W

from ... import planning as P
from ...content import t
from ...errors import InputError
from ...plots import planning as plots
from ...workbook import Workbook
from .._common import output, safely, show_error, show_figure, show_markdown, show_text
from ._binding import PlanBinding
from ._table import Col, TableEditor

__all__ = [
    "FieldsEditor",
    "PartTable",
    "PositionView",
    "actions_editor",
    "analysis_editor",
    "database_editor",
    "objectives_editor",
    "opportunities_editor",
    "position_view",
    "resolve",
    "review_editor",
    "stakeholders_editor",
    "strategy_editor",
]


def _esc(text: Any) -> str:
    return html.escape(str(text))


def resolve(
    binding: PlanBinding | None = None,
    *,
    plan: P.Plan | None = None,
    workbook: Workbook | None = None,
    account: str = P.ACCOUNT,
) -> PlanBinding:
    """The binding to edit: the one given, an in-memory one around ``plan``, or the learner's plan."""
    if binding is not None:
        return binding
    if plan is not None:
        return PlanBinding(plan.account, plan=plan, demo=True, workbook=workbook)
    return PlanBinding(account, workbook=workbook)


def _label(key: str) -> str:
    return t(f"planning.f_{key}")


# --------------------------------------------------------------------------- fields of one part
class FieldsEditor(W.VBox):
    """Text boxes, lists (one item per line), choices, dates and yes/no for one part of the plan."""

    def __init__(
        self,
        binding: PlanBinding,
        part: str,
        fields: Sequence[tuple[str, str]],
        *,
        title: str = "",
        intro: str = "",
        options: dict[str, Sequence[str]] | None = None,
    ) -> None:
        self.binding, self.part = binding, part
        self._quiet = False
        self.controls: dict[str, W.Widget] = {}
        self.message = output()
        rows: list[W.Widget] = []
        current = getattr(binding.plan, part)
        for key, kind in fields:
            value = getattr(current, key)
            style = {"description_width": "0px"}
            if kind == "long":
                control: W.Widget = W.Textarea(
                    value=value or "",
                    continuous_update=False,
                    layout=W.Layout(width="100%", max_width="900px", height="5.5em"),
                )
            elif kind == "lines":
                control = W.Textarea(
                    value="\n".join(value),
                    continuous_update=False,
                    placeholder=t("planning.w_one_per_line"),
                    layout=W.Layout(width="100%", max_width="900px", height="6.5em"),
                )
            elif kind == "choice":
                control = W.Dropdown(options=list((options or {})[key]), value=value, style=style)
            elif kind == "bool":
                control = W.Checkbox(value=bool(value), indent=False, description=_label(key))
            elif kind == "date":
                control = W.Text(
                    value=value.isoformat() if value else "",
                    placeholder="YYYY-MM-DD",
                    continuous_update=False,
                    layout=W.Layout(width="160px"),
                )
            else:
                control = W.Text(
                    value="" if value is None else f"{value:g}" if isinstance(value, float) else str(value),
                    continuous_update=False,
                    layout=W.Layout(width="100%", max_width="500px"),
                )
            control.observe(lambda change, k=key: self._changed(k, change), names="value")
            self.controls[key] = control
            rows.append(control if kind == "bool" else W.VBox([W.HTML(f"<b>{_esc(_label(key))}</b>"), control]))
        head = ([W.HTML(f"<h4>{_esc(title)}</h4>")] if title else []) + (
            [W.HTML(f"<p>{_esc(intro)}</p>")] if intro else []
        )
        super().__init__(head + rows + [self.message], layout=W.Layout(max_width="950px"))
        if binding.problem:
            show_error(self.message, binding.problem)

    def values(self) -> dict[str, Any]:
        """The part as the controls show it (as the core's ``from_dict`` reads it)."""
        data: dict[str, Any] = getattr(self.binding.plan, self.part).to_dict()
        for key, control in self.controls.items():
            data[key] = control.value
        return data

    def _changed(self, key: str, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        try:
            self.binding.update_field(self.part, key, self.values()[key])
        except InputError as exc:
            self._quiet = True
            try:
                self.controls[key].value = change["old"]
            finally:
                self._quiet = False
            show_error(self.message, f"{exc} {t('planning.w_previous_kept')}")
            return
        show_text(self.message, t("planning.w_saved_field", field=_label(key), where=self.binding.where()))


def database_editor(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> FieldsEditor:
    """The key account database's four parts for the plan's account (lesson 06)."""
    b = resolve(binding, plan=plan, workbook=workbook)
    return FieldsEditor(
        b,
        "profile",
        [(k, "long") for k in ("customer", "needs", "history", "competition")],
        title=t("planning.w_database_title", account=b.account),
        intro=t("planning.w_database_intro"),
    )


def analysis_editor(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> FieldsEditor:
    """Capon's account analysis and what it leads to (lesson 06)."""
    b = resolve(binding, plan=plan, workbook=workbook)
    fields = [(k, "long") for k in ("mission", "external", "internal", "coherence")]
    fields += [(k, "lines") for k in ("customer_objectives", "assumptions", "opportunities", "threats", "to_verify")]
    return FieldsEditor(
        b,
        "analysis",
        fields,
        title=t("planning.w_analysis_title", account=b.account),
        intro=t("planning.w_analysis_intro"),
    )


def review_editor(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> W.VBox:
    """Review cadence and the plan team (lesson 08)."""
    b = resolve(binding, plan=plan, workbook=workbook)
    review = FieldsEditor(
        b,
        "review",
        [("plan_review", "choice"), ("tracking", "choice"), ("next_review", "date"), ("last_review", "date")],
        title=t("planning.w_review_title"),
        intro=t("planning.w_review_intro"),
        options={"plan_review": P.PLAN_REVIEWS, "tracking": P.TRACKING},
    )
    team = FieldsEditor(
        b,
        "team",
        [
            ("owner", "text"),
            ("contributors", "lines"),
            ("sponsor", "text"),
            ("shared_with", "lines"),
            ("customer_reviewed", "bool"),
        ],
        title=t("planning.w_team_title"),
        intro=t("planning.w_team_intro"),
    )
    box = W.VBox([review, team])
    box.review, box.team = review, team
    return box


# --------------------------------------------------------------------------- tables of the plan
class PartTable(W.VBox):
    """A table of the plan (stakeholders, objectives, opportunities, actions, strategies) with an optional chart."""

    def __init__(
        self,
        binding: PlanBinding,
        part: str,
        columns: Sequence[Col],
        *,
        required: Sequence[str],
        title: str,
        intro: str,
        chart: str | None = None,
        container: str | None = None,
    ) -> None:
        self.binding, self.part, self.container = binding, part, container
        self.chart = output()
        self._chart_kind = chart
        rows = [r.to_dict() for r in self._items(binding.plan)]
        self.table = TableEditor(columns, rows, on_change=self._save, validate=self._check, required=required)
        super().__init__(
            [W.HTML(f"<h4>{_esc(title)}</h4><p>{_esc(intro)}</p>"), self.table] + ([self.chart] if chart else []),
            layout=W.Layout(max_width="1250px"),
        )
        if binding.problem:
            show_error(self.table.message, binding.problem)
        if chart:
            binding.on_change(lambda _plan: self.redraw())
            self.redraw()

    def _items(self, plan: P.Plan) -> tuple[Any, ...]:
        source = getattr(plan, self.container) if self.container else plan
        return tuple(getattr(source, self.part))

    def _check(self, rows: list[dict[str, Any]]) -> None:
        if self.container:
            self.binding.check(
                **{self.container: {**getattr(self.binding.plan, self.container).to_dict(), self.part: rows}}
            )
        else:
            self.binding.check(**{self.part: rows})

    def _save(self, rows: list[dict[str, Any]]) -> None:
        if self.container:
            self.binding.update_field(self.container, self.part, rows)
        else:
            self.binding.update(**{self.part: rows})

    @safely("chart")
    def redraw(self) -> None:
        """Draw the part's chart for the plan as it is now."""
        if self._chart_kind == "stakeholders":
            show_figure(self.chart, plots.stakeholder_map(self.binding.plan), t("planning.w_map_caption"))
        elif self._chart_kind == "opportunities":
            ranked = P.rank(self.binding.plan)
            lines = [
                t(
                    "planning.w_rank_line",
                    n=i,
                    id=r.opportunity.id,
                    priority=r.label,
                    value="-" if r.value is None else f"{r.value:g}",
                    cost="-" if r.cost is None else f"{r.cost:g}",
                )
                for i, r in enumerate(ranked, start=1)
            ]
            show_figure(self.chart, plots.opportunity_matrix(self.binding.plan), "\n".join(lines))


def _choice_col(key: str, options: Sequence[str], width: str = "130px") -> Col:
    return Col(key, _label(key), "choice", tuple(options), width)


def strategy_editor(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> W.VBox:
    """Strategic orientation, vision and the conditional strategies, each tied to an uncertainty (lesson 07)."""
    b = resolve(binding, plan=plan, workbook=workbook)
    fields = FieldsEditor(
        b,
        "strategy",
        [("orientation", "long"), ("vision", "long")],
        title=t("planning.w_strategy_title", account=b.account),
        intro=t("planning.w_strategy_intro"),
    )
    ids = [u.id for u in b.plan.uncertainties]
    listing = "".join(f"<li><b>{_esc(u.id)}</b>: {_esc(u.what)}</li>" for u in b.plan.uncertainties)
    table = PartTable(
        b,
        "conditional",
        [
            _choice_col("uncertainty", [""] + ids, "170px"),
            Col("condition", _label("condition"), "long", width="250px"),
            Col("then", _label("then"), "long", width="280px"),
            Col("otherwise", _label("otherwise"), "long", width="280px"),
        ],
        required=("condition",),
        container="strategy",
        title=t("planning.w_conditional_title"),
        intro=t("planning.w_conditional_intro"),
    )
    box = W.VBox([fields, W.HTML(f"<p><b>{_esc(t('planning.x_uncertainties'))}</b></p><ul>{listing}</ul>"), table])
    box.fields, box.conditional = fields, table
    return box


def objectives_editor(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> PartTable:
    """Strategic and operational objectives, each with metric, baseline, target and date (lesson 07)."""
    b = resolve(binding, plan=plan, workbook=workbook)
    return PartTable(
        b,
        "objectives",
        [
            Col("id", _label("id"), width="60px"),
            _choice_col("level", P.LEVELS, "110px"),
            Col("text", _label("objective_text"), "long", width="230px"),
            Col("metric", _label("metric"), width="180px"),
            Col("unit", _label("unit"), width="70px"),
            Col("baseline", _label("baseline"), "number", width="80px"),
            Col("target", _label("target"), "number", width="80px"),
            Col("due", _label("due"), "date", width="110px"),
            Col("owner", _label("owner"), width="120px"),
        ],
        required=("text",),
        title=t("planning.w_objectives_title"),
        intro=t("planning.w_objectives_intro"),
    )


def opportunities_editor(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> W.VBox:
    """Opportunities rated 1-5, the priority rule (weights and cuts) and the matrix (lesson 07)."""
    b = resolve(binding, plan=plan, workbook=workbook)
    table = PartTable(
        b,
        "opportunities",
        [
            Col("id", _label("id"), width="130px"),
            Col("what", _label("what"), "long", width="300px"),
            Col("profit", _label("profit"), "rating", width="90px"),
            Col("strategic", _label("strategic"), "rating", width="90px"),
            Col("effort", _label("effort"), "rating", width="90px"),
            Col("risk", _label("risk"), "rating", width="90px"),
        ],
        required=("what",),
        title=t("planning.w_opportunities_title"),
        intro=t("planning.w_opportunities_intro"),
        chart="opportunities",
    )
    rule = FieldsEditor(
        b,
        "priority_rule",
        [
            (k, "text")
            for k in ("profit_weight", "strategic_weight", "effort_weight", "risk_weight", "value_cut", "cost_cut")
        ],
        title=t("planning.w_rule_title"),
        intro=t("planning.w_rule_intro"),
    )
    box = W.VBox([table, rule])
    box.table, box.rule = table, rule
    return box


def stakeholders_editor(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> PartTable:
    """The stakeholder map as a table and as an organisation chart (lesson 08)."""
    b = resolve(binding, plan=plan, workbook=workbook)
    return PartTable(
        b,
        "stakeholders",
        [
            Col("name", _label("name"), width="140px"),
            Col("title", _label("title"), width="170px"),
            _choice_col("role", P.ROLES),
            _choice_col("attitude", P.ATTITUDES, "120px"),
            _choice_col("influence", P.INFLUENCE, "90px"),
            Col("reports_to", _label("reports_to"), width="130px"),
            Col("covered_by", _label("covered_by"), width="120px"),
            Col("frequency", _label("frequency"), width="110px"),
            Col("notes", _label("notes"), "long", width="200px"),
        ],
        required=("name",),
        title=t("planning.w_stakeholders_title", account=b.account),
        intro=t("planning.w_stakeholders_intro"),
        chart="stakeholders",
    )


def actions_editor(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> PartTable:
    """The action plan: contractual and relational actions with owner, due date, status (lesson 08)."""
    b = resolve(binding, plan=plan, workbook=workbook)
    objectives = [""] + [o.id for o in b.plan.objectives]
    return PartTable(
        b,
        "actions",
        [
            Col("what", _label("action_what"), "long", width="300px"),
            _choice_col("kind", P.ACTION_KINDS, "110px"),
            Col("owner", _label("owner"), width="130px"),
            Col("due", _label("due"), "date", width="110px"),
            _choice_col("status", P.STATUSES, "110px"),
            _choice_col("objective", objectives, "90px"),
        ],
        required=("what",),
        title=t("planning.w_actions_title"),
        intro=t("planning.w_actions_intro"),
    )


# --------------------------------------------------------------------------- position
class PositionView(W.VBox):
    """Attractiveness, strength, cuts, category and stage, each with its source; the target stage to choose."""

    def __init__(self, binding: PlanBinding) -> None:
        self.binding = binding
        self.table = W.HTML()
        self.message = output()
        self.target = W.Dropdown(
            options=[("\u2014", "")] + [(s, s) for s in P.STAGES],
            value=binding.plan.position.target_stage or "",
            description=_label("target_stage"),
            style={"description_width": "120px"},
        )
        self.target.observe(self._changed, names="value")
        super().__init__(
            [
                W.HTML(f"<h4>{_esc(t('planning.w_position_title', account=binding.account))}</h4>"),
                self.table,
                self.target,
                self.message,
            ],
            layout=W.Layout(max_width="950px"),
        )
        binding.on_change(lambda _p: self.show())
        self.show()

    def show(self) -> None:
        """Redraw the table of figures and sources."""
        pos = self.binding.plan.position
        rows = [
            (_label("attractiveness"), pos.attractiveness, pos.attractiveness_source),
            (_label("strength"), pos.strength, pos.strength_source),
            (t("planning.w_cuts"), f"{pos.attractiveness_cut:g} / {pos.strength_cut:g}", pos.cuts_source),
            (t("planning.x_category"), pos.category or "-", t("planning.x_category_source")),
            (_label("stage"), pos.stage or "-", pos.stage_source),
        ]
        body = "".join(
            f"<tr><td><b>{_esc(a)}</b></td><td>{_esc('-' if b is None else b)}</td><td>{_esc(c)}</td></tr>"
            for a, b, c in rows
        )
        self.table.value = (
            f"<table class='kam-table'><tr><th>{_esc(t('planning.x_item'))}</th>"
            f"<th>{_esc(t('planning.x_value'))}</th><th>{_esc(t('planning.x_source'))}</th></tr>"
            f"{body}</table>"
        )

    def _changed(self, change: dict[str, Any]) -> None:
        try:
            self.binding.update_field("position", "target_stage", change["new"] or None)
        except InputError as exc:
            show_error(self.message, str(exc))
            return
        view = P.completeness(self.binding.plan)
        notes = [f.text for f in view.findings if f.part == "position"]
        show_markdown(self.message, "\n".join(f"- {_esc(n)}" for n in notes) or _esc(t("planning.w_target_fits")))


def position_view(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> PositionView:
    """The account's position with where each figure came from, and the target stage (lessons 06, 08)."""
    return PositionView(resolve(binding, plan=plan, workbook=workbook))
