"""The key account plan as data: :class:`Plan`, built from its validated parts.

Taught in notebooks/08_key_account_plan.ipynb (the parts are introduced in lessons 06 and
07). A plan holds the key account database's four parts, Capon's account analysis, the
portfolio position and relationship stage with where each figure came from, the named
uncertainties and the strategy written as conditional plans, measurable objectives, rated
opportunities and the rule that ranks them, the stakeholder map, the action plan, the review
cadence and the plan team (:mod:`kamcourse.planning.parts`).

Building a plan checks every field: a wrong value raises :class:`~kamcourse.errors.InputError`
naming the part, the row and the field. :meth:`Plan.to_dict` and :meth:`Plan.from_dict` are a
JSON round trip (dates as ISO text).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..content import t
from ..errors import InputError
from . import _fields as F
from ._base import FORMAT, VERSION, Part
from ._base import label as _label
from ._base import rows as _rows
from ._base import unique as _unique
from .parts import (
    Action,
    Analysis,
    Objective,
    Opportunity,
    Position,
    PriorityRule,
    Profile,
    Review,
    Stakeholder,
    Strategy,
    Team,
    Uncertainty,
)

__all__ = ["Plan"]


@dataclass(frozen=True)
class Plan(Part):
    """A key account plan (see the module docstring for its parts)."""

    account: str = ""
    supplier: str = ""
    prepared: _dt.date = _dt.date(2026, 11, 30)
    horizon_years: int = 3
    team: Team = field(default_factory=Team)
    profile: Profile = field(default_factory=Profile)
    analysis: Analysis = field(default_factory=Analysis)
    position: Position = field(default_factory=Position)
    uncertainties: tuple[Uncertainty, ...] = ()
    strategy: Strategy = field(default_factory=Strategy)
    objectives: tuple[Objective, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    priority_rule: PriorityRule = field(default_factory=PriorityRule)
    stakeholders: tuple[Stakeholder, ...] = ()
    actions: tuple[Action, ...] = ()
    review: Review = field(default_factory=Review)
    _part = "plan"

    def __post_init__(self) -> None:
        account = F.name(self.account, _label("account"))
        if not account:
            raise InputError(t("planning.err_required", field=_label("account")))
        self._set("account", account)
        self._set("supplier", F.name(self.supplier, _label("supplier")))
        self._set("prepared", F.date(self.prepared, _label("prepared")))
        years = F.number(self.horizon_years, _label("horizon_years"))
        if years is None or not years.is_integer() or not 1 <= years <= 10:
            raise InputError(
                t(
                    "planning.err_between",
                    field=_label("horizon_years"),
                    value=F.short(self.horizon_years),
                    low=1,
                    high=10,
                )
            )
        self._set("horizon_years", int(years))
        for key, cls in (
            ("team", Team),
            ("profile", Profile),
            ("analysis", Analysis),
            ("position", Position),
            ("strategy", Strategy),
            ("priority_rule", PriorityRule),
            ("review", Review),
        ):
            self._set(key, cls.from_dict(getattr(self, key)))
        for key, row_cls in (
            ("uncertainties", Uncertainty),
            ("objectives", Objective),
            ("opportunities", Opportunity),
            ("stakeholders", Stakeholder),
            ("actions", Action),
        ):
            self._set(key, _rows(getattr(self, key), row_cls, key))
        _unique(self.uncertainties, "id", "uncertainties")
        _unique(self.objectives, "id", "objectives")
        _unique(self.opportunities, "id", "opportunities")
        _unique(self.stakeholders, "name", "stakeholders")
        if any(not o.id for o in self.objectives):  # number objectives so actions can name them
            self._set("objectives", _numbered(self.objectives))

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON data, with a format marker and version."""
        return {"format": FORMAT, "version": VERSION, **super().to_dict()}

    @classmethod
    def from_dict(cls, data: Any) -> Plan:
        """Build a plan from :meth:`to_dict` output; refuses another format or version."""
        if isinstance(data, Plan):
            return data
        if isinstance(data, Mapping) and ("format" in data or "version" in data):
            if data.get("format") != FORMAT or data.get("version") != VERSION:
                raise InputError(
                    t(
                        "planning.err_format",
                        format=F.short(data.get("format")),
                        version=F.short(data.get("version")),
                        expected=f"{FORMAT} {VERSION}",
                    )
                )
            data = {k: v for k, v in data.items() if k not in ("format", "version")}
        return super().from_dict(data)

    def replace(self, **changes: Any) -> Plan:
        """A copy with ``changes`` (each validated, like a new plan)."""
        return Plan.from_dict({**{f.name: getattr(self, f.name) for f in dataclasses.fields(self)}, **changes})

    @property
    def end(self) -> _dt.date:
        """The last day the plan covers (prepared + horizon)."""
        try:
            return self.prepared.replace(year=self.prepared.year + self.horizon_years)
        except ValueError:  # 29 February
            return self.prepared.replace(year=self.prepared.year + self.horizon_years, day=28)


def _numbered(objectives: tuple[Objective, ...]) -> tuple[Objective, ...]:
    """Give every objective without an id the next free "O<n>"."""
    used = {o.id.casefold() for o in objectives if o.id}
    out = []
    number = 0
    for objective in objectives:
        if not objective.id:
            number += 1
            while f"o{number}" in used:
                number += 1
            used.add(f"o{number}")
            objective = dataclasses.replace(objective, id=f"O{number}")
        out.append(objective)
    return tuple(out)
