"""Rating and ranking value-creating opportunities with a rule the learner can see and change.

Taught in notebooks/07_strategy_formulation.ipynb. Each opportunity is rated 1-5 on profit
potential, strategic value (for us or the customer), effort and risk (the four questions of
the five-stage implementation's third stage). The rule (:class:`~kamcourse.planning.parts.PriorityRule`):
value is the weighted mean of profit potential and strategic value, cost the weighted mean
of effort and risk; with the two cuts (3 by default, "on the cut counts as high"):

=============  ============  ==================
value          cost          priority
=============  ============  ==================
high           low           pursue first
high           high          plan and resource
low            low           only if cheap
low            high          drop
=============  ============  ==================

Within a priority, a larger value minus cost comes first. The table and the rule are the
course's own reading of the source, stated in the lesson.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..content import t
from ..errors import InputError
from . import _fields as F
from .model import Plan
from .parts import Opportunity, PriorityRule

__all__ = ["PRIORITIES", "Ranked", "priority_label", "rank", "value_and_cost"]

PRIORITIES = ("pursue first", "plan and resource", "only if cheap", "drop", "not rated")


@dataclass(frozen=True)
class Ranked:
    """One opportunity with its value, cost and priority under a rule (None while unrated)."""

    opportunity: Opportunity
    value: float | None
    cost: float | None
    priority: str

    @property
    def score(self) -> float | None:
        """Value minus cost (orders opportunities within a priority)."""
        return None if self.value is None or self.cost is None else self.value - self.cost

    @property
    def label(self) -> str:
        return priority_label(self.priority)


def priority_label(priority: str) -> str:
    """The priority in words (``strings/planning.en.yaml``)."""
    return t("planning.priority_" + F.choice(priority, t("planning.col_priority"), PRIORITIES).replace(" ", "_"))


def value_and_cost(opportunity: Opportunity, rule: PriorityRule | None = None) -> tuple[float | None, float | None]:
    """Value and cost of one opportunity under ``rule`` (None while it is not fully rated)."""
    rule = rule if rule is not None else PriorityRule()
    if not opportunity.rated:
        return None, None
    assert opportunity.profit is not None and opportunity.strategic is not None  # rated
    assert opportunity.effort is not None and opportunity.risk is not None
    value = (rule.profit_weight * opportunity.profit + rule.strategic_weight * opportunity.strategic) / (
        rule.profit_weight + rule.strategic_weight
    )
    cost = (rule.effort_weight * opportunity.effort + rule.risk_weight * opportunity.risk) / (
        rule.effort_weight + rule.risk_weight
    )
    return round(value, 6), round(cost, 6)


def rank(opportunities: Plan | Iterable[Opportunity], rule: PriorityRule | None = None) -> tuple[Ranked, ...]:
    """The opportunities ranked by priority, then by value minus cost (largest first), then id.

    ``opportunities`` is a plan (its own rule is used unless ``rule`` is given) or a list of
    :class:`Opportunity`. Raises :class:`InputError` for anything else.
    """
    if isinstance(opportunities, Plan):
        rule = rule if rule is not None else opportunities.priority_rule
        items: tuple[Opportunity, ...] = opportunities.opportunities
    else:
        try:
            items = tuple(Opportunity.from_dict(o) for o in opportunities)
        except TypeError:
            raise InputError(t("planning.err_not_a_plan", value=F.short(opportunities))) from None
    rule = PriorityRule.from_dict(rule) if rule is not None else PriorityRule()
    out = []
    for item in items:
        value, cost = value_and_cost(item, rule)
        if value is None or cost is None:
            priority = "not rated"
        else:
            high_value, high_cost = value >= rule.value_cut, cost >= rule.cost_cut
            priority = {
                (True, False): "pursue first",
                (True, True): "plan and resource",
                (False, False): "only if cheap",
                (False, True): "drop",
            }[(high_value, high_cost)]
        out.append(Ranked(item, value, cost, priority))
    order = {p: i for i, p in enumerate(PRIORITIES)}
    return tuple(sorted(out, key=lambda r: (order[r.priority], -(r.score or 0.0), r.opportunity.id)))
