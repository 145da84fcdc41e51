"""Selecting key accounts: attractiveness scores, the weight total, sensitivity, team calibration.

Taught in notebooks/03_selecting_key_accounts.ipynb.

One idea per module; everything is importable from ``kamcourse.selection``:

* :mod:`.scoring` -- weights (summing to 100) and ratings (0-10) checked; :func:`weighted_scores`
  and :func:`contributions`;
* :mod:`.weights` -- the weight total and how every weights editor reacts to a total that is
  not 100 (:func:`weight_total`), :func:`rescale_to_100`, :func:`rescaled_weights`;
* :mod:`.sensitivity` -- :func:`sensitivity`, :func:`sensitivity_scores`, :func:`crossovers`;
* :mod:`.calibration` -- :func:`calibrate` several raters, :func:`read_team_ratings` as pasted;
* :mod:`.case` -- the case (:func:`case_portfolio`), :func:`dhl_example`, :func:`criteria_table`,
  :func:`case_team_ratings`.

Relative strength (lesson 04) is in :mod:`kamcourse.portfolio`.
"""

from __future__ import annotations

from .calibration import Calibration, calibrate, read_team_ratings
from .case import CasePortfolio, case_portfolio, case_team_ratings, criteria_families, criteria_table, dhl_example
from .scoring import (
    RATING_MAX,
    SCORE_MAX,
    WEIGHT_TOLERANCE,
    WEIGHT_TOTAL,
    CheckedRatings,
    check_ratings,
    contributions,
    validate_ratings,
    validate_weights,
    weighted_scores,
)
from .sensitivity import crossovers, sensitivity, sensitivity_scores
from .weights import WeightTotal, rescale_to_100, rescaled_weights, weight_total

__all__ = [
    "SCORE_MAX",
    "RATING_MAX",
    "WEIGHT_TOTAL",
    "WEIGHT_TOLERANCE",
    "validate_weights",
    "validate_ratings",
    "weighted_scores",
    "contributions",
    "CheckedRatings",
    "check_ratings",
    "WeightTotal",
    "weight_total",
    "rescaled_weights",
    "rescale_to_100",
    "sensitivity",
    "sensitivity_scores",
    "crossovers",
    "Calibration",
    "calibrate",
    "read_team_ratings",
    "dhl_example",
    "criteria_families",
    "criteria_table",
    "case_team_ratings",
    "CasePortfolio",
    "case_portfolio",
]
