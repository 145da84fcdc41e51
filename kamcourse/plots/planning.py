"""Charts of the key account plan (lessons ``notebooks/07_strategy_formulation.ipynb`` and
``notebooks/08_key_account_plan.ipynb``).

Taught in notebooks/07_strategy_formulation.ipynb and notebooks/08_key_account_plan.ipynb.

* :func:`stakeholder_map` -- the customer's people as an organisation chart (who reports to
  whom); each box says the person's role, attitude towards us, influence and who covers them
  in words, the attitude also as a marker; influential people nobody covers are boxed with a
  thick dashed line and marked "NOT COVERED";
* :func:`opportunity_matrix` -- value (profit potential and strategic value) against cost
  (effort and risk), one labelled point per opportunity, the rule's cuts and priorities;
* :func:`plan_on_a_page` -- the plan's essentials on one page;
* :func:`chart_images` -- the first two as PNG bytes, for :func:`kamcourse.planning.export`.

Figures are built with the object-oriented API (no pyplot). Learner text is drawn literally
(``parse_math=False``: a ``$x$`` in a name is not math), and meaning never rests on colour.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from ..content import t
from ..errors import InputError
from ..planning import Plan, completeness, rank
from ..values import short_repr

__all__ = ["chart_images", "opportunity_matrix", "org_levels", "plan_on_a_page", "stakeholder_map"]

_MARKERS = {"champion": "*", "supporter": "^", "neutral": "o", "non-supporter": "v", "opponent": "X", "unknown": "d"}
_COLOURS = {
    "champion": "#1a9641",
    "supporter": "#a6d96a",
    "neutral": "#d9d9d9",
    "non-supporter": "#fdae61",
    "opponent": "#d7191c",
    "unknown": "#ffffff",
}
_PRIORITY_COLOURS = {
    "pursue first": "#1a9641",
    "plan and resource": "#2b83ba",
    "only if cheap": "#fdae61",
    "drop": "#d7191c",
}


def _check(plan: Any) -> Plan:
    if not isinstance(plan, Plan):
        raise InputError(t("planning.err_not_a_plan", value=short_repr(plan, 60)))
    return plan


def org_levels(plan: Plan) -> list[list[str]]:
    """The people by level of the organisation chart, top first (cycles and unknown bosses start a tree)."""
    people = {p.name: p for p in _check(plan).stakeholders}
    children: dict[str | None, list[str]] = {}
    for person in plan.stakeholders:
        boss = person.reports_to if person.reports_to in people and person.reports_to != person.name else None
        children.setdefault(boss, []).append(person.name)
    placed: set[str] = set()
    levels: list[list[str]] = []

    def visit(name: str, depth: int) -> None:
        if name in placed:
            return
        placed.add(name)
        while len(levels) <= depth:
            levels.append([])
        levels[depth].append(name)
        for child in children.get(name, []):
            visit(child, depth + 1)

    for root in children.get(None, []):
        visit(root, 0)
    for person in plan.stakeholders:  # people in a reports-to cycle: start them at the top
        visit(person.name, 0)
    return levels


def _positions(plan: Plan) -> dict[str, tuple[float, float]]:
    """x, y of each person: leaves spread left to right, a boss above the middle of its people."""
    people = {p.name: p for p in plan.stakeholders}
    levels = org_levels(plan)
    depth = {name: d for d, names in enumerate(levels) for name in names}
    kids: dict[str, list[str]] = {}
    for person in plan.stakeholders:
        boss = person.reports_to
        if boss in people and boss != person.name and depth.get(boss, -1) == depth[person.name] - 1:
            kids.setdefault(boss, []).append(person.name)
    x: dict[str, float] = {}
    counter = [0.0]

    def place(name: str) -> float:
        if name in x:
            return x[name]
        below = kids.get(name, [])
        if below:
            xs = [place(k) for k in below]
            x[name] = sum(xs) / len(xs)
        else:
            x[name] = counter[0]
            counter[0] += 1.0
        return x[name]

    for names in levels:
        for name in names:
            place(name)
    return {name: (x[name], -float(depth[name])) for name in depth}


def stakeholder_map(plan: Plan, *, title: str | None = None) -> Figure:
    """The stakeholder map as an organisation chart (see the module docstring)."""
    plan = _check(plan)
    pos = _positions(plan)
    width = max(1.0, max((p[0] for p in pos.values()), default=0.0) + 1.0)
    height = max(1.0, -min((p[1] for p in pos.values()), default=0.0) + 1.0)
    fig = Figure(figsize=(min(1.2 + 1.75 * width, 22.0), 0.7 + 1.45 * height), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title or t("planning.map_title", account=plan.account), parse_math=False)
    if not plan.stakeholders:
        ax.text(0.5, 0.5, t("planning.map_empty"), ha="center", va="center", transform=ax.transAxes)
        return fig
    for person in plan.stakeholders:
        if person.reports_to in pos and person.reports_to != person.name:
            (x0, y0), (x1, y1) = pos[person.reports_to], pos[person.name]
            ax.plot(
                [x0, x0, x1, x1], [y0 - 0.38, (y0 + y1) / 2, (y0 + y1) / 2, y1 + 0.38], color="#777", lw=1, zorder=1
            )
    for person in plan.stakeholders:
        x, y = pos[person.name]
        uncovered = person.influence == "high" and not person.covered_by
        box = FancyBboxPatch(
            (x - 0.46, y - 0.36),
            0.92,
            0.72,
            boxstyle="round,pad=0.02",
            facecolor=_COLOURS[person.attitude],
            edgecolor="black",
            linewidth=2.5 if uncovered else 0.8,
            linestyle="--" if uncovered else "-",
            zorder=2,
        )
        ax.add_patch(box)
        coverage = (
            t(
                "planning.map_covered",
                who=textwrap.shorten(person.covered_by, 24),
                how=textwrap.shorten(person.frequency or "?", 24),
            )
            if person.covered_by
            else t("planning.map_not_covered")
        )
        lines = [
            textwrap.shorten(person.name, 26),
            textwrap.shorten(person.title or "-", 27),
            t("planning.map_role_line", role=person.role, influence=person.influence),
            t("planning.map_attitude_line", attitude=person.attitude),
            coverage,
        ]
        ax.text(
            x,
            y + 0.02,
            "\n".join(lines),
            ha="center",
            va="center",
            fontsize=6.8,
            zorder=3,
            parse_math=False,
            fontweight="bold" if uncovered else "normal",
        )
        ax.scatter([x - 0.38], [y + 0.27], marker=_MARKERS[person.attitude], s=60, color="black", zorder=4)
    ax.set_xlim(-0.6, width - 0.4)
    ax.set_ylim(-height + 0.5, 0.55)
    legend = "  ".join(
        t("planning.map_legend_item", marker=m, attitude=a)
        for a, m in (
            ("champion", "\u2605"),
            ("supporter", "\u25b2"),
            ("neutral", "\u25cf"),
            ("non-supporter", "\u25bc"),
            ("opponent", "\u2716"),
            ("unknown", "\u25c6"),
        )
    )
    fig.text(0.01, 0.005, legend + "   " + t("planning.map_legend_uncovered"), fontsize=6.5, parse_math=False)
    return fig


def opportunity_matrix(plan: Plan, *, title: str | None = None) -> Figure:
    """Value against cost for each rated opportunity, with the rule's cuts and priorities."""
    plan = _check(plan)
    rule = plan.priority_rule
    ranked = rank(plan)
    fig = Figure(figsize=(7.5, 5.6), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(0.7, 5.3)
    ax.set_ylim(0.7, 5.3)
    ax.axvline(rule.cost_cut, color="#555", ls="--", lw=1)
    ax.axhline(rule.value_cut, color="#555", ls="--", lw=1)
    ax.set_xlabel(t("planning.om_x"))
    ax.set_ylabel(t("planning.om_y"))
    ax.set_title(title or t("planning.om_title", account=plan.account), parse_math=False)
    for text, x, y, ha in (
        (t("planning.priority_pursue_first"), 0.75, 5.25, "left"),
        (t("planning.priority_plan_and_resource"), 5.25, 5.25, "right"),
        (t("planning.priority_only_if_cheap"), 0.75, 0.75, "left"),
        (t("planning.priority_drop"), 5.25, 0.75, "right"),
    ):
        ax.text(x, y, text.upper(), ha=ha, va="top" if y > 3 else "bottom", fontsize=8, color="#333", style="italic")
    seen: dict[tuple[float, float], int] = {}
    unrated = []
    for item in ranked:
        if item.value is None or item.cost is None:
            unrated.append(item.opportunity.id or item.opportunity.what[:20])
            continue
        key = (round(item.cost, 2), round(item.value, 2))
        offset = seen.get(key, 0)
        seen[key] = offset + 1
        ax.scatter([item.cost], [item.value], s=90, color=_PRIORITY_COLOURS[item.priority], edgecolor="black", zorder=3)
        ax.annotate(
            textwrap.shorten(item.opportunity.id or item.opportunity.what, 26),
            (item.cost, item.value),
            xytext=(7, 5 - 11 * offset),
            textcoords="offset points",
            fontsize=8,
            parse_math=False,
        )
    if unrated:
        fig.text(0.01, 0.005, t("planning.om_unrated", names=", ".join(unrated)), fontsize=7, parse_math=False)
    return fig


def _num(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wrap(text: str, width: int = 95) -> str:
    return "\n".join(textwrap.wrap(text, width)) if text else "\u2014"


def plan_on_a_page(plan: Plan) -> Figure:
    """The plan's essentials on one A4-landscape page: position, orientation, objectives, priorities, actions,
    review."""
    plan = _check(plan)
    pos = plan.position
    fig = Figure(figsize=(11.7, 8.3), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    objectives = [
        t(
            "planning.pp_objective",
            id=o.id,
            text=o.text,
            metric=o.metric,
            baseline=_num(o.baseline),
            target=_num(o.target),
            unit=o.unit,
            due=o.due.isoformat() if o.due else "?",
        )
        for o in plan.objectives[:6]
    ]
    priorities = [f"{r.label}: {r.opportunity.id}" for r in rank(plan)[:6]]
    actions = [
        t(
            "planning.pp_action",
            what=textwrap.shorten(a.what, 70),
            owner=a.owner or "?",
            due=a.due.isoformat() if a.due else "?",
        )
        for a in sorted(plan.actions, key=lambda a: str(a.due))[:6]
    ]
    view = completeness(plan)
    blocks = [
        (
            t("planning.pp_position"),
            t(
                "planning.pp_position_text",
                a=_num(pos.attractiveness),
                s=_num(pos.strength),
                category=pos.category or "?",
                stage=pos.stage or "?",
                target=pos.target_stage or "?",
            ),
        ),
        (t("planning.f_orientation"), _wrap(plan.strategy.orientation)),
        (t("planning.part_objectives"), "\n".join(_wrap(o, 110) for o in objectives) or "\u2014"),
        (t("planning.part_opportunities"), "; ".join(priorities) or "\u2014"),
        (t("planning.pp_next_actions"), "\n".join(actions) or "\u2014"),
        (
            t("planning.part_review"),
            t(
                "planning.pp_review",
                plan_review=plan.review.plan_review,
                tracking=plan.review.tracking,
                next=plan.review.next_review.isoformat() if plan.review.next_review else "?",
            ),
        ),
        (
            t("planning.pp_health"),
            t(
                "planning.pp_health_text",
                filled=len(view.filled),
                missing=len(view.missing),
                inconsistent=len(view.inconsistent),
            ),
        ),
    ]
    ax.text(
        0,
        1,
        t("planning.x_doc_title", account=plan.account),
        fontsize=16,
        fontweight="bold",
        va="top",
        transform=ax.transAxes,
        parse_math=False,
    )
    y = 0.93
    for head, body in blocks:
        ax.text(0, y, _cap(head), fontsize=10, fontweight="bold", va="top", transform=ax.transAxes, parse_math=False)
        ax.text(0.02, y - 0.03, body, fontsize=8.5, va="top", transform=ax.transAxes, parse_math=False)
        y -= 0.05 + 0.024 * (body.count("\n") + 1)
    return fig


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, pil_kwargs={"compress_level": 6})
    return buffer.getvalue()


def chart_images(plan: Plan) -> dict[str, bytes]:
    """PNG bytes of the stakeholder map and the opportunity matrix, for the exported documents."""
    return {"stakeholders": _png(stakeholder_map(plan)), "opportunities": _png(opportunity_matrix(plan))}
