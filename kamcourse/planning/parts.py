"""The parts of a key account plan, each a frozen dataclass checked when it is built.

Taught in notebooks/06_situational_analysis.ipynb, notebooks/07_strategy_formulation.ipynb and
notebooks/08_key_account_plan.ipynb.

The key account database's four parts (:class:`Profile`, lesson
``notebooks/06_situational_analysis.ipynb``), Capon's account analysis (:class:`Analysis`,
lesson 06), the position with where each figure came from (:class:`Position`), uncertainties
and conditional strategies, objectives and opportunities with their priority rule (lesson
``notebooks/07_strategy_formulation.ipynb``), stakeholders, actions, review and team (lesson
``notebooks/08_key_account_plan.ipynb``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..content import t
from ..errors import InputError
from ..portfolio.matrix import check_cut, classify
from . import _fields as F
from ._base import ACTION_KINDS, ATTITUDES, INFLUENCE, LEVELS, PLAN_REVIEWS, ROLES, STAGES, STATUSES, TRACKING, Part
from ._base import label as _label
from ._base import rows as _rows

__all__ = [
    "Action",
    "Analysis",
    "ConditionalStrategy",
    "Objective",
    "Opportunity",
    "Position",
    "PriorityRule",
    "Profile",
    "Review",
    "Stakeholder",
    "Strategy",
    "Team",
    "Uncertainty",
]


@dataclass(frozen=True)
class Team(Part):
    """Who owns, writes, sponsors and sees the plan (evidence for the pitfalls audit)."""

    owner: str = ""
    contributors: tuple[str, ...] = ()
    sponsor: str = ""
    shared_with: tuple[str, ...] = ()
    customer_reviewed: bool = False
    _part = "team"

    def __post_init__(self) -> None:
        self._set("owner", F.name(self.owner, _label("owner")))
        self._set(
            "contributors",
            tuple(F.name(c, _label("contributors")) for c in F.texts(self.contributors, _label("contributors"))),
        )
        self._set("sponsor", F.name(self.sponsor, _label("sponsor")))
        self._set("shared_with", F.texts(self.shared_with, _label("shared_with")))
        if not isinstance(self.customer_reviewed, bool):
            raise InputError(
                t("planning.err_bool", field=_label("customer_reviewed"), value=F.short(self.customer_reviewed))
            )


@dataclass(frozen=True)
class Profile(Part):
    """The key account database's four parts (Faucher): each a text."""

    customer: str = ""
    needs: str = ""
    history: str = ""
    competition: str = ""
    _part = "profile"

    def __post_init__(self) -> None:
        for key in ("customer", "needs", "history", "competition"):
            self._set(key, F.text(getattr(self, key), _label(key)))


@dataclass(frozen=True)
class Analysis(Part):
    """Capon's account analysis and what it leads to."""

    mission: str = ""
    external: str = ""
    internal: str = ""
    coherence: str = ""
    customer_objectives: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    threats: tuple[str, ...] = ()
    to_verify: tuple[str, ...] = ()
    _part = "analysis"

    def __post_init__(self) -> None:
        for key in ("mission", "external", "internal", "coherence"):
            self._set(key, F.text(getattr(self, key), _label(key)))
        for key in ("customer_objectives", "assumptions", "opportunities", "threats", "to_verify"):
            self._set(key, F.texts(getattr(self, key), _label(key)))


@dataclass(frozen=True)
class Position(Part):
    """Portfolio position and relationship stage, each with where the figure came from."""

    attractiveness: float | None = None
    attractiveness_source: str = ""
    strength: float | None = None
    strength_source: str = ""
    attractiveness_cut: float = 500.0
    strength_cut: float = 1.0
    cuts_source: str = ""
    stage: str | None = None
    stage_source: str = ""
    target_stage: str | None = None
    _part = "position"

    def __post_init__(self) -> None:
        a = F.number(self.attractiveness, _label("attractiveness"))
        if a is not None and not 0 <= a <= 1000:
            raise InputError(
                t("planning.err_between", field=_label("attractiveness"), value=F.short(a), low=0, high=1000)
            )
        s = F.number(self.strength, _label("strength"))
        if s is not None and not 0 <= s <= 100:
            raise InputError(t("planning.err_between", field=_label("strength"), value=F.short(s), low=0, high=100))
        self._set("attractiveness", a)
        self._set("strength", s)
        for key, quantity in (("attractiveness_cut", "attractiveness"), ("strength_cut", "strength")):
            value = F.number(getattr(self, key), _label(key))
            self._set(key, check_cut(getattr(self, key) if value is None else value, quantity))  # lesson 04's rule
        for key in ("attractiveness_source", "strength_source", "cuts_source", "stage_source"):
            self._set(key, F.text(getattr(self, key), _label(key), limit=F.MAX_NAME * 2))
        for key in ("stage", "target_stage"):
            value = getattr(self, key)
            self._set(key, None if value in (None, "") else F.choice(value, _label(key), STAGES))

    def rows(self) -> tuple[tuple[str, float | str | None, str], ...]:
        """The position's figures as (what, value, where it comes from), in the words of the catalogue:
        what the plan's summary (every export) and lesson 06's table show."""
        return (
            (_label("attractiveness"), self.attractiveness, self.attractiveness_source),
            (_label("strength"), self.strength, self.strength_source),
            (_label("attractiveness_cut"), self.attractiveness_cut, self.cuts_source),
            (_label("strength_cut"), self.strength_cut, self.cuts_source),
            (t("planning.x_category"), self.category or "", t("planning.x_category_source")),
            (_label("stage"), self.stage or "", self.stage_source),
        )

    @property
    def category(self) -> str | None:
        """The portfolio category by the two cuts (lesson 04's :func:`~kamcourse.portfolio.classify`), or None."""
        if self.attractiveness is None or self.strength is None:
            return None
        return classify(
            self.attractiveness,
            self.strength,
            attractiveness_cut=self.attractiveness_cut,
            strength_cut=self.strength_cut,
        )


@dataclass(frozen=True)
class Uncertainty(Part):
    """Something that may happen, with an id a conditional strategy can name."""

    id: str = ""
    what: str = ""
    signals: str = ""
    _part = "uncertainties"

    def __post_init__(self) -> None:
        ident = F.name(self.id, _label("id"))
        if not ident:
            raise InputError(t("planning.err_required", field=_label("id")))
        self._set("id", ident)
        self._set("what", F.text(self.what, _label("what")))
        self._set("signals", F.text(self.signals, _label("signals")))


@dataclass(frozen=True)
class ConditionalStrategy(Part):
    """ "If this happens, we do that; otherwise this" -- tied to a named uncertainty."""

    uncertainty: str = ""
    condition: str = ""
    then: str = ""
    otherwise: str = ""
    _part = "conditional"

    def __post_init__(self) -> None:
        self._set("uncertainty", F.name(self.uncertainty, _label("uncertainty")))
        for key in ("condition", "then", "otherwise"):
            self._set(key, F.text(getattr(self, key), _label(key)))


@dataclass(frozen=True)
class Strategy(Part):
    """Strategic orientation, vision for the relationship and the conditional strategies."""

    orientation: str = ""
    vision: str = ""
    conditional: tuple[ConditionalStrategy, ...] = ()
    _part = "strategy"

    def __post_init__(self) -> None:
        self._set("orientation", F.text(self.orientation, _label("orientation")))
        self._set("vision", F.text(self.vision, _label("vision")))
        self._set("conditional", _rows(self.conditional, ConditionalStrategy, "conditional"))


@dataclass(frozen=True)
class Objective(Part):
    """A strategic or operational objective: measurable when metric, baseline, target and date are set."""

    id: str = ""
    level: str = "strategic"
    text: str = ""
    metric: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    due: _dt.date | None = None
    owner: str = ""
    _part = "objectives"

    def __post_init__(self) -> None:
        self._set("id", F.name(self.id, _label("id")))
        self._set("level", F.choice(self.level, _label("level"), LEVELS))
        self._set("text", F.text(self.text, _label("objective_text")))
        self._set("metric", F.name(self.metric, _label("metric")))
        self._set("unit", F.name(self.unit, _label("unit")))
        self._set("baseline", F.number(self.baseline, _label("baseline")))
        self._set("target", F.number(self.target, _label("target")))
        self._set("due", F.optional_date(self.due, _label("due")))
        self._set("owner", F.name(self.owner, _label("owner")))


@dataclass(frozen=True)
class Opportunity(Part):
    """A value-creating opportunity rated 1-5 on profit potential, strategic value, effort and risk."""

    id: str = ""
    what: str = ""
    profit: int | None = None
    strategic: int | None = None
    effort: int | None = None
    risk: int | None = None
    _part = "opportunities"

    def __post_init__(self) -> None:
        self._set("id", F.name(self.id, _label("id")))
        self._set("what", F.text(self.what, _label("what")))
        for key in ("profit", "strategic", "effort", "risk"):
            self._set(key, F.rating(getattr(self, key), _label(key)))

    @property
    def rated(self) -> bool:
        return None not in (self.profit, self.strategic, self.effort, self.risk)


@dataclass(frozen=True)
class PriorityRule(Part):
    """How opportunities are ranked (the course's transparent rule; change any number).

    value = weighted mean of profit potential and strategic value; cost = weighted mean of
    effort and risk (all rated 1-5). value >= ``value_cut`` is high value, cost >= ``cost_cut``
    is high cost: high value and low cost -> "pursue first"; high value and high cost -> "plan
    and resource"; low value and low cost -> "only if cheap"; low value and high cost -> "drop".
    """

    profit_weight: float = 50.0
    strategic_weight: float = 50.0
    effort_weight: float = 50.0
    risk_weight: float = 50.0
    value_cut: float = 3.0
    cost_cut: float = 3.0
    _part = "priority_rule"

    def __post_init__(self) -> None:
        for key in ("profit_weight", "strategic_weight", "effort_weight", "risk_weight"):
            value = F.number(getattr(self, key), _label(key))
            if value is None or not 0 <= value <= 100:
                raise InputError(
                    t("planning.err_between", field=_label(key), value=F.short(getattr(self, key)), low=0, high=100)
                )
            self._set(key, value)
        for pair in (("profit_weight", "strategic_weight"), ("effort_weight", "risk_weight")):
            if getattr(self, pair[0]) + getattr(self, pair[1]) <= 0:
                raise InputError(t("planning.err_weights_zero", first=_label(pair[0]), second=_label(pair[1])))
        for key in ("value_cut", "cost_cut"):
            value = F.number(getattr(self, key), _label(key))
            if value is None or not 1 <= value <= 5:
                raise InputError(
                    t("planning.err_between", field=_label(key), value=F.short(getattr(self, key)), low=1, high=5)
                )
            self._set(key, value)


@dataclass(frozen=True)
class Stakeholder(Part):
    """A person on the customer's side and how we cover them."""

    name: str = ""
    title: str = ""
    role: str = "user"
    attitude: str = "unknown"
    influence: str = "medium"
    reports_to: str | None = None
    covered_by: str | None = None
    frequency: str | None = None
    notes: str = ""
    _part = "stakeholders"

    def __post_init__(self) -> None:
        person = F.name(self.name, _label("name"))
        if not person:
            raise InputError(t("planning.err_required", field=_label("name")))
        self._set("name", person)
        self._set("title", F.name(self.title, _label("title")))
        self._set("role", F.choice(self.role, _label("role"), ROLES))
        self._set("attitude", F.choice(self.attitude, _label("attitude"), ATTITUDES))
        self._set("influence", F.choice(self.influence, _label("influence"), INFLUENCE))
        for key in ("reports_to", "covered_by", "frequency"):
            self._set(key, F.optional_name(getattr(self, key), _label(key)))
        self._set("notes", F.text(self.notes, _label("notes")))


@dataclass(frozen=True)
class Action(Part):
    """One action of the plan: contractual or relational, with owner, due date and status."""

    what: str = ""
    kind: str = "relational"
    owner: str = ""
    due: _dt.date | None = None
    status: str = "planned"
    objective: str = ""
    _part = "actions"

    def __post_init__(self) -> None:
        self._set("what", F.text(self.what, _label("action_what")))
        self._set("kind", F.choice(self.kind, _label("kind"), ACTION_KINDS))
        self._set("owner", F.name(self.owner, _label("owner")))
        self._set("due", F.optional_date(self.due, _label("due")))
        self._set("status", F.choice(self.status, _label("status"), STATUSES))
        self._set("objective", F.name(self.objective, _label("objective")))


@dataclass(frozen=True)
class Review(Part):
    """When the plan is reviewed and its actions tracked."""

    plan_review: str = "not set"
    tracking: str = "not set"
    next_review: _dt.date | None = None
    last_review: _dt.date | None = None
    _part = "review"

    def __post_init__(self) -> None:
        self._set("plan_review", F.choice(self.plan_review, _label("plan_review"), PLAN_REVIEWS))
        self._set("tracking", F.choice(self.tracking, _label("tracking"), TRACKING))
        self._set("next_review", F.optional_date(self.next_review, _label("next_review")))
        self._set("last_review", F.optional_date(self.last_review, _label("last_review")))
