"""Organising a company for key account management (lesson 09).

Taught in notebooks/09_organising_for_kam.ipynb. One topic in two modules, re-exported here so
that a notebook writes ``kam.organising.congruence(...)``:

* :mod:`.diagnostics` -- the roles at each level, Capon's congruence model and Faucher's six
  success factors of account planning, as diagnostics;
* :mod:`.reward` -- rewarding key account managers: the pay mix (base, commission, bonus) and the
  balanced scorecard whose metrics must be aligned, controllable, trackable and focused.
"""

from __future__ import annotations

from .diagnostics import (
    Congruence,
    FactorAssessment,
    case_congruence,
    case_success_factors,
    congruence,
    congruence_statements,
    elements,
    factors,
    rating,
    roles,
    scale_labels,
    success_factors,
)
from .reward import (
    Criterion,
    MetricAssessment,
    RewardMix,
    ScorecardAssessment,
    assess_metric,
    assess_scorecard,
    case_reward,
    example_scorecard,
    perspectives,
    reward_measures,
    reward_mix,
    shares_total,
)

__all__ = [
    "Congruence",
    "Criterion",
    "FactorAssessment",
    "MetricAssessment",
    "RewardMix",
    "ScorecardAssessment",
    "assess_metric",
    "assess_scorecard",
    "case_congruence",
    "case_reward",
    "case_success_factors",
    "congruence",
    "congruence_statements",
    "elements",
    "example_scorecard",
    "factors",
    "perspectives",
    "rating",
    "reward_measures",
    "reward_mix",
    "roles",
    "scale_labels",
    "shares_total",
    "success_factors",
]
