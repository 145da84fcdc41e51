"""Attractiveness scores: criterion weights, ratings 0-10, and the weighted sum.

Taught in notebooks/03_selecting_key_accounts.ipynb.

The conventions are the course brief's: criteria carry weights that sum to 100; each account
is rated 0-10 on each criterion; the score is the sum of weight x rating, from 0 to 1000
(Woodburn's DHL example gives 520 and 655, see :func:`kamcourse.selection.dhl_example`).

Every function is pure: it validates its inputs and raises
:class:`~kamcourse.errors.InputError` with a message naming the criterion, the account and the
value at fault. Validation is vectorised (NumPy min/max over the whole table, pandas' hash table
for the names), so a widget can call :func:`weighted_scores` on every slider move. Nothing is
cached between calls; a table scored many times can be checked once with :func:`check_ratings`
(a :class:`CheckedRatings` value, no hidden state).
The checks shared by the other modules of :mod:`kamcourse.selection` and
:mod:`kamcourse.portfolio` (:func:`clean_name`, :func:`ratings_matrix`,
:func:`check_label_column`) are public for them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..content import t
from ..errors import InputError
from ..values import floats, short_repr, to_float

__all__ = [
    "SCORE_MAX",
    "RATING_MAX",
    "WEIGHT_TOTAL",
    "WEIGHT_TOLERANCE",
    "WeightsLike",
    "validate_weights",
    "validate_ratings",
    "weighted_scores",
    "contributions",
    "clean_name",
    "ratings_matrix",
    "check_label_column",
    "check_names",
    "CheckedRatings",
    "check_ratings",
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
    """Account (or supplier) names: text, non-empty and unique after stripping spaces.

    Vectorised for a million names (``bench/bench_selection.py``): the type is pandas'
    inferred type (one pass in C; a missing name in a ``str`` column is seen too), only the
    names with a space at either end are stripped, and uniqueness is pandas' hash table
    (``Index.is_unique``). The row-by-row walks run only to name the first bad name.
    """
    if index.inferred_type != "string" or index.hasnans:
        for row, name in enumerate(index, start=1):
            if not isinstance(name, str):
                raise InputError(t("selection.name_not_text", what=what, name=name, row=row))
    names: list[str] = index.tolist()
    padded = _padded(names)
    stripped = index
    if padded:
        for i in padded:
            names[i] = names[i].strip()
            if not names[i]:
                raise InputError(t("selection.name_empty", what=what, row=i + 1))
        stripped = pd.Index(names, dtype=object)
    if not stripped.is_unique:
        dup_mask = stripped.duplicated(keep=False)
        first = stripped[dup_mask][0]
        rows = (np.flatnonzero(stripped == first) + 1).tolist()
        raise InputError(t("selection.name_duplicate", what=what, name=first, rows=", ".join(map(str, rows))))


#: Every character ``str.strip()`` removes (``str.isspace``) but the plain space, mapped to a space
#: (listed, not computed at import; ``tests/test_selection_names.py`` checks the list is complete).
_SPACES = dict.fromkeys(
    [
        *range(0x09, 0x0E),
        *range(0x1C, 0x20),
        0x85,
        0xA0,
        0x1680,
        *range(0x2000, 0x200B),
        0x2028,
        0x2029,
        0x202F,
        0x205F,
        0x3000,
    ],
    " ",
)


def _padded(names: list[str]) -> list[int]:
    """Positions of the names that are empty or have a space (any ``str.isspace`` character) at
    either end. The names are joined with NUL and searched in C, a million in some 20 ms; the
    name-by-name walk runs when a name holds a NUL or something was found (to say where)."""
    joined = "\0".join(names)
    if joined.count("\0") == len(names) - 1:
        spaced = joined.translate(_SPACES)
        if not (
            spaced.startswith((" ", "\0"))
            or spaced.endswith((" ", "\0"))
            or "\0 " in spaced
            or " \0" in spaced
            or "\0\0" in spaced
            or not joined
        ):
            return []
    return [i for i, name in enumerate(names) if not name or name[0].isspace() or name[-1].isspace()]


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


def _criteria(ratings: pd.DataFrame, what: str) -> list[str]:
    """The table's column names, stripped: text, non-empty, each once."""
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
    return columns


def _aligned_weights(weights: pd.Series, columns: list[str]) -> np.ndarray:
    """The weights in the table's column order; every column weighted, every weight rated."""
    known = set(weights.index)
    for name in columns:
        if name not in known:
            raise InputError(t("selection.criterion_unknown", criterion=name, allowed=", ".join(weights.index)))
    if len(columns) != len(known):
        missing = [c for c in weights.index if c not in set(columns)]
        raise InputError(t("selection.criterion_unrated", criterion=missing[0], found=", ".join(columns) or "none"))
    return weights.reindex(columns).to_numpy()


def _rating_values(ratings: pd.DataFrame, columns: list[str], what: str) -> np.ndarray:
    """The ratings as floats (no copy when the table is one float block), each a number 0-10."""
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
        arr = np.column_stack(
            [
                floats(column)[0] if column.dtype == object else column.to_numpy(dtype=float, na_value=np.nan)
                for column in (ratings.iloc[:, pos] for pos in range(ratings.shape[1]))
            ]
        )
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
    return arr


def ratings_matrix(weights: pd.Series, ratings: pd.DataFrame, what: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Validate ``ratings`` against validated ``weights``.

    Returns the ratings as a float array in the table's own column order (no copy when
    the table is one float block), the weights aligned to that order, and the stripped
    column names.
    """
    columns = _criteria(ratings, what)
    aligned = _aligned_weights(weights, columns)
    check_names(ratings.index, what)
    return _rating_values(ratings, columns, what), aligned, columns


@dataclass(frozen=True, eq=False)
class CheckedRatings:
    """A ratings table checked once, to be scored many times: what :func:`check_ratings` returns.

    The account names (text, non-empty, unique after stripping spaces), the criteria and every
    rating (a number 0-10) were checked when it was made; :func:`weighted_scores` and
    :func:`contributions` given a ``CheckedRatings`` check only the weights. It holds its own
    read-only copy of the ratings, so they cannot change after the check.
    """

    frame: pd.DataFrame
    values: np.ndarray
    criteria: tuple[str, ...]
    what: str = "account"

    @property
    def index(self) -> pd.Index:
        """The account names."""
        return self.frame.index


def check_ratings(ratings: pd.DataFrame, *, what: str = "account") -> CheckedRatings:
    """Check a ratings table once (names, criteria, every rating; as :func:`validate_ratings`
    does, less the match with the weights, which is checked at each scoring) and keep it for
    scoring again and again: a big account list loaded once, scored at every move of a slider.
    Raises :class:`InputError` with the same messages as :func:`weighted_scores`."""
    columns = _criteria(ratings, what)
    check_names(ratings.index, what)
    values = np.array(_rating_values(ratings, columns, what), dtype=float)  # our own copy
    values.setflags(write=False)
    frame = pd.DataFrame(values, index=ratings.index, columns=pd.Index(columns, name=ratings.columns.name))
    return CheckedRatings(frame=frame, values=values, criteria=tuple(columns), what=what)


def _scoring_input(
    weights: WeightsLike, ratings: pd.DataFrame | CheckedRatings
) -> tuple[pd.Series, np.ndarray, np.ndarray, list[str]]:
    w = validate_weights(weights)
    if isinstance(ratings, CheckedRatings):
        columns = list(ratings.criteria)
        return w, ratings.values, _aligned_weights(w, columns), columns
    arr, aligned, columns = ratings_matrix(w, ratings, "account")
    return w, arr, aligned, columns


def validate_ratings(weights: WeightsLike, ratings: pd.DataFrame, *, what: str = "account") -> None:
    """Check ``weights`` and ``ratings`` together; raise :class:`InputError` or return None.

    Rules: one row per account (index = account name: text, non-empty, unique after
    stripping spaces); one column per weighted criterion, no unweighted column; every
    rating a number (not text, not bool, not missing) from 0 to 10 inclusive.
    """
    ratings_matrix(validate_weights(weights), ratings, what)


def weighted_scores(weights: WeightsLike, ratings: pd.DataFrame | CheckedRatings) -> pd.Series:
    """Attractiveness score of each account: the sum over criteria of weight x rating.

    Taught in ``notebooks/03_selecting_key_accounts.ipynb``.

    Parameters
    ----------
    weights:
        Criterion -> weight (dict or Series); non-negative finite numbers summing to 100.
    ratings:
        DataFrame with one row per account (index = account name) and one column per
        criterion, ratings from 0 to 10; or the same checked once by :func:`check_ratings`
        (then only the weights are checked here).

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
    _, arr, aligned, _ = _scoring_input(weights, ratings)
    return pd.Series(arr @ aligned, index=ratings.index, name="score")


def contributions(weights: WeightsLike, ratings: pd.DataFrame | CheckedRatings) -> pd.DataFrame:
    """Each criterion's contribution (weight x rating) to each account's score.

    Columns follow the order of ``weights``; each row sums to the account's score
    (:func:`weighted_scores`). Used by the stacked bar chart
    (:func:`kamcourse.plots.selection.scores_chart`) in
    ``notebooks/03_selecting_key_accounts.ipynb``. Raises :class:`InputError` like
    :func:`weighted_scores`.
    """
    w, arr, aligned, columns = _scoring_input(weights, ratings)
    frame = pd.DataFrame(arr * aligned, index=ratings.index, columns=pd.Index(columns, name="criterion"))
    return frame[list(w.index)]
