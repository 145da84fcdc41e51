"""Widgets of selecting key accounts: ratings grid, weights editor, sensitivity, team calibration.

* :mod:`.weights` -- :func:`weights_editor`: one slider per criterion, the total in words, a
  "Rescale to 100" button; when the weights sum to 100, the ranking and the stacked score chart
  redraw (plain functions: :func:`kamcourse.selection.weighted_scores`,
  :func:`kamcourse.plots.selection.scores_chart`);
* :mod:`.ratings` -- :func:`ratings_grid`: accounts x criteria, 0-10; a bad value is refused with
  a message naming the account and the criterion;
* :mod:`.sensitivity` -- :func:`sensitivity_view`: one criterion's weight on a slider: the ranking
  and the pairs of accounts that swap (:func:`kamcourse.selection.crossovers`);
* :mod:`.calibration` -- :func:`calibration_view`: several raters' ratings (the case team's or
  pasted): mean, spread, where they disagree most (:func:`kamcourse.selection.calibrate`);
* :mod:`.exercises` -- the exercise widgets of kinds ``selection.weights`` and
  ``selection.ranking``, registered when this package is imported (exercise ids and workbook
  state keys keep their ``sel.`` prefix, so saved workbooks load).

Every input a person changes is saved to the workbook (``Workbook.set_state``) and restored
when the widget is built again; building a widget writes nothing. ``demo=True`` builds a
demonstration copy bound to a throwaway workbook (:func:`kamcourse.widgets._common.bound_workbook`):
it starts from the case values and never touches what the learner saved, so a notebook cell can
drive it from code. Every weights editor follows the one weight-total rule of
:func:`kamcourse.selection.weight_total`.

Taught in notebooks/03_selecting_key_accounts.ipynb.
"""

from __future__ import annotations

from . import exercises as exercises  # registers the exercise kinds selection.*
from ._tables import STATE_CALIBRATION, STATE_RATINGS, STATE_SENSITIVITY, STATE_WEIGHTS
from ._tables import _ranking_frame as _ranking_frame  # read by tests
from ._tables import _table as _table  # read by tests
from .calibration import CalibrationView, calibration_view, team_ratings
from .exercises import RankingExercise, WeightsExercise
from .ratings import RatingsGrid, ratings_grid
from .sensitivity import SensitivityView, sensitivity_view
from .weights import WeightsEditor, weights_editor

__all__ = [
    "WeightsEditor",
    "RatingsGrid",
    "SensitivityView",
    "CalibrationView",
    "weights_editor",
    "ratings_grid",
    "sensitivity_view",
    "calibration_view",
    "WeightsExercise",
    "RankingExercise",
    "team_ratings",
    "STATE_WEIGHTS",
    "STATE_RATINGS",
    "STATE_SENSITIVITY",
    "STATE_CALIBRATION",
]
