"""What a plan holds, what it lacks and where it contradicts itself -- in words.

Taught in notebooks/08_key_account_plan.ipynb. :func:`completeness` reads a
:class:`~kamcourse.planning.model.Plan` and returns the parts that are filled and one
:class:`Finding` per gap: *missing* (an empty field, an objective without a baseline...),
*inconsistent* (an objective no action serves, an action with no owner, a strategy with no
condition, a key stakeholder nobody covers...) or a *warning* (a stakeholder map with only
friends, a target stage beyond what the account's category justifies). The course's own
checklist, built from what practitioners' planning tools ask for.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ..content import t
from ..errors import InputError
from ..inputs import norm
from . import _fields as F
from ._base import STAGES
from .model import Plan
from .parts import Objective

__all__ = ["PARTS", "Completeness", "Finding", "completeness", "objective_gaps"]

#: The parts of a plan, in the order the completeness view lists them.
PARTS = (
    "profile",
    "analysis",
    "position",
    "strategy",
    "objectives",
    "opportunities",
    "stakeholders",
    "actions",
    "review",
    "team",
)
_KINDS = ("missing", "inconsistent", "warning")


@dataclass(frozen=True)
class Finding:
    """One gap: which part, what kind (missing, inconsistent, warning) and the sentence."""

    part: str
    kind: str
    text: str


@dataclass(frozen=True)
class Completeness:
    """The completeness view of a plan: parts filled and findings, each in words."""

    filled: tuple[str, ...]
    findings: tuple[Finding, ...]

    def of_kind(self, kind: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)

    @property
    def missing(self) -> tuple[Finding, ...]:
        return self.of_kind("missing")

    @property
    def inconsistent(self) -> tuple[Finding, ...]:
        return self.of_kind("inconsistent")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return self.of_kind("warning")

    @property
    def share_filled(self) -> float:
        """Share of the plan's parts with nothing missing (0-1)."""
        return len(self.filled) / len(PARTS)

    def text(self) -> str:
        """The view as plain text: filled parts, then each kind of finding."""
        names = ", ".join(t(f"planning.part_{p}") for p in self.filled) or t("planning.none")
        lines = [t("planning.cv_filled", count=len(self.filled), total=len(PARTS), names=names)]
        for kind in _KINDS:
            found = self.of_kind(kind)
            if found:
                lines.append(t(f"planning.cv_head_{kind}", count=len(found)))
                lines += [f"- {f.text}" for f in found]
        if not self.findings:
            lines.append(t("planning.cv_nothing"))
        return "\n".join(lines)

    __str__ = text


def objective_gaps(objective: Objective) -> tuple[str, ...]:
    """What makes an objective not measurable: the names of its missing parts."""
    gaps = []
    if not objective.metric:
        gaps.append(t("planning.f_metric").lower())
    if objective.baseline is None:
        gaps.append(t("planning.f_baseline").lower())
    if objective.target is None:
        gaps.append(t("planning.f_target").lower())
    if objective.due is None:
        gaps.append(t("planning.f_due").lower())
    return tuple(gaps)


def _name(objective: Objective) -> str:
    return f"{objective.id} ({_cut(objective.text)})" if objective.text else objective.id


def _cut(text: str, width: int = 60) -> str:
    return textwrap.shorten(text, width, placeholder="\u2026") or text[:width]


class _Collector:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, where: str, kind: str, key: str, **values: object) -> None:
        text = t(f"planning.cv_{key}", **values)
        self.findings.append(Finding(where, kind, text[:1].upper() + text[1:]))


def _texts(plan: Plan, out: _Collector) -> None:
    for part, obj, keys in (
        ("profile", plan.profile, ("customer", "needs", "history", "competition")),
        (
            "analysis",
            plan.analysis,
            (
                "mission",
                "external",
                "internal",
                "coherence",
                "customer_objectives",
                "assumptions",
                "opportunities",
                "threats",
            ),
        ),
    ):
        for key in keys:
            if not getattr(obj, key):
                out.add(part, "missing", "empty_field", part=t(f"planning.part_{part}"), field=t(f"planning.f_{key}"))


def _position(plan: Plan, out: _Collector) -> None:
    pos = plan.position
    for key in ("attractiveness", "strength", "stage", "target_stage"):
        if getattr(pos, key) is None:
            out.add(
                "position", "missing", "empty_field", part=t("planning.part_position"), field=t(f"planning.f_{key}")
            )
    category = pos.category
    if category is None or pos.target_stage is None:
        return
    from ..relationships import fit_for_category

    fit = fit_for_category(category)
    if STAGES.index(pos.target_stage) > STAGES.index(fit.high):
        out.add("position", "warning", "target_beyond_fit", target=pos.target_stage, category=category, high=fit.high)
    elif STAGES.index(pos.target_stage) < STAGES.index(fit.low):
        out.add("position", "warning", "target_below_fit", target=pos.target_stage, category=category, low=fit.low)
    if pos.stage is not None and STAGES.index(pos.target_stage) < STAGES.index(pos.stage):
        out.add("position", "warning", "target_below_today", target=pos.target_stage, stage=pos.stage)


def _strategy(plan: Plan, out: _Collector) -> None:
    if not plan.strategy.orientation:
        out.add(
            "strategy", "missing", "empty_field", part=t("planning.part_strategy"), field=t("planning.f_orientation")
        )
    if not plan.strategy.conditional:
        out.add("strategy", "missing", "no_conditional")
    known = {u.id.casefold() for u in plan.uncertainties}
    for number, item in enumerate(plan.strategy.conditional, start=1):
        label = t("planning.cv_strategy_label", number=number, then=_cut(item.then or item.condition))
        if not item.condition:
            out.add("strategy", "inconsistent", "strategy_no_condition", strategy=label)
        if not item.then:
            out.add("strategy", "inconsistent", "strategy_no_then", strategy=label)
        if not item.otherwise:
            out.add("strategy", "inconsistent", "strategy_no_otherwise", strategy=label)
        if not item.uncertainty:
            out.add("strategy", "inconsistent", "strategy_no_uncertainty", strategy=label)
        elif item.uncertainty.casefold() not in known:
            out.add(
                "strategy",
                "inconsistent",
                "strategy_unknown_uncertainty",
                strategy=label,
                value=item.uncertainty,
                allowed=", ".join(u.id for u in plan.uncertainties) or t("planning.none"),
            )
        elif item.then and item.otherwise and norm(item.then) == norm(item.otherwise):
            out.add("strategy", "inconsistent", "strategy_same_both", strategy=label)


def _objectives(plan: Plan, out: _Collector) -> None:
    if not plan.objectives:
        out.add("objectives", "missing", "no_objectives")
        return
    for level in ("strategic", "operational"):
        if not any(o.level == level for o in plan.objectives):
            out.add("objectives", "missing", f"no_{level}")
    served = {a.objective.casefold() for a in plan.actions if a.objective}
    for objective in plan.objectives:
        gaps = objective_gaps(objective)
        if gaps:
            out.add("objectives", "missing", "not_measurable", objective=_name(objective), parts=", ".join(gaps))
        if objective.baseline is not None and objective.target is not None and objective.baseline == objective.target:
            out.add(
                "objectives",
                "inconsistent",
                "target_is_baseline",
                objective=_name(objective),
                value=f"{objective.target:g}",
            )
        if objective.due is not None and not plan.prepared < objective.due <= plan.end:
            out.add(
                "objectives",
                "inconsistent",
                "due_outside",
                objective=_name(objective),
                due=objective.due.isoformat(),
                start=plan.prepared.isoformat(),
                end=plan.end.isoformat(),
            )
        if objective.id.casefold() not in served:
            out.add("objectives", "inconsistent", "objective_no_action", objective=_name(objective))


def _opportunities(plan: Plan, out: _Collector) -> None:
    if not plan.opportunities:
        out.add("opportunities", "missing", "no_opportunities")
    for item in plan.opportunities:
        unrated = [
            t(f"planning.f_{k}").lower() for k in ("profit", "strategic", "effort", "risk") if getattr(item, k) is None
        ]
        if unrated:
            out.add(
                "opportunities",
                "missing",
                "not_rated",
                opportunity=item.id or _cut(item.what, 40),
                parts=", ".join(unrated),
            )


def _stakeholders(plan: Plan, out: _Collector) -> None:
    people = plan.stakeholders
    if not people:
        out.add("stakeholders", "missing", "no_stakeholders")
        return
    names = {p.name.casefold() for p in people}
    for person in people:
        if person.reports_to and person.reports_to.casefold() not in names:
            out.add("stakeholders", "inconsistent", "reports_to_unknown", name=person.name, boss=person.reports_to)
        if person.influence == "high" and not person.covered_by:
            out.add(
                "stakeholders", "inconsistent", "key_uncovered", name=person.name, title=person.title or person.role
            )
        if person.influence == "high" and person.attitude == "unknown":
            out.add("stakeholders", "warning", "attitude_unknown", name=person.name)
    attitudes = {p.attitude for p in people}
    if not attitudes & {"neutral", "non-supporter", "opponent"}:
        out.add("stakeholders", "warning", "only_friends")
    for role in ("decision maker",):
        if not any(p.role == role for p in people):
            out.add("stakeholders", "warning", "no_decision_maker")
    if "champion" not in attitudes:
        out.add("stakeholders", "warning", "no_champion")


def _actions(plan: Plan, out: _Collector) -> None:
    if not plan.actions:
        out.add("actions", "missing", "no_actions")
        return
    ids = {o.id.casefold() for o in plan.objectives}
    for number, action in enumerate(plan.actions, start=1):
        label = t("planning.cv_action_label", number=number, what=_cut(action.what) or "-")
        if not action.what:
            out.add("actions", "missing", "action_no_what", action=label)
        if not action.owner:
            out.add("actions", "inconsistent", "action_no_owner", action=label)
        if action.due is None:
            out.add("actions", "missing", "action_no_due", action=label)
        elif action.status in ("planned", "in progress") and not plan.prepared <= action.due <= plan.end:
            out.add(
                "actions",
                "inconsistent",
                "action_due_outside",
                action=label,
                due=action.due.isoformat(),
                start=plan.prepared.isoformat(),
                end=plan.end.isoformat(),
            )
        if action.objective and action.objective.casefold() not in ids:
            out.add("actions", "inconsistent", "action_unknown_objective", action=label, value=action.objective)
    kinds = {a.kind for a in plan.actions}
    for kind in ("contractual", "relational"):
        if kind not in kinds:
            out.add("actions", "warning", f"no_{kind}")


def _review(plan: Plan, out: _Collector) -> None:
    if plan.review.plan_review == "not set":
        out.add("review", "missing", "no_plan_review")
    if plan.review.tracking == "not set":
        out.add("review", "missing", "no_tracking")
    if plan.review.next_review is None:
        out.add("review", "missing", "no_next_review")
    elif plan.review.next_review < plan.prepared:
        out.add(
            "review",
            "inconsistent",
            "next_review_past",
            date=plan.review.next_review.isoformat(),
            prepared=plan.prepared.isoformat(),
        )
    if not plan.team.owner:
        out.add("team", "missing", "no_owner")


def completeness(plan: Plan) -> Completeness:
    """The completeness view of ``plan`` (see the module docstring). Raises InputError for a non-plan."""
    if not isinstance(plan, Plan):
        raise InputError(t("planning.err_not_a_plan", value=F.short(plan)))
    out = _Collector()
    for step in (_texts, _position, _strategy, _objectives, _opportunities, _stakeholders, _actions, _review):
        step(plan, out)
    incomplete = {f.part for f in out.findings if f.kind == "missing"}
    filled = tuple(p for p in PARTS if p not in incomplete)
    return Completeness(filled, tuple(out.findings))
