"""Sensitivity of a ranking to one weight: ranks and scores as it moves, and where accounts swap.

Taught in notebooks/03_selecting_key_accounts.ipynb.

With the other weights rescaled proportionally (:func:`kamcourse.selection.rescaled_weights`),
each account's score is linear in the weight of the criterion that moves, so two accounts swap
places at most once (:func:`crossovers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..content import t
from ..errors import InputError
from ..values import to_float
from .scoring import WEIGHT_TOTAL, WeightsLike, ratings_matrix, validate_weights
from .weights import criterion_of, weight_value

__all__ = ["sensitivity", "sensitivity_scores", "crossovers"]


def _sensitivity_parts(w: pd.Series, ratings: pd.DataFrame, criterion: str) -> tuple[np.ndarray, np.ndarray]:
    """Score(v) = v * a + (100 - v) * b for each account: returns (a, b)."""
    arr, aligned, columns = ratings_matrix(w, ratings, "account")
    pos = columns.index(criterion)
    a = arr[:, pos].copy()
    others = aligned.copy()
    others[pos] = 0.0
    rest = others.sum()
    if rest > 0:
        shares = others / rest
    else:
        shares = np.where(np.arange(len(others)) == pos, 0.0, 1.0 / max(len(others) - 1, 1))
    b = arr @ shares
    return a, b


def sensitivity(
    weights: WeightsLike,
    ratings: pd.DataFrame,
    criterion: str,
    values: Iterable[float] | None = None,
) -> pd.DataFrame:
    """Ranking of the accounts as the weight of one criterion moves over ``values``.

    For each value the weight of ``criterion`` is set to it and the other weights are rescaled proportionally to
    keep the sum at 100 (see :func:`rescaled_weights`).

    Parameters
    ----------
    values:
        Weights to try for ``criterion`` (0-100); default 0, 5, ..., 100.

    Returns
    -------
    pandas.DataFrame
        Index = the weight values (``"weight"``), columns = accounts, cells = rank
        (1 = most attractive; ties share the best rank). The scores themselves come
        from :func:`sensitivity_scores`.

    Raises
    ------
    InputError
        Invalid weights or ratings, unknown criterion, no values, or a value outside 0-100.
    """
    scores = sensitivity_scores(weights, ratings, criterion, values)
    return scores.rank(axis=1, ascending=False, method="min").astype(int)


def sensitivity_scores(
    weights: WeightsLike,
    ratings: pd.DataFrame,
    criterion: str,
    values: Iterable[float] | None = None,
) -> pd.DataFrame:
    """Scores of the accounts (columns) for each weight value of ``criterion`` (rows).

    Same parameters and errors as :func:`sensitivity`.
    """
    w = validate_weights(weights)
    name = criterion_of(w, criterion)
    if values is not None and (isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable)):
        raise InputError(t("selection.sensitivity_value", criterion=name, value=values))
    grid = np.arange(0.0, 101.0, 5.0) if values is None else [weight_value(name, v) for v in values]
    if len(grid) == 0:
        raise InputError(t("selection.sensitivity_values_empty", criterion=name))
    grid_arr = np.asarray(grid, dtype=float)
    a, b = _sensitivity_parts(w, ratings, name)
    scores = np.outer(grid_arr, a) + np.outer(WEIGHT_TOTAL - grid_arr, b)
    return pd.DataFrame(scores, index=pd.Index(grid_arr, name="weight"), columns=ratings.index)


def crossovers(
    weights: WeightsLike,
    ratings: pd.DataFrame,
    criterion: str,
    *,
    low: float = 0.0,
    high: float = 100.0,
) -> pd.DataFrame:
    """The weights of ``criterion`` at which two accounts swap places in the ranking.

    With the other weights rescaled proportionally, each score is linear in the weight
    ``v`` of ``criterion``, so two accounts swap at most once. Returns one row per pair
    of accounts that swap strictly between ``low`` and ``high``, sorted by weight, with
    columns ``weight`` (the crossover), ``above`` (the account ranked higher once the
    weight passes the crossover) and ``below``.

    Raises :class:`InputError` for invalid weights or ratings, an unknown criterion or
    a range that is not ``0 <= low < high <= 100``.
    """
    w = validate_weights(weights)
    name = criterion_of(w, criterion)
    lo, hi = to_float(low), to_float(high)
    if lo is None or hi is None or not (0.0 <= lo < hi <= WEIGHT_TOTAL):
        raise InputError(t("selection.sensitivity_range", criterion=name, low=low, high=high))
    a, b = _sensitivity_parts(w, ratings, name)
    # score_i(v) - score_j(v) = v (a_i - a_j - b_i + b_j) + 100 (b_i - b_j)
    i, j = np.triu_indices(len(a), k=1)
    slope = (a[i] - a[j]) - (b[i] - b[j])
    offset = WEIGHT_TOTAL * (b[i] - b[j])
    with np.errstate(divide="ignore", invalid="ignore"):
        v = -offset / slope
    keep = (slope != 0) & (v > lo) & (v < hi)
    i, j, v, slope = i[keep], j[keep], v[keep], slope[keep]
    names = np.asarray(ratings.index, dtype=object)
    above = np.where(slope > 0, names[i], names[j])
    below = np.where(slope > 0, names[j], names[i])
    out = pd.DataFrame({"weight": v, "above": above, "below": below})
    return out.sort_values(["weight", "above", "below"], kind="stable").reset_index(drop=True)
