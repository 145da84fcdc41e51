"""Attractiveness scores: criterion weights, ratings 0-10, and the weighted sum.

Taught in notebooks/03_selecting_key_accounts.ipynb.

The conventions are the course brief's: criteria carry weights that sum to 100; each account
is rated 0-10 on each criterion; the score is the sum of weight x rating, from 0 to 1000
(Woodburn's DHL example gives 520 and 655, see :func:`kamcourse.selection.dhl_example`).

Every function is pure: it validates its inputs and raises
:class:`~kamcourse.errors.InputError` with a message naming the criterion, the account and the
value at fault. Validation is vectorised (NumPy min/max over the whole table), so a widget can
call :func:`weighted_scores` on every slider move. Nothing is cached between calls.
The checks shared by the other modules of :mod:`kamcourse.selection` and
:mod:`kamcourse.portfolio` (:func:`clean_name`, :func:`ratings_matrix`,
:func:`check_label_column`) are public for them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .._values import floats, short_repr, to_float
from ..content import t
from ..errors import InputError

__all__ = [
    "SCORE_MAX", "RATING_MAX", "WEIGHT_TOTAL", "WEIGHT_TOLERANCE", "WeightsLike", "validate_weights",
    "validate_ratings", "weighted_scores", "contributions", "clean_name", "ratings_matrix", "check_label_column",
]

RATING_MAX = 10.0
WEIGHT_TOTAL = 100.0
SCORE_MAX = RATING_MAX * WEIGHT_TOTAL
WEIGHT_TOLERANCE = 1e-9

WeightsLike = Mapping[Any, Any] | pd.Series


# --------------------------------------------------------------------------- weights
def clean_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InputError(t("selection.criterion_name", name=name))
    return name.strip()


def validate_weights(weights: WeightsLike) -> pd.Series:
    """Check criterion weights and return them as a float Series named ``"weight"``.

    Parameters
    ----------
    weights:
        Mapping (dict or Series) of criterion name to weight. Names are stripped of
        surrounding spaces.

    Raises
    ------
    InputError
        A name that is not non-empty text or appears twice; a weight that is not a
        number (text, ``True``/``False``), not finite or negative; weights whose sum is
        not 100 (tolerance 1e-9, so 99.999999 is rejected).
    """
    if isinstance(weights, pd.Series):
        items = list(weights.items())
    elif isinstance(weights, Mapping):
        items = list(weights.items())
    else:
        raise InputError(t("selection.weights_type", type=type(weights).__name__))
    if not items:
        raise InputError(t("selection.weights_empty"))
    names: list[str] = []
    values: list[float] = []
    for raw_name, raw in items:
        name = clean_name(raw_name)
        if name in names:
            raise InputError(t("selection.criterion_duplicate", name=name, where="weights"))
        value = to_float(raw)
        if value is None:
            raise InputError(t("selection.weight_not_number", criterion=name, value=raw))
        if not math.isfinite(value):
            raise InputError(t("selection.weight_not_finite", criterion=name, value=raw))
        if value < 0:
            raise InputError(t("selection.weight_negative", criterion=name, value=f"{value:g}"))
        names.append(name)
        values.append(value + 0.0)  # -0.0 becomes 0.0
    total = math.fsum(values)
    if abs(total - WEIGHT_TOTAL) > WEIGHT_TOLERANCE:
        detail = ", ".join(f"{n} {v:g}" for n, v in zip(names, values, strict=True))
        raise InputError(t("selection.weights_sum", total=f"{total:.12g}", detail=detail))
    return pd.Series(values, index=pd.Index(names, name="criterion"), name="weight", dtype=float)


# --------------------------------------------------------------------------- names


def check_names(index: pd.Index, what: str) -> None:
    """Account (or supplier) names: text, non-empty and unique after stripping spaces."""
    if index.inferred_type != "string":
        for row, name in enumerate(index, start=1):
            if not isinstance(name, str):
                raise InputError(t("selection.name_not_text", what=what, name=name, row=row))
    stripped = pd.Index(index.str.strip())
    empty = np.flatnonzero(stripped.str.len().to_numpy() == 0)
    if empty.size:
        raise InputError(t("selection.name_empty", what=what, row=int(empty[0]) + 1))
    if not stripped.is_unique:
        dup_mask = stripped.duplicated(keep=False)
        first = stripped[dup_mask][0]
        rows = (np.flatnonzero(stripped == first) + 1).tolist()
        raise InputError(
            t("selection.name_duplicate", what=what, name=first, rows=", ".join(map(str, rows)))
        )


def check_label_column(frame: pd.DataFrame, column: str, what: str) -> None:
    """A column of names in a long table: non-empty text in every row (header = row 1).

    A row without a name would otherwise be dropped by ``groupby`` and change the result of
    another account without a word.
    """
    for row, name in enumerate(frame[column].tolist(), start=2):
        missing = name is None or (isinstance(name, float) and math.isnan(name))
        if not isinstance(name, str) and not missing:
            raise InputError(t("selection.label_not_text", what=what, column=column, row=row, name=name))
        if missing or not name.strip():
            raise InputError(t("selection.label_empty", what=what, column=column, row=row))


# --------------------------------------------------------------------------- ratings
def _first_bad_object(column: pd.Series) -> tuple[Any, Any] | None:
    _, bad = floats(column)
    if bad is None:
        return None
    return column.index[bad], column.iloc[bad]


def ratings_matrix(
    weights: pd.Series, ratings: pd.DataFrame, what: str
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Validate ``ratings`` against validated ``weights``.

    Returns the ratings as a float array in the table's own column order (no copy when
    the table is one float block), the weights aligned to that order, and the stripped
    column names.
    """
    if not isinstance(ratings, pd.DataFrame):
        raise InputError(t("selection.ratings_type", what=what, type=type(ratings).__name__))
    if len(ratings.index) == 0:
        raise InputError(t("selection.ratings_empty", what=what))
    columns: list[str] = []
    for col in ratings.columns:
        name = clean_name(col)
        if name in columns:
            raise InputError(t("selection.criterion_duplicate", name=name, where="ratings table"))
        columns.append(name)
    known = set(weights.index)
    for name in columns:
        if name not in known:
            raise InputError(
                t("selection.criterion_unknown", criterion=name, allowed=", ".join(weights.index))
            )
    if len(columns) != len(known):
        missing = [c for c in weights.index if c not in set(columns)]
        raise InputError(
            t("selection.criterion_unrated", criterion=missing[0], found=", ".join(columns) or "none")
        )
    check_names(ratings.index, what)
    extension = False
    for pos, dtype in enumerate(ratings.dtypes):
        kind = getattr(dtype, "kind", "O")
        if kind in "fiu":
            extension = extension or not isinstance(dtype, np.dtype)
            continue
        column = ratings.iloc[:, pos]
        if kind == "b":
            raise InputError(
                t(
                    "selection.rating_not_number",
                    what=what,
                    account=column.index[0],
                    criterion=columns[pos],
                    value=column.iloc[0],
                )
            )
        bad = _first_bad_object(column)
        if bad is not None:
            raise InputError(
                t(
                    "selection.rating_not_number",
                    what=what,
                    account=bad[0],
                    criterion=columns[pos],
                    value=bad[1],
                )
            )
        extension = True
    if extension:  # object columns one value at a time: 10**400 must not raise OverflowError
        arr = np.column_stack([
            floats(column)[0] if column.dtype == object else column.to_numpy(dtype=float, na_value=np.nan)
            for column in (ratings.iloc[:, pos] for pos in range(ratings.shape[1]))
        ])
    else:
        arr = ratings.to_numpy(dtype=float, copy=False)
    low = arr.min()
    high = arr.max()
    if not (low >= 0.0 and high <= RATING_MAX):  # also catches NaN and the infinities of overflowing numbers
        with np.errstate(invalid="ignore"):
            bad_cells = np.argwhere(~((arr >= 0.0) & (arr <= RATING_MAX)))
        row, col_at = (int(v) for v in bad_cells[0])
        value = float(arr[row, col_at])
        key = "selection.rating_missing" if math.isnan(value) else "selection.rating_range"
        shown = f"{value:g}" if math.isfinite(value) else short_repr(ratings.iloc[row, col_at])
        raise InputError(t(key, what=what, account=ratings.index[row], criterion=columns[col_at], value=shown))
    aligned = weights.reindex(columns).to_numpy()
    return arr, aligned, columns


def validate_ratings(weights: WeightsLike, ratings: pd.DataFrame, *, what: str = "account") -> None:
    """Check ``weights`` and ``ratings`` together; raise :class:`InputError` or return None.

    Rules: one row per account (index = account name: text, non-empty, unique after
    stripping spaces); one column per weighted criterion, no unweighted column; every
    rating a number (not text, not bool, not missing) from 0 to 10 inclusive.
    """
    ratings_matrix(validate_weights(weights), ratings, what)


def weighted_scores(weights: WeightsLike, ratings: pd.DataFrame) -> pd.Series:
    """Attractiveness score of each account: the sum over criteria of weight x rating.

    Taught in ``notebooks/03_selecting_key_accounts.ipynb``.

    Parameters
    ----------
    weights:
        Criterion -> weight (dict or Series); non-negative finite numbers summing to 100.
    ratings:
        DataFrame with one row per account (index = account name) and one column per
        criterion, ratings from 0 to 10.

    Returns
    -------
    pandas.Series
        Scores from 0 to 1000, indexed like ``ratings``, named ``"score"``.

    Raises
    ------
    InputError
        See :func:`validate_weights` and :func:`validate_ratings`; the message names the
        criterion, the account and the value.
    """
    w = validate_weights(weights)
    arr, aligned, _ = ratings_matrix(w, ratings, "account")
    return pd.Series(arr @ aligned, index=ratings.index, name="score")


def contributions(weights: WeightsLike, ratings: pd.DataFrame) -> pd.DataFrame:
    """Each criterion's contribution (weight x rating) to each account's score.

    Columns follow the order of ``weights``; each row sums to the account's score
    (:func:`weighted_scores`). Used by the stacked bar chart
    (:func:`kamcourse.plots.selection.scores_chart`) in
    ``notebooks/03_selecting_key_accounts.ipynb``. Raises :class:`InputError` like
    :func:`weighted_scores`.
    """
    w = validate_weights(weights)
    arr, aligned, columns = ratings_matrix(w, ratings, "account")
    frame = pd.DataFrame(arr * aligned, index=ratings.index, columns=pd.Index(columns, name="criterion"))
    return frame[list(w.index)]
